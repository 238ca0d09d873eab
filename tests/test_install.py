"""Readers find how to install the package: the Install page, and the links that lead to it."""

import re

import pytest

from conftest import HTML, LANGUAGES, ROOT, TORCH_INDEX, WHEEL

EXAMPLE_PAGES = sorted(p.relative_to(ROOT / "gallery").with_suffix(".html").as_posix()
                       for p in (ROOT / "gallery").rglob("plot_*.py"))
INSTALL_LINK = re.compile(r'<a class="reference internal" href="(?:\.\./)*install\.html">')


def read(language, page):
    return (HTML / language / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_install_page_gives_the_one_command(site, language):
    html = read(language, "install.html")
    commands = re.findall(r'<pre>(.*?)</pre>', html, re.S)
    command = [re.sub(r"<[^>]+>", "", c).strip() for c in commands if "pip" in c][0]
    assert command == (f'pip install "activations-reference[examples] @ '
                       f'http://localhost:8000/{language}/{WHEEL}" --extra-index-url {TORCH_INDEX}')
    assert f'href="{WHEEL}"' in html  # the wheel, as a download


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["index.html", "auto_examples/index.html", *(
    "auto_examples/" + p for p in EXAMPLE_PAGES)])
def test_install_page_is_linked(site, language, page):
    assert INSTALL_LINK.search(read(language, page)), f"{language}/{page} has no link to install"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_example_download_area_links_to_install(site, language, page):
    html = read(language, "auto_examples/" + page)
    footer = html[html.index("sphx-glr-footer"):]
    assert "sphx-glr-download-install" in footer and INSTALL_LINK.search(footer)
    title = re.search(r"<h1>(.*?)<a", read(language, "install.html"))[1]
    assert title in footer  # the link reads as the page's title, in the page's language
