"""Speed of every activation and derivative: the package against PyTorch and the textbook formula.

For each function it times, on the same float64 data (10**6 values spread over
[-20, 20] by default), the median of several repeats of

* ``ours``: the ``activations`` package;
* ``torch``: PyTorch's functional form on a CPU tensor (derivatives through
  autograd: forward plus backward, as a training step would compute them),
  limited to one thread like NumPy;
* ``naive``: the textbook formula in NumPy (``benchmarks/accuracy.py``),

and prints the times and the ratios ours/torch and ours/naive. The design
aims at ours <= 4x the naive formula; the table reports every ratio as
measured, on whatever machine runs it.

Run from the repository root::

    python benchmarks/speed.py                    # 10**6 elements, 7 repeats
    python benchmarks/speed.py --size 100000 --repeats 3 --functions gelu softmax
"""

import argparse
import pathlib
import statistics
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import accuracy  # noqa: E402  (the textbook formulas and the list of activations)


def median_time(fn, repeats):
    """Median wall time of fn() in seconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(size, repeats, names):
    import torch

    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    x = rng.uniform(-20.0, 20.0, size)
    rows_x = x[: size - size % 8].reshape(-1, 8)
    rows = []
    for entry in accuracy.CATALOGUE:
        if names and entry.name not in names:
            continue
        if entry.elementwise:
            params = dict(entry.example_parameters)
            for which, func in ((0, entry.function), (1, entry.derivative)):
                on_torch = accuracy._torch_elementwise(entry, which)
                rows.append((func.__name__,
                             *_times(lambda: func(x, **params),
                                     on_torch and (lambda: on_torch(x)),
                                     _bound(accuracy.NAIVE.get(func.__name__), x), repeats)))
        else:
            t = torch.from_numpy(rows_x)
            on_torch = entry.has_torch and (lambda: entry.call_torch(t).numpy())
            rows.append((f"{entry.name} (rows of 8)",
                         *_times(lambda: entry.call(rows_x), on_torch,
                                 _bound(accuracy.NAIVE_VECTOR.get(entry.name), rows_x),
                                 repeats)))
    return rows


def _bound(fn, x):
    return fn and (lambda: fn(x))


def _times(ours, on_torch, naive, repeats):
    """Median times of the three; nan for a column that has no function."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return tuple(median_time(fn, repeats) if fn else float("nan")
                     for fn in (ours, on_torch, naive))


def print_table(rows, size):
    header = (f"{'function':<26}{'ours ms':>10}{'torch ms':>10}{'naive ms':>10}"
              f"{'ours/torch':>12}{'ours/naive':>12}")
    print(f"float64, {size} elements, median of repeats (torch on 1 thread)")
    print(header)
    print("-" * len(header))
    for label, ours, theirs, naive in rows:
        print(f"{label:<26}{ours * 1e3:>10.2f}{theirs * 1e3:>10.2f}{naive * 1e3:>10.2f}"
              f"{ours / theirs:>12.1f}{ours / naive:>12.1f}")
    ratios = [ours / naive for _, ours, _, naive in rows if naive == naive]  # no nan
    print(f"\nours/naive: median {statistics.median(ratios):.1f}, max {max(ratios):.1f}; "
          f"functions above 4x: {sum(r > 4 for r in ratios)} of {len(ratios)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**6)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--functions", nargs="*", default=[])
    args = parser.parse_args(argv)
    rows = measure(args.size, args.repeats, set(args.functions))
    print_table(rows, args.size)
    return rows


if __name__ == "__main__":
    main()
