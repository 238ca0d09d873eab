r"""Softmax, log-softmax, softmin and sparsemax along an axis, with their Jacobians.

All three share one careful computation of the shifted scores
:math:`x_j - m` (with :math:`m` the maximum of the slice) and of the sum of
their exponentials, both carried with twice the float64 precision.

The kernels take the axis of the slices: the last one, or the first one for short
slices, which :func:`_by_rows` hands over transposed (each position of the slice is then
one long contiguous vector, and the per-slice arithmetic is elementwise across them,
several times faster than operating on rows of a few elements).
"""

import numpy as np

from ._sigmoid import _split, divide, set_where, two_prod, two_sum
from ._validation import _real_array, as_real_array, by_rows, check_axis, restore_dtype

__all__ = ["softmax", "softmax_jacobian", "log_softmax", "log_softmax_jacobian", "softmin",
           "softmin_jacobian", "sparsemax", "sparsemax_jacobian"]

# Once the row maximum m is >= 0, any entry below this bound has
# exp(x - m) <= exp(-1000) == 0 in float64, so clamping such entries up to the
# bound changes nothing and keeps x - m from overflowing (x = -1e308, m = 1e308).
_NEGLIGIBLE = -1000.0
# Slices up to this length are computed transposed (see the module's docstring); longer
# ones along the last axis, where broadcasting a per-slice value costs little.
_SHORT = 16


def _part(values, axis, index):
    """``values[..., index]`` for ``axis=-1``, ``values[index]`` for ``axis=0``."""
    return values[index] if axis == 0 else values[..., index]


def _sum_pair(values, axis=-1):
    """Sum of non-negative ``values`` along ``axis`` as an unevaluated pair (kept dims).

    A pairwise tree of exact two-sums; the rounding errors of all levels are
    collected in ``lo``, so ``hi + lo`` is the sum to about twice the working
    precision.
    """
    lo = np.zeros_like(_part(values, axis, slice(0, 1)))
    while values.shape[axis] > 1:
        if values.shape[axis] % 2:
            pad = np.zeros_like(_part(values, axis, slice(0, 1)))
            values = np.concatenate([values, pad], axis=axis)
        values, err = two_sum(_part(values, axis, slice(0, None, 2)),
                              _part(values, axis, slice(1, None, 2)))
        lo = lo + _row_sum(err, axis)
    return values, lo


def _row_sum(values, axis):
    """``values.sum(axis, keepdims=True)`` of the last axis (or of the first, transposed);
    on short rows column by column in the order NumPy adds them (the same result, several
    times faster than a reduction over a short axis)."""
    if values.shape[axis] > 7:
        if axis == 0:  # NumPy's order is that of a contiguous row
            return np.ascontiguousarray(values.T).sum(axis=-1)[None]
        return values.sum(axis=-1, keepdims=True)
    total = _part(values, axis, slice(0, 1))
    for k in range(1, values.shape[axis]):
        total = total + _part(values, axis, slice(k, k + 1))
    return total


def _row_max(values, axis=-1):
    """``np.max(values, axis, keepdims=True)``, as a tree of elementwise maxima (several
    times faster than a reduction over a short axis). Rows holding nan take np.max's nan,
    which keeps the sign of the input's (np.maximum may not)."""
    if values.shape[axis] < 2:
        return values.copy()
    m = values
    while m.shape[axis] > 1:
        if m.shape[axis] % 2:
            m = np.concatenate([m, _part(m, axis, slice(-1, None))], axis=axis)
        m = np.maximum(_part(m, axis, slice(0, None, 2)), _part(m, axis, slice(1, None, 2)))
    nan = np.isnan(m)
    if nan.any():
        m[nan] = np.max(values, axis=axis, keepdims=True)[nan]
    return m


def _full(row_values, shape):
    """Per-row values (kept dims) as an array of ``shape`` where they would broadcast with a
    stride of 0 (along the last axis, or a single transposed row): NumPy runs such
    arithmetic in another loop, several times slower on short rows and with other signs for
    nan. Broadcast along the first axis, they are left as they are."""
    return np.broadcast_to(row_values, shape).copy() if row_values.shape[-1] == 1 else row_values


def _apply_limits(x, axis=-1):
    """The scores after the rules for infinities, the row maxima, and the -inf mask.

    Rows containing +inf share the mass among their +inf entries (those become
    0, everything else -inf, and the maximum 0); a row of only -inf is
    undefined and becomes nan; nan anywhere in a row gives a nan maximum. The
    -inf entries get the stand-in value m, so that x - m never computes
    inf - inf; the mask says which they were.
    """
    m = _row_max(x, axis)
    # Each rule rewrites the scores only if some row needs it (the input is never written).
    pos_inf_row = m == np.inf
    if pos_inf_row.any():
        x = np.where(pos_inf_row, np.where(x == np.inf, 0.0, -np.inf), x)
        m = np.where(pos_inf_row, 0.0, m)
    undefined_row = m == -np.inf
    if undefined_row.any():
        x = np.where(undefined_row, np.nan, x)
        m = np.where(undefined_row, np.nan, m)
    neg_inf = x == -np.inf
    if neg_inf.any():
        x = np.where(neg_inf, m, x)
    return x, m, neg_inf


def _weights(x, m, neg_inf):
    """``w = exp(x - m)`` with the rounding error of ``x - m`` corrected, and ``x - m``.

    Once the row maximum m is >= 0, entries below -1000 are clamped up to it:
    their weight is 0 either way, and x - m can then never overflow. Returns
    the weights and the pair ``d_hi + d_lo = x - m`` of the clamped scores.
    """
    nonnegative = m >= 0.0
    if nonnegative.all():  # the usual case, without a selection
        x = np.maximum(x, _NEGLIGIBLE)
    elif nonnegative.any():  # the rows' bounds, -inf (no bound) for rows with m < 0 or nan
        x = np.maximum(x, _full(np.where(nonnegative, _NEGLIGIBLE, -np.inf), x.shape))
    # x - m is rounded; keep its rounding error d_lo (two-sum) and use
    # exp(d_hi + d_lo) = exp(d_hi) * (1 + d_lo) to first order, which is exact to
    # float64 precision since |d_lo| <= ulp(d_hi) / 2.
    d_hi, d_lo = two_sum(x, -_full(m, x.shape))
    w = np.exp(d_hi)
    w = w + w * d_lo
    return set_where(w, neg_inf, 0.0), d_hi, d_lo


def _softmax_parts(x, axis=-1):
    """Unnormalised weights ``w`` and their sum ``(s_hi, s_lo)`` along ``axis`` (kept).

    ``softmax = w / (s_hi + s_lo)``, with the limits described in
    :func:`_apply_limits`.
    """
    w, _, _ = _weights(*_apply_limits(x, axis))
    s_hi, s_lo = _sum_pair(w, axis)
    return w, s_hi, s_lo


def _prepare(x, axis, func_name, convert=True):
    """The input with ``axis`` moved last (as float64 if ``convert``), the axis, the
    result's dtype."""
    values, out_dtype = (as_real_array if convert else _real_array)(x, func_name)
    axis = check_axis(func_name, axis, values.ndim)
    return np.moveaxis(values, axis, -1), axis, out_dtype


def _by_rows(kernel, values, out_dtype):
    """``kernel(block, axis)`` over the last axis of ``values`` (see :func:`by_rows`); short
    rows are handed over transposed, with ``axis=0``."""
    if values.shape[-1] <= _SHORT:
        return by_rows(lambda block: kernel(block, 0), values, out_dtype, transposed=True)
    return by_rows(lambda block: kernel(block, -1), values, out_dtype)


def _softmax_kernel(values, axis=-1):
    """Softmax along ``axis`` of a float64 array."""
    if values.size == 0:
        return np.empty(values.shape)
    with np.errstate(under="ignore"):
        w, s_hi, s_lo = _softmax_parts(values, axis)
        return _divide_by_rows(w, s_hi, s_lo)


def _divide_by_rows(w, s_hi, s_lo):
    """``w / (s_hi + s_lo)`` for non-negative ``w`` and per-row denominators (kept dims), as
    :func:`divide` computes it: the quotient corrected once by its residual. Here the
    denominator is cut once per row into ``d1 + d2``, ``d1`` the 26 leading bits of ``s_hi``,
    so that ``q d1`` is the exact sum of the split quotient's two products and
    ``w - q_hi d1`` is exact (Sterbenz): no two-product per element, as in
    :func:`~activations._sigmoid._over_one_plus`. Only ``q d2`` (below 2**-26 w) is rounded, so
    the quotient is exact to about 2**-79 before its last rounding (a two-product gave 2**-106;
    the results were the same on every input tried). Rows along the last axis take divide
    itself (see :func:`_full`)."""
    if s_hi.shape[-1] == 1:
        return divide(w, _full(s_hi, w.shape), _full(s_lo, w.shape))
    d1, d2 = _split(s_hi)
    d2 = d2 + s_lo  # below 2**-26 s_hi: its rounding is far below the quotient's ULP
    q = w / s_hi
    q_hi, q_lo = _split(q)
    q_hi *= d1
    residual = np.subtract(w, q_hi, out=q_hi)
    q_lo *= d1
    residual -= q_lo
    residual -= np.multiply(q, d2, out=q_lo)
    residual /= s_hi
    return np.add(q, residual, out=residual)


def _others(w):
    """For each i, the sum of the w_j with j != i, as a pair (shape of w)."""
    n = w.shape[-1]
    others = np.where(np.eye(n, dtype=bool), 0.0, w[..., None, :])
    hi, lo = _sum_pair(others)
    return hi[..., 0], lo[..., 0]


def _softmax_jacobian_kernel(values):
    """The softmax Jacobian over the last axis; shape ``values.shape + (n,)``."""
    n = values.shape[-1]
    if values.size == 0:
        return np.empty(values.shape + (n,))
    with np.errstate(under="ignore"):
        w, s_hi, s_lo = _softmax_parts(values)
        # J = (diag(w * others) - w w^T) / S^2, where others_i = sum_{j != i} w_j
        # is summed directly (1 - s_i would cancel when s_i is close to 1).
        # Numerators and S^2 are exact pairs; each entry is rounded once, at the end.
        w_i, w_j = w[..., :, None], w[..., None, :]
        off_hi, off_lo = two_prod(w_i, w_j)
        o_hi, o_lo = _others(w)
        diag_hi, diag_lo = two_prod(w, o_hi)
        diag_lo = diag_lo + w * o_lo
        sq_hi, sq_lo = two_prod(s_hi, s_hi)
        sq_lo = sq_lo + 2.0 * s_hi * s_lo
        sq_hi, sq_lo = sq_hi[..., None], sq_lo[..., None]
        # 0.0 - x gives +0.0 rather than -0.0 for vanishing entries.
        jac = 0.0 - divide(off_hi, sq_hi, sq_lo, off_lo)
        diagonal = divide(diag_hi, sq_hi[..., 0], sq_lo[..., 0], diag_lo)
        jac[..., np.arange(n), np.arange(n)] = diagonal
    return jac


def _log_softmax_kernel(values, axis=-1):
    """Log-softmax along ``axis`` of a float64 array."""
    if values.size == 0:
        return np.empty(values.shape)
    with np.errstate(under="ignore"):
        x, m, neg_inf = _apply_limits(values, axis)
        w, d_hi, d_lo = _weights(x, m, neg_inf)
        # log S with S = 1 + T, where T sums every weight but one maximal entry
        # (whose weight is exactly 1): log1p(T) keeps full relative precision
        # when one score dominates and log S is tiny.
        first = np.expand_dims(np.argmax((x == m) & ~neg_inf, axis=axis), axis)
        others = w.copy()
        np.put_along_axis(others, first, 0.0, axis=axis)
        t_hi, t_lo = _sum_pair(others, axis)
        log_s = np.log1p(t_hi) + t_lo / (1.0 + t_hi)
        # x - m <= 0 and -log S <= 0: adding them cannot cancel.
        r_hi, r_lo = two_sum(d_hi, -_full(log_s, d_hi.shape))
        result = r_hi + (r_lo + d_lo)
        clamped = (m >= 0.0) & (x < _NEGLIGIBLE)
        if clamped.any():
            with np.errstate(over="ignore"):  # -inf is the correct rounding below -1.8e308
                far = (x - m) - log_s
            result = np.where(clamped, far, result)
        return np.where(neg_inf, -np.inf, result)


def _log_softmax_jacobian_kernel(values):
    """d log softmax_i / d x_j = delta_ij - softmax_j over the last axis."""
    n = values.shape[-1]
    if values.size == 0:
        return np.empty(values.shape + (n,))
    with np.errstate(under="ignore"):
        w, s_hi, s_lo = _softmax_parts(values)
        s = divide(w, s_hi, s_lo)
        jac = np.repeat((0.0 - s)[..., None, :], n, axis=-2)
        # 1 - s_i = (sum of the other weights) / S, without cancellation.
        o_hi, o_lo = _others(w)
        jac[..., np.arange(n), np.arange(n)] = divide(o_hi, s_hi, s_lo, o_lo)
    return jac


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
    twice the working precision. The result is within 2.3 ULP.

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
    values, axis, out_dtype = _prepare(x, axis, "softmax", convert=False)
    return restore_dtype(np.moveaxis(_by_rows(_softmax_kernel, values, out_dtype), -1, axis),
                         out_dtype)


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
    are kept exactly and each entry is rounded once, at the end, so its error is
    that of the weights (one exponential each) and of that rounding: within 3.6 ULP.
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
    values, axis, out_dtype = _prepare(x, axis, "softmax_jacobian")
    return restore_dtype(_softmax_jacobian_kernel(values), out_dtype)


def log_softmax(x, axis=-1):
    r"""Log-softmax: the logarithm of softmax, computed without forming the probabilities.

    Parameters
    ----------
    x : array_like
        Real input (logits) with at least one dimension: a (nested) list, a NumPy
        array or a CPU tensor.
    axis : int, default -1
        The axis along which the softmax is taken.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`; every slice along `axis` holds log-probabilities
        (their exponentials sum to 1). Float16, float32 and float64 inputs keep
        their dtype; integer and boolean inputs give float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x` (a 0-d input has no axis).
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    log_softmax_jacobian : Derivative of log-softmax.
    softmax : The probabilities themselves.
    logsigmoid : Log-softmax of the two scores :math:`(x, 0)` gives :math:`\log\sigma(x)`.

    Notes
    -----
    .. math::

        \mathrm{log\_softmax}(x)_i = x_i - \log \sum_{j} e^{x_j}

    .. math::

        \frac{\partial\,\mathrm{log\_softmax}(x)_i}{\partial x_j} = \delta_{ij} - \mathrm{softmax}(x)_j

    Taking ``log(softmax(x))`` gives :math:`-\infty` as soon as a probability
    underflows (a score 746 below the maximum) and loses the relative precision
    of tiny log-probabilities. We compute
    :math:`(x_i - m) - \log S` with :math:`m` the maximum and
    :math:`S = \sum_j e^{x_j - m}`: both terms are :math:`\le 0`, so the
    subtraction cannot cancel. :math:`x_i - m` is carried as an exact pair and
    :math:`\log S` is evaluated as :math:`\log(1 + T)` with ``log1p``, where
    :math:`T` is the sum of every weight but one maximal one; this keeps full
    precision when one score dominates and :math:`\log S` is tiny. The result
    is within 2.1 ULP. Infinite scores are treated as in :func:`softmax`:
    entries with probability 0 get :math:`-\infty`.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import log_softmax
    >>> np.round(log_softmax([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]]), 4)
    array([[ -5.1336,  -2.1336,  -7.1336,  -0.1336],
           [ -5.055 , -16.055 ,  -3.055 ,  -0.055 ]])

    Limits, and log-probabilities far below the range of softmax:

    >>> log_softmax([-np.inf, 0.0, np.inf, np.inf])
    array([       -inf,        -inf, -0.69314718, -0.69314718])
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    """
    values, axis, out_dtype = _prepare(x, axis, "log_softmax", convert=False)
    return restore_dtype(np.moveaxis(_by_rows(_log_softmax_kernel, values, out_dtype), -1, axis),
                         out_dtype)


def log_softmax_jacobian(x, axis=-1):
    r"""Jacobian of log-softmax: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input (logits) with at least one dimension: a (nested) list, a NumPy
        array or a CPU tensor.
    axis : int, default -1
        The axis along which the softmax is taken.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` :math:`= \delta_{ij} - s_j`, where :math:`s`
        is ``softmax(x, axis)``. The axis is removed from its place and
        appended twice, as in :func:`softmax_jacobian`. Dtype rules as for
        :func:`log_softmax`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    log_softmax : The function itself, with the formulas.
    softmax_jacobian : The Jacobian of softmax.

    Notes
    -----
    Every row of the matrix sums to 0, and unlike the Jacobian of softmax it
    does not vanish when one score dominates: :math:`1 - s_i` tends to 0 for
    the winner, but :math:`-s_j \to -1` in its column. The diagonal
    :math:`1 - s_i` is computed as :math:`\sum_{k \ne i} s_k`, which does not
    cancel when :math:`s_i` is close to 1; each entry is within 2.3 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import log_softmax_jacobian
    >>> log_softmax_jacobian([0.0, 0.0])
    array([[ 0.5, -0.5],
           [-0.5,  0.5]])
    >>> log_softmax_jacobian([-np.inf, 0.0, np.inf])
    array([[ 1.,  0., -1.],
           [ 0.,  1., -1.],
           [ 0.,  0.,  0.]])
    """
    values, axis, out_dtype = _prepare(x, axis, "log_softmax_jacobian")
    return restore_dtype(_log_softmax_jacobian_kernel(values), out_dtype)


def softmin(x, axis=-1):
    r"""Softmin: probabilities that favour the smallest scores, ``softmax(-x)``.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension: a (nested) list, a NumPy array
        or a CPU tensor.
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`; every slice along `axis` is a probability vector.
        Float16, float32 and float64 inputs keep their dtype; integer and
        boolean inputs give float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x` (a 0-d input has no axis).
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    softmin_jacobian : Derivative of softmin.
    softmax : The same with the signs of the scores flipped.

    Notes
    -----
    .. math::

        \mathrm{softmin}(x)_i = \frac{e^{-x_i}}{\sum_{j} e^{-x_j}}

    .. math::

        \frac{\partial\,\mathrm{softmin}(x)_i}{\partial x_j} = -\mathrm{softmin}(x)_i\,\bigl(\delta_{ij} - \mathrm{softmin}(x)_j\bigr)

    Negating the scores is exact, so softmin inherits the accuracy and the
    treatment of infinities of :func:`softmax` (within 2.3 ULP). Each output
    decreases as its own score grows: softmin is not monotonic.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softmin
    >>> np.round(softmin([1.0, 2.0, 3.0]), 4)
    array([0.6652, 0.2447, 0.09  ])
    >>> softmin([-np.inf, 0.0, np.inf])
    array([1., 0., 0.])
    """
    values, axis, out_dtype = _prepare(x, axis, "softmin", convert=False)
    result = _by_rows(lambda rows, along: _softmax_kernel(-rows, along), values, out_dtype)
    return restore_dtype(np.moveaxis(result, -1, axis), out_dtype)


def softmin_jacobian(x, axis=-1):
    r"""Jacobian of softmin: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension: a (nested) list, a NumPy array
        or a CPU tensor.
    axis : int, default -1
        The axis along which softmin is taken.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` :math:`= -s_i(\delta_{ij} - s_j)`, where
        :math:`s` is ``softmin(x, axis)``; the negative of the softmax Jacobian
        at :math:`-x`. Shape and dtype rules as for :func:`softmax_jacobian`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    softmin : The function itself, with the formulas.

    Notes
    -----
    By the chain rule, the Jacobian of :math:`x \mapsto \mathrm{softmax}(-x)`
    is minus the softmax Jacobian evaluated at :math:`-x`; it is computed that
    way, with the accuracy of :func:`softmax_jacobian` (within 3.6 ULP).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softmin_jacobian
    >>> softmin_jacobian([0.0, 0.0])
    array([[-0.25,  0.25],
           [ 0.25, -0.25]])
    >>> softmin_jacobian([-np.inf, np.inf])
    array([[0., 0.],
           [0., 0.]])
    """
    values, axis, out_dtype = _prepare(x, axis, "softmin_jacobian")
    return restore_dtype(0.0 - _softmax_jacobian_kernel(-values), out_dtype)


# --------------------------------------------------------------------------
# Sparsemax: the Euclidean projection onto the probability simplex
# --------------------------------------------------------------------------


def _sparsemax_kernel(values):
    """Sparsemax over the last axis of a float64 array, and the support (``p > 0``)."""
    if values.size == 0:
        return np.empty(values.shape), np.zeros(values.shape, dtype=bool)
    x, m, neg_inf = _apply_limits(values)
    with np.errstate(over="ignore", invalid="ignore"):
        # Only scores within 1 of the maximum can be in the support (the threshold is at
        # least m - 1). The others are set to m before the subtraction, so that x - m is an
        # exact pair (two-sum) that never overflows, and are left out below.
        near = (x - m > -2.0) & ~neg_inf
        z_hi, z_lo = two_sum(np.where(near, x, m), -m)
        # The support: the k largest scores, for the largest k with 1 + k z_(k) > sum of
        # the k largest (Martins & Astudillo 2016); ties stay together.
        ranked = -np.sort(-np.where(near, z_hi, -np.inf), axis=-1)
        k = np.arange(1, ranked.shape[-1] + 1)
        size = np.sum(1.0 + k * ranked > np.cumsum(ranked, axis=-1), axis=-1, keepdims=True)
        size = np.maximum(size, 1)  # 0 only in undefined rows (nan, or only -inf): nan below
        cut = np.take_along_axis(ranked, size - 1, axis=-1)
        support = near & (z_hi >= cut)
        # tau = (sum over the support of z - 1) / size, as a pair q + r.
        s_hi, s_lo = _sum_pair(np.where(support, z_hi, 0.0))
        s_lo = s_lo + np.sum(np.where(support, z_lo, 0.0), axis=-1, keepdims=True)
        t_hi, t_err = two_sum(s_hi, -1.0)
        t_lo = t_err + s_lo
        q = (t_hi + t_lo) / size
        p_hi, p_err = two_prod(q, size.astype(float))
        r = (((t_hi - p_hi) - p_err) + t_lo) / size
        # p = z - tau, rounded once.
        d_hi, d_err = two_sum(z_hi, -q)
        p = d_hi + ((d_err + z_lo) - r)
    p = np.where(support, np.maximum(p, 0.0), 0.0)
    undefined = np.isnan(m)
    return np.where(undefined, np.nan, p), support & (p > 0.0)


def sparsemax(x, axis=-1):
    r"""Sparsemax: the probability vector closest to the scores, which can hold exact zeros.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension: a (nested) list, a NumPy array
        or a CPU tensor.
    axis : int, default -1
        The axis along which the probabilities sum to 1, as in
        ``keras.activations.sparsemax``.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`; every slice along `axis` is a probability vector.
        Float16, float32 and float64 inputs keep their dtype; integer and
        boolean inputs give float64.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    sparsemax_jacobian : Derivative of sparsemax.
    softmax : The dense probabilities it replaces.

    Notes
    -----
    .. math::

        \mathrm{sparsemax}(z)_i = \max(z_i - \tau(z), 0), \qquad \sum_i \mathrm{sparsemax}(z)_i = 1

    .. math::

        \frac{\partial\,\mathrm{sparsemax}_i}{\partial z_j} = \delta_{ij} s_i - \frac{s_i s_j}{|S|}

    where :math:`S` is the support (the scores with a positive output),
    :math:`s_i = 1` for :math:`i \in S` and 0 otherwise, and the threshold
    :math:`\tau(z) = \bigl(\sum_{i \in S} z_i - 1\bigr) / |S|`. Martins and
    Astudillo (2016) define it as the Euclidean projection of :math:`z` onto
    the probability simplex. Scores more than 1 below the largest get exactly
    0. Like softmax it is unchanged when a constant is added to every score.
    The shifted scores :math:`z_i - \max_j z_j` are kept as exact pairs and
    the threshold is summed with twice the working precision, so the result
    does not lose digits when the scores are large. A row with +inf entries
    shares the mass among them; a row of only -inf, or with a nan, gives nan.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sparsemax
    >>> sparsemax([0.0, 0.5, 2.0])
    array([0., 0., 1.])
    >>> sparsemax([[1.0, 1.5, 0.0], [1e15, 1e15 + 0.5, 0.0]])
    array([[0.25, 0.75, 0.  ],
           [0.25, 0.75, 0.  ]])
    >>> sparsemax([-np.inf, 0.0, np.inf, np.inf])
    array([0. , 0. , 0.5, 0.5])
    """
    values, axis, out_dtype = _prepare(x, axis, "sparsemax", convert=False)
    p = by_rows(lambda rows: _sparsemax_kernel(rows)[0], values, out_dtype)
    return restore_dtype(np.moveaxis(p, -1, axis), out_dtype)


def sparsemax_jacobian(x, axis=-1):
    r"""Jacobian of sparsemax: every partial derivative of every output.

    Parameters
    ----------
    x : array_like
        Real input with at least one dimension: a (nested) list, a NumPy array
        or a CPU tensor.
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    numpy.ndarray
        ``J`` with ``J[..., i, j]`` the derivative of output :math:`i` with
        respect to input :math:`j`: the axis is removed from its place and two
        axes of its size are appended. Dtype rules as for :func:`sparsemax`.

    Raises
    ------
    ValueError
        If `axis` is out of range for `x`.
    TypeError
        If `axis` is not an integer.

    See Also
    --------
    sparsemax : The function itself, with the formulas.

    Notes
    -----
    Entries are :math:`1 - 1/|S|` on the diagonal of the support,
    :math:`-1/|S|` between two members of the support, and 0 elsewhere, each
    within 0.7 ULP. A score exactly at the threshold (output 0) counts as
    outside the support.

    Examples
    --------
    >>> from activations import sparsemax_jacobian
    >>> sparsemax_jacobian([1.0, 1.5, 0.0])
    array([[ 0.5, -0.5,  0. ],
           [-0.5,  0.5,  0. ],
           [ 0. ,  0. ,  0. ]])
    """
    values, axis, out_dtype = _prepare(x, axis, "sparsemax_jacobian")
    p, support = _sparsemax_kernel(values)
    s = support.astype(float)
    size = np.maximum(s.sum(axis=-1, keepdims=True), 1.0)[..., None]
    jac = np.eye(s.shape[-1]) * s[..., None, :] - s[..., :, None] * s[..., None, :] / size
    jac = np.where(np.isnan(p)[..., :, None], np.nan, jac) + 0.0
    return restore_dtype(jac, out_dtype)

