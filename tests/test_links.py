"""Internal links of the built site, read as files: every href, anchor and image resolves.

Every page of both languages and the landing page are parsed. Each URL that stays on the site
(``<a href>``, ``<link href>``, ``src`` and ``srcset`` of images and scripts) must name a file
of the build; a ``#fragment`` must be an ``id`` (or an ``<a name>``) of the page it points to.
Links to other sites are allowed in ``<a>`` only, and are not followed.
"""

import functools
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HTML, LANGUAGES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import pageweight  # noqa: E402  (benchmarks/pageweight.py: first-visit weight of each page)

# Attributes that hold URLs, by tag. ``srcset`` holds a list of them.
URL_ATTRIBUTES = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
                  "script": ("src",), "source": ("src", "srcset"), "iframe": ("src",),
                  "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
                  "object": ("data",), "form": ("action",)}


class _Page(HTMLParser):
    """The URLs a page refers to, as (tag, attribute, url), and the fragment ids it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v for k, v in attrs if v is not None}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        if tag == "link" and not pageweight.FETCHING_RELS & set(attrs.get("rel", "").split()):
            tag = "a"  # canonical, alternate, next, prev: a link to follow, nothing loaded
        for name in URL_ATTRIBUTES.get(tag, ()):
            value = attrs.get(name)
            if value is None:
                continue
            if name == "srcset":
                for candidate in filter(None, (c.strip() for c in value.split(","))):
                    self.urls.append((tag, name, candidate.split()[0]))
            else:
                self.urls.append((tag, name, value.strip()))


@functools.cache
def parse(path):
    parser = _Page()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser


def pages(language):
    return sorted((HTML / language).rglob("*.html"))


def problems(page, root=HTML):
    """Every reference of ``page`` (a file of the site in ``root``) that does not resolve."""
    root = root.resolve()
    found = []
    for tag, attribute, url in parse(page).urls:
        where = f"<{tag} {attribute}={url!r}>"
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            if tag != "a":
                found.append(f"{where} loads from another site")
            continue
        if parts.scheme == "mailto" and tag == "a":
            continue
        if parts.scheme == "data" and tag != "a":
            continue
        if parts.scheme:
            found.append(f"{where}: scheme {parts.scheme!r} is not allowed")
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
        if not target.is_relative_to(root):
            found.append(f"{where} leaves the site")
            continue
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            found.append(f"{where}: no such file {target.relative_to(root)}")
            continue
        if tag in ("img", "source") and target.stat().st_size == 0:
            found.append(f"{where}: empty image")
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
            found.append(f"{where}: no id {fragment!r} in {target.relative_to(root)}")
    return found


def test_every_language_has_pages(site):
    for language in LANGUAGES:
        assert len(pages(language)) >= 10, f"only {len(pages(language))} pages in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_broken_links_anchors_or_images(site, language):
    broken = {page.relative_to(site).as_posix(): problems(page) for page in pages(language)}
    broken = {page: found for page, found in broken.items() if found}
    assert not broken, "\n".join(f"{page}:\n  " + "\n  ".join(found)
                                 for page, found in broken.items())


def test_landing_page_links_resolve(site):
    assert not problems(site / "index.html")


def test_the_checker_finds_what_it_should(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "ok.png").write_bytes(b"\x89PNG")
    (tmp_path / "other.html").write_text('<h2 id="there">x</h2><a name="old">y</a>')
    page = tmp_path / "page.html"
    page.write_text(
        '<a href="other.html#there">ok</a> <a href="other.html#old">ok</a> <a href="#here">ok</a>'
        '<p id="here"></p> <a href="https://example.org/">ok</a> <img src="img/ok.png">'
        '<form action=""></form> <a href="mailto:x@example.org">ok</a>'
        '<a href="other.html#gone">1</a> <a href="#nowhere">2</a> <a href="missing.html">3</a>'
        '<img src="img/missing.png" srcset="img/ok.png 1x, img/gone.png 2x">'
        '<script src="https://cdn.example.org/x.js"></script> <a href="../outside.html">7</a>'
        '<link rel="stylesheet" href="//cdn.example.org/x.css"> <a href="javascript:x()">9</a>'
    )
    found = problems(page, root=tmp_path)
    assert len(found) == 9, found
    for expected in ("#gone", "#nowhere", "missing.html", "missing.png", "gone.png",
                     "x.js", "outside", "x.css", "javascript"):
        assert any(expected in problem for problem in found), (expected, found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_into_the_api_reference_carry_anchors(site, language):
    """So the anchor check above is exercised: pages link to functions, not just to pages."""
    fragments = [url for page in pages(language) for tag, _, url in parse(page).urls
                 if tag == "a" and re.search(r"api(/\w+){0,2}\.html#activations\.\w+$", url)]
    assert len(fragments) >= 5, fragments


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_weight_is_within_budget(site, language):
    """First-visit weight (HTML + CSS + JS + fonts + images, each once): median and max, and
    the median gzipped."""
    rows = pageweight.measure(site)[language]
    summary = pageweight.summary(rows)
    assert summary["offsite"] == 0, [r["offsite"] for r in rows if r["offsite"]]
    assert summary["missing"] == 0, [(r["page"], r["missing"]) for r in rows if r["missing"]]
    assert summary["median_kib"] <= pageweight.GOAL_MEDIAN_KIB, summary
    assert summary["max_kib"] <= pageweight.GOAL_MAX_KIB, summary
    assert summary["median_gzip_kib"] <= pageweight.GOAL_MEDIAN_GZIP_KIB, summary
