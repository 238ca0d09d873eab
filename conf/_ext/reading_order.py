"""Previous and Next follow the home page's "Where to start" list.

Sphinx chains pages in table-of-contents order, which puts the gallery's short examples before
the tutorials; the list on the home page interleaves them. The reading order is the home page,
then the pages of its first numbered list as they appear there, then every other page in the
table-of-contents order. The list is read from the home page itself, so it is written once.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _
from sphinx.util import docname_join


def collect_list(app, doctree):
    """The documents the home page's first numbered list links to, in order."""
    env = app.env
    if env.docname != app.config.root_doc:
        return
    first = next(iter(doctree.findall(nodes.enumerated_list)), None)
    steps = [] if first is None else [
        docname_join(env.docname, xref["reftarget"])
        for xref in first.findall(addnodes.pending_xref) if xref.get("reftype") == "doc"]
    env.reading_order_steps = steps


def neighbours(env, root):
    """(previous, next) of every page: the home page, the list's pages, the others in toc order."""
    relations, toc_order, docname = env.collect_relations(), [], root
    while docname is not None and docname not in toc_order:
        toc_order.append(docname)
        docname = relations.get(docname, [None, None, None])[2]
    order = list(dict.fromkeys([root, *getattr(env, "reading_order_steps", []), *toc_order]))
    return {docname: (order[k - 1] if k else None, order[k + 1] if k + 1 < len(order) else None)
            for k, docname in enumerate(order)}


def pages_to_rewrite(app, env):
    """The pages whose Previous or Next changed since the last build (Sphinx would keep them)."""
    before = getattr(env, "reading_order_neighbours", {})
    env.reading_order_neighbours = neighbours(env, app.config.root_doc)
    return [doc for doc, pair in env.reading_order_neighbours.items() if before.get(doc) != pair]


def relink(app, pagename, templatename, context, doctree):
    pair = app.env.reading_order_neighbours.get(pagename)
    if pair is None:
        return
    builder = app.builder
    rellinks = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    for key, docname, accesskey, label in (("next", pair[1], "N", _("next")),
                                           ("prev", pair[0], "P", _("previous"))):
        if docname is None:
            context[key] = None
            continue
        title = builder.render_partial(app.env.titles[docname])["title"]
        context[key] = {"link": builder.get_relative_uri(pagename, docname), "title": title}
        rellinks.append((docname, title, accesskey, label))
    context["rellinks"] = rellinks


def merge_list(app, env, docnames, other):
    if app.config.root_doc in docnames:
        env.reading_order_steps = other.reading_order_steps


def setup(app):
    app.connect("doctree-read", collect_list)
    app.connect("env-merge-info", merge_list)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("html-page-context", relink)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
