"""Independent references: every activation and its derivative, written in mpmath.

The definitions here follow the papers and the PyTorch documentation, not the
package's code: each is the textbook formula evaluated with 60 significant
digits (more where the formula itself cancels, as in x - tanh x near 0). The
accuracy tests and ``benchmarks/accuracy.py`` import this module;
``test_reference_mpmath.py`` checks the references themselves against hand-derived values.

A reference takes an ``mpmath.mpf`` (or +-inf) and the activation's parameters
as floats, and returns an ``mpf``. Infinite inputs are replaced by
``+-10**1000``, which mpmath handles exactly and whose results round to the
limits in float64.
"""

import functools
import math

import mpmath
import numpy as np

mpmath.mp.dps = 60
mpf = mpmath.mpf

DPS = 60
HUGE = mpf(10) ** 1000

# The constants of SELU as given by Klambauer et al. (2017) to 32 digits.
SELU_ALPHA = mpf("1.6732632423543772848170429916717")
SELU_SCALE = mpf("1.0507009873554804934193349852946")


def _finite(x):
    """Replace an infinite mpf by +-10**1000 (an exact stand-in for the limit)."""
    x = mpf(float(x)) if isinstance(x, np.floating) else mpf(x)
    if mpmath.isinf(x):
        return HUGE if x > 0 else -HUGE
    return x


def _step(x, right, left, kink=0, kink_value=None):
    """``right`` for x > kink, ``left`` for x < kink, ``kink_value`` (default left) at it."""
    if x > kink:
        return mpf(right)
    if x == kink and kink_value is not None:
        return mpf(kink_value)
    return mpf(left)


def _single(weight):
    """PReLU's weight: a number or a 1-element sequence."""
    return float(np.ravel(weight)[0])


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _sigmoid_grad(x):
    e = mpmath.exp(-abs(x))
    return e / (1 + e) ** 2


def _leaky(x, slope):
    return x if x > 0 else mpf(slope) * x


def _elu(x, alpha=1.0):
    return x if x > 0 else mpf(alpha) * mpmath.expm1(x)


def _celu(x, alpha=1.0):
    return x if x > 0 else mpf(alpha) * mpmath.expm1(x / mpf(alpha))


def _celu_grad(x, alpha=1.0):
    return mpf(1) if x > 0 else mpmath.exp(x / mpf(alpha))


def _softplus_exact(z):
    return mpmath.log1p(mpmath.exp(z)) if z < 100 else z + mpmath.log1p(mpmath.exp(-z))


def _switches(x, beta, threshold):
    """PyTorch's switch to the identity: on beta * x rounded to float64, as the function (and
    torch) compute it, not on the exact product (they differ by up to 2.8e15 ULP at
    softplus(1000, beta=1e-3, threshold=1))."""
    with np.errstate(over="ignore"):
        return float(np.float64(beta) * np.float64(float(x))) > threshold


def _softplus(x, beta=1.0, threshold=20.0):
    """PyTorch's definition: x itself where beta x exceeds the threshold."""
    if _switches(x, beta, threshold):
        return x
    return _softplus_exact(mpf(beta) * x) / mpf(beta)


def _softplus_grad(x, beta=1.0, threshold=20.0):
    return mpf(1) if _switches(x, beta, threshold) else _sigmoid(mpf(beta) * x)


def _normal_cdf(x):
    return mpmath.erfc(-x / mpmath.sqrt(2)) / 2


def _normal_pdf(x):
    return mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)


_KAPPA = mpf("0.044715")


def _gelu(x, approximate="none"):
    if abs(x) > 1e4:  # mpmath's erfc cannot take 10**1000; the tails are 0 or x
        return x if x > 0 else mpf(0)
    if approximate == "tanh":
        u = mpmath.sqrt(2 / mpmath.pi) * (x + _KAPPA * x ** 3)
        return x * _sigmoid(2 * u)  # = x/2 (1 + tanh(u)) without cancellation
    return x * _normal_cdf(x)


def _gelu_grad(x, approximate="none"):
    if abs(x) > 1e4:
        return mpf(1) if x > 0 else mpf(0)
    if approximate == "tanh":
        c = mpmath.sqrt(2 / mpmath.pi)
        v = 2 * c * (x + _KAPPA * x ** 3)
        return _sigmoid(v) + x * _sigmoid_grad(v) * 2 * c * (1 + 3 * _KAPPA * x * x)
    return _normal_cdf(x) + x * _normal_pdf(x)


def _mish(x):
    return x * mpmath.tanh(_softplus_exact(x))


def _mish_grad(x):
    s = _softplus_exact(x)
    return mpmath.tanh(s) + x * mpmath.sech(s) ** 2 * _sigmoid(x)


def _tanhshrink(x):
    # x - tanh(x) ~ x^3 / 3 near 0: add the digits the subtraction cancels.
    extra = 0 if x == 0 or abs(x) > 1 else int(-2 * mpmath.log10(abs(x))) + 5
    with mpmath.workdps(max(DPS, mpmath.mp.dps) + extra):
        return +(x - mpmath.tanh(x))


def _hardswish(x):
    return x * min(max(x + 3, mpf(0)), mpf(6)) / 6


def _hardswish_grad(x):
    # torch's autograd: 0 up to and including -3, 1 from 3 on.
    if x <= -3:
        return mpf(0)
    if x >= 3:
        return mpf(1)
    return (2 * x + 3) / 6


def _squareplus(x, b=4.0):
    # (x + r) / 2 with r = sqrt(x^2 + b); for x < 0 the same as b / (2 (r - x)), which
    # keeps its digits where x + r cancels (60 digits do not survive x = -1e300).
    r = mpmath.sqrt(x * x + b)
    return (x + r) / 2 if x >= 0 else b / (2 * (r - x))


def _squareplus_grad(x, b=4.0):
    r = mpmath.sqrt(x * x + b)
    return (1 + x / r) / 2 if x >= 0 else b / (2 * r * (r - x))


def _inside(x, low, high):
    return mpf(1) if mpf(low) < x < mpf(high) else mpf(0)


#: name -> (f, f'); both take (x, **parameters). Derivatives at kinks follow
#: PyTorch's autograd (checked against it in the torch tests).
REFERENCE = {
    "relu": (lambda x: max(mpf(0), x), lambda x: _step(x, 1, 0)),
    "relu6": (lambda x: min(max(mpf(0), x), mpf(6)), lambda x: _inside(x, 0, 6)),
    "leaky_relu": (lambda x, negative_slope=0.01: _leaky(x, negative_slope),
                   lambda x, negative_slope=0.01: _step(x, 1, negative_slope)),
    "prelu": (lambda x, weight=0.25: _leaky(x, _single(weight)),
              lambda x, weight=0.25: _step(x, 1, _single(weight))),
    "rrelu": (lambda x, lower=0.125, upper=1 / 3: _leaky(x, (mpf(lower) + mpf(upper)) / 2),
              lambda x, lower=0.125, upper=1 / 3: _step(x, 1, (mpf(lower) + mpf(upper)) / 2)),
    "elu": (_elu, lambda x, alpha=1.0: mpf(1) if x > 0 else mpf(alpha) * mpmath.exp(x)),
    "selu": (lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mpmath.expm1(x)),
             lambda x: SELU_SCALE * (1 if x > 0 else SELU_ALPHA * mpmath.exp(x))),
    "celu": (_celu, _celu_grad),
    "gelu": (_gelu, _gelu_grad),
    "silu": (lambda x: x * _sigmoid(x), lambda x: _sigmoid(x) + x * _sigmoid_grad(x)),
    "mish": (_mish, _mish_grad),
    "softplus": (_softplus, _softplus_grad),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "tanh": (mpmath.tanh, lambda x: mpmath.sech(x) ** 2),
    "hardtanh": (lambda x, min_val=-1.0, max_val=1.0: min(max(mpf(min_val), x), mpf(max_val)),
                 lambda x, min_val=-1.0, max_val=1.0: _inside(x, min_val, max_val)),
    "hardsigmoid": (lambda x: min(max(x / 6 + mpf(1) / 2, mpf(0)), mpf(1)),
                    lambda x: _inside(x, -3, 3) / 6),
    "hardswish": (_hardswish, _hardswish_grad),
    "logsigmoid": (lambda x: -_softplus_exact(-x), lambda x: _sigmoid(-x)),
    "tanhshrink": (_tanhshrink, lambda x: mpmath.tanh(x) ** 2),
    "softshrink": (lambda x, lambd=0.5: x - lambd if x > lambd else (x + lambd if x < -lambd
                                                                    else mpf(0)),
                   lambda x, lambd=0.5: mpf(0) if abs(x) <= lambd else mpf(1)),
    "hardshrink": (lambda x, lambd=0.5: x if abs(x) > lambd else mpf(0),
                   lambda x, lambd=0.5: mpf(0) if abs(x) <= lambd else mpf(1)),
    "threshold": (lambda x, threshold=1.0, value=0.0: x if x > threshold else mpf(value),
                  lambda x, threshold=1.0, value=0.0: _step(x, 1, 0, kink=mpf(threshold))),
    "squared_relu": (lambda x: max(mpf(0), x) ** 2, lambda x: 2 * max(mpf(0), x)),
    "squareplus": (_squareplus, _squareplus_grad),
    "sparse_plus": (lambda x: mpf(0) if x <= -1 else x if x >= 1 else (x + 1) ** 2 / 4,
                    lambda x: mpf(0) if x <= -1 else mpf(1) if x >= 1 else (x + 1) / 2),
    "sparse_sigmoid": (lambda x: mpf(0) if x <= -1 else mpf(1) if x >= 1 else (x + 1) / 2,
                       lambda x: _inside(x, -1, 1) / 2),
}


def reference(name, which=0, **params):
    """The mpmath function for f (``which=0``) or f' (``which=1``), parameters bound."""
    fn = REFERENCE[name][which]

    def evaluate(x):
        with mpmath.workdps(max(DPS, mpmath.mp.dps)):
            return fn(_finite(x), **params)

    return evaluate


# --------------------------------------------------------------------------
# Vector-valued references
# --------------------------------------------------------------------------


def softmax(row):
    values = [_finite(v) for v in row]
    m = max(values)
    weights = [mpmath.exp(v - m) for v in values]
    total = mpmath.fsum(weights)
    return [w / total for w in weights]


def log_softmax(row):
    values = [_finite(v) for v in row]
    m = max(values)
    # log of the sum as log1p of all terms but one maximal one (which is 1):
    # log(1 + 1e-162) needs more than 60 digits otherwise.
    others = list(values)
    others.remove(m)
    log_total = mpmath.log1p(mpmath.fsum(mpmath.exp(v - m) for v in others))
    return [(v - m) - log_total for v in values]


def sparsemax(row):
    """The projection of the row onto the probability simplex (Martins & Astudillo 2016)."""
    values = [_finite(v) for v in row]
    top = max(values)
    shifted = [v - top for v in values]  # exact: 60 digits hold the difference of two floats
    total, size, running = mpf(0), 0, mpf(0)
    for k, v in enumerate(sorted(shifted, reverse=True), 1):
        running += v
        if 1 + k * v > running:
            total, size = running, k
    tau = (total - 1) / size
    return [max(v - tau, mpf(0)) for v in shifted]


def sparsemax_jacobian(row):
    """diag(s) - s s^T / |S| with s the indicator of the support, flattened row by row."""
    s = [1 if p > 0 else 0 for p in sparsemax(row)]
    n = len(row)
    return [mpf(s[i] * (i == j)) - mpf(s[i] * s[j]) / sum(s) for i in range(n) for j in range(n)]


#: The gated activations: name -> the elementwise activation that gates the first half.
GATES = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu"}


def gated(name, row, **params):
    """``a * g(b)`` for the halves ``a, b`` of ``row``, with g the gate of ``name``."""
    gate = reference(GATES[name], **params)
    half = len(row) // 2
    return [_finite(a) * gate(b) for a, b in zip(row[:half], row[half:])]


def gated_jacobian(name, row, **params):
    """The Jacobian of ``gated(name, row)``, row by row, flattened."""
    gate, slope = reference(GATES[name], **params), reference(GATES[name], 1, **params)
    n = len(row) // 2
    a, b = row[:n], row[n:]
    return [gate(b[i]) if j == i else _finite(a[i]) * slope(b[i]) if j == n + i else mpf(0)
            for i in range(n) for j in range(2 * n)]


def glu(row):
    return gated("glu", row)


# --------------------------------------------------------------------------
# ULP distance
# --------------------------------------------------------------------------


def ulp(value, dtype):
    """Spacing of the floats of ``dtype`` at ``value`` (the gap above |value|)."""
    info = np.finfo(dtype)
    value = abs(float(value))
    if value < info.smallest_normal:
        return float(info.smallest_subnormal)
    if value > info.max:
        value = float(info.max)
    return math.ldexp(1.0, math.frexp(value)[1] - info.nmant - 1)


def ulp_errors(computed, exact, dtype):
    """|computed - exact| in units of the spacing of ``exact`` rounded to ``dtype``.

    An infinite result counts as exact only where the true value rounds to that
    infinity; nan never does.
    """
    dtype = np.dtype(dtype)
    errors = []
    for c, e in zip(np.asarray(computed).ravel(), exact):
        c = float(c)
        if mpmath.isinf(e):
            errors.append(0.0 if c == float(e) else np.inf)
            continue
        with np.errstate(over="ignore"):
            rounded = float(dtype.type(float(e)))
        if not np.isfinite(c):
            errors.append(0.0 if np.isinf(rounded) and np.sign(c) == np.sign(rounded)
                          else np.inf)
            continue
        errors.append(float(abs(mpf(c) - e) / mpf(ulp(rounded, dtype))))
    return np.array(errors)


def absolute_errors(computed, exact):
    """|computed - exact| as floats (nan where the result is not finite)."""
    return np.array([float(abs(mpf(float(c)) - e)) if np.isfinite(c) else np.nan
                     for c, e in zip(np.asarray(computed).ravel(), exact)])


#: The vector-valued activations: name -> reference taking a row, returning a list of mpf.
VECTOR_REFERENCE = {
    "softmax": softmax,
    "log_softmax": log_softmax,
    "softmin": lambda row: softmax([-v for v in row]),
    "sparsemax": sparsemax,
    **{name: functools.partial(gated, name) for name in GATES},
}
