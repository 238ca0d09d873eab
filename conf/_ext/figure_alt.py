"""Figures: alt text in words, and each image's width and height written in the page.

- sphinx-gallery copies a figure's plot titles into its alt text, and those are mathtext
  ($\\sigma(x)$) so that one figure serves both languages; a screen reader would read the TeX
  aloud. The alt text is rewritten in words and symbols: "ReLU(x), σ(x), tanh(x)".
- A figure without plot titles gets the example's file name as alt text ("plot 13 dead relu");
  it gets the title of the section it illustrates instead, in the page's language.
- Every image carries its width and height, so the browser keeps its place before it loads and
  nothing below it moves.
"""

import re
import struct
from pathlib import Path

from docutils import nodes

GALLERY_FILE_NAME = re.compile(r"plot \d+ [\w ]+")


def _tex_as_text(tex):
    from docutils.utils.math import tex2unichar

    symbols = {name: char for table in vars(tex2unichar).values() if isinstance(table, dict)
               for name, char in table.items()}
    group = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
    tex = re.sub(r"\\frac" + group + group, r"(\1)/(\2)", tex)
    tex = re.sub(r"\\(?:mathrm|operatorname|text|mathit|mathbf)" + group, r"\1", tex)
    tex = re.sub(r"\\([A-Za-z]+)", lambda m: symbols.get(m[1], m[1]), tex)
    tex = re.sub(r"\\[,;:! ]", " ", tex).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", tex).strip()


def _section_title(node):
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    return node[0].astext() if node is not None else ""


def _readable_alt_text(app, doctree, docname):
    for node in doctree.findall(nodes.Element):
        if "$" in node.get("alt", ""):
            node["alt"] = re.sub(r"\$([^$]+)\$", lambda m: _tex_as_text(m[1]), node["alt"])
        if GALLERY_FILE_NAME.fullmatch(node.get("alt", "")):  # image or sphinx-gallery's image-sg
            node["alt"] = _section_title(node) or node["alt"]


def png_size(path):
    """(width, height) of a PNG file, read from its header; None for another format."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


IMG = re.compile(r'<img (?![^>]*\bwidth=)([^>]*?)src="([^"]+)"([^>]*?)\s*/?>')


def _image_sizes(app, pagename, templatename, context, doctree):
    """width and height attributes on the page's <img> elements (PNG files of the site)."""
    if "body" not in context or not hasattr(app.builder, "images"):
        return
    # Images are copied to the output at the end of the build, except sphinx-gallery's (copied
    # as its pages are written): the first are read where they come from, the others in place.
    sources = {Path(dest).name: Path(app.srcdir, src) for src, dest in app.builder.images.items()}
    folder = Path(app.outdir, pagename).parent

    def sized(match):
        source = sources.get(Path(match[2]).name) or folder / match[2]
        size = png_size(source) if source is not None and source.is_file() else None
        if size is None:
            return match[0]
        return f'<img {match[1]}src="{match[2]}"{match[3]} width="{size[0]}" height="{size[1]}" />'

    context["body"] = IMG.sub(sized, context["body"])


def setup(app):
    app.connect("doctree-resolved", _readable_alt_text)
    app.connect("html-page-context", _image_sizes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
