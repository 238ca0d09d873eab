"""Tests of the reference package against independent references.

References: mpmath at 60 significant digits (values and derivatives), PyTorch
(forward functions and autograd), and hand-derived values. No expected value is
copied from the package's output. Where the package is compared with itself
(the same data in another dtype or memory layout, f' against a difference
quotient of f), the test says so.

Run with ``-W error``: any warning, from NumPy or elsewhere, fails the test.
"""

import dataclasses
import functools
import inspect
import math
import operator
import pathlib
import re
import warnings

import mpmath
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import activations
from activations import (elu, elu_grad, leaky_relu, leaky_relu_grad, relu,
                         relu_grad, sigmoid, sigmoid_grad, softmax,
                         softmax_jacobian, tanh, tanh_grad)
from activations.catalogue import (CATALOGUE, SATURATION, SMOOTHNESS,
                                   Activation, by_name, math_blocks)

mpmath.mp.dps = 60
mpf = mpmath.mpf

PACKAGE_DIR = pathlib.Path(activations.__file__).resolve().parent
ELEMENTWISE = [a for a in CATALOGUE if a.elementwise]
VECTOR = [a for a in CATALOGUE if not a.elementwise]
HYPOTHESIS = settings(max_examples=150, deadline=None, database=None)

# --------------------------------------------------------------------------
# Independent references: the definitions, written in mpmath.
# Each entry: name -> (f, f'), functions of an mpf (which may be +-inf) and the
# default parameters. mpf(0.01) is the exact value of the float64 0.01.
# --------------------------------------------------------------------------


def _mp_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _mp_sigmoid_grad(x):
    e = mpmath.exp(-abs(x))
    return e / (1 + e) ** 2


def _mp_leaky(x, a=0.01):
    return x if x > 0 else mpf(a) * x


def _mp_elu(x, alpha=1.0):
    return x if x > 0 else mpf(alpha) * mpmath.expm1(x)


MP_REFERENCE = {
    "relu": (lambda x: max(mpf(0), x), lambda x: mpf(1) if x > 0 else mpf(0)),
    "leaky_relu": (_mp_leaky, lambda x, a=0.01: mpf(1) if x > 0 else mpf(a)),
    "elu": (_mp_elu, lambda x, alpha=1.0: mpf(1) if x > 0 else mpf(alpha) * mpmath.exp(x)),
    "sigmoid": (_mp_sigmoid, _mp_sigmoid_grad),
    "tanh": (mpmath.tanh, lambda x: mpmath.sech(x) ** 2),
}

# Accuracy goals in ULP (float64) from the design document.
ULP_GOAL = {
    "relu": 2, "relu_grad": 2, "leaky_relu": 2, "leaky_relu_grad": 2,
    "elu": 2, "elu_grad": 2, "sigmoid": 2, "tanh": 2,
    "sigmoid_grad": 4, "tanh_grad": 4, "softmax": 4,
}
# Computed in float64, rounded once: half an ULP plus the float64 error.
NARROW_ULP_GOAL = 0.5 + 1e-6


def _sample():
    rng = np.random.default_rng(20261122)
    extremes = [0.0, -0.0, 5e-324, 1e-310, 1e-300, 1e-30, 1e-8, 0.5, 1.0, 5.0, 30.0,
                36.75, 89.0, 354.0, 354.5, 372.0, 700.0, 709.78, 710.0, 745.0,
                746.0, 1e10, 1e300, 1e308, np.finfo(np.float64).max]
    magnitudes = 10.0 ** rng.uniform(-300, 308, 40)
    positive = np.concatenate([extremes, magnitudes, rng.uniform(20, 800, 60),
                               rng.uniform(353.0, 356.0, 30)])
    return np.unique(np.concatenate([
        np.linspace(-20.0, 20.0, 801),
        rng.uniform(-20.0, 20.0, 300),
        rng.uniform(-1.0, 1.0, 100),
        positive, -positive,
    ]))


SAMPLE = _sample()


@functools.lru_cache(maxsize=None)
def _exact(ref_name, which, dtype_name):
    """mpmath values of f (which=0) or f' (which=1) at SAMPLE rounded to dtype."""
    with np.errstate(over="ignore"):  # huge samples become inf in float16/32
        points = SAMPLE.astype(dtype_name)
    fn = MP_REFERENCE[ref_name][which]
    return points, [fn(mpf(float(v))) for v in points]


def ulp_errors(computed, exact, dtype):
    """|computed - exact| in units of the spacing of ``exact`` in ``dtype``."""
    dtype = np.dtype(dtype)
    errors = []
    for c, e in zip(np.asarray(computed).ravel(), exact):
        if mpmath.isinf(e):
            errors.append(0.0 if float(c) == float(e) else np.inf)
            continue
        with np.errstate(over="ignore"):
            rounded = dtype.type(float(e))  # nearest float of that type
        if not np.isfinite(c):
            # Only acceptable if the exact value rounds to infinity in dtype.
            errors.append(0.0 if np.isinf(rounded) and np.sign(c) == np.sign(rounded)
                          else np.inf)
            continue
        spacing = _ulp(rounded if np.isfinite(rounded) else np.finfo(dtype).max, dtype)
        errors.append(float(abs(mpf(float(c)) - e) / mpf(spacing)))
    return np.array(errors)


def _ulp(value, dtype):
    """Spacing of the floats of ``dtype`` at ``value`` (the gap above |value|)."""
    info = np.finfo(dtype)
    value = abs(float(value))
    if value < info.smallest_normal:
        return float(info.smallest_subnormal)
    return math.ldexp(1.0, math.frexp(value)[1] - info.nmant - 1)


def _pairs():
    for a in ELEMENTWISE:
        yield pytest.param(a.name, 0, a.function, id=a.name)
        yield pytest.param(a.name, 1, a.derivative, id=a.derivative.__name__)


# --------------------------------------------------------------------------
# Accuracy against mpmath
# --------------------------------------------------------------------------


@pytest.mark.parametrize("ref_name, which, func", list(_pairs()))
def test_float64_accuracy_vs_mpmath(ref_name, which, func):
    points, exact = _exact(ref_name, which, "float64")
    errors = ulp_errors(func(points), exact, np.float64)
    worst = int(np.argmax(errors))
    assert errors[worst] <= ULP_GOAL[func.__name__], (
        f"{func.__name__}: {errors[worst]:.3f} ULP at x = {points[worst]!r}")


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("ref_name, which, func", list(_pairs()))
def test_narrow_float_accuracy_vs_mpmath(ref_name, which, func, dtype):
    points, exact = _exact(ref_name, which, np.dtype(dtype).name)
    result = func(points)
    assert result.dtype == dtype
    errors = ulp_errors(result, exact, dtype)
    worst = int(np.argmax(errors))
    assert errors[worst] <= NARROW_ULP_GOAL, (
        f"{func.__name__}: {errors[worst]:.3f} ULP at x = {points[worst]!r}")


@pytest.mark.parametrize("func, mp_func, params", [
    (leaky_relu, _mp_leaky, (0.2,)),
    (leaky_relu, _mp_leaky, (-1.5,)),
    (elu, _mp_elu, (2.5,)),
    (elu, _mp_elu, (0.3,)),
])
def test_parameterised_accuracy(func, mp_func, params):
    points = SAMPLE[np.abs(SAMPLE) < 1e300]
    exact = [mp_func(mpf(float(v)), *params) for v in points]
    assert ulp_errors(func(points, *params), exact, np.float64).max() <= 2


def _softmax_rows():
    rng = np.random.default_rng(7)
    rows = [rng.uniform(-20, 20, n) for n in rng.integers(2, 12, 120)]
    rows += [rng.uniform(-700, 700, n) for n in rng.integers(2, 8, 40)]
    rows += [rng.normal(0.0, 3.0, 33) for _ in range(10)]
    rows += [np.array([-1.0, 2.0, -3.0, 4.0]), np.array([5.0, -6.0, 7.0, 10.0]),
             np.array([1e308, -1e308, 0.999e308]), np.array([-1e308, -1.1e308]),
             np.array([5e-324, 0.0, -5e-324]), np.array([-745.0, 0.0, 745.0]),
             np.array([1.1, 20.0, -18.9, 20.0])]
    return rows


def _mp_softmax(row):
    values = [mpf(float(v)) for v in row]
    m = max(values)
    weights = [mpmath.exp(v - m) for v in values]
    total = mpmath.fsum(weights)
    return [w / total for w in weights]


@functools.lru_cache(maxsize=None)
def _softmax_reference():
    rows = _softmax_rows()
    rows32 = [r.astype(np.float32) for r in rows if np.all(np.abs(r) < 1e38)]
    return (rows, [_mp_softmax(r) for r in rows],
            rows32, [_mp_softmax(r) for r in rows32])


def test_softmax_accuracy_vs_mpmath():
    rows, exact64, rows32, exact32 = _softmax_reference()
    worst64 = max(ulp_errors(softmax(r), e, np.float64).max() for r, e in zip(rows, exact64))
    assert worst64 <= ULP_GOAL["softmax"]
    worst32 = max(ulp_errors(softmax(r), e, np.float32).max()
                  for r, e in zip(rows32, exact32))
    assert worst32 <= NARROW_ULP_GOAL


def test_softmax_jacobian_vs_mpmath():
    rows, exact64, _, _ = _softmax_reference()
    for row, s in zip(rows, exact64):
        n = len(row)
        # 1 - s_i as the sum of the other entries: no cancellation even when
        # s_i is within 1e-300 of 1.
        exact = [s[i] * mpmath.fsum(s[k] for k in range(n) if k != i) if i == j
                 else -s[i] * s[j] for i in range(n) for j in range(n)]
        errors = ulp_errors(softmax_jacobian(row), exact, np.float64)
        assert errors.max() <= 4, row


# --------------------------------------------------------------------------
# Derivatives: finite differences in mpmath, and consistency with f
# --------------------------------------------------------------------------

FD_POINTS = np.array([-15.0, -7.3, -2.0, -0.7, -0.01, 0.013, 0.5, 1.7, 3.0, 9.9, 18.0])


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_derivative_vs_mpmath_central_difference(activation):
    f_mp = MP_REFERENCE[activation.name][0]
    reference = [mpmath.diff(f_mp, mpf(float(x))) for x in FD_POINTS]
    assert_allclose(activation.derivative(FD_POINTS), [float(r) for r in reference],
                    rtol=1e-14, atol=0)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_derivative_consistent_with_function(activation):
    # A float64 central difference of the package's own f agrees with f' to
    # the accuracy of the difference quotient.
    h = 1e-6
    difference = (activation.function(FD_POINTS + h)
                  - activation.function(FD_POINTS - h)) / (2 * h)
    assert_allclose(activation.derivative(FD_POINTS), difference, rtol=1e-7, atol=1e-9)


# --------------------------------------------------------------------------
# PyTorch: forward values and autograd
# --------------------------------------------------------------------------

TORCH_GRID = np.concatenate([np.linspace(-20.0, 20.0, 1601), [-89.0, -30.0, 30.0, 89.0]])


def _torch_function(activation):
    return operator.attrgetter(activation.torch.removeprefix("torch."))(torch)


def _torch_forward(activation, x, **kwargs):
    fn = _torch_function(activation)
    if not activation.elementwise:
        kwargs.setdefault("dim", -1)
    return fn(torch.from_numpy(np.ascontiguousarray(x)), **kwargs).numpy()


def _torch_grad(fn, x):
    t = torch.tensor(x, requires_grad=True)
    fn(t).sum().backward()
    return t.grad.numpy()


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@pytest.mark.parametrize("dtype, rtol", [(np.float64, 2e-15), (np.float32, 4e-7)])
def test_forward_matches_torch(activation, dtype, rtol):
    # Only below the smallest normal number may torch differ more: its float32
    # sigmoid returns 0 where the true value is subnormal (2.2e-39 at x = -89).
    x = TORCH_GRID.astype(dtype)
    ours = activation.function(x)
    assert ours.dtype == dtype
    assert_allclose(ours, _torch_forward(activation, x), rtol=rtol,
                    atol=np.finfo(dtype).smallest_normal)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@pytest.mark.parametrize("dtype, rtol, atol", [(np.float64, 1e-13, 1e-15),
                                               (np.float32, 2e-6, 3e-7)])
def test_derivative_matches_torch_autograd(activation, dtype, rtol, atol):
    # PyTorch computes sigma' as s(1 - s) and tanh' as 1 - t^2, whose absolute
    # error is about one float64 epsilon; hence the small absolute tolerance.
    x = TORCH_GRID.astype(dtype)
    ours = activation.derivative(x)
    assert ours.dtype == dtype
    assert_allclose(ours, _torch_grad(_torch_function(activation), x),
                    rtol=rtol, atol=atol)


@pytest.mark.parametrize("func, grad, torch_fn, params", [
    (relu, relu_grad, F.relu, ()),
    (leaky_relu, leaky_relu_grad, F.leaky_relu, (0.01,)),
    (leaky_relu, leaky_relu_grad, F.leaky_relu, (0.3,)),
    (leaky_relu, leaky_relu_grad, F.leaky_relu, (-0.5,)),
    (leaky_relu, leaky_relu_grad, F.leaky_relu, (0.0,)),
    (elu, elu_grad, F.elu, (1.0,)),
    (elu, elu_grad, F.elu, (2.0,)),
    (elu, elu_grad, F.elu, (0.5,)),
    (elu, elu_grad, F.elu, (0.0,)),
])
def test_kink_convention_matches_autograd(func, grad, torch_fn, params):
    x = np.array([-1.0, -0.0, 0.0, 1.0])
    expected = _torch_grad(lambda t: torch_fn(t, *params), x)
    assert_array_equal(grad(x, *params), expected)
    assert_array_equal(func(x, *params), torch_fn(torch.from_numpy(x), *params).numpy())


def test_kink_conventions_by_hand():
    # Hand-derived: torch's autograd takes the left derivative at 0.
    assert relu_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0) == 0.01
    assert leaky_relu_grad(0.0, negative_slope=0.25) == 0.25
    assert elu_grad(0.0) == 1.0
    assert elu_grad(0.0, alpha=3.0) == 3.0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_matches_torch(dtype):
    rng = np.random.default_rng(3)
    x = rng.uniform(-30, 30, (4, 5, 6)).astype(dtype)
    x64 = torch.from_numpy(x.astype(np.float64))
    for axis in range(3):
        ours = softmax(x, axis=axis)
        assert ours.dtype == dtype
        if dtype == np.float32:
            # torch's float64 softmax rounded to float32: within one float32 ULP.
            expected = F.softmax(x64, dim=axis).numpy().astype(dtype)
            assert_allclose(ours, expected, rtol=np.finfo(dtype).eps, atol=1e-300)
        # torch rounds x - max in the working precision, so the exponent has an
        # absolute error up to 60 * eps / 2 here, which becomes a relative error
        # of the result (tens of ULP in float64, the design measured up to 506).
        native = F.softmax(torch.from_numpy(x), dim=axis).numpy()
        assert_allclose(ours, native, rtol=60 * np.finfo(dtype).eps, atol=1e-300)
    assert_array_equal(softmax(x), softmax(x, axis=2))


def test_softmax_jacobian_matches_torch_autograd():
    rng = np.random.default_rng(4)
    x = rng.uniform(-4, 4, (3, 5, 2))  # softmax along axis 1
    jac = softmax_jacobian(x, axis=1)
    assert jac.shape == (3, 2, 5, 5)
    for a in range(3):
        for b in range(2):
            row = torch.from_numpy(x[a, :, b].copy())
            expected = torch.autograd.functional.jacobian(
                lambda t: F.softmax(t, dim=0), row).numpy()
            assert_allclose(jac[a, b], expected, rtol=1e-13, atol=1e-16)


# --------------------------------------------------------------------------
# Hand-derived values
# --------------------------------------------------------------------------


def test_hand_derived_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_grad(0.0) == 0.25
    assert tanh(0.0) == 0.0 and tanh_grad(0.0) == 1.0
    assert_array_equal(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    assert_array_equal(leaky_relu([-200.0, 4.0]), [-2.0, 4.0])
    assert_array_equal(leaky_relu([-3.0], negative_slope=0.5), [-1.5])
    assert elu(-np.inf) == -1.0 and elu(-np.inf, alpha=2.0) == -2.0
    assert_array_equal(softmax([0.0, 0.0, 0.0, 0.0]), [0.25] * 4)
    # ln 3 is rounded, but 0.75 and 0.25 are still the nearest doubles.
    assert_array_equal(softmax([np.log(3.0), 0.0]), [0.75, 0.25])
    assert_array_equal(softmax_jacobian([0.0, 0.0]), [[0.25, -0.25], [-0.25, 0.25]])
    # sigmoid(x) = softmax((x, 0))_0
    for x in [-3.0, 0.5, 12.0]:
        assert_allclose(softmax([x, 0.0])[0], float(_mp_sigmoid(mpf(x))), rtol=4e-16)
    # The design's logits: rows sum to 1, argmax 3 and 3.
    p = softmax([[-1, 2, -3, 4], [5, -6, 7, 10]])
    assert_allclose(p.sum(axis=-1), 1.0, rtol=4e-16)
    assert_array_equal(p.argmax(axis=-1), [3, 3])


# --------------------------------------------------------------------------
# Properties (hypothesis)
# --------------------------------------------------------------------------

finite_or_inf = st.floats(allow_nan=False, allow_infinity=True, width=64)


def _parse_range(activation):
    r"""(low, high, low_closed, high_closed) from the LaTeX range."""
    match = re.fullmatch(r"\s*([\[(])\s*(.+?)\s*,\s*(.+?)\s*([\])])\s*", activation.range)
    assert match, activation.range
    defaults = activation.parameters

    def value(token):
        sign = -1.0 if token.startswith("-") else 1.0
        token = token.lstrip("-").strip()
        if token == r"\infty":
            return sign * np.inf
        if token == r"\alpha":
            return sign * defaults["alpha"]
        return sign * float(token)

    return (value(match[2]), value(match[3]), match[1] == "[", match[4] == "]")


def _tolerance(values):
    """Four ULP of each finite value (rounding may break monotonicity by that)."""
    values = np.abs(np.asarray(values, dtype=float))
    return 4 * np.spacing(np.where(np.isfinite(values), values, 0.0))


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@HYPOTHESIS
@given(x=finite_or_inf, y=finite_or_inf)
def test_property_range_and_monotonic(activation, x, y):
    low, high, _, _ = _parse_range(activation)
    fx, fy = activation.function(np.array([x, y]))
    assert low <= fx <= high and low <= fy <= high
    if activation.monotonic:
        (_, lo_f), (_, hi_f) = sorted([(x, fx), (y, fy)])
        assert lo_f <= hi_f or lo_f - hi_f <= _tolerance(hi_f)
        assert activation.derivative(x) >= 0.0


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@HYPOTHESIS
@given(x=finite_or_inf)
def test_property_derivative_finite(activation, x):
    assert np.isfinite(activation.derivative(x))


@HYPOTHESIS
@given(x=st.floats(-300, 300))
def test_property_tanh_is_rescaled_sigmoid(x):
    assert abs(tanh(x) - (2 * sigmoid(2 * x) - 1)) <= 6e-16  # a few epsilons
    assert abs(tanh_grad(x) - 4 * sigmoid_grad(2 * x)) <= 1e-15 * max(tanh_grad(x), 1e-300)


logit_rows = st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=12)


@HYPOTHESIS
@given(row=logit_rows, shift=st.integers(-200, 200))
def test_property_softmax_sums_to_one_and_shift_invariant(row, shift):
    # Scores on a grid of 2**-8 so that adding an integer shift is exact.
    x = np.round(np.array(row) * 256) / 256
    p = softmax(x)
    assert np.all((p >= 0) & (p <= 1))
    assert abs(p.sum() - 1.0) <= 4 * len(row) * np.finfo(float).eps
    assert_allclose(softmax(x + shift), p, rtol=1e-15, atol=1e-300)
    jac = softmax_jacobian(x)
    assert_allclose(jac, jac.T, rtol=0, atol=0)
    assert np.all(np.abs(jac.sum(axis=-1)) <= 4 * len(row) * np.finfo(float).eps)
    assert np.all(np.diag(jac) >= 0)


@HYPOTHESIS
@given(row=st.lists(finite_or_inf, min_size=1, max_size=8))
def test_property_softmax_never_warns(row):
    x = np.array(row)
    with np.errstate(all="raise"):
        p = softmax(x)
        softmax_jacobian(x)
    if np.all(x == -np.inf):
        assert np.all(np.isnan(p))
    else:
        assert np.all(np.isfinite(p))
        assert abs(p.sum() - 1.0) <= 4 * len(row) * np.finfo(float).eps


# --------------------------------------------------------------------------
# Edge cases
# --------------------------------------------------------------------------

EDGE = np.array([0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 30.0, -30.0, 89.0, -89.0,
                 710.0, -710.0, 1e308, -1e308, np.inf, -np.inf])
ALL_FUNCTIONS = [getattr(activations, name) for name in activations.__all__]
ELEMENTWISE_FUNCTIONS = [f for a in ELEMENTWISE for f in (a.function, a.derivative)]


@pytest.mark.parametrize("ref_name, which, func", list(_pairs()))
def test_edge_values_no_warning_and_finite(ref_name, which, func):
    with np.errstate(all="raise"):
        result = func(EDGE)
    exact = [MP_REFERENCE[ref_name][which](mpf(float(v))) for v in EDGE]
    for x, r, e in zip(EDGE, result, exact):
        assert np.isfinite(r) == (not mpmath.isinf(e)), (x, r)
    assert ulp_errors(result, exact, np.float64).max() <= ULP_GOAL[func.__name__]


@pytest.mark.parametrize("func", ELEMENTWISE_FUNCTIONS, ids=lambda f: f.__name__)
def test_nan_propagates(func):
    result = func(np.array([np.nan, 1.0, -np.nan]))
    assert np.isnan(result[0]) and np.isnan(result[2]) and not np.isnan(result[1])
    assert np.isnan(func(np.nan))


def test_softmax_limits():
    inf, nan = np.inf, np.nan
    assert_array_equal(softmax([inf, 1.0, inf, -inf]), [0.5, 0.0, 0.5, 0.0])
    assert_array_equal(softmax([inf, 1e308]), [1.0, 0.0])
    assert_array_equal(softmax([-inf, 3.0, -inf]), [0.0, 1.0, 0.0])
    assert_array_equal(softmax([1e308, -1e308]), [1.0, 0.0])
    assert_array_equal(softmax([-1e308, -1e308]), [0.5, 0.5])
    assert_array_equal(softmax([-1e308, -np.finfo(float).max]), [1.0, 0.0])
    assert_array_equal(softmax([5e-324, -5e-324]), [0.5, 0.5])
    with np.errstate(all="raise"):
        result = softmax([[-inf, -inf], [nan, 1.0], [inf, nan], [0.0, 0.0]])
    assert np.all(np.isnan(result[:3]))
    assert_array_equal(result[3], [0.5, 0.5])


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int8, np.int64,
                                   np.uint16, np.bool_])
def test_dtype_and_shape(func, dtype):
    x = np.arange(-6, 6).reshape(3, 4).astype(dtype)
    expected = dtype if np.issubdtype(dtype, np.floating) else np.float64
    result = func(x)
    assert result.dtype == expected
    assert result.shape == ((3, 4, 4) if func is softmax_jacobian else (3, 4))
    assert_allclose(result, func(x.astype(np.float64)), rtol=np.finfo(expected).eps,
                    atol=np.finfo(expected).smallest_subnormal)


@pytest.mark.parametrize("func", ELEMENTWISE_FUNCTIONS, ids=lambda f: f.__name__)
def test_scalars_lists_and_zero_d(func):
    for scalar in [1.5, 2, True, np.float64(1.5), np.array(-0.5)]:
        result = func(scalar)
        assert isinstance(result, np.float64) and np.ndim(result) == 0
    assert isinstance(func(np.float32(1.5)), np.float32)
    assert isinstance(func(np.array(1.5, dtype=np.float16)), np.float16)
    assert_array_equal(func([[0.5, -1.0]]), func(np.array([[0.5, -1.0]])))
    assert func([[0.5, -1.0]]).shape == (1, 2)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(0,), (2, 0), (0, 3)])
def test_empty_arrays(func, shape):
    result = func(np.empty(shape, dtype=np.float32))
    assert result.dtype == np.float32
    expected = shape + (shape[-1],) if func is softmax_jacobian else shape
    assert result.shape == expected


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_input_never_modified(func):
    base = np.linspace(-40.0, 40.0, 48).reshape(6, 8)
    cases = [base.copy(), base.T, base[::2, ::3], base[:, ::-1]]
    readonly = base.copy()
    readonly.flags.writeable = False
    cases.append(readonly)
    cases.append(base.astype(">f8"))
    for x in cases:
        before = x.copy()
        result = func(x)
        assert_array_equal(x, before)
        assert result.dtype == np.float64
        assert np.all(np.isfinite(result))
        assert not np.shares_memory(result, x)
        assert_allclose(result, func(np.ascontiguousarray(x, dtype=np.float64)), rtol=0)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_torch_tensor_input(func):
    t = torch.linspace(-3, 3, 7)
    result = func(t)
    assert isinstance(result, np.ndarray) and result.dtype == np.float32
    assert_allclose(result, func(t.numpy().astype(np.float64)), rtol=6e-8)


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------

BAD_INPUTS = [
    pytest.param("abc", "str", id="str"),
    pytest.param(b"abc", "bytes", id="bytes"),
    pytest.param(1 + 2j, "complex128", id="complex"),
    pytest.param(np.array([1.0, 2j]), "complex128", id="complex-array"),
    pytest.param(np.array([1.0, None], dtype=object), "None", id="object-array"),
    pytest.param(None, "None", id="None"),
    pytest.param(np.datetime64("2026-11-01"), "datetime64", id="datetime"),
    pytest.param([[1.0, 2.0], [3.0]], "[[1.0, 2.0], [3.0]]", id="ragged"),
    pytest.param(["1.0", 2.0], "str", id="mixed-list"),
    pytest.param(torch.ones(2, requires_grad=True), "Tensor", id="tensor-requires-grad"),
    pytest.param([2**70, 1], "1180591620717411303424", id="huge-int"),
    pytest.param(np.array([0.5], dtype=object), "Python objects", id="object-numbers"),
]


def _raises_cleanly(func, *args, **kwargs):
    """Call func expecting TypeError/ValueError raised from the package itself."""
    with pytest.raises((TypeError, ValueError)) as info:
        func(*args, **kwargs)
    err = info.value
    assert err.__suppress_context__ or err.__context__ is None
    last_frame = pathlib.Path(info.traceback[-1].path).resolve()
    assert PACKAGE_DIR in last_frame.parents, last_frame
    return str(err)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad, shown", BAD_INPUTS)
def test_bad_input_raises_with_name(func, bad, shown):
    message = _raises_cleanly(func, bad)
    assert message.startswith(f"{func.__name__}: "), message
    assert shown in message, message


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_long_double(func):
    x = np.ones(2, dtype=np.longdouble)
    if np.finfo(np.longdouble).nmant == np.finfo(np.float64).nmant:
        assert func(x).dtype == np.float64  # long double is double here
    else:
        message = _raises_cleanly(func, x)
        assert message.startswith(f"{func.__name__}: ") and "long double" in message


def test_bad_input_message_example():
    message = _raises_cleanly(sigmoid, np.array([1j]))
    assert message.startswith("sigmoid: expected real numbers, got complex128 input")


@pytest.mark.parametrize("func, name", [
    (leaky_relu, "negative_slope"), (leaky_relu_grad, "negative_slope"),
    (elu, "alpha"), (elu_grad, "alpha"),
])
@pytest.mark.parametrize("value, shown", [
    (np.nan, "nan"), (np.inf, "inf"), (-np.inf, "-inf"), ("0.1", "'0.1'"),
    (None, "None"), (True, "True"), ([0.1], "[0.1]"), (1j, "1j"),
])
def test_bad_parameter(func, name, value, shown):
    message = _raises_cleanly(func, [1.0, -1.0], value)
    assert message.startswith(f"{func.__name__}: {name} "), message
    assert shown in message, message


def test_parameter_types_accepted():
    from fractions import Fraction
    for value in [0, 2, np.float32(0.25), np.int64(1), Fraction(1, 4)]:
        assert np.isfinite(leaky_relu(-1.0, value)) and np.isfinite(elu(-1.0, value))


@pytest.mark.parametrize("func", [softmax, softmax_jacobian], ids=lambda f: f.__name__)
def test_bad_axis(func):
    message = _raises_cleanly(func, [1.0, 2.0], axis=2)
    assert message == f"{func.__name__}: axis 2 is out of range for an input with 1 dimension"
    message = _raises_cleanly(func, [[1.0, 2.0]], axis=-3)
    assert message == (f"{func.__name__}: axis -3 is out of range for an input "
                       "with 2 dimensions")
    message = _raises_cleanly(func, 3.0)
    assert message == (f"{func.__name__}: axis -1 is out of range for an input "
                       "with 0 dimensions")
    for axis in [1.5, None, "0", True, (0,)]:
        message = _raises_cleanly(func, [1.0, 2.0], axis=axis)
        assert message.startswith(f"{func.__name__}: axis must be an integer"), message
    assert_array_equal(func([[0.0, 0.0]], axis=np.int64(0)), func([[0.0, 0.0]], axis=0))


# --------------------------------------------------------------------------
# The catalogue: structure, and every stated property checked numerically
# --------------------------------------------------------------------------

DENSE = np.linspace(-60.0, 60.0, 24001)
EXTREMES = np.array([-np.inf, -1e308, -745.0, -40.0, 40.0, 745.0, 1e308, np.inf])


def test_catalogue_structure():
    names = [a.name for a in CATALOGUE]
    assert len(set(names)) == len(names)
    covered = {a.function.__name__ for a in CATALOGUE} | {a.derivative.__name__
                                                          for a in CATALOGUE}
    assert covered == set(activations.__all__)
    for a in CATALOGUE:
        assert isinstance(a, Activation)
        assert a.function.__name__ == a.name
        assert getattr(activations, a.name) is a.function
        suffix = "_grad" if a.elementwise else "_jacobian"
        assert a.derivative.__name__ == a.name + suffix
        assert a.saturating in SATURATION and a.smoothness in SMOOTHNESS
        assert (a.smoothness == "C∞") == (a.kinks == ())
        assert a.label and a.paper and 1940 <= a.year <= 2030
        assert by_name(a.name) is a
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.name = "changed"


def test_by_name_unknown():
    with pytest.raises(KeyError, match="no activation named 'swishy'.*relu"):
        by_name("swishy")


@pytest.mark.parametrize("activation", CATALOGUE, ids=lambda a: a.name)
def test_formulas_come_from_docstrings(activation):
    blocks = math_blocks(activation.function.__doc__)
    assert blocks == [activation.formula, activation.derivative_formula]
    assert all(b and "\n\n" not in b for b in blocks)
    assert "'" in activation.derivative_formula or r"\partial" in activation.derivative_formula
    # The derivative's docstring refers back to f instead of repeating the formulas.
    assert math_blocks(activation.derivative.__doc__) == []
    assert activation.name in activation.derivative.__doc__.split("See Also")[1]


def test_docstrings_are_complete():
    for func in ALL_FUNCTIONS:
        doc = inspect.getdoc(func)
        for section in ["Parameters", "Returns", "Notes", "Examples"]:
            assert f"\n{section}\n" in doc, (func.__name__, section)
        examples = doc.split("Examples\n--------")[1]
        assert "import" in examples and "inf" in examples, func.__name__
        # Raw strings: LaTeX backslashes survive.
        assert "\x07" not in doc and "\x0c" not in doc and "\t" not in doc


def test_math_blocks_parser():
    doc = """Summary.

    .. math::
       :label: eq

        a = b

    Text.

    .. math:: c = d
    """
    assert math_blocks(doc) == ["a = b", "c = d"]


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_computed_values(activation):
    fn = _torch_function(activation)
    zero = torch.zeros((), dtype=torch.float64)
    assert activation.value_at_zero == fn(zero).item()
    assert activation.derivative_at_zero == _torch_grad(fn, np.zeros(1))[0]
    assert isinstance(activation.value_at_zero, float)


def test_catalogue_vector_valued_has_no_scalar_values():
    for a in VECTOR:
        assert a.value_at_zero is None and a.derivative_at_zero is None


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_monotonic(activation):
    values = activation.function(DENSE)
    steps = np.diff(values)
    if activation.monotonic:
        assert np.all(steps >= -_tolerance(values[1:]))
    else:
        assert np.any(steps < -_tolerance(values[1:]))


def test_catalogue_monotonic_vector_valued():
    rng = np.random.default_rng(11)
    x = rng.normal(0, 5, (200, 6))
    for a in VECTOR:
        diagonal = np.diagonal(a.derivative(x), axis1=-2, axis2=-1)
        assert np.all(diagonal >= 0) == a.monotonic


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_range(activation):
    low, high, low_closed, high_closed = _parse_range(activation)
    values = activation.function(np.concatenate([DENSE, EXTREMES]))
    assert values.min() >= low and values.max() <= high
    # The bounds are the infimum and supremum: approached at the extremes.
    assert np.isclose(values.min(), low, rtol=1e-12, atol=1e-300) or low == values.min()
    assert np.isclose(values.max(), high, rtol=1e-12, atol=1e-300) or high == values.max()
    # Closed ends are attained at finite x; open ends are not (|x| <= 10, where
    # rounding cannot reach them).
    moderate = activation.function(np.linspace(-10, 10, 2001))
    assert (low in moderate) == low_closed
    assert (high in moderate) == high_closed


def test_catalogue_range_vector_valued():
    rng = np.random.default_rng(12)
    for a in VECTOR:
        low, high, low_closed, high_closed = _parse_range(a)
        p = a.function(rng.normal(0, 3, (300, 5)))
        assert (p.min() > low or low_closed) and (p.max() < high or high_closed)
        assert a.function([[-1e3, 0.0]]).min() == pytest.approx(low, abs=1e-300)
        assert a.function([[1e3, 0.0]]).max() == pytest.approx(high, abs=1e-15)


@pytest.mark.parametrize("activation", CATALOGUE, ids=lambda a: a.name)
def test_catalogue_zero_centred(activation):
    if activation.elementwise:
        values = activation.function(DENSE)
        takes_both_signs = values.min() < 0 < values.max()
        assert (activation.value_at_zero == 0.0 and takes_both_signs) == \
            activation.zero_centred
    else:
        assert not activation.zero_centred
        assert np.all(activation.function(np.random.default_rng(1).normal(size=(9, 4))) > 0)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_saturating(activation):
    left = abs(activation.derivative(-1e3)) < 1e-12
    right = abs(activation.derivative(1e3)) < 1e-12
    expected = {(False, False): "no", (True, False): "negative side",
                (False, True): "positive side", (True, True): "both sides"}
    assert expected[(left, right)] == activation.saturating


def test_catalogue_saturating_vector_valued():
    for a in VECTOR:
        vanishes = all(np.abs(a.derivative(x)).max() < 1e-12
                       for x in ([-1e3, 0.0], [1e3, 0.0]))
        assert vanishes == (a.saturating == "both sides")


def _one_sided_derivatives(grad, point):
    """Left/right limits of f' and f'' at point, by one-sided differences of f'."""
    h1, h2 = 1e-9, 1e-5
    d_left, d_right = grad(point - h1), grad(point + h1)
    dd_left = (grad(point - h2) - grad(point - 2 * h2)) / h2
    dd_right = (grad(point + 2 * h2) - grad(point + h2)) / h2
    return d_left, d_right, dd_left, dd_right


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_smoothness(activation):
    points = activation.kinks or (0.0, -1.3, 2.1)
    for point in points:
        d_left, d_right, dd_left, dd_right = _one_sided_derivatives(
            activation.derivative, point)
        derivative_jumps = abs(d_left - d_right) > 1e-3
        second_jumps = abs(dd_left - dd_right) > 1e-2
        if activation.smoothness == "C0":
            assert derivative_jumps
        elif activation.smoothness == "C1":
            assert not derivative_jumps and second_jumps
        else:
            assert not derivative_jumps and not second_jumps


@pytest.mark.parametrize("activation", CATALOGUE, ids=lambda a: a.name)
def test_catalogue_torch_names(activation):
    fn = _torch_function(activation)
    module_class = operator.attrgetter(activation.torch_module.removeprefix("torch."))(torch)
    assert issubclass(module_class, torch.nn.Module)
    x = np.random.default_rng(5).uniform(-5, 5, (3, 7))
    kwargs = {} if activation.elementwise else {"dim": -1}
    module = module_class(**kwargs)
    t = torch.from_numpy(x)
    expected = fn(t, **kwargs).numpy()
    assert_allclose(activation.function(x), expected, rtol=2e-15, atol=1e-300)
    assert_allclose(module(t).numpy(), expected, rtol=0)


def test_catalogue_parameters_match_torch_defaults():
    for a in ELEMENTWISE:
        for name, default in a.parameters.items():
            torch_signature = inspect.signature(_torch_function(a))
            assert torch_signature.parameters[name].default == default, (a.name, name)


def test_no_warnings_escape_under_default_filters():
    # The whole public API on the edge values, with every warning an error.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="ignore"):  # the test's own casts of 1e308
            narrow = [EDGE.astype(np.float32), EDGE.astype(np.float16)]
        for func in ALL_FUNCTIONS:
            for x in [EDGE] + narrow:
                func(x)
