"""Speed and memory of every activation and derivative: the package, the textbook formula, PyTorch.

Three implementations of each function of the catalogue run on the same data:

* ``ours``: the ``activations`` package;
* ``naive``: the textbook formula in NumPy, in the input's dtype (``NAIVE`` and
  ``NAIVE_VECTOR`` of ``benchmarks/accuracy.py``);
* ``torch``: PyTorch on a CPU tensor sharing the array's memory, on one thread like
  NumPy; derivatives through autograd (forward plus backward, as a training step
  computes them).

The three are timed interleaved (ours, naive, torch, ours, naive, torch, ...), so a
busy machine slows all of them alike, and each reports the median of the repeats. The
clock is the process's CPU time (``time.process_time``), which other programs on a shared
machine do not inflate; PyTorch runs on this one thread.
Elementwise functions get values uniform on [-20, 20]; vector-valued ones, rows of 8
such values. For float64 and float32 at each size it prints the times, the ratios
ours/naive and ours/torch, and their medians and maxima over the functions. Then:

* the fixed cost of a call on a 0-d input (a NumPy float64 scalar), ours against naive;
* the peak memory a call allocates beyond its input, measured with ``tracemalloc``
  (which sees NumPy's allocations, not PyTorch's), as a multiple of the input's size.

Run from the repository root::

    python benchmarks/speed.py                       # everything (a few minutes)
    python benchmarks/speed.py --sizes 100000 --repeats 3 --functions gelu softmax
"""

import argparse
import pathlib
import statistics
import sys
import time
import tracemalloc
import warnings

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from accuracy import NAIVE, NAIVE_VECTOR  # noqa: E402  (the textbook formulas)
from activations.catalogue import CATALOGUE  # noqa: E402

IMPLEMENTATIONS = ("ours", "naive", "torch")
# A timed sample repeats the call until it covers about this many elements (at most
# _CALLS_PER_SAMPLE calls), so that small inputs are not timed below the clock's resolution.
_ELEMENTS_PER_SAMPLE = 10**5
_CALLS_PER_SAMPLE = 200


def cases(names):
    """(label, vector-valued?, {implementation: function of an array or None}) per function."""
    for entry in CATALOGUE:
        if names and entry.name not in names:
            continue
        if entry.elementwise:
            params = dict(entry.example_parameters)
            for which, func in ((0, entry.function), (1, entry.derivative)):
                yield func.__name__, False, {
                    "ours": lambda x, f=func, p=params: f(x, **p),
                    "naive": NAIVE.get(func.__name__),
                    "torch": _torch_elementwise(entry, which),
                }
        else:
            yield f"{entry.name} (rows of 8)", True, {
                "ours": entry.call,
                "naive": NAIVE_VECTOR.get(entry.name),
                "torch": _torch_vector(entry),
            }


def _torch():
    """PyTorch, limited to one thread like NumPy, so that CPU times compare."""
    import torch

    torch.set_num_threads(1)
    return torch


def _torch_elementwise(entry, which):
    """f (which=0) or f' by autograd (which=1) computed by PyTorch; None if it has neither."""
    if not entry.has_torch:
        return None
    torch = _torch()

    def run(x):
        t = torch.from_numpy(x)
        if which == 0:
            with torch.no_grad():
                return entry.call_torch(t).numpy()
        t.requires_grad_()
        entry.call_torch(t).sum().backward()
        return t.grad.numpy()

    return run


def _torch_vector(entry):
    if not entry.has_torch:
        return None
    torch = _torch()

    def run(x):
        with torch.no_grad():
            return entry.call_torch(torch.from_numpy(x)).numpy()

    return run


def data(size, dtype, vector):
    """Seeded values uniform on [-20, 20]: ``size`` of them, or rows of 8 holding about as many."""
    x = np.random.default_rng(0).uniform(-20.0, 20.0, max(size, 8)).astype(dtype)
    return x[: len(x) - len(x) % 8].reshape(-1, 8) if vector else x[:size]


def interleaved_medians(functions, x, repeats):
    """Median CPU seconds per call of each function (None stays None), timed A B C A B C ..."""
    number = max(1, min(_CALLS_PER_SAMPLE, _ELEMENTS_PER_SAMPLE // x.size))
    present = {name: fn for name, fn in functions.items() if fn is not None}
    samples = {name: [] for name in present}
    for fn in present.values():  # warm-up
        fn(x)
    for _ in range(repeats):
        for name, fn in present.items():
            start = time.process_time()
            for _ in range(number):
                fn(x)
            samples[name].append((time.process_time() - start) / number)
    return {name: statistics.median(samples[name]) if name in samples else None
            for name in functions}


def peak_extra_memory(fn, x):
    """Peak bytes allocated by ``fn(x)`` beyond what was allocated before (NumPy's memory)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak - before


def measure(sizes, dtypes, repeats, names):
    """Timings, call overheads and memory; every figure the tables print."""
    timings, overhead, memory = [], [], []
    for dtype in dtypes:
        for size in sizes:
            for label, vector, functions in cases(names):
                times = interleaved_medians(functions, data(size, dtype, vector), repeats)
                timings.append({"dtype": np.dtype(dtype).name, "size": size,
                                "function": label, **times})
    for label, vector, functions in cases(names):
        if not vector:
            scalar = np.float64(0.5)
            pair = {name: functions[name] for name in ("ours", "naive")}
            overhead.append({"function": label,
                             **interleaved_medians(pair, scalar, repeats)})
    for dtype in dtypes:
        for label, vector, functions in cases(names):
            x = data(max(sizes), dtype, vector)
            memory.append({"dtype": np.dtype(dtype).name, "function": label,
                           **{name: (peak_extra_memory(functions[name], x) / x.nbytes
                                     if functions[name] else None)
                              for name in ("ours", "naive")}})
    return timings, overhead, memory


def _ratio(a, b):
    return a / b if a is not None and b is not None else None


def _fmt(value, width, digits=2, scale=1.0):
    return f"{'—':>{width}}" if value is None else f"{value * scale:>{width}.{digits}f}"


def summary(ratios, limit):
    """'median m, max M (function); k of n above limit' for {function: ratio}."""
    known = {name: r for name, r in ratios.items() if r is not None}
    if not known:
        return "no figures"
    worst = max(known, key=known.get)
    above = sum(r > limit for r in known.values())
    return (f"median {statistics.median(known.values()):.2f}, max {known[worst]:.2f} "
            f"({worst}); {above} of {len(known)} above {limit:g}")


def print_timings(timings):
    groups = {}
    for row in timings:
        groups.setdefault((row["dtype"], row["size"]), []).append(row)
    for (dtype, size), rows in groups.items():
        header = (f"{'function':<26}{'ours ms':>10}{'naive ms':>10}{'torch ms':>10}"
                  f"{'ours/naive':>12}{'ours/torch':>12}")
        print(f"\n{dtype}, {size} elements: median CPU time per call (torch on 1 thread)")
        print(header)
        print("-" * len(header))
        for row in rows:
            print(f"{row['function']:<26}" + "".join(_fmt(row[name], 10, 3, 1e3)
                                                   for name in IMPLEMENTATIONS)
                  + _fmt(_ratio(row["ours"], row["naive"]), 12)
                  + _fmt(_ratio(row["ours"], row["torch"]), 12))
        limit = 4 if dtype == "float64" else 8
        print("ours/naive: " + summary({r["function"]: _ratio(r["ours"], r["naive"])
                                         for r in rows}, limit))
        print("ours/torch: " + summary({r["function"]: _ratio(r["ours"], r["torch"])
                                         for r in rows}, 3))


def print_overhead(overhead):
    if not overhead:
        return
    print("\nFixed cost of a call on a 0-d float64 input: median CPU µs per call")
    header = f"{'function':<26}{'ours µs':>10}{'naive µs':>10}{'ours/naive':>12}"
    print(header)
    print("-" * len(header))
    for row in overhead:
        print(f"{row['function']:<26}{_fmt(row['ours'], 10, 2, 1e6)}"
              f"{_fmt(row['naive'], 10, 2, 1e6)}{_fmt(_ratio(row['ours'], row['naive']), 12)}")
    print(f"ours µs: median {statistics.median(r['ours'] for r in overhead) * 1e6:.2f}; "
          f"naive µs: median "
          f"{statistics.median(r['naive'] for r in overhead if r['naive']) * 1e6:.2f}")
    print("ours/naive: " + summary({r["function"]: _ratio(r["ours"], r["naive"])
                                    for r in overhead}, 2.5))


def print_memory(memory, size):
    print(f"\nPeak memory allocated by a call beyond its input, in input sizes "
          f"({size} elements; tracemalloc)")
    header = f"{'function':<26}{'dtype':<9}{'ours':>8}{'naive':>8}"
    print(header)
    print("-" * len(header))
    for row in memory:
        print(f"{row['function']:<26}{row['dtype']:<9}{_fmt(row['ours'], 8)}"
              f"{_fmt(row['naive'], 8)}")
    for dtype in sorted({row["dtype"] for row in memory}, reverse=True):
        print(f"ours, {dtype}: " + summary({r["function"]: r["ours"]
                                            for r in memory if r["dtype"] == dtype}, 2))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10**3, 10**5, 10**6])
    parser.add_argument("--dtypes", nargs="*", default=["float64", "float32"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--functions", nargs="*", default=[],
                        help="activation names (default: all)")
    args = parser.parse_args(argv)
    dtypes = [np.dtype(d).type for d in args.dtypes]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # the textbook formulas overflow, as they do
        timings, overhead, memory = measure(args.sizes, dtypes, args.repeats,
                                            set(args.functions))
    print_timings(timings)
    print_overhead(overhead)
    print_memory(memory, max(args.sizes))
    return timings, overhead, memory


if __name__ == "__main__":
    main()
