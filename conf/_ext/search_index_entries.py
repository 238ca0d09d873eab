"""Keep every page's index entries in the search index of an incremental build (Sphinx 9.0).

The search ranks a page first when the query is one of its ``.. index::`` entries, which carry
the names and synonyms readers search for. Sphinx 9.0 collects a page's entries only when it
writes the page, into the environment, which it has already saved by then: the next build that
rewrites only some pages writes a search index with the entries of those pages alone (after a
change to one page, "swish" no longer led to SiLU). Here the entries are collected when a page
is read, before the environment is saved, exactly as Sphinx collects them when it writes.
"""

from sphinx import addnodes
from sphinx.util.index_entries import split_index_msg


def collect(app, doctree):
    entries = set()
    for node in doctree.findall(addnodes.index):
        for entry_type, value, target_id, main, _category_key in node["entries"]:
            try:
                parts = split_index_msg(entry_type, value)
            except ValueError:
                continue
            target_id = target_id or ""
            if entry_type in {"see", "seealso"}:
                entries.add((parts[0], target_id, main))
            entries |= {(part, target_id, main) for part in parts}
    app.env._search_index_index_entries[app.env.docname] = sorted(entries)


def purge(app, env, docname):
    env._search_index_index_entries.pop(docname, None)


def merge(app, env, docnames, other):
    """A parallel read's worker collected the entries of its pages (``sphinx -j``)."""
    for docname in docnames:
        if docname in other._search_index_index_entries:
            env._search_index_index_entries[docname] = other._search_index_index_entries[docname]


def in_page_order(app, env):
    """Pages in name order, as a serial cold build reads them, whatever order they were read or
    merged in: the search index lists a word's pages in this order."""
    entries = env._search_index_index_entries
    in_order = sorted(entries.items())
    entries.clear()
    entries.update(in_order)
    return []


def setup(app):
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", in_page_order)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
