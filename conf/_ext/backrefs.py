"""Each documented function lists the gallery examples that use it.

sphinx-gallery records, for every name an example calls, which examples call it
(``docs/gen_modules/backreferences/<name>.examples``). Where that list is not empty, a
translatable heading and the example cards are added after the function's description in the
API reference; ``catalogue_pages`` adds them to each activation's page the same way.
"""

from pathlib import Path

HEADING = "Gallery examples that use it"


def examples_using(app, name):
    """reST lines: a heading and the cards of the examples that use ``name``, or nothing."""
    conf = app.config.sphinx_gallery_conf
    listing = Path(app.srcdir, conf["backreferences_dir"], f"{name}.examples")
    if not listing.is_file():
        return []
    app.env.note_dependency(str(listing))  # re-read the page when the list changes
    if "sphx-glr-thumbcontainer" not in listing.read_text("utf-8"):
        return []
    return ["", f".. rubric:: {HEADING}", "", f".. minigallery:: {name}", ""]


def add_to_docstring(app, what, name, obj, options, lines):
    if what == "function":
        lines.extend(examples_using(app, name))


def setup(app):
    app.connect("autodoc-process-docstring", add_to_docstring)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
