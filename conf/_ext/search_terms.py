"""The words readers search for, as main index entries of the page that answers them.

The site's search ranks a main index entry that the query matches above titles and API names,
so a reader who types "SwiGLU" lands on the tutorial about gated blocks before the function's
reference. Gallery scripts cannot carry an ``.. index::`` directive (the notebooks would show
it as text), so their entries are listed here, in both languages' words.
"""

from docutils import nodes
from sphinx import addnodes

TERMS = {
    "auto_examples/tutorials/plot_18_gated_feed_forward": [
        "SwiGLU", "GEGLU", "ReGLU", "gated feed-forward", "门控前馈"],
}


def add_entries(app, doctree):
    terms = TERMS.get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if not terms or section is None:
        return
    target_id = "search-terms"
    entries = [("single", term, target_id, "main", None) for term in terms]
    section.insert(0, addnodes.index(entries=entries, inline=False))
    section.insert(0, nodes.target("", "", ids=[target_id]))


def setup(app):
    app.connect("doctree-read", add_entries)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
