"""furo's navigation tree, rendered once per folder instead of once per page.

furo puts the whole table of contents in every page's sidebar: Sphinx resolves and renders the
site's toctree for the page, then furo parses the HTML (BeautifulSoup) to add its checkboxes,
5-6 s of CPU per language. Two pages' trees differ only in their links, which are relative to
the page's folder, and in the marks of the page's own branch. So the tree is rendered once per
folder for a page that is in no branch (a name no document has), and each page then marks its
branch as Sphinx and furo do: the ``current`` class on every list and item that holds the page,
their checkboxes checked (expanded), ``current-page`` on the page's item, and the page's own
link ``class="current reference internal" href="#"``. A page that the tree does not list once
exactly (the home page, the search page) gets furo's own computation.
"""

import re
from pathlib import PurePosixPath

import furo

NOT_A_PAGE = "__navigation__"  # a name in no toctree: its tree has no branch marked
TAG = re.compile(r"<(/?)(ul|li)\b[^>]*>")
CHECKBOX = re.compile(r'<input aria-label="[^"]*" ')

_furo_navigation_tree = furo._compute_navigation_tree
_unmarked = {}  # folder -> furo's tree for a page of that folder that no branch holds
_builder = []


def _tree_for(folder):
    if folder not in _unmarked:
        builder = _builder[0]
        page = (PurePosixPath(folder) / NOT_A_PAGE).as_posix()
        html = builder._get_local_toctree(page, collapse=False, titles_only=True, maxdepth=-1,
                                          includehidden=True)
        _unmarked[folder] = (furo.get_navigation_tree(html),
                             lambda target: builder.get_relative_uri(page, target))
    return _unmarked[folder]


def _marked(tree, link):
    """``tree`` with the branch of the item whose link is ``link`` marked; None if no single
    item has that link."""
    if tree.count(link) != 1:
        return None
    at = tree.index(link)
    branch = []  # the <ul> and <li> that hold the link: (start, end of the opening tag)
    for tag in TAG.finditer(tree, 0, at):
        if tag[1]:
            branch.pop()
        else:
            branch.append((tag.start(), tag.end(), tag[2]))
    edits = [(at, at + len(link), '<a class="current reference internal" href="#">')]
    for number, (start, end, name) in enumerate(branch):
        opening = tree[start:end]
        if name == "ul":
            edits.append((start, end, '<ul class="current">'))
            continue
        classes = re.search(r'class="toctree-l\d+', opening)
        page = " current-page" if number == len(branch) - 1 else ""
        marked = opening[:classes.end()] + " current" + opening[classes.end():]
        if page:
            marked = marked[:-2] + page + '">'
        edits.append((start, end, marked))
        if "has-children" in opening:  # its checkbox, after its own link: checked
            box = CHECKBOX.search(tree, end)
            edits.append((box.end(), box.end(), 'checked="" '))
    for start, end, text in sorted(edits, reverse=True):
        tree = tree[:start] + text + tree[end:]
    return tree


def navigation_tree(context):
    pagename = context.get("pagename", "")
    if not _builder or "toctree" not in context:
        return _furo_navigation_tree(context)
    tree, relative_uri = _tree_for(str(PurePosixPath(pagename).parent))
    link = f'<a class="reference internal" href="{relative_uri(pagename)}">'
    return _marked(tree, link) or _furo_navigation_tree(context)


def _start(app):
    _unmarked.clear()
    _builder[:] = [app.builder] if app.builder.format == "html" else []


def setup(app):
    furo._compute_navigation_tree = navigation_tree
    app.connect("builder-inited", _start)
    app.connect("env-updated", lambda app, env: _unmarked.clear())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
