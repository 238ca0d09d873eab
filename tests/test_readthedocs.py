"""Build each language the way Read the Docs would, from the commands .readthedocs.yaml declares.

Read the Docs cannot be reached from here, so its environment is reproduced: READTHEDOCS=True,
READTHEDOCS_LANGUAGE, READTHEDOCS_CANONICAL_URL and READTHEDOCS_OUTPUT set, the declared build
command run in the repository. The install step (torch from PyTorch's CPU index) is the one
step not run; its pins are checked against the versions the rest of the tests run with. Read
the Docs publishes its whole output folder, so nothing but the site may be there.
"""

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TORCH_INDEX, WHEEL

CONFIG = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_install_step_takes_torch_alone_from_the_cpu_index():
    torch, rest = CONFIG["build"]["jobs"]["post_install"]
    assert f"--index-url {TORCH_INDEX}" in torch and "--no-deps" in torch
    assert "constraints.txt" in torch  # the version it installs is the pinned one
    assert "-c constraints.txt" in rest and "index-url" not in rest
    pinned = subprocess.run(["bash", "-c", "sed -n 's/^torch==//p' constraints.txt"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.strip()
    assert pinned == version("torch") == "2.13.0+cpu"


@pytest.mark.parametrize(("rtd_language", "html_lang", "other"), [
    ("en", "en", "../../zh-cn/latest/index.html"),
    ("zh-cn", "zh-CN", "../../en/latest/index.html"),
])
def test_declared_build_produces_the_language(tmp_path, rtd_language, html_lang, other):
    canonical = f"https://activations.example.org/{rtd_language}/latest/"
    env = dict(os.environ, READTHEDOCS="True", READTHEDOCS_LANGUAGE=rtd_language,
               READTHEDOCS_VERSION="latest", READTHEDOCS_OUTPUT=str(tmp_path),
               READTHEDOCS_CANONICAL_URL=canonical,
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in CONFIG["build"]["jobs"]["build"]["html"]:  # Read the Docs runs them in a shell
        subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True, timeout=900,
                       stdout=subprocess.DEVNULL)
    html = tmp_path / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    assert f' lang="{html_lang}"' in re.search(r"<html[^>]*>", index)[0]
    assert f'href="{other}"' in index
    # Absolute hreflang links, to the page in both languages' projects.
    other_language = "zh-CN" if html_lang == "en" else "en"
    other_url = canonical.replace(f"/{rtd_language}/", "/" + other.split("/")[2] + "/") + "index.html"
    assert f'<link rel="alternate" hreflang="{other_language}" href="{other_url}" />' in index
    assert f'<link rel="alternate" hreflang="{html_lang}" href="{canonical}index.html" />' in index
    # The wheel is published, and the install command names it by its address there.
    assert (html / WHEEL).is_file()
    assert f"{canonical}{WHEEL}" in (html / "install.html").read_text(encoding="utf-8")
    # Only the site: no doctrees (2 MB) and no incremental-build state.
    state = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
             if p.name in (".doctrees", ".buildinfo", "environment.pickle")
             or p.suffix == ".doctree"]
    assert not state, state


def test_offline_formats_are_built_as_make_builds_them():
    """Both formats, from the same configuration and TeX packages as `make epub` and `make pdf`."""
    assert sorted(CONFIG["formats"]) == ["epub", "pdf"]
    builds = CONFIG["build"]["jobs"]["build"]
    for builder, fmt in (("epub", "epub"), ("latex", "pdf")):
        assert f"python -m sphinx -c conf -W -n --keep-going -b {builder} " in builds[fmt][0]
        assert f"$READTHEDOCS_OUTPUT/{fmt}/" in builds[fmt][-1]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    packages = re.search(r"^TEX_PACKAGES\s*:=((?:.*\\\n)*.*)$", makefile, re.M)[1].replace("\\", " ").split()
    packages.remove("poppler-utils")  # pdftotext, for the tests only
    assert sorted(CONFIG["build"]["apt_packages"]) == sorted(packages)


@pytest.mark.parametrize(("fmt", "suffix"), [("epub", ".epub"), ("pdf", ".pdf")])
def test_declared_offline_build_produces_the_chinese_book(tmp_path, fmt, suffix):
    env = dict(os.environ, READTHEDOCS="True", READTHEDOCS_LANGUAGE="zh-cn",
               READTHEDOCS_VERSION="latest", READTHEDOCS_OUTPUT=str(tmp_path),
               READTHEDOCS_CANONICAL_URL="https://activations.example.org/zh-cn/latest/",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    shutil.rmtree(ROOT / "_build" / ("epub" if fmt == "epub" else "latex"), ignore_errors=True)
    for command in CONFIG["build"]["jobs"]["build"][fmt]:  # Read the Docs builds from scratch
        subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True, timeout=900,
                       stdout=subprocess.DEVNULL)
    (book,) = (tmp_path / fmt).iterdir()
    assert book.name == f"activations-zh_CN{suffix}"
