r"""Piecewise linear approximations: hardtanh, hard sigmoid and hard swish.

They replace the curved parts of tanh, the sigmoid and SiLU by straight lines,
which are cheap on any hardware. Derivatives at the corners follow PyTorch's
autograd: hardtanh and hardsigmoid report 0 at their corners (the slope of
the flat side); hardswish reports 0 at :math:`x = -3` and 1 at :math:`x = 3`
(again the outer sides).
"""

import numpy as np

from ._relu import indicator
from ._sigmoid import set_where
from ._validation import apply_elementwise, check_order, check_real_parameter

__all__ = ["hardtanh", "hardtanh_grad", "hardsigmoid", "hardsigmoid_grad", "hardswish",
           "hardswish_grad", "sparse_sigmoid", "sparse_sigmoid_grad"]


def _hardtanh_kernel(x, min_val, max_val, out=None):
    if x.dtype == np.float16:  # NumPy's float16 maximum(-5, 0) gives -0.0: use float64
        x, out = x.astype(np.float64), None
    elif x.dtype != np.float64:
        # Rounding is monotonic, so clipping to the bounds rounded to the input's dtype
        # gives the clipped value rounded; a bound beyond its range rounds to an infinity.
        with np.errstate(over="ignore"):
            min_val, max_val = x.dtype.type(min_val), x.dtype.type(max_val)
    # minimum/maximum propagate nan (np.clip would keep -0.0 where min_val is 0.0).
    out = np.maximum(x, min_val, out=out)
    return np.minimum(out, max_val, out=out)


def _hardtanh_grad_kernel(x, min_val, max_val, out=None):
    # float64 scalars: a float32 input is compared with the bounds themselves, not with
    # their roundings.
    return indicator((x > np.float64(min_val)) & (x < np.float64(max_val)), x, out=out)


def _check_bounds(func_name, min_val, max_val):
    min_val = check_real_parameter(func_name, "min_val", min_val)
    max_val = check_real_parameter(func_name, "max_val", max_val)
    check_order(func_name, "min_val", min_val, "max_val", max_val)
    return min_val, max_val


def hardtanh(x, min_val=-1.0, max_val=1.0):
    r"""Hard tanh: clip the input to an interval, by default :math:`[-1, 1]`.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    min_val, max_val : float, default -1.0 and 1.0
        The interval :math:`[a, b]`; finite, with ``min_val <= max_val``.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If a bound is not a real number.
    ValueError
        If a bound is nan or infinite, or `min_val` exceeds `max_val`.

    See Also
    --------
    hardtanh_grad : Derivative of hardtanh.
    tanh : The smooth function it approximates.
    relu6 : ``hardtanh(x, 0, 6)``.

    Notes
    -----
    .. math::

        \mathrm{Hardtanh}(x) = \begin{cases} a & x < a \\ x & a \le x \le b \\ b & x > b \end{cases}

    .. math::

        \mathrm{Hardtanh}'(x) = \begin{cases} 1 & a < x < b \\ 0 & \text{otherwise} \end{cases}

    With the default interval it follows :math:`\tanh` near 0 (slope 1) and
    saturates at :math:`\pm 1`. Every output is an input or a bound, so it is
    exact; nan propagates.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardtanh
    >>> hardtanh([-np.inf, -2.0, 0.0, 0.5, 2.0, np.inf])
    array([-1. , -1. ,  0. ,  0.5,  1. ,  1. ])
    >>> hardtanh([-3.0, 3.0, 7.0], min_val=0.0, max_val=6.0)
    array([0., 3., 6.])
    """
    bounds = _check_bounds("hardtanh", min_val, max_val)
    return apply_elementwise("hardtanh", x, _hardtanh_kernel, *bounds, exact=True, fills=True)


def hardtanh_grad(x, min_val=-1.0, max_val=1.0):
    r"""Derivative of hard tanh.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    min_val, max_val : float, default -1.0 and 1.0
        The interval; finite, with ``min_val <= max_val``.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 strictly inside the interval, 0 elsewhere, nan where `x` is nan;
        shape and dtype rules as for :func:`hardtanh`.

    Raises
    ------
    TypeError
        If a bound is not a real number.
    ValueError
        If a bound is nan or infinite, or `min_val` exceeds `max_val`.

    See Also
    --------
    hardtanh : The function itself, with the formulas.

    Notes
    -----
    At the corners :math:`x = a` and :math:`x = b` we report 0, as PyTorch's
    autograd does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardtanh_grad
    >>> hardtanh_grad([-np.inf, -1.0, 0.0, 0.5, 1.0, np.inf])
    array([0., 0., 1., 1., 0., 0.])
    """
    bounds = _check_bounds("hardtanh_grad", min_val, max_val)
    return apply_elementwise("hardtanh_grad", x, _hardtanh_grad_kernel, *bounds,
                             exact=True, fills=True)


def _hardsigmoid_kernel(x, out=None):
    # Clipping to [-3, 3] gives exactly 0 and 1 at the ends; nan propagates.
    # (x + 3) / 6: near -3 the sum is exact (Sterbenz), elsewhere its rounding
    # is small against the result; within 1 ULP.
    out = np.clip(x, -3.0, 3.0, out=out)
    out += 3.0
    return np.divide(out, 6.0, out=out)


def _hardsigmoid_grad_kernel(x, out=None):
    return indicator((x > -3.0) & (x < 3.0), x, 1.0 / 6.0, out)


def _hardswish_kernel(x, out=None):
    # x (x + 3) / 6 on [-3, 3]: three roundings, within 1.5 ULP; the clipped
    # value 3 gives exactly 3, and x itself is returned beyond.
    xc = np.clip(x, -3.0, 3.0)
    t = xc + 3.0
    # Branch-free selection (masks cost several arithmetic passes each):
    # * below -3 the product is -0.0 and must be +0.0: adding +0.0 where t <= 0.5
    #   (where the product is otherwise nonzero) and -0.0 elsewhere changes only that;
    # * from 3 up the product is exactly 3, and 3 - (3 - x) is exactly x below 2**52.
    zero = np.copysign(0.0, 0.5 - t)
    out = np.multiply(xc, t, out=out)
    out /= 6.0
    above = np.maximum(x, 3.0)
    np.subtract(3.0, above, out=above)
    out -= above
    out += zero
    return set_where(out, x >= 2.0**52, x)


def _hardswish_grad_kernel(x, out=None):
    # (2x + 3) / 6 inside (-3, 3); 0 from -3 down and 1 from 3 up, as autograd.
    out = np.clip(x, -3.0, 3.0, out=out)
    out *= 2.0
    out += 3.0
    out /= 6.0
    np.putmask(out, x >= 3.0, 1.0)
    np.putmask(out, x <= -3.0, 0.0)
    return set_where(out, np.isnan(x), x)


def hardsigmoid(x):
    r"""Hard sigmoid: a piecewise linear sigmoid, 0 below -3 and 1 above 3.

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
    hardsigmoid_grad : Derivative of the hard sigmoid.
    sigmoid : The smooth function it approximates.
    hardswish : :math:`x` times the hard sigmoid.

    Notes
    -----
    .. math::

        \mathrm{Hardsigmoid}(x) = \frac{\mathrm{ReLU6}(x + 3)}{6} = \begin{cases} 0 & x \le -3 \\ x/6 + 1/2 & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}

    .. math::

        \mathrm{Hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}

    This is the form of MobileNetV3 (and PyTorch); other libraries use other
    slopes, such as :math:`\max(0, \min(1, 0.2x + 0.5))`. We compute
    :math:`(x + 3)/6` on the clipped input: near :math:`x = -3`, where the
    result is small, the sum is exact, so the result is within 1.0 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardsigmoid
    >>> hardsigmoid([-np.inf, -3.0, 0.0, 1.5, 3.0, np.inf])
    array([0.  , 0.  , 0.5 , 0.75, 1.  , 1.  ])
    """
    return apply_elementwise("hardsigmoid", x, _hardsigmoid_kernel, fills=True)


def hardsigmoid_grad(x):
    r"""Derivative of the hard sigmoid.

    Float64 results are within 0.4 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1/6 where :math:`-3 < x < 3`, 0 elsewhere, nan where `x` is nan; shape
        and dtype rules as for :func:`hardsigmoid`.

    See Also
    --------
    hardsigmoid : The function itself, with the formulas.

    Notes
    -----
    At the corners :math:`x = \pm 3` we report 0, as PyTorch's autograd does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardsigmoid_grad
    >>> np.round(hardsigmoid_grad([-np.inf, -3.0, 0.0, 3.0, np.inf]), 4)
    array([0.    , 0.    , 0.1667, 0.    , 0.    ])
    """
    return apply_elementwise("hardsigmoid_grad", x, _hardsigmoid_grad_kernel,
                             exact=True, fills=True)


def hardswish(x):
    r"""Hard swish: the input times its hard sigmoid, a piecewise quadratic SiLU.

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
    hardswish_grad : Derivative of hard swish.
    silu : The smooth function it approximates.
    hardsigmoid : The gate.

    Notes
    -----
    .. math::

        \mathrm{Hardswish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6} = \begin{cases} 0 & x \le -3 \\ x\,(x + 3)/6 & -3 < x < 3 \\ x & x \ge 3 \end{cases}

    .. math::

        \mathrm{Hardswish}'(x) = \begin{cases} 0 & x \le -3 \\ (2x + 3)/6 & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}

    The minimum is :math:`-3/8`, at :math:`x = -3/2`. Near :math:`x = -3`,
    where the result is small, :math:`x + 3` is exact, so the three roundings
    of :math:`x(x + 3)/6` stay within 1.8 ULP. The textbook expression evaluated with
    :math:`x = -\infty` gives :math:`-\infty \cdot 0 = \mathrm{nan}`; each
    branch here is evaluated only where it applies, so the limit 0 comes out.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardswish
    >>> hardswish([-np.inf, -3.0, -1.5, 0.0, 1.5, 3.0, np.inf])
    array([ 0.   ,  0.   , -0.375,  0.   ,  1.125,  3.   ,    inf])
    """
    return apply_elementwise("hardswish", x, _hardswish_kernel, fills=True)


def hardswish_grad(x):
    r"""Derivative of hard swish.

    Float64 results are within 1.0 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        0 for :math:`x \le -3`, :math:`(2x + 3)/6` in between, 1 for
        :math:`x \ge 3`, nan where `x` is nan; shape and dtype rules as for
        :func:`hardswish`.

    See Also
    --------
    hardswish : The function itself, with the formulas.

    Notes
    -----
    The derivative jumps at both corners: from 0 to :math:`-1/2` at
    :math:`x = -3` and from :math:`3/2` to 1 at :math:`x = 3`. Like PyTorch's
    autograd we report the outer values there, 0 at :math:`-3` and 1 at 3.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import hardswish_grad
    >>> np.round(hardswish_grad([-np.inf, -3.0, -1.5, 0.0, 3.0, np.inf]), 4)
    array([0. , 0. , 0. , 0.5, 1. , 1. ])
    """
    return apply_elementwise("hardswish_grad", x, _hardswish_grad_kernel, fills=True)


# --------------------------------------------------------------------------
# Sparse sigmoid
# --------------------------------------------------------------------------


def _sparse_sigmoid_kernel(x, out=None):
    # clip propagates nan; x + 1 is the one rounding (exact for x <= -1/2), halving is exact.
    out = np.clip(x, -1.0, 1.0, out=out)
    out += 1.0
    return np.multiply(out, 0.5, out=out)


def _sparse_sigmoid_grad_kernel(x, out=None):
    return indicator((x > -1.0) & (x < 1.0), x, 0.5, out)


def sparse_sigmoid(x):
    r"""Sparse sigmoid: :math:`(x + 1)/2` clipped to :math:`[0, 1]`.

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
    sparse_sigmoid_grad : Derivative of sparse sigmoid.
    sparse_plus : Its antiderivative.
    hardsigmoid : The same shape with slope 1/6 on :math:`[-3, 3]`.

    Notes
    -----
    .. math::

        \mathrm{sparse\_sigmoid}(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{2}(x + 1) & -1 < x < 1 \\ 1 & x \ge 1 \end{cases}

    .. math::

        \mathrm{sparse\_sigmoid}'(x) = \begin{cases} \frac{1}{2} & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}

    The derivative of :func:`sparse_plus`, as ``jax.nn.sparse_sigmoid``
    defines it: a sigmoid-shaped ramp that reaches 0 and 1 exactly (Blondel,
    Martins and Niculae, 2019). One rounding, of :math:`x + 1`, so within 0.5 ULP. At the
    kinks :math:`\pm 1` the derivative is 0, as PyTorch's
    autograd gives for ``hardtanh``, which computes the same ramp.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sparse_sigmoid
    >>> sparse_sigmoid([-np.inf, -1.0, 0.0, 0.5, 1.0, np.inf])
    array([0.  , 0.  , 0.5 , 0.75, 1.  , 1.  ])
    """
    return apply_elementwise("sparse_sigmoid", x, _sparse_sigmoid_kernel, exact=True, fills=True)


def sparse_sigmoid_grad(x):
    r"""Derivative of sparse sigmoid.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1/2 where :math:`-1 < x < 1`, 0 elsewhere, nan where `x` is nan; shape
        and dtype rules as for :func:`sparse_sigmoid`.

    See Also
    --------
    sparse_sigmoid : The function itself, with the formulas.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sparse_sigmoid_grad
    >>> sparse_sigmoid_grad([-np.inf, -1.0, 0.0, 1.0, np.inf])
    array([0. , 0. , 0.5, 0. , 0. ])
    """
    return apply_elementwise("sparse_sigmoid_grad", x, _sparse_sigmoid_grad_kernel,
                             exact=True, fills=True)

