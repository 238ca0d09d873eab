"""Every accuracy figure a docstring prints is the accuracy scan's measurement, rounded up.

``benchmarks/accuracy_scan.py`` measures every public function with every parameter set of the
catalogue on more than a million points and records what it found in
``benchmarks/accuracy_scan.json``. These tests tie the printed figures to that record, re-measure
the record's worst points (so that the record belongs to this code), and run a smaller scan
with a different seed, which must stay within the printed figures.
"""

import importlib.util
import json
import pathlib
import re

import numpy as np
import polib
import pytest

import activations
import activations._reference as R
from activations.catalogue import CATALOGUE, by_name

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent / "benchmarks"
_spec = importlib.util.spec_from_file_location("accuracy_scan", BENCHMARKS / "accuracy_scan.py")
scan = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scan)

RECORD = json.loads(scan.RECORD.read_text())
PUBLIC = sorted(f.__name__ for entry in CATALOGUE for f in (entry.function, entry.derivative))


def _entry(function_name):
    return by_name(function_name.removesuffix("_grad").removesuffix("_jacobian"))


def test_the_record_covers_every_function_with_a_million_points():
    assert sorted(RECORD) == PUBLIC
    assert sum(row["points"] for row in RECORD.values()) >= 10**6


@pytest.mark.parametrize("name", PUBLIC)
def test_printed_figure_is_the_measured_one_rounded_up(name):
    printed = R.accuracy_claim(getattr(activations, name))
    assert printed == scan.rounded_up(RECORD[name]["max_ulp"]), (
        f"{name}: the docstring prints {printed} ULP, the scan measured "
        f"{RECORD[name]['max_ulp']:.3f}")
    assert RECORD[name]["narrow_max_ulp"] <= R.NARROW_ULP_GOAL


@pytest.mark.parametrize("name", PUBLIC)
def test_no_vague_figure_remains(name):
    """'within about 2 ULP' is the kind of figure the scan replaced."""
    doc = " ".join(getattr(activations, name).__doc__.split())
    assert not re.search(r"within about [0-9.]+ ULP", doc, re.IGNORECASE)


@pytest.mark.parametrize("name", PUBLIC)
def test_the_recorded_worst_point_still_measures_so(name):
    row = RECORD[name]
    if row["max_ulp"] == 0:
        return
    entry, func = _entry(name), getattr(activations, name)
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in row["parameters"].items()}
    which = 0 if name == entry.name else 1
    if entry.elementwise:
        x = np.array([row["x"]])
        exact = [R.reference(entry.name, which, **params)(row["x"])]
        measured = R.ulp_errors(func(x, **params), exact, np.float64).max()
    else:
        measured = scan.row_error(entry, which, params, np.array(row["x"]))
    assert measured == pytest.approx(row["max_ulp"], rel=1e-9)


def test_a_fresh_seeded_scan_stays_within_the_printed_figures():
    found = scan.scan(count=400, seed=9, processes=1)
    for name, row in found.items():
        printed = R.accuracy_claim(getattr(activations, name))
        assert row["max_ulp"] <= printed, (name, row)
        assert row["narrow_max_ulp"] <= R.NARROW_ULP_GOAL, (name, row)


def test_the_translations_print_the_same_figures():
    """A figure changed in a docstring is changed in its zh_CN translation too."""
    locale = pathlib.Path(__file__).resolve().parent.parent / "docs" / "locale" / "zh_CN"
    checked = 0
    for path in sorted(locale.glob("LC_MESSAGES/**/*.po")):
        for entry in polib.pofile(str(path)):
            for figure in re.findall(r"within (\d+(?:\.\d)?) ULP", entry.msgid, re.IGNORECASE):
                assert f"{figure} ULP" in entry.msgstr, (path.name, entry.msgid)
                checked += 1
    assert checked >= len(PUBLIC) // 2


def test_the_readme_prints_the_scan_as_recorded():
    readme = (BENCHMARKS.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if "accuracy_scan.py`, " in line)
    total = sum(r["points"] for r in RECORD.values())
    worst = max(RECORD.items(), key=lambda item: item[1]["max_ulp"])
    assert f"{total:,} seeded points" in row
    assert f"≤ {scan.rounded_up(worst[1]['max_ulp'])} for every function" in row
    assert f"{worst[0]} {scan.rounded_up(worst[1]['max_ulp'])}" in row
