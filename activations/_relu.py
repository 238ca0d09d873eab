r"""The rectifier family: ReLU, Leaky ReLU and ELU, with derivatives.

Derivatives at a kink follow the convention of PyTorch's autograd, so that a
gradient computed here matches ``tensor.backward()``:

=============================  ================================
function                       derivative reported at ``x = 0``
=============================  ================================
``relu``                       0 (the left derivative)
``leaky_relu``                 ``negative_slope`` (the left derivative)
``elu``                        ``alpha`` (the left derivative)
=============================  ================================

Unlike autograd, the derivatives here return nan for a nan input.
"""

import numpy as np

from ._validation import apply_elementwise, check_real_parameter

__all__ = ["elu", "elu_grad", "leaky_relu", "leaky_relu_grad", "relu", "relu_grad"]


def piecewise_slope(x, right, left):
    """``right`` where ``x > 0``, ``left`` where ``x <= 0``, nan where ``x`` is nan.

    The derivative of a function with a single kink at 0 whose two pieces are
    straight lines; ``right`` and ``left`` are floats or arrays shaped like ``x``.
    """
    slope = np.where(x > 0.0, right, left)
    return np.where(np.isnan(x), x, slope)


def _scale_negative(x, factor):
    """``x`` where ``x > 0`` and ``factor * x`` elsewhere; nan stays nan.

    Only the non-positive entries are multiplied, so ``factor = 0`` gives 0 (not
    nan) at ``x = -inf``. The product can exceed the float64 range only when the
    true value does (``|factor| > 1`` and ``|x|`` near 1.8e308); the correctly
    rounded answer is then an infinity, so that overflow is silenced.
    """
    out = np.array(x, dtype=np.float64, copy=True)
    if factor == 0.0:
        return np.where(x <= 0.0, 0.0, out)
    with np.errstate(over="ignore"):
        np.multiply(x, factor, out=out, where=x <= 0.0)
    return out


# --------------------------------------------------------------------------
# Kernels: float64 in, float64 out, 1-d arrays.
# --------------------------------------------------------------------------


def _relu_kernel(x):
    # maximum propagates nan; adding 0.0 turns relu(-0.0) into +0.0.
    return np.maximum(x, 0.0) + 0.0


def _relu_grad_kernel(x):
    return piecewise_slope(x, 1.0, 0.0)


def _leaky_relu_kernel(x, negative_slope):
    return _scale_negative(x, negative_slope)


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
    return np.where(x > 0.0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def relu(x):
    r"""Rectified linear unit: keep positive values, replace the rest by 0.

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
    return apply_elementwise("relu", x, _relu_kernel)


def relu_grad(x):
    r"""Derivative of the rectified linear unit.

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
    return apply_elementwise("relu_grad", x, _relu_grad_kernel)


def leaky_relu(x, negative_slope=0.01):
    r"""Leaky rectified linear unit: a small slope instead of 0 for negative inputs.

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
    return apply_elementwise("leaky_relu", x, _leaky_relu_kernel, negative_slope)


def leaky_relu_grad(x, negative_slope=0.01):
    r"""Derivative of the leaky rectified linear unit.

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
    ``expm1``, which is accurate to within 1 ULP everywhere. It is evaluated at
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
    are 1 anyway.

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
