r"""The normal CDF :math:`\Phi` for GELU, vectorised, from the scaled complementary error function.

With :math:`u = |x|` and :math:`F(u) = \mathrm{erfcx}(u/\sqrt{2}) = e^{u^{2}/2}\,\mathrm{erfc}(u/\sqrt{2})`,

.. math::

    Q = \tfrac{1}{2}\,F(u)\,e^{-u^{2}/2}, \qquad
    \Phi(x) = Q \ (x \le 0), \qquad \Phi(x) = 1 - Q \ (x > 0).

The exponential is taken of :math:`x^{2}/2` formed exactly from :math:`x`, so erfc's steepness in
the tail costs nothing, and :math:`F` is evaluated at :math:`|x|` itself, with no rounded
:math:`x/\sqrt{2}`. :math:`F` is slowly varying; on :math:`[0, 1/32)` and on 64 intervals per
binade from 1/32 to 32 it is a polynomial of degree :data:`DEGREE` in the distance to the
interval's centre, with the constant term as a pair ``hi + lo``: about 0.5 ULP. The
polynomials are :math:`F`'s Taylor series, from its differential equation
:math:`F' = uF - \sqrt{2/\pi}` at 120 digits, economised through Chebyshev series (which
saves about two degrees); what both steps drop is below :math:`2^{-58}` relative (run
``python -m activations._normal`` with mpmath installed to check them and regenerate
``_erfcx_table.py``). Narrow intervals keep the degree low, and with it the cost per value:
10 table entries to gather and seven Horner steps.
SciPy's ``erfcx`` is 2 to 8 ULP off (``benchmarks/erfc.py``), which is why the package carries
its own.
"""

import struct

import numpy as np

from ._erfcx_table import TEXT
from ._sigmoid import two_square

__all__ = ["DEGREE", "SWITCH_POINTS", "scaled_tail"]

#: Degree of the polynomials.
DEGREE = 7
_PER_BINADE_BITS = 6  # 64 intervals per binade
_LOWEST = -5  # from 2**-5 = 1/32 on; [0, 1/32) is one interval
# An interval's index from the bits of a float64 a >= 0: its biased exponent and the top six
# bits of its mantissa, less this offset, so that 1/32 starts interval 1 and [0, 1/32) falls to
# 0 when clipped.
_SHIFT = 52 - _PER_BINADE_BITS
_OFFSET = ((1023 + _LOWEST) << _PER_BINADE_BITS) - 1

#: The inputs where the polynomial changes, x = -(an interval's end) (the scan searches around
#: them; the same holds for x > 0).
SWITCH_POINTS = tuple(-(2.0 ** e) * (1 + j / 2 ** _PER_BINADE_BITS)
                      for e in range(_LOWEST, 5) for j in range(2 ** _PER_BINADE_BITS)) \
    + (-32.0,)

# One column per interval, [0, 1/32), then [1/32, 1/32 + 1/2048), ... up to [31.75, 32): its
# centre, then the coefficients c0 (as hi, lo), c1, ..., c7 of F's polynomial in the distance
# to the centre (``_erfcx_table``, written by ``_generate_table()``), halved (exactly): GELU
# needs F / 2.
_TABLE = np.array([float(v) for v in TEXT.split()]).reshape(-1, DEGREE + 3).T.copy()
_TABLE[1:] *= 0.5
_COLUMNS = [tuple(column) for column in _TABLE.T.tolist()]  # for one value at a time
# The same entries two by two, as the real and imaginary parts of complex numbers, in the order
# the polynomial's evaluation uses them: (centre, c7), (c6, c5), ..., (c2, c1), (c0 hi, c0 lo).
# One np.take of 16-byte items costs little more than one of 8-byte items, so that gathering
# the ten entries of each element's interval takes five.
_ORDER = (0, *range(DEGREE + 2, 2, -1), 1, 2)  # ten entries: DEGREE is odd
_PAIRS = [np.ascontiguousarray(_TABLE[list(pair)].T).view(np.complex128).reshape(-1)
          for pair in zip(_ORDER[::2], _ORDER[1::2])]


def _half_scaled_erfc(a, shrink):
    """F(a) * (1 - shrink) / 2 for 0 <= a < 32 (above, a finite value: the last interval's
    polynomial), with ``shrink`` tiny: the correction joins the sum below the leading term, so
    it costs no rounding of its own."""
    index = (a.view(np.int64) >> _SHIFT) - _OFFSET
    # Each element's interval; mode="clip" puts a below 1/32 in interval 0, and 32 on and nan
    # in the last.
    pair = _PAIRS[0].take(index, mode="clip")
    h = np.subtract(a, pair.real)
    total = np.multiply(pair.imag, h)
    for pairs in _PAIRS[1:-1]:  # Horner's rule, two coefficients at a time
        pairs.take(index, mode="clip", out=pair)
        total += pair.real
        total *= h
        total += pair.imag
        total *= h
    _PAIRS[-1].take(index, mode="clip", out=pair)
    lead = pair.real
    low = np.add(pair.imag, total, out=h)
    total += lead
    total *= shrink
    low -= total
    return np.add(lead, low, out=low)


def _half_scaled_erfc_scalar(a, shrink):
    """:func:`_half_scaled_erfc` for one Python float ``0 <= a``, with the same roundings."""
    bits = struct.unpack("<q", struct.pack("<d", a))[0]
    column = _COLUMNS[min(max((bits >> _SHIFT) - _OFFSET, 0), len(_COLUMNS) - 1)]
    h = a - column[0]
    total = column[-1]
    for c in column[-2:2:-1]:
        total = total * h + c
    total *= h
    lead = column[1]
    return lead + ((column[2] + total) - (lead + total) * shrink)


def scaled_tail(x):
    r"""``(g, lo, y)`` for |x| <= 40, where :math:`x^{2}/2` = ``hi + lo`` exactly,
    ``g = exp(-hi)`` and ``y`` = :math:`\tfrac{1}{2}\mathrm{erfcx}(|x|/\sqrt{2})(1 - \mathrm{lo})`.
    Then :math:`\tfrac{1}{2}\mathrm{erfc}(|x|/\sqrt{2})` = ``y * g`` and
    :math:`e^{-x^{2}/2}` = ``g * (1 - lo)``, each within exp's error and a rounding or two.
    ``x`` is an array, or one Python float (the same operations, for small inputs)."""
    sq_hi, sq_lo = two_square(x)
    lo = 0.5 * sq_lo
    if isinstance(x, float):
        return float(np.exp(-0.5 * sq_hi)), lo, _half_scaled_erfc_scalar(abs(x), lo)
    return np.exp(-0.5 * sq_hi), lo, _half_scaled_erfc(np.abs(x), lo)


def _generate_table():  # pragma: no cover - a development tool
    """The text of ``_erfcx_table.py``, computed with mpmath at 120 digits; asserts that each
    polynomial is within 2**-58 relative of F on its interval."""
    import mpmath

    mpmath.mp.dps = 120  # the forward recurrence loses about 30 digits at u = 32

    def taylor(c, n):
        """F(u) = erfcx(u / sqrt 2) and its derivatives at c, from F' = uF - sqrt(2/pi)."""
        y = [mpmath.exp(c * c / 2) * mpmath.erfc(c / mpmath.sqrt(2))]
        y.append(c * y[0] - mpmath.sqrt(2 / mpmath.pi))
        for k in range(1, n):
            y.append(c * y[k] + k * y[k - 1])
        return [y[k] / mpmath.factorial(k) for k in range(n + 1)]

    lowest = mpmath.mpf(2) ** _LOWEST
    intervals = [(lowest / 2, lowest / 2)]  # (centre, half-width)
    per = 2 ** _PER_BINADE_BITS
    for e in range(_LOWEST, 5):
        width = mpmath.mpf(2) ** e / per
        for j in range(per):
            intervals.append((mpmath.mpf(2) ** e + (j + mpmath.mpf(1) / 2) * width, width / 2))

    def economized(c, radius):
        """Taylor coefficients ``c`` (in h) through Chebyshev series on |h| <= radius, cut at
        DEGREE: the coefficients in h and a bound on what the cut dropped."""
        t_powers = [v * radius ** k for k, v in enumerate(c)]  # in t = h / radius
        chebyshev = [mpmath.mpf(0)] * len(c)
        for k, b in enumerate(t_powers):  # t^k = 2^(1-k) sum_i binom(k, i) T_(k-2i)
            for i in range(k // 2 + 1):
                weight = mpmath.binomial(k, i) / 2 ** (k if 2 * i == k else k - 1)
                chebyshev[k - 2 * i] += b * weight
        dropped = sum(abs(a) for a in chebyshev[DEGREE + 1:])
        monomial = [mpmath.mpf(0)] * (DEGREE + 1)
        previous, current = [mpmath.mpf(1)], [mpmath.mpf(0), mpmath.mpf(1)]  # T_0, T_1
        for j, a in enumerate(chebyshev[:DEGREE + 1]):
            if j >= 2:
                previous, current = current, [-v for v in previous] + [0, 0]
                for k, v in enumerate(previous):
                    current[k + 1] += 2 * v
            for k, v in enumerate(previous if j == 0 else current):
                monomial[k] += a * v
        return [v / radius ** k for k, v in enumerate(monomial)], dropped

    lines = ['"""The table of ``_normal``: one line per interval, its centre and the',
             f'coefficients c0 (as hi, lo), c1, ..., c{DEGREE}. Written by ``python -m',
             "activations._normal``; do not edit. Text, which ``float`` reads in a few",
             "milliseconds, where as many number literals would take 20 ms to compile at each",
             'import."""', "", 'TEXT = """\\']
    for centre, radius in intervals:
        c = taylor(centre, 60)
        tail = sum(abs(c[k]) * radius ** k for k in range(50, 60))
        coefficients, dropped = economized(c[:50], radius)
        assert tail + dropped < 2 ** -58 * c[0], (float(centre), float((tail + dropped) / c[0]))
        hi = float(coefficients[0])
        row = [centre, hi, coefficients[0] - hi] + coefficients[1:]
        lines.append(" ".join(repr(float(v)) for v in row))
    return "\n".join(lines + ['"""', ""])


if __name__ == "__main__":  # pragma: no cover
    import pathlib

    pathlib.Path(__file__).with_name("_erfcx_table.py").write_text(_generate_table())
