r"""Shrinkage and thresholding: tanhshrink, softshrink, hardshrink and threshold.

Derivatives at the kinks follow PyTorch's autograd: softshrink and hardshrink
report 0 at :math:`x = \pm\lambda`, threshold reports 0 at
:math:`x = \mathrm{threshold}` (the derivative of the constant branch).
Hardshrink and threshold jump at their kinks; what is reported there is the
derivative of the branch the point belongs to, as autograd does.
"""

import math

import numpy as np

from ._relu import indicator
from ._sigmoid import by_scalars, divide, two_prod, two_square, two_sum
from ._taylor import tanhshrink_ratio
from ._validation import _CHUNK, _real_array, apply_elementwise, check_real_parameter

__all__ = ["tanhshrink", "tanhshrink_grad", "softshrink", "softshrink_grad", "hardshrink",
           "hardshrink_grad", "threshold", "threshold_grad"]

# From |x| = 2 on, x - tanh(x) > 1 exceeds tanh(x) (< 1) so the subtraction
# loses no bit, and tanh's own error is at most half an ULP of the result: the
# plain subtraction is within about 1 ULP.
_TANHSHRINK_PLAIN = 2.0
# For float32 and float16 results the plain subtraction serves from |x| = 1/4 on: there
# x - tanh x is at least |x| / 50, so tanh's error (1.2 ULP of |x|) is below 2**-45 of the
# result, under a millionth of a float32 ULP once rounded.
_TANHSHRINK_PLAIN_NARROW = 0.25


def _tanhshrink_near_zero(a):
    """x - tanh x for 0 <= x <= 1: x^3 Q(x^2), x^3 as an exact pair, Q from its series."""
    sq_hi, sq_lo = two_square(a)
    cube_hi, cube_lo = two_prod(a, sq_hi)
    cube_lo = cube_lo + a * sq_lo
    q_hi, q_lo = tanhshrink_ratio(sq_hi)
    p_hi, p_lo = two_prod(cube_hi, q_hi)
    return p_hi + (p_lo + cube_hi * q_lo + cube_lo * q_hi)


#: Below this x^3 and the low parts of its pair near the subnormal range, where they lose
#: digits (x^3 / 3 itself is subnormal below 2**-340), and the result would be rounded twice:
#: there :func:`_tanhshrink_tiny` computes it on 2**280 x (exact) and ldexp rounds once.
_TANHSHRINK_TINY = 2.0 ** -320


def _tanhshrink_tiny(a):
    """x - tanh x for 0 <= x < 2**-320: the series' terms beyond x^3 / 3 are below 2**-80 of
    it for the scaled x too (below 2**-40), so scaling x scales the result by its cube."""
    return np.ldexp(_tanhshrink_near_zero(a * 2.0 ** 280), -840)


def _tanhshrink_middle(a):
    """x - tanh x for 1 < x < 2, where the subtraction would lose up to 2 bits.

    With t = expm1(2x), tanh x = t / (t + 2) and x - tanh x = (x t + 2x - t) / (t + 2);
    the numerator cancels, so it is summed exactly from exact products. Only
    t's own rounding remains, damped by 2 / (t + 2)^2.
    """
    t = np.expm1(2.0 * a)  # for a float, a NumPy float
    p_hi, p_lo = two_prod(a, t)
    u_hi, u_lo = two_sum(p_hi, -t)
    n_hi, n_lo = two_sum(u_hi, 2.0 * a)
    d_hi, d_lo = two_sum(t, 2.0)
    return divide(n_hi, d_hi, d_lo, (p_lo + u_lo) + n_lo)


def _tanhshrink_plain(x):
    """x - tanh x by plain subtraction, accurate where |x| >= 2 (and inf - 1 = inf). NumPy's
    tanh is odd to the bit, so this is the sign of x times |x| - tanh |x|, exactly."""
    g = np.tanh(x)
    return np.subtract(x, g, out=g)


def _tanhshrink_cancelling(x):
    """x - tanh x for float64 |x| < 2, where the plain subtraction cancels."""
    a = np.abs(x)
    small = a <= 1.0
    g = np.empty_like(a)
    # Index arrays, not the masks: indexing with a mask of mixed values is several times slower.
    near = np.flatnonzero(small)
    g[near] = _tanhshrink_near_zero(a[near])
    tiny = a < _TANHSHRINK_TINY
    if tiny.any():
        g[tiny] = _tanhshrink_tiny(a[tiny])
    middle = np.flatnonzero(~small)  # nan included
    g[middle] = _tanhshrink_middle(a[middle])
    return np.copysign(g, x, out=g)


def _tanhshrink_scalar(x):
    """The kernel's operations, in the same order, on one float; for a scalar this costs a
    tenth of the array code's hundred or so NumPy calls."""
    a = abs(x)
    if a < _TANHSHRINK_TINY:
        g = float(_tanhshrink_tiny(a))
    elif a <= 1.0:
        g = _tanhshrink_near_zero(a)
    elif a < _TANHSHRINK_PLAIN:
        g = _tanhshrink_middle(a)
    else:
        g = a - float(np.tanh(a))
    return math.copysign(g, x)


def _tanhshrink_refined(x, plain_from):
    """The plain formula, recomputed by the cancelling ones where ``|x| < plain_from``."""
    g = _tanhshrink_plain(x)
    cancels = np.flatnonzero(np.abs(x) < plain_from)
    if cancels.size:
        g[cancels] = _tanhshrink_cancelling(x[cancels])
    return g


@by_scalars(_tanhshrink_scalar)
def _tanhshrink_kernel(x):
    return _tanhshrink_refined(x, _TANHSHRINK_PLAIN)


def _tanhshrink_narrow(x):
    """For float32 and float16 results: the plain formula down to |x| = 1/4."""
    return _tanhshrink_refined(x, _TANHSHRINK_PLAIN_NARROW)


#: Inputs longer than a chunk are recomputed where |x| < 2 in blocks of this many elements.
_TANHSHRINK_BLOCK = 4 * _CHUNK


@np.errstate(under="ignore")  # as in apply_elementwise: underflow is the correct result
def _tanhshrink_recompute(values, out, plain_from):
    """Overwrite ``out`` with the cancelling formulas where ``|values| < plain_from`` (flat
    arrays).

    Gathered from blocks of many chunks: the formulas take about 150 NumPy calls, whose fixed
    cost dominates on the few such elements of one chunk.
    """
    # Pieces converted to float64 hold as many bytes as apply_elementwise's chunks.
    piece = max(_CHUNK * values.itemsize // 8, _CHUNK // 8)
    for start in range(0, values.size, _TANHSHRINK_BLOCK):
        block = values[start:start + _TANHSHRINK_BLOCK]
        # Two comparisons, not abs: abs of an integer type's most negative value overflows.
        cancels = np.flatnonzero((block > -plain_from) & (block < plain_from))
        target = out[start:start + _TANHSHRINK_BLOCK]
        for first in range(0, cancels.size, piece):
            where = cancels[first:first + piece]
            target[where] = _tanhshrink_cancelling(block[where].astype(np.float64, copy=False))


def _tanhshrink_grad_kernel(x, out=None):
    # d/dx (x - tanh x) = 1 - sech^2 x = tanh^2 x.
    t = np.tanh(x)
    return np.multiply(t, t, out=out)


def tanhshrink(x):
    r"""Tanhshrink: the input minus its hyperbolic tangent.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`x - \tanh(x)` elementwise, with the shape of `x`. Float16,
        float32 and float64 inputs keep their dtype; integer and boolean inputs
        give float64. A 0-d input gives a NumPy scalar.

    See Also
    --------
    tanhshrink_grad : Derivative of tanhshrink.
    tanh : The hyperbolic tangent.
    softshrink : A piecewise linear shrinkage.

    Notes
    -----
    .. math::

        \mathrm{Tanhshrink}(x) = x - \tanh(x)

    .. math::

        \mathrm{Tanhshrink}'(x) = \tanh^{2}(x)

    Near 0 the function behaves like :math:`x^{3}/3`: small inputs are shrunk
    strongly, large ones are shifted by :math:`\mp 1`. The subtraction
    :math:`x - \tanh(x)` cancels for small :math:`|x|` (at :math:`x = 10^{-5}`
    every digit is lost). For :math:`|x| \le 1` we therefore evaluate
    :math:`x^{3} Q(x^{2})`, where :math:`Q(s) = (x - \tanh x)/x^{3}` is a Taylor
    polynomial precomputed with 80-digit arithmetic; for
    :math:`1 < |x| < 2` we use :math:`\tanh x = t/(t + 2)` with
    :math:`t = e^{2x} - 1` and sum the cancelling numerator
    :math:`x t + 2x - t` exactly; beyond, the plain subtraction no longer
    cancels. The result is within 1.1 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanhshrink
    >>> np.round(tanhshrink([-np.inf, -2.0, 0.0, 2.0, np.inf]), 4)
    array([  -inf, -1.036,  0.   ,  1.036,    inf])

    Small inputs keep full relative precision:

    >>> print(f"{tanhshrink(1e-5):.6e}")
    3.333333e-16
    """
    values, out_dtype = _real_array(x, "tanhshrink")
    if values.size <= _CHUNK:
        return apply_elementwise("tanhshrink", values, _tanhshrink_kernel,
                                 narrow=_tanhshrink_narrow)
    # Longer inputs: the plain formula chunk by chunk, then the elements where it cancels.
    result = apply_elementwise("tanhshrink", values, _tanhshrink_plain)
    plain_from = _TANHSHRINK_PLAIN if out_dtype == np.float64 else _TANHSHRINK_PLAIN_NARROW
    _tanhshrink_recompute(values.reshape(-1), result.reshape(-1), plain_from)
    return result


def tanhshrink_grad(x):
    r"""Derivative of tanhshrink, :math:`\tanh^{2}(x)`.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\tanh^{2}(x)` elementwise, with the shape and dtype rules of
        :func:`tanhshrink`.

    See Also
    --------
    tanhshrink : The function itself, with the formulas.

    Notes
    -----
    The derivative :math:`1 - \operatorname{sech}^{2}(x)` is computed as
    :math:`\tanh^{2}(x)`, which has no cancellation: NumPy's ``tanh`` is accurate to about 1
    ULP; its square is within 2.8 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanhshrink_grad
    >>> np.round(tanhshrink_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([1.  , 0.58, 0.  , 0.58, 1.  ])
    """
    return apply_elementwise("tanhshrink_grad", x, _tanhshrink_grad_kernel, fills=True)


# --------------------------------------------------------------------------
# Soft and hard shrinkage
# --------------------------------------------------------------------------


def _softshrink_kernel(x, lambd):
    # x - sign(x) lambda is one rounding; nan stays nan, +-inf stays +-inf.
    shrunk = x - np.copysign(lambd, x)
    return np.where(np.abs(x) <= lambd, 0.0, shrunk)


def _hardshrink_kernel(x, lambd):
    return np.where(np.abs(x) <= lambd, 0.0, x)


def _shrink_grad_kernel(x, lambd):
    # 0 on the closed interval [-lambda, lambda] (autograd's value at the
    # kinks), 1 outside, nan for nan.
    return indicator(np.abs(x) > lambd, x)


def _check_lambd(func_name, lambd):
    return check_real_parameter(func_name, "lambd", lambd, allow_negative=False)


def softshrink(x, lambd=0.5):
    r"""Soft shrinkage: move every input towards 0 by :math:`\lambda`, stopping at 0.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lambd : float, default 0.5
        The threshold :math:`\lambda \ge 0` (spelled ``lambd`` as in PyTorch,
        because ``lambda`` is a Python keyword).

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `lambd` is not a real number.
    ValueError
        If `lambd` is negative, nan or infinite.

    See Also
    --------
    softshrink_grad : Derivative of softshrink.
    hardshrink : Keep or zero, without shifting.

    Notes
    -----
    .. math::

        \mathrm{Softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda \\ x + \lambda & x < -\lambda \end{cases}

    .. math::

        \mathrm{Softshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}

    This is the soft-thresholding operator of wavelet denoising and of the
    lasso's proximal step: small values are set to 0 and the rest shrink
    towards 0. Each output is one subtraction, correctly rounded.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softshrink
    >>> softshrink([-np.inf, -2.0, 0.0, 0.3, 2.0, np.inf])
    array([-inf, -1.5,  0. ,  0. ,  1.5,  inf])
    """
    lambd = _check_lambd("softshrink", lambd)
    return apply_elementwise("softshrink", x, _softshrink_kernel, lambd)


def softshrink_grad(x, lambd=0.5):
    r"""Derivative of soft shrinkage.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lambd : float, default 0.5
        The threshold :math:`\lambda \ge 0`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`|x| > \lambda`, 0 where :math:`|x| \le \lambda`, nan where
        `x` is nan; shape and dtype rules as for :func:`softshrink`.

    Raises
    ------
    TypeError
        If `lambd` is not a real number.
    ValueError
        If `lambd` is negative, nan or infinite.

    See Also
    --------
    softshrink : The function itself, with the formulas.

    Notes
    -----
    At the kinks :math:`x = \pm\lambda` we report 0, as PyTorch's autograd
    does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softshrink_grad
    >>> softshrink_grad([-np.inf, -0.5, 0.0, 0.5, 2.0, np.inf])
    array([1., 0., 0., 0., 1., 1.])
    """
    lambd = _check_lambd("softshrink_grad", lambd)
    return apply_elementwise("softshrink_grad", x, _shrink_grad_kernel, lambd)


def hardshrink(x, lambd=0.5):
    r"""Hard shrinkage: set inputs with :math:`|x| \le \lambda` to 0, keep the others.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lambd : float, default 0.5
        The threshold :math:`\lambda \ge 0`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `lambd` is not a real number.
    ValueError
        If `lambd` is negative, nan or infinite.

    See Also
    --------
    hardshrink_grad : Derivative of hardshrink.
    softshrink : The continuous version.

    Notes
    -----
    .. math::

        \mathrm{Hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}

    .. math::

        \mathrm{Hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}

    The hard-thresholding operator: unlike :func:`softshrink` it does not
    shift the values it keeps, so it jumps by :math:`\lambda` at
    :math:`x = \pm\lambda`. Its range is :math:`(-\infty, -\lambda) \cup \{0\}
    \cup (\lambda, \infty)`. Every output is an input or 0, so it is exact.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardshrink
    >>> hardshrink([-np.inf, -2.0, 0.0, 0.5, 0.7, np.inf])
    array([-inf, -2. ,  0. ,  0. ,  0.7,  inf])
    """
    lambd = _check_lambd("hardshrink", lambd)
    return apply_elementwise("hardshrink", x, _hardshrink_kernel, lambd)


def hardshrink_grad(x, lambd=0.5):
    r"""Derivative of hard shrinkage.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lambd : float, default 0.5
        The threshold :math:`\lambda \ge 0`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`|x| > \lambda`, 0 where :math:`|x| \le \lambda`, nan where
        `x` is nan; shape and dtype rules as for :func:`hardshrink`.

    Raises
    ------
    TypeError
        If `lambd` is not a real number.
    ValueError
        If `lambd` is negative, nan or infinite.

    See Also
    --------
    hardshrink : The function itself, with the formulas.

    Notes
    -----
    Hardshrink is discontinuous at :math:`\pm\lambda`, so it has no derivative
    there; we report 0, the derivative of the branch these points belong to,
    as PyTorch's autograd does. The jump itself is invisible to gradients.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardshrink_grad
    >>> hardshrink_grad([-np.inf, -0.5, 0.0, 0.5, 0.7, np.inf])
    array([1., 0., 0., 0., 1., 1.])
    """
    lambd = _check_lambd("hardshrink_grad", lambd)
    return apply_elementwise("hardshrink_grad", x, _shrink_grad_kernel, lambd)


# --------------------------------------------------------------------------
# Threshold
# --------------------------------------------------------------------------


def _threshold_kernel(x, threshold, value):
    # nan <= threshold is False, so nan passes through (as in PyTorch).
    return np.where(x <= threshold, value, x)


def _threshold_grad_kernel(x, threshold):
    return indicator(x > threshold, x)


def _check_threshold(func_name, threshold, value):
    return (check_real_parameter(func_name, "threshold", threshold),
            check_real_parameter(func_name, "value", value))


def threshold(x, threshold, value):
    r"""Threshold: keep inputs above a threshold, replace the others by a constant.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    threshold : float
        The threshold :math:`\theta`; required, as in PyTorch. Finite.
    value : float
        The replacement :math:`v` for inputs :math:`x \le \theta`; required.
        Finite.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `threshold` or `value` is not a real number.
    ValueError
        If `threshold` or `value` is nan or infinite.

    See Also
    --------
    threshold_grad : Derivative of threshold.
    relu : The case ``threshold = value = 0``.

    Notes
    -----
    .. math::

        \mathrm{Threshold}(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}

    .. math::

        \mathrm{Threshold}'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}

    Unless :math:`v = \theta` the function jumps at :math:`\theta`. With
    :math:`\theta = v = 0` it is ReLU. Every output is an input or :math:`v`,
    so it is exact; nan passes through unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import threshold
    >>> threshold([-np.inf, 0.0, 1.0, 1.5, np.inf], threshold=1.0, value=0.0)
    array([0. , 0. , 0. , 1.5, inf])
    >>> threshold([-2.0, 0.5], threshold=0.1, value=20.0)
    array([20. ,  0.5])
    """
    params = _check_threshold("threshold", threshold, value)
    return apply_elementwise("threshold", x, _threshold_kernel, *params)


def threshold_grad(x, threshold, value):
    r"""Derivative of the threshold function.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    threshold : float
        The threshold :math:`\theta`; required. Finite.
    value : float
        The replacement value; required (for symmetry with :func:`threshold`)
        and checked, although the derivative does not depend on it.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > \theta`, 0 where :math:`x \le \theta`, nan where `x`
        is nan; shape and dtype rules as for :func:`threshold`.

    Raises
    ------
    TypeError
        If `threshold` or `value` is not a real number.
    ValueError
        If `threshold` or `value` is nan or infinite.

    See Also
    --------
    threshold : The function itself, with the formulas.

    Notes
    -----
    At :math:`x = \theta` we report 0, the derivative of the constant branch,
    as PyTorch's autograd does. Where the function jumps (:math:`v \ne
    \theta`) it has no derivative at :math:`\theta` at all.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import threshold_grad
    >>> threshold_grad([-np.inf, 0.0, 1.0, 1.5, np.inf], threshold=1.0, value=0.0)
    array([0., 0., 0., 1., 1.])
    """
    params = _check_threshold("threshold_grad", threshold, value)
    return apply_elementwise("threshold_grad", x, _threshold_grad_kernel, params[0])
