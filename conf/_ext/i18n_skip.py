"""Keep messages with nothing to translate out of the catalogues.

Display math, and paragraphs made only of math, code, cross-references and numbers (table cells
such as ``:math:`[0, \\infty)``` or ``:func:`ReLU <activations.relu>```) read the same in every
language. Marking them untranslatable before the Locale transform keeps them out of the
message catalogues, so translators see only prose.
"""

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

# Links whose title is prose (":download:`Download Jupyter notebook: x.ipynb <x.ipynb>`").
PROSE_TITLE = re.compile(r":(?:download|ref):`([^`<]*)<[^`]*>`")
MARKUP = re.compile(r":[\w:]+:`[^`]*`|``[^`]*``|\{[\w:]+\}`[^`]*`|`[^`]*`|\$[^$]*\$")
WORDS = re.compile(r"[^\W\d_]{2,}")  # two or more letters of any script


def nothing_to_translate(source):
    return not WORDS.search(MARKUP.sub(" ", PROSE_TITLE.sub(r" \1 ", source)))


class SkipUntranslatable(SphinxTransform):
    default_priority = 15  # after PreserveTranslatableMessages (10), before Locale (20)

    def apply(self):
        for node in self.document.findall(nodes.math_block):
            node["translatable"] = False
        for node in self.document.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.rubric))):
            if node.rawsource and nothing_to_translate(node.rawsource):
                node["translatable"] = False


def setup(app):
    app.add_transform(SkipUntranslatable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
