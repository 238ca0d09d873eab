r"""The gated linear unit and its variants: one half of the input, gated by a function of the
other half (the sigmoid for GLU; ReLU, GELU and SiLU for ReGLU, GEGLU and SwiGLU)."""

import numpy as np

from ._relu import _relu_grad_kernel, _relu_kernel
from ._sigmoid import (_LN2_HI, _LN2_LO, logistic, logistic_density, set_where, two_prod,
                       two_sum)
from ._smooth import _GELU_KERNELS, _silu_grad_kernel, _silu_kernel
from ._validation import _real_array, by_rows, check_axis, check_choice, restore_dtype

__all__ = ["glu", "glu_jacobian", "reglu", "reglu_jacobian", "geglu", "geglu_jacobian",
           "swiglu", "swiglu_jacobian"]

# Below this gate value sigma(b) and sigma'(b) are about to become subnormal;
# a * sigma(b) may still be a normal number, so the tail uses _times_exp.
_DEEP = -700.0


def _gating_axis_last(func_name, x, axis):
    """The input (in its own dtype) with the split axis moved last, the axis, the result's
    dtype."""
    values, out_dtype = _real_array(x, func_name)
    axis = check_axis(func_name, axis, values.ndim)
    values = np.moveaxis(values, axis, -1)
    n = values.shape[-1]
    if n % 2:
        raise ValueError(
            f"{func_name}: the input must have an even size along axis {axis} "
            f"(it is split into two halves), got size {n}"
        )
    return values, axis, out_dtype


def _split(values):
    """The halves a and b of the last axis."""
    n = values.shape[-1] // 2
    return values[..., :n], values[..., n:]


def _halves(func_name, x, axis):
    values, axis, out_dtype = _gating_axis_last(func_name, x, axis)
    return (*_split(values.astype(np.float64, copy=False)), axis, out_dtype)


def _times_exp(a, b):
    """``a * e^b`` for finite ``a`` and ``b <= -700``, rounded about once, even where ``e^b``
    alone would be subnormal or zero but the product is not (a = 1e308, b = -900).

    With ``a = m 2^k`` (``0.5 <= |m| < 1``), ``a e^b = m e^(b + k ln 2)``; the exponent is
    formed as an exact pair with ln 2 split in two, so no digit is lost before exp.
    """
    m, k = np.frexp(a)
    b = np.maximum(b, -2000.0)  # below, the product is 0 for every float a
    p_hi, p_lo = two_prod(k.astype(np.float64), _LN2_HI)
    t_hi, t_lo = two_sum(b, p_hi)
    t_lo = t_lo + p_lo + k * _LN2_LO
    e = np.exp(t_hi)
    return m * (e + e * t_lo)


def _gated(a, gate, b, closed):
    """``a * gate``, with ``gate`` the sigmoid (or its derivative) at ``b``.

    Where ``b < -700`` the product is formed as ``a * e^b`` by :func:`_times_exp` (both
    gates equal e^b to float64 accuracy there). Limits: an infinite ``a`` times a gate that
    is positive (however tiny) is infinite; times a gate that is exactly closed in the limit
    (``closed(b)``: b = -inf for the sigmoid, b = +-inf for its derivative) it is undefined,
    nan. The masks are rarely true: each is tested before it is refined or used, and
    assigning where they hold is several times faster than np.where, which visits every
    element.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        product = a * gate
        deep = b < _DEEP
        if deep.any():
            deep &= np.isfinite(a)
            product[deep] = _times_exp(a[deep], b[deep])
    infinite = np.isinf(a)
    if infinite.any():
        closed = closed(b)
        set_where(product, infinite & ~closed, a)
        set_where(product, infinite & closed, np.nan)
    return set_where(product, np.isnan(b), np.nan)


def glu(x, axis=-1):
    r"""Gated linear unit: split the input in two halves :math:`a, b` and return :math:`a\,\sigma(b)`.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size along `axis`: a
        (nested) list, a NumPy array or a CPU tensor.
    axis : int, default -1
        The axis along which the input is split (PyTorch's ``dim``): its first
        half is :math:`a`, its second half the gate input :math:`b`.

    Returns
    -------
    numpy.ndarray
        The shape of `x` with the size along `axis` halved. Float16, float32
        and float64 inputs keep their dtype; integer and boolean inputs give
        float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    glu_jacobian : Derivative of GLU.
    sigmoid : The gate.
    silu : The case :math:`a = b`.

    Notes
    -----
    .. math::

        \mathrm{GLU}(a, b) = a \otimes \sigma(b)

    .. math::

        \frac{\partial\,\mathrm{GLU}_i}{\partial a_k} = \delta_{ik}\,\sigma(b_i), \qquad \frac{\partial\,\mathrm{GLU}_i}{\partial b_k} = \delta_{ik}\,a_i\,\sigma'(b_i)

    where :math:`\otimes` is the elementwise product. The gate :math:`\sigma(b)`
    decides how much of each :math:`a_i` passes. We multiply by the stable
    sigmoid (as in :func:`sigmoid`); where :math:`\sigma(b)` is about to become
    subnormal (:math:`b < -700`) while :math:`a\,\sigma(b)` may still be a
    normal number, the product is formed as :math:`m\,e^{b + k \ln 2}` for
    :math:`a = m\,2^{k}`, so that no digit is lost even where :math:`e^{b}`
    itself underflows (:math:`a = 10^{308}`, :math:`b = -900`). Within 3.2 ULP. An infinite
    :math:`a` gives an infinite
    result unless the gate is exactly closed (:math:`b = -\infty`), where the
    limit is undefined and the result nan.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import glu
    >>> glu([4.0, -2.0, 0.0, np.inf])
    array([ 2., -2.])
    >>> glu([[1.0, 0.0], [3.0, -np.inf]])
    array([[0.5],
           [0. ]])
    >>> np.round(glu([[1.0, 2.0], [0.0, 0.0]], axis=0), 4)
    array([[0.5, 1. ]])
    """
    values, axis, out_dtype = _gating_axis_last("glu", x, axis)
    with np.errstate(under="ignore"):
        result = by_rows(_glu_kernel, values, out_dtype)
    return restore_dtype(np.moveaxis(result, -1, axis), out_dtype)


def _glu_kernel(values):
    a, b = _split(values)
    return _gated(a, logistic(b), b, closed=lambda b: b == -np.inf)


def glu_jacobian(x, axis=-1):
    r"""Jacobian of the gated linear unit: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size :math:`2n` along
        `axis`.
    axis : int, default -1
        The axis along which the input is split, as in :func:`glu`.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` the derivative of output :math:`i` with
        respect to input :math:`j`, for :math:`i < n` and :math:`j < 2n`: the
        axis is removed from its place and the sizes :math:`n` (outputs) and
        :math:`2n` (inputs) are appended. Each output depends only on
        :math:`a_i` (column :math:`i`) and :math:`b_i` (column :math:`n + i`).
        Dtype rules as for :func:`glu`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    glu : The function itself, with the formulas.

    Notes
    -----
    The nonzero entries are :math:`\sigma(b_i)` and :math:`a_i\,\sigma'(b_i)`,
    computed with the stable sigmoid and its derivative (see
    :func:`sigmoid_grad`), each within 4.1 ULP; where :math:`\sigma'(b_i)` is
    about to become subnormal the second is formed as in :func:`glu`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import glu_jacobian
    >>> glu_jacobian([2.0, 0.0])
    array([[0.5, 0.5]])
    >>> glu_jacobian([1.0, -2.0, 0.0, np.inf])
    array([[0.5 , 0.  , 0.25, 0.  ],
           [0.  , 1.  , 0.  , 0.  ]])
    """
    a, b, axis, out_dtype = _halves("glu_jacobian", x, axis)
    n = a.shape[-1]
    with np.errstate(under="ignore"):
        gate, density = logistic(b), logistic_density(b)
        gate_slope = _gated(a, density, b, closed=np.isinf)
    jac = np.zeros(a.shape + (2 * n,))
    rows = np.arange(n)
    jac[..., rows, rows] = gate
    jac[..., rows, n + rows] = gate_slope + 0.0  # +0.0 rather than -0.0
    # The Jacobian keeps the other axes in their order and appends (n, 2n).
    return restore_dtype(jac, out_dtype)


# --------------------------------------------------------------------------
# The variants of Shazeer (2020): a gated by g(b) for another activation g
# --------------------------------------------------------------------------


def _on(kernel, b):
    """An elementwise float64 kernel (which takes 1-d arrays) applied to ``b`` of any shape."""
    return kernel(b.reshape(-1)).reshape(b.shape)


def _times(a, factor):
    """``a * factor``; an infinite ``a`` times a zero factor (a closed gate) is nan, silently."""
    with np.errstate(over="ignore", invalid="ignore"):
        return a * factor


def _variant(func_name, x, axis, gate):
    values, axis, out_dtype = _gating_axis_last(func_name, x, axis)

    def kernel(rows):
        a, b = _split(rows)
        return _times(a, _on(gate, b))

    with np.errstate(under="ignore"):
        result = by_rows(kernel, values, out_dtype)
    return restore_dtype(np.moveaxis(result, -1, axis), out_dtype)


def _variant_jacobian(func_name, x, axis, gate, gate_grad):
    a, b, axis, out_dtype = _halves(func_name, x, axis)
    n = a.shape[-1]
    with np.errstate(under="ignore"):
        jac = np.zeros(a.shape + (2 * n,))
        rows = np.arange(n)
        jac[..., rows, rows] = _on(gate, b)
        jac[..., rows, n + rows] = _times(a, _on(gate_grad, b)) + 0.0  # +0.0 rather than -0.0
    return restore_dtype(jac, out_dtype)


def reglu(x, axis=-1):
    r"""ReGLU: split the input in two halves :math:`a, b` and return :math:`a\max(0, b)`.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size along `axis`: a
        (nested) list, a NumPy array or a CPU tensor.
    axis : int, default -1
        The axis along which the input is split: its first half is :math:`a`,
        its second half the gate input :math:`b`, as in :func:`glu`.

    Returns
    -------
    numpy.ndarray
        The shape of `x` with the size along `axis` halved. Float16, float32
        and float64 inputs keep their dtype; integer and boolean inputs give
        float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    reglu_jacobian : Derivative of ReGLU.
    glu : The same with the sigmoid gate.
    geglu : The same with the GELU gate.
    swiglu : The same with the SiLU gate.
    relu : The gate.

    Notes
    -----
    .. math::

        \mathrm{ReGLU}(a, b) = a \otimes \max(0, b)

    .. math::

        \frac{\partial\,\mathrm{ReGLU}_i}{\partial a_k} = \delta_{ik}\max(0, b_i), \qquad \frac{\partial\,\mathrm{ReGLU}_i}{\partial b_k} = \delta_{ik}\,a_i\,\mathrm{ReLU}'(b_i)

    where :math:`\otimes` is the elementwise product and
    :math:`\mathrm{ReLU}'(0) = 0`, PyTorch's convention. Shazeer (2020) writes
    the variants as :math:`g(xW) \otimes xV`; in the feed-forward block of a
    Transformer both halves come from one projection of twice the width,
    which this function then splits. The product is rounded once, so the
    result is correctly rounded. An infinite :math:`a` with a closed gate
    (:math:`b \le 0`) gives nan, the undefined :math:`\infty \cdot 0`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import reglu
    >>> reglu([3.0, -2.0, 2.0, 5.0])
    array([  6., -10.])
    >>> reglu([[3.0, -1.0], [3.0, 0.0], [2.0, np.inf], [2.0, -np.inf]])
    array([[ 0.],
           [ 0.],
           [inf],
           [ 0.]])
    """
    return _variant("reglu", x, axis, _relu_kernel)


def reglu_jacobian(x, axis=-1):
    r"""Jacobian of ReGLU: every partial derivative of every output.

    Float64 results are exact (0 ULP).

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size :math:`2n` along
        `axis`.
    axis : int, default -1
        The axis along which the input is split, as in :func:`reglu`.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` the derivative of output :math:`i` with
        respect to input :math:`j`, for :math:`i < n` and :math:`j < 2n`: the
        axis is removed from its place and the sizes :math:`n` (outputs) and
        :math:`2n` (inputs) are appended. Dtype rules as for :func:`reglu`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    reglu : The function itself, with the formulas.

    Notes
    -----
    The nonzero entries are :math:`\max(0, b_i)` (column :math:`i`) and
    :math:`a_i` where :math:`b_i > 0` (column :math:`n + i`), both exact.

    Examples
    --------
    >>> from activations import reglu_jacobian
    >>> reglu_jacobian([3.0, -2.0, 2.0, 5.0])
    array([[ 2.,  0.,  3.,  0.],
           [ 0.,  5.,  0., -2.]])
    >>> reglu_jacobian([3.0, 0.0])
    array([[0., 0.]])
    """
    return _variant_jacobian("reglu_jacobian", x, axis, _relu_kernel, _relu_grad_kernel)


def geglu(x, axis=-1, approximate="none"):
    r"""GEGLU: split the input in two halves :math:`a, b` and return :math:`a\,\mathrm{GELU}(b)`.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size along `axis`: a
        (nested) list, a NumPy array or a CPU tensor.
    axis : int, default -1
        The axis along which the input is split: its first half is :math:`a`,
        its second half the gate input :math:`b`, as in :func:`glu`.
    approximate : {'none', 'tanh'}, default 'none'
        The form of GELU, as in :func:`gelu`: the exact one with the normal
        CDF, or the tanh approximation.

    Returns
    -------
    numpy.ndarray
        The shape of `x` with the size along `axis` halved. Float16, float32
        and float64 inputs keep their dtype; integer and boolean inputs give
        float64.

    Raises
    ------
    ValueError
        If `axis` is out of range, the size along it is odd, or `approximate` is unknown.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    geglu_jacobian : Derivative of GEGLU.
    glu : The same with the sigmoid gate.
    reglu : The same with the ReLU gate.
    swiglu : The same with the SiLU gate.
    gelu : The gate.

    Notes
    -----
    .. math::

        \mathrm{GEGLU}(a, b) = a \otimes \mathrm{GELU}(b) = a \otimes b\,\Phi(b)

    .. math::

        \frac{\partial\,\mathrm{GEGLU}_i}{\partial a_k} = \delta_{ik}\,\mathrm{GELU}(b_i), \qquad \frac{\partial\,\mathrm{GEGLU}_i}{\partial b_k} = \delta_{ik}\,a_i\,\mathrm{GELU}'(b_i)

    with :math:`\Phi` the standard normal CDF (or its tanh approximation). The
    gate is :func:`gelu`'s accurate kernel; one more rounding forms the
    product: within 3.3 ULP. Where :math:`\mathrm{GELU}(b)` is subnormal it has
    fewer significant digits, and the product inherits their absolute error,
    about :math:`|a| \cdot 2^{-1075}`; where it underflows to zero
    (:math:`b < -38.6`, or :math:`-21.5` for the tanh form) the product is
    zero, even for an :math:`a` so large that the true product is a normal
    number. An infinite :math:`a` with a closed gate (:math:`b = -\infty`)
    gives nan.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import geglu
    >>> print(geglu([2.0, 1.0]).round(6))
    [1.682689]
    >>> geglu([[2.0, 0.0], [-3.0, np.inf], [2.0, -np.inf]])
    array([[  0.],
           [-inf],
           [ -0.]])
    >>> print(geglu([2.0, 1.0], approximate="tanh").round(6))
    [1.682384]
    """
    approximate = check_choice("geglu", "approximate", approximate, ("none", "tanh"))
    return _variant("geglu", x, axis, _GELU_KERNELS[approximate][0])


def geglu_jacobian(x, axis=-1, approximate="none"):
    r"""Jacobian of GEGLU: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size :math:`2n` along
        `axis`.
    axis : int, default -1
        The axis along which the input is split, as in :func:`geglu`.
    approximate : {'none', 'tanh'}, default 'none'
        The form of GELU, as in :func:`geglu`.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` the derivative of output :math:`i` with
        respect to input :math:`j`, for :math:`i < n` and :math:`j < 2n`: the
        axis is removed from its place and the sizes :math:`n` (outputs) and
        :math:`2n` (inputs) are appended. Dtype rules as for :func:`geglu`.

    Raises
    ------
    ValueError
        If `axis` is out of range, the size along it is odd, or `approximate` is unknown.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    geglu : The function itself, with the formulas.

    Notes
    -----
    The nonzero entries are :math:`\mathrm{GELU}(b_i)` and
    :math:`a_i\,\mathrm{GELU}'(b_i)`, from the kernels of :func:`gelu` and
    :func:`gelu_grad`: within 4.5 ULP, except where the gate's value or slope is
    subnormal (see :func:`geglu`).

    Examples
    --------
    >>> from activations import geglu_jacobian
    >>> print(geglu_jacobian([2.0, 0.0]))
    [[0. 1.]]
    """
    approximate = check_choice("geglu_jacobian", "approximate", approximate, ("none", "tanh"))
    gate, gate_grad = _GELU_KERNELS[approximate]
    return _variant_jacobian("geglu_jacobian", x, axis, gate, gate_grad)


def swiglu(x, axis=-1):
    r"""SwiGLU: split the input in two halves :math:`a, b` and return :math:`a\,\mathrm{SiLU}(b)`.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size along `axis`: a
        (nested) list, a NumPy array or a CPU tensor.
    axis : int, default -1
        The axis along which the input is split: its first half is :math:`a`,
        its second half the gate input :math:`b`, as in :func:`glu`.

    Returns
    -------
    numpy.ndarray
        The shape of `x` with the size along `axis` halved. Float16, float32
        and float64 inputs keep their dtype; integer and boolean inputs give
        float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    swiglu_jacobian : Derivative of SwiGLU.
    glu : The same with the sigmoid gate.
    reglu : The same with the ReLU gate.
    geglu : The same with the GELU gate.
    silu : The gate (Swish with :math:`\beta = 1`).

    Notes
    -----
    .. math::

        \mathrm{SwiGLU}(a, b) = a \otimes \mathrm{SiLU}(b) = a \otimes b\,\sigma(b)

    .. math::

        \frac{\partial\,\mathrm{SwiGLU}_i}{\partial a_k} = \delta_{ik}\,\mathrm{SiLU}(b_i), \qquad \frac{\partial\,\mathrm{SwiGLU}_i}{\partial b_k} = \delta_{ik}\,a_i\,\sigma(b_i)\bigl(1 + b_i(1 - \sigma(b_i))\bigr)

    Shazeer (2020) gates with Swish, :math:`b\,\sigma(\beta b)`; with
    :math:`\beta = 1`, the value used by LLaMA and most models since, it is
    SiLU. The gate is :func:`silu`'s accurate kernel; one more rounding forms
    the product: within 3.2 ULP. Where :math:`\mathrm{SiLU}(b)` is subnormal
    (:math:`b < -715`) it has fewer significant digits, and the product
    inherits their absolute error, about :math:`|a| \cdot 2^{-1075}`; where it
    underflows to zero (:math:`b < -751.8`) the product is zero. An infinite
    :math:`a` with a closed gate (:math:`b = -\infty`) gives nan.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import swiglu
    >>> print(swiglu([2.0, 1.0]).round(6))
    [1.462117]
    >>> swiglu([[2.0, 0.0], [-3.0, np.inf], [2.0, -np.inf]])
    array([[  0.],
           [-inf],
           [ -0.]])
    """
    return _variant("swiglu", x, axis, _silu_kernel)


def swiglu_jacobian(x, axis=-1):
    r"""Jacobian of SwiGLU: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension and an even size :math:`2n` along
        `axis`.
    axis : int, default -1
        The axis along which the input is split, as in :func:`swiglu`.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` the derivative of output :math:`i` with
        respect to input :math:`j`, for :math:`i < n` and :math:`j < 2n`: the
        axis is removed from its place and the sizes :math:`n` (outputs) and
        :math:`2n` (inputs) are appended. Dtype rules as for :func:`swiglu`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`, or the size along it is odd.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    swiglu : The function itself, with the formulas.

    Notes
    -----
    The nonzero entries are :math:`\mathrm{SiLU}(b_i)` and
    :math:`a_i\,\mathrm{SiLU}'(b_i)`, from the kernels of :func:`silu` and
    :func:`silu_grad`: within 4.3 ULP, except where the gate's value or slope is
    subnormal (see :func:`swiglu`).

    Examples
    --------
    >>> from activations import swiglu_jacobian
    >>> print(swiglu_jacobian([2.0, 0.0]))
    [[0. 1.]]
    """
    return _variant_jacobian("swiglu_jacobian", x, axis, _silu_kernel, _silu_grad_kernel)

