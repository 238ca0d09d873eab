r"""The gated linear unit: one half of the input, gated by the sigmoid of the other half."""

import numpy as np

from ._sigmoid import logistic, logistic_density, scaled_exp
from ._validation import as_real_array, check_axis, restore_dtype

__all__ = ["glu", "glu_jacobian"]

# Below this gate value sigma(b) and sigma'(b) are about to become subnormal;
# a * sigma(b) may still be a normal number, so the tail uses scaled_exp.
_DEEP = -700.0


def _halves(func_name, x, axis):
    values, out_dtype = as_real_array(x, func_name)
    axis = check_axis(func_name, axis, values.ndim)
    values = np.moveaxis(values, axis, -1)
    n = values.shape[-1]
    if n % 2:
        raise ValueError(
            f"{func_name}: the input must have an even size along axis {axis} "
            f"(it is split into two halves), got size {n}"
        )
    return values[..., : n // 2], values[..., n // 2:], axis, out_dtype


def _gated(a, gate, b, closed):
    """``a * gate``, with ``gate`` the sigmoid (or its derivative) at ``b``.

    Where ``b < -700`` the product is formed as ``a * e^b`` with a scaled
    exponential (both gates equal e^b to float64 accuracy there). Limits: an
    infinite ``a`` times a gate that is positive (however tiny) is infinite;
    times a gate that is exactly closed in the limit (``closed``: b = -inf for
    the sigmoid, b = +-inf for its derivative) it is undefined, nan.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        product = a * gate
        deep = b < _DEEP
        if np.any(deep):
            tail = scaled_exp(np.maximum(b[deep], -800.0))
            product[deep] = np.ldexp(a[deep] * tail, -64)
    infinite = np.isinf(a)
    product = np.where(infinite & ~closed, a, product)
    product = np.where(infinite & closed, np.nan, product)
    return np.where(np.isnan(b), np.nan, product)


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
    normal number, the product is formed as :math:`a e^{b}` with a scaled
    exponential. Within about 2 ULP. An infinite :math:`a` gives an infinite
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
    a, b, axis, out_dtype = _halves("glu", x, axis)
    with np.errstate(under="ignore"):
        gate = logistic(b)
        result = _gated(a, gate, b, closed=b == -np.inf)
    return restore_dtype(np.moveaxis(result, -1, axis), out_dtype)


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
    :func:`sigmoid_grad`), each within about 2 ULP; the second uses a scaled
    exponential where :math:`\sigma'(b_i)` is about to become subnormal.

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
        gate_slope = _gated(a, density, b, closed=np.isinf(b))
    jac = np.zeros(a.shape + (2 * n,))
    rows = np.arange(n)
    jac[..., rows, rows] = gate
    jac[..., rows, n + rows] = gate_slope + 0.0  # +0.0 rather than -0.0
    # The Jacobian keeps the other axes in their order and appends (n, 2n).
    return restore_dtype(jac, out_dtype)
