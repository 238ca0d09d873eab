"""The mpmath references themselves, checked against hand-derived values and mpmath's own
numerical differentiation."""

import math

import mpmath
import numpy as np
import pytest

from activations._reference import SELU_SCALE, log_softmax, mpf, reference, softmax
from activations.catalogue import CATALOGUE

ELEMENTWISE = [entry.name for entry in CATALOGUE if entry.elementwise]


def test_references_at_hand_derived_points():
    f = {name: reference(name) for name in ELEMENTWISE}
    df = {name: reference(name, 1) for name in ELEMENTWISE}
    assert f["relu6"](7) == 6 and df["relu6"](6) == 0 and df["relu6"](0) == 0
    assert f["selu"](1) == SELU_SCALE and f["hardsigmoid"](0) == mpf(1) / 2
    assert f["hardswish"](-1.5) == mpf(-3) / 8 and df["hardswish"](-1.5) == 0
    assert mpmath.almosteq(f["gelu"](1), (1 + mpmath.erf(1 / mpmath.sqrt(2))) / 2, 1e-55)
    assert mpmath.almosteq(f["mish"](0), 0) and mpmath.almosteq(df["mish"](0), mpf("0.6"), 1e-55)
    assert mpmath.almosteq(df["silu"](0), 0.5, 1e-55)
    assert mpmath.almosteq(f["logsigmoid"](0), -mpmath.log(2), 1e-55)
    assert mpmath.almosteq(f["softplus"](0), mpmath.log(2), 1e-55)
    assert f["softplus"](30) == 30  # torch's switch to the identity above 20
    assert not mpmath.almosteq(reference("softplus", threshold=math.inf)(30), 30, 1e-20)
    # x - tanh x = x^3/3 - 2x^5/15 + ...: the extra digits are really there.
    assert mpmath.almosteq(f["tanhshrink"](1e-100), mpf(1e-100) ** 3 / 3, 1e-50)
    assert f["gelu"](-np.inf) == 0 or abs(f["gelu"](-np.inf)) < 1e-300
    assert float(f["softsign"](np.inf)) == 1.0 and float(df["tanh"](-np.inf)) == 0.0
    assert mpmath.almosteq(sum(softmax([1.0, 2.0, 3.0])), 1, 1e-55)
    assert mpmath.almosteq(log_softmax([0.0, 0.0])[0], -mpmath.log(2), 1e-55)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_reference_derivatives_by_mpmath_differentiation(name):
    """Each f' reference agrees with mpmath's numerical derivative of f (off the kinks)."""
    f, df = reference(name), reference(name, 1)
    for x in [-7.3, -2.1, -0.7, -0.2, 0.3, 0.9, 1.6, 4.2, 8.5]:
        numeric = mpmath.diff(f, mpf(x))
        assert mpmath.almosteq(numeric, df(mpf(x)), rel_eps=1e-30, abs_eps=1e-30), (name, x)
