"""The words readers search for, as main index entries of the page that answers them.

The site's search ranks a main index entry that the query matches above titles and API names,
so a reader who types "SwiGLU" lands on the tutorial about gated blocks before the function's
reference. Gallery scripts cannot carry an ``.. index::`` directive (the notebooks would show
it as text), so their entries are listed here, in both languages' words.
(``search_index_entries`` keeps them in the search index across incremental builds.)
"""

from docutils import nodes
from sphinx import addnodes

TERMS = {
    "auto_examples/tutorials/plot_18_gated_feed_forward": [
        "SwiGLU", "GEGLU", "ReGLU", "gated feed-forward", "门控前馈"],
    "auto_examples/tutorials/plot_19_saturation": [
        "soft saturation", "hard saturation", "软饱和", "硬饱和"],
    "auto_examples/tutorials/plot_20_initialisation": [
        "initialisation", "initialization", "Kaiming", "He initialisation", "Xavier", "Glorot",
        "LeCun", "calculate_gain", "初始化"],
    "auto_examples/tutorials/plot_21_pytorch_in_practice": [
        "inplace", "in-place", "原地操作", "float16", "bfloat16", "nn.functional"],
}


def add_entries(app, doctree):
    terms = TERMS.get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if not terms or section is None:
        return
    target_id = "search-terms"
    entries = [("single", term, target_id, "main", None) for term in terms]
    # After the title, which the title collector reads as the section's first child.
    section.insert(1, addnodes.index(entries=entries, inline=False))
    section.insert(1, nodes.target("", "", ids=[target_id]))


def setup(app):
    # Before search_index_entries collects the page's entries for the search index.
    app.connect("doctree-read", add_entries, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
