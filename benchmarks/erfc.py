"""Which erfc for GELU: SciPy's, the standard library's, or the package's erfcx, against mpmath.

GELU needs erfc(z) for z = -x/sqrt(2) up to 20/sqrt(2), where it is far below 1 and steep. The
package computes ``erfcx(z) = exp(z^2) erfc(z)`` as a function of u = |x| = sqrt(2) z
(``activations._normal``) and takes the exponential of x^2/2 formed exactly from x. This
prints, per range of z, the largest error in ULP of 2,000 seeded points each, against mpmath at
40 digits: ``scipy.special.erfc``, ``scipy.special.erfcx``, ``math.erfc`` and the package's
erfcx. SciPy is not a dependency of the package, only of its tests (``make docs`` installs it
in ``.venv``)::

    python benchmarks/erfc.py              # a few seconds
    python benchmarks/erfc.py --points 50  # a quick look
"""

import argparse
import math
import pathlib
import sys

import mpmath
import numpy as np
import scipy.special

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from activations import _normal  # noqa: E402

RANGES = ((0, 0.5), (0.5, 1), (1, 2), (2, 4), (4, 8), (8, 14.2))
COLUMNS = ("scipy erfc", "scipy erfcx", "math.erfc", "ours erfcx")


def ulps(got, exact):
    return float(abs(mpmath.mpf(float(got)) - exact)) / np.spacing(abs(float(exact)))


def main(argv=None):
    """Print the table; return ``{range: {column: max ULP}}``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2000, help="per range of z")
    points = parser.parse_args(argv).points
    # Locally: mpmath's precision is global, and a caller's (the tests' 60 digits) must stay.
    with mpmath.workdps(40):
        return measure(points)


def measure(points):
    rng = np.random.default_rng(0)
    print(f"scipy {scipy.__version__}, numpy {np.__version__}; max ULP over {points} points")
    print(f"{'z':>10} " + " ".join(f"{c:>11}" for c in COLUMNS))
    table = {}
    for lo, hi in RANGES:
        z = rng.uniform(lo, hi, points)
        erfc = [mpmath.erfc(mpmath.mpf(t)) for t in z]
        erfcx = [e * mpmath.exp(mpmath.mpf(t) ** 2) for t, e in zip(z, erfc)]
        u = np.sqrt(2) * z  # the package's argument, |x|; compared at its own points
        ours = 2 * _normal._half_scaled_erfc(u, np.zeros_like(u))
        half_u = [mpmath.mpf(v) / mpmath.sqrt(2) for v in u]
        ours_exact = [mpmath.exp(t ** 2) * mpmath.erfc(t) for t in half_u]
        columns = (
            max(ulps(g, e) for g, e in zip(scipy.special.erfc(z), erfc)),
            max(ulps(g, e) for g, e in zip(scipy.special.erfcx(z), erfcx)),
            max(ulps(math.erfc(t), e) for t, e in zip(z, erfc)),
            max(ulps(g, e) for g, e in zip(ours, ours_exact)),
        )
        print(f"{f'[{lo}, {hi}]':>10} " + " ".join(f"{c:>11.2f}" for c in columns))
        table[(lo, hi)] = dict(zip(COLUMNS, columns))
    return table


if __name__ == "__main__":
    main()
