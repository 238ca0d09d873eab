r"""Taylor polynomials: derivatives that cross zero (SiLU', Mish', GELU'), and tanhshrink near 0.

Each of these derivatives is a sum of two terms that cancel at an interior
zero :math:`x_0` (for SiLU, :math:`\sigma(x) + x\,\sigma'(x)` vanishes at
:math:`x_0 \approx -1.2785`). Near :math:`x_0` the direct formula keeps only
the absolute accuracy of its terms, so its relative error grows without bound
as :math:`x \to x_0`. Within :data:`RADIUS` of :math:`x_0` the kernels instead
evaluate the Taylor polynomial

.. math::

    f'(x_0 + h) = \sum_{k=1}^{K} a_k h^{k}

whose coefficients were computed once with 80-digit arithmetic (run this
module, ``python -m activations._taylor``, with mpmath installed, to
regenerate them). :math:`x_0` is stored as a pair ``hi + lo``, so
:math:`h = (x - \mathrm{hi}) - \mathrm{lo}`, where the first subtraction is
exact; the polynomial, dominated by :math:`a_1 h`, is then accurate to about
1 ULP relative, even at :math:`x_0` itself. The truncation error is below
:math:`2^{-64}` relative on the whole interval.

The same technique gives :math:`x - \tanh x` for :math:`|x| \le 1`, where the
subtraction would cancel: :func:`tanhshrink_ratio` evaluates
:math:`(x - \tanh x)/x^{3}` as a series in :math:`x^{2}`.
"""

import numpy as np

__all__ = ["RADIUS", "TABLES", "TANHSHRINK_CENTRE", "TANHSHRINK_SERIES", "near_zero",
           "near_zero_scalar", "tanhshrink_ratio"]

#: Half-width of the interval around each zero where the polynomial is used.
RADIUS = 0.5

#: name -> (x0_hi, x0_lo, (a_1, ..., a_K)).
TABLES = {
    'silu': (-1.2784645427610737, -1.0946994183093437e-16, (
        0.2178117057198001,
        0.1466487969969469,
        0.018874814223782312,
        -0.015222655223188032,
        -0.006606589138356696,
        0.000126627410081122,
        0.0007985218818397998,
        0.00018570724361186496,
        -4.090534237428612e-05,
        -2.9733542213263917e-05,
        -2.942631888842464e-06,
        2.346029682463866e-06,
        8.599695028268575e-07,
        -3.051244750055421e-08,
        -9.266646309267441e-08,
        -1.8877622907727957e-08,
        4.619379769031606e-09,
        2.9177603026903803e-09,
        2.3648315053103244e-10,
        -2.251366201881081e-10,
        -7.50344609385287e-11,
        3.998547874723996e-12,
        8.04274075537398e-12,
        1.4842855116792256e-12,
        -4.1428341124873365e-13,
    )),
    'mish': (-1.1924312145154952, -4.8484829848031044e-17, (
        0.2669479140495345,
        0.20473126408010586,
        0.04190782104360987,
        -0.020271822716684245,
        -0.01582112656173338,
        -0.0033606849270232685,
        0.0010924055409445854,
        0.0009898181021289196,
        0.00025412936386191073,
        -4.1961496031696126e-05,
        -5.582891567360688e-05,
        -1.72992708103044e-05,
        9.427361327376651e-07,
        2.9088199364912223e-06,
        1.071676702702074e-06,
        2.6879417855557728e-08,
        -1.4117255919499382e-07,
        -6.174424363104907e-08,
        -5.460186173028381e-09,
        6.3895954615089855e-09,
        3.3604012383661332e-09,
        4.817646300218697e-10,
        -2.6751871594311224e-10,
        -1.7442209713382678e-10,
        -3.3904729895707114e-11,
        1.0101727316036154e-11,
        8.681382594457511e-12,
        2.124385967466607e-12,
    )),
    'gelu': (-0.7517915246935645, 1.4956759177009883e-17, (
        0.4314939923140469,
        0.388284982990552,
        -0.018199676398671087,
        -0.1140082332972217,
        -0.014771522148244337,
        0.019421679838189067,
        0.004539228379125415,
        -0.002239538068073497,
        -0.0007448268386746817,
        0.00018633974623233514,
        8.615947861116571e-05,
        -1.121438018842664e-05,
        -7.74846130700372e-06,
        4.3284506257392273e-07,
        5.702764979242107e-07,
        -1.6044265494246427e-09,
        -3.5459866461783865e-08,
        -1.396942086426202e-09,
        1.90319840501314e-09,
        1.4506418938779426e-10,
        -8.950037692726255e-11,
        -9.950340824808053e-12,
        3.725967039270119e-12,
        5.482292964742324e-13,
    )),
    'gelu_tanh': (-0.7524614220710163, 3.635560509207687e-17, (
        0.4304000910248585,
        0.38751844613578895,
        -0.01578285352184803,
        -0.11394448308095899,
        -0.01661932834305256,
        0.019682309459833118,
        0.005261059254921912,
        -0.0024227318458750974,
        -0.0009274420230205449,
        0.00026392764052681053,
        0.00012425227802639782,
        -3.4956171694436116e-05,
        -1.5950896871645105e-05,
        5.918611710894005e-06,
        2.4335516344299543e-06,
        -9.898647747433667e-07,
        -4.3102482988029016e-07,
        1.4157556987729473e-07,
        7.520740909289922e-08,
        -1.6978217459781023e-08,
        -1.196180847972441e-08,
        1.7637802707907564e-09,
        1.744987137846621e-09,
        -1.708811216951738e-10,
        -2.433873557833449e-10,
        1.687283177355558e-11,
        3.393384490409003e-11,
        -1.6704708256434772e-12,
    )),

}


#: Taylor coefficients of :math:`Q(s) = (x - \tanh x)/x^{3}` with :math:`s = x^2`,
#: around :data:`TANHSHRINK_CENTRE`; accurate to :math:`2^{-62}` relative for
#: :math:`0 \le s \le 1`.
TANHSHRINK_CENTRE = 0.5
TANHSHRINK_SERIES = (
    0.2778856568389047,
    -0.09223751778642147,
    0.031029244854936987,
    -0.010454406818229473,
    0.003522985197466125,
    -0.0011872248050947627,
    0.000400088897054112,
    -0.0001348280392063448,
    4.5436404969289924e-05,
    -1.5311851477147802e-05,
    5.160020825493951e-06,
    -1.7389023765360684e-06,
    5.860017967818066e-07,
    -1.974798070701805e-07,
    6.654975191997074e-08,
    -2.2426948589411334e-08,
    7.557774574981803e-09,
    -2.5469339396983345e-09,
    8.583045748229264e-10,
    -2.892445428911358e-10,
    9.747402967013451e-11,
    -3.284828251266356e-11,
    1.1069714340150659e-11,
    -3.730440869329971e-12,
    1.2571407582842783e-12,
)


def tanhshrink_ratio(s):
    """(x - tanh x) / x**3 as a function of s = x**2 (0 <= s <= 1), as a pair (hi, lo).

    The leading coefficient is added with an exact two-sum, so the pair carries
    the polynomial to well below float64 precision.
    """
    d = s - TANHSHRINK_CENTRE
    rest = d * TANHSHRINK_SERIES[-1]  # an array for an array, a float for a float
    rest += TANHSHRINK_SERIES[-2]
    for a in TANHSHRINK_SERIES[-3:0:-1]:  # Horner's rule, in place
        rest *= d
        rest += a
    rest = rest * d
    hi = TANHSHRINK_SERIES[0] + rest
    lo = (TANHSHRINK_SERIES[0] - hi) + rest
    return hi, lo


def near_zero(name, x, result):
    """Overwrite ``result`` (in place) with the Taylor polynomial where ``|x - x0| < RADIUS``."""
    x0_hi, x0_lo, coefficients = TABLES[name]
    mask = np.abs(x - x0_hi) < RADIUS
    if mask.any():
        h = (x[mask] - x0_hi) - x0_lo
        total = np.full_like(h, coefficients[-1])
        for a in coefficients[-2::-1]:  # Horner's rule, in place (no array per step)
            total *= h
            total += a
        result[mask] = total * h
    return result


def near_zero_scalar(name, x):
    """:func:`near_zero` for one Python float: the polynomial's value (the same roundings), or
    None outside the window."""
    x0_hi, x0_lo, coefficients = TABLES[name]
    if not abs(x - x0_hi) < RADIUS:
        return None
    h = (x - x0_hi) - x0_lo
    total = coefficients[-1]
    for a in coefficients[-2::-1]:
        total = total * h + a
    return total * h


def _generate_tables():  # pragma: no cover - a development tool
    """Print the body of :data:`TABLES`, computed with mpmath at 80 digits."""
    import mpmath

    mpmath.mp.dps = 80
    sigmoid = lambda x: 1 / (1 + mpmath.exp(-x))  # noqa: E731
    softplus = lambda x: mpmath.log1p(mpmath.exp(x))  # noqa: E731
    c = mpmath.sqrt(2 / mpmath.pi)
    kappa = mpmath.mpf("0.044715")

    def gelu_tanh_grad(x):
        v = 2 * c * (x + kappa * x ** 3)
        return sigmoid(v) + x * sigmoid(v) * (1 - sigmoid(v)) * 2 * c * (1 + 3 * kappa * x * x)

    derivatives = {
        "silu": lambda x: sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x)),
        "mish": lambda x: (mpmath.tanh(softplus(x))
                           + x * mpmath.sech(softplus(x)) ** 2 * sigmoid(x)),
        "gelu": lambda x: mpmath.ncdf(x) + x * mpmath.npdf(x),
        "gelu_tanh": gelu_tanh_grad,
    }
    n = 45
    for name, f in derivatives.items():
        x0 = mpmath.findroot(f, -1.0)
        coefficients = mpmath.taylor(f, x0, n)
        for order in range(5, n):
            tail = sum(abs(coefficients[j]) * mpmath.mpf(RADIUS) ** (j - 1)
                       for j in range(order + 1, n))
            if tail < 2 ** -64 * abs(coefficients[1]):
                break
        hi = float(x0)
        print(f"    {name!r}: ({hi!r}, {float(x0 - hi)!r}, (")
        for a in coefficients[1:order + 1]:
            print(f"        {float(a)!r},")
        print("    )),")

    # (x - tanh x) / x^3 as a function of s = x^2, around s = 1/2.
    def ratio(s):
        return (mpmath.sqrt(s) - mpmath.tanh(mpmath.sqrt(s))) / s ** mpmath.mpf(1.5)

    print("TANHSHRINK_SERIES:")
    for a in mpmath.taylor(ratio, mpmath.mpf(TANHSHRINK_CENTRE), 24):
        print(f"    {float(a)!r},")


if __name__ == "__main__":  # pragma: no cover
    _generate_tables()
