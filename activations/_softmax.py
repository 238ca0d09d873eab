r"""Softmax along an axis, and its Jacobian."""

import numpy as np

from ._sigmoid import divide, two_prod, two_sum
from ._validation import as_real_array, check_axis, restore_dtype

__all__ = ["softmax", "softmax_jacobian"]

# Once the row maximum m is >= 0, any entry below this bound has
# exp(x - m) <= exp(-1000) == 0 in float64, so clamping such entries up to the
# bound changes nothing and keeps x - m from overflowing (x = -1e308, m = 1e308).
_NEGLIGIBLE = -1000.0


def _sum_pair(values):
    """Sum of non-negative ``values`` over the last axis as an unevaluated pair.

    A pairwise tree of exact two-sums; the rounding errors of all levels are
    collected in ``lo``, so ``hi + lo`` is the sum to about twice the working
    precision.
    """
    lo = np.zeros(values.shape[:-1])
    while values.shape[-1] > 1:
        if values.shape[-1] % 2:
            pad = np.zeros(values.shape[:-1] + (1,))
            values = np.concatenate([values, pad], axis=-1)
        values, err = two_sum(values[..., 0::2], values[..., 1::2])
        lo = lo + err.sum(axis=-1)
    return values[..., 0], lo


def _softmax_parts(x):
    """Unnormalised weights ``w`` and their sum ``(s_hi, s_lo)`` over the last axis.

    ``softmax = w / (s_hi + s_lo)``. Handles the limits: rows containing +inf
    share the mass among their +inf entries; -inf entries get weight 0; a row of
    only -inf is undefined and gives nan; nan anywhere in a row gives nan.
    """
    m = np.max(x, axis=-1, keepdims=True)
    pos_inf_row = m == np.inf
    # Rows with +inf: those entries become 0 and everything else -inf.
    x = np.where(pos_inf_row, np.where(x == np.inf, 0.0, -np.inf), x)
    m = np.where(pos_inf_row, 0.0, m)
    # A row of only -inf has no limit: make it nan.
    undefined_row = m == -np.inf
    x = np.where(undefined_row, np.nan, x)
    m = np.where(undefined_row, np.nan, m)

    # -inf entries get weight exactly 0; give them a harmless stand-in value so
    # that x - m never computes inf - inf.
    neg_inf = x == -np.inf
    x = np.where(neg_inf, m, x)
    x = np.where(m >= 0.0, np.maximum(x, _NEGLIGIBLE), x)

    # x - m is rounded; keep its rounding error d_lo (two-sum) and use
    # exp(d_hi + d_lo) = exp(d_hi) * (1 + d_lo) to first order, which is exact to
    # float64 precision since |d_lo| <= ulp(d_hi) / 2.
    d_hi, d_lo = two_sum(x, -m)
    w = np.exp(d_hi)
    w = w + w * d_lo
    w = np.where(neg_inf, 0.0, w)
    s_hi, s_lo = _sum_pair(w)
    return w, s_hi[..., None], s_lo[..., None]


def _prepare(x, axis, func_name):
    values, out_dtype = as_real_array(x, func_name)
    axis = check_axis(func_name, axis, values.ndim)
    return np.moveaxis(values, axis, -1), axis, out_dtype


def softmax(x, axis=-1):
    r"""Softmax: turn a vector of real scores into probabilities that sum to 1.

    Parameters
    ----------
    x : array_like
        Real input (logits) with at least one dimension: a (nested) list, a NumPy
        array or a CPU tensor.
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`; every slice along `axis` is a probability vector.
        Float16, float32 and float64 inputs keep their dtype; integer and boolean
        inputs give float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x` (a 0-d input has no axis).
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    softmax_jacobian : Derivative of softmax.
    sigmoid : Softmax of the two scores :math:`(x, 0)` gives :math:`\sigma(x)`.

    Notes
    -----
    .. math::

        \mathrm{softmax}(x)_i = \frac{e^{x_i}}{\sum_{j} e^{x_j}}

    .. math::

        \frac{\partial\,\mathrm{softmax}(x)_i}{\partial x_j} = \mathrm{softmax}(x)_i\,\bigl(\delta_{ij} - \mathrm{softmax}(x)_j\bigr)

    Softmax is unchanged when the same constant is added to every score, so we
    subtract the row maximum :math:`m` first: then every :math:`e^{x_j - m}` lies
    in :math:`[0, 1]`, at least one equals 1, and nothing overflows (the literal
    formula gives inf/inf = nan as soon as a score exceeds 709). The
    subtraction :math:`x_j - m` is itself rounded, and the exponential turns an
    absolute error into a relative one (up to 8 ULP for :math:`|x_j - m|
    \approx 20`), so its rounding error is kept (a two-sum) and applied as a
    first-order correction; the sum and the division are also carried with
    twice the working precision. The result is within about 2 ULP.

    Infinite scores are treated as limits: if a row contains :math:`+\infty`,
    those entries share the probability equally and all others get 0; entries
    equal to :math:`-\infty` get 0. A row in which every entry is
    :math:`-\infty` has no limit and gives nan, as does a row containing nan.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softmax
    >>> p = softmax([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
    >>> np.round(p, 3)
    array([[0.006, 0.118, 0.001, 0.875],
           [0.006, 0.   , 0.047, 0.946]])
    >>> np.round(p.sum(axis=-1), 12)
    array([1., 1.])

    Limits, and scores far beyond the range of ``exp``:

    >>> softmax([-np.inf, 0.0, np.inf, np.inf])
    array([0. , 0. , 0.5, 0.5])
    >>> softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    """
    func_name = "softmax"
    values, axis, out_dtype = _prepare(x, axis, func_name)
    if values.size == 0:
        result = np.empty(values.shape)
    else:
        with np.errstate(under="ignore"):
            w, s_hi, s_lo = _softmax_parts(values)
            result = divide(w, s_hi, s_lo)
    return restore_dtype(np.moveaxis(result, -1, axis), out_dtype)


def softmax_jacobian(x, axis=-1):
    r"""Jacobian of softmax: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input (logits) with at least one dimension: a (nested) list, a NumPy
        array or a CPU tensor.
    axis : int, default -1
        The axis along which softmax is taken.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` :math:`= \partial s_i / \partial x_j
        = s_i(\delta_{ij} - s_j)`, where :math:`s` is ``softmax(x, axis)``. The
        softmax axis is removed from its place and appended twice: an input of
        shape ``(a, n, b)`` with ``axis=1`` gives shape ``(a, b, n, n)``; a
        vector of length ``n`` gives an ``(n, n)`` matrix. Dtype rules as for
        :func:`softmax`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    softmax : The function itself, with the formulas.

    Notes
    -----
    Each matrix is symmetric and its rows and columns sum to 0 (softmax is
    unchanged by adding a constant to every score). With the weights
    :math:`w_i = e^{x_i - m}` and their sum :math:`S` from :func:`softmax`, the
    off-diagonal entries are computed as :math:`-w_i w_j / S^2` and the diagonal
    ones as :math:`w_i \sum_{j \ne i} w_j / S^2`, which avoids the cancellation in
    :math:`1 - s_i` when :math:`s_i` is close to 1. Products and :math:`S^2`
    are kept exactly, so each entry is rounded once: within about 2.5 ULP.
    For rows with infinite scores the formula is evaluated at the limiting
    probabilities described in :func:`softmax`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softmax_jacobian
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> J = softmax_jacobian([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
    >>> J.shape
    (2, 4, 4)
    >>> np.round(J[0], 3)
    array([[ 0.006, -0.001, -0.   , -0.005],
           [-0.001,  0.104, -0.   , -0.104],
           [-0.   , -0.   ,  0.001, -0.001],
           [-0.005, -0.104, -0.001,  0.109]])

    At the limits the derivatives vanish:

    >>> softmax_jacobian([-np.inf, 0.0, np.inf])
    array([[0., 0., 0.],
           [0., 0., 0.],
           [0., 0., 0.]])
    """
    func_name = "softmax_jacobian"
    values, axis, out_dtype = _prepare(x, axis, func_name)
    n = values.shape[-1]
    if values.size == 0:
        return restore_dtype(np.empty(values.shape + (n,)), out_dtype)
    with np.errstate(under="ignore"):
        w, s_hi, s_lo = _softmax_parts(values)
        # J = (diag(w * others) - w w^T) / S^2, where others_i = sum_{j != i} w_j
        # is summed directly (1 - s_i would cancel when s_i is close to 1).
        # Numerators and S^2 are exact pairs; each entry is rounded once.
        w_i, w_j = w[..., :, None], w[..., None, :]
        off_hi, off_lo = two_prod(w_i, w_j)
        others = np.where(np.eye(n, dtype=bool), 0.0, w_j)
        o_hi, o_lo = _sum_pair(others)
        diag_hi, diag_lo = two_prod(w, o_hi)
        diag_lo = diag_lo + w * o_lo
        sq_hi, sq_lo = two_prod(s_hi, s_hi)
        sq_lo = sq_lo + 2.0 * s_hi * s_lo
        sq_hi, sq_lo = sq_hi[..., None], sq_lo[..., None]
        # 0.0 - x gives +0.0 rather than -0.0 for vanishing entries.
        jac = 0.0 - divide(off_hi, sq_hi, sq_lo, off_lo)
        diagonal = divide(diag_hi, sq_hi[..., 0], sq_lo[..., 0], diag_lo)
        jac[..., np.arange(n), np.arange(n)] = diagonal
    return restore_dtype(jac, out_dtype)
