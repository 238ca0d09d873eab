"""The translated messages of a page's catalogue, as the extensions that write text read them.

``download_i18n`` translates the downloads with the example page's catalogue and
``catalogue_pages`` writes every card with the comparison page's; each catalogue is parsed once
per version of the file.
"""

import functools
from pathlib import Path

import polib
from sphinx.util.i18n import docname_to_domain


def catalogue_paths(app, docname):
    """The .po files of ``docname`` for the build's language, those that exist."""
    domain = docname_to_domain(docname, app.config.gettext_compact)
    paths = (Path(app.srcdir, directory, app.config.language, "LC_MESSAGES", domain + ".po")
             for directory in app.config.locale_dirs)
    return [path for path in paths if path.is_file()]


def page_messages(app, docname):
    """msgid -> msgstr for every translated entry of ``docname``'s catalogue."""
    messages = {}
    for path in catalogue_paths(app, docname):
        messages.update(_translated(str(path), path.stat().st_mtime_ns))
    return messages


@functools.lru_cache(maxsize=None)
def _translated(path, _version):
    return {entry.msgid: entry.msgstr for entry in polib.pofile(path) if entry.translated()}
