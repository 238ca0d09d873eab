"""The downloads the gallery offers run on their own, as a reader would run them.

A reader has only the site. So the downloads run in a fresh virtual environment that holds the
wheel the site publishes with its ``examples`` extra (torch, matplotlib, mpmath), installed as
the Install page says but pinned by ``constraints.txt``, and ipykernel for the notebooks:
no editable install, no repository on ``sys.path``. torch comes as ``make docs`` installs it: a
local wheel, else PyTorch's CPU index (the Makefile's TORCH_INDEX).

Every English ``.py`` runs in a process of that environment whose working directory is an empty
temporary folder (``MPLBACKEND=Agg``: no display), as ``python script.py`` would run it, with one
saving: the process is forked from one that has run ``import torch`` (2 of the 2.7 s of CPU a
script takes), which leaves the interpreter as the script's own first ``import torch`` would, so
a script still has only what it imports itself. The other downloads hold the same code, which
is checked instead of run again: a Chinese ``.py`` has the English script's code blocks, byte
for byte, and compiles; a notebook's code cells are ``%matplotlib inline`` and then the script's
code blocks, and the Chinese notebook's are the English one's (and it is a valid notebook). The
English notebook of the first example is also executed, with nbclient, by a ``python3`` kernel
of the reader's environment whose kernelspec is written to a temporary Jupyter folder (the
reader's home is never touched): the first cell, the kernel and the inline backend work there
too. The scripts and the notebook start together, the scripts as many at a time as there are
CPUs, and each test waits for its own.
"""

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from conftest import CONSTRAINTS, HTML, LANGUAGES, ROOT, TORCH, TORCH_INDEX, WHEEL

EXAMPLES = sorted(p.relative_to(ROOT / "gallery").with_suffix("").as_posix()
                  for p in (ROOT / "gallery").rglob("plot_*.py"))
KINDS = (".py", ".ipynb")
TIMEOUT = 600  # seconds, per file
# The notebook executed through a kernel (the others are checked to hold their script's code):
# the first example's, in English.
KERNEL_EXAMPLE = EXAMPLES[0]
FIRST_NOTEBOOK_CELL = "%matplotlib inline"  # conf.py's sphinx_gallery_conf

# Run by a fresh interpreter for each notebook: a kernelspec for the reader's environment
# (argv[3]), then nbclient.
NOTEBOOK_RUNNER = r"""
import json, os, sys
import nbformat
from nbclient import NotebookClient

kernel = os.path.join(os.environ["JUPYTER_PATH"], "kernels", "python3")
os.makedirs(kernel)
with open(os.path.join(kernel, "kernel.json"), "w") as spec:
    json.dump({"argv": [sys.argv[3], "-m", "ipykernel_launcher", "-f", "{connection_file}"],
               "display_name": "reader", "language": "python"}, spec)
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, kernel_name="python3", timeout=int(sys.argv[2]),
               resources={"metadata": {"path": os.getcwd()}}).execute()
errors = [o for cell in notebook.cells for o in cell.get("outputs", [])
          if o.get("output_type") == "error" or o.get("name") == "stderr"]
if errors:
    sys.exit(f"the notebook wrote to stderr or failed: {errors}")
"""

# Run by the reader's Python: argv[1] a folder for the results, argv[2] how many scripts at a
# time, then the scripts. Each script runs in a child forked after `import torch`, in its own
# empty folder <n>/, with its output in <n>.out and <n>.err and its exit code in <n>.code.
SCRIPT_RUNNER = r"""
import os, runpy, sys, traceback
import torch  # noqa: F401 (every example imports it; the children inherit it)

results, at_once, scripts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def run(n, script):
    folder = os.path.join(results, str(n))
    os.mkdir(folder)
    os.chdir(folder)
    for fd, suffix in ((1, ".out"), (2, ".err")):
        os.dup2(os.open(folder + suffix, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.argv, sys.path[0] = [script], os.path.dirname(script)  # as `python script` sets them
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:  # as the interpreter ends on sys.exit(code)
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        if code and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code

children = {}

def reap():  # wait for a child, then write its exit code
    pid, status = os.wait()
    with open(os.path.join(results, f"{children.pop(pid)}.code"), "w") as code:
        code.write(str(os.waitstatus_to_exitcode(status)))

for n, script in enumerate(scripts):
    if len(children) == at_once:
        reap()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os._exit(run(n, script))
    children[pid] = n
while children:
    reap()
"""


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


@functools.cache  # the built site does not change while the tests run
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
    # Python writes bytecode, as a reader's does: the first run compiles what the examples
    # import (about 3 s of CPU), the others reuse it.
    env.update(MPLBACKEND="Agg", JUPYTER_PLATFORM_DIRS="1",
               JUPYTER_PATH=str(workdir / "jupyter"),
               JUPYTER_DATA_DIR=str(workdir / "jupyter-data"),
               JUPYTER_CONFIG_DIR=str(workdir / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(workdir / "jupyter-runtime"),
               IPYTHONDIR=str(workdir / "ipython"))
    return env


def _pip(python, *args):
    # --no-compile: pip would compile all 8,000 modules of the environment (torch's above all),
    # 32 s of CPU of the 48 that installing takes; the runs compile the ones they import.
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "install",
                           "--quiet", "--no-compile", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def reader_python(site, tmp_path_factory):
    """Python of a fresh virtual environment with the site's wheel and what the examples need."""
    venv = tmp_path_factory.mktemp("reader") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    torch = f"torch=={TORCH}"
    if _pip(python, "--no-deps", "--no-index", torch).returncode != 0:
        done = _pip(python, "--no-deps", "--index-url", TORCH_INDEX, torch)
        assert done.returncode == 0, done.stderr
    wheel = HTML / "en" / WHEEL
    done = _pip(python, "-c", str(CONSTRAINTS), f"activations-reference[examples] @ {wheel.as_uri()}",
                "ipykernel")
    assert done.returncode == 0, done.stderr
    return python


def test_reader_environment_imports_the_wheel_not_the_repository(reader_python, tmp_path):
    where = subprocess.run([str(reader_python), "-c", "import activations; print(activations.__file__)"],
                           cwd=tmp_path, env=_clean_env(tmp_path), capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Path(where).is_relative_to(reader_python.parent.parent), where
    assert not Path(where).is_relative_to(ROOT), where
    listed = subprocess.run([str(reader_python), "-m", "pip", "list", "--editable"],
                            capture_output=True, text=True, check=True).stdout
    assert "activations" not in listed


def run_notebook(path, python):
    """Run a downloaded notebook from an empty folder; (exit code, stdout + stderr, stderr)."""
    with tempfile.TemporaryDirectory(prefix="download-") as tmp:
        jupyter = Path(tmp) / "env"
        workdir = Path(tmp) / "work"
        workdir.mkdir()
        done = subprocess.run([sys.executable, "-c", NOTEBOOK_RUNNER, str(path), str(TIMEOUT),
                               str(python)], cwd=workdir, env=_clean_env(jupyter),
                              capture_output=True, text=True, timeout=TIMEOUT + 60)
        return done.returncode, done.stdout + done.stderr, done.stderr


def run_scripts(paths, python):
    """Run downloaded scripts, each from an empty folder (SCRIPT_RUNNER);
    {path: (exit code, stdout + stderr, stderr)}."""
    with tempfile.TemporaryDirectory(prefix="download-") as tmp:
        results = Path(tmp) / "results"
        results.mkdir()
        done = subprocess.run([str(python), "-c", SCRIPT_RUNNER, str(results),
                               str(os.cpu_count() or 2), *map(str, paths)],
                              cwd=results, env=_clean_env(Path(tmp) / "env"),
                              capture_output=True, text=True, timeout=TIMEOUT + 60)
        assert done.returncode == 0 and not done.stderr, (
            f"the script runner failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
        outcomes = {}
        for n, path in enumerate(paths):
            stdout, stderr = ((results / f"{n}{suffix}").read_text() for suffix in (".out", ".err"))
            outcomes[path] = int((results / f"{n}.code").read_text()), stdout + stderr, stderr
        return outcomes


@pytest.fixture(scope="module")
def runs(reader_python):
    """Start the English scripts and the notebook that runs at once; {built file: its run},
    each run a callable that waits for it."""
    offered = offered_downloads()
    scripts = sorted(path for path in offered
                     if path.relative_to(HTML.resolve()).parts[0] == "en" and path.suffix == ".py")
    pool = ThreadPoolExecutor(max_workers=2)
    notebook = download("en", Path(KERNEL_EXAMPLE).name + ".ipynb")
    notebook_run = pool.submit(run_notebook, notebook, reader_python)
    script_runs = pool.submit(run_scripts, scripts, reader_python)
    yield {notebook: notebook_run.result,
           **{path: functools.partial(lambda p: script_runs.result()[p], path) for path in scripts}}
    pool.shutdown(wait=True, cancel_futures=True)


def check_run(runs, path):
    returncode, output, stderr = runs[path]()
    where = path.relative_to(HTML.resolve()).as_posix()
    assert returncode == 0, f"{where} exited with {returncode}:\n{output[-3000:]}"
    noise = [line for line in stderr.splitlines() if re.search(r"Warning|Traceback", line)]
    assert not noise, f"{where} warned:\n" + "\n".join(noise)


def test_script_runner_reports_what_python_script_would(reader_python, tmp_path):
    """A script that fails, warns, exits with a message or uses torch without importing it fails
    as it would on its own; one that writes a file finds an empty folder of its own."""
    sources = {"fails.py": "raise ValueError('no')",
               "warns.py": "import warnings\nwarnings.warn('careful')",
               "exits.py": "import sys\nsys.exit('stopped')",
               "forgets.py": "torch.ones(1)",
               "writes.py": "import os\nassert os.listdir() == []\nopen('out.txt', 'w').write('x')"}
    paths = []
    for name, source in sources.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(source)
    outcomes = {path.name: outcome for path, outcome in run_scripts(paths, reader_python).items()}
    assert [outcomes[name][0] for name in sources] == [1, 0, 1, 1, 0], outcomes
    assert "ValueError: no" in outcomes["fails.py"][2]
    assert "UserWarning: careful" in outcomes["warns.py"][2]
    assert outcomes["exits.py"][2].strip() == "stopped"
    assert "NameError: name 'torch' is not defined" in outcomes["forgets.py"][2]


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


@pytest.mark.parametrize("example", EXAMPLES)
def test_english_script_runs_standalone(runs, example):
    check_run(runs, download("en", Path(example).name + ".py"))


def test_notebook_runs_in_a_kernel_of_the_readers_environment(runs):
    check_run(runs, download("en", Path(KERNEL_EXAMPLE).name + ".ipynb"))


@pytest.mark.parametrize("example", EXAMPLES)
def test_english_notebook_holds_the_scripts_code(site, example):
    stem = Path(example).name
    code = [b.content.strip() for b in script_blocks(download("en", stem + ".py")) if b.type == "code"]
    assert notebook_cells(download("en", stem + ".ipynb"), "code") == [FIRST_NOTEBOOK_CELL, *code]


@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_script_compiles(site, example):
    """Its code is the English script's (tested below); its translated prose keeps it Python."""
    path = download("zh_CN", Path(example).name + ".py")
    compile(path.read_bytes(), str(path), "exec")


# --- the downloads in the reader's language --------------------------------------------------
CJK = re.compile(r"[\u4e00-\u9fff]")


def download(language, name):
    """The one built file named ``name`` that pages of ``language`` offer."""
    (path,) = {p for p in offered_downloads() if p.name == name
               and p.relative_to(HTML.resolve()).parts[0] == language}
    return path


def script_blocks(path):
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    _file_conf, blocks = split_code_and_text_blocks(path)
    return blocks


def notebook_cells(path, kind):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == kind]


@pytest.mark.parametrize("example", EXAMPLES)
def test_english_script_is_the_gallery_source(site, example):
    name = Path(example).name + ".py"
    assert download("en", name).read_bytes() == (ROOT / "gallery" / (example + ".py")).read_bytes()


@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_script_has_chinese_prose_and_the_english_code(site, example):
    name = Path(example).name + ".py"
    english, chinese = script_blocks(download("en", name)), script_blocks(download("zh_CN", name))
    assert [b.type for b in chinese] == [b.type for b in english]
    assert [b.content for b in chinese if b.type == "code"] == \
        [b.content for b in english if b.type == "code"]
    for block in chinese:
        if block.type == "text":
            assert CJK.search(block.content), f"{name}, line {block.lineno}: no Chinese"
    assert chinese != english


@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_notebook_has_chinese_prose_and_the_english_code(site, example):
    name = Path(example).name + ".ipynb"
    english, chinese = download("en", name), download("zh_CN", name)
    assert notebook_cells(chinese, "code") == notebook_cells(english, "code")
    nbformat.validate(nbformat.read(chinese, as_version=4))  # Jupyter opens it as it does the English
    assert len(notebook_cells(chinese, "markdown")) == len(notebook_cells(english, "markdown"))
    for n, text in enumerate(notebook_cells(chinese, "markdown")):
        assert CJK.search(text), f"{name}, markdown cell {n}: no Chinese:\n{text}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_notebook_starts_by_saying_what_to_install(site, language, example):
    notebook = download(language, Path(example).name + ".ipynb")
    first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
    text = "".join(first["source"])
    assert first["cell_type"] == "markdown"
    assert 'pip install "activations-reference[examples] @ ' in text
    assert f"/{language}/{WHEEL}\"" in text and f"--extra-index-url {TORCH_INDEX}" in text
    assert f"/{language}/install.html>" in text
    assert bool(CJK.search(text)) == (language == "zh_CN")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_zip_holds_the_offered_script_and_notebook(site, language, example):
    stem = Path(example).name
    archive = HTML / language / "_downloads"
    (zipped,) = archive.glob(f"*/{stem}.zip")
    with zipfile.ZipFile(zipped) as bundle:
        for kind in KINDS:
            assert bundle.read(stem + kind) == download(language, stem + kind).read_bytes()
