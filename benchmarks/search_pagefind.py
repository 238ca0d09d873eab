"""Pagefind against the site's own search, on the same query set (tests/search_queries.py).

Copies build/html to a temporary folder, indexes each language there with Pagefind's extended
build (which segments Chinese), and prints, per language: the time Pagefind takes, the size of
its index, the top-3 share and MRR of Pagefind's results, and the same figures for the site's
search (the searchindex.js it loads). Pagefind indexes only the page's article (not the
navigation), without the gallery's download note, as the site's search does. It is not a
dependency of the site: install it for this benchmark only.

    .venv/bin/pip install "pagefind[extended]==1.5.2"
    .venv/bin/python benchmarks/search_pagefind.py
"""

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, HTML, LANGUAGES  # noqa: E402
from search_quality import measure, report, result_pages, search_links  # noqa: E402
from search_queries import QUERIES  # noqa: E402

PAGEFIND_SEARCH = """async (query) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.map((r) => r.data()));
  // Pagefind lists folder URLs (tutorials/) for index pages.
  return pages.map((p) => new URL(p.url.replace(/\/$/, "/index.html"), location.href).href);
}"""


def kib(path):
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files) / 1024


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "html"
        shutil.copytree(HTML, site)
        for language in LANGUAGES:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site / language),
                            "--root-selector", "article[role=main]",
                            "--exclude-selectors", ".sphx-glr-download-link-note",
                            "--exclude-selectors", ".headerlink"],
                           check=True, capture_output=True)
            seconds = time.perf_counter() - start
            print(f"{language}: Pagefind indexes in {seconds:.1f} s; index {kib(site / language / 'pagefind'):.0f} KiB "
                  f"on disk (a search loads part of it); Sphinx's searchindex.js "
                  f"{kib(site / language / 'searchindex.js'):.0f} KiB")

        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        server = f"http://127.0.0.1:{httpd.server_port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            loaded = {}
            transferred = {}
            tab.on("requestfinished", lambda req: transferred.__setitem__(
                req.url, req.sizes()["responseBodySize"]))

            def pagefind(language, query):
                if loaded.get("language") != language:
                    tab.goto(f"{server}/{language}/index.html")
                    loaded["language"] = language
                return result_pages(tab.evaluate(PAGEFIND_SEARCH, query), server, language)

            def sphinx(language, query):
                return result_pages(search_links(tab, server, language, query), server, language)

            print("Pagefind:")
            print(report(measure(pagefind, QUERIES)))
            pagefind_kib = sum(v for k, v in transferred.items() if "/pagefind/" in k) / 1024
            print(f"Pagefind fetched {pagefind_kib:.0f} KiB for all {len(QUERIES)} queries "
                  f"(both languages, cached between queries)")
            print("The site's search:")
            print(report(measure(sphinx, QUERIES)))
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
