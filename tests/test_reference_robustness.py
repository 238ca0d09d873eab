"""Robustness of every public function: extreme values, dtypes, shapes, memory layouts, bad inputs.

Parametrised over every name in ``activations.__all__`` (with the example
parameters of ``test_reference_support.CALLS``), so a new function is covered
as soon as it is public. Run with ``-W error``: a warning fails the test.
"""

import warnings
from fractions import Fraction

import ml_dtypes
import mpmath
import numpy as np
import pytest
import torch
from numpy.testing import assert_allclose, assert_array_equal

import activations
from activations._reference import accuracy_claim, reference, ulp_errors
from package_calls import (ALL_NAMES, CALLS, ELEMENTWISE, ELEMENTWISE_NAMES, raises_cleanly,
                            VECTOR_NAMES, call, jacobian_shape)


EDGE = np.array([0.0, -0.0, 5e-324, -5e-324, 1e-310, -1e-310, 1e-300, -1e-300, 30.0, -30.0,
                 89.0, -89.0, 710.0, -710.0, 1e308, -1e308, np.inf, -np.inf])


def _pairs():
    for a in ELEMENTWISE:
        yield pytest.param(a, 0, id=a.name)
        yield pytest.param(a, 1, id=a.derivative.__name__)


@pytest.mark.parametrize("entry, which", list(_pairs()))
def test_edge_values_no_warning_and_finite(entry, which):
    func = entry.call_derivative if which else entry.call
    with np.errstate(all="raise"):
        result = func(EDGE)
    exact = [reference(entry.name, which, **entry.example_parameters)(float(v)) for v in EDGE]
    for x, r, e in zip(EDGE, result, exact):
        finite_truth = not mpmath.isinf(e) and abs(e) <= np.finfo(np.float64).max
        assert np.isfinite(r) == finite_truth, (x, r)
    assert ulp_errors(result, exact, np.float64).max() <= 4


@pytest.mark.parametrize("name", ALL_NAMES)
def test_no_warning_for_any_dtype_at_the_extremes(name):
    # The whole public API on the edge values, with every warning an error.
    with np.errstate(over="ignore"):  # the test's own casts of 1e308
        inputs = [EDGE, EDGE.astype(np.float32), EDGE.astype(np.float16)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x in inputs:
            for values in (x, x.reshape(-1, 2), x.reshape(-1, 2)[::2], x.reshape(3, 6)[:, ::-1]):
                call(name, values)


@pytest.mark.parametrize("name", ELEMENTWISE_NAMES)
def test_nan_propagates(name):
    result = call(name, np.array([np.nan, 1.0, -np.nan]))
    assert np.isnan(result[0]) and np.isnan(result[2]) and not np.isnan(result[1])
    assert np.isnan(call(name, np.nan))


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int8, np.int64,
                                   np.uint16, np.bool_])
def test_dtype_and_shape(name, dtype):
    x = np.arange(-6, 6).reshape(3, 4).astype(dtype)
    expected = dtype if np.issubdtype(dtype, np.floating) else np.float64
    result = call(name, x)
    assert result.dtype == expected
    assert result.shape == jacobian_shape(name, (3, 4))
    assert_allclose(result, call(name, x.astype(np.float64)), rtol=np.finfo(expected).eps,
                    atol=np.finfo(expected).smallest_subnormal)


@pytest.mark.parametrize("name", ELEMENTWISE_NAMES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int16])
def test_long_inputs_match_short_calls(name, dtype):
    """Inputs longer than a chunk (computed chunk by chunk; tanhshrink also recomputes its
    cancelling elements in blocks) give the values of the same inputs in short calls,
    integer extremes included."""
    x = np.linspace(-30.0, 30.0, 70001).astype(dtype)
    if dtype is np.int16:
        x[:2] = [np.iinfo(dtype).min, np.iinfo(dtype).max]
    short = np.concatenate([call(name, x[i:i + 1000]) for i in range(0, x.size, 1000)])
    assert_array_equal(call(name, x), short)


@pytest.mark.parametrize("name", ELEMENTWISE_NAMES)
def test_scalars_lists_and_zero_d(name):
    for scalar in [1.5, 2, True, np.float64(1.5), np.array(-0.5)]:
        result = call(name, scalar)
        assert isinstance(result, np.float64) and np.ndim(result) == 0
    assert isinstance(call(name, np.float32(1.5)), np.float32)
    assert isinstance(call(name, np.array(1.5, dtype=np.float16)), np.float16)
    assert_array_equal(call(name, [[0.5, -1.0]]), call(name, np.array([[0.5, -1.0]])))
    assert call(name, [[0.5, -1.0]]).shape == (1, 2)


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("shape", [(0,), (2, 0), (0, 4)])
def test_empty_arrays(name, shape):
    result = call(name, np.empty(shape, dtype=np.float32))
    assert result.dtype == np.float32
    assert result.shape == jacobian_shape(name, shape)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_input_never_modified(name):
    base = np.linspace(-40.0, 40.0, 48).reshape(6, 8)
    cases = [base.copy(), base.T, base[::2, ::2], base[:, ::-1]]
    readonly = base.copy()
    readonly.flags.writeable = False
    cases.append(readonly)
    cases.append(base.astype(">f8"))
    for x in cases:
        before = x.copy()
        result = call(name, x)
        assert_array_equal(x, before)
        assert result.dtype == np.float64
        assert np.all(np.isfinite(result))
        assert not np.shares_memory(result, x)
        assert_allclose(result, call(name, np.ascontiguousarray(x, dtype=np.float64)), rtol=0)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_torch_tensor_input(name):
    t = torch.linspace(-3, 3, 8)
    result = call(name, t)
    assert isinstance(result, np.ndarray) and result.dtype == np.float32
    assert_allclose(result, call(name, t.numpy().astype(np.float64)), rtol=6e-8)


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


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("bad, shown", BAD_INPUTS)
def test_bad_input_raises_with_name(name, bad, shown):
    func, kwargs = CALLS[name]
    message = raises_cleanly(func, bad, **kwargs)
    assert message.startswith(f"{name}: "), message
    assert shown in message, message


@pytest.mark.parametrize("name", ALL_NAMES)
def test_long_double(name):
    func, kwargs = CALLS[name]
    x = np.ones(2, dtype=np.longdouble)
    if np.finfo(np.longdouble).nmant == np.finfo(np.float64).nmant:
        assert func(x, **kwargs).dtype == np.float64  # long double is double here
    else:
        message = raises_cleanly(func, x, **kwargs)
        assert message.startswith(f"{name}: ") and "long double" in message


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("kind", ["torch", "ml_dtypes"])
def test_bfloat16_is_rejected_with_the_conversion(name, kind):
    """NumPy has no bfloat16: the error names it and says how to convert, for both sources."""
    if kind == "torch":
        x = torch.tensor([0.5, -1.0], dtype=torch.bfloat16)
    else:
        x = np.array([0.5, -1.0], dtype=ml_dtypes.bfloat16)
    func, kwargs = CALLS[name]
    message = raises_cleanly(func, x, **kwargs)
    assert message.startswith(f"{name}: bfloat16 input is not supported"), message
    assert ".float()" in message and "astype(np.float32)" in message, message
    # The suggested conversions work and give the float32 result.
    converted = x.float() if kind == "torch" else x.astype(np.float32)
    assert np.asarray(func(converted, **kwargs)).dtype == np.float32


def test_bad_input_message_example():
    message = raises_cleanly(activations.sigmoid, np.array([1j]))
    assert message.startswith("sigmoid: expected real numbers, got complex128 input")


# Every real-valued scalar parameter of every function: (name, parameter).
SCALAR_PARAMETERS = [
    (name, parameter)
    for name, (func, kwargs) in sorted(CALLS.items())
    for parameter, default in {**{p: v.default for p, v in
                                  __import__("inspect").signature(func).parameters.items()},
                               **kwargs}.items()
    if isinstance(default, float) and not isinstance(default, bool)
]


@pytest.mark.parametrize("name, parameter", SCALAR_PARAMETERS,
                         ids=[f"{n}-{p}" for n, p in SCALAR_PARAMETERS])
@pytest.mark.parametrize("value, shown", [
    (np.nan, "nan"), (np.inf, "inf"), (-np.inf, "-inf"), ("0.1", "'0.1'"),
    (None, "None"), (True, "True"), ([0.1], "[0.1]"), (1j, "1j"),
])
def test_bad_parameter(name, parameter, value, shown):
    func, kwargs = CALLS[name]
    if name.startswith("softplus") and parameter == "threshold" and value in (np.inf, -np.inf):
        return  # an infinite threshold is allowed: no switch, or always linear
    message = raises_cleanly(func, [1.0, -1.0], **{**kwargs, parameter: value})
    assert message.startswith(f"{name}: {parameter} "), message
    assert shown in message, message


@pytest.mark.parametrize("func, kwargs, words", [
    (activations.celu, {"alpha": 0.0}, "alpha must not be zero, got 0.0"),
    (activations.celu_grad, {"alpha": 0}, "alpha must not be zero, got 0"),
    (activations.softplus, {"beta": 0.0}, "beta must not be zero"),
    (activations.softplus, {"beta": -1.0}, "beta must not be negative, got -1.0"),
    (activations.softplus_grad, {"beta": 0.0}, "beta must not be zero"),
    (activations.hardtanh, {"min_val": 1.0, "max_val": -1.0},
     "min_val must not exceed max_val, got min_val=1.0 and max_val=-1.0"),
    (activations.hardtanh_grad, {"min_val": 2.0}, "min_val must not exceed max_val"),
    (activations.softshrink, {"lambd": -0.5}, "lambd must not be negative, got -0.5"),
    (activations.softshrink_grad, {"lambd": -1}, "lambd must not be negative"),
    (activations.gelu, {"approximate": "exact"},
     "approximate must be 'none' or 'tanh', got 'exact'"),
    (activations.gelu_grad, {"approximate": None}, "approximate must be 'none' or 'tanh'"),
    (activations.softplus, {"threshold": np.nan}, "threshold must be a real number, got nan"),
])
def test_invalid_parameter_values(func, kwargs, words):
    message = raises_cleanly(func, [1.0, -1.0], **kwargs)
    assert message.startswith(f"{func.__name__}: "), message
    assert words in message, message


def test_parameter_types_accepted():
    for value in [0, 2, np.float32(0.25), np.int64(1), Fraction(1, 4)]:
        assert np.isfinite(activations.leaky_relu(-1.0, value))
        assert np.isfinite(activations.elu(-1.0, value))
        assert np.isfinite(activations.softshrink(-1.0, value))
    assert activations.softplus(30.0, threshold=10**400) > 30.0  # a huge int is +inf
    assert activations.hardtanh(5.0, 2, 2) == 2.0  # an empty interior is allowed


@pytest.mark.parametrize("name", VECTOR_NAMES)
def test_bad_axis(name):
    func, kwargs = CALLS[name]
    x2 = [[1.0, 2.0]]
    message = raises_cleanly(func, [1.0, 2.0], axis=1)
    assert message == f"{name}: axis 1 is out of range for an input with 1 dimension"
    message = raises_cleanly(func, [1.0, 2.0], axis=2)
    assert message == f"{name}: axis 2 is out of range for an input with 1 dimension"
    message = raises_cleanly(func, x2, axis=-3)
    assert message == f"{name}: axis -3 is out of range for an input with 2 dimensions"
    message = raises_cleanly(func, 3.0)
    assert message == f"{name}: axis -1 is out of range for an input with 0 dimensions"
    for axis in [1.5, None, "0", True, (0,)]:
        message = raises_cleanly(func, [1.0, 2.0], axis=axis)
        assert message.startswith(f"{name}: axis must be an integer"), message
    square = [[0.0, 1.0], [2.0, 0.5]]
    assert_array_equal(func(square, axis=np.int64(0)), func(square, axis=0))


def _squareplus_within_claims_without_warnings(x, b):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = activations.squareplus(x, b=b)
        slopes = activations.squareplus_grad(x, b=b)
    for which, func, computed in ((0, activations.squareplus, values),
                                  (1, activations.squareplus_grad, slopes)):
        exact = [reference("squareplus", which, b=b)(float(v)) for v in x]
        assert ulp_errors(computed, exact, np.float64).max() <= accuracy_claim(func), which


@pytest.mark.parametrize("b", [1e270, 1e300, 1e306, 1.7e308])
def test_squareplus_with_a_huge_b(b):
    # b near the largest float: h * d, about b, must not overflow inside the pair arithmetic.
    x = np.array([-1e308, -3e154, -1e154, -1.0, -1e-300, -0.0, 0.0, 1e-300, 1.0, 1e154, 1e308])
    _squareplus_within_claims_without_warnings(x, b)


@pytest.mark.parametrize("b", [5e-324, 1e-320, 1e-310, 2.0**-1000, 2.0**-901])
def test_squareplus_with_a_tiny_b(b):
    # b subnormal or nearly: b / 4 and the pairs' products would lose their digits (b = 5e-324
    # gave 0 where the value is 7.2e-163, and a warning). x around sqrt(b), and x so large
    # that x scaled by 2**600 overflows.
    rng = np.random.default_rng(19)
    x = np.concatenate([np.sqrt(b) * rng.standard_normal(200) * 10.0 ** rng.uniform(-3, 3, 200),
                        [-1.7e308, -2.0**425, -1e-162, -0.0, 0.0, 1e-300, 1.0, 2.0**425, 1.7e308]])
    _squareplus_within_claims_without_warnings(x, b)


@pytest.mark.parametrize("b", [4.0, 1e-3, 7.0, 1e-150, 1e150])
def test_squareplus_correctly_rounded_where_its_newton_step_serves(b):
    # |x| < 45 sqrt(b): the signed Newton step from a 26-bit start, and its Ziv test. Values
    # dense near x = -45 sqrt(b), where squareplus(x) is 2**13 below squareplus(|x|), near
    # sqrt(b/8), where s - |x| stops being exact, and near 0.
    rng = np.random.default_rng(13)
    root = np.sqrt(b)
    x = np.concatenate([rng.uniform(-45.0, 45.0, 250), rng.uniform(-45.0, -44.0, 150),
                        rng.uniform(-0.4, 0.4, 100), rng.uniform(-1e-6, 1e-6, 50)]) * root
    exact = [reference("squareplus", 0, b=b)(float(v)) for v in x]
    assert ulp_errors(activations.squareplus(x, b=b), exact, np.float64).max() <= 0.5


@pytest.mark.parametrize("b", [4.0, 1e-3, 1e150])
def test_squareplus_where_a_few_values_leave_its_newton_window(b):
    # One value in ten beyond 45 sqrt(b), and a nan: the fast kernels serve the others and the
    # general ones overwrite these in the same output.
    rng = np.random.default_rng(17)
    root = np.sqrt(b)
    x = rng.uniform(-45.0, 45.0, 400) * root
    x[::10] = rng.uniform(45.0, 1e6, 40) * rng.choice([-1.0, 1.0], 40) * root
    x[5] = np.nan
    finite = ~np.isnan(x)
    for which, func in ((0, activations.squareplus), (1, activations.squareplus_grad)):
        result = func(x, b=b)
        assert np.isnan(result[5])
        exact = [reference("squareplus", which, b=b)(float(v)) for v in x[finite]]
        claim = 0.5 if which == 0 else accuracy_claim(func)
        assert ulp_errors(result[finite], exact, np.float64).max() <= claim, which
