r"""The sigmoid family: logistic sigmoid and hyperbolic tangent, with derivatives.

The module also holds the small error-free transformations (``two_sum``,
``two_prod``, ``divide``) that let a float64 kernel carry a sum or a product
exactly as an unevaluated pair ``hi + lo`` and round only once at the end; the
softmax module uses them too.
"""

import numpy as np

from ._validation import apply_elementwise

__all__ = ["sigmoid", "sigmoid_grad", "tanh", "tanh_grad"]

# --------------------------------------------------------------------------
# Error-free transformations (Dekker 1971, Knuth TAOCP vol. 2). All operate
# elementwise on float64 arrays; none of them warns for finite inputs whose
# magnitude stays below about 1e300.
# --------------------------------------------------------------------------

_SPLITTER = 134217729.0  # 2**27 + 1, splits a float64 into two 26-bit halves


def two_sum(a, b):
    """Return ``(s, err)`` with ``s = fl(a + b)`` and ``s + err == a + b`` exactly."""
    s = a + b
    b_virtual = s - a
    err = (a - (s - b_virtual)) + (b - b_virtual)
    return s, err


def _split(a):
    scaled = _SPLITTER * a
    if isinstance(scaled, np.ndarray):  # the same operations in place: two arrays, not four
        rest = scaled - a
        scaled -= rest
        return scaled, np.subtract(a, scaled, out=rest)
    hi = scaled - (scaled - a)
    return hi, a - hi


def two_prod(a, b):
    """Return ``(p, err)`` with ``p = fl(a * b)`` and ``p + err == a * b`` exactly.

    Exact unless the partial products underflow, which only happens for results
    whose own rounding error is already below the subnormal spacing.
    """
    p = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    err = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, err


def two_square(a):
    """``two_prod(a, a)`` with one split instead of two (the same exact pair)."""
    p = a * a
    a_hi, a_lo = _split(a)
    return p, ((a_hi * a_hi - p) + 2.0 * a_hi * a_lo) + a_lo * a_lo


def _cut(a):
    """``a``'s 26 leading bits (the high half of Veltkamp's split), in place for an array
    ``a`` the caller owns: ``(a - s) + s`` with ``s = (2**27 + 1) a`` is ``s - (s - a)``."""
    scaled = _SPLITTER * a
    a -= scaled
    a += scaled
    return a


def divide(n, d_hi, d_lo, n_lo=0.0):
    """Correctly rounded (to within a small fraction of an ULP) ``n / (d_hi + d_lo)``.

    ``d_hi + d_lo`` is a positive denominator held as an unevaluated pair with
    ``|d_lo| <= ulp(d_hi)``; the numerator is ``n`` or the pair ``n + n_lo``.
    The quotient cut to its 26 leading bits, ``q``, is corrected by the residual
    ``n - q d``, divided by ``d_hi``: with ``d_hi`` split into two 26-bit halves,
    ``q`` times each is exact, and the first is within a factor 1 + 2**-25 of
    ``n``, so the residual's leading difference is exact too.
    """
    q = _cut(n / d_hi)
    d1, d2 = _split(d_hi)
    residual = n - q * d1
    residual -= q * d2  # (the denominator may be broadcast against the numerator)
    residual += n_lo
    residual -= q * d_lo
    residual /= d_hi
    q += residual
    return q


def exp_minus_abs(x):
    """``exp(-|x|)``, in [0, 1] and never overflowing, formed in one array."""
    e = np.abs(x)
    np.negative(e, out=e)
    return np.exp(e, out=e)


def set_where(result, mask, value):
    """``np.where(mask, value, result)`` written into ``result``, a kernel's own array.

    For masks that are rarely true (tails, infinities): testing the mask and assigning
    only where it holds is several times faster than ``np.where``, which visits every
    element. ``value`` is a number or an array shaped like ``result``.
    """
    if mask.any():
        result[mask] = value if np.ndim(value) == 0 else value[mask]
    return result


def _one_or(e, where_one):
    """1 where ``where_one``, else ``e``, for ``e`` in [0, 1] or nan: ``max(e, 1)`` is 1 and
    ``max(e, 0)`` is ``e``, branch-free (``np.where`` is slow on masks of mixed values)."""
    return np.maximum(e, where_one)


def _one_plus(e):
    """``1 + e`` as an exact pair, for ``0 <= e <= 1``."""
    hi = 1.0 + e
    return hi, e - (hi - 1.0)


#: ``(e + _ROUND_26) - _ROUND_26`` rounds ``e`` in [0, 1] to a multiple of 2**-26.
_ROUND_26 = 1.5 * 2.0**26


def _one_plus_parts(e):
    """``1 + e`` for ``e`` in [0, 1] as ``(d1, e2, d)``: ``d1 + e2 == 1 + e`` exactly, ``d1``
    has at most 27 significant bits (1 plus ``e`` rounded to a multiple of 2**-26) and ``d``
    is ``fl(1 + e)``."""
    e1 = e + _ROUND_26
    e1 -= _ROUND_26
    e2 = e - e1
    e1 += 1.0
    return e1, e2, e1 + e2


def _over_one_plus(n, parts, n_excess=None):
    """``(n - n_excess) / (1 + e)`` as a pair ``q - excess``, within about 2**-77 relative.

    ``q`` is the quotient ``n / d`` cut to its 26 leading bits, and ``excess`` its residual
    ``q (1 + e) - n`` divided by ``d``: as ``d1`` has 27 bits, ``q d1`` is exact and within a
    factor 1 + 2**-25 of ``n``, so ``q d1 - n`` is exact, and ``q e2`` (below 2**-26 n) may be
    rounded. The residual is carried with this sign so that it is formed in place.
    """
    d1, e2, d = parts
    q = _cut(n / d)
    excess = q * d1
    excess -= n
    e2 = q * e2
    excess += e2
    if n_excess is not None:  # (adding 0 would only turn a -0 excess into +0)
        excess += n_excess
    excess /= d
    return q, excess


def _logistic_density(e):
    """``e / (1 + e)**2`` for ``e`` in [0, 1], rounded once: two divisions by ``1 + e``, the
    first quotient carried as a pair into the second."""
    parts = _one_plus_parts(e)
    q, c = _over_one_plus(e, parts)
    q, c = _over_one_plus(q, parts, c)
    q -= c
    return q


# --------------------------------------------------------------------------
# Kernels: float64 in, float64 out, 1-d arrays.
# --------------------------------------------------------------------------


#: Inputs up to this size are computed one element at a time in Python floats: the same
#: operations with the same roundings (IEEE double arithmetic, NumPy's own exp, tanh, expm1)
#: at a fraction of the fixed cost of the array operations.
SCALAR_SIZE = 4


def by_scalars(scalar_kernel):
    """Decorate an array kernel so that inputs of up to :data:`SCALAR_SIZE` elements go through
    ``scalar_kernel``, its operations on one Python float."""
    def decorate(kernel):
        def run(x):
            if x.size <= SCALAR_SIZE:
                return np.array([scalar_kernel(value) for value in x.tolist()], dtype=np.float64)
            return kernel(x)
        return run
    return decorate


def _sigmoid_scalar(x):
    e = float(np.exp(-abs(x)))
    q, c = _over_one_plus(1.0 if x >= 0.0 else e, _one_plus_parts(e))  # _one_or, for a float
    return q - c


def _sigmoid_grad_scalar(x):
    return _logistic_density(float(np.exp(-abs(x))))


@by_scalars(_sigmoid_scalar)
def _sigmoid_kernel(x):
    e = exp_minus_abs(x)
    # sigma(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0; nan takes the
    # second branch and stays nan.
    q, c = _over_one_plus(_one_or(e, x >= 0.0), _one_plus_parts(e))
    q -= c
    return q


@by_scalars(_sigmoid_grad_scalar)
def _sigmoid_grad_kernel(x):
    return _logistic_density(exp_minus_abs(x))


# Beyond |x| = 354, exp(-2|x|) is subnormal and has lost digits, while
# tanh'(x) = 4 exp(-2|x|) (to float64 accuracy) may still be a normal number.
# There we compute 4 exp(-2|x|) = 2**-62 * exp(-(2|x| - C_HI)) * exp(C_LO),
# where C_HI + C_LO = 64 ln 2 and C_HI is a multiple of 2**-42, so that
# 2|x| - C_HI is exact and its exponential is a normal number; ldexp then
# rounds once into the subnormal range if needed.
_TANH_GRAD_TAIL = 354.0
_LN2_HI = 0.6931471805599453  # float64 nearest to ln 2
_LN2_LO = 2.3190468138462996e-17  # ln 2 - _LN2_HI
_C_HI = np.round(64.0 * _LN2_HI * 2.0**42) / 2.0**42
_C_LO = (64.0 * _LN2_HI - _C_HI) + 64.0 * _LN2_LO


def scaled_exp(x):
    """``2**64 * exp(x)`` for ``-800 <= x <= -256``, with an exactly reduced argument.

    Where ``exp(x)`` itself would be subnormal (``x < -708.4``) it has lost
    digits; a caller that multiplies it by a factor and rounds into the normal
    range would inherit that loss. Computing ``exp(x + 64 ln 2)`` instead keeps
    full precision; the caller applies ``np.ldexp(..., -64)`` after its last
    multiplication, which rounds once. ``x + C_HI`` is exact in this range
    because ``C_HI`` is a multiple of ``2**-42``.
    """
    scaled = np.exp(x + _C_HI)
    return scaled + scaled * _C_LO


def logistic(v):
    """``sigma(v)`` with plain arithmetic, within about 1.6 ULP (cheaper than ``sigmoid``).

    ``e = exp(-|v|)`` never overflows; the rounding error of ``d = 1 + e`` is
    recovered exactly and corrected to first order, leaving the errors of
    ``exp`` and of one division.
    """
    e = exp_minus_abs(v)
    d = 1.0 + e
    d_lo = d - 1.0
    np.subtract(e, d_lo, out=d_lo)
    q = np.maximum(e, v >= 0.0, out=e)  # _one_or, in place
    q /= d
    d_lo /= d
    d_lo *= q
    q -= d_lo
    return q


def logistic_density(v):
    """``sigma'(v) = e / (1 + e)^2`` with ``e = exp(-|v|)``, plain arithmetic, about 2 ULP."""
    e = exp_minus_abs(v)
    d = 1.0 + e
    d_lo = e - (d - 1.0)
    q = e / (d * d)
    return q - q * (2.0 * d_lo / d)


def sigmoid_and_density(v):
    """``sigma(v)`` and ``sigma'(v)``, each within about 1.3 ULP, for float64 ``v``."""
    e = exp_minus_abs(v)
    parts = _one_plus_parts(e)
    value, excess = _over_one_plus(_one_or(e, v >= 0.0), parts)
    # e / (1 + e)^2 = (e / (1 + e)) / (1 + e), the first quotient carried as a pair.
    q, c = _over_one_plus(e, parts)
    q, c = _over_one_plus(q, parts, c)
    value -= excess
    q -= c
    return value, q


def _tanh_kernel(x):
    # NumPy's tanh is accurate (about 1 ULP) and saturates cleanly to +-1
    # without overflow, unlike the textbook (e^x - e^-x) / (e^x + e^-x).
    return np.tanh(x)


def _tanh_grad_scalar(x):
    """The kernel's operations on one float: its tail or its main formula (where the clipping
    changes nothing)."""
    ax = abs(x)
    if ax > _TANH_GRAD_TAIL:
        scaled = np.exp(_C_HI - 2.0 * min(ax, 800.0))
        return float(np.ldexp(scaled + scaled * _C_LO, -62))
    return 4.0 * _logistic_density(float(np.exp(-2.0 * ax)))


@by_scalars(_tanh_grad_scalar)
@np.errstate(over="ignore")  # -2|x| is -inf beyond 8.9e307, where the tail branch serves
def _tanh_grad_kernel(x):
    ax = np.abs(x)
    e = np.multiply(ax, -2.0)
    result = _logistic_density(np.exp(e, out=e))
    result *= 4.0
    tail = ax > _TANH_GRAD_TAIL  # computed only where it applies
    if tail.any():
        scaled = np.exp(_C_HI - 2.0 * np.minimum(ax[tail], 800.0))
        result[tail] = np.ldexp(scaled + scaled * _C_LO, -62)
    return result


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def _tanh_grad_narrow(x):
    """``tanh'(x) = 4e / (1 + e)^2``, ``e = exp(-2|x|)``, with plain arithmetic (a few ULP),
    for float32 and float16 results; their inputs are below 2**128, so ``2|x|`` is finite."""
    e = np.abs(x)
    e *= -2.0
    np.exp(e, out=e)
    d = 1.0 + e
    d *= d
    e *= 4.0
    e /= d
    return e


def sigmoid(x):
    r"""Logistic sigmoid: squash real numbers into the interval (0, 1).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma(x)` elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give float64.
        A 0-d input gives a NumPy scalar.

    See Also
    --------
    sigmoid_grad : Derivative of the sigmoid.
    tanh : The same S-shaped curve, rescaled to (-1, 1).

    Notes
    -----
    .. math::

        \sigma(x) = \frac{1}{1 + e^{-x}}

    .. math::

        \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr) = \frac{e^{-x}}{\left(1 + e^{-x}\right)^{2}}

    The textbook form :math:`1/(1 + e^{-x})` overflows for :math:`x < -709.78`,
    where :math:`e^{-x}` exceeds the float64 range. We therefore compute
    :math:`e = e^{-|x|}`, which always lies in :math:`[0, 1]`, and return
    :math:`1/(1 + e)` for :math:`x \ge 0` and :math:`e/(1 + e)` for
    :math:`x < 0`; both are equal to :math:`\sigma(x)` in exact arithmetic. The sum
    :math:`1 + e` is kept exactly and the division is corrected once, so the
    float64 result is within 1.6 ULP of the true value. Float16 and float32
    inputs are computed in float64 and rounded once.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sigmoid
    >>> print(sigmoid(0.0))
    0.5
    >>> np.round(sigmoid([-np.inf, -2.0, 0.0, 2.0, np.inf]), 4)
    array([0.    , 0.1192, 0.5   , 0.8808, 1.    ])

    Large inputs saturate without an overflow warning, and float32 stays float32:

    >>> sigmoid(np.array([-1000.0, 1000.0], dtype=np.float32))
    array([0., 1.], dtype=float32)
    """
    return apply_elementwise("sigmoid", x, _sigmoid_kernel, narrow=logistic)


def sigmoid_grad(x):
    r"""Derivative of the logistic sigmoid, :math:`\sigma'(x)`.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma'(x)` elementwise, with the shape and dtype rules of
        :func:`sigmoid`.

    See Also
    --------
    sigmoid : The function itself, with the formulas.

    Notes
    -----
    The usual form :math:`\sigma(x)(1 - \sigma(x))` loses every digit for large
    :math:`x`: :math:`\sigma(x)` rounds to 1 for :math:`x > 37` and the product
    becomes 0, although the true value is about :math:`e^{-x}`. We use
    :math:`e/(1 + e)^2` with :math:`e = e^{-|x|}` (the derivative is even), as two
    divisions by the exactly kept :math:`1 + e`, each quotient corrected once; the
    result is within 1.6 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sigmoid_grad
    >>> print(sigmoid_grad(0.0))
    0.25
    >>> np.round(sigmoid_grad([-np.inf, -2.0, 0.0, 2.0, np.inf]), 4)
    array([0.   , 0.105, 0.25 , 0.105, 0.   ])

    Far in the tails the derivative is tiny but not zero:

    >>> print(f"{sigmoid_grad(40.0):.6e}")
    4.248354e-18
    """
    return apply_elementwise("sigmoid_grad", x, _sigmoid_grad_kernel, narrow=logistic_density)


def tanh(x):
    r"""Hyperbolic tangent: squash real numbers into the interval (-1, 1).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\tanh(x)` elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give float64.
        A 0-d input gives a NumPy scalar.

    See Also
    --------
    tanh_grad : Derivative of tanh.
    sigmoid : The logistic sigmoid; :math:`\tanh(x) = 2\sigma(2x) - 1`.

    Notes
    -----
    .. math::

        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}

    .. math::

        \tanh'(x) = 1 - \tanh^{2}(x) = \frac{4\,e^{-2|x|}}{\left(1 + e^{-2|x|}\right)^{2}}

    Evaluating the definition literally overflows for :math:`|x| \ge 710`
    (inf/inf gives nan) and cancels badly near 0. We use NumPy's ``tanh``, which
    avoids both, saturates to :math:`\pm 1` and is within 1.2 ULP of the
    true value. Float16 and float32 inputs are computed in float64 and rounded
    once.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanh
    >>> np.round(tanh([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([-1.    , -0.7616,  0.    ,  0.7616,  1.    ])

    No overflow where the textbook formula gives nan:

    >>> tanh([-1000.0, 1000.0])
    array([-1.,  1.])
    """
    return apply_elementwise("tanh", x, _tanh_kernel)


def tanh_grad(x):
    r"""Derivative of the hyperbolic tangent, :math:`\tanh'(x)`.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\tanh'(x)` elementwise, with the shape and dtype rules of
        :func:`tanh`.

    See Also
    --------
    tanh : The function itself, with the formulas.

    Notes
    -----
    The usual form :math:`1 - \tanh^2(x)` is exactly 0 once :math:`\tanh(x)`
    rounds to :math:`\pm 1` (:math:`|x| > 19`), although the true value is about
    :math:`4e^{-2|x|}`. We use :math:`4e/(1 + e)^2` with :math:`e = e^{-2|x|}`,
    i.e. :math:`\tanh'(x) = 4\sigma'(2x)`, as two divisions by the exactly kept
    :math:`1 + e`, each quotient corrected once. Beyond :math:`|x| = 354`, where :math:`e` nears the subnormal range
    and would lose digits, :math:`4e^{-2|x|}` is evaluated as
    :math:`2^{-62} e^{-(2|x| - 64 \ln 2)}` with an exactly reduced argument. The
    result is within 1.6 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanh_grad
    >>> print(tanh_grad(0.0))
    1.0
    >>> np.round(tanh_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.  , 0.42, 1.  , 0.42, 0.  ])

    Far in the tails the derivative is tiny but not zero:

    >>> print(f"{tanh_grad(20.0):.6e}")
    1.699342e-17
    """
    return apply_elementwise("tanh_grad", x, _tanh_grad_kernel, narrow=_tanh_grad_narrow)
