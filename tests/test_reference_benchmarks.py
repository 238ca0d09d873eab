"""The benchmark scripts still run: a tiny configuration of each (the full runs are not tests)."""

import importlib.util
import pathlib

import numpy as np

BENCHMARKS = pathlib.Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_accuracy_benchmark_runs(capsys):
    accuracy = _load("accuracy")
    rows = accuracy.main(["--points", "21", "--functions", "relu", "gelu", "softmax",
                          "--dtypes", "float64"])
    output = capsys.readouterr().out
    assert "gelu_grad" in output and "softmax" in output and "naive" in output
    for label, dtype, ours, torch_result, naive in rows:
        worst, _, failures, warned = ours
        assert worst <= 4 and failures == 0 and warned == 0, (label, ours)
    # Every elementwise function of the catalogue has a textbook formula to compare with.
    for entry in accuracy.CATALOGUE:
        if entry.elementwise:
            assert entry.function.__name__ in accuracy.NAIVE
            assert entry.derivative.__name__ in accuracy.NAIVE


def test_speed_benchmark_runs(capsys):
    speed = _load("speed")
    timings, overhead, memory = speed.main(["--sizes", "64", "--repeats", "1",
                                            "--functions", "silu", "glu"])
    output = capsys.readouterr().out
    assert "ours/naive" in output and "ours/torch" in output and "tracemalloc" in output
    labels = ["silu", "silu_grad", "glu (rows of 8)"]
    for dtype in ("float64", "float32"):
        rows = [r for r in timings if r["dtype"] == dtype]
        assert [r["function"] for r in rows] == labels
        assert all(r[name] > 0 for r in rows for name in speed.IMPLEMENTATIONS)
        assert [r["function"] for r in memory if r["dtype"] == dtype] == labels
    assert [r["function"] for r in overhead] == ["silu", "silu_grad"]
    assert all(r["ours"] > 0 and r["naive"] > 0 for r in overhead)
    # PyTorch is timed on one thread, as NumPy runs.
    import torch
    assert torch.get_num_threads() == 1
    # An elementwise call allocates at least its result (one input size); the benchmark sees it.
    assert all(r["ours"] >= 1 and r["naive"] >= 1 for r in memory if "rows" not in r["function"])


def test_erfc_benchmark_runs(capsys):
    table = _load("erfc").main(["--points", "40"])
    assert "scipy erfcx" in capsys.readouterr().out
    assert len(table) == 6
    for row in table.values():
        # The package's erfcx against mpmath: the accuracy GELU's figures rest on.
        assert row["ours erfcx"] <= 0.75, row
        assert all(value >= 0 for value in row.values())


def test_fresh_process_benchmark_runs(capsys):
    rows = _load("fresh_process").main(["--functions", "sigmoid_grad", "--sizes", "64",
                                        "--repeats", "1"])
    assert "warmed" in capsys.readouterr().out
    assert [(r["function"], r["size"]) for r in rows] == [("sigmoid_grad", 64)]
    assert all(rows[0][f"{i} {s}"] > 0 for i in ("ours", "naive") for s in ("fresh", "warmed"))
