"""Every page of both languages, opened in headless Chromium the way a reader opens it.

Each page is visited once (tests/page_visits.py, shared with the accessibility tests) and what
a reader would meet is recorded: console errors, failed requests, requests to other hosts,
images that do not load or have no alt text, math that did not render, where the language
switch leads, and, at phone width, what makes the page scroll sideways. The tests below check
those records, each listing every page at fault. Screenshots of the home page, a gallery page
and a search result page, at desktop and phone width, go to build/screenshots/.
"""

import ast
import importlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import HTML, LANGUAGES, ROOT
from page_visits import DESKTOP, PHONE, Visit, instrument

SCREENSHOTS = HTML.parent / "screenshots"

# Raw TeX a reader must never see: a command (\frac, \sigma ...), display or inline delimiters,
# or an unconverted role.
RAW_TEX = re.compile(r"\\[A-Za-z]{2,}|\$\$|\\[()\[\]]|\$[^$\s][^$\n]*\$|:math:|\{math\}")


def other(language):
    return next(lang for lang in LANGUAGES if lang != language)


# --- how many formulas a page's source holds (so the page must show at least that many) -------

def _docstring_math(text):
    """Math roles and directives in reST, not counting ``literals`` and doctest lines."""
    text = re.sub(r"``.+?``", "", text or "", flags=re.S)
    text = "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith((">>>", "... ")))
    return len(re.findall(r":math:`|\.\. math::", text))


def _autodoc_math(rst):
    """Formulas in the docstrings that the page's standard autodoc directives pull in."""
    count = 0
    pattern = r"^\s*\.\. auto(module|function|class)::\s*(\S+)\n((?:[ \t]+:.*\n)*)"
    for directive, name, options in re.findall(pattern, rst + "\n", re.M):
        if directive == "module":
            module = importlib.import_module(name)
            count += _docstring_math(module.__doc__)
            if ":no-members:" in options:
                continue
            excluded = re.findall(r":exclude-members:\s*(.*)", options)
            excluded = {n.strip() for n in excluded[0].split(",")} if excluded else set()
            members = getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")])
            count += sum(_docstring_math(getattr(getattr(module, m, None), "__doc__", ""))
                         for m in members
                         if m not in excluded and callable(getattr(module, m, None)))
        else:
            module, _, attribute = name.rpartition(".")
            count += _docstring_math(getattr(importlib.import_module(module), attribute).__doc__)
    return count


def _markdown_math(md):
    md = re.sub(r"^(```|~~~)(?!\{math\}).*?^\1", "", md, flags=re.S | re.M)  # code fences
    count = md.count("```{math}") + md.count("{math}`")
    md = re.sub(r"(\{math\})?`[^`\n]*`", "", md)  # math roles (counted) and inline code
    count += len(re.findall(r"\$\$.+?\$\$", md, flags=re.S))
    md = re.sub(r"\$\$.+?\$\$", "", md, flags=re.S)
    return count + len(re.findall(r"\$[^$\s][^$\n]*?\$", md))


def source_math(page):
    """Lower bound on the <math> elements of ``page`` (a path under build/html/<language>/)."""
    path = Path(page).with_suffix("")
    if path.parts[0] == "auto_examples":
        folder = ROOT / "gallery" / Path(*path.parts[1:-1])
        if path.name == "index":
            header = next(folder.glob("GALLERY_HEADER.*"), None) or next(folder.glob("README.*"))
            return _docstring_math(header.read_text(encoding="utf-8"))
        script = (folder / path.name).with_suffix(".py").read_text(encoding="utf-8")
        return _docstring_math(ast.get_docstring(ast.parse(script), clean=False)) + sum(
            _docstring_math(line) for line in script.splitlines() if line.lstrip().startswith("#"))
    rst, md = ROOT / "docs" / f"{path}.rst", ROOT / "docs" / f"{path}.md"
    if rst.is_file():
        text = rst.read_text(encoding="utf-8")
        return _docstring_math(text) + _autodoc_math(text)
    if md.is_file():
        return _markdown_math(md.read_text(encoding="utf-8"))
    return 0  # genindex, search, py-modindex: generated, no source


def _failures(visits, language, check):
    found = {page: check(visit) for page, visit in visits(language).items()}
    found = {page: problem for page, problem in found.items() if problem}
    return "\n".join(f"{language}/{page}: {problem}" for page, problem in found.items())


# --- the checks --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_visited(visits, language):
    visited = list(visits(language))
    assert len(visited) >= 10 and "index.html" in visited, visited


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_console_errors(visits, language):
    problems = _failures(visits, language, lambda v: v.console_errors)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_failed_requests(visits, language):
    problems = _failures(visits, language, lambda v: v.failed_requests)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_requests_to_another_host(visits, language):
    problems = _failures(visits, language, lambda v: v.offsite_requests)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_image_loads_and_has_alt_text(visits, language):
    def check(visit):
        broken = [img["src"] for img in visit.images if img["width"] == 0]
        no_alt = [img["src"] for img in visit.images if not (img["alt"] or "").strip()]
        tex_alt = [img["alt"] for img in visit.images if RAW_TEX.search(img["alt"] or "")]
        return ([f"does not load: {broken}"] if broken else []) + (
            [f"no alt text: {no_alt}"] if no_alt else []) + (
            [f"raw TeX in alt text: {tex_alt}"] if tex_alt else [])
    problems = _failures(visits, language, check)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_math_is_rendered_not_raw_tex(visits, language):
    def check(visit):
        problems = [f"raw TeX in the text: {m[0]!r}" for m in RAW_TEX.finditer(visit.visible_text)]
        math = visit.math
        if math["not_mathml"] or math["not_drawn"] or math["errors"]:
            problems.append(f"math not rendered: {math}")
        return problems
    problems = _failures(visits, language, check)
    assert not problems, problems
    for page, visit in visits(language).items():
        expected = source_math(page)
        assert visit.math["count"] >= expected, (
            f"{language}/{page}: {visit.math['count']} <math> for {expected} in its source")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_function_shows_the_formulas_of_its_docstring(visits, language):
    """Wherever the API reference documents a function, its formulas are there, as MathML."""
    import activations

    entries = {}
    for page, visit in visits(language).items():
        entries.update({entry: (page, count) for entry, count in visit.objects.items()})
    checked = 0
    for name in activations.__all__:
        expected = _docstring_math(getattr(activations, name).__doc__)
        found = [(entry, page, count) for entry, (page, count) in entries.items()
                 if entry.startswith("activations.") and entry.endswith("." + name)]
        assert found, f"activations.{name} is documented on no {language} page"
        for entry, page, count in found:
            assert count >= expected, f"{language}/{page}#{entry}: {count} <math> for {expected}"
        checked += expected > 0
    assert checked >= 10


def test_pages_with_math_in_their_source_are_found():
    """The expectation above has teeth: the gallery scripts and the API hold formulas."""
    assert source_math("auto_examples/plot_01_relu_sigmoid_tanh.html") >= 2
    assert _autodoc_math(".. automodule:: activations\n   :members:\n") >= 10
    assert _autodoc_math(".. automodule:: activations\n   :no-members:\n") <= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_leads_to_the_same_page(visits, language, server):
    target = other(language)

    def check(visit):
        if visit.switch["links"] != 1:
            return f"{visit.switch['links']} language switch links"
        return None

    problems = _failures(visits, language, check)
    assert not problems, problems
    for page, visit in visits(language).items():
        assert visit.switch["path"] == f"/{target}/{page}", (page, visit.switch)
        # The page there declares its language (its own visit, in the other language's run,
        # checks what it loads).
        there = (HTML / target / page).read_text(encoding="utf-8")
        assert re.search(r"<html[^>]* lang=\"([^\"]+)\"", there)[1] == target.replace("_", "-"), page


def test_landing_page(browser, server):
    context = browser.new_context()
    tab = context.new_page()
    state = {"visit": Visit(), "leaving": False}
    instrument(tab, server, state)
    tab.goto(f"{server}/index.html", wait_until="load")
    links = tab.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert links == ["en/index.html", "zh_CN/index.html"]
    for href, lang in zip(links, ("en", "zh-CN")):
        state["leaving"] = True
        tab.goto(f"{server}/index.html", wait_until="commit")
        state["leaving"] = False
        tab.wait_for_load_state("load")
        state["leaving"] = True
        with tab.expect_navigation(wait_until="commit"):
            tab.click(f"a[href='{href}']")
        state["leaving"] = False
        tab.wait_for_load_state("load")
        assert tab.evaluate("document.documentElement.lang") == lang
    context.close()
    visit = state["visit"]
    assert not visit.console_errors and not visit.failed_requests, visit
    assert not visit.offsite_requests, visit


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(visits, language):
    """At 390 px, wide tables, code and formulas scroll inside their own box, not the page."""
    problems = _failures(visits, language, lambda v: v.phone_overflow)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_word_titles_are_not_broken_on_a_phone(visits, language):
    """A title that is one Latin word (a function's full name, activations.sparse_sigmoid) stays
    on one line at 390 px: broken, it read "activations.sparse_sig / moid". (Chinese titles may
    break between any two characters.)"""
    def broken(visit):
        text = visit.phone_title.get("text", "")
        return visit.phone_title.get("lines", 1) > 1 and text.isascii() and " " not in text
    problems = _failures(visits, language, lambda v: v.phone_title if broken(v) else None)
    assert not problems, problems
    # The check sees the function pages' titles.
    assert any(visit.phone_title.get("text", "").startswith("activations.")
               for visit in visits(language).values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_scrolls_sideways_at_desktop_width(visits, language):
    """At 1280 x 800 every table, code block and formula fits its column."""
    problems = _failures(visits, language, lambda v: v.desktop_scrollers)
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_is_at_the_top_of_every_page(visits, language):
    """At 390 px the button that opens navigation and search is in the first screen line."""
    def check(visit):
        menu = visit.phone_menu
        if not menu or menu["width"] < 24 or menu["height"] < 24 or menu["top"] > 60:
            return f"menu button: {menu}"
        return None
    problems = _failures(visits, language, check)
    assert not problems, problems


@pytest.mark.parametrize("language", ["zh_CN"])
def test_theme_labels_are_chinese_on_chinese_pages(visits, language):
    """Every aria-label, title, placeholder and stylesheet label of a zh_CN page has Chinese
    (names of functions and pages, such as ReLU, may appear in it), and no English UI word."""
    english = re.compile(r"\b(Toggle|Search|Next|Previous|Copy|Language|Out|Skip|Back to top)\b")

    def check(visit):
        return [label for label in visit.labels
                if english.search(label) or not re.search(r"[\u4e00-\u9fff]", label)
                and not re.fullmatch(r"[\w .'()-]+", label)]
    problems = _failures(visits, language, check)
    assert not problems, problems
    labels = [label for visit in visits(language).values() for label in visit.labels]
    assert "输出：" in labels and "语言" in labels and "打开或关闭导航栏" in labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_opens_navigation_and_search(browser, server, language):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{server}/{language}/auto_examples/tutorials/plot_12_vanishing_gradients.html")
    search = tab.locator(".sidebar-drawer input[name='q']")
    assert not search.is_visible() or search.bounding_box()["x"] < 0
    tab.locator("label.nav-overlay-icon").click()
    tab.wait_for_timeout(400)  # the drawer slides in
    box = search.bounding_box()
    assert box and box["x"] >= 0 and box["y"] < PHONE["height"], box
    assert tab.locator(".sidebar-drawer a[href$='install.html']").first.is_visible()
    search.fill("ReLU" if language == "en" else "梯度消失")
    search.press("Enter")
    tab.wait_for_selector("#search-results li a", timeout=20_000)
    context.close()


@pytest.mark.parametrize("page", ["activations/relu.html", "auto_examples/plot_02_leaky_relu.html"])
def test_figures_keep_a_white_ground_in_dark_mode(browser, server, page):
    """Figures are drawn in black on white: in dark mode they must not sit on a dark ground."""
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(f"{server}/en/{page}", wait_until="load")
    page_ground = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page_ground != "rgb(255, 255, 255)", "not in dark mode"
    grounds = tab.eval_on_selector_all(
        "article img", "imgs => imgs.map((img) => getComputedStyle(img).backgroundColor)")
    assert grounds and set(grounds) == {"rgb(255, 255, 255)"}, grounds
    context.close()


def test_copy_button_copies_code_without_prompts_or_output(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(f"{server}/en/api/relu/relu.html", wait_until="load")
    block = tab.locator("div.doctest").first
    shown = block.locator("pre").inner_text()
    assert ">>> " in shown
    block.hover()
    block.locator("button.copybtn").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    code = [line[4:] for line in shown.splitlines() if line.startswith((">>> ", "... "))]
    assert copied.splitlines() == code, (shown, copied)
    context.close()


SCREENSHOT_PAGES = {
    "home": "index.html",
    "gallery": "auto_examples/index.html",
    "example": "auto_examples/plot_01_relu_sigmoid_tanh.html",
    "search": {"en": "search.html?q=" + quote("vanishing gradient"),
               "zh_CN": "search.html?q=" + quote("梯度消失")},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots(browser, server, language, device):
    viewport = DESKTOP if device == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, is_mobile=device == "phone",
                                  has_touch=device == "phone")
    tab = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, page in SCREENSHOT_PAGES.items():
        page = page[language] if isinstance(page, dict) else page
        tab.goto(f"{server}/{language}/{page}", wait_until="load")
        if name == "search":
            tab.wait_for_selector("#search-results ul.search li", timeout=20_000)
        switch = tab.locator("nav.language-switch a").bounding_box()
        assert switch and 0 <= switch["x"] and switch["x"] + switch["width"] <= viewport["width"], (
            f"{language}/{page}: the language switch is not on screen ({switch})")
        path = SCREENSHOTS / f"{language}-{name}-{device}.png"
        tab.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000, path
    context.close()


@pytest.mark.parametrize(("language", "query", "note"), [
    ("en", "sigmoid", "make serve"), ("zh_CN", "激活函数", "make serve"),
])
def test_search_from_disk_lists_results_and_says_to_serve_the_site(browser, site, language,
                                                                   query, note):
    """Opened from file://, a page may not fetch other pages: no errors, titles, a clear note."""
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((HTML / language / "search.html").as_uri() + "?q=" + quote(query))
    tab.wait_for_selector("#search-results li a", timeout=30_000)
    # The search is over when it says how many pages it found.
    tab.wait_for_function("document.querySelector('.search-summary')?.textContent")
    notice = tab.locator(".file-protocol-note")
    assert notice.is_visible() and note in notice.inner_text()
    assert (language == "zh_CN") == bool(re.search(r"[\u4e00-\u9fff]", notice.inner_text()))
    assert tab.locator("#search-results li a").count() > 0
    tab.wait_for_timeout(500)  # a fetch of a result's page would fail by now
    assert not errors, errors
    context.close()


def test_search_served_hides_the_disk_note(page, server):
    page.goto(f"{server}/en/search.html?q=sigmoid")
    page.wait_for_selector("#search-results li p.context", timeout=30_000)
    assert not page.locator(".file-protocol-note").is_visible()
