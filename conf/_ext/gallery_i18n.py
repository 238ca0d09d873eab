"""Gallery index cards in the page's language, with alt text.

sphinx-gallery writes each card's title and tooltip as raw HTML, which translation does not
reach, and gives the thumbnail an empty alt text. Each card also holds a ``:doc:`` link to its
example, whose text Sphinx resolves to the example's title in the language being built; that
title is copied into the raw HTML and into the thumbnail's alt text.
"""

import html
import re

from docutils import nodes

CARD_OPEN = re.compile(r'tooltip="[^"]*"')
CARD_TITLE = re.compile(r'(<div class="sphx-glr-thumbnail-title">)(.*?)(</div>)', re.S)


def _card_parts(doctree):
    """Yield (opening raw, thumbnail image, link, title raw) for every card, in page order."""
    wanted = (nodes.raw, nodes.image, nodes.reference)
    parts = [n for n in doctree.findall(lambda n: isinstance(n, wanted))]
    for i, node in enumerate(parts):
        if isinstance(node, nodes.raw) and "sphx-glr-thumbcontainer" in node.astext():
            image, link, title = parts[i + 1 : i + 4]
            yield node, image, link, title


def translate_cards(app, doctree, docname):
    for opening, image, link, title in _card_parts(doctree):
        text = link.astext()
        quoted = html.escape(text, quote=True)
        opening.children = [nodes.Text(CARD_OPEN.sub(f'tooltip="{quoted}"', opening.astext()))]
        retitled = CARD_TITLE.sub(lambda m: m[1] + html.escape(text) + m[3], title.astext())
        title.children = [nodes.Text(retitled)]
        image["alt"] = text


def setup(app):
    app.connect("doctree-resolved", translate_cards)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
