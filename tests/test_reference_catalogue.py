"""The catalogue: its structure, and every property it states checked numerically.

The site prints its property table from the catalogue, so each claim (range,
monotonic, zero-centred, saturating, smoothness, f(0), f'(0), the PyTorch
names and defaults) is tested here against the functions themselves and
against PyTorch.
"""

import dataclasses
import math
import inspect
import operator

import numpy as np
import pytest
import torch
from numpy.testing import assert_allclose

import activations
from activations.catalogue import (CATALOGUE, SATURATION, SMOOTHNESS, Activation, by_name,
                                   math_blocks)
from catalogue_ranges import in_range, parse_range, tolerance
from activations._reference import SELU_ALPHA, SELU_SCALE, reference
from package_calls import ELEMENTWISE, VECTOR, torch_defaults, torch_grad

TORCH_NAMED = [a for a in CATALOGUE if a.torch]

DENSE = np.linspace(-60.0, 60.0, 24001)
EXTREMES = np.array([-np.inf, -1e308, -745.0, -40.0, 40.0, 745.0, 1e308, np.inf])
# Our parameters that torch's functional does not have (documented extensions).
EXTENSIONS = {"generator"}


def test_catalogue_structure():
    names = [a.name for a in CATALOGUE]
    assert len(set(names)) == len(names)
    covered = {a.function.__name__ for a in CATALOGUE} | {a.derivative.__name__
                                                          for a in CATALOGUE}
    # Every public function is an activation or its derivative, except the
    # extra derivative of PReLU with respect to its weight.
    assert covered | {"prelu_weight_grad"} == set(activations.__all__)
    for a in CATALOGUE:
        assert isinstance(a, Activation)
        assert a.function.__name__ == a.name  # the function itself, not an alias
        assert a.saturating in SATURATION and a.smoothness in SMOOTHNESS
        assert (a.smoothness == "C∞") == (a.kinks == ())
        assert a.label and a.paper and 1940 <= a.year <= 2030
        assert by_name(a.name) is a
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.name = "changed"
        with pytest.raises(TypeError):
            a.example_parameters["weight"] = 1.0


def test_catalogue_covers_torch_nn():
    """Every activation module of torch.nn, except the three the design excludes, has an entry
    (the catalogue also has activations that torch.nn lacks)."""
    excluded = {"MultiheadAttention", "AdaptiveLogSoftmaxWithLoss", "Softmax2d"}
    modules = {a.torch_module.removeprefix("torch.nn.") for a in CATALOGUE if a.torch_module}
    expected = set(torch.nn.modules.activation.__all__) - excluded
    assert expected <= modules


def test_catalogue_rejects_what_the_package_lacks():
    fields = dict(label="X", range="(0, 1)", monotonic=True, zero_centred=False,
                  saturating="no", hard=None, smoothness="C∞", kinks=(), paper="p", year=2000,
                  mpmath=("x", "1"))
    with pytest.raises(ValueError, match="no function of that name"):
        Activation(name="swishy", **fields)
    with pytest.raises(ValueError, match="torch or torch_expression, not both"):
        Activation(name="relu", torch="torch.relu", torch_expression="torch.relu(x)",
                   **{**fields, "smoothness": "C0", "kinks": (0.0,)})
    with pytest.raises(ValueError, match="'relu': mpmath must give two expressions"):
        Activation(name="relu", **{**fields, "mpmath": ("max(0, x)",)})
    with pytest.raises(ValueError, match=r"relu does not have: \['alpha'\]"):
        Activation(name="relu", parameter_sets=({"alpha": 1.0},),
                   **{**fields, "smoothness": "C0", "kinks": (0.0,)})


def test_by_name_unknown():
    with pytest.raises(KeyError, match="no activation named 'swishy'.*relu"):
        by_name("swishy")


@pytest.mark.parametrize("activation", CATALOGUE, ids=lambda a: a.name)
def test_formulas_come_from_docstrings(activation):
    blocks = math_blocks(activation.function.__doc__)
    assert blocks == [activation.formula, activation.derivative_formula]
    assert all(b and "\n\n" not in b for b in blocks)
    assert "'" in activation.derivative_formula or r"\partial" in activation.derivative_formula \
        or r"\frac{d}{dx}" in activation.derivative_formula
    # The derivative's docstring refers back to f instead of repeating the formulas.
    assert math_blocks(activation.derivative.__doc__) == []
    assert activation.name in activation.derivative.__doc__.split("See Also")[1]


def test_math_blocks_parser():
    doc = """Summary.

    .. math::
       :label: eq

        a = b

    Text.

    .. math:: c = d
    """
    assert math_blocks(doc) == ["a = b", "c = d"]


# --------------------------------------------------------------------------
# f(0), f'(0) and the PyTorch names
# --------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_computed_values(activation):
    zero = torch.zeros((), dtype=torch.float64)
    assert activation.value_at_zero == activation.call_torch(zero).item()
    assert isinstance(activation.value_at_zero, float)
    # Equal to torch's autograd up to torch's own rounding of constants: it
    # uses fl(alpha) * fl(lambda) for SELU (1 ULP below lambda alpha) and, in
    # float64, the float32 value of 1/6 for the hard sigmoid.
    assert activation.derivative_at_zero == pytest.approx(
        torch_grad(activation, np.zeros(1))[0], rel=6e-8 if activation.name == "hardsigmoid"
        else 3e-16)


def test_catalogue_vector_valued_has_no_scalar_values():
    for a in VECTOR:
        assert a.value_at_zero is None and a.derivative_at_zero is None


def _module(activation):
    """The torch.nn module of the entry, built with the entry's scalar parameters."""
    module_class = operator.attrgetter(activation.torch_module.removeprefix("torch."))(torch)
    kwargs = {k: v for k, v in activation.parameters.items()
              if k not in EXTENSIONS | {"weight", "axis", "training"}}
    if not activation.elementwise:
        kwargs = {"dim": -1}
    if activation.name == "prelu":
        kwargs = {"init": activation.example_parameters["weight"][0]}
    module = module_class(**kwargs).double()
    return module.eval()


@pytest.mark.parametrize("activation", TORCH_NAMED, ids=lambda a: a.name)
def test_catalogue_torch_names(activation):
    module = _module(activation)
    assert isinstance(module, torch.nn.Module)
    x = np.random.default_rng(5).uniform(-5, 5, (3, 8))
    t = torch.from_numpy(x)
    expected = activation.call_torch(t).numpy()
    # This checks the names, not torch's accuracy (see test_activations.py).
    assert_allclose(activation.call(x), expected, rtol=1e-9, atol=1e-300)
    with torch.no_grad():
        assert_allclose(module(t).numpy(), expected, rtol=0)


@pytest.mark.parametrize("activation", TORCH_NAMED, ids=lambda a: a.name)
def test_catalogue_parameters_match_torch_defaults(activation):
    defaults = torch_defaults(activation)
    ours = inspect.signature(activation.function).parameters
    for name, p in ours.items():
        if p.default is inspect.Parameter.empty or name in EXTENSIONS:
            continue
        torch_name = "dim" if name == "axis" else name
        assert torch_name in defaults, (activation.name, name)
        if torch_name == "dim":
            continue  # torch's softmax dim has no usable default; ours is -1
        assert defaults[torch_name] == p.default, (activation.name, name)
    # Required parameters are required in torch too.
    required = [n for n, p in ours.items() if p.default is inspect.Parameter.empty][1:]
    assert all(n not in defaults for n in required)


# --------------------------------------------------------------------------
# Range
# --------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_range(activation):
    pieces = parse_range(activation)
    kinks = np.array(activation.kinks)
    beside_kinks = np.concatenate([kinks - 1e-12, kinks, kinks + 1e-12])
    values = activation.call(np.concatenate([DENSE, EXTREMES, beside_kinks]))
    assert np.all(in_range(values, pieces)), activation.range
    # Every end is the infimum or supremum of its piece: approached or attained.
    moderate = activation.call(np.linspace(-10, 10, 200001))
    for low, high, low_closed, high_closed, tol in pieces:
        for bound, closed, side in ((low, low_closed, 1), (high, high_closed, -1)):
            if np.isinf(bound):
                assert np.any(values == bound) or np.any(np.abs(values) > 1e300)
                continue
            near = values[np.abs(values - bound) <= max(tol, 1e-9 * max(1.0, abs(bound)))]
            assert near.size, (activation.name, bound)
            # Closed ends are attained at moderate x (|x| <= 10); open ends are
            # not (rounding cannot reach them there). A rounded bound is closed
            # if the true extremum is attained.
            attained = (np.any(np.abs(moderate - bound) <= tol) if tol
                        else bound in moderate)
            assert attained == closed, (activation.name, bound)


# --------------------------------------------------------------------------
# Monotonic, zero-centred, saturating, smoothness
# --------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_monotonic(activation):
    values = activation.call(DENSE)
    steps = np.diff(values)
    if activation.monotonic:
        assert np.all(steps >= -tolerance(values[1:]))
        assert np.all(activation.call_derivative(DENSE) >= 0)
    else:
        assert np.any(steps < -tolerance(values[1:]))


@pytest.mark.parametrize("activation", CATALOGUE, ids=lambda a: a.name)
def test_catalogue_zero_centred(activation):
    """Zero-centred means odd: f(-x) = -f(x)."""
    if activation.elementwise:
        x = np.concatenate([np.linspace(0.0, 60.0, 12001), EXTREMES[EXTREMES > 0]])
        f_plus, f_minus = activation.call(x), activation.call(-x)
        with np.errstate(invalid="ignore"):  # inf + -inf where f(+-inf) = +-inf
            odd = np.all((f_plus == -f_minus)
                         | (np.abs(f_plus + f_minus) <= tolerance(f_plus)))
        assert odd == activation.zero_centred
    else:
        assert not activation.zero_centred


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_saturating(activation):
    # Far enough out for the slowest decay (softsign', like 1/x^2).
    left = abs(activation.call_derivative(-1e10)) < 1e-12
    right = abs(activation.call_derivative(1e10)) < 1e-12
    expected = {(False, False): "no", (True, False): "negative side",
                (False, True): "positive side", (True, True): "both sides"}
    assert expected[(left, right)] == activation.saturating


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_hard_or_soft_saturation(activation):
    """Hard: the derivative is exactly 0 on the saturating side (checked at 10, beyond every
    threshold of these functions); soft: it is not, though it tends to 0."""
    sides = {"negative side": [-10.0], "positive side": [10.0], "both sides": [-10.0, 10.0],
             "no": []}[activation.saturating]
    for x in sides:
        assert (activation.call_derivative(x) == 0.0) == activation.hard, (activation.name, x)


def test_hard_is_given_exactly_for_the_saturating():
    fields = dict(label="X", range="(0, 1)", monotonic=True, zero_centred=False,
                  smoothness="C∞", kinks=(), paper="p", year=2000, mpmath=("x", "1"))
    with pytest.raises(ValueError, match="hard must be True or False"):
        Activation(name="sigmoid", saturating="both sides", hard=None, **fields)
    with pytest.raises(ValueError, match="None for one that does not"):
        Activation(name="sigmoid", saturating="no", hard=False, **fields)


def _one_sided(func, point):
    """Left/right limits of func and of its derivative at point, by one-sided differences."""
    h1, h2 = 1e-9, 1e-5
    left, right = func(point - h1), func(point + h1)
    d_left = (func(point - h2) - func(point - 2 * h2)) / h2
    d_right = (func(point + 2 * h2) - func(point + h2)) / h2
    return left, right, d_left, d_right


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_catalogue_smoothness(activation):
    points = activation.kinks or (0.0, -1.3, 2.1)
    for point in points:
        f_left, f_right, _, _ = _one_sided(activation.call, point)
        d_left, d_right, dd_left, dd_right = _one_sided(activation.call_derivative, point)
        jumps = abs(f_left - f_right) > 1e-3
        derivative_jumps = abs(d_left - d_right) > 1e-3
        second_jumps = abs(dd_left - dd_right) > 1e-2
        order = SMOOTHNESS.index(activation.smoothness)
        observed = (0 if jumps else 1 if derivative_jumps else 2 if second_jumps else 3)
        if activation.kinks:
            assert observed == order, (activation.name, point, observed)
        else:
            assert observed == 3, (activation.name, point)


# --------------------------------------------------------------------------
# Computed properties: bounded, negative outputs, slope range, identity near 0
# --------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_bounded_and_negative_outputs_agree_with_the_range(activation):
    pieces = parse_range(activation)
    low = min(piece[0] for piece in pieces)
    high = max(piece[1] for piece in pieces)
    assert activation.bounded == bool(np.isfinite(low) and np.isfinite(high))
    assert activation.negative_outputs == bool(low < 0)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_slope_range_against_mpmath(activation):
    """The bounds of f' agree with the mpmath derivative on a grid of its own (and at its
    extremes found by mpmath), to the 3 digits the site prints."""
    derivative = reference(activation.name, 1, **activation.example_parameters)
    points = np.concatenate([np.linspace(-12.0, 12.0, 4801), activation.kinks, [-1e6, 1e6]])
    exact = np.array([float(derivative(x)) for x in points])
    low, high = activation.slope_range
    assert low <= exact.min() + 1e-3 and high >= exact.max() - 1e-3
    if np.isfinite(high):
        assert high <= exact.max() + 2e-3 * max(1.0, abs(high)), (activation.name, high)
    assert low >= exact.min() - 2e-3 * max(1.0, abs(low)) or low == 0.0, (activation.name, low)


def test_slope_range_hand_derived():
    expected = {"sigmoid": (0.0, 0.25), "tanh": (0.0, 1.0), "relu": (0.0, 1.0),
                "hardsigmoid": (0.0, 1 / 6), "sparse_sigmoid": (0.0, 0.5),
                "leaky_relu": (0.01, 1.0), "squared_relu": (0.0, np.inf),
                "selu": (0.0, float(SELU_SCALE * SELU_ALPHA))}
    for name, (low, high) in expected.items():
        assert by_name(name).slope_range == pytest.approx((low, high), rel=1e-9), name
    # GELU' peaks at x = sqrt(2): 1/2 + erf(1)/2 + exp(-1) / sqrt(pi) = 1.128904...
    peak = 0.5 + 0.5 * math.erf(1.0) + math.exp(-1.0) / math.sqrt(math.pi)
    assert by_name("gelu").slope_range[1] == pytest.approx(peak, rel=1e-6)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.name)
def test_identity_near_zero_by_mpmath(activation):
    """f(h)/h -> 1 from both sides exactly when the catalogue says f(x) ~ x near 0."""
    f = reference(activation.name, **activation.example_parameters)
    ratios = [float(f(h) / h) for h in (1e-9, -1e-9)]
    assert all(abs(r - 1) < 1e-6 for r in ratios) == activation.identity_near_zero, ratios
