"""An EPUB that epubcheck accepts.

The EPUB builder writes the same pages as the site, which EPUB 3 checks more strictly than a
browser does:

- sphinx-gallery's raw HTML: its cards carry a ``tooltip`` attribute (shown on hover by its
  CSS; not an HTML attribute) and each gallery section opens with an empty
  ``<div id="sg-tag-list">`` for its tag filter script, so a page with two sections holds that
  id twice. An EPUB has neither hover nor scripts: both are dropped there.
- A page that holds MathML must say so in the package document (``properties="mathml"``);
  Sphinx's EPUB builder declares no properties, so this builder adds it to those pages.
"""

import re
from pathlib import Path

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

TOOLTIP = re.compile(r'\s+tooltip="[^"]*"')
TAG_LIST = "sg-tag-list"


def drop_gallery_scripting(app, doctree, docname):
    if app.builder.name != "epub":
        return
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if TAG_LIST in text:
            raw.parent.remove(raw)
        elif "tooltip=" in text:
            raw.children = [nodes.Text(TOOLTIP.sub("", text))]


class MathMLEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, declaring the MathML of the pages that hold it."""

    def build_content(self):
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        with_math = {name for name in self.files if name.endswith(self.out_suffix)
                     and "<math" in Path(self.outdir, name).read_text(encoding="utf-8")}

        def declare(item):
            return item[0][:-3] + ' properties="mathml" />' if item["href"] in with_math else item[0]

        text = re.sub(r'<item id="[^"]*" href="(?P<href>[^"]*)" media-type="application/xhtml\+xml" />',
                      declare, opf.read_text(encoding="utf-8"))
        opf.write_text(text, encoding="utf-8")


def setup(app):
    app.add_builder(MathMLEpubBuilder, override=True)
    app.connect("doctree-resolved", drop_gallery_scripting)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
