"""A link on every page to the same page in the other language.

Locally the languages are sibling folders (``build/html/en/x.html``, ``build/html/zh_CN/x.html``).
On Read the Docs each language is its own project, served as ``/<language>/<version>/x.html``
(``/en/latest/``, ``/zh-cn/latest/``). The link is relative in both cases, so it also works
offline and under any domain. The ``hreflang`` links in the page's head are absolute (search
engines ignore relative ones): the page's own URL (``html_baseurl``) joined with the same
relative link.
"""

import os
from urllib.parse import urljoin

# Sphinx language -> (label shown to readers, folder locally, language segment on Read the Docs)
LANGUAGES = {
    "en": ("English", "en", "en"),
    "zh_CN": ("简体中文", "zh_CN", "zh-cn"),
}


def other_language(language):
    return next(code for code in LANGUAGES if code != language)


def language_url(pagename, target, on_readthedocs, rtd_version):
    """Relative URL of ``pagename`` in the ``target`` language's build."""
    _label, folder, rtd_segment = LANGUAGES[target]
    up = "../" * (pagename.count("/") + 1)
    if on_readthedocs:
        return f"{up}../{rtd_segment}/{rtd_version}/{pagename}.html"
    return f"{up}{folder}/{pagename}.html"


def add_switch(app, pagename, templatename, context, doctree):
    target = other_language(app.config.language)
    context["other_language_label"] = LANGUAGES[target][0]
    context["other_language_code"] = target.replace("_", "-")
    context["other_language_url"] = language_url(
        pagename,
        target,
        on_readthedocs=os.environ.get("READTHEDOCS") == "True",
        rtd_version=os.environ.get("READTHEDOCS_VERSION", "latest"),
    )
    # furo writes <html lang="{{ language }}">: a BCP 47 tag there (zh-CN, not zh_CN).
    context["language"] = context["language_code"] = app.config.language.replace("_", "-")
    own = app.config.html_baseurl + pagename + ".html"
    context["language_absolute_url"] = own
    context["other_language_absolute_url"] = urljoin(own, context["other_language_url"])


def setup(app):
    app.connect("html-page-context", add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
