"""Search quality of the built site: top-3 share and mean reciprocal rank per language.

Types every query of tests/search_queries.py into the site's search page in headless Chromium
(served from build/html, as `make serve` does) and ranks the page the reader means among the
pages listed. tests/test_search.py asserts the goal; this prints the figures and the misses.

    python benchmarks/search.py
"""

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, HTML  # noqa: E402
from search_quality import measure, ranked_pages, report  # noqa: E402
from search_queries import QUERIES  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        search = functools.partial(ranked_pages, tab, server)

        print(f"{len(QUERIES)} queries")
        print(report(measure(search, QUERIES)))
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
