"""Tests of the vector-valued activations (softmax and its relatives) and their Jacobians.

References: mpmath at 60 significant digits, PyTorch (forward and autograd),
hand-derived values. Run with ``-W error``.
"""

import functools

import mpmath
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from activations import softmax, softmax_jacobian
from activations._reference import softmax as mp_softmax
from activations._reference import NARROW_ULP_GOAL, ulp_errors

HYPOTHESIS = settings(max_examples=150, deadline=None, database=None, derandomize=True)
finite_or_inf = st.floats(allow_nan=False, allow_infinity=True, width=64)


def _rows():
    rng = np.random.default_rng(7)
    rows = [rng.uniform(-20, 20, n) for n in rng.integers(2, 12, 120)]
    rows += [rng.uniform(-700, 700, n) for n in rng.integers(2, 8, 40)]
    rows += [rng.normal(0.0, 3.0, 33) for _ in range(10)]
    rows += [np.array([-1.0, 2.0, -3.0, 4.0]), np.array([5.0, -6.0, 7.0, 10.0]),
             np.array([1e308, -1e308, 0.999e308]), np.array([-1e308, -1.1e308]),
             np.array([5e-324, 0.0, -5e-324]), np.array([-745.0, 0.0, 745.0]),
             np.array([1.1, 20.0, -18.9, 20.0])]
    return rows


@functools.lru_cache(maxsize=None)
def _softmax_reference():
    rows = _rows()
    rows32 = [r.astype(np.float32) for r in rows if np.all(np.abs(r) < 1e38)]
    return (rows, [mp_softmax(r) for r in rows], rows32, [mp_softmax(r) for r in rows32])


def test_softmax_accuracy_vs_mpmath():
    rows, exact64, rows32, exact32 = _softmax_reference()
    worst64 = max(ulp_errors(softmax(r), e, np.float64).max() for r, e in zip(rows, exact64))
    assert worst64 <= 4
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



def test_softmax_hand_derived():
    assert_array_equal(softmax([0.0, 0.0, 0.0, 0.0]), [0.25] * 4)
    assert_array_equal(softmax([np.log(3.0), 0.0]), [0.75, 0.25])
    assert_array_equal(softmax_jacobian([0.0, 0.0]), [[0.25, -0.25], [-0.25, 0.25]])
    # sigmoid(x) = softmax((x, 0))_0
    for x in [-3.0, 0.5, 12.0]:
        assert_allclose(softmax([x, 0.0])[0], 1 / (1 + np.exp(-x)), rtol=4e-16)
    # The design's logits: rows sum to 1, argmax 3 and 3.
    p = softmax([[-1, 2, -3, 4], [5, -6, 7, 10]])
    assert_allclose(p.sum(axis=-1), 1.0, rtol=4e-16)
    assert_array_equal(p.argmax(axis=-1), [3, 3])


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
# log_softmax, softmin, GLU: accuracy against mpmath
# --------------------------------------------------------------------------

import activations as A  # noqa: E402
from catalogue_ranges import parse_range  # noqa: E402
from activations._reference import GATES, accuracy_claim, reference  # noqa: E402
from activations._reference import log_softmax as mp_log_softmax  # noqa: E402
from package_calls import VECTOR, torch_forward  # noqa: E402


def _worst(func, reference_rows, rows, dtype=np.float64):
    return max(ulp_errors(func(r), e, dtype).max() for r, e in zip(rows, reference_rows))


@functools.lru_cache(maxsize=None)
def _log_softmax_reference():
    rows = _rows() + [np.array([0.0, -30.0]), np.array([0.0, -1e-20]),
                      np.array([2.0, -800.0, 1.0]), np.array([1e308, -1e308])]
    rows32 = [r.astype(np.float32) for r in rows if np.all(np.abs(r) < 1e38)]
    return rows, [mp_log_softmax(r) for r in rows], rows32, [mp_log_softmax(r) for r in rows32]


def test_log_softmax_accuracy_vs_mpmath():
    rows, exact, rows32, exact32 = _log_softmax_reference()
    assert _worst(A.log_softmax, exact, rows) <= 4
    assert _worst(A.log_softmax, exact32, rows32, np.float32) <= NARROW_ULP_GOAL


def test_log_softmax_jacobian_vs_mpmath():
    rows, _, _, _ = _log_softmax_reference()
    for row in rows[:60]:
        s = mp_softmax(row)
        n = len(row)
        exact = [mpmath.fsum(s[k] for k in range(n) if k != i) if i == j else -s[j]
                 for i in range(n) for j in range(n)]
        assert ulp_errors(A.log_softmax_jacobian(row), exact, np.float64).max() <= 4, row


def test_softmin_accuracy_vs_mpmath():
    rows, _, rows32, _ = _softmax_reference()
    exact = [mp_softmax(-r) for r in rows]
    assert _worst(A.softmin, exact, rows) <= 4
    exact32 = [mp_softmax(-r) for r in rows32]
    assert _worst(A.softmin, exact32, rows32, np.float32) <= NARROW_ULP_GOAL
    for row, s in zip(rows[:60], exact):
        n = len(row)
        jac = [-(s[i] * mpmath.fsum(s[k] for k in range(n) if k != i)) if i == j
               else s[i] * s[j] for i in range(n) for j in range(n)]
        assert ulp_errors(A.softmin_jacobian(row), jac, np.float64).max() <= 4, row


def _glu_rows():
    rng = np.random.default_rng(9)
    rows = [rng.uniform(-30, 30, 2 * n) for n in rng.integers(1, 8, 100)]
    rows += [np.array([3.0, -720.0]), np.array([1e300, -710.0]), np.array([-2.0, 745.0]),
             np.array([5e-324, -5e-324]), np.array([1e308, 40.0]), np.array([7.0, -740.0])]
    return rows


# The worst error on these rows in float64, where the gate's value is a normal number.
GATED_ULP = {"glu": 2, "reglu": 0.5, "geglu": 4, "swiglu": 4}
TINY = np.finfo(np.float64).smallest_normal


def _allowed(name, row, bound, jacobian=False, **params):
    """ULP allowed per output: ``bound``, plus ``|a| / 2`` where the gate's value or slope is
    subnormal (it has fewer digits, and the product inherits their absolute error, as the
    docstrings say). GLU computes such products from a scaled exponential instead."""
    n = len(row) // 2
    a = np.abs(row[:n])
    gates = [reference(GATES[name], which, **params) for which in (0, 1)]
    slack = [a * np.array([name != "glu" and 0 < abs(float(g(v))) < TINY for v in row[n:]])
             for g in gates]
    if not jacobian:
        return bound + slack[0] / 2
    allowed = np.full((n, 2 * n), float(bound))
    allowed[np.arange(n), np.arange(n)] += 0.5 * (slack[0] > 0)
    allowed[np.arange(n), n + np.arange(n)] += slack[1] / 2
    return allowed.ravel()


@pytest.mark.parametrize("name", sorted(GATES))
def test_gated_accuracy_vs_mpmath(name):
    func, jacobian = getattr(A, name), getattr(A, name + "_jacobian")
    for row in _glu_rows():
        errors = ulp_errors(func(row), reference(name)(row), np.float64)
        assert np.all(errors <= _allowed(name, row, GATED_ULP[name])), (row, errors)
        with np.errstate(over="ignore"):
            row32 = row.astype(np.float32)
        if np.all(np.isfinite(row32)):
            assert ulp_errors(func(row32), reference(name)(row32),
                              np.float32).max() <= NARROW_ULP_GOAL
        errors = ulp_errors(jacobian(row), reference(name, 1)(row), np.float64)
        assert np.all(errors <= _allowed(name, row, 4, jacobian=True)), (row, errors)


def test_geglu_tanh_form_vs_mpmath():
    tanh = {"approximate": "tanh"}
    for row in _glu_rows()[:40]:
        errors = ulp_errors(A.geglu(row, **tanh), reference("geglu", **tanh)(row), np.float64)
        assert np.all(errors <= _allowed("geglu", row, 4, **tanh)), row
        errors = ulp_errors(A.geglu_jacobian(row, **tanh), reference("geglu", 1, **tanh)(row),
                            np.float64)
        assert np.all(errors <= _allowed("geglu", row, 4, jacobian=True, **tanh)), row


# --------------------------------------------------------------------------
# PyTorch: forward values, axes and autograd Jacobians
# --------------------------------------------------------------------------

def torch_along(entry, x, axis):
    """The entry computed by PyTorch along ``axis`` of the float64 array ``x``."""
    moved = np.moveaxis(x, axis, -1)
    return np.moveaxis(torch_forward(entry, moved), -1, axis)


VECTOR_WITH_TORCH = [a for a in VECTOR if a.has_torch]


@pytest.mark.parametrize("entry", VECTOR_WITH_TORCH, ids=lambda a: a.name)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_vector_functions_match_torch(entry, dtype):
    rng = np.random.default_rng(3)
    x = rng.uniform(-30, 30, (4, 6, 2)).astype(dtype)
    for axis in (0, 1, 2, -1):
        ours = entry.function(x, axis=axis)
        assert ours.dtype == dtype
        expected = torch_along(entry, x.astype(np.float64), axis)
        # torch rounds x - max in the working precision (see test_softmax_matches_torch);
        # its log_softmax computes log(sum) without log1p, an absolute error of
        # about eps that swamps tiny log-probabilities (see the defect tests).
        atol = 1e-15 if entry.name == "log_softmax" else 1e-300
        if entry.name == "geglu":
            # torch's GELU computes x (1 + erf(x / sqrt 2)) / 2, which cancels for x < 0: an
            # absolute error of about eps |x| (see CANCELLING_IN_TORCH in test_activations.py),
            # times a.
            halves = np.split(np.moveaxis(x.astype(np.float64), axis, -1), 2, axis=-1)
            atol = np.moveaxis(4 * np.finfo(dtype).eps * np.abs(halves[0] * halves[1]), -1, axis)
        error = np.abs(ours.astype(np.float64) - expected)
        assert np.all(error <= 60 * np.finfo(dtype).eps * np.abs(expected) + atol), entry.name


@pytest.mark.parametrize("entry", VECTOR_WITH_TORCH, ids=lambda a: a.name)
def test_vector_jacobians_match_torch_autograd(entry):
    rng = np.random.default_rng(4)
    x = rng.uniform(-4, 4, (3, 4, 2))  # along axis 1
    jac = entry.derivative(x, axis=1)
    n_out = 2 if entry.name in GATES else 4
    assert jac.shape == (3, 2, n_out, 4)
    for a in range(3):
        for b in range(2):
            row = torch.from_numpy(x[a, :, b].copy())
            expected = torch.autograd.functional.jacobian(entry.call_torch, row).numpy()
            assert_allclose(jac[a, b], expected, rtol=1e-13, atol=1e-16)


@pytest.mark.parametrize("entry", VECTOR, ids=lambda a: a.name)
def test_vector_jacobians_by_finite_differences(entry):
    # The package's own f, differenced: agrees with its Jacobian to the
    # accuracy of the difference quotient.
    x = np.array([0.3, -1.2, 2.0, 0.7])
    func, jac = entry.function, entry.derivative
    h = 1e-6
    columns = [(func(x + h * e) - func(x - h * e)) / (2 * h) for e in np.eye(4)]
    assert_allclose(jac(x), np.stack(columns, axis=-1), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", sorted(GATES))
def test_gated_odd_size_and_axis(name):
    message = str(pytest.raises(ValueError, getattr(A, name), [1.0, 2.0, 3.0]).value)
    assert message == (f"{name}: the input must have an even size along axis 0 (it is split "
                       "into two halves), got size 3")
    jacobian = name + "_jacobian"
    assert pytest.raises(ValueError, getattr(A, jacobian), np.ones((3, 2)), axis=0).value \
        .args[0].startswith(f"{jacobian}: the input must have an even size along axis 0")


def test_vector_limits():
    inf, nan = np.inf, np.nan
    assert_array_equal(A.log_softmax([inf, 1.0, inf, -inf]),
                       [-np.log(2), -inf, -np.log(2), -inf])
    assert_array_equal(A.log_softmax([1e308, -1e308]), [0.0, -inf])  # -2e308 rounds to -inf
    assert_array_equal(A.log_softmax([-1e308, -1e308]), [-np.log(2), -np.log(2)])
    assert_array_equal(A.softmin([inf, 1.0, -inf, -inf]), [0.0, 0.0, 0.5, 0.5])
    assert_array_equal(A.glu([inf, -inf, 1.0, -50.0]), [inf, -inf])
    assert_array_equal(A.glu([2.0, -1000.0]), [0.0])
    assert np.isnan(A.glu([inf, -inf])[0]) and np.isnan(A.glu([1.0, nan])[0])
    with np.errstate(all="raise"):
        # Undefined rows: all scores -inf (all +inf for softmin), or a nan.
        for func in (A.log_softmax, A.log_softmax_jacobian, A.softmin, A.softmin_jacobian):
            worst = inf if func in (A.softmin, A.softmin_jacobian) else -inf
            result = func([[worst, worst], [nan, 1.0], [0.0, 0.0]])
            assert np.all(np.isnan(result[:2])) and np.all(np.isfinite(result[2]))


# --------------------------------------------------------------------------
# Identities (hypothesis)
# --------------------------------------------------------------------------


@HYPOTHESIS
@given(row=st.lists(st.floats(-700, 700), min_size=1, max_size=10))
def test_property_log_softmax_is_log_of_softmax(row):
    x = np.array(row)
    p = softmax(x)
    lp = A.log_softmax(x)
    assert np.all(lp <= 0)
    normal = p > 1e-300
    assert_allclose(lp[normal], np.log(p[normal]), rtol=1e-14, atol=4e-16)
    # exp(log_softmax) sums to 1.
    assert abs(np.exp(lp).sum() - 1.0) <= 4 * len(row) * np.finfo(float).eps


@HYPOTHESIS
@given(row=st.lists(finite_or_inf, min_size=1, max_size=10))
def test_property_softmin_is_softmax_of_negation(row):
    x = np.array(row)
    with np.errstate(all="raise"):
        assert_array_equal(A.softmin(x), softmax(-x))
        assert_array_equal(A.softmin_jacobian(x), 0.0 - softmax_jacobian(-x))


@HYPOTHESIS
@given(row=st.lists(st.floats(-700, 700), min_size=1, max_size=6))
def test_property_glu_of_twin_halves_is_silu(row):
    # each side is within 2 ULP of x * sigmoid(x), so they agree within 4 ULP
    x = np.array(row)
    expected = A.silu(x)
    assert np.all(np.abs(A.glu(np.concatenate([x, x])) - expected) <= 4 * np.spacing(np.abs(expected)))


# --------------------------------------------------------------------------
# The catalogue's claims for vector-valued activations
# --------------------------------------------------------------------------


@pytest.mark.parametrize("entry", VECTOR, ids=lambda a: a.name)
def test_catalogue_vector_range(entry):
    (low, high, low_closed, high_closed, _), = parse_range(entry)
    rng = np.random.default_rng(12)
    values = entry.function(rng.normal(0, 3, (300, 6)))
    assert np.all((values > low) | (low_closed & (values == low)))
    assert np.all((values < high) | (high_closed & (values == high)))
    # The bounds are approached.
    scores = ([[-1e3, 1e3, 1e3, 1e3]] if entry.name in GATES
              else [[-1e3, 0.0, 1e3, 5.0], [1e3, 0.0, -1e3, -5.0]])
    extreme = entry.function(np.array(scores))
    assert extreme.min() == pytest.approx(low, abs=1e-300) or extreme.min() < -1e2
    assert extreme.max() == pytest.approx(high, abs=1e-15) or extreme.max() > 1e2


@pytest.mark.parametrize("entry", VECTOR, ids=lambda a: a.name)
def test_catalogue_vector_monotonic(entry):
    """Each output non-decreasing in the inputs that produce it (its own score; for GLU a_i and b_i)."""
    rng = np.random.default_rng(11)
    jac = entry.derivative(rng.normal(0, 5, (200, 6)))
    if entry.name in GATES:
        own = np.concatenate([np.diagonal(jac[..., :3], axis1=-2, axis2=-1),
                              np.diagonal(jac[..., 3:], axis1=-2, axis2=-1)], axis=-1)
    else:
        own = np.diagonal(jac, axis1=-2, axis2=-1)
    assert bool(np.all(own >= 0)) == entry.monotonic


@pytest.mark.parametrize("entry", [a for a in VECTOR if a.saturating != "no"],
                         ids=lambda a: a.name)
def test_catalogue_vector_hard_or_soft(entry):
    """Hard: the Jacobian is exactly 0 once the gate is shut (b = -10) or one score leads by
    10; soft: it only tends to 0."""
    closed = [3.0, -10.0] if entry.name in GATES else [-10.0, 0.0]
    assert bool(np.all(entry.derivative(closed) == 0.0)) == entry.hard, entry.name


@pytest.mark.parametrize("entry", VECTOR, ids=lambda a: a.name)
def test_catalogue_vector_saturating(entry):
    if entry.name in GATES:
        # The gate: closing it (b -> -inf) kills both derivatives, opening it does not.
        closed = np.abs(entry.derivative([3.0, -1e3])).max() < 1e-12
        opened = np.abs(entry.derivative([3.0, 1e3])).max() < 1e-12
        vanishes = {(True, False): "negative side", (False, False): "no",
                    (True, True): "both sides", (False, True): "positive side"}
        assert vanishes[(closed, opened)] == entry.saturating
        return
    vanishes = all(np.abs(entry.derivative(x)).max() < 1e-12
                   for x in ([-1e3, 0.0], [1e3, 0.0]))
    assert vanishes == (entry.saturating == "both sides")
    assert entry.saturating in ("both sides", "no")


def test_gate_underflow_thresholds_in_the_docstrings():
    """geglu and swiglu print where their gates become subnormal or zero; these are the points."""
    tiny = np.finfo(np.float64).smallest_normal
    assert A.gelu(-38.5) != 0 and A.gelu(-38.7) == 0
    assert A.gelu(-21.5, approximate="tanh") != 0 and A.gelu(-21.6, approximate="tanh") == 0
    assert abs(A.silu(-714.9)) >= tiny > abs(A.silu(-715.1))
    assert A.silu(-751.7) != 0 and A.silu(-751.9) == 0
    for name, x in (("geglu", "38.6"), ("geglu", "21.5"), ("swiglu", "715"),
                    ("swiglu", "751.8")):
        assert f"-{x}`" in getattr(A, name).__doc__, (name, x)


# --------------------------------------------------------------------------
# Sparsemax: mpmath, the projection's optimality conditions, hand-derived values
# --------------------------------------------------------------------------

from activations._reference import sparsemax as mp_sparsemax  # noqa: E402
from activations._reference import sparsemax_jacobian as mp_sparsemax_jacobian  # noqa: E402


def test_sparsemax_accuracy_vs_mpmath():
    rows = _rows() + [np.random.default_rng(8).normal(1e10, 1.0, 6) for _ in range(20)]
    rows += [np.array([-np.inf, 0.0, np.inf, np.inf]), np.array([0.0, -1.0, 1.0 - 1e-16])]
    for row in rows:
        assert ulp_errors(A.sparsemax(row), mp_sparsemax(row), np.float64).max() <= 1, row
        assert ulp_errors(A.sparsemax_jacobian(row), mp_sparsemax_jacobian(row),
                          np.float64).max() <= 1, row
        if np.all(np.abs(row) < 1e38):
            row32 = row.astype(np.float32)
            assert ulp_errors(A.sparsemax(row32), mp_sparsemax(row32),
                              np.float32).max() <= NARROW_ULP_GOAL, row


def test_sparsemax_hand_derived():
    # [1, 1.5, 0]: tau = (1 + 1.5 - 1) / 2 = 0.75 (0 is below it).
    assert_array_equal(A.sparsemax([1.0, 1.5, 0.0]), [0.25, 0.75, 0.0])
    assert_array_equal(A.sparsemax([3.0, 1.0]), [1.0, 0.0])  # a gap of 1 or more: one-hot
    assert_array_equal(A.sparsemax([0.0, 0.0, 0.0, 0.0]), [0.25] * 4)
    assert_array_equal(A.sparsemax_jacobian([1.0, 1.5, 0.0]),
                       [[0.5, -0.5, 0.0], [-0.5, 0.5, 0.0], [0.0, 0.0, 0.0]])
    assert np.all(np.isnan(A.sparsemax([[-np.inf, -np.inf], [np.nan, 1.0]])))


@HYPOTHESIS
@given(row=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=10))
def test_property_sparsemax_is_the_projection_onto_the_simplex(row):
    """Optimality of the projection: on the support z_i - p_i is one threshold tau, and every
    score outside it is at most tau; the outputs are a probability vector."""
    z = np.array(row)
    p = A.sparsemax(z)
    assert np.all(p >= 0) and abs(p.sum() - 1.0) <= 4 * len(row) * np.finfo(float).eps
    support = p > 0
    tau = z[support] - p[support]
    slack = 8 * np.finfo(float).eps * max(1.0, np.abs(z).max())
    assert np.ptp(tau) <= slack
    assert np.all(z[~support] <= tau.mean() + slack)
    assert_allclose(A.sparsemax(z + 123.25), p, atol=slack)


def test_glu_deep_gate_with_large_values():
    """a sigma(b) for b < -700, where e^b underflows but the product may not (glu([1e308, -900])
    used to return 0 instead of 1.4e-83): within the figures the docstrings print."""
    bound, jacobian_bound = accuracy_claim(A.glu), accuracy_claim(A.glu_jacobian)
    rng = np.random.default_rng(13)
    signs = rng.choice([-1.0, 1.0], 400)
    rows = [np.array([s * np.exp(rng.uniform(-700, 709)), -rng.uniform(700, 1500)])
            for s in signs] + [np.array([1e308, -900.0])]
    for row in rows:
        assert ulp_errors(A.glu(row), reference("glu")(row), np.float64).max() <= bound, row
        assert ulp_errors(A.glu_jacobian(row), reference("glu", 1)(row),
                          np.float64).max() <= jacobian_bound, row

