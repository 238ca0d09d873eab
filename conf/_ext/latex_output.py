"""A PDF whose chapters are the site's pages.

The home page's table of contents (a hidden toctree) sits in its last section, so the LaTeX
builder, which puts each listed page where the toctree is, would make every page a section of
that one chapter ("Why another reference"). For the LaTeX builder only, the toctree moves to the
end of the page, outside its sections: the home page's sections, then each listed page, become
the chapters.
"""

from sphinx import addnodes


def chapters_from_pages(app, doctree):
    if app.builder.name != "latex" or app.env.docname != app.config.root_doc:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        wrapper = toctree.parent  # Sphinx's <compound class="toctree-wrapper">
        wrapper.parent.remove(wrapper)
        doctree += wrapper


def setup(app):
    app.connect("doctree-read", chapters_from_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
