"""Find or install the browser that the browser tests drive (`make browser`, run by `make test`).

In order: Debian's Chromium at /usr/bin/chromium (installed with apt-get, with the CJK fonts
the Chinese pages need, when this is Debian and we are root); else Playwright's own Chromium
(``playwright install chromium``, which downloads it). If neither can be had, one line says
what to run, and the exit status stops `make test` before any test starts.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM, playwright_chromium  # noqa: E402

DEBIAN_PACKAGES = ["chromium", "fonts-noto-cjk"]


def _have_cjk_fonts():
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    return listed.returncode == 0 and bool(listed.stdout.strip())


def _apt_install():
    if not (shutil.which("apt-get") and os.geteuid() == 0):
        return False
    print(f"==> apt-get install {' '.join(DEBIAN_PACKAGES)} (the browser tests' Chromium)",
          flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    steps = (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES])
    return all(subprocess.run(step, env=env, stdout=subprocess.DEVNULL).returncode == 0
               for step in steps)


def _playwright_install():
    print("==> playwright install chromium (downloads Playwright's own Chromium)", flush=True)
    done = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                          capture_output=True, text=True)
    return done.returncode == 0 and playwright_chromium() is not None


def main():
    if Path(CHROMIUM).is_file():
        if shutil.which("fc-list") and not _have_cjk_fonts():
            _apt_install()  # Chinese pages without CJK fonts render boxes in screenshots
        print(f"Browser for the tests: {CHROMIUM}")
        return 0
    if _apt_install() and Path(CHROMIUM).is_file():
        print(f"Browser for the tests: {CHROMIUM}")
        return 0
    if playwright_chromium() or _playwright_install():
        print(f"Browser for the tests: {playwright_chromium()} (Playwright's)")
        return 0
    print("No browser for the browser tests: install Chromium (Debian, as root: apt-get install "
          "chromium fonts-noto-cjk) or run `.venv/bin/python -m playwright install chromium`, "
          "then run make test again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
