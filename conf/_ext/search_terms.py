"""The words readers search for, as main index entries of the page that answers them.

The site's search ranks a main index entry that the query matches above titles and API names,
so a reader who types "SwiGLU" lands on the tutorial about gated blocks before the function's
reference. Gallery scripts cannot carry an ``.. index::`` directive (the notebooks would show
it as text), so their entries are listed here, in both languages' words.

Sphinx 9.0 gathers the index entries for the search only while it writes pages, after it has
saved the environment, and does not read them back from the previous search index: a rebuild
that rewrites a page loses the entries of every other page (``.. index::`` ones too). So the
entries of each page are also recorded when it is read, and saved with the environment.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.util.index_entries import split_index_msg

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
    section.insert(0, addnodes.index(entries=entries, inline=False))
    section.insert(0, nodes.target("", "", ids=[target_id]))


def remember_entries(app, doctree):
    """The page's index entries as the search index holds them, kept with the environment."""
    entries = set()
    for node in doctree.findall(addnodes.index):
        for entry_type, value, target_id, main, _key in node["entries"]:
            try:
                words = split_index_msg(entry_type, value)
            except ValueError:
                continue
            entries |= {(word, target_id or "", main) for word in words}
    app.env._search_index_index_entries[app.env.docname] = sorted(entries)


def forget_entries(app, env, docname):
    """A page that is removed (or read again) takes its entries with it."""
    env._search_index_index_entries.pop(docname, None)


def setup(app):
    app.connect("env-purge-doc", forget_entries)
    app.connect("doctree-read", add_entries)
    app.connect("doctree-read", remember_entries, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
