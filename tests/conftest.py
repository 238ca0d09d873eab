"""Shared fixtures: the built site, a local web server for it, a headless browser."""

import functools
import http.server
import re
import threading
import tomllib
from pathlib import Path

import pytest

import activations

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "build" / "html"
LANGUAGES = ("en", "zh_CN")
CHROMIUM = "/usr/bin/chromium"  # Debian's; else Playwright's own (see browser_setup.py)
# The distribution, its wheel, and torch as `make docs` installs it.
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DISTRIBUTION = PYPROJECT["project"]["name"]
WHEEL = f"{DISTRIBUTION.replace('-', '_')}-{activations.__version__}-py3-none-any.whl"
CONSTRAINTS = ROOT / "constraints.txt"
TORCH = re.search(r"^torch==(\S+)$", CONSTRAINTS.read_text(encoding="utf-8"), re.M)[1]
TORCH_INDEX = re.search(r"^TORCH_INDEX\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"),
                        re.M)[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def site():
    """The bilingual site that `make docs` built (`make test` builds it first)."""
    missing = [lang for lang in LANGUAGES if not (HTML / lang / "index.html").is_file()]
    assert not missing, f"no built site for {missing}: run `make docs` (or `make test`) first"
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site, served on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def playwright_chromium():
    """The Chromium that `playwright install chromium` put on this machine, or None."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).is_file() else playwright_chromium()
    assert executable, "no browser: run `make browser` (or `make test`), which installs one"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser, server):
    """visits(language) -> {page: Visit} for every page of that language, each visited once
    (tests/page_visits.py), the first time a test asks: the browser and the accessibility tests
    check these records."""
    from page_visits import visit_every_page

    return functools.cache(lambda language: visit_every_page(browser, server, language))


@pytest.fixture
def page(browser, server):
    """A fresh browser page that records console errors, failed and off-site requests."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.failed_requests = []
    tab.offsite_requests = []
    tab.on("console", lambda msg: msg.type == "error"
           and tab.console_errors.append(f"{msg.text} {msg.location.get('url', '')}"))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    tab.on("requestfailed", lambda req: tab.failed_requests.append(req.url))
    tab.on("response", lambda res: res.status >= 400 and tab.failed_requests.append(res.url))
    tab.on("request", lambda req: req.url.startswith(("data:", server))
           or tab.offsite_requests.append(req.url))
    yield tab
    context.close()


# pytest-xdist (`-n auto --dist loadscope` in pyproject.toml) hands each scope to one worker. A
# scope is a module, so that a module's fixtures (every download run) are computed once; the
# two modules that check the pages' visits share one scope per language (one visit per page,
# each language's in its own worker), and the modules that build from the repository's sources
# share one, so that two of them never write its build folders at the same time. (xdist's own
# groups, `--dist loadgroup`, do not work with pytest 9.)
SCOPES = {"test_browser": "page visits", "test_accessibility": "page visits",
          "test_readthedocs": "repository builds", "test_translations": "repository builds",
          "test_package": "repository builds"}
# The longest scopes (1-2 minutes each) start first, one per worker, and the many short ones
# fill in around them; xdist's own order (most tests first) started the page visits last.
LONGEST_FIRST = ("page visits en", "page visits zh_CN", "repository builds",
                 "tests/test_downloads.py")


def scope(nodeid):
    module = nodeid.split("::")[0]
    found = SCOPES.get(Path(module).stem, module)
    if found == "page visits":  # a test's language is in its id: [zh_CN], [phone-en]
        found += " zh_CN" if "zh_CN" in nodeid else " en"
    return found


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(scope(item.nodeid), len(rank)))  # stable: else as collected


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # scopes in the order of the items above

    class ModuleScopes(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return scope(nodeid)

    return ModuleScopes(config, log)
