"""Accuracy of every activation and derivative: the package, PyTorch, and the textbook formula.

Each function is evaluated on a grid of [-20, 20] plus extreme values, in
float64 and float32, three ways:

* ``ours``: the ``activations`` package;
* ``torch``: PyTorch's functional form (derivatives through autograd), in the
  same dtype;
* ``naive``: the textbook formula written directly in NumPy, in the same dtype.

and compared with mpmath at 60 significant digits. The activations, their parameters, their
PyTorch forms, their mpmath references and their textbook formulas all come from the
catalogue; a column is empty where PyTorch or a textbook formula has none. For each it prints the maximum error in
units in the last place (ULP) of the dtype and where it occurs, the number of
failures (nan or inf where the true value is finite, or a wrong infinity), and
the number of warnings raised. The vector-valued functions are measured on
random rows of scores.

Run from the repository root::

    python benchmarks/accuracy.py                 # everything (about a minute)
    python benchmarks/accuracy.py --points 201 --functions sigmoid gelu
"""

import argparse
import math
import pathlib
import sys
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import activations._reference as R  # noqa: E402
from activations.catalogue import CATALOGUE  # noqa: E402

#: The textbook formulas (the catalogue's ``textbook``), by function name.
NAIVE = {func.__name__: R.textbook(entry.name, which)
         for entry in CATALOGUE if entry.elementwise
         for which, func in enumerate((entry.function, entry.derivative))}
NAIVE_VECTOR = {entry.name: R.textbook(entry.name) for entry in CATALOGUE
                if not entry.elementwise and entry.textbook}

# --------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------


def grid(points):
    """[-20, 20] and extremes, as in the design's measurements."""
    extremes = [1e-300, 1e-30, 1e-8, 25.0, 30.0, 36.75, 40.0, 89.0, 100.0, 354.5, 700.0,
                709.78, 710.0, 720.0, 745.0, 1e10, 1e300, 1e308, np.inf]
    return np.unique(np.concatenate([np.linspace(-20.0, 20.0, points), extremes,
                                     np.negative(extremes), [0.0]]))


def _torch_elementwise(entry, which):
    """f (which=0) or f' by autograd (which=1) computed by PyTorch; None if it has neither."""
    if not entry.has_torch:
        return None
    import torch

    def run(x):
        t = torch.tensor(x, requires_grad=which == 1)
        y = entry.call_torch(t)
        if which == 0:
            return y.detach().numpy()
        y.sum().backward()
        return t.grad.numpy()

    return run


def measure(values, exact, dtype):
    """(max ULP over the non-failing points, x there, failures)."""
    errors = R.ulp_errors(values, exact, dtype)
    failures = int(np.sum(~np.isfinite(errors)))
    finite = np.where(np.isfinite(errors), errors, -1.0)
    worst = int(np.argmax(finite))
    return float(finite[worst]), worst, failures


def run_one(fn, x, exact, dtype):
    """Evaluate fn(x) counting warnings; return (max ULP, where, failures, warnings), or None
    where there is no such function."""
    if fn is None:
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn"):
            try:
                values = np.asarray(fn(x))
            except Exception as err:  # a crash counts as failing everywhere
                return (math.nan, "", len(x), f"{type(err).__name__}")
    worst, where, failures = measure(values, exact, dtype)
    return worst, x[where], failures, len(caught)


def elementwise_rows(points, names, dtypes):
    rows = []
    base = grid(points)
    for entry in CATALOGUE:
        if not entry.elementwise or (names and entry.name not in names):
            continue
        params = dict(entry.example_parameters)
        for which, func in ((0, entry.function), (1, entry.derivative)):
            label = func.__name__
            reference = R.reference(entry.name, which, **params)
            for dtype in dtypes:
                with np.errstate(over="ignore"):
                    x = np.unique(base.astype(dtype))
                exact = [reference(float(v)) for v in x]
                result = [label, np.dtype(dtype).name]
                for fn in (lambda v, f=func: f(v, **params), _torch_elementwise(entry, which),
                           NAIVE.get(label)):
                    result.append(run_one(fn, x, exact, dtype))
                rows.append(result)
    return rows


def vector_rows(names, dtypes):
    import torch

    rng = np.random.default_rng(2026)
    rows_in = [rng.uniform(-20, 20, n) for n in rng.integers(2, 10, 60)]
    rows_in += [rng.uniform(-700, 700, n) for n in rng.integers(2, 6, 20)]
    rows_in += [np.array([0.0, -40.0]), np.array([1000.0, 0.0]), np.array([-1e308, 1e308]),
                np.array([0.0, 800.0]), np.array([3.0, -720.0])]
    out = []
    for entry in CATALOGUE:
        if entry.elementwise or (names and entry.name not in names):
            continue
        reference = R.reference(entry.name)
        on_torch = (None if not entry.has_torch else
                    lambda v, e=entry: e.call_torch(torch.from_numpy(v)).numpy())
        for dtype in dtypes:
            with np.errstate(over="ignore"):
                rows = [r.astype(dtype) for r in rows_in]
            rows = [r for r in rows if _valid_row(entry, r)]
            result = [entry.name, np.dtype(dtype).name]
            for fn in (entry.call, on_torch, NAIVE_VECTOR.get(entry.name)):
                if fn is None:
                    result.append(None)
                    continue
                worst, where, failures, warned = 0.0, "", 0, 0
                for row in rows:
                    exact = reference(row)
                    w, at, fails, caught = run_one(fn, row, exact, dtype)
                    failures += fails
                    warned += caught if isinstance(caught, int) else 1
                    if isinstance(w, float) and w > worst:
                        worst, where = w, f"row of {len(row)}"
                result.append((worst, where, failures, warned))
            out.append(result)
    return out


def _valid_row(entry, row):
    """Whether the activation accepts this row (the GLU family needs an even length)."""
    try:
        entry.call(row)
    except ValueError:
        return False
    return True


def _cell(entry):
    if entry is None:
        return f"{'—':>32}"
    worst, where, failures, warned = entry
    if isinstance(warned, str):
        return f"{'crash: ' + warned:>32}"
    where = f"{where:.4g}" if isinstance(where, (float, np.floating)) else str(where)
    ulp = f"{worst:.3g}" if worst < 1e4 else f"{worst:.1e}"
    return f"{ulp:>8} @ {where:<10} {failures:>3} {warned:>3}"


def print_table(rows):
    header = (f"{'function':<22}{'dtype':<9}"
              + "".join(f"{name + ': max ULP @ x  fail warn':>34}"
                        for name in ("ours", "torch", "naive")))
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row[0]:<22}{row[1]:<9}" + "".join(f"{_cell(c):>34}" for c in row[2:]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=801,
                        help="grid points on [-20, 20] (default 801)")
    parser.add_argument("--functions", nargs="*", default=[],
                        help="activation names (default: all)")
    parser.add_argument("--dtypes", nargs="*", default=["float64", "float32"])
    args = parser.parse_args(argv)
    dtypes = [np.dtype(d).type for d in args.dtypes]
    rows = elementwise_rows(args.points, set(args.functions), dtypes)
    rows += vector_rows(set(args.functions), dtypes)
    print_table(rows)
    print("\nmax ULP: largest error in units in the last place of the dtype, against mpmath "
          "at 60 digits,\n         over the points where the result is not a failure; "
          "@ x: where (vector functions: the row length).\nfail: nan or inf where the true "
          "value is finite (or the wrong infinity); warn: warnings raised.")
    return rows


if __name__ == "__main__":
    main()
