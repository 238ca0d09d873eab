"""A ``<meta name="description">`` on every page: its first paragraph, shortened.

Search engines show it under the page's title. A page without a paragraph of its own (the
search page) gets the site's description.
"""

import re

from docutils import nodes

LENGTH = {"en": 160, "zh_CN": 80}  # about what a search result shows, in characters


def _shorten(text, limit):
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not re.search(r"[\u3000-\u9fff]", cut):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，；：、") + "…"


def _in_a_note(node):
    """Inside an admonition, such as sphinx-gallery's "Go to the end to download" note."""
    return any(isinstance(parent, nodes.Admonition) for parent in _parents(node))


def _parents(node):
    while node.parent is not None:
        node = node.parent
        yield node


def describe(app, pagename, templatename, context, doctree):
    text = ""
    if doctree is not None:
        paragraph = next((p for p in doctree.findall(nodes.paragraph)
                          if len(p.astext()) > 40 and not _in_a_note(p)), None)
        text = paragraph.astext() if paragraph is not None else ""
    text = _shorten(text or context.get("site_description", ""), LENGTH[app.config.language])
    escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    context["metatags"] = context.get("metatags", "") + \
        f'\n<meta name="description" content="{escaped}" />'


def setup(app):
    app.connect("html-page-context", describe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
