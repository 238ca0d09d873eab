"""The EPUB and the PDF of each language, as `make epub` and `make pdf` built them.

`make test` builds both first; `make epub` has already run epubcheck, the W3C's EPUB validator,
which fails it on any error or warning. The PDF is checked from what xelatex reported while
setting it (its log) and from its text (pdftotext): tables and lines within the page, no
character without a glyph, every figure of the gallery placed, formulas set as TeX math, and
Chinese captions in the Chinese book.
"""

import re
import subprocess
import zipfile

import pytest

from activations.catalogue import CATALOGUE
from conftest import LANGUAGES, ROOT

BUILD = ROOT / "build"


def built(path, target):
    assert path.is_file(), f"no {path.relative_to(ROOT)}: run `make {target}` (or `make test`) first"
    return path


@pytest.mark.parametrize("language", LANGUAGES)
def test_epub_is_in_its_language_and_sends_the_explorer_to_the_site(language):
    epub = built(BUILD / "epub" / language / f"activations-{language}.epub", "epub")
    with zipfile.ZipFile(epub) as book:
        package = book.read("content.opf").decode("utf-8")
        page = book.read("explorer.xhtml").decode("utf-8")
        assert not any(name.startswith("_static/explorer/") for name in book.namelist())
    assert f"<dc:language>{language.replace('_', '-')}</dc:language>" in package
    assert "<script" not in page
    assert f'href="http://localhost:8000/{language}/explorer.html"' in page


def pdf_log(language):
    built(BUILD / "pdf" / f"activations-{language}.pdf", "pdf")
    return (BUILD / "latex" / language / f"activations-{language}.log").read_text(
        encoding="utf-8", errors="replace")


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_fits_the_page_and_has_every_glyph(language):
    log = pdf_log(language)
    assert "Output written on" in log
    overfull = re.findall(r"^Overfull \\hbox .*$", log, re.M)
    assert not overfull, overfull  # a table column or a line that runs into the margin
    missing = sorted(set(re.findall(r"^Missing character: There is no (\S+)", log, re.M)))
    assert not missing, missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_places_every_gallery_figure(language):
    log = pdf_log(language)
    placed = set(re.findall(r"^File: (sphx_glr_\S+\.png) Graphic file", log, re.M))
    figures = {path.name for path in (ROOT / "docs" / "auto_examples").rglob("images/sphx_glr_*.png")}
    assert figures and figures <= placed, sorted(figures - placed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_sets_formulas_as_tex(language):
    tex = built(BUILD / "latex" / language / f"activations-{language}.tex", "pdf").read_text(
        encoding="utf-8")
    assert "<math" not in tex and "mathml" not in tex.lower()
    missing = [entry.name for entry in CATALOGUE
               if entry.formula not in tex or entry.derivative_formula not in tex]
    assert not missing, missing


def pdf_text(language):
    pdf = built(BUILD / "pdf" / f"activations-{language}.pdf", "pdf")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_chinese_book_has_chinese_captions():
    text = pdf_text("zh_CN")
    assert "激活函数" in text and "目录" in text and "第一章" in text
    for english in ("Contents", "CHAPTER", "Chapter ", "continued on next page"):
        assert english not in text, english


def test_pdf_english_book_keeps_latin_apostrophes():
    text = pdf_text("en")
    assert "PyTorch’s" in text.replace("'", "’")
    assert "PyTorch’ s" not in text
