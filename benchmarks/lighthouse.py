"""Lighthouse scores of a sample of pages of both languages, on a phone and on a desktop.

Lighthouse (npm, package-lock.json) drives Debian's chromium against the built site, served
locally and gzip-compressed, as Read the Docs serves it. For each page and mode it prints the
four category scores and the cumulative layout shift; the goals are accessibility 100, best
practices >= 95, SEO >= 90 (the search page is noindexed on purpose, so its SEO score is shown,
not judged), performance >= 95, and a layout shift below 0.1 on the search page.

    python benchmarks/lighthouse.py            # the site in build/html (make lighthouse)
    python benchmarks/lighthouse.py --check    # exit 1 if a goal is missed
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "build" / "html"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 90}
GOAL_SEARCH_CLS = 0.1
SEARCH = {"en": "sigmoid", "zh_CN": "梯度消失"}
# api/relu.html: a family's overview (the old address of its functions); api/smooth/gelu.html:
# the longest function page.
PAGES = ["index.html", "activations/index.html", "activations/relu.html", "api/relu.html",
         "api/smooth/gelu.html", "auto_examples/tutorials/plot_12_vanishing_gradients.html",
         "search.html"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as Read the Docs does: text files gzip-compressed for a browser that asks.

    Python's server sends them uncompressed, and Lighthouse's simulated phone network (1.6 Mbit/s)
    then times the page at three to four times the bytes readers receive.
    """

    COMPRESSED = (".html", ".js", ".css", ".svg", ".txt")

    def send_head(self):
        path = self.translate_path(self.path)
        if (not path.endswith(self.COMPRESSED) or not Path(path).is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}"


def audit(url: str, mode: str) -> dict:
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
               "--disable-background-networking",
               "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}"]
    if mode == "desktop":
        command.append("--preset=desktop")
    report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True,
                                       timeout=300).stdout)
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["failed"] = sorted(
        audit_id for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and (audit_id := ref["id"])
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1)
    return scores


def misses(page: str, scores: dict) -> list[str]:
    found = [f"{c} {scores[c]} < {goal}" for c, goal in GOALS.items()
             if scores[c] < goal and not (c == "seo" and page == "search.html")]
    if page == "search.html" and scores["cls"] >= GOAL_SEARCH_CLS:
        found.append(f"CLS {scores['cls']:.3f} >= {GOAL_SEARCH_CLS}")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=HTML)
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` (make lighthouse does)")
    base = serve(args.site)
    print(f"{'mode':8} {'page':62} perf a11y  b-p  seo    CLS")
    missed = []
    for mode in ("mobile", "desktop"):
        for language in SEARCH:
            for page in PAGES:
                query = f"?q={quote(SEARCH[language])}" if page == "search.html" else ""
                scores = audit(f"{base}/{language}/{page}{query}", mode)
                name = f"{language}/{page}{query}"
                print(f"{mode:8} {name[:62]:62} {scores['performance']:4} "
                      f"{scores['accessibility']:4} {scores['best-practices']:4} "
                      f"{scores['seo']:4} {scores['cls']:6.3f}", flush=True)
                for miss in misses(page, scores):
                    missed.append(f"{mode} {name}: {miss} (audits below 1: {scores['failed']})")
    print("\n".join(missed) if missed else "goals met")
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
