r"""Smooth activations built from the exponential: softplus, log-sigmoid, SiLU, Mish, GELU, softsign.

Every kernel works in float64 on a 1-d array. The recurring difficulties are
the same in all of them, and so are the remedies:

* ``exp`` overflows for arguments above 709.78, so each kernel evaluates it
  only at :math:`-|x|` (or at a clipped argument) and rewrites the formula
  accordingly;
* a product such as :math:`x\,e^{x}` is a normal number down to
  :math:`x \approx -745` although :math:`e^{x}` alone is subnormal (and has
  lost digits) below :math:`-708.4`; there :func:`scaled_exp` keeps the
  digits and one final ``ldexp`` rounds once;
* where an argument is itself rounded (:math:`x/\sqrt{2}`, :math:`\beta x`,
  :math:`x + 0.044715\,x^{3}`) and then fed to a steep function, its rounding
  error is carried as an unevaluated pair and applied as a first-order
  correction.
"""

import math

import numpy as np

from ._normal import scaled_tail
from ._sigmoid import (_C_HI, _C_LO, _one_or, _one_plus, by_scalars, divide,
                       exp_minus_abs, logistic, scaled_exp, set_where, sigmoid_and_density, two_prod,
                       two_square, two_sum)
from ._taylor import near_zero, near_zero_scalar
from ._validation import apply_elementwise, check_choice, check_real_parameter

__all__ = [
    "gelu", "gelu_grad", "silu", "silu_grad", "mish", "mish_grad", "softplus", "softplus_grad",
    "softsign", "softsign_grad", "logsigmoid", "logsigmoid_grad", "squareplus", "squareplus_grad",
    "sparse_plus", "sparse_plus_grad",
]

# Below this, exp(x) is close to the subnormal range: tails use scaled_exp.
_DEEP = -700.0
# Beyond |x| = 800 every exponential term is exactly 0 or the result is x.
_FAR = 800.0


# sqrt(2/pi), 1/sqrt(2 pi) and 0.044715, each as a float64 pair hi + lo (the low parts
# computed with 50-digit arithmetic).
_SQRT_2_OVER_PI_HI, _SQRT_2_OVER_PI_LO = 0.7978845608028654, -4.98465440455546e-17
_RSQRT_2PI_HI, _RSQRT_2PI_LO = 0.3989422804014327, -2.49232720227773e-17
_KAPPA_HI, _KAPPA_LO = 0.044715, 2.1960211427085595e-18


def _where_finite(x, value, at_minus_inf, at_plus_inf):
    """``value``, with the limits substituted at -inf and +inf; nan stays nan."""
    value = set_where(value, x == -np.inf, at_minus_inf)
    return set_where(value, x == np.inf, at_plus_inf)


def _lanes(mask):
    """A boolean mask as int64 lanes of all ones (true) or zeros, for :func:`_pick`."""
    lanes = mask.astype(np.int64)
    return np.negative(lanes, out=lanes)


def _pick(lanes, a, b):
    """``np.where(mask, a, b)`` for float64 arrays, bit by bit with integer operations:
    ``np.where`` is several times slower than an addition on masks of mixed values."""
    b_bits = b.view(np.int64)
    return (b_bits ^ ((a.view(np.int64) ^ b_bits) & lanes)).view(np.float64)


def _fill_deep_tail(x, result, tail):
    """Replace ``result`` where ``x < -700`` by ``tail(x_deep)`` (in place)."""
    deep = x < _DEEP
    if deep.any():
        result[deep] = tail(np.maximum(x[deep], -_FAR))
    return result


# --------------------------------------------------------------------------
# softplus and log-sigmoid
# --------------------------------------------------------------------------


def _log1p_exp(z):
    """``log(1 + exp(z))`` for float64 ``z``, and ``sigma(z)`` (for corrections)."""
    e = exp_minus_abs(z)
    return np.maximum(z, 0.0), np.log1p(e), e


def _softplus_kernel(x, beta, threshold):
    # torch's switch, on the rounded product; and beyond beta x = 40 the true
    # softplus equals x to far better than float64 precision (e^-40 / 40).
    if beta == 1.0:  # no product to round, and none to keep from overflowing by clipping
        linear = x > min(threshold, 40.0)
        z_hi, z_lo = x, 0.0
    else:
        with np.errstate(over="ignore"):
            linear = x * beta > min(threshold, 40.0)
        z_hi, z_lo = two_prod(np.clip(x, -_FAR / beta, _FAR / beta), beta)
    positive, log_term, _ = _log1p_exp(z_hi)
    if beta == 1.0:
        # max(z, 0) + log1p(exp(-|z|)): the second term is at most ln 2 and
        # below half the first once z > 1, so two roundings, about 1 ULP.
        result = positive + log_term
    else:
        # softplus(z_hi + z_lo) = softplus(z_hi) + sigma(z_hi) z_lo to float64
        # accuracy; the sum is kept as a pair through the division by beta.
        n_hi, n_lo = two_sum(positive, log_term)
        n_lo = n_lo + logistic(z_hi) * z_lo
        result = divide(n_hi, beta, 0.0, n_lo)
    deep = z_hi < _DEEP
    if deep.any():
        # softplus(z) = e^z (1 - e^z/2 + ...) = e^z to float64 precision.
        zd = np.maximum(z_hi[deep], -_FAR)
        lo = z_lo[deep] if beta != 1.0 else 0.0
        scaled = scaled_exp(zd)
        result[deep] = np.ldexp((scaled + scaled * lo) / beta, -64)
    result = set_where(result, linear, x)
    return set_where(result, x == -np.inf, 0.0)


def _softplus_grad_kernel(x, beta, threshold):
    if beta == 1.0:  # as in _softplus_kernel
        linear = x > threshold
        z_hi, z_lo = x, 0.0
    else:
        with np.errstate(over="ignore"):
            linear = x * beta > threshold
        z_hi, z_lo = two_prod(np.clip(x, -_FAR / beta, _FAR / beta), beta)
    sig = logistic(z_hi)
    if beta != 1.0:
        # sigma(z_hi + z_lo) = sigma(z_hi) + sigma(z_hi) (1 - sigma(z_hi)) z_lo.
        sig = sig + sig * (1.0 - sig) * z_lo
    return set_where(sig, linear, 1.0)


def _logsigmoid_kernel(x):
    # log sigma(x) = -softplus(-x) = -(max(-x, 0) + log1p(exp(-|x|))): two terms
    # of the same sign, so no cancellation; exp never overflows.
    positive, log_term, _ = _log1p_exp(-x)
    return 0.0 - (positive + log_term)  # +0.0, not -0.0, at x = inf


def _logsigmoid_grad_kernel(x):
    return logistic(-x)


# --------------------------------------------------------------------------
# softsign
# --------------------------------------------------------------------------

# Beyond 1e300, 1/(1 + |x|) is below 1e-300 and the result is +-1 (or, for the
# derivative, its square underflows): clipping keeps inf/inf from giving nan.
_SOFTSIGN_CLIP = 1e300


def _softsign_kernel(x, out=None):
    # Two roundings (the sum and the quotient): within 1 ULP.
    xc = np.clip(x, -_SOFTSIGN_CLIP, _SOFTSIGN_CLIP)
    d = np.abs(xc)
    d += 1.0
    return np.divide(xc, d, out=out)


def _softsign_grad_kernel(x, out=None):
    # (1/(1 + |x|))^2 rather than 1/(1 + |x|)^2: the square of the reciprocal
    # stays a (subnormal) number up to |x| ~ 1e161, where (1 + |x|)^2 would
    # overflow. The rounding error of d = 1 + |x| (recovered exactly by
    # Knuth's two-sum, whose six passes cost less than a fast two-sum's
    # ordering by np.maximum and np.minimum) would count twice, so it is
    # corrected to first order.
    a = np.abs(x)
    np.minimum(a, _SOFTSIGN_CLIP, out=a)
    d = 1.0 + a
    a_virtual = d - 1.0
    d_lo = np.subtract(d, a_virtual)
    np.subtract(1.0, d_lo, out=d_lo)
    a -= a_virtual
    d_lo += a
    r = np.divide(1.0, d, out=d)
    square = r * r
    d_lo *= 2.0
    d_lo *= r
    d_lo *= square
    return np.subtract(square, d_lo, out=out if out is not None else square)


# --------------------------------------------------------------------------
# SiLU and Mish
# --------------------------------------------------------------------------


def _silu_kernel(x):
    # x sigma(x) = x / (1 + e) for x >= 0 and x e / (1 + e) for x < 0, with
    # e = exp(-|x|) <= 1: no overflow, and about 2 ULP (four roundings).
    xc = np.clip(x, -_FAR, _FAR)
    e = exp_minus_abs(xc)
    result = xc * _one_or(e, xc >= 0.0) / (1.0 + e)  # x >= 0: x * 1 is x
    result = _fill_deep_tail(x, result, lambda xd: np.ldexp(xd * scaled_exp(xd), -64))
    return set_where(result, x > _FAR, x)


def _silu_grad_kernel(x):
    xc = np.clip(x, -_FAR, _FAR)
    e = exp_minus_abs(xc)
    d = 1.0 + e
    # sigma + x sigma' over the common denominator (1 + e)^2, e = exp(-|x|):
    # x >= 0: 1 + e (1 + x), positive terms; x < 0: e (1 + x + e), whose
    # factor 1 + x + e vanishes at x = -1.2785 (the Taylor polynomial takes
    # over within 0.5 of it).
    # The rounding error of d = 1 + e (exact: e - (d - 1)) is corrected to
    # first order, since it would count twice in d^2.
    d_lo = e - (d - 1.0)
    numerator = _pick(_lanes(xc >= 0.0), 1.0 + e * (1.0 + xc), e * ((1.0 + xc) + e))
    quotient = numerator / (d * d)
    result = near_zero("silu", xc, quotient - quotient * (2.0 * d_lo / d))
    result = _fill_deep_tail(x, result,
                             lambda xd: np.ldexp(scaled_exp(xd) * (1.0 + xd), -64))
    return result + 0.0  # +0.0 rather than -0.0 in the underflowing tail


def _mish_negative(xc, e):
    """Mish for x <= 0, with e = e^x: x tanh(s) with tanh(s) = n / (n + 2), n = e (e + 2)."""
    # The sums' errors by fast two-sums: 2e >= e^2, and 2 has the exponent of n < 4.
    n_hi, n_lo = two_square(e)
    twice = 2.0 * e
    total = n_hi + twice
    twice = np.subtract(total, twice, out=twice)
    np.subtract(n_hi, twice, out=twice)
    n_lo += twice
    n_hi = total
    d_hi = n_hi + 2.0
    d_lo = d_hi - 2.0
    np.subtract(n_hi, d_lo, out=d_lo)
    d_lo += n_lo
    result = divide(n_hi, d_hi, d_lo, n_lo)
    return np.multiply(xc, result, out=result)  # (x first: a nan input keeps its sign)


def _mish_kernel(x):
    xc = np.clip(x, -_FAR, _FAR)
    e = exp_minus_abs(xc)
    # With s = softplus(x): tanh(s) = ((1 + e^x)^2 - 1) / ((1 + e^x)^2 + 1).
    # x > 0, e = e^-x: tanh(s) = 1 - 2 e^2 / (1 + 2e + 2e^2), cheap enough to compute
    # everywhere; the costlier form for x <= 0 is computed only there.
    twice = 2.0 * e
    d = 1.0 + e
    d *= twice
    d += 1.0
    small = twice * e
    small /= d
    small *= xc
    result = np.subtract(x, small, out=small)
    rest = np.flatnonzero(~(xc > 0.0))  # nan included
    result[rest] = _mish_negative(xc[rest], e[rest])
    return _fill_deep_tail(x, result, lambda xd: np.ldexp(xd * scaled_exp(xd), -64))


def _mish_grad_kernel(x):
    xc = np.clip(x, -_FAR, _FAR)
    e = exp_minus_abs(xc)
    # mish' = tanh(s) + x sech^2(s) sigma(x).
    # x <= 0, e = e^x, q = (1 + e)^2 + 1: mish' = e B / q^2 with
    # B = (2 + e) q + 4 x (1 + e) = 4 (1 + x) + e (6 + 4x + e (4 + e)).
    # B vanishes at x = -1.1924, where 1 + x and 6 + 4x are exact, and the
    # small factor e / q^2 is applied after the cancellation; q is kept as an
    # exact pair.
    p_hi, p_lo = _one_plus(e)
    q_hi, q_lo = two_square(p_hi)
    q_lo = q_lo + 2.0 * p_hi * p_lo
    total = q_hi + 1.0
    q_lo = q_lo + (1.0 - (total - q_hi))  # fast two-sum: q_hi >= 1
    q_hi = total
    b = 4.0 * (1.0 + xc) + e * ((6.0 + 4.0 * xc) + e * (4.0 + e))
    sq_hi, sq_lo = two_square(q_hi)
    sq_lo = sq_lo + 2.0 * q_hi * q_lo
    negative = divide(e * b, sq_hi, sq_lo)
    # x > 0, e = e^-x, D = 1 + 2e + 2e^2:
    # mish' = (1 + 2e) / D + 4 x e^2 (1 + e) / D^2, two positive terms.
    d = 1.0 + 2.0 * e * (1.0 + e)
    positive = (1.0 + 2.0 * e) / d + 4.0 * xc * e * e * (1.0 + e) / (d * d)
    result = near_zero("mish", xc, _pick(_lanes(xc > 0.0), positive, negative))
    result = _fill_deep_tail(x, result,
                             lambda xd: np.ldexp(scaled_exp(xd) * (1.0 + xd), -64))
    return result + 0.0  # +0.0 rather than -0.0 in the underflowing tail


# --------------------------------------------------------------------------
# GELU
# --------------------------------------------------------------------------

# Below -20 the normal CDF is evaluated from its asymptotic series
# Phi(x) = phi(x) / |x| * S(x), S(x) = sum_k (-1)^k (2k - 1)!! / x^(2k);
# 14 terms reach 1e-19 relative accuracy for |x| >= 20.
_GELU_TAIL = -20.0
_ASYMPTOTIC_TERMS = 14
# Below -40 every result underflows to -0.0 (GELU) or 0 (its derivative).
_GELU_FAR = 40.0
# From 9 on, Phi(x) and GELU'(x) = Phi(x) + x phi(x) round to 1 (1 - Phi(9) = 1.1e-19,
# 9 phi(9) = 9.3e-18): GELU is x and its derivative 1, with nothing to compute.
_GELU_ONE = 9.0


def _below_plateau(kernel, x, plateau):
    """``kernel(x)``, computed only for ``x < 9`` (and nan); ``plateau(x)`` for the rest."""
    low = np.flatnonzero(~(x >= _GELU_ONE))  # indices: gathering and scattering beat a mask
    if low.size == x.size:
        return kernel(x)
    result = plateau(x)
    result[low] = kernel(x[low])
    return result


def _x_normal_cdf(x):
    """x Phi(x) for |x| <= 40, from the tail Q = erfc(|x| / sqrt 2) / 2: Phi is Q for x <= 0 and
    1 - Q for x > 0."""
    g, _, y = scaled_tail(x)
    q = y * g
    if isinstance(x, float):  # one value (see by_scalars)
        return x * (1.0 - q if x > 0 else q)
    # (x >= 0) - copysign(Q, x) is 1 - Q or Q (and 1 + Q at x = -0, where x Phi is -0 all the
    # same), in two passes where choosing between 1 - Q and Q took six.
    phi = np.copysign(q, x, out=q)
    np.subtract(x >= 0, phi, out=phi)
    phi *= x
    return phi


def _half_x_squared(x):
    """``x**2 / 2`` as an exact pair (for |x| <= 40)."""
    sq_hi, sq_lo = two_square(x)
    return 0.5 * sq_hi, 0.5 * sq_lo


def _asymptotic_series(x):
    """S(x) = 1 - 1/x^2 + 3/x^4 - 15/x^6 + ... for x <= -20."""
    inv = 1.0 / (x * x)
    total = np.zeros_like(x)
    for k in range(_ASYMPTOTIC_TERMS, 0, -1):
        total = -(2 * k - 1) * inv * (1.0 + total)
    return 1.0 + total


def _scaled_normal_pdf(x):
    """``2**64 * phi(x)`` for -40 <= x <= -20 (phi itself may be subnormal), as a pair
    ``hi + lo``: the rounding of x^2 / 2, of the scaling constant and of the product by
    1/sqrt(2 pi) are carried, so that only exp's own error remains."""
    h_hi, h_lo = _half_x_squared(x)
    g = np.exp(-h_hi + _C_HI)  # exact argument: C_HI is a multiple of 2**-42
    hi, err = two_prod(g, _RSQRT_2PI_HI)
    return hi, err + g * _RSQRT_2PI_LO + hi * (_C_LO - h_lo)


def _tail_product(pdf, factor_hi, factor_lo=0.0):
    """``2**-64 * pdf * factor`` for the pairs of the tail, rounded once into the result."""
    hi, lo = pdf
    return np.ldexp(hi * factor_hi + (lo * factor_hi + hi * factor_lo), -64)


def _gelu_erf_core(x):
    # (x >= 9 never gets here: see _below_plateau)
    tail_mask = x < _GELU_TAIL
    if not tail_mask.any():
        return _x_normal_cdf(x)
    result = _x_normal_cdf(np.maximum(x, -_GELU_FAR))
    # Below -20 (below -40 too, set to -0.0 on the tail's elements alone):
    xt = x[tail_mask]
    xd = np.maximum(xt, -_GELU_FAR)
    # x Phi(x) = -phi(x) S(x) for x < 0.
    tail = -_tail_product(_scaled_normal_pdf(xd), _asymptotic_series(xd))
    result[tail_mask] = set_where(tail, xt < -_GELU_FAR, -0.0)
    return result


def _gelu_erf_array(x):
    return _below_plateau(_gelu_erf_core, x, np.copy)


def _gelu_erf_scalar(x):
    if _GELU_TAIL <= x < _GELU_ONE:
        return _x_normal_cdf(x)
    return _gelu_erf_array(np.array([x]))[0]  # the tail, the plateau, infinities and nan


_gelu_erf_kernel = by_scalars(_gelu_erf_scalar)(_gelu_erf_array)


def _cdf_plus_x_pdf(x):
    """Phi(x) + x phi(x) = e^{-x^2/2} (x / sqrt(2 pi) + erfcx / 2) for x <= 0, and 1 plus the
    same with -erfcx / 2 for x > 0 (``y`` is erfcx / 2); the product x / sqrt(2 pi) and the
    sum are formed exactly (two-product, two-sum), so that where the terms cancel only the
    errors of erfcx and exp remain to grow."""
    g, lo, y = scaled_tail(x)
    p_hi, p_lo = two_prod(x, _RSQRT_2PI_HI)
    p_lo = p_lo + (x * _RSQRT_2PI_LO - p_hi * lo)  # the factor (1 - lo) of e^{-x^2/2}
    if isinstance(x, float):  # one value (see by_scalars)
        s_hi, s_lo = two_sum(p_hi, -y if x > 0 else y)
        s = g * (s_hi + (s_lo + p_lo))
        return 1.0 + s if x > 0 else s
    # The sign bit splits x > 0 from x <= 0 (at x = +0 both forms give 1/2): -y or y, and the
    # 1 added for x > 0, in three passes where choosing bit by bit took nine.
    minus_y = np.copysign(y, x, out=y)
    np.negative(minus_y, out=minus_y)
    s_hi, s_lo = two_sum(p_hi, minus_y)
    s = g * (s_hi + (s_lo + p_lo))
    return np.add(~np.signbit(x), s, out=s)


def _gelu_erf_grad_core(x):
    # (x >= 9 never gets here: see _below_plateau)
    tail_mask = x < _GELU_TAIL
    if not tail_mask.any():
        return near_zero("gelu", x, _cdf_plus_x_pdf(x))
    xc = np.maximum(x, -_GELU_FAR)
    result = near_zero("gelu", xc, _cdf_plus_x_pdf(xc))
    # Below -20 (below -40 too, set to 0 on the tail's elements alone):
    xt = x[tail_mask]
    xd = np.maximum(xt, -_GELU_FAR)
    # Phi(x) + x phi(x) = phi(x) (S(x) - x^2) / |x| for x < 0, with S - x^2 as a pair.
    sq_hi, sq_lo = two_square(xd)
    diff_hi, diff_lo = two_sum(_asymptotic_series(xd), -sq_hi)
    ratio = divide(diff_hi, -xd, 0.0, diff_lo - sq_lo)
    tail = _tail_product(_scaled_normal_pdf(xd), ratio)
    result[tail_mask] = set_where(tail, xt < -_GELU_FAR, 0.0)
    return result


def _gelu_erf_grad_array(x):
    return _below_plateau(_gelu_erf_grad_core, x, np.ones_like)


def _gelu_erf_grad_scalar(x):
    if not _GELU_TAIL <= x < _GELU_ONE:
        return _gelu_erf_grad_array(np.array([x]))[0]  # the tail, the plateau, infinities, nan
    taylor = near_zero_scalar("gelu", x)
    return _cdf_plus_x_pdf(x) if taylor is None else taylor


_gelu_erf_grad_kernel = by_scalars(_gelu_erf_grad_scalar)(_gelu_erf_grad_array)


# The tanh form: GELU(x) ~ x sigma(v) with v = 2 sqrt(2/pi) (x + 0.044715 x^3),
# since (1 + tanh(u)) / 2 = sigma(2u). Beyond |x| = 30, |v| > 1900 and sigma(v)
# is exactly 0 or 1.
_GELU_TANH_FAR = 30.0


def _gelu_tanh_argument(x):
    """v = 2 sqrt(2/pi) (x + kappa x^3) and dv/dx, each as a pair (|x| <= 30)."""
    sq_hi, sq_lo = two_square(x)
    cube_hi, cube_lo = two_prod(x, sq_hi)
    cube_lo = cube_lo + x * sq_lo
    k_hi, k_lo = two_prod(_KAPPA_HI, cube_hi)
    k_lo = k_lo + _KAPPA_HI * cube_lo + _KAPPA_LO * cube_hi
    s_hi, s_lo = two_sum(x, k_hi)
    s_lo = s_lo + k_lo
    v_hi, v_lo = two_prod(s_hi, 2.0 * _SQRT_2_OVER_PI_HI)
    v_lo = v_lo + 2.0 * (_SQRT_2_OVER_PI_HI * s_lo + _SQRT_2_OVER_PI_LO * s_hi)
    v_hi, v_lo = two_sum(v_hi, v_lo)
    # dv/dx = 2 sqrt(2/pi) (1 + 3 kappa x^2), every product and sum carried as a pair.
    k3_hi, k3_lo = two_prod(3.0, _KAPPA_HI)
    k3_lo = k3_lo + 3.0 * _KAPPA_LO
    t_hi, t_lo = two_prod(k3_hi, sq_hi)
    t_lo = t_lo + k3_hi * sq_lo + k3_lo * sq_hi
    u_hi, u_lo = two_sum(1.0, t_hi)
    u_lo = u_lo + t_lo
    d_hi, d_lo = two_prod(2.0 * _SQRT_2_OVER_PI_HI, u_hi)
    d_lo = d_lo + 2.0 * (_SQRT_2_OVER_PI_HI * u_lo + _SQRT_2_OVER_PI_LO * u_hi)
    return v_hi, v_lo, d_hi, d_lo


def _gelu_tanh_kernel(x):
    xc = np.clip(x, -_GELU_TANH_FAR, _GELU_TANH_FAR)
    v_hi, v_lo, _, _ = _gelu_tanh_argument(xc)
    sig, density = sigmoid_and_density(v_hi)
    result = xc * (sig + density * v_lo)
    deep = v_hi < _DEEP
    if deep.any():
        scaled = scaled_exp(np.maximum(v_hi[deep], -_FAR))
        result[deep] = np.ldexp(xc[deep] * (scaled + scaled * v_lo[deep]), -64)
    result = set_where(result, x > _GELU_TANH_FAR, x)
    return set_where(result, x < -_GELU_TANH_FAR, -0.0)


def _gelu_tanh_grad_kernel(x):
    xc = np.clip(x, -_GELU_TANH_FAR, _GELU_TANH_FAR)
    v_hi, v_lo, slope, slope_lo = _gelu_tanh_argument(xc)
    sig, density = sigmoid_and_density(v_hi)
    # d/dx [x sigma(v)] = sigma(v) + x sigma'(v) v'.
    # sigma'(v) = sigma(v) (1 - sigma(v)), so this is sigma(v) (1 + x (1 - sigma(v)) v').
    # Both are evaluated at v_hi and corrected to first order in v_lo;
    # sigma''(v) = sigma'(v) (1 - 2 sigma(v)).
    density = density + density * ((1.0 - 2.0 * sig) * v_lo)
    sig = sig + density * v_lo
    # sigma + x sigma' v' with the products and the sum exact: only the errors of sigma and
    # sigma' remain.
    a_hi, a_lo = two_prod(xc, density)
    b_hi, b_lo = two_prod(a_hi, slope)
    b_lo = b_lo + a_lo * slope + a_hi * slope_lo
    r_hi, r_lo = two_sum(sig, b_hi)
    result = near_zero("gelu_tanh", xc, r_hi + (r_lo + b_lo))
    deep = v_hi < _DEEP
    if deep.any():
        xd = xc[deep]
        scaled = scaled_exp(np.maximum(v_hi[deep], -_FAR))
        scaled = scaled + scaled * v_lo[deep]
        result[deep] = np.ldexp(scaled * (1.0 + xd * slope[deep]), -64)
    result = set_where(result, x > _GELU_TANH_FAR, 1.0)
    return set_where(result, x < -_GELU_TANH_FAR, 0.0)


_GELU_KERNELS = {"none": (_gelu_erf_kernel, _gelu_erf_grad_kernel),
                 "tanh": (_gelu_tanh_kernel, _gelu_tanh_grad_kernel)}


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def _check_softplus(func_name, beta, threshold):
    beta = check_real_parameter(func_name, "beta", beta, allow_zero=False,
                                allow_negative=False)
    threshold = check_real_parameter(func_name, "threshold", threshold,
                                     allow_infinite=True)
    return beta, threshold


def softplus(x, beta=1.0, threshold=20.0):
    r"""Softplus: a smooth ReLU, :math:`\log(1 + e^{x})`, as PyTorch defines it.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    beta : float, default 1.0
        Sharpness :math:`\beta > 0`; larger values approach ReLU.
    threshold : float, default 20.0
        Where :math:`\beta x` exceeds it, the result is :math:`x` itself, as in
        PyTorch. Any real number; ``threshold=numpy.inf`` gives the exact
        softplus everywhere.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    TypeError
        If `beta` or `threshold` is not a real number.
    ValueError
        If `beta` is not positive or is infinite, or either parameter is nan.

    See Also
    --------
    softplus_grad : Derivative of softplus.
    relu : The limit :math:`\beta \to \infty`.
    logsigmoid : :math:`\log\sigma(x) = -\mathrm{softplus}(-x)`.

    Notes
    -----
    .. math::

        \mathrm{Softplus}(x) = \begin{cases} \frac{1}{\beta}\log\left(1 + e^{\beta x}\right) & \beta x \le t \\ x & \beta x > t \end{cases}

    .. math::

        \mathrm{Softplus}'(x) = \begin{cases} \sigma(\beta x) & \beta x \le t \\ 1 & \beta x > t \end{cases}

    where :math:`t` is `threshold`. We keep PyTorch's switch to the identity,
    so that this function and :func:`torch.nn.functional.softplus` are the
    same function; the switch is part of the definition, not a numerical
    device. It changes the value by
    :math:`\log(1 + e^{-t})/\beta \approx 2 \times 10^{-9}` at the default
    threshold (26 ULP at :math:`x = 30`, and a jump of that size at
    :math:`x = t/\beta`). Pass ``threshold=numpy.inf`` for the exact softplus.

    Below the threshold we compute the stable form
    :math:`\max(z, 0) + \log(1 + e^{-|z|})` with :math:`z = \beta x`, which
    never overflows (the literal formula gives inf for :math:`z > 709.78`); the
    rounding error of :math:`\beta x` is carried and corrected to first
    order, and where :math:`e^{z}` would be subnormal it is computed scaled.
    Where :math:`\beta x > 40` the exact softplus equals :math:`x` to far
    better than float64 precision. The result is within 3.2 ULP of the
    function defined above.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softplus
    >>> np.round(softplus([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.    , 0.3133, 0.6931, 1.3133,    inf])

    PyTorch's switch to the identity, and the exact function without it:

    >>> print(softplus(30.0), softplus(30.0, threshold=np.inf))
    30.0 30.000000000000092
    """
    return apply_elementwise("softplus", x, _softplus_kernel,
                             *_check_softplus("softplus", beta, threshold))


def softplus_grad(x, beta=1.0, threshold=20.0):
    r"""Derivative of softplus (with PyTorch's threshold).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    beta : float, default 1.0
        Sharpness :math:`\beta > 0`.
    threshold : float, default 20.0
        Where :math:`\beta x` exceeds it the derivative is 1, as in PyTorch;
        ``numpy.inf`` for the derivative of the exact softplus.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma(\beta x)`, or 1 above the threshold, elementwise; nan where
        `x` is nan; shape and dtype rules as for :func:`softplus`.

    Raises
    ------
    TypeError
        If `beta` or `threshold` is not a real number.
    ValueError
        If `beta` is not positive or is infinite, or either parameter is nan.

    See Also
    --------
    softplus : The function itself, with the formulas.
    sigmoid : The derivative for :math:`\beta = 1` below the threshold.

    Notes
    -----
    This is what PyTorch's autograd computes for softplus. Below the threshold
    it is the logistic sigmoid of :math:`\beta x`, evaluated as in
    :func:`sigmoid` with the rounding error of :math:`\beta x` corrected;
    within 2.3 ULP. PyTorch evaluates :math:`e^{z}/(e^{z} + 1)`, which
    gives nan for :math:`z > 709.78` when the threshold is raised.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softplus_grad
    >>> np.round(softplus_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.    , 0.2689, 0.5   , 0.7311, 1.    ])
    """
    return apply_elementwise("softplus_grad", x, _softplus_grad_kernel,
                             *_check_softplus("softplus_grad", beta, threshold))


def logsigmoid(x):
    r"""Logarithm of the logistic sigmoid, :math:`\log\sigma(x)`.

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
    logsigmoid_grad : Derivative of log-sigmoid.
    sigmoid : The logistic sigmoid.
    softplus : :math:`\log\sigma(x) = -\mathrm{softplus}(-x)`.

    Notes
    -----
    .. math::

        \log\sigma(x) = -\log\left(1 + e^{-x}\right)

    .. math::

        \frac{d}{dx}\log\sigma(x) = 1 - \sigma(x) = \sigma(-x)

    Taking the logarithm of a computed :math:`\sigma(x)` gives
    :math:`-\infty` once :math:`\sigma(x)` underflows (:math:`x < -745` even
    for an exact sigmoid; :math:`x < -709.78` with the textbook one) and
    loses all relative precision for large :math:`x`, where
    :math:`\sigma(x)` rounds to 1 although :math:`\log\sigma(x) \approx
    -e^{-x}`. We compute :math:`-\bigl(\max(-x, 0) + \log(1 + e^{-|x|})\bigr)`
    with ``log1p``: two terms of the same sign, no overflow, within 1.7 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import logsigmoid
    >>> np.round(logsigmoid([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([   -inf, -1.3133, -0.6931, -0.3133,  0.    ])

    Large inputs keep their tiny, nonzero result:

    >>> print(f"{logsigmoid(40.0):.6e}")
    -4.248354e-18
    """
    return apply_elementwise("logsigmoid", x, _logsigmoid_kernel)


def logsigmoid_grad(x):
    r"""Derivative of the log-sigmoid, :math:`\sigma(-x)`.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma(-x) = 1 - \sigma(x)` elementwise; shape and dtype rules as
        for :func:`logsigmoid`.

    See Also
    --------
    logsigmoid : The function itself, with the formulas.

    Notes
    -----
    Computed as :math:`\sigma(-x)` (see :func:`sigmoid`), never as
    :math:`1 - \sigma(x)`, which is 0 for :math:`x > 37` although the true
    value is about :math:`e^{-x}`. Within 2.0 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import logsigmoid_grad
    >>> np.round(logsigmoid_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([1.    , 0.7311, 0.5   , 0.2689, 0.    ])
    """
    return apply_elementwise("logsigmoid_grad", x, _logsigmoid_grad_kernel)


def softsign(x):
    r"""Softsign: :math:`x / (1 + |x|)`, a sigmoid-shaped curve with polynomial tails.

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
    softsign_grad : Derivative of softsign.
    tanh : The exponential-tailed curve with the same range.

    Notes
    -----
    .. math::

        \mathrm{Softsign}(x) = \frac{x}{1 + |x|}

    .. math::

        \mathrm{Softsign}'(x) = \frac{1}{\left(1 + |x|\right)^{2}}

    Softsign approaches :math:`\pm 1` like :math:`1/x` rather than
    exponentially, so it saturates more gently than tanh. The literal
    formula gives :math:`\infty/\infty = \mathrm{nan}` at :math:`x = \pm\infty`
    (PyTorch does too); we clip :math:`|x|` at :math:`10^{300}`, which changes
    no result. Otherwise the formula is accurate as it stands: two roundings, within 1.5 ULP. The derivative is computed as
    :math:`(1/(1 + |x|))^{2}`, with the rounding error of :math:`1 + |x|`
    corrected (see :func:`softsign_grad`); it stays nonzero (subnormal) up to
    :math:`|x| \approx 10^{161}`, where :math:`(1 + |x|)^{2}` would overflow.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softsign
    >>> softsign([-np.inf, -1.0, 0.0, 3.0, np.inf])
    array([-1.  , -0.5 ,  0.  ,  0.75,  1.  ])
    """
    return apply_elementwise("softsign", x, _softsign_kernel, fills=True)


def softsign_grad(x):
    r"""Derivative of softsign.

    Float64 results are within 2.2 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`1/(1 + |x|)^{2}` elementwise; shape and dtype rules as for
        :func:`softsign`.

    See Also
    --------
    softsign : The function itself, with the formulas.

    Notes
    -----
    The derivative is continuous at 0 (both sides give 1), but the second
    derivative jumps there from 2 to -2: softsign is :math:`C^1`, not smooth.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softsign_grad
    >>> softsign_grad([-np.inf, -1.0, 0.0, 3.0, np.inf])
    array([0.    , 0.25  , 1.    , 0.0625, 0.    ])
    """
    return apply_elementwise("softsign_grad", x, _softsign_grad_kernel, fills=True)


def silu(x):
    r"""SiLU (swish): the input times its sigmoid, :math:`x\,\sigma(x)`.

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
    silu_grad : Derivative of SiLU.
    sigmoid : The gate.
    hardswish : A piecewise polynomial approximation.

    Notes
    -----
    .. math::

        \mathrm{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}

    .. math::

        \mathrm{SiLU}'(x) = \sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr)

    The minimum is about :math:`-0.2785`, at :math:`x \approx -1.2785`, where
    the derivative crosses zero. The literal formula overflows in
    :math:`e^{-x}` for :math:`x < -709.78` and gives nan at
    :math:`x = -\infty`; we use :math:`x/(1 + e)` for :math:`x \ge 0` and
    :math:`x e/(1 + e)` for :math:`x < 0`, with :math:`e = e^{-|x|} \le 1`. Below :math:`x = -700`, where :math:`\sigma(x)` is about
    to become subnormal while :math:`x\,\sigma(x)` is still a normal number,
    we compute :math:`x e^{x}` with a scaled exponential so that no digits
    are lost (PyTorch's result there is off by up to :math:`5 \times
    10^{15}` ULP). Within 2.6 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import silu
    >>> np.round(silu([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([-0.    , -0.2689,  0.    ,  0.7311,     inf])
    """
    return apply_elementwise("silu", x, _silu_kernel)


def silu_grad(x):
    r"""Derivative of SiLU.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\mathrm{SiLU}'(x)` elementwise; shape and dtype rules as for
        :func:`silu`.

    See Also
    --------
    silu : The function itself, with the formulas.

    Notes
    -----
    For :math:`x \ge 0` we add the two positive terms
    :math:`\sigma(x) + x\,\sigma'(x)`. For :math:`x < 0` we use
    :math:`e\,(1 + x + e)/(1 + e)^{2}` with :math:`e = e^{x}`, which never
    overflows. The derivative vanishes at :math:`x_0 \approx -1.2785`; within
    0.5 of it, where the terms cancel, we evaluate a Taylor polynomial around
    :math:`x_0` precomputed with 80-digit arithmetic, which keeps the relative error small
    even next to :math:`x_0`. Within 3.4 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import silu_grad
    >>> np.round(silu_grad([-np.inf, -2.0, 0.0, 1.0, np.inf]), 4)
    array([ 0.    , -0.0908,  0.5   ,  0.9277,  1.    ])
    """
    return apply_elementwise("silu_grad", x, _silu_grad_kernel)


def _mish_narrow(x):
    """Mish with plain arithmetic, a few ULP, for float32 and float16 results; tanh(softplus)
    as in :func:`_mish_kernel`, without pairs."""
    xc = np.clip(x, -_FAR, _FAR)  # x e^x is 0 below -_FAR, and -inf * 0 would be nan
    e = exp_minus_abs(xc)
    twice = 2.0 * e
    n = e * (e + 2.0)  # x <= 0, e = e^x: tanh(softplus(x)) = n / (n + 2)
    above = (1.0 + twice) / (1.0 + twice + twice * e)  # x > 0, e = e^-x
    return np.where(x > 0.0, x * above, xc * (n / (n + 2.0)))


def _mish_grad_narrow(x):
    """Mish' with plain arithmetic, a few ULP, for float32 and float16 results: the formulas
    of :func:`_mish_grad_kernel` without pairs; where their sums cancel, near the zero at
    -1.1924, the Taylor polynomial takes over as there."""
    xc = np.clip(x, -_FAR, _FAR)
    e = exp_minus_abs(xc)
    q = 1.0 + e
    q *= q
    q += 1.0
    negative = e * (4.0 * (1.0 + xc) + e * ((6.0 + 4.0 * xc) + e * (4.0 + e))) / (q * q)
    d = 1.0 + 2.0 * e * (1.0 + e)
    positive = (1.0 + 2.0 * e) / d + 4.0 * xc * e * e * (1.0 + e) / (d * d)
    return near_zero("mish", xc, _pick(_lanes(xc > 0.0), positive, negative)) + 0.0


def mish(x):
    r"""Mish: :math:`x \tanh(\mathrm{softplus}(x))`, a smooth self-gated activation.

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
    mish_grad : Derivative of Mish.
    silu : A similar self-gated activation.

    Notes
    -----
    .. math::

        \mathrm{Mish}(x) = x \tanh\bigl(\log\left(1 + e^{x}\right)\bigr)

    .. math::

        \mathrm{Mish}'(x) = \tanh\bigl(s(x)\bigr) + x\,\mathrm{sech}^{2}\bigl(s(x)\bigr)\,\sigma(x), \quad s(x) = \log\left(1 + e^{x}\right)

    Composing the three functions literally loses accuracy twice: for large
    negative :math:`x` the softplus is tiny and must first be computed
    without ``log(1 + tiny)`` rounding to 0, and at :math:`x = -\infty` the
    product is :math:`-\infty \cdot 0`. We use the identity
    :math:`\tanh(\log(1 + e^{x})) = n/(n + 2)` with :math:`n = e^{x}(e^{x} + 2)`
    for :math:`x \le 0`, and :math:`1 - 2e^{-2x}/(1 + 2e^{-x} + 2e^{-2x})` for
    :math:`x > 0`; only :math:`e^{-|x|}` is ever evaluated. Below
    :math:`x = -700` the result :math:`\approx x e^{x}` uses a scaled
    exponential. Within 2.2 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import mish
    >>> np.round(mish([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([-0.    , -0.3034,  0.    ,  0.8651,     inf])
    """
    return apply_elementwise("mish", x, _mish_kernel, narrow=_mish_narrow)


def mish_grad(x):
    r"""Derivative of Mish.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\mathrm{Mish}'(x)` elementwise; shape and dtype rules as for
        :func:`mish`.

    See Also
    --------
    mish : The function itself, with the formulas.

    Notes
    -----
    With :math:`e = e^{-|x|}` the derivative is a rational function of
    :math:`e` and :math:`x`: for :math:`x \le 0` it is :math:`e B/q^{2}` with
    :math:`q = (1 + e)^{2} + 1` and
    :math:`B = 4(1 + x) + e(6 + 4x + e(4 + e))`; for :math:`x > 0` it is a sum of
    two positive terms. It vanishes at :math:`x_0 \approx -1.1924`; within 0.5
    of it we evaluate a Taylor polynomial around :math:`x_0` precomputed with
    80-digit arithmetic. Within 3.4 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import mish_grad
    >>> np.round(mish_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([0.    , 0.0592, 0.6   , 1.049 , 1.    ])
    """
    return apply_elementwise("mish_grad", x, _mish_grad_kernel, narrow=_mish_grad_narrow)


def gelu(x, approximate="none"):
    r"""Gaussian error linear unit: the input weighted by the normal CDF, :math:`x\,\Phi(x)`.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    approximate : {"none", "tanh"}, default "none"
        ``"none"`` for the exact definition with the error function,
        ``"tanh"`` for the tanh approximation of Hendrycks & Gimpel (as in
        PyTorch; it is a different function, within :math:`5 \times 10^{-4}` of
        the exact one).

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    ValueError
        If `approximate` is neither ``"none"`` nor ``"tanh"``.

    See Also
    --------
    gelu_grad : Derivative of GELU.
    silu : A similar curve, :math:`x\,\sigma(x)`.

    Notes
    -----
    .. math::

        \mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right) \approx \frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\left(x + 0.044715\,x^{3}\right)\right)\right)

    .. math::

        \mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^{2}/2}}{\sqrt{2\pi}}

    The textbook form :math:`\frac{x}{2}(1 + \mathrm{erf}(x/\sqrt{2}))`
    cancels for negative :math:`x`: :math:`1 + \mathrm{erf}` is exactly 0
    below :math:`x \approx -8.4`, so it (and PyTorch) returns -0 where the
    true value is, for instance, :math:`-8.1 \times 10^{-17}` at
    :math:`x = -8.5`. We use
    :math:`\Phi(x) = \tfrac{1}{2}\mathrm{erfcx}(|x|/\sqrt{2})\,e^{-x^{2}/2}`
    for :math:`x \le 0` (and 1 minus it for :math:`x > 0`), where
    :math:`\mathrm{erfcx}(z) = e^{z^{2}}\mathrm{erfc}(z)` varies slowly and is
    a polynomial of degree 7 on each of 641 intervals. erfc itself is so steep in
    the tail that rounding its argument would cost up to :math:`x^{2}` ULP;
    here the exponential takes :math:`x^{2}/2` formed exactly from :math:`x`,
    and erfcx barely feels the rounding. Below :math:`x = -20`
    we use the asymptotic series
    :math:`x\,\Phi(x) = -\varphi(x)(1 - x^{-2} + 3x^{-4} - \ldots)` with a
    scaled exponential, so results near the underflow threshold keep their
    digits. 

    For the tanh form we use :math:`\frac{1}{2}(1 + \tanh u) = \sigma(2u)`,
    which removes the same cancellation, and carry
    :math:`u = \sqrt{2/\pi}(x + 0.044715 x^{3})` as an exact pair (the
    constants are taken as the decimal and mathematical values). Both forms are within 3.1 ULP. At :math:`x = -\infty` both forms give 0 (PyTorch gives nan).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import gelu
    >>> np.round(gelu([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([-0.    , -0.1587,  0.    ,  0.8413,     inf])
    >>> np.round(gelu([-1.0, 1.0], approximate="tanh"), 4)
    array([-0.1588,  0.8412])

    The negative tail is tiny but not zero:

    >>> print(f"{gelu(-10.0):.6e}")
    -7.619853e-23
    """
    approximate = check_choice("gelu", "approximate", approximate, ("none", "tanh"))
    return apply_elementwise("gelu", x, _GELU_KERNELS[approximate][0])


def gelu_grad(x, approximate="none"):
    r"""Derivative of GELU (exact or tanh form).

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    approximate : {"none", "tanh"}, default "none"
        Which GELU to differentiate, as in :func:`gelu`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\mathrm{GELU}'(x)` elementwise; shape and dtype rules as for
        :func:`gelu`.

    Raises
    ------
    ValueError
        If `approximate` is neither ``"none"`` nor ``"tanh"``.

    See Also
    --------
    gelu : The function itself, with the formulas.

    Notes
    -----
    For :math:`x \le 0` the derivative is
    :math:`e^{-x^{2}/2}\,(x/\sqrt{2\pi} + \tfrac{1}{2}\mathrm{erfcx}(|x|/\sqrt{2}))`,
    with erfcx and the exponential as in :func:`gelu`; for :math:`x > 0`, 1
    plus the same with :math:`-\tfrac{1}{2}\mathrm{erfcx}`. The derivative
    vanishes at :math:`x_0 \approx -0.7518` (:math:`-0.7525` for the tanh
    form); within 0.5 of it, where the two terms cancel, we evaluate a Taylor
    polynomial around :math:`x_0` precomputed with 80-digit arithmetic.
    Elsewhere the product and the sum are formed exactly, so that where the
    terms still partly cancel only the errors of erfcx and exp grow. For the
    tanh form the derivative is :math:`\sigma(v) + x\,\sigma'(v)\,v'` with
    :math:`v = 2\sqrt{2/\pi}(x + 0.044715 x^{3})`, with :math:`v'` and the
    products carried as exact pairs. Both forms are within 3.9 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import gelu_grad
    >>> np.round(gelu_grad([-np.inf, -1.0, 0.0, 1.0, np.inf]), 4)
    array([ 0.    , -0.0833,  0.5   ,  1.0833,  1.    ])
    >>> np.round(gelu_grad([-1.0, 1.0], approximate="tanh"), 4)
    array([-0.083,  1.083])
    """
    approximate = check_choice("gelu_grad", "approximate", approximate, ("none", "tanh"))
    return apply_elementwise("gelu_grad", x, _GELU_KERNELS[approximate][1])


# --------------------------------------------------------------------------
# Squareplus and sparse plus: algebraic and piecewise twins of softplus
# --------------------------------------------------------------------------


def _check_squareplus(func_name, b):
    return check_real_parameter(func_name, "b", b, allow_zero=False, allow_negative=False)


#: Below this |x|, x^2 and the pairs' partial products neither overflow nor lose digits.
_SQUAREPLUS_PAIRS = 1e150


def _hypot_pair(a, b):
    """``h = sqrt(a^2 + b)`` as a pair ``h + h_lo``, for ``0 <= a <`` :data:`_SQUAREPLUS_PAIRS`.
    The first ``h`` is within an ULP; Newton's step on the residual ``a^2 + b - h^2``, formed
    exactly, then corrects it: the roundings of ``a^2 + b`` and of the square root would
    otherwise cost up to 2 ULP near 0."""
    if b < 1e300:
        h = np.sqrt(a * a + b)
    else:  # a^2 + b might overflow
        h = np.hypot(a, math.sqrt(b))
    p, p_err = two_square(a)
    total, total_err = two_sum(p, b)
    q, q_err = two_square(h)
    residual = ((total - q) - q_err) + (total_err + p_err)  # total - q is exact: they are close
    return h, residual / (2.0 * h)


def _squareplus_parts(x, b):
    """``(a, h, h_lo, d, d_lo, wide)`` for ``squareplus(x) = (x + h) / 2``: ``a = |x|``, with
    the elements beyond :data:`_SQUAREPLUS_PAIRS` (infinities and nan included, marked by
    ``wide``) replaced by 0; ``h + h_lo = sqrt(a^2 + b)`` and ``d + d_lo = (a + h) / 2``, a
    sum of positive terms, as pairs. ``d`` is the result for ``x >= 0``, and for ``x < 0``,
    where ``x + h`` cancels, ``(x + h) / 2 = b / (2 (h - x)) = (b / 4) / d``."""
    wide = ~(np.abs(x) < _SQUAREPLUS_PAIRS)
    a = np.abs(np.where(wide, 0.0, x) if wide.any() else x)
    h, h_lo = _hypot_pair(a, b)
    d, d_lo = two_sum(0.5 * a, 0.5 * h)
    return a, h, h_lo, d, d_lo + 0.5 * h_lo, wide


def _squareplus_wide(x, wide, b, grad):
    """The kernels' values where ``|x| >= 1e150`` (or inf, nan): ``sqrt(x^2 + b)`` is
    ``hypot(x, sqrt b)`` to far better than an ULP, and needs no pair."""
    xw = x[wide]
    xw = np.where(np.isinf(xw), 0.0, xw)  # their limits are filled in by the caller
    hw = np.hypot(xw, math.sqrt(b))
    d = np.where(xw >= 0.0, 1.0, 0.5 * hw - 0.5 * xw)  # 0 may occur only for x >= 0
    if grad:
        return np.where(xw >= 0.0, 0.5 + 0.5 * (xw / hw), (0.25 * b) / hw / d)
    above, above_err = two_sum(0.5 * xw, 0.5 * hw)
    return np.where(xw >= 0.0, above + above_err, (0.25 * b) / d)


#: The fast kernels take b in this range, where none of their products under- or overflows.
_SQUAREPLUS_B_MIN, _SQUAREPLUS_B_MAX = 1e-200, 1e200
#: ... and |x| below this times sqrt(b): there squareplus(|x|) / squareplus(-|x|) < 2**13.
_SQUAREPLUS_NEAR = 45.0
#: A rounding ``r = fl(s - c)`` with error ``e`` is certainly correct if ``r + e * (1 + 2**-19)``
#: still rounds to ``r``: ``r + e`` is within 2**-74 r of squareplus(x) (see _squareplus_near).
_SQUAREPLUS_ZIV = 1.0 + 2.0**-19
#: A float64's bits ANDed with this keep its 26 leading significant bits: a truncation, within
#: 2**-25 relative, in one integer operation (rounding, as _cut, takes three).
_LEADING_26 = np.int64(-1 << 27)


def _squareplus_far(x, b):
    """Where ``x`` is beyond the fast kernels' range (nan included), as a mask, or False if no
    element is; None if b is outside their range or most elements are beyond it (the previous
    kernels then take the whole chunk: computing both would cost more)."""
    if not _SQUAREPLUS_B_MIN < b < _SQUAREPLUS_B_MAX:
        return None
    near = np.abs(x) < _SQUAREPLUS_NEAR * math.sqrt(b)  # false for nan
    count = np.count_nonzero(near)
    if count == near.size:
        return False
    if 4 * count < 3 * near.size:
        return None
    return np.logical_not(near, out=near)


def _newton_step(s, y, b):
    """``(c, u1, w)``: ``s - c`` is the positive root ``R`` of ``f(t) = t (t - y) - b/4``
    within 2**-74 R, for ``|y| < 45 sqrt(b)`` and ``s`` within 2**-25 R and of 26 bits; and
    ``s - y = u1 + w``, ``u1`` of 26 bits, with ``w`` rounded (by 2**-78 (s - y) at most).

    ``f(s) = s (s - y) - b/4`` is formed from products of 26-bit numbers: ``u1`` is the 26
    leading bits of ``fl(s - y)``; ``s - u1`` is exact (s and s - y are within a factor 2**14
    of each other), and so is ``w = (s - u1) - y`` but for its rounding. Then ``s u1 - b/4``
    is exact by Sterbenz's lemma (``s u1`` is within a factor 1 + 2**-11 of b/4), and ``s w``,
    about 2**-25 of it, costs 2**-77 b/4. As ``f`` is quadratic, ``c = f(s) / (f'(s) - c)``
    with ``f'(s) = 2 s - y = s + fl(s - y)``: the step ``f(s) / (f'(s) - c0)``,
    ``c0 = f(s) / f'(s)``, is within ``c0^3 / f'(s)^2``, 2**-75 R, of it. The roundings of
    ``c`` (about 2**-51 c, c < 2**-25 R) add 2**-76 R, and those of ``f(s)`` 2**-77 R."""
    u = s - y
    u1 = np.bitwise_and(u.view(np.int64), _LEADING_26).view(np.float64)
    w = s - u1
    w -= y
    f = s * u1
    f -= 0.25 * b
    sw = s * w
    f += sw
    u += s  # f'(s)
    c0 = np.divide(f, u, out=sw)
    u -= c0
    return np.divide(f, u, out=f), u1, w


def _squareplus_near(x, b, far, slope=False, out=None):
    """``(r, e)``: ``r + e`` is squareplus(x) within 2**-74 relative, except where ``far``
    (from :func:`_squareplus_far`) marks ``|x| >= 45 sqrt(b)`` or nan, which the caller
    computes otherwise; ``r`` in ``out`` if given. With ``slope=True``, ``(r, e, h, h_lo)``,
    with ``h + h_lo`` within 2**-73 relative of ``sqrt(x^2 + b)``.

    Squareplus(x) is the positive root ``R`` of ``f(s) = s (s - x) - b/4``, for either sign
    of x. ``s``, the plain formula ``(x + h) / 2``, ``h = fl(sqrt(x^2 + b))``, truncated to 26
    bits, is within 2**-25 R (the cancellation for x < 0, by up to 2**13, costs only 2**-40),
    and :func:`_newton_step` finds ``c`` with ``s - c`` within 2**-74 R of R. Then
    ``sqrt(x^2 + b) = 2 R - x`` is ``h + h_lo`` with ``h_lo = ((s + u1) - h) + w - 2 c``:
    ``s + u1`` and its difference with ``h`` are exact (u1 and s, of 26 bits, are within a
    factor 2**14 of each other, and ``s + u1`` is within 2**-23 of h).
    """
    xc = x if far is False else np.where(far, 0.0, x)
    h = xc * xc
    h += b
    np.sqrt(h, out=h)
    s = h + xc
    s *= 0.5
    bits = s.view(np.int64)
    bits &= _LEADING_26
    c, u1, w = _newton_step(s, xc, b)
    if slope:
        h_lo = np.add(s, u1, out=u1)
        h_lo -= h
        h_lo += w
        h_lo -= c
        h_lo -= c
    r = np.subtract(s, c, out=out)
    s -= r
    s -= c  # r's rounding error, exactly: |c| is far below s
    return (r, s, h, h_lo) if slope else (r, s)


#: Beyond these b the kernels scale x and b by a power of 2 (see _squareplus_kernel).
_SQUAREPLUS_SCALED = (2.0 ** -900, 2.0 ** 900)


def _scaled_for_squareplus(x, b):
    """``(s, x s, b s^2)`` with ``s = 2**600`` or ``2**-600``, which bring b into the range
    where the pairs' products neither overflow nor underflow (b/4 of a subnormal b loses
    its digits). ``x s`` may round only where x cannot move the result (below 2**-872 sqrt(b)
    for a large b) and may overflow only where it cannot either (beyond 2**423 > 2**873
    sqrt(b) for a small one)."""
    scale = 2.0 ** (-600 if b > 1.0 else 600)
    with np.errstate(over="ignore"):
        return scale, x * scale, b * scale * scale


def _squareplus_kernel(x, b, out=None):
    if not _SQUAREPLUS_SCALED[0] <= b <= _SQUAREPLUS_SCALED[1]:
        # squareplus(x, b) = squareplus(x s, b s^2) / s with s a power of 2 (exact): the
        # pairs' products, about b, stay far from overflow and underflow, and no element
        # needs the wide path, whose hypot is not correctly rounded. Where x s overflowed,
        # squareplus(x) rounds to max(x, 0): b / (4 |x|) is below 2**-1326.
        scale, xs, bs = _scaled_for_squareplus(x, b)
        result = _squareplus_kernel(xs, bs) / scale
        return set_where(result, np.isinf(xs) & np.isfinite(x), np.maximum(x, 0.0))
    far = _squareplus_far(x, b)
    if far is None:
        return _squareplus_general_kernel(x, b)
    result, error = _squareplus_near(x, b, far, out=out)
    # Recomputed too: the rare results too close to a rounding boundary to decide.
    error *= _SQUAREPLUS_ZIV
    error += result
    redo = np.not_equal(error, result)
    if far is not False:
        redo |= far
    if redo.any():
        result[redo] = _squareplus_general_kernel(x[redo], b)
    return result


def _squareplus_general_kernel(x, b):
    _, _, _, d, d_lo, wide = _squareplus_parts(x, b)
    result = np.where(x >= 0.0, d + d_lo, divide(0.25 * b, d, d_lo))
    if wide.any():
        result[wide] = _squareplus_wide(x, wide, b, grad=False)
    return _where_finite(x, result, 0.0, np.inf)


def _squareplus_grad_kernel(x, b, out=None):
    if not _SQUAREPLUS_SCALED[0] <= b <= _SQUAREPLUS_SCALED[1]:
        # The slope depends on x / sqrt(b) alone: scaled as in _squareplus_kernel. An x s
        # that overflowed has the slope of its infinity, 1 or 0, as x has to within 2**-1700.
        _, xs, bs = _scaled_for_squareplus(x, b)
        return _squareplus_grad_kernel(xs, bs)
    far = _squareplus_far(x, b)
    if far is None:
        return _squareplus_general_grad_kernel(x, b)
    # (1 + x / h) / 2 = squareplus(x) / h, both as pairs: the quotient of their leading parts
    # corrected to first order by their low parts, which leaves the quotient's own rounding
    # and one addition, within an ULP; no branch, and for x < 0 no cancellation.
    r, r_err, h, h_lo = _squareplus_near(x, b, far, slope=True)
    result = np.divide(r, h, out=out)
    h_lo *= result
    r_err -= h_lo
    r_err /= h
    result += r_err
    if far is not False:
        result[far] = _squareplus_general_grad_kernel(x[far], b)
    return result


def _squareplus_general_grad_kernel(x, b):
    a, h, h_lo, d, d_lo, wide = _squareplus_parts(x, b)
    # (1 + x / h) / 2; for x < 0, where it cancels, b / (2 h (h - x)) = (b / 4) / (h d), with
    # h d as a pair. One division serves both branches, on numerators and denominators
    # chosen per element.
    hd, hd_err = two_prod(h, d)
    negative = x < 0.0
    ratio = divide(np.where(negative, 0.25 * b, a), np.where(negative, hd, h),
                   np.where(negative, hd_err + (h * d_lo + h_lo * d), h_lo))
    result = np.where(negative, ratio, 0.5 + 0.5 * ratio)
    if wide.any():
        result[wide] = _squareplus_wide(x, wide, b, grad=True)
    return _where_finite(x, result, 0.0, 1.0)


def _squareplus_narrow_parts(x, b):
    """``(a, h, s)``: ``|x|``, ``sqrt(x^2 + b)`` and ``|x| + sqrt(x^2 + b)``, for float32 and
    float16 inputs, whose squares (below 2**256) cannot make ``x^2 + b`` overflow."""
    a = np.abs(x)
    h = a * a
    h += b
    np.sqrt(h, out=h)
    return a, h, a + h


def _squareplus_narrow(x, b):
    """Squareplus with plain arithmetic, a few ULP, for float32 and float16 results: for
    x < 0, where x + h cancels, (b / 2) / (h - x)."""
    a, h, s = _squareplus_narrow_parts(x, b)
    return np.where(x >= 0.0, 0.5 * s, (0.5 * b) / s)


def _squareplus_grad_narrow(x, b):
    """Its slope, likewise: t = b / (h + |x|) / 2 / h is the slope at -|x| (divided twice so
    that the denominator never overflows, and b / 2 never rounds: b may be subnormal), and the
    slope at |x| is 1 - t, in [1/2, 1)."""
    _, h, t = _squareplus_narrow_parts(x, b)
    np.divide(b, t, out=t)
    t *= 0.5
    t /= h
    return np.where(x >= 0.0, 1.0 - t, t)


def squareplus(x, b=4.0):
    r"""Squareplus: :math:`\bigl(x + \sqrt{x^2 + b}\bigr) / 2`, an algebraic softplus.

    Float64 results are within 0.5 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    b : float, default 4.0
        Positive. The curvature near 0: the larger ``b``, the wider the bend
        (``jax.nn.squareplus`` and ``keras.activations.squareplus`` default to 4).

    Returns
    -------
    numpy.ndarray or numpy scalar
        The activation elementwise, with the shape of `x`. Float16, float32 and
        float64 inputs keep their dtype; integer and boolean inputs give
        float64. A 0-d input gives a NumPy scalar.

    Raises
    ------
    ValueError
        If `b` is not positive or not finite.

    See Also
    --------
    squareplus_grad : Derivative of squareplus.
    softplus : The smooth rectifier it imitates without exp and log.

    Notes
    -----
    .. math::

        \mathrm{squareplus}_b(x) = \frac{x + \sqrt{x^2 + b}}{2}

    .. math::

        \mathrm{squareplus}_b'(x) = \frac{1}{2}\Bigl(1 + \frac{x}{\sqrt{x^2 + b}}\Bigr)

    Barron (2021) proposed it as a rectifier as smooth as softplus but built
    from a square root. The textbook form cancels for :math:`x < 0` (at
    :math:`x = -10^9` it returns 0 instead of :math:`10^{-9}`), and
    :math:`x^2` overflows once :math:`|x|` exceeds :math:`1.3 \times 10^{154}`. Here
    the plain formula, cut to 26 significant bits, is corrected by one Newton step on
    :math:`s\,(s - x) = b/4`, whose positive root is :math:`\mathrm{squareplus}_b(x)`
    for either sign of :math:`x`: the residual is formed exactly from products of
    26-bit halves, and as the equation is quadratic the step includes its
    second-order term. The derivative takes the same step on
    :math:`s\,(s - |x|) = b/4` and uses
    :math:`\mathrm{squareplus}_b(x) = \mathrm{squareplus}_b(|x|) - |x|` for
    :math:`x < 0`, where the first rounded value minus :math:`|x|` is exact. The
    results too close to a rounding boundary to be decided this way, and those for
    :math:`|x| \ge 45\sqrt{b}`, are computed with :math:`\sqrt{x^2 + b}` from
    ``hypot``, and for :math:`x < 0` with the equivalent forms
    :math:`b / \bigl(2(\sqrt{x^2 + b} - x)\bigr)` and
    :math:`b / \bigl(2\sqrt{x^2 + b}\,(\sqrt{x^2 + b} - x)\bigr)`, which add
    positive terms only.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import squareplus
    >>> squareplus([-np.inf, 0.0, 1.5, np.inf])
    array([ 0.,  1.,  2., inf])
    >>> print(squareplus(-1e9))
    1e-09
    >>> squareplus(0.0, b=1.0)
    np.float64(0.5)
    """
    b = _check_squareplus("squareplus", b)
    return apply_elementwise("squareplus", x, _squareplus_kernel, b, fills=True,
                             narrow=_squareplus_narrow)


def squareplus_grad(x, b=4.0):
    r"""Derivative of squareplus.

    Float64 results are within 1.3 ULP of the true value.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.
    b : float, default 4.0
        Positive, as in :func:`squareplus`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\mathrm{squareplus}_b'(x)` elementwise, in :math:`(0, 1)`;
        shape and dtype rules as for :func:`squareplus`.

    Raises
    ------
    ValueError
        If `b` is not positive or not finite.

    See Also
    --------
    squareplus : The function itself, with the formulas.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import squareplus_grad
    >>> squareplus_grad([-np.inf, 0.0, 1.5, np.inf])
    array([0. , 0.5, 0.8, 1. ])
    """
    b = _check_squareplus("squareplus_grad", b)
    return apply_elementwise("squareplus_grad", x, _squareplus_grad_kernel, b, fills=True,
                             narrow=_squareplus_grad_narrow)


def _sparse_plus_kernel(x):
    xc = np.clip(x, -1.0, 1.0)
    s, e = two_sum(xc, 1.0)  # x + 1 as an exact pair
    middle = 0.25 * (s * s + 2.0 * s * e)
    return np.where(x <= -1.0, 0.0, np.where(x >= 1.0, x, middle))


def _sparse_plus_grad_kernel(x):
    return np.where(x <= -1.0, 0.0, np.where(x >= 1.0, 1.0, 0.5 * (x + 1.0)))


def sparse_plus(x):
    r"""Sparse plus: 0 below :math:`-1`, :math:`(x + 1)^2 / 4` between, :math:`x` above 1.

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
    sparse_plus_grad : Derivative of sparse plus.
    sparse_sigmoid : Its derivative, as an activation.
    softplus : The smooth function it resembles.

    Notes
    -----
    .. math::

        \mathrm{sparse\_plus}(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{4}(x + 1)^2 & -1 < x < 1 \\ x & x \ge 1 \end{cases}

    .. math::

        \mathrm{sparse\_plus}'(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{2}(x + 1) & -1 < x < 1 \\ 1 & x \ge 1 \end{cases}

    The counterpart of softplus in the Fenchel-Young framework of Blondel,
    Martins and Niculae (2019), as ``jax.nn.sparse_plus`` defines it: exactly
    0 and exactly linear outside :math:`[-1, 1]`, with a parabola that joins
    the two so that the derivative is continuous. The sum :math:`x + 1` is
    kept as an exact pair, so the result is within 1.0 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sparse_plus
    >>> sparse_plus([-np.inf, -1.0, 0.0, 0.5, 1.0, 3.0, np.inf])
    array([0.    , 0.    , 0.25  , 0.5625, 1.    , 3.    ,    inf])
    """
    return apply_elementwise("sparse_plus", x, _sparse_plus_kernel)


def sparse_plus_grad(x):
    r"""Derivative of sparse plus.

    Parameters
    ----------
    x : array_like
        Real input: a number, a (nested) list, a NumPy array or a CPU tensor.

    Returns
    -------
    numpy.ndarray or numpy scalar
        0 below :math:`-1`, :math:`(x + 1)/2` between, 1 from 1 on; shape and
        dtype rules as for :func:`sparse_plus`.

    See Also
    --------
    sparse_plus : The function itself, with the formulas.
    sparse_sigmoid : The same values as an activation.

    Notes
    -----
    Continuous, so the convention at the kinks :math:`\pm 1` does not matter;
    one rounding (of :math:`x + 1`), so within 0.5 ULP.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sparse_plus_grad
    >>> sparse_plus_grad([-np.inf, -1.0, 0.0, 0.5, 1.0, np.inf])
    array([0.  , 0.  , 0.5 , 0.75, 1.  , 1.  ])
    """
    return apply_elementwise("sparse_plus_grad", x, _sparse_plus_grad_kernel)

