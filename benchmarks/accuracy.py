"""Accuracy of every activation and derivative: the package, PyTorch, and the textbook formula.

Each function is evaluated on a grid of [-20, 20] plus extreme values, in
float64 and float32, three ways:

* ``ours``: the ``activations`` package;
* ``torch``: PyTorch's functional form (derivatives through autograd), in the
  same dtype;
* ``naive``: the textbook formula written directly in NumPy, in the same dtype.

and compared with mpmath at 60 significant digits (the references of
``tests/mpmath_reference.py``). The activations, their parameters and their PyTorch forms
come from the catalogue; a column is empty where PyTorch or a textbook formula has none. For each it prints the maximum error in
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
sys.path.insert(0, str(ROOT / "tests"))

import mpmath_reference as R  # noqa: E402
from activations.catalogue import CATALOGUE  # noqa: E402

# --------------------------------------------------------------------------
# The textbook formulas, exactly as a reader would type them
# --------------------------------------------------------------------------

_erf = np.vectorize(math.erf, otypes=[np.float64])
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805


def _erf_like(x):
    return _erf(x).astype(x.dtype)


def _sig(x):
    return 1 / (1 + np.exp(-x))


def _sp(x):
    return np.log(1 + np.exp(x))


def _c(x, value):
    """A constant in the dtype of x (so float32 stays float32)."""
    return x.dtype.type(value)


NAIVE = {
    "relu": lambda x: np.maximum(x, 0),
    "relu_grad": lambda x: (x > 0).astype(x.dtype),
    "relu6": lambda x: np.minimum(np.maximum(x, 0), 6),
    "relu6_grad": lambda x: ((x > 0) & (x < 6)).astype(x.dtype),
    "leaky_relu": lambda x: np.where(x > 0, x, _c(x, 0.01) * x),
    "leaky_relu_grad": lambda x: np.where(x > 0, _c(x, 1), _c(x, 0.01)),
    "prelu": lambda x: np.where(x > 0, x, _c(x, 0.25) * x),
    "prelu_grad": lambda x: np.where(x > 0, _c(x, 1), _c(x, 0.25)),
    "rrelu": lambda x: np.where(x > 0, x, _c(x, 11 / 48) * x),
    "rrelu_grad": lambda x: np.where(x > 0, _c(x, 1), _c(x, 11 / 48)),
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1),
    "elu_grad": lambda x: np.where(x > 0, _c(x, 1), np.exp(x)),
    "selu": lambda x: _c(x, SELU_SCALE) * np.where(x > 0, x, _c(x, SELU_ALPHA) * (np.exp(x) - 1)),
    "selu_grad": lambda x: _c(x, SELU_SCALE) * np.where(x > 0, 1, _c(x, SELU_ALPHA) * np.exp(x)),
    "celu": lambda x: np.maximum(0, x) + np.minimum(0, np.exp(x) - 1),
    "celu_grad": lambda x: np.where(x > 0, _c(x, 1), np.exp(x)),
    "gelu": lambda x: 0.5 * x * (1 + _erf_like(x / np.sqrt(_c(x, 2)))),
    "gelu_grad": lambda x: (0.5 * (1 + _erf_like(x / np.sqrt(_c(x, 2))))
                            + x * np.exp(-x * x / 2) / np.sqrt(_c(x, 2 * np.pi))),
    "silu": lambda x: x / (1 + np.exp(-x)),
    "silu_grad": lambda x: _sig(x) * (1 + x * (1 - _sig(x))),
    "mish": lambda x: x * np.tanh(_sp(x)),
    "mish_grad": lambda x: np.tanh(_sp(x)) + x * (1 - np.tanh(_sp(x)) ** 2) * _sig(x),
    "softplus": lambda x: np.log(1 + np.exp(x)),
    "softplus_grad": lambda x: _sig(x),
    "logsigmoid": lambda x: np.log(_sig(x)),
    "logsigmoid_grad": lambda x: 1 - _sig(x),
    "softsign": lambda x: x / (1 + np.abs(x)),
    "softsign_grad": lambda x: 1 / (1 + np.abs(x)) ** 2,
    "sigmoid": _sig,
    "sigmoid_grad": lambda x: _sig(x) * (1 - _sig(x)),
    "tanh": lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
    "tanh_grad": lambda x: 1 - np.tanh(x) ** 2,
    "hardtanh": lambda x: np.clip(x, -1, 1),
    "hardtanh_grad": lambda x: ((x > -1) & (x < 1)).astype(x.dtype),
    "hardsigmoid": lambda x: np.clip(x / 6 + _c(x, 0.5), 0, 1),
    "hardsigmoid_grad": lambda x: np.where((x > -3) & (x < 3), _c(x, 1 / 6), _c(x, 0)),
    "hardswish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "hardswish_grad": lambda x: np.where(x <= -3, 0, np.where(x >= 3, 1, (2 * x + 3) / 6)),
    "tanhshrink": lambda x: x - np.tanh(x),
    "tanhshrink_grad": lambda x: np.tanh(x) ** 2,
    "softshrink": lambda x: np.where(x > 0.5, x - _c(x, 0.5),
                                     np.where(x < -0.5, x + _c(x, 0.5), _c(x, 0))),
    "softshrink_grad": lambda x: (np.abs(x) > 0.5).astype(x.dtype),
    "hardshrink": lambda x: np.where(np.abs(x) > 0.5, x, _c(x, 0)),
    "hardshrink_grad": lambda x: (np.abs(x) > 0.5).astype(x.dtype),
    "threshold": lambda x: np.where(x > 1, x, _c(x, 0)),
    "threshold_grad": lambda x: (x > 1).astype(x.dtype),
    "squared_relu": lambda x: np.maximum(x, 0) ** 2,
    "squared_relu_grad": lambda x: 2 * np.maximum(x, 0),
    "squareplus": lambda x: (x + np.sqrt(x * x + 4)) / 2,
    "squareplus_grad": lambda x: (1 + x / np.sqrt(x * x + 4)) / 2,
    "sparse_plus": lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)),
    "sparse_plus_grad": lambda x: np.where(x <= -1, 0, np.where(x >= 1, 1, (x + 1) / 2)),
    "sparse_sigmoid": lambda x: np.clip((x + 1) / 2, 0, 1),
    "sparse_sigmoid_grad": lambda x: np.where((x > -1) & (x < 1), _c(x, 0.5), _c(x, 0)),
}


def _first(x):
    return x[..., : x.shape[-1] // 2]


def _second(x):
    return x[..., x.shape[-1] // 2:]


def _naive_softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


NAIVE_VECTOR = {
    "softmax": _naive_softmax,
    "log_softmax": lambda x: np.log(_naive_softmax(x)),
    "softmin": lambda x: _naive_softmax(-x),
    "glu": lambda x: _first(x) * _sig(_second(x)),
    "reglu": lambda x: _first(x) * np.maximum(_second(x), 0),
    "geglu": lambda x: _first(x) * _second(x) * (1 + _erf_like(_second(x) / np.sqrt(2))) / 2,
    "swiglu": lambda x: _first(x) * _second(x) * _sig(_second(x)),
}

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
        reference = R.VECTOR_REFERENCE[entry.name]
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
