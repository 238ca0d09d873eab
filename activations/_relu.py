r"""The rectifier family: ReLU, ReLU6, Leaky ReLU, PReLU, RReLU, ELU, SELU and CELU.

Derivatives at a kink follow the convention of PyTorch's autograd, so that a
gradient computed here matches ``tensor.backward()``:

=============================  ================================
function                       derivative reported at the kink
=============================  ================================
``relu``                       0 at 0 (the left derivative)
``relu6``                      0 at 0 and 0 at 6
``leaky_relu``                 ``negative_slope`` at 0 (the left derivative)
``prelu``                      the weight at 0 (the left derivative)
``rrelu``                      the negative slope at 0 (the left derivative)
``elu``                        ``alpha`` at 0 (the left derivative)
``selu``                       :math:`\lambda\alpha` at 0 (the left derivative)
``celu``                       1 at 0 (both sides agree)
=============================  ================================

Unlike autograd, the derivatives here return nan for a nan input.
"""

import math
import numbers

import numpy as np

from ._sigmoid import _cut, _split, scaled_exp, set_where, two_prod
from ._validation import (_shorten, apply_elementwise, as_real_array, check_order,
                          check_real_parameter, restore_dtype)

__all__ = ["relu", "relu_grad", "relu6", "relu6_grad", "squared_relu", "squared_relu_grad",
           "leaky_relu", "leaky_relu_grad",
           "prelu", "prelu_grad", "prelu_weight_grad", "rrelu", "rrelu_grad", "elu", "elu_grad",
           "selu", "selu_grad", "celu", "celu_grad"]


def piecewise_slope(x, right, left):
    """``right`` where ``x > 0``, ``left`` where ``x <= 0``, nan where ``x`` is nan.

    The derivative of a function with a single kink at 0 whose two pieces are
    straight lines; ``right`` and ``left`` are floats or arrays shaped like ``x``.
    """
    slope = np.where(x > 0.0, right, left)
    return set_where(slope, np.isnan(x), x)  # nan is rare: cheaper than a second np.where


def indicator(inside, x, value=1.0, out=None):
    """``value`` (positive) where ``inside``, +0.0 elsewhere, nan where ``x`` is nan; in the
    dtype of ``x``, ``value`` rounded to it once.

    The derivative of a piecewise-constant or clipped function. Converting the mask is
    branch-free, several times faster than ``np.where`` on inputs of mixed signs. The
    result goes into ``out`` if given.
    """
    if out is None:
        result = inside.astype(x.dtype)
    else:
        result = out
        np.copyto(result, inside)
    if value != 1.0:
        result *= value
    nan = np.isnan(x)
    if nan.any():
        result[nan] = x[nan]
    return result


def _scale_negative(x, factor, out=None):
    """``x`` where ``x > 0`` and ``factor * x`` elsewhere; nan stays nan.

    Only the non-positive entries are multiplied, so ``factor = 0`` gives 0 (not
    nan) at ``x = -inf``. The product can exceed the float64 range only when the
    true value does (``|factor| > 1`` and ``|x|`` near 1.8e308); the correctly
    rounded answer is then an infinity, so that overflow is silenced. The result goes
    into ``out`` if given.
    """
    if factor == 0.0:
        out = np.maximum(x, 0.0, out=out)  # nan stays nan
        np.putmask(out, x <= 0.0, 0.0)  # +0.0, also for x = -0.0
        return out
    # Multiplying everything and putting the positive inputs back is several times
    # faster than a masked multiplication; the positive side may overflow, unseen.
    out = _multiply_unseen_overflow(x, factor, out)
    np.putmask(out, x > 0.0, x)
    return out


@np.errstate(over="ignore")  # a decorator costs half what a with block does
def _multiply_unseen_overflow(x, factor, out):
    return np.multiply(x, factor, out=out)


# --------------------------------------------------------------------------
# Kernels: float64 in, float64 out, 1-d arrays.
# --------------------------------------------------------------------------


def _relu_kernel(x, out=None):
    # maximum propagates nan; adding 0.0 turns relu(-0.0) into +0.0.
    out = np.maximum(x, 0.0, out=out)
    return np.add(out, 0.0, out=out)


def _relu_grad_kernel(x, out=None):
    return indicator(x > 0.0, x, out=out)


def _leaky_relu_kernel(x, negative_slope, out=None):
    return _scale_negative(x, negative_slope, out)


def _leaky_relu_grad_kernel(x, negative_slope):
    return piecewise_slope(x, 1.0, negative_slope)


def _elu_kernel(x, alpha):
    # expm1 is accurate near 0, where exp(x) - 1 cancels; min(x, 0) keeps it
    # away from the overflow of exp for large positive x.
    negative = alpha * np.expm1(np.minimum(x, 0.0))
    return np.where(x > 0.0, x, negative)


def _elu_grad_kernel(x, alpha):
    # alpha * exp(x) on x <= 0, so the kink takes the left derivative alpha
    # (as autograd does); nan falls through to this branch and stays nan.
    result = np.where(x > 0.0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))
    # Where exp(x) is subnormal (x < -708.4) it has lost digits that alpha * exp(x) would
    # multiply; a scaled exponential keeps them, and the product rounds once.
    deep = x < -708.0
    if deep.any():
        deep &= x >= -800.0
        result[deep] = np.ldexp(alpha * scaled_exp(x[deep]), -64)
    return result


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def relu(x):
    r"""Rectified linear unit: keep positive values, replace the rest by 0.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\max(0, x)` elementwise, with the shape of `x`. Float16, float32
        and float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    See Also
    --------
    relu_grad : Derivative of ReLU.
    leaky_relu : A variant with a small slope for negative inputs.

    Notes
    -----
    .. math::

        \mathrm{ReLU}(x) = \max(0, x)

    .. math::

        \mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    ReLU is exact in floating point: every output is either an input or 0, so
    no stable reformulation is needed. The only care taken is to propagate nan
    (a comparison such as ``x > 0`` would silently turn nan into 0) and to
    return +0.0 rather than -0.0 for an input of -0.0.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu
    >>> relu([-np.inf, -1.0, 0.0, 2.5, np.inf])
    array([0. , 0. , 0. , 2.5, inf])

    Integers are computed in float64; nan propagates:

    >>> relu([-3, 3])
    array([0., 3.])
    >>> relu([np.nan, -0.0])
    array([nan,  0.])
    """
    return apply_elementwise("relu", x, _relu_kernel, exact=True, fills=True)


def relu_grad(x):
    r"""Derivative of the rectified linear unit.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, 0 where :math:`x \le 0`, nan where `x` is nan;
        shape and dtype rules as for :func:`relu`.

    See Also
    --------
    relu : The function itself, with the formulas.

    Notes
    -----
    ReLU has no derivative at 0. Like PyTorch's autograd we report the left
    derivative, 0, so ``relu_grad(0.0) == 0``.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu_grad
    >>> relu_grad([-np.inf, -1.0, 0.0, 2.5, np.inf])
    array([0., 0., 0., 1., 1.])
    >>> relu_grad([np.nan])
    array([nan])
    """
    return apply_elementwise("relu_grad", x, _relu_grad_kernel, exact=True, fills=True)


def leaky_relu(x, negative_slope=0.01):
    r"""Leaky rectified linear unit: a small slope instead of 0 for negative inputs.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    negative_slope : float, default 0.01
        Slope :math:`a` for :math:`x \le 0`; any finite real number.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `negative_slope` is not a real number.
    ValueError
        If `negative_slope` is nan or infinite.

    See Also
    --------
    leaky_relu_grad : Derivative of Leaky ReLU.
    relu : The case ``negative_slope = 0``.

    Notes
    -----
    .. math::

        \mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}

    .. math::

        \mathrm{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    Only the non-positive inputs are multiplied by :math:`a`, with a single
    rounding, so the result is correctly rounded. Multiplying only that branch
    also keeps :math:`a = 0` at :math:`x = -\infty` from producing
    :math:`0 \cdot \infty = \mathrm{nan}`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import leaky_relu
    >>> leaky_relu([-np.inf, -100.0, 0.0, 2.5, np.inf])
    array([-inf,  -1. ,   0. ,   2.5,   inf])
    >>> leaky_relu([-2.0, 2.0], negative_slope=0.5)
    array([-1.,  2.])
    """
    negative_slope = check_real_parameter("leaky_relu", "negative_slope",
                                          negative_slope)
    return apply_elementwise("leaky_relu", x, _leaky_relu_kernel, negative_slope,
                             fills=True)


def leaky_relu_grad(x, negative_slope=0.01):
    r"""Derivative of the leaky rectified linear unit.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    negative_slope : float, default 0.01
        Slope for :math:`x \le 0`; any finite real number.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, `negative_slope` where :math:`x \le 0`, nan where
        `x` is nan; shape and dtype rules as for :func:`leaky_relu`.

    Raises
    ------
    TypeError
        If `negative_slope` is not a real number.
    ValueError
        If `negative_slope` is nan or infinite.

    See Also
    --------
    leaky_relu : The function itself, with the formulas.

    Notes
    -----
    At the kink :math:`x = 0` we report the left derivative, `negative_slope`,
    as PyTorch's autograd does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import leaky_relu_grad
    >>> leaky_relu_grad([-np.inf, -1.0, 0.0, 2.5, np.inf])
    array([0.01, 0.01, 0.01, 1.  , 1.  ])
    """
    negative_slope = check_real_parameter("leaky_relu_grad", "negative_slope",
                                          negative_slope)
    return apply_elementwise("leaky_relu_grad", x, _leaky_relu_grad_kernel,
                             negative_slope)


def elu(x, alpha=1.0):
    r"""Exponential linear unit: identity for positive inputs, a smooth exponential below.

    Float64 results are within 1.3 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    alpha : float, default 1.0
        Scale :math:`\alpha` of the negative part; the output tends to
        :math:`-\alpha` as :math:`x \to -\infty`. Any finite real number.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `alpha` is not a real number.
    ValueError
        If `alpha` is nan or infinite.

    See Also
    --------
    elu_grad : Derivative of ELU.
    relu : The rectifier that ELU smooths.

    Notes
    -----
    .. math::

        \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\left(e^{x} - 1\right) & x \le 0 \end{cases}

    .. math::

        \mathrm{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    For small negative :math:`x`, computing :math:`e^{x} - 1` literally cancels
    (at :math:`x = -10^{-10}` it keeps only 7 correct digits), so we use
    ``expm1``, which is accurate to about 1 ULP everywhere. It is evaluated at
    :math:`\min(x, 0)` so that large positive inputs never overflow. With
    :math:`\alpha = 1` the function is continuously differentiable; at the kink
    the derivative reported is :math:`\alpha` (see :func:`elu_grad`).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import elu
    >>> np.round(elu([-np.inf, -1.0, 0.0, 2.5, np.inf]), 4)
    array([-1.    , -0.6321,  0.    ,  2.5   ,     inf])

    Near 0 the negative part keeps full precision:

    >>> print(f"{elu(-1e-10):.10e}")
    -9.9999999995e-11
    """
    alpha = check_real_parameter("elu", "alpha", alpha)
    return apply_elementwise("elu", x, _elu_kernel, alpha)


def elu_grad(x, alpha=1.0):
    r"""Derivative of the exponential linear unit.

    Float64 results are within 1.6 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    alpha : float, default 1.0
        Scale of the negative part; any finite real number.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, :math:`\alpha e^{x}` where :math:`x \le 0`, nan
        where `x` is nan; shape and dtype rules as for :func:`elu`.

    Raises
    ------
    TypeError
        If `alpha` is not a real number.
    ValueError
        If `alpha` is nan or infinite.

    See Also
    --------
    elu : The function itself, with the formulas.

    Notes
    -----
    At :math:`x = 0` we report the left derivative :math:`\alpha`, as PyTorch's
    autograd does; for the default :math:`\alpha = 1` both one-sided derivatives
    are 1 anyway. Where :math:`e^x` is subnormal (:math:`x < -708.4`) it has
    lost digits that a large :math:`\alpha` would multiply, so there
    :math:`\alpha e^x` is formed from a scaled exponential and rounded once.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import elu_grad
    >>> np.round(elu_grad([-np.inf, -1.0, 0.0, 2.5, np.inf]), 4)
    array([0.    , 0.3679, 1.    , 1.    , 1.    ])
    >>> elu_grad([-0.0, 0.0], alpha=2.0)
    array([2., 2.])
    """
    alpha = check_real_parameter("elu_grad", "alpha", alpha)
    return apply_elementwise("elu_grad", x, _elu_grad_kernel, alpha)


# --------------------------------------------------------------------------
# ReLU6
# --------------------------------------------------------------------------


def _relu6_kernel(x, out=None):
    # minimum/maximum propagate nan; adding 0.0 turns -0.0 into +0.0.
    out = np.maximum(x, 0.0, out=out)
    np.minimum(out, 6.0, out=out)
    return np.add(out, 0.0, out=out)


def _relu6_grad_kernel(x, out=None):
    return indicator((x > 0.0) & (x < 6.0), x, out=out)


def relu6(x):
    r"""ReLU capped at 6: :math:`\min(\max(0, x), 6)`.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    See Also
    --------
    relu6_grad : Derivative of ReLU6.
    relu : The uncapped rectifier.
    hardtanh : Clipping to an arbitrary interval; ``relu6(x) == hardtanh(x, 0, 6)``.

    Notes
    -----
    .. math::

        \mathrm{ReLU6}(x) = \min\bigl(\max(0, x), 6\bigr)

    .. math::

        \mathrm{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}

    Capping the output keeps activations in a range that low-precision
    arithmetic represents well. Every output is an input, 0 or 6, so the
    function is exact in floating point; nan propagates and -0.0 gives +0.0.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu6
    >>> relu6([-np.inf, -1.0, 0.0, 2.5, 7.0, np.inf])
    array([0. , 0. , 0. , 2.5, 6. , 6. ])
    """
    return apply_elementwise("relu6", x, _relu6_kernel, exact=True, fills=True)


def relu6_grad(x):
    r"""Derivative of ReLU6.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`0 < x < 6`, 0 elsewhere, nan where `x` is nan; shape and
        dtype rules as for :func:`relu6`.

    See Also
    --------
    relu6 : The function itself, with the formulas.

    Notes
    -----
    ReLU6 has two kinks, at 0 and at 6. Like PyTorch's autograd we report 0 at
    both: the slope is 1 only strictly inside the interval.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu6_grad
    >>> relu6_grad([-np.inf, 0.0, 3.0, 6.0, np.inf])
    array([0., 0., 1., 0., 0.])
    """
    return apply_elementwise("relu6_grad", x, _relu6_grad_kernel, exact=True, fills=True)


# --------------------------------------------------------------------------
# Squared ReLU
# --------------------------------------------------------------------------


# Overflow is silenced by decorators (half the cost of a with block on every call).
@np.errstate(over="ignore")  # beyond 1.3e154 the square is inf, correctly rounded
def _squared_relu_kernel(x, out=None):
    out = _relu_kernel(x, out)
    return np.multiply(out, out, out=out)


@np.errstate(over="ignore")
def _squared_relu_grad_kernel(x, out=None):
    out = _relu_kernel(x, out)
    return np.multiply(out, 2.0, out=out)


def squared_relu(x):
    r"""Squared ReLU: :math:`\max(0, x)^2`.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    See Also
    --------
    squared_relu_grad : Derivative of squared ReLU.
    relu : The rectifier it squares.

    Notes
    -----
    .. math::

        \mathrm{ReLU}^2(x) = \max(0, x)^2

    .. math::

        \bigl(\mathrm{ReLU}^2\bigr)'(x) = 2\max(0, x)

    So et al. (2021) found it in their search for Transformer feed-forward
    blocks (Primer). Unlike ReLU it is continuously differentiable: the
    derivative is 0 at 0 from both sides. One multiplication, so the result is
    correctly rounded; beyond :math:`x \approx 1.34 \times 10^{154}` the
    square exceeds the float64 range and the result is inf.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import squared_relu
    >>> squared_relu([-np.inf, -2.0, 0.0, 1.5, 3.0, np.inf])
    array([0.  , 0.  , 0.  , 2.25, 9.  ,  inf])
    """
    return apply_elementwise("squared_relu", x, _squared_relu_kernel, exact=True, fills=True)


def squared_relu_grad(x):
    r"""Derivative of squared ReLU.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`2\max(0, x)` elementwise, nan where `x` is nan; shape and dtype
        rules as for :func:`squared_relu`.

    See Also
    --------
    squared_relu : The function itself, with the formulas.

    Notes
    -----
    Exact: a doubling. The derivative is continuous, 0 at 0 from both sides,
    so no convention is needed there; PyTorch's autograd gives the same for
    ``torch.relu(x) ** 2``.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import squared_relu_grad
    >>> squared_relu_grad([-np.inf, -1.0, 0.0, 1.5, np.inf])
    array([ 0.,  0.,  0.,  3., inf])
    """
    return apply_elementwise("squared_relu_grad", x, _squared_relu_grad_kernel,
                             exact=True, fills=True)


# --------------------------------------------------------------------------
# PReLU: a learned slope per channel
# --------------------------------------------------------------------------


def _prelu_weight(func_name, weight):
    """The checked weight as a 1-d float64 array."""
    if type(weight) is float and math.isfinite(weight):  # the common case, without conversions
        return np.array([weight])
    if isinstance(weight, numbers.Real) and not isinstance(weight, (bool, np.bool_)):
        weight = float(weight)
    elif weight is None or isinstance(weight, (str, bytes, bool, np.bool_)):
        raise TypeError(
            f"{func_name}: weight must be a real number or a 1-d array of real "
            f"numbers, got {_shorten(weight)} of type {type(weight).__name__}"
        )
    w, _ = as_real_array(weight, func_name)
    if w.ndim > 1:
        raise ValueError(
            f"{func_name}: weight must be a number or a 1-d array, got an array "
            f"of shape {w.shape}"
        )
    w = w.reshape(-1)
    if not np.all(np.isfinite(w)):
        raise ValueError(
            f"{func_name}: weight must hold finite real numbers, got {_shorten(w.tolist())}"
        )
    return w


def _prelu_inputs(func_name, x, w):
    """The input as float64, its output dtype, and the checked weight ``w`` (one slope per
    channel) broadcast to it."""
    values, out_dtype = as_real_array(x, func_name)
    channels = values.shape[1] if values.ndim >= 2 else 1
    if w.size == 1:
        return values, out_dtype, np.broadcast_to(w[0], values.shape)
    if values.ndim == 0:
        raise ValueError(
            f"{func_name}: a 0-d input takes a single weight, got {w.size} weights"
        )
    if w.size != channels:
        raise ValueError(
            f"{func_name}: weight has {w.size} elements, but the input has "
            f"{channels} channel{'s' if channels != 1 else ''} (its axis 1 for "
            f"inputs with at least 2 dimensions); give 1 weight or {channels}"
        )
    shape = (1, channels) + (1,) * (values.ndim - 2)
    return values, out_dtype, np.broadcast_to(w.reshape(shape), values.shape)


def prelu(x, weight):
    r"""Parametric ReLU: identity for positive inputs, a learned slope for the others.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
        For inputs with two or more dimensions, axis 1 is the channel axis.
    weight : float or array_like
        The slopes :math:`a` for :math:`x \le 0`, broadcast as in
        :func:`torch.nn.functional.prelu`: one number (or a 1-element array),
        used everywhere, or a 1-d array with one slope per channel, i.e. of
        length ``x.shape[1]``. Finite real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype (whatever the dtype of `weight`);
        integer and boolean inputs give float64. A 0-d input gives a NumPy
        scalar.

    Raises
    ------
    TypeError
        If `weight` does not hold real numbers.
    ValueError
        If `weight` has more than one dimension, holds nan or infinities, or
        its length is neither 1 nor the number of channels.

    See Also
    --------
    prelu_grad : Derivative with respect to `x`.
    prelu_weight_grad : Derivative with respect to the weight.
    leaky_relu : The same function with a fixed slope.

    Notes
    -----
    .. math::

        \mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}

    .. math::

        \mathrm{PReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    In a network the slopes :math:`a` are parameters learned with the other
    weights (:class:`torch.nn.PReLU` starts them at 0.25). As for
    :func:`leaky_relu`, only the non-positive inputs are multiplied, with a
    single rounding, so the result is correctly rounded and :math:`a = 0`
    gives 0 rather than nan at :math:`x = -\infty`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import prelu
    >>> prelu([-np.inf, -2.0, 0.0, 3.0, np.inf], weight=0.25)
    array([-inf, -0.5,  0. ,  3. ,  inf])

    One slope per channel (axis 1):

    >>> prelu([[-1.0, -1.0], [-4.0, 4.0]], weight=[0.1, 0.5])
    array([[-0.1, -0.5],
           [-0.4,  4. ]])
    """
    if type(weight) is float and math.isfinite(weight):  # one slope, without conversions
        return apply_elementwise("prelu", x, _leaky_relu_kernel, weight, fills=True)
    w = _prelu_weight("prelu", weight)
    if w.size == 1:  # one slope: Leaky ReLU, on chunks
        return apply_elementwise("prelu", x, _leaky_relu_kernel, float(w[0]), fills=True)
    values, out_dtype, w = _prelu_inputs("prelu", x, w)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        result = np.where(values > 0.0, values, 0.0)
        np.multiply(values, w, out=result, where=values <= 0.0)
    # A zero slope gives 0 (not 0 * -inf = nan) on the whole negative side.
    result = np.where((values <= 0.0) & (w == 0.0), 0.0, result)
    result = np.where(np.isnan(values), values, result)
    return restore_dtype(result, out_dtype)


def prelu_grad(x, weight):
    r"""Derivative of PReLU with respect to its input.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    weight : float or array_like
        The slopes, broadcast as in :func:`prelu`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, the slope of the element's channel where
        :math:`x \le 0`, nan where `x` is nan; shape and dtype rules as for
        :func:`prelu`.

    Raises
    ------
    TypeError
        If `weight` does not hold real numbers.
    ValueError
        If `weight` has the wrong shape or is not finite (see :func:`prelu`).

    See Also
    --------
    prelu : The function itself, with the formulas.
    prelu_weight_grad : Derivative with respect to the weight.

    Notes
    -----
    At the kink :math:`x = 0` we report the left derivative, the slope, as
    PyTorch's autograd does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import prelu_grad
    >>> prelu_grad([-np.inf, -2.0, 0.0, 3.0, np.inf], weight=0.25)
    array([0.25, 0.25, 0.25, 1.  , 1.  ])
    """
    if type(weight) is float and math.isfinite(weight):  # one slope, without conversions
        return apply_elementwise("prelu_grad", x, _leaky_relu_grad_kernel, weight)
    w = _prelu_weight("prelu_grad", weight)
    if w.size == 1:
        return apply_elementwise("prelu_grad", x, _leaky_relu_grad_kernel, float(w[0]))
    values, out_dtype, w = _prelu_inputs("prelu_grad", x, w)
    slope = np.where(values > 0.0, 1.0, w)
    return restore_dtype(np.where(np.isnan(values), values, slope), out_dtype)


def prelu_weight_grad(x, weight):
    r"""Derivative of PReLU with respect to the slope of each element's channel.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    weight : float or array_like
        The slopes, broadcast as in :func:`prelu`. The derivative does not
        depend on their values, but their number is checked against `x`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\partial\,\mathrm{PReLU}(x) / \partial a = \min(x, 0)`
        elementwise (0 at the kink), nan where `x` is nan; shape and dtype rules
        as for :func:`prelu`.

    Raises
    ------
    TypeError
        If `weight` does not hold real numbers.
    ValueError
        If `weight` has the wrong shape or is not finite (see :func:`prelu`).

    See Also
    --------
    prelu : The function itself, with the formulas.
    prelu_grad : Derivative with respect to `x`.

    Notes
    -----
    Each output depends on one slope only, so this elementwise array holds all
    the partial derivatives. What PyTorch stores in ``weight.grad`` after
    ``loss.backward()`` is their weighted sum: multiply by the gradient of the
    loss with respect to the output, then sum over every axis except axis 1
    (over all axes for a single weight).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import prelu_weight_grad
    >>> prelu_weight_grad([-np.inf, -2.0, 0.0, 3.0, np.inf], weight=0.25)
    array([-inf,  -2.,   0.,   0.,   0.])
    """
    values, out_dtype, _ = _prelu_inputs("prelu_weight_grad", x,
                                         _prelu_weight("prelu_weight_grad", weight))
    return restore_dtype(np.minimum(values, 0.0) + 0.0, out_dtype)


# --------------------------------------------------------------------------
# RReLU: a random slope while training, its mean otherwise
# --------------------------------------------------------------------------


def _rrelu_training(func_name, training, generator):
    """Check ``training`` and ``generator``; True if random slopes are to be drawn."""
    if not isinstance(training, (bool, np.bool_)):
        raise TypeError(
            f"{func_name}: training must be True or False, got {_shorten(training)} "
            f"of type {type(training).__name__}"
        )
    if generator is not None and not isinstance(generator, np.random.Generator):
        raise TypeError(
            f"{func_name}: generator must be a numpy.random.Generator (for example "
            f"numpy.random.default_rng(0)), got {_shorten(generator)} of type "
            f"{type(generator).__name__}"
        )
    if training and generator is None:
        raise ValueError(
            f"{func_name}: training=True draws random slopes and needs a "
            "numpy.random.Generator, got generator=None"
        )
    return bool(training)


def _rrelu_parameters(func_name, lower, upper):
    lower = check_real_parameter(func_name, "lower", lower)
    upper = check_real_parameter(func_name, "upper", upper)
    check_order(func_name, "lower", lower, "upper", upper)
    return lower, upper


def rrelu(x, lower=1.0 / 8.0, upper=1.0 / 3.0, training=False, generator=None):
    r"""Randomized leaky ReLU: a random negative slope while training, its mean otherwise.

    Float64 results are within 0.8 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lower, upper : float, default 1/8 and 1/3
        Bounds of the uniform distribution of the negative slope;
        ``lower <= upper``, both finite.
    training : bool, default False
        If False, the slope is the mean :math:`(l + u)/2` and the function is
        deterministic (PyTorch's evaluation mode). If True, each element gets
        its own slope drawn from :math:`U(l, u)`.
    generator : numpy.random.Generator, optional
        The source of the random slopes; required when `training` is True and
        ignored otherwise. One uniform number is drawn per element of `x`, in
        C order, whatever the sign of the element.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If a parameter has the wrong type (`generator` not a
        :class:`numpy.random.Generator`, `training` not a bool, bounds not
        real numbers).
    ValueError
        If `lower` exceeds `upper`, a bound is not finite, or `training` is
        True without a generator.

    See Also
    --------
    rrelu_grad : Derivative of RReLU.
    leaky_relu : The deterministic version.

    Notes
    -----
    .. math::

        \mathrm{RReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}
        \qquad a = \frac{l + u}{2} \ \text{or, in training,}\ a \sim U(l, u)

    .. math::

        \mathrm{RReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    The random slope acts as a regulariser during training; at evaluation
    time it is replaced by its mean, which makes RReLU a Leaky ReLU with slope
    :math:`(1/8 + 1/3)/2 = 11/48` for the default bounds. PyTorch draws the
    slopes from its own random number generator, so training-mode values can
    only be compared with PyTorch in distribution, not element by element.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import rrelu
    >>> np.round(rrelu([-np.inf, -48.0, 0.0, 2.0, np.inf]), 4)
    array([-inf, -11.,   0.,   2.,  inf])

    In training mode the slopes are random; a seeded generator makes them
    reproducible:

    >>> y = rrelu([-1.0, -1.0, -1.0], training=True, generator=np.random.default_rng(0))
    >>> bool(np.all((-1 / 3 <= y) & (y <= -1 / 8)))
    True
    """
    lower, upper = _rrelu_parameters("rrelu", lower, upper)
    if not _rrelu_training("rrelu", training, generator):  # the mean slope: Leaky ReLU
        return apply_elementwise("rrelu", x, _leaky_relu_kernel, (lower + upper) / 2.0,
                                 fills=True)
    values, out_dtype = as_real_array(x, "rrelu")
    slope = generator.uniform(lower, upper, size=values.shape)
    with np.errstate(under="ignore"):
        result = np.where(values > 0.0, values, 0.0)
        np.multiply(values, slope, out=result, where=values <= 0.0)
        result = np.where(np.isnan(values), values, result)
    return restore_dtype(result, out_dtype)


def rrelu_grad(x, lower=1.0 / 8.0, upper=1.0 / 3.0, training=False, generator=None):
    r"""Derivative of the randomized leaky ReLU.

    Float64 results are within 0.3 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    lower, upper : float, default 1/8 and 1/3
        Bounds of the distribution of the negative slope, as in :func:`rrelu`.
    training : bool, default False
        If False, the slope is the mean :math:`(l + u)/2`. If True, the slopes
        are drawn from `generator` exactly as :func:`rrelu` draws them.
    generator : numpy.random.Generator, optional
        Required when `training` is True. To get the derivative of a given
        training-mode call of :func:`rrelu`, pass a generator in the state the
        one given to :func:`rrelu` was in before that call: the same seed, or a
        :func:`copy.deepcopy` made beforehand. Equal states draw equal slopes.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, the slope where :math:`x \le 0`, nan where `x` is
        nan; shape and dtype rules as for :func:`rrelu`.

    Raises
    ------
    TypeError
        If a parameter has the wrong type (see :func:`rrelu`).
    ValueError
        If `lower` exceeds `upper`, a bound is not finite, or `training` is
        True without a generator.

    See Also
    --------
    rrelu : The function itself, with the formulas.

    Notes
    -----
    At the kink :math:`x = 0` we report the left derivative, the slope, as
    PyTorch's autograd does. A slope is random only in training mode; the
    derivative there is the slope actually used, which is why it needs the
    same draw.

    Examples
    --------
    >>> import copy
    >>> import numpy as np
    >>> from activations import rrelu, rrelu_grad
    >>> np.round(rrelu_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.2292, 0.2292, 0.2292, 1.    , 1.    ])

    The derivative of a training-mode call, from a copy of its generator:

    >>> rng = np.random.default_rng(7)
    >>> twin = copy.deepcopy(rng)
    >>> x = np.array([-2.0, 3.0, -0.5])
    >>> y = rrelu(x, training=True, generator=rng)
    >>> slopes = rrelu_grad(x, training=True, generator=twin)
    >>> bool(np.all(y == np.where(x > 0, x, slopes * x)))
    True
    """
    lower, upper = _rrelu_parameters("rrelu_grad", lower, upper)
    if not _rrelu_training("rrelu_grad", training, generator):
        return apply_elementwise("rrelu_grad", x, _leaky_relu_grad_kernel, (lower + upper) / 2.0)
    values, out_dtype = as_real_array(x, "rrelu_grad")
    slope = generator.uniform(lower, upper, size=values.shape)
    result = np.where(values > 0.0, 1.0, slope)
    return restore_dtype(np.where(np.isnan(values), values, result), out_dtype)


# --------------------------------------------------------------------------
# SELU and CELU
# --------------------------------------------------------------------------

# The constants of Klambauer et al. (2017), to float64 precision as pairs:
# lambda = 1.0507009873554804934193349852946 and
# lambda * alpha = 1.0507... * 1.6732632423543772848170429916717.
_SELU_SCALE_HI, _SELU_SCALE_LO = 1.0507009873554805, 3.9874847667154144e-17
_SELU_NEGATIVE_HI, _SELU_NEGATIVE_LO = 1.7580993408473768, 1.41535193800845e-17
SELU_ALPHA = 1.6732632423543772
SELU_SCALE = _SELU_SCALE_HI
# The same two constants (lambda, lambda alpha) for the kernel, as their 26 leading bits and
# the rest (to 2**-79): the product of a 26-bit constant and a value's two 26-bit halves is
# exact.
_SELU_26 = (_cut(_SELU_SCALE_HI), _cut(_SELU_NEGATIVE_HI))
_SELU_REST = tuple((hi - hi_26) + lo for hi, hi_26, lo in
                   zip((_SELU_SCALE_HI, _SELU_NEGATIVE_HI), _SELU_26,
                       (_SELU_SCALE_LO, _SELU_NEGATIVE_LO)))


def _times_pair(v, hi, lo):
    """``v * (hi + lo)`` rounded once (to within a tiny fraction of an ULP)."""
    p, err = two_prod(v, hi)
    return p + (err + v * lo)


def _selu_kernel(x, out=None):
    # lambda x for x > 0; lambda alpha expm1(x) for x <= 0. Each branch is one
    # accurate function times a constant carried as a pair; the branch is chosen
    # before the product, so one pair product serves both.
    xc = np.minimum(x, 1e300)  # (the split below stays finite; beyond, see huge)
    v = np.minimum(xc, 0.0)
    np.expm1(v, out=v)
    v += np.maximum(xc, 0.0)  # x above 0, expm1(x) below
    positive = x > 0.0
    hi = np.where(positive, *_SELU_26)
    lo = np.where(positive, *_SELU_REST)
    p = v * hi
    v1, v2 = _split(v)
    err = v1 * hi
    err -= p
    v2 *= hi
    err += v2  # v hi - p, exactly: hi has 26 bits
    out = np.multiply(v, lo, out=out)
    out += err
    out += p
    tiny = np.abs(x) < 2.0**-968
    if tiny.any():
        # There v lo and the partial products underflow: x (= v, as expm1(x) is x) scaled by
        # 2**64, exactly, times the full constants as pairs, and scaled back, which rounds the
        # sum once more only where the result is subnormal.
        xt = x[tiny] * 2.0**64
        positive = xt > 0.0
        out[tiny] = np.ldexp(_times_pair(xt, np.where(positive, _SELU_SCALE_HI, _SELU_NEGATIVE_HI),
                                         np.where(positive, _SELU_SCALE_LO, _SELU_NEGATIVE_LO)), -64)
    huge = x > 1e300
    if huge.any():
        with np.errstate(over="ignore"):
            out[huge] = x[huge] * _SELU_SCALE_HI
    return out


def _selu_grad_kernel(x, out=None):
    negative = _times_pair(np.exp(np.minimum(np.maximum(x, -800.0), 0.0)), _SELU_NEGATIVE_HI,
                           _SELU_NEGATIVE_LO)
    if out is None:
        out = negative
    else:
        out[...] = negative
    np.putmask(out, x > 0.0, _SELU_SCALE_HI)
    return set_where(out, np.isnan(x), x)


def _celu_argument(x, alpha):
    """``x / alpha`` as a pair (hi, lo) for non-positive x, clipped so |x/alpha| <= 800."""
    xc = np.clip(x, -800.0 * abs(alpha), 0.0)
    if alpha == 1.0:
        return xc, 0.0
    y = xc / alpha
    p, err = two_prod(y, alpha)
    return y, ((xc - p) - err) / alpha


def _celu_kernel(x, alpha):
    y, y_lo = _celu_argument(x, alpha)
    with np.errstate(over="ignore"):
        # Only a negative alpha makes x / alpha positive; beyond 709.78 the
        # true value is below -1.8e308 and -inf is its correct rounding.
        m = np.expm1(y)
        if alpha != 1.0:  # for alpha = 1, x / alpha is exact: no correction, no scaling
            # expm1(y + y_lo) = expm1(y) + exp(y) y_lo to float64 precision.
            m = np.where(np.isfinite(m), m + np.exp(np.minimum(y, 709.0)) * y_lo, m)
            m = alpha * m
    # Where |x / alpha| < 2**-54, alpha expm1(x / alpha) = x (1 + x / (2 alpha)) rounds to x;
    # computing it would round x / alpha first, which loses digits when that is subnormal.
    return np.where((x > 0.0) | (np.abs(y) < 2.0**-54), x, m)


def _celu_grad_kernel(x, alpha):
    y, y_lo = _celu_argument(x, alpha)
    with np.errstate(over="ignore"):
        e = np.exp(y)
        if alpha != 1.0:  # for alpha = 1, x / alpha is exact: no correction
            e = np.where(np.isfinite(e), e + np.exp(np.minimum(y, 709.0)) * y_lo, e)
    np.putmask(e, x > 0.0, 1.0)
    return set_where(e, np.isnan(x), x)


def selu(x):
    r"""Scaled exponential linear unit: ELU with the constants that make networks self-normalising.

    Float64 results are within 1.4 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    See Also
    --------
    selu_grad : Derivative of SELU.
    elu : The unscaled function, with a free :math:`\alpha`.

    Notes
    -----
    .. math::

        \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\left(e^{x} - 1\right) & x \le 0 \end{cases}

    .. math::

        \mathrm{SELU}'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    with :math:`\alpha \approx 1.6732632` and :math:`\lambda \approx 1.0507010`,
    the values derived by Klambauer et al. so that activations with mean 0 and
    variance 1 keep them from layer to layer. The derivative jumps at 0, from
    :math:`\lambda\alpha \approx 1.758` to :math:`\lambda`. We use ``expm1``
    (accurate near 0, where :math:`e^x - 1` cancels) and carry :math:`\lambda`
    and :math:`\lambda\alpha` to twice the float64 precision, so each branch
    is rounded about once.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import selu
    >>> np.round(selu([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([-1.7581, -1.1113,  0.    ,  1.0507,     inf])
    """
    return apply_elementwise("selu", x, _selu_kernel, fills=True)


def selu_grad(x):
    r"""Derivative of the scaled exponential linear unit.

    Float64 results are within 2.3 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\lambda` where :math:`x > 0`, :math:`\lambda\alpha e^{x}` where
        :math:`x \le 0`, nan where `x` is nan; shape and dtype rules as for
        :func:`selu`.

    See Also
    --------
    selu : The function itself, with the formulas and constants.

    Notes
    -----
    At the kink :math:`x = 0` we report the left derivative
    :math:`\lambda\alpha \approx 1.758`, as PyTorch's autograd does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import selu_grad
    >>> np.round(selu_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.    , 0.6468, 1.7581, 1.0507, 1.0507])
    """
    return apply_elementwise("selu_grad", x, _selu_grad_kernel, fills=True)


def celu(x, alpha=1.0):
    r"""Continuously differentiable exponential linear unit.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    alpha : float, default 1.0
        Scale :math:`\alpha` of the negative part; the output tends to
        :math:`-\alpha` as :math:`x \to -\infty` (for :math:`\alpha > 0`). Any
        finite real number except 0.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `alpha` is not a real number.
    ValueError
        If `alpha` is 0, nan or infinite.

    See Also
    --------
    celu_grad : Derivative of CELU.
    elu : ELU, which CELU equals for :math:`\alpha = 1`.

    Notes
    -----
    .. math::

        \mathrm{CELU}(x) = \begin{cases} x & x > 0 \\ \alpha\left(e^{x/\alpha} - 1\right) & x \le 0 \end{cases}

    .. math::

        \mathrm{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}

    Dividing the exponent by :math:`\alpha` makes the slope at :math:`0^-`
    equal to 1 for every :math:`\alpha`, so the function is continuously
    differentiable, unlike ELU with :math:`\alpha \ne 1`. We use ``expm1``
    (accurate near 0) and keep the rounding error of :math:`x/\alpha` as a
    first-order correction, so the result is within 2.0 ULP; where
    :math:`|x/\alpha| < 2^{-54}` the result is :math:`x` itself (to which it
    rounds), since a subnormal :math:`x/\alpha` would have lost digits. A negative
    :math:`\alpha` is allowed, as in PyTorch; the negative part then grows
    like :math:`-|\alpha| e^{|x/\alpha|}` and overflows to :math:`-\infty`
    where the true value is beyond the float64 range.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import celu
    >>> np.round(celu([-np.inf, -1.0, 0.0, 2.5, np.inf]), 4)
    array([-1.    , -0.6321,  0.    ,  2.5   ,     inf])
    >>> np.round(celu([-np.inf, -1.0], alpha=2.0), 4)
    array([-2.    , -0.7869])
    """
    alpha = check_real_parameter("celu", "alpha", alpha, allow_zero=False)
    return apply_elementwise("celu", x, _celu_kernel, alpha)


def celu_grad(x, alpha=1.0):
    r"""Derivative of the continuously differentiable exponential linear unit.

    Float64 results are within 1.2 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    alpha : float, default 1.0
        Scale of the negative part; any finite real number except 0.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 where :math:`x > 0`, :math:`e^{x/\alpha}` where :math:`x \le 0`, nan
        where `x` is nan; shape and dtype rules as for :func:`celu`.

    Raises
    ------
    TypeError
        If `alpha` is not a real number.
    ValueError
        If `alpha` is 0, nan or infinite.

    See Also
    --------
    celu : The function itself, with the formulas.

    Notes
    -----
    Both one-sided derivatives at 0 equal 1, so there is no kink convention to
    choose; PyTorch's autograd also gives 1.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import celu_grad
    >>> np.round(celu_grad([-np.inf, -1.0, 0.0, 2.5, np.inf]), 4)
    array([0.    , 0.3679, 1.    , 1.    , 1.    ])
    """
    alpha = check_real_parameter("celu_grad", "alpha", alpha, allow_zero=False)
    return apply_elementwise("celu_grad", x, _celu_grad_kernel, alpha)
