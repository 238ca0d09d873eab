"""The downloads the gallery offers run on their own, as a reader would run them.

Every ``.py`` linked from a page of either language runs in a fresh Python process whose
working directory is an empty temporary folder (``MPLBACKEND=Agg``: no display); every
``.ipynb`` is executed with nbclient by a ``python3`` kernel of this same Python, whose
kernelspec is written to a temporary Jupyter folder (the reader's home is never touched). Files
with the same bytes are run once. All of them start together, as many at a time as there are
CPUs, and each test waits for its own.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HTML, LANGUAGES, ROOT

EXAMPLES = sorted(p.relative_to(ROOT / "gallery").with_suffix("").as_posix()
                  for p in (ROOT / "gallery").rglob("plot_*.py"))
KINDS = (".py", ".ipynb")
TIMEOUT = 600  # seconds, per file

# Run by a fresh interpreter for each notebook: a kernelspec for this Python, then nbclient.
NOTEBOOK_RUNNER = r"""
import os, sys
import nbformat
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

write_kernel_spec(os.path.join(os.environ["JUPYTER_PATH"], "kernels", "python3"))
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, kernel_name="python3", timeout=int(sys.argv[2]),
               resources={"metadata": {"path": os.getcwd()}}).execute()
errors = [o for cell in notebook.cells for o in cell.get("outputs", [])
          if o.get("output_type") == "error" or o.get("name") == "stderr"]
if errors:
    sys.exit(f"the notebook wrote to stderr or failed: {errors}")
"""


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def offered_downloads():
    """{built file: [pages that link to it]} for every .py and .ipynb that any page offers."""
    offered = {}
    for language in LANGUAGES:
        for page in sorted((HTML / language).rglob("*.html")):
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            for href in parser.hrefs:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.path.endswith(KINDS):
                    continue
                target = (page.parent / unquote(parts.path)).resolve()
                offered.setdefault(target, []).append(page.relative_to(HTML).as_posix())
    return offered


def _clean_env(workdir):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "JUPYTER", "IPYTHON", "MPL", "OMP_", "MKL_"))}
    # As many runs at a time as CPUs, so each one computes on one thread (no oversubscription).
    env.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    # The package is this repository's (as `pip install -e .` makes it), wherever it is checked out.
    env.update(PYTHONPATH=str(ROOT))
    env.update(MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1", JUPYTER_PLATFORM_DIRS="1",
               JUPYTER_PATH=str(workdir / "jupyter"),
               JUPYTER_DATA_DIR=str(workdir / "jupyter-data"),
               JUPYTER_CONFIG_DIR=str(workdir / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(workdir / "jupyter-runtime"),
               IPYTHONDIR=str(workdir / "ipython"))
    return env


def run_download(path):
    """Run one downloaded file from an empty folder; (exit code, stdout + stderr, stderr)."""
    with tempfile.TemporaryDirectory(prefix="download-") as tmp:
        jupyter = Path(tmp) / "env"
        workdir = Path(tmp) / "work"
        workdir.mkdir()
        if path.suffix == ".py":
            command = [sys.executable, str(path)]
        else:
            command = [sys.executable, "-c", NOTEBOOK_RUNNER, str(path), str(TIMEOUT)]
        done = subprocess.run(command, cwd=workdir, env=_clean_env(jupyter), capture_output=True,
                              text=True, timeout=TIMEOUT + 60)
        return done.returncode, done.stdout + done.stderr, done.stderr


@pytest.fixture(scope="module")
def runs(site):
    """Start every distinct offered download at once; {built file: future of its run}."""
    by_content = {}
    for path in offered_downloads():
        by_content.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(path)
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    # Notebooks first: a kernel takes longer to start than a script.
    ordered = sorted(by_content.values(), key=lambda paths: paths[0].suffix != ".ipynb")
    futures = {}
    for paths in ordered:
        future = pool.submit(run_download, paths[0])
        futures.update(dict.fromkeys(paths, future))
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def test_every_example_offers_both_downloads_in_both_languages(site):
    offered = offered_downloads()
    names = {(path.relative_to(HTML.resolve()).parts[0], path.name) for path in offered}
    for language in LANGUAGES:
        for example in EXAMPLES:
            for kind in KINDS:
                name = Path(example).name + kind
                assert (language, name) in names, f"no page of {language} offers {name}"
    for path in offered:
        assert path.is_file() and path.stat().st_size > 0, path


def test_every_offered_download_is_an_example(site):
    """Nothing is offered that the parametrised tests below would not run."""
    stems = {Path(example).name for example in EXAMPLES}
    strays = [path for path in offered_downloads() if path.stem not in stems]
    assert not strays, strays


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_download_runs_standalone(runs, example, kind):
    name = Path(example).name + kind
    paths = [path for path in runs if path.name == name]
    assert paths, f"no page offers {name}"
    for path in paths:
        returncode, output, stderr = runs[path].result()
        where = path.relative_to(HTML.resolve()).as_posix()
        assert returncode == 0, f"{where} exited with {returncode}:\n{output[-3000:]}"
        noise = [line for line in stderr.splitlines() if re.search(r"Warning|Traceback", line)]
        assert not noise, f"{where} warned:\n" + "\n".join(noise)
