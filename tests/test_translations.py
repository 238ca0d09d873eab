"""The zh_CN catalogues are complete: every English message translated, none fuzzy, none stale."""

import re
import subprocess
import sys

import polib
import pytest

from conftest import ROOT

CATALOGUES = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Message templates extracted from the English source now (examples are not run)."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-c", "conf", "-b", "gettext", "-W", "-q",
         "-D", "plot_gallery=0", "docs", str(out)],
        cwd=ROOT, check=True, timeout=600,
    )
    found = {p.relative_to(out).with_suffix("").as_posix(): polib.pofile(str(p))
             for p in out.rglob("*.pot")}
    assert found, "the gettext builder extracted nothing"
    return found


def catalogue(domain):
    path = CATALOGUES / f"{domain}.po"
    assert path.is_file(), f"no catalogue {path.relative_to(ROOT)}: run `make po` and translate"
    return polib.pofile(str(path))


def key(entry):
    return entry.msgctxt, entry.msgid


def test_every_catalogue_has_a_template(templates):
    domains = {p.relative_to(CATALOGUES).with_suffix("").as_posix()
               for p in CATALOGUES.rglob("*.po")}
    assert domains == set(templates), "catalogues and source documents differ: run `make po`"


def test_catalogues_match_the_english_source(templates):
    for domain, template in templates.items():
        wanted = {key(e) for e in template}
        present = {key(e) for e in catalogue(domain) if not e.obsolete}
        assert not wanted - present, f"{domain}.po lacks {sorted(wanted - present)[:5]} (make po)"
        assert not present - wanted, f"{domain}.po has stale {sorted(present - wanted)[:5]}"


def test_everything_is_translated_and_nothing_is_fuzzy(templates):
    for domain in templates:
        po = catalogue(domain)
        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        assert not untranslated, f"{domain}.po: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
        assert not fuzzy, f"{domain}.po: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


ROLE = re.compile(r":\w+:`([^`<]*?)(?:\s*<([^>]+)>)?`")
VERBATIM = re.compile(r"``[^`]+``|\$[^$]+\$")
LINK_TARGET = re.compile(r"\]\(([^)]+)\)")


def markup(message):
    """What a translation must keep verbatim: role targets, literals, math, link targets."""
    kept = {target or text for text, target in ROLE.findall(message)}
    kept.update(VERBATIM.findall(ROLE.sub("", message)))
    kept.update(LINK_TARGET.findall(message))
    return kept


def test_translations_keep_markup_intact(templates):
    for domain in templates:
        for entry in catalogue(domain).translated_entries():
            missing = markup(entry.msgid) - markup(entry.msgstr)
            assert not missing, f"{domain}.po: {entry.msgid[:60]!r} lost {missing}"
