"""Property-based tests (hypothesis): bounds, monotonicity, and identities between activations.

Each identity is a mathematical fact checked on the package's float64
results, with a tolerance of a few rounding errors of the quantities
involved.
"""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import activations as A
from catalogue_ranges import in_range, parse_range, tolerance
from activations._reference import reference
from package_calls import ELEMENTWISE

import pytest

HYPOTHESIS = settings(max_examples=120, deadline=None, database=None, derandomize=True)
EPS = np.finfo(float).eps
finite_or_inf = st.floats(allow_nan=False, allow_infinity=True, width=64)
moderate = st.floats(-700, 700)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@HYPOTHESIS
@given(x=finite_or_inf, y=finite_or_inf)
def test_property_range_and_monotonic(activation, x, y):
    pieces = parse_range(activation)
    fx, fy = activation.call(np.array([x, y]))
    assert np.all(in_range(np.array([fx, fy]), pieces))
    if activation.monotonic:
        (_, lo_f), (_, hi_f) = sorted([(x, fx), (y, fy)])
        assert lo_f <= hi_f or lo_f - hi_f <= tolerance(hi_f)
        assert activation.call_derivative(x) >= 0.0


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
@HYPOTHESIS
@given(x=finite_or_inf)
def test_property_derivative_finite(activation, x):
    """Finite wherever the true derivative is (squared ReLU's 2x overflows beyond 9e307)."""
    if not np.isfinite(activation.call_derivative(x)):
        exact = reference(activation.name, 1, **activation.example_parameters)(x)
        assert abs(exact) > np.finfo(np.float64).max, (activation.name, x)


def close(a, b, ulps=4, floor=1e-300):
    """|a - b| within a few ULP of the larger magnitude (or a tiny absolute floor)."""
    scale = max(abs(a), abs(b))
    return abs(a - b) <= ulps * EPS * scale + floor


@HYPOTHESIS
@given(x=st.floats(-300, 300))
def test_property_tanh_is_rescaled_sigmoid(x):
    assert abs(A.tanh(x) - (2 * A.sigmoid(2 * x) - 1)) <= 6e-16  # a few epsilons
    assert close(A.tanh_grad(x), 4 * A.sigmoid_grad(2 * x), ulps=8)


@HYPOTHESIS
@given(x=moderate)
def test_property_softplus_difference_is_identity(x):
    # softplus(x) - softplus(-x) = x for the exact softplus.
    sp = A.softplus(np.array([x, -x]), threshold=math.inf)
    assert close(sp[0] - sp[1], x, ulps=6, floor=4 * EPS * sp.max())
    assert close(A.logsigmoid(x), -sp[1], ulps=4)
    assert close(A.softplus_grad(x, threshold=math.inf) + A.softplus_grad(-x, threshold=math.inf),
                 1.0, ulps=4)


@HYPOTHESIS
@given(x=moderate)
def test_property_gated_identities(x):
    assert close(A.silu(x), x * A.sigmoid(x), ulps=6)
    assert close(A.hardswish(x), x * A.hardsigmoid(x), ulps=4)
    assert close(A.relu6(x), A.hardtanh(x, 0.0, 6.0), ulps=0)
    assert close(A.celu(x), A.elu(x), ulps=0)
    assert close(A.rrelu(x), A.leaky_relu(x, 11 / 48), ulps=1)
    assert close(A.logsigmoid_grad(x), A.sigmoid(-x), ulps=4)
    assert close(A.tanhshrink(x) + A.tanh(x), x, ulps=4, floor=4 * EPS)
    assert close(A.tanhshrink_grad(x), A.tanh(x) ** 2, ulps=4)
    assert close(A.softshrink(x, 0.0), x, ulps=0) and close(A.hardshrink(x, 0.0), x, ulps=0)
    assert close(A.threshold(x, 0.0, 0.0), A.relu(x), ulps=0)


@HYPOTHESIS
@given(x=st.floats(-30, 30))
def test_property_gelu_forms_agree(x):
    # The tanh form approximates the exact GELU to within 5e-4 everywhere.
    assert abs(A.gelu(x) - A.gelu(x, approximate="tanh")) <= 5e-4
    assert abs(A.gelu_grad(x) - A.gelu_grad(x, approximate="tanh")) <= 2e-2
