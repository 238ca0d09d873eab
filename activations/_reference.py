"""The independent formulations each activation is checked against: mpmath and the textbook.

The catalogue states every activation a second time, apart from the package's code
(:attr:`~activations.catalogue.Activation.mpmath` and
:attr:`~activations.catalogue.Activation.textbook`); this module evaluates those statements.

* :func:`reference`: the definition in mpmath with 60 significant digits (more where the
  formula itself cancels, as in x - tanh x near 0), following the papers and the PyTorch
  documentation. It takes an ``mpf`` (or a float, or +-inf) and returns an ``mpf``; infinite
  inputs are replaced by ``+-10**1000``, which mpmath handles exactly and whose results round
  to the limits in float64. A vector-valued activation's reference takes a row and returns a
  list (its Jacobian: flattened row by row).
* :func:`textbook`: the formula as a reader types it in NumPy, in the input's dtype.
* :func:`ulp_errors`: the distance between computed values and a reference, in ULP.

The accuracy tests and ``benchmarks/accuracy.py`` use it; it needs mpmath, which the package
itself does not (``pip install activations-reference[examples]`` brings it).
"""

import math
import re

import mpmath
import numpy as np

from .catalogue import by_name

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


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _sigmoid_grad(x):
    e = mpmath.exp(-abs(x))
    return e / (1 + e) ** 2


def _softplus_exact(z):
    return mpmath.log1p(mpmath.exp(z)) if z < 100 else z + mpmath.log1p(mpmath.exp(-z))


def _switches(x, beta, threshold):
    """PyTorch's softplus switch to the identity: on beta * x rounded to float64, as the
    function (and torch) compute it, not on the exact product (they differ by up to 2.8e15 ULP
    at softplus(1000, beta=1e-3, threshold=1))."""
    with np.errstate(over="ignore"):
        return float(np.float64(float(beta)) * np.float64(float(x))) > threshold


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


def _x_minus_tanh(x):
    # x - tanh(x) ~ x^3 / 3 near 0: add the digits the subtraction cancels.
    extra = 0 if x == 0 or abs(x) > 1 else int(-2 * mpmath.log10(abs(x))) + 5
    with mpmath.workdps(max(DPS, mpmath.mp.dps) + extra):
        return +(x - mpmath.tanh(x))


#: The names the catalogue's mpmath expressions may use, besides ``x`` and the parameters
#: (and, for a vector-valued activation, ``a`` and ``b``: the halves of the row).
MPMATH_NAMES = {
    "mpf": mpf, "exp": mpmath.exp, "expm1": mpmath.expm1, "tanh": mpmath.tanh,
    "sech": mpmath.sech, "sqrt": mpmath.sqrt,
    "sigmoid": _sigmoid, "sigmoid_grad": _sigmoid_grad, "softplus_exact": _softplus_exact,
    "switches": _switches, "gelu": _gelu, "gelu_grad": _gelu_grad,
    "x_minus_tanh": _x_minus_tanh, "SELU_ALPHA": SELU_ALPHA, "SELU_SCALE": SELU_SCALE,
}


def _as_float(value):
    """A parameter as a scalar: one-element sequences (PReLU's weight) as their element,
    anything else (numbers, GELU's ``approximate``) unchanged."""
    if isinstance(value, (tuple, list, np.ndarray)):
        return float(np.ravel(value)[0])
    return value


def _as_mpf(value):
    """A parameter for mpmath: numbers exactly as mpf, the rest as :func:`_as_float` gives it."""
    value = _as_float(value)
    return mpf(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def reference(name, which=0, **params):
    """The mpmath reference of the activation ``name``: f (``which=0``), or f' or the Jacobian
    (``which=1``), with the catalogue's parameters updated by ``params``."""
    entry = by_name(name)
    expression = compile(entry.mpmath[which], f"<{name} mpmath[{which}]>", "eval")
    bound = {key: _as_mpf(value) for key, value in {**entry.parameters, **params}.items()}

    def evaluate(x):
        with mpmath.workdps(max(DPS, mpmath.mp.dps)):
            if entry.elementwise:
                return mpf(eval(expression, {**MPMATH_NAMES, **bound, "x": _finite(x)}))
            row = [_finite(v) for v in x]
            half = len(row) // 2
            names = {**MPMATH_NAMES, **VECTOR_NAMES, **bound, "x": row,
                     "a": row[:half], "b": row[half:]}
            return [mpf(v) for v in eval(expression, names)]

    return evaluate


# --------------------------------------------------------------------------
# Vector-valued references
# --------------------------------------------------------------------------


def _weights(row):
    """e^(v - max) for each score and their sum."""
    values = [_finite(v) for v in row]
    m = max(values)
    weights = [mpmath.exp(v - m) for v in values]
    return weights, mpmath.fsum(weights)


def softmax(row):
    weights, total = _weights(row)
    return [w / total for w in weights]


def _complements(row):
    """1 - softmax(row)_i, each as the sum of the other weights over the total: 1 - s_i
    itself would cancel where s_i is within 1e-60 of 1."""
    weights, total = _weights(row)
    return [mpmath.fsum(weights[:i] + weights[i + 1:]) / total for i in range(len(weights))]


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


def softmax_jacobian(row):
    """s_i (delta_ij - s_j), flattened row by row."""
    s, rest = softmax(row), _complements(row)
    return [s[i] * (rest[i] if i == j else -s[j]) for i in range(len(s)) for j in range(len(s))]


def log_softmax_jacobian(row):
    """delta_ij - s_j, flattened row by row."""
    s, rest = softmax(row), _complements(row)
    return [rest[j] if i == j else -s[j] for i in range(len(s)) for j in range(len(s))]


def gated(a, b, gate, **params):
    """``a_i g(b_i)``, with g the catalogue's elementwise activation ``gate``."""
    g = reference(gate, **params)
    return [_finite(p) * g(q) for p, q in zip(a, b)]


def gated_jacobian(a, b, gate, **params):
    """The Jacobian of ``gated(a, b, gate)`` with respect to the row ``a + b``, flattened."""
    g, slope = reference(gate, **params), reference(gate, 1, **params)
    n = len(a)
    return [g(b[i]) if j == i else _finite(a[i]) * slope(b[i]) if j == n + i else mpf(0)
            for i in range(n) for j in range(2 * n)]


#: The names the mpmath expressions of vector-valued activations may use.
VECTOR_NAMES = {
    "softmax": softmax, "log_softmax": log_softmax, "sparsemax": sparsemax,
    "softmax_jacobian": softmax_jacobian, "log_softmax_jacobian": log_softmax_jacobian,
    "sparsemax_jacobian": sparsemax_jacobian, "gated": gated, "gated_jacobian": gated_jacobian,
}


def _gates():
    """The gated activations, read from their mpmath expressions: name -> the elementwise
    activation that gates the first half of the row."""
    from .catalogue import CATALOGUE

    found = (re.match(r"gated\(a, b, '(\w+)'", entry.mpmath[0]) for entry in CATALOGUE)
    return {entry.name: m.group(1) for entry, m in zip(CATALOGUE, found) if m}


GATES = _gates()


# --------------------------------------------------------------------------
# ULP distance, and the figure a docstring prints
# --------------------------------------------------------------------------

#: The goal for float16 and float32 results, in their ULP: computed in float64 and rounded
#: once, so half an ULP plus the float64 error, a tiny fraction of a float32 ULP.
NARROW_ULP_GOAL = 0.5 + 1e-6

#: How a public docstring states its float64 accuracy, once.
CLAIM = re.compile(r"\bwithin (\d+(?:\.\d)?) ULP\b|\bexact \(0 ULP\)", re.IGNORECASE)


def accuracy_claim(func):
    """The float64 accuracy a public function's docstring prints, in ULP."""
    found = CLAIM.findall(" ".join(func.__doc__.split()))
    if len(found) != 1:
        raise ValueError(f"{func.__name__}: the docstring must state its accuracy once, as "
                         f"'within N ULP' or 'exact (0 ULP)'; found {len(found)}")
    return float(found[0] or 0)



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


# --------------------------------------------------------------------------
# The textbook formulas
# --------------------------------------------------------------------------

_erf = np.vectorize(math.erf, otypes=[np.float64])

#: The names the catalogue's textbook expressions may use, besides ``x`` and the parameters
#: (and ``a``, ``b``: the halves of a row). Constants and parameters are Python floats, so
#: float32 input stays float32 (NumPy's promotion rules for Python scalars).
TEXTBOOK_NAMES = {
    "np": np,
    "erf": lambda v: _erf(v).astype(v.dtype),
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
    "SELU_ALPHA": float(SELU_ALPHA), "SELU_SCALE": float(SELU_SCALE),
}


def textbook(name, which=0, **params):
    """The textbook formula of ``name`` in NumPy (``which=1``: its derivative), with the
    catalogue's parameters updated by ``params``; None where the catalogue gives none."""
    entry = by_name(name)
    if len(entry.textbook) <= which:
        return None
    expression = compile(entry.textbook[which], f"<{name} textbook[{which}]>", "eval")
    bound = {key: _as_float(value) for key, value in {**entry.parameters, **params}.items()}

    def evaluate(x):
        x = np.asarray(x)
        names = {**TEXTBOOK_NAMES, **bound, "x": x}
        if not entry.elementwise:
            half = x.shape[-1] // 2
            names.update(a=x[..., :half], b=x[..., half:])
        return eval(expression, names)

    return evaluate
