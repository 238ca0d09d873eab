"""Why a call can time several times slower in a fresh process than in benchmarks/speed.py.

glibc's malloc hands blocks of 128 KiB and more straight back to the system when they are
freed, and trims the heap's free top beyond 128 KiB. A kernel that keeps several chunk-sized
temporaries alive (the package's do: up to 32768 float64 values a chunk, 256 KiB each) then
has their pages zeroed and mapped again at every call: page faults, which cost more than the
arithmetic in a virtual machine. Once a process has freed one large block, glibc raises both
thresholds to that block's size (the trim threshold to twice that), if the block was at most
32 MiB, and keeps the memory: a process that has worked with large arrays is in that state.

Here each implementation (the package and the textbook formula) is timed alone in a new Python
process, on the same seeded data as benchmarks/speed.py, twice: as started ("fresh") and after
one 24 MiB array has been freed ("warmed"). Figures are median CPU time per call.

    python benchmarks/fresh_process.py
    python benchmarks/fresh_process.py --sizes 30000 --functions sigmoid gelu --repeats 50

A reader's own timings can be put in the warmed state without changing code: start Python with
``MALLOC_TRIM_THRESHOLD_=67108864 MALLOC_MMAP_THRESHOLD_=33554432`` in the environment, or free
one array of 16 to 32 MiB before timing (``numpy.empty(3 * 2**20)``, then ``del``; a larger
one does not move the thresholds).
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WARM_BYTES = 24 * 2**20  # at most 32 MiB, or glibc leaves its thresholds


def child(implementation, name, size, warm, repeats):
    """Runs in the new process: median CPU seconds per call of one implementation."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from accuracy import NAIVE  # the textbook formulas, as benchmarks/speed.py uses them
    from activations.catalogue import CATALOGUE
    from speed import data

    entry = next(e for e in CATALOGUE if e.elementwise and name in (e.function.__name__,
                                                                      e.derivative.__name__))
    ours = entry.function if entry.function.__name__ == name else entry.derivative
    params = dict(entry.example_parameters)
    function = {"ours": lambda x: ours(x, **params), "naive": NAIVE[name]}[implementation]
    x = data(size, "float64", vector=False)
    if warm:
        block = np.empty(WARM_BYTES // 8)
        del block
    samples = []
    for _ in range(repeats):
        start = time.process_time()
        function(x)
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def run_child(implementation, name, size, warm, repeats):
    command = [sys.executable, __file__, "--child", implementation, name, str(size),
               str(int(warm)), str(repeats)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout)


def measure(names, sizes, repeats):
    rows = []
    for name in names:
        for size in sizes:
            row = {"function": name, "size": size}
            for warm in (False, True):
                for implementation in ("ours", "naive"):  # each in its own process
                    key = f"{implementation} {'warmed' if warm else 'fresh'}"
                    row[key] = run_child(implementation, name, size, warm, repeats)
            rows.append(row)
    return rows


def print_rows(rows):
    print("Median CPU µs per call, each implementation alone in a new process "
          "(fresh: as started; warmed: after one 24 MiB array was freed)")
    header = (f"{'function':<14}{'size':>9}{'ours fresh':>12}{'naive fresh':>13}{'ratio':>7}"
              f"{'ours warmed':>13}{'naive warmed':>14}{'ratio':>7}")
    print(header)
    print("-" * len(header))
    for r in rows:
        fresh = r["ours fresh"] / r["naive fresh"]
        warmed = r["ours warmed"] / r["naive warmed"]
        print(f"{r['function']:<14}{r['size']:>9}{r['ours fresh'] * 1e6:>12.0f}"
              f"{r['naive fresh'] * 1e6:>13.0f}{fresh:>7.2f}{r['ours warmed'] * 1e6:>13.0f}"
              f"{r['naive warmed'] * 1e6:>14.0f}{warmed:>7.2f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--functions", nargs="*", default=["sigmoid", "gelu", "squareplus"])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10**4, 3 * 10**4, 10**5, 10**6])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    rows = measure(args.functions, args.sizes, args.repeats)
    print_rows(rows)
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        implementation, name, size, warm, repeats = sys.argv[2:]
        print(json.dumps(child(implementation, name, int(size), warm == "1", int(repeats))))
    else:
        main()
