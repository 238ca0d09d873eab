"""The accuracy scan: every function and derivative, with every parameter set, against mpmath.

For each public function and each parameter set of the catalogue (the defaults and its
``parameter_sets``) the scan draws seeded random inputs, uniform on [-40, 40] and with
log-uniform magnitudes over the whole float64 range, and adds windows around every edge where
a kernel changes method: the catalogue's kinks, the ends of the Taylor windows
(``activations._taylor``) and of GELU's erfcx intervals (``activations._normal``), the switch
points the family modules define, and the thresholds where exp overflows, underflows or turns
subnormal, each also scaled by the parameters (x/α, βx). Vector-valued functions are scanned on
random rows of mixed scales. Each value is
compared with the catalogue's mpmath reference, and the scan then searches densely around
the worst points it found; the error is in ULP of float64, and float32
and float16 inputs are checked against the 0.5 ULP goal on a subset.

The float64 figure each docstring prints, once ("within 3.9 ULP", or "exact (0 ULP)"), is the largest error the scan
measured, rounded up to a tenth. The scan writes what it measured to
``benchmarks/accuracy_scan.json``; the tests check every printed figure against that record,
re-measure the recorded worst points and a seeded sample, and fail where a figure is below a
measurement. Run from the repository root (about 4 minutes on two cores)::

    python benchmarks/accuracy_scan.py                  # the full scan, >= 10**6 points
    python benchmarks/accuracy_scan.py --write          # ... and update the record
    python benchmarks/accuracy_scan.py --functions gelu --write   # one activation's rows
    python benchmarks/accuracy_scan.py --points 300 --functions gelu  # a quick look
"""

import argparse
import json
import math
import multiprocessing
import pathlib
import sys
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import activations  # noqa: E402
import activations._reference as R  # noqa: E402
from activations import _normal, _taylor  # noqa: E402
from activations.catalogue import CATALOGUE, by_name  # noqa: E402

RECORD = ROOT / "benchmarks" / "accuracy_scan.json"
#: Points where other scans found larger errors than this one's seeded points (issue 9; sigmoid
#: in issue 13, where exp's own error reaches 1.06 ULP; silu' at -4.7948, 3.34 ULP, in issue 13),
#: kept as inputs.
REPORTED = {"gelu": (-1.2584163105496988, -1.253, -1.2806496643998657, -1.2524614221337615,
                     -5.999999999995306, -1.2524614220710748, -6.7899526754115795,
                     -12.33327837049239, -6.789952686704445, -3.7301670732503345),
            "silu": (-3.747406814723133, -4.794848541360424), "mish": (-0.619909911178846,),
            "celu": (-1e-320, -7.4e-323), "elu": (-744.0,), "sigmoid": (-5.543440148756271,),
            "softplus": (-709781.1586546364, -708392.5852624438, -0.1999999999999302,
                         -0.19999999999716464, -0.19559228234727946),
            "logsigmoid": (2.7087709880981747, 4.153826563949494, 3.4642582873333474,
                           4.153825930154087, 4.148372527283668, 4.153826563949537,
                           3.4642582873337946),
            "softsign": (-0.4271832881205958, -5.6081472813136396e-11, -1.6682042441812376e-08,
                         0.4480889464735423, 0.44675364968209724)}
#: How many of the worst points of a first pass the scan then searches around.
REFINE = 10
#: Where exp(x) overflows, turns subnormal and underflows to 0.
EXP_EDGES = (709.782712893384, -708.3964185322641, -744.4400719213812)


def rounded_up(ulps):
    """A measured error as a docstring prints it: up to the next tenth (0 stays 0)."""
    return math.ceil(round(ulps * 10, 6)) / 10


def parameter_sets(entry):
    """The catalogue's parameter sets: the defaults first, then ``parameter_sets``."""
    return [dict(entry.example_parameters)] + [
        {**entry.example_parameters, **values} for values in entry.parameter_sets]


def _floats(params):
    return [abs(float(np.ravel(v)[0])) for v in params.values()
            if isinstance(v, (int, float, tuple, list)) and not isinstance(v, bool)]


def edges(entry, params):
    """The points where a kernel of ``entry`` may change method, with these parameters."""
    module = sys.modules[entry.function.__module__]
    constants = [v for k, v in vars(module).items()
                 if k.startswith("_") and k.isupper() and isinstance(v, float)]
    base = set(entry.kinks) | set(constants) | {1.0, 3.0, 6.0}
    for t in EXP_EDGES:
        base |= {t, t / 2, math.sqrt(abs(t)), math.sqrt(2 * abs(t))}
    if "gelu" in entry.name:
        base |= set(_normal.SWITCH_POINTS)
    for key, (hi, _, _) in _taylor.TABLES.items():
        if key.split("_")[0] in entry.name:
            base |= {hi - _taylor.RADIUS, hi + _taylor.RADIUS}
    scales = {1.0} | {p for p in _floats(params) if 0 < p < np.inf} \
        | {1 / p for p in _floats(params) if 0 < p < np.inf}
    base |= set(_floats(params))
    return sorted({s * e * sign for e in base for s in scales for sign in (1, -1)
                   if np.isfinite(s * e)})


def elementwise_points(entry, params, count, rng):
    """Seeded inputs for an elementwise function: random, then windows at every edge."""
    quarter = count // 4
    wide = rng.uniform(-40, 40, quarter)
    near = rng.uniform(-8, 8, quarter)  # where most kernels change method
    magnitudes = 10.0 ** rng.uniform(-320, 308, count - 3 * quarter)
    tiny = rng.uniform(-1, 1, quarter) * 10.0 ** rng.uniform(-8, 0, quarter)
    signs = rng.choice([-1.0, 1.0], magnitudes.size)
    windows = [REPORTED.get(entry.name, ())]
    per_edge = max(8, count // 200)
    for e in edges(entry, params):
        offsets = 10.0 ** rng.uniform(-16, -0.3, per_edge) * rng.choice([-1, 1], per_edge)
        windows.append(e + offsets * max(1.0, abs(e)))
        windows.append(np.nextafter(e, e + np.arange(-3, 4)))
    special = [0.0, -0.0, np.inf, -np.inf, 5e-324, -5e-324, 1.7976931348623157e308,
               -1.7976931348623157e308]
    return np.concatenate([wide, near, magnitudes * signs, tiny, special, *windows])


def vector_rows(entry, count, rng):
    """Seeded rows for a vector-valued function (even lengths for the gated ones)."""
    gated = entry.name in R.GATES
    rows = []
    for k in range(count):
        n = int(rng.integers(1, 5)) * 2 if gated else int(rng.integers(2, 9))
        scale = 10.0 ** rng.choice([0, 1, 2, 2.85])
        rows.append(rng.uniform(-1, 1, n) * scale)
        if gated and k % 4 == 0:  # the gate's deep tail, where sigma(b) is subnormal
            half = n // 2
            rows.append(np.concatenate([10.0 ** rng.uniform(0, 308, half) * rng.choice(
                [-1, 1], half), rng.uniform(-745, -700, half)]))
    return rows


def row_error(entry, which, params, row):
    """The largest float64 error, in ULP, of f (``which=0``) or its Jacobian on ``row``; for a
    gated activation, over the outputs whose gate value (or slope) is a normal number or 0:
    the docstrings state their figure there."""
    func = entry.function if which == 0 else entry.derivative
    errors = R.ulp_errors(func(row, **params), R.reference(entry.name, which, **params)(row),
                          np.float64)
    if entry.name not in R.GATES or entry.name == "glu":  # glu keeps its digits there
        return float(errors.max())
    gate, n = R.GATES[entry.name], len(row) // 2
    tiny = np.finfo(np.float64).smallest_normal
    # Judged on the exact value: one that underflows to 0 in float64 counts too.
    below = [np.array([0 < abs(R.reference(gate, k, **params)(v)) < tiny for v in row[n:]])
             for k in (0, 1)]
    if which == 0:
        return float(np.where(below[0], 0.0, errors).max())
    errors = errors.reshape(n, 2 * n)
    return float(max(np.where(below[0][:, None], 0.0, errors[:, :n]).max(),
                     np.where(below[1][:, None], 0.0, errors[:, n:]).max()))


def measure(task):
    """(function name, parameters, float64 ULP errors, inputs, narrow-dtype max, points)."""
    name, which, params, seed, count = task
    entry = by_name(name)
    func = entry.function if which == 0 else entry.derivative
    reference = R.reference(name, which, **params)
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning is a defect: let it fail the scan
        if entry.elementwise:
            x = elementwise_points(entry, params, count, rng)
            exact = [reference(v) for v in x]
            errors = R.ulp_errors(func(x, **params), exact, np.float64)
            # Then search around the worst points: errors peak in narrow bands.
            for centre in x[np.argsort(errors)[-REFINE:]]:
                near = centre + centre * 10.0 ** rng.uniform(-14, -1.5, count // 50) \
                    * rng.choice([-1, 1], count // 50)
                exact_near = [reference(v) for v in near]
                x = np.concatenate([x, near])
                errors = np.concatenate([errors, R.ulp_errors(func(near, **params),
                                                              exact_near, np.float64)])
            narrow = 0.0
            for dtype in (np.float32, np.float16):
                with np.errstate(over="ignore"):
                    small = np.unique(x[: count // 4].astype(dtype))
                exact_small = [reference(float(v)) for v in small]
                narrow = max(narrow, R.ulp_errors(func(small, **params), exact_small,
                                                  dtype).max())
            return func.__name__, params, errors, x, narrow, x.size
        rows = vector_rows(entry, max(count // 20, 20), rng)
        found = [(row_error(entry, which, params, row), row) for row in rows]
        # Then search around the worst rows, as for the elementwise functions.
        for _, centre in sorted(found, key=lambda pair: pair[0])[-REFINE:]:
            for _ in range(count // 200):
                row = centre * (1 + 10.0 ** rng.uniform(-14, -2, centre.size)
                                * rng.choice([-1, 1], centre.size))
                found.append((row_error(entry, which, params, row), row))
        narrow = 0.0
        for _, row in found[:len(rows)]:
            with np.errstate(over="ignore"):
                row32 = row.astype(np.float32)
            if which == 0 and np.all(np.isfinite(row32)):
                narrow = max(narrow, R.ulp_errors(func(row32, **params), reference(row32),
                                                  np.float32).max())
        worst, where = max(found, key=lambda pair: pair[0])
        points = sum(row.size ** 2 if which else row.size for _, row in found)
        return func.__name__, params, np.array([worst]), [where.tolist()], narrow, points


def tasks(names, count, seed):
    out = []
    for entry in CATALOGUE:
        if names and entry.name not in names:
            continue
        for which in (0, 1):
            for k, params in enumerate(parameter_sets(entry)):
                out.append((entry.name, which, params, seed + 7919 * len(out) + k, count))
    return out


def scan(names=(), count=20000, seed=2026, processes=2):
    """{function name: {"max_ulp", "x", "parameters", "points", "narrow_max_ulp"}}."""
    if processes == 1:
        results = list(map(measure, tasks(names, count, seed)))
    else:
        with multiprocessing.Pool(processes) as pool:
            results = pool.map(measure, tasks(names, count, seed), chunksize=1)
    record = {}
    for name, params, errors, x, narrow, points in results:
        worst = int(np.argmax(errors))
        row = record.setdefault(name, {"max_ulp": -1.0, "points": 0, "narrow_max_ulp": 0.0})
        row["points"] += points
        row["narrow_max_ulp"] = max(row["narrow_max_ulp"], float(narrow))
        if errors[worst] > row["max_ulp"]:
            where = x[worst]
            row.update(max_ulp=float(errors[worst]), parameters=_jsonable(params),
                       x=float(where) if isinstance(where, (float, np.floating)) else where)
    return record


def _jsonable(params):
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def report(record):
    """Print the scan and return the functions whose printed figure is not the measured one."""
    wrong = []
    print(f"{'function':<24}{'points':>9}{'max ULP':>10}{'printed':>9}  {'float32/16':>10}"
          "  worst input")
    for name, row in sorted(record.items()):
        try:
            printed = R.accuracy_claim(getattr(activations, name))
        except ValueError:
            printed = math.nan
        status = "" if printed == rounded_up(row["max_ulp"]) else "  <- printed figure differs"
        if status:
            wrong.append(name)
        where = row["x"] if not isinstance(row["x"], list) else f"row of {len(row['x'])}"
        params = ", ".join(f"{k}={v}" for k, v in row["parameters"].items())
        print(f"{name:<24}{row['points']:>9}{row['max_ulp']:>10.3f}{printed:>9}  "
              f"{row['narrow_max_ulp']:>10.3f}  {where!r:<24} {params}{status}")
    total = sum(row["points"] for row in record.values())
    print(f"\n{total} points; max ULP: float64, against mpmath; printed: the docstring's "
          "figure, which should be max ULP rounded up to a tenth; float32/16: the largest "
          "error of float32 and float16 inputs (goal 0.5).")
    return wrong


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=20000,
                        help="random points per function and parameter set (default 20000)")
    parser.add_argument("--functions", nargs="*", default=[], help="activation names")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write", action="store_true", help=f"update {RECORD.name}")
    args = parser.parse_args(argv)
    record = scan(set(args.functions), args.points, args.seed)
    wrong = report(record)
    if args.write:  # the functions scanned replace their rows; the others keep theirs
        kept = json.loads(RECORD.read_text()) if RECORD.exists() else {}
        RECORD.write_text(json.dumps({**kept, **record}, indent=1, sort_keys=True) + "\n")
    return record, wrong


if __name__ == "__main__":
    sys.exit(1 if main()[1] else 0)
