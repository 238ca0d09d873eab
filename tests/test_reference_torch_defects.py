"""PyTorch's known numerical defects, each shown against mpmath next to the package's result.

For every input listed here the package agrees with mpmath (60 digits) within
its accuracy goal, and PyTorch 2.13 (CPU, float64 unless stated) does not: its
error is asserted to be *large*. These tests document the defects that the
design (and the site) cite. If a later PyTorch fixes one of them, its test
fails on purpose: the claim on the site would then be out of date, and the
entry should be removed here and in the text that cites it.
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import activations as A
from activations._reference import log_softmax as mp_log_softmax
from activations._reference import reference, ulp_errors
from activations._reference import softmax as mp_softmax


def _torch(fn, x, dtype=torch.float64):
    return fn(torch.tensor(x, dtype=dtype)).numpy()


def _torch_grad(fn, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    fn(t).sum().backward()
    return t.grad.numpy()


# (id, ours, torch's, points, mpmath reference, our goal in ULP, torch's minimum error in ULP)
ELEMENTWISE_DEFECTS = [
    ("gelu returns -0 below x = -8.4 (1 + erf cancels)",
     A.gelu, lambda x: _torch(F.gelu, x), [-8.5, -10.0, -20.0, -30.0],
     reference("gelu"), 4, 1e15),
    ("gelu, tanh form, returns -0 likewise",
     lambda x: A.gelu(x, approximate="tanh"),
     lambda x: _torch(lambda t: F.gelu(t, approximate="tanh"), x), [-9.0, -12.0],
     reference("gelu", approximate="tanh"), 4, 1e15),
    ("gelu' has 1e13 ULP errors in the negative tail",
     A.gelu_grad, lambda x: _torch_grad(F.gelu, x), [-5.0, -9.0],
     reference("gelu", 1), 4, 1e4),
    ("silu loses every digit near x = -710, where sigma(x) is subnormal",
     A.silu, lambda x: _torch(F.silu, x), [-710.0, -720.0],
     reference("silu"), 2, 1e13),
    ("silu' likewise",
     A.silu_grad, lambda x: _torch_grad(F.silu, x), [-710.0],
     reference("silu", 1), 4, 1e15),
    ("silu' and mish' near their zeros (cancellation)",
     lambda x: np.concatenate([A.silu_grad(x[:1]), A.mish_grad(x[1:])]),
     lambda x: np.concatenate([_torch_grad(F.silu, x[:1]), _torch_grad(F.mish, x[1:])]),
     [-1.2785, -1.19243], None, 4, 1e3),
    ("sigmoid' is 0 for x > 36.7 (s (1 - s) with s rounded to 1)",
     A.sigmoid_grad, lambda x: _torch_grad(torch.sigmoid, x), [37.0, 40.0, 100.0],
     reference("sigmoid", 1), 4, 1e15),
    ("tanh' is 0 for |x| > 19.1 (1 - t^2 with t rounded to +-1)",
     A.tanh_grad, lambda x: _torch_grad(torch.tanh, x), [19.5, -25.0, 300.0],
     reference("tanh", 1), 4, 1e15),
    ("tanhshrink cancels near 0 (x - tanh x), and is 0 below 1e-8",
     A.tanhshrink, lambda x: _torch(F.tanhshrink, x), [1e-5, 1e-9, -1e-12],
     reference("tanhshrink"), 2, 1e9),
    ("softplus is not the exact softplus above its threshold: 26 ULP at x = 30",
     lambda x: A.softplus(x, threshold=math.inf), lambda x: _torch(F.softplus, x), [30.0, 25.0],
     reference("softplus", threshold=math.inf), 2, 26),
    ("softplus with the threshold raised overflows to inf beyond x = 709.78",
     lambda x: A.softplus(x, threshold=math.inf),
     lambda x: _torch(lambda t: F.softplus(t, threshold=math.inf), x), [710.0, 800.0],
     reference("softplus", threshold=math.inf), 2, math.inf),
    ("the hard sigmoid's float64 derivative is the float32 value of 1/6",
     A.hardsigmoid_grad, lambda x: _torch_grad(F.hardsigmoid, x), [0.0, 1.0],
     reference("hardsigmoid", 1), 1, 1e7),
]


def _mpmath_values(reference_fn, ours_fn, points):
    if reference_fn is not None:
        return [reference_fn(x) for x in points]
    # The derivatives with an interior zero: one reference per point.
    return [reference("silu", 1)(points[0]), reference("mish", 1)(points[1])]


@pytest.mark.parametrize("defect", ELEMENTWISE_DEFECTS, ids=[d[0] for d in ELEMENTWISE_DEFECTS])
def test_torch_elementwise_defect(defect):
    _, ours, theirs, points, reference_fn, goal, torch_error = defect
    x = np.array(points)
    exact = _mpmath_values(reference_fn, ours, points)
    our_errors = ulp_errors(ours(x), exact, np.float64)
    torch_errors = ulp_errors(theirs(x), exact, np.float64)
    assert np.all(our_errors <= goal), our_errors
    assert np.all(torch_errors >= torch_error), torch_errors


@pytest.mark.parametrize("name, fn, points", [
    ("gelu", F.gelu, [-np.inf]), ("silu", F.silu, [-np.inf]), ("mish", F.mish, [-np.inf]),
    ("hardswish", F.hardswish, [-np.inf]), ("softsign", F.softsign, [-np.inf, np.inf]),
])
def test_torch_nan_at_infinity(name, fn, points):
    """torch returns nan at +-inf where the limit exists (inf * 0 or inf / inf)."""
    x = np.array(points)
    assert np.all(np.isnan(_torch(fn, x)))
    ours = getattr(A, name)(x)
    limits = {"softsign": [-1.0, 1.0]}.get(name, [0.0])
    assert np.array_equal(ours, limits)


def test_torch_float32_silu_flushes_to_zero():
    """float32 silu(-89) = -1.98e-37 is a normal float32 number; torch returns -0."""
    exact = reference("silu")(-89.0)
    assert _torch(F.silu, [-89.0], torch.float32)[0] == 0.0
    assert ulp_errors(A.silu(np.array([-89.0], dtype=np.float32)), [exact], np.float32)[0] <= 0.5


def test_torch_log_softmax_tails():
    """torch computes log(sum exp) without log1p: tiny log-probabilities lose every digit."""
    for row, torch_error in [([0.0, -40.0], 1e15), ([0.0, -20.0], 1e8),
                             ([10.0, -30.0, 5.0], 100)]:
        exact = mp_log_softmax(row)
        theirs = ulp_errors(F.log_softmax(torch.tensor(row, dtype=torch.float64), 0).numpy(),
                            exact, np.float64)
        assert theirs.max() >= torch_error, (row, theirs)
        assert ulp_errors(A.log_softmax(row), exact, np.float64).max() <= 1


def test_torch_softmax_rounds_x_minus_max():
    """torch rounds x - max before exp: up to tens of ULP (the design measured 506)."""
    row = [-24.31015255656193, 28.240683499632162, 10.018017834098167, 13.545242500189872,
           3.7922397492117312, -25.776617152789246, 20.51263442475267, -4.918259747684534,
           -6.451930537429572]
    exact = mp_softmax(row)
    theirs = ulp_errors(F.softmax(torch.tensor(row, dtype=torch.float64), 0).numpy(), exact,
                        np.float64)
    assert theirs.max() >= 30
    assert ulp_errors(A.softmax(row), exact, np.float64).max() <= 2
