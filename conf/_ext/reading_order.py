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


def reading_order(app):
    """Every page once: the home page, the list's pages, the others in toc order."""
    relations, root = app.builder.relations, app.config.root_doc
    toc_order, docname = [], root
    while docname is not None and docname not in toc_order:
        toc_order.append(docname)
        docname = relations.get(docname, [None, None, None])[2]
    steps = getattr(app.env, "reading_order_steps", [])
    return list(dict.fromkeys([root, *steps, *toc_order]))


def relink(app, pagename, templatename, context, doctree):
    order = reading_order(app)
    if pagename not in order:
        return
    builder, where = app.builder, order.index(pagename)
    neighbours = {"prev": order[where - 1] if where > 0 else None,
                  "next": order[where + 1] if where + 1 < len(order) else None}
    rellinks = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    for key, accesskey, label in (("next", "N", _("next")), ("prev", "P", _("previous"))):
        docname = neighbours[key]
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
    app.connect("html-page-context", relink)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
