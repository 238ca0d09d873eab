"""First-visit weight of every page of the built site, per language.

A page's weight is the size of its HTML plus every file a browser fetches to show it on a first
visit, with an empty cache: stylesheets (and what they import or reference with ``url()``:
fonts, images), scripts, icons and images. Each file counts once per page, however often the
page refers to it. Sizes are read from the built files, as they are and gzipped (level 6, as a
web server compresses them; images gain nothing), so the figures bound what travels over the
network: a stylesheet's background image counts even when no element on the page uses it.

References to another site are counted separately; the goal is none.

    python benchmarks/pageweight.py            # the site in build/html
    python benchmarks/pageweight.py --check    # exit 1 if a goal is missed
    python benchmarks/pageweight.py --pages    # also list every page, heaviest first
"""

from __future__ import annotations

import argparse
import functools
import gzip
import re
import statistics
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "build" / "html"
LANGUAGES = ("en", "zh_CN")
GOAL_MEDIAN_KIB = 170
GOAL_MAX_KIB = 400
GOAL_MEDIAN_GZIP_KIB = 50

# <link rel=...> values that make the browser fetch the target on load.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                 "manifest"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _Loads(HTMLParser):
    """The URLs an HTML page makes the browser fetch (not the ones it merely links to)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: v for k, v in attrs if v is not None}
        if tag == "link" and FETCHING_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "embed", "audio", "video", "source", "track",
                     "input") and a.get("src"):
            self.urls.append(a["src"])
        if tag in ("img", "source") and a.get("srcset"):
            self.urls.extend(c.strip().split()[0] for c in a["srcset"].split(",") if c.strip())
        if tag == "video" and a.get("poster"):
            self.urls.append(a["poster"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if a.get("style"):
            self.inline_css.append(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def is_offsite(url: str) -> bool:
    """True for a URL that names a host (``https://x``, ``//x``) or a non-file scheme."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "file")


def _local(url: str, base: Path) -> Path | None:
    """The built file that ``url`` (relative to the file ``base``) names, or None (data:)."""
    parts = urlsplit(url)
    if parts.scheme == "data" or not parts.path:
        return None
    return (base.parent / unquote(parts.path)).resolve()


def _css_urls(text: str) -> list[str]:
    return [m[2] or m[4] for m in CSS_URL.finditer(text)]


def page_resources(page: Path) -> tuple[dict[Path, int], list[str], list[str]]:
    """(size of every file the page loads, the page included; off-site URLs; missing files)."""
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    files: dict[Path, int] = {page.resolve(): page.stat().st_size}
    offsite: list[str] = []
    missing: list[str] = []
    todo = [(url, page) for url in parser.urls]
    todo += [(url, page) for css in parser.inline_css for url in _css_urls(css)]
    while todo:
        url, base = todo.pop()
        if is_offsite(url):
            offsite.append(url)
            continue
        path = _local(url, base)
        if path is None or path in files:
            continue
        if not path.is_file():
            missing.append(url)
            continue
        files[path] = path.stat().st_size
        if path.suffix == ".css":
            todo += [(u, path) for u in _css_urls(path.read_text(encoding="utf-8"))]
    return files, offsite, missing


@functools.cache
def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".css", ".js"):
        return suffix[1:]
    if suffix in (".woff", ".woff2", ".ttf", ".otf", ".eot"):
        return "font"
    return "image"


def pages(site: Path, language: str) -> list[Path]:
    return sorted((site / language).rglob("*.html"))


def measure(site: Path = HTML) -> dict[str, list[dict]]:
    """For each language, one record per page: path, bytes, bytes by kind, off-site URLs."""
    report = {}
    for language in LANGUAGES:
        rows = []
        for page in pages(site, language):
            files, offsite, missing = page_resources(page)
            by_kind: dict[str, int] = {}
            for path, size in files.items():
                by_kind[kind(path)] = by_kind.get(kind(path), 0) + size
            rows.append({"page": page.relative_to(site / language).as_posix(),
                         "bytes": sum(files.values()), "by_kind": by_kind,
                         "gzip_bytes": sum(gzipped_size(path) for path in files),
                         "offsite": offsite, "missing": missing})
        report[language] = rows
    return report


def summary(rows: list[dict]) -> dict:
    sizes = [r["bytes"] for r in rows]
    heaviest = max(rows, key=lambda r: r["bytes"])
    return {"pages": len(rows), "median_kib": statistics.median(sizes) / 1024,
            "median_gzip_kib": statistics.median(r["gzip_bytes"] for r in rows) / 1024,
            "max_kib": heaviest["bytes"] / 1024, "max_page": heaviest["page"],
            "offsite": sum(len(r["offsite"]) for r in rows),
            "missing": sum(len(r["missing"]) for r in rows)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=HTML)
    parser.add_argument("--pages", action="store_true", help="list every page")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args(argv)
    report = measure(args.site)
    ok = True
    print(f"First-visit page weight (goals: median <= {GOAL_MEDIAN_KIB} KiB, "
          f"max <= {GOAL_MAX_KIB} KiB, gzip median <= {GOAL_MEDIAN_GZIP_KIB} KiB, 0 off-site)")
    print(f"{'language':9} {'pages':>5} {'median KiB':>10} {'max KiB':>8} {'gzip median':>11}"
          f"  heaviest page{'':22} off-site missing")
    for language, rows in report.items():
        s = summary(rows)
        print(f"{language:9} {s['pages']:5} {s['median_kib']:10.1f} {s['max_kib']:8.1f} "
              f"{s['median_gzip_kib']:11.1f}  {s['max_page']:35} {s['offsite']:8} "
              f"{s['missing']:7}")
        ok &= (s["median_kib"] <= GOAL_MEDIAN_KIB and s["max_kib"] <= GOAL_MAX_KIB
               and s["median_gzip_kib"] <= GOAL_MEDIAN_GZIP_KIB
               and s["offsite"] == 0 and s["missing"] == 0)
    if args.pages:
        for language, rows in report.items():
            print(f"\n{language}: KiB  (html css js image font)  page")
            for r in sorted(rows, key=lambda r: -r["bytes"]):
                parts = " ".join(f"{r['by_kind'].get(k, 0) / 1024:5.1f}"
                                 for k in ("html", "css", "js", "image", "font"))
                print(f"  {r['bytes'] / 1024:6.1f}  ({parts})  {r['page']}")
                for url in r["offsite"] + r["missing"]:
                    print(f"          ! {url}")
    print("goals met" if ok else "GOALS MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
