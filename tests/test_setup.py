"""The README's two commands set up what they need: torch's index, a browser, or one clear line."""

import re
import subprocess

import browser_setup
from conftest import ROOT, TORCH, TORCH_INDEX


def test_make_docs_takes_torch_alone_from_pytorchs_index():
    dry = subprocess.run(["make", "-n", "-B", ".venv/installed"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    installs = [line for line in dry.splitlines() if " install " in line and "pip" in line]
    from_index = [line for line in installs if TORCH_INDEX in line]
    assert from_index and all(f"--no-deps --index-url {TORCH_INDEX} torch=={TORCH}" in line
                              for line in from_index), from_index
    assert any(f"--no-index torch=={TORCH}" in line for line in installs)  # a local wheel first
    others = [line for line in installs if "torch==" not in line]
    assert others and not [line for line in others if re.search(r"index-url|find-links", line)]


def test_no_browser_and_no_way_to_install_one_stops_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(browser_setup, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser_setup, "_apt_install", lambda: False)
    monkeypatch.setattr(browser_setup, "playwright_chromium", lambda: None)
    monkeypatch.setattr(browser_setup, "_playwright_install", lambda: False)
    assert browser_setup.main() == 1
    out, err = capsys.readouterr()
    assert not out and len(err.strip().splitlines()) == 1
    assert "apt-get install chromium fonts-noto-cjk" in err and "playwright install chromium" in err


def test_a_browser_found_is_used(monkeypatch, capsys, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.touch()
    monkeypatch.setattr(browser_setup, "CHROMIUM", str(chromium))
    monkeypatch.setattr(browser_setup, "_have_cjk_fonts", lambda: True)
    assert browser_setup.main() == 0
    assert str(chromium) in capsys.readouterr().out


def test_playwright_browser_is_the_fallback(monkeypatch, capsys):
    monkeypatch.setattr(browser_setup, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser_setup, "_apt_install", lambda: False)
    installed = []
    monkeypatch.setattr(browser_setup, "playwright_chromium",
                        lambda: "/pw/chromium" if installed else None)
    monkeypatch.setattr(browser_setup, "_playwright_install", lambda: installed.append(1) or True)
    assert browser_setup.main() == 0
    assert installed and "/pw/chromium" in capsys.readouterr().out
