"""Build each language the way Read the Docs would, from the commands .readthedocs.yaml declares.

Read the Docs cannot be reached from here, so its environment is reproduced: READTHEDOCS=True,
READTHEDOCS_LANGUAGE and READTHEDOCS_OUTPUT set, the declared build command run in the
repository. The install step (torch from PyTorch's CPU index) is the one step not run; its
pins are checked against the versions the rest of the tests run with.
"""

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_install_step_pins_the_cpu_build_of_torch():
    (install,) = CONFIG["build"]["jobs"]["post_install"]
    assert "download.pytorch.org/whl/cpu" in install
    assert "-c constraints.txt" in install
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    pinned = re.search(r"^torch==(\S+)$", constraints, re.M)[1]
    assert pinned == version("torch") == "2.13.0+cpu"


@pytest.mark.parametrize(("rtd_language", "html_lang", "other"), [
    ("en", "en", "../../zh-cn/latest/index.html"),
    ("zh-cn", "zh-CN", "../../en/latest/index.html"),
])
def test_declared_build_produces_the_language(tmp_path, rtd_language, html_lang, other):
    env = dict(os.environ, READTHEDOCS="True", READTHEDOCS_LANGUAGE=rtd_language,
               READTHEDOCS_VERSION="latest", READTHEDOCS_OUTPUT=str(tmp_path),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in CONFIG["build"]["jobs"]["build"]["html"]:  # Read the Docs runs them in a shell
        subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True, timeout=900,
                       stdout=subprocess.DEVNULL)
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{html_lang}"' in index
    assert f'href="{other}"' in index
