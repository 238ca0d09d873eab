"""The package as readers install it: distribution name, one version, wheel and sdist, metadata.

The wheel and the sdist are built with ``python -m build`` (an isolated build environment, as a
reader or a release would build them) and checked with ``twine check --strict``. The wheel that
the built site publishes must hold the same files as one built from the current sources.
"""

import email
import re
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import distribution
from pathlib import Path

import pytest

import activations
from conftest import DISTRIBUTION as NAME
from conftest import HTML, LANGUAGES, PYPROJECT, ROOT, WHEEL
MODULES = sorted(p.name for p in (ROOT / "activations").glob("*.py"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """(wheel, sdist) built by `python -m build` from the repository."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_distribution_name_is_not_the_import_name():
    # `activations` on PyPI is an unrelated project whose import raises NotImplementedError.
    assert NAME == "activations-reference"
    assert PYPROJECT["tool"]["setuptools"]["packages"] == ["activations"]


def test_version_has_one_source():
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "activations.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", activations.__version__)
    assert distribution(NAME).version == activations.__version__
    literal = re.compile(r"""\b(version|release)\s*=\s*["']\d""")
    for path in [ROOT / "conf" / "conf.py", *ROOT.glob("activations/*.py")]:
        found = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if literal.search(line) and "__version__" not in line]
        assert not found, f"{path.name} writes a version of its own: {found}"


def test_build_makes_a_wheel_and_an_sdist_that_twine_accepts(dist):
    wheel, sdist = dist
    assert wheel.name == WHEEL
    assert sdist.name == f"{NAME.replace('-', '_')}-{activations.__version__}.tar.gz"
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel),
                           str(sdist)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_wheel_holds_the_package_and_says_what_the_examples_need(dist):
    wheel, sdist = dist
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = email.message_from_bytes(
            archive.read(f"{NAME.replace('-', '_')}-{activations.__version__}.dist-info/METADATA"))
    assert sorted(n.split("/")[1] for n in names if n.startswith("activations/")) == MODULES
    assert not [n for n in names if n.startswith(("tests/", "docs/", "gallery/", "conf/"))]
    assert metadata["Name"] == NAME and metadata["Version"] == activations.__version__
    requires = metadata.get_all("Requires-Dist")
    assert any(r.startswith("numpy") and "extra" not in r for r in requires), requires
    examples = [r.split(";")[0].strip() for r in requires if "extra == \"examples\"" in r]
    assert set(examples) == {"torch==2.13.0", "matplotlib", "mpmath"}, examples
    with tarfile.open(sdist) as archive:
        in_sdist = {Path(n).name for n in archive.getnames() if "/activations/" in n}
    assert set(MODULES) <= in_sdist


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_publishes_the_wheel_of_the_current_sources(site, dist, language):
    published = HTML / language / WHEEL
    assert published.is_file(), f"the {language} site offers no {WHEEL}"
    with zipfile.ZipFile(published) as ours, zipfile.ZipFile(dist[0]) as fresh:
        contents = {n: ours.read(n) for n in ours.namelist() if "RECORD" not in n}
        assert contents == {n: fresh.read(n) for n in fresh.namelist() if "RECORD" not in n}
