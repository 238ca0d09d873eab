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
from test_reference_mpmath import softmax as mp_softmax
from test_reference_mpmath import ulp_errors

HYPOTHESIS = settings(max_examples=150, deadline=None, database=None)
NARROW_ULP_GOAL = 0.5 + 1e-6
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
