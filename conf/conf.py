"""Sphinx configuration shared by the English and the Chinese build (``sphinx-build -c conf``)."""

import os
import sys
import time
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(CONF_DIR / "_ext"))

import activations  # noqa: E402
from wheel import site_url  # noqa: E402

author = "The activations authors"  # project, author, copyright: SITE_TEXT below, per language
release = activations.__version__
version = ".".join(release.split(".")[:2])

# Read the Docs builds each language as its own project and names it in READTHEDOCS_LANGUAGE
# ("en", "zh-cn"); locally the Makefile passes -D language=...
_RTD_LANGUAGES = {"en": "en", "zh-cn": "zh_CN", "zh_cn": "zh_CN"}
language = _RTD_LANGUAGES.get(os.environ.get("READTHEDOCS_LANGUAGE", "en").lower(), "en")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_gallery.gen_gallery",
    "mathml",            # LaTeX -> MathML at build time: math with no JavaScript, no network
    "zh_search",         # Chinese search that works (Sphinx 9.0 on Python 3.11)
    "search_index_entries",  # index entries (names, synonyms) survive incremental builds
    "language_switch",   # every page links to the same page in the other language
    "reading_order",     # Previous and Next follow the home page's "Where to start" list
    "search_terms",      # the words readers search for lead to the page that answers them
    "explorer",          # the interactive explorer and the values it draws, from the package
    "gallery_i18n",      # translated titles on the gallery's index cards
    "i18n_skip",         # math and markup-only paragraphs stay out of the catalogues
    "api_pages",         # a page per function, an overview per family
    "backrefs",          # each function lists the gallery examples that use it
    "catalogue_pages",   # property table and one card per activation, from activations.catalogue
    "figure_alt",        # figure alt text in words, not TeX
    "page_weight",       # only the gallery assets a page uses; generated PNGs with a palette
    "wheel",             # the package as a wheel in the site, and the command that installs it
    "download_i18n",     # downloads in the page's language, notebooks that say what to install
    "readthedocs_output",  # nothing but the site in Read the Docs' output folder
    "field_words_i18n",  # "optional", "default", "or" and the field colon in the page's language
    "meta_description",  # a description of each page for search engines, from its first words
    "sphinx_copybutton",  # a copy button on code; it copies neither prompts nor output
    "epub_output",       # an EPUB that epubcheck accepts: MathML declared, no gallery scripting
    "latex_output",      # a PDF whose chapters are the site's pages
    "gc_freeze",         # the garbage collector skips what lives through the build
    "navigation_tree",   # furo's navigation tree rendered once per folder, not once per page
]

root_doc = "index"
exclude_patterns = ["locale", "auto_examples/*.ipynb", "auto_examples/*.py", "auto_examples/*.zip",
                    "auto_examples/*.md5", "auto_examples/*.json", "sg_execution_times.rst"]
templates_path = [str(CONF_DIR / "_templates")]
nitpicky = True

# --- translation ---------------------------------------------------------------------------
locale_dirs = ["locale/"]
gettext_compact = False       # one catalogue per page: translators work in parallel
gettext_uuid = False
gettext_location = False        # no line numbers: catalogues do not churn when a line moves
gettext_last_translator = "activations authors"
gettext_language_team = "zh_CN"
# Index entries are translated: the search ranks them first, so they carry the names and
# synonyms readers search for, in each language.
gettext_additional_targets = ["index"]

# --- HTML ----------------------------------------------------------------------------------
# furo: dark mode, a phone drawer with navigation and search, a page outline, no off-site requests.
html_theme = "furo"
html_static_path = [str(CONF_DIR / "_static")]
html_css_files = ["site.css"]
html_favicon = str(CONF_DIR / "_static" / "favicon.svg")
html_theme_options = {
    # The one top-of-page component is the language switch
    # (conf/_templates/components/view-this-page.html): on screen at every width.
    "top_of_page_buttons": ["view"],
    "light_css_variables": {
        "font-stack": "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif",
        "font-stack--headings": "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif",
        "font-stack--monospace": "ui-monospace, 'DejaVu Sans Mono', monospace",
    },
}
html_math_renderer = "mathml"
html_copy_source = False
html_use_index = False          # the API pages list every function; no general index
html_domain_indices = False     # nor a one-entry module index
html_show_sourcelink = False
html_last_updated_fmt = None

# --- EPUB (make epub) -----------------------------------------------------------------------
# sphinx-gallery's badge images are not used here; their SVG declares external entities,
# which EPUB forbids. Sphinx keeps the previous build's state as .buildinfo.bak when the
# configuration changes, which is no part of the book either.
epub_exclude_files = ["_static/jupyterlite_badge_logo.svg", "_static/binder_badge_logo.svg",
                      "_static/broken_example.png", "_static/no_image.png", ".buildinfo.bak"]

# --- PDF (make pdf) --------------------------------------------------------------------------
# xelatex, for Unicode text; Chinese (the zh_CN book, and the Chinese terms of the English
# glossary) through xeCJK in Noto CJK (fonts-noto-cjk). Document, title and author per
# language: _localise_site_text below.
latex_engine = "xelatex"
latex_use_xindy = False          # no index, as on the site: no xindy to install
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "printindex": "",
    "fontenc": r"\usepackage{xeCJK}",  # loads fontspec, as Sphinx's xelatex set-up does
    "preamble": r"""
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
}
LATEX_LANGUAGE = {
    # In English text, quotes, apostrophes, dashes and ellipses are Latin: xeCJK would
    # otherwise set them in the Chinese font, full width ("PyTorch’ s").
    "en": {"preamble": latex_elements["preamble"]
           + r'\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D, "2014, "2026}'},
    # ctex (on xeCJK) names the contents, chapters and figures in Chinese (babel has no Chinese
    # captions) and sets the chapter headings (第 3 章); a full-width comma in the page header.
    "zh_CN": {"fontenc": r"\usepackage[fontset=none,heading=true]{ctex}", "babel": "",
              "fncychap": "",
              "preamble": latex_elements["preamble"] + r"\renewcommand{\sphinxheadercomma}{，}"},
}

# --- copy buttons ------------------------------------------------------------------------
# Doctest prompts and output are Pygments' .gp and .go spans: copied code runs as it is.
copybutton_exclude = ".linenos, .gp, .go"
copybutton_selector = "div:not(.sphx-glr-script-out) > div.highlight pre"

# --- API reference -------------------------------------------------------------------------
autodoc_default_options = {"members": True}
autodoc_member_order = "bysource"
autodoc_typehints = "none"
napoleon_google_docstring = False
napoleon_use_rtype = False

# --- MyST ----------------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "deflist"]
myst_heading_anchors = 3

# --- gallery -------------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",
    "within_subsection_order": "FileNameSortKey",
    "doc_module": ("activations",),
    "backreferences_dir": "gen_modules/backreferences",
    "reference_url": {"activations": None},
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    # Timing strings would change the catalogues at every build and add a timing page.
    "min_reported_time": 10**9,
    "write_computation_times": False,
    "show_memory": False,
    "show_signature": False,
    "matplotlib_animations": False,
    # Before each example: matplotlib's defaults, then the heap frozen (conf/_ext/gc_freeze.py).
    "reset_modules": ("matplotlib", "gc_freeze.collect_and_freeze"),
    "image_srcset": [],
    "thumbnail_size": (320, 224),
    "default_thumb_file": None,
    "capture_repr": ("_repr_html_", "__repr__"),
    "first_notebook_cell": "%matplotlib inline",  # after the install cell of download_i18n
    "plot_gallery": "True",
    # With sphinx -j N (make docs JOBS=N), N processes run the examples, each once.
    "parallel": True,
}

# sphinx-gallery imports matplotlib.pyplot while it reads this configuration, even when every
# example is up to date: 0.8 s of a 2 s rebuild. Before an example runs, its "reset_modules"
# step (matplotlib by default) imports matplotlib again and selects the Agg backend, and the
# scraper does the same, so that first import is skipped.
import sphinx_gallery.gen_gallery  # noqa: E402

if hasattr(sphinx_gallery.gen_gallery, "_import_matplotlib"):
    sphinx_gallery.gen_gallery._import_matplotlib = lambda: None

# Names from NumPy and PyTorch are cited, not cross-linked: intersphinx would need the network.
nitpick_ignore_regex = [
    (r"py:(class|obj)", r"array_like|ndarray|numpy scalar|numpy\..*|torch\..*|callable|optional"),
    (r"py:(func|mod|class)", r"(numpy|torch|copy|math|numbers)(\..*)?"),
    (r"py:class", r"\d+/\d+"),               # defaults such as ``lower : float, default 1/8``
    (r"py:obj", r"True|False|None"),
]
napoleon_preprocess_types = True


# The few strings that come from the configuration rather than from a page. The language is
# only final once command-line overrides (-D language=...) are applied, hence the hook.
SITE_TEXT = {
    "en": {"title": "Activation functions", "author": "The activations authors",
           "description": "A tested reference for neural-network activation functions",
           "copyright": "2026, the activations authors",
           # The search page opened from disk (file://), where a page may not read others.
           "file_search_note": (
               "This page was opened from disk, so results are listed by title only: a browser "
               "does not let a page opened from disk read other pages. To search their text, "
               "serve the site: run make serve in the project folder, then open "
               "http://localhost:8000/.")},
    "zh_CN": {"title": "激活函数", "author": "activations 项目作者",
              "description": "经过测试的神经网络激活函数参考",
              "copyright": "2026，activations 项目作者",
              "file_search_note": (
                  "此页面是从本地磁盘直接打开的，因此搜索结果只列出标题：浏览器不允许从磁盘打开的页面"
                  "读取其他页面。要搜索页面正文，请通过本地服务器访问本站：在项目文件夹中运行 make serve，"
                  "然后打开 http://localhost:8000/。")},
}


def _localise_site_text(app, config):
    text = SITE_TEXT[config.language]
    config.project = config.html_title = config.html_short_title = text["title"]
    config.copyright = text["copyright"]
    config.html_context = {**config.html_context, "file_search_note": text["file_search_note"],
                           "site_description": text["description"]}
    config.html_baseurl = site_url(config.language)  # absolute canonical and hreflang links
    config.epub_basename = f"activations-{config.language}"
    config.epub_language = config.language.replace("_", "-")  # BCP 47, as EPUB requires
    config.epub_author = config.epub_publisher = text["author"]
    config.latex_documents = [(config.root_doc, f"activations-{config.language}.tex",
                               text["title"], text["author"], "manual")]
    config.latex_elements = {**config.latex_elements, **LATEX_LANGUAGE[config.language]}


def _stale_examples(app):
    """The gallery scripts whose executed output is missing or older than the script."""
    from sphinx_gallery.gen_rst import get_md5sum

    conf = app.config.sphinx_gallery_conf
    gallery = Path(app.srcdir, conf["examples_dirs"][0]).resolve()
    executed = Path(app.srcdir, conf["gallery_dirs"][0])
    return [script for script in gallery.rglob("plot_*.py")
            if not (md5 := executed / script.relative_to(gallery).with_suffix(".py.md5")).is_file()
            or md5.read_text() != get_md5sum(script, mode="t")]


def _parallel_gallery_only_to_run_examples(app):
    """sphinx-gallery starts its processes (2-3 s of CPU each) even when no example is to run,
    as in a rebuild or the Chinese build: it runs them in this process unless two are stale."""
    conf = app.config.sphinx_gallery_conf
    if conf["parallel"] and (not conf["plot_gallery"] or len(_stale_examples(app)) < 2):
        conf["parallel"] = False


def _examples_ready(app, env, docnames):
    """The English build of `make docs` has run the examples and drawn the activation plots
    (catalogue_pages waits for them, priority 400): it touches the file EXAMPLES_READY names,
    before the gallery's figures get their palettes (page_weight, 500), which the Chinese build
    needs only when it copies the images."""
    ready = os.environ.get("EXAMPLES_READY")
    if ready:
        Path(ready + ".figures").unlink(missing_ok=True)  # a previous build's, before the signal
        Path(ready).touch()


def _figures_ready(app, env, docnames):
    """... and once every figure has its palette, the file named with ".figures" added."""
    if os.environ.get("EXAMPLES_READY"):
        Path(os.environ["EXAMPLES_READY"] + ".figures").touch()


def _wait_for_figures(app):
    """The Chinese build of `make docs` copies the images after this event: it waits for the
    English build's palettes (page_weight leaves them to it), 1-2 s of work that no longer
    delays the Chinese build's reading and writing."""
    ready = os.environ.get("WAIT_FOR_EXAMPLES")
    if ready:
        _wait_for(ready + ".figures")
    return []


def _wait_for(path):
    while not Path(path).exists():
        time.sleep(0.05)


def _wait_for_examples(app):
    """The Chinese build of `make docs` starts with the English one, so that its start-up (2 s)
    runs beside the examples, and waits here, before anything reads or writes the sources
    (every other builder-inited step), for the file WAIT_FOR_EXAMPLES names. The Makefile stops
    it if the English build fails. While examples run, pages will change, so the Chinese build
    loads jieba's dictionary (0.9 s), which indexing them needs, as it waits."""
    ready = os.environ.get("WAIT_FOR_EXAMPLES")
    if not ready:
        return
    if app.config.language == "zh_CN" and _stale_examples(app):
        import jieba

        jieba.initialize()
    _wait_for(ready)


def setup(app):
    app.connect("config-inited", _localise_site_text)
    app.connect("env-before-read-docs", _examples_ready, priority=450)
    app.connect("env-before-read-docs", _figures_ready, priority=900)
    app.connect("html-collect-pages", _wait_for_figures)
    app.connect("builder-inited", _wait_for_examples, priority=0)
    # After sphinx-gallery reads plot_gallery (priority 10), before it runs the gallery (500).
    app.connect("builder-inited", _parallel_gallery_only_to_run_examples, priority=100)
