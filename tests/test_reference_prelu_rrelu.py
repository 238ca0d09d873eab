"""PReLU (a learned slope per channel) and RReLU (a random slope while training).

Both are Leaky ReLUs whose slope comes from elsewhere: a weight broadcast over
axis 1 as in PyTorch, or a draw from U(lower, upper). References: PyTorch
(forward, autograd for the input and for the weight) and hand-derived values.
"""

import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose, assert_array_equal

import activations as A
from package_calls import raises_cleanly

SHAPES_AND_WEIGHTS = [
    ((7,), [0.25]), ((7,), 0.1), ((), [0.3]), ((4, 3), [0.1, -0.2, 0.3]),
    ((2, 3, 5), [0.5, 0.0, 2.0]), ((2, 3, 4, 2), [0.25, 0.5, 0.75]), ((2, 3, 4), [0.7]),
]


def _torch_prelu(x, weight):
    xt = torch.tensor(x, requires_grad=True)
    wt = torch.tensor(np.atleast_1d(np.asarray(weight, dtype=np.float64)), requires_grad=True)
    y = F.prelu(xt, wt)
    upstream = torch.from_numpy(np.random.default_rng(1).uniform(0.5, 2.0, x.shape))
    (y * upstream).sum().backward()
    return y.detach().numpy(), xt.grad.numpy() / upstream.numpy(), wt.grad.numpy(), upstream


@pytest.mark.parametrize("shape, weight", SHAPES_AND_WEIGHTS,
                         ids=[f"{s}-{w}" for s, w in SHAPES_AND_WEIGHTS])
def test_prelu_matches_torch(shape, weight):
    rng = np.random.default_rng(0)
    x = rng.uniform(-5, 5, shape)
    if x.size:
        x.flat[0] = 0.0  # the kink: autograd's left derivative, the slope
    y, dx, dw, upstream = _torch_prelu(x, weight)
    assert_allclose(A.prelu(x, weight), y, rtol=2e-16, atol=0)
    assert_allclose(A.prelu_grad(x, weight), dx, rtol=4e-16, atol=0)
    # torch's weight.grad: the upstream gradient times d/dw, summed over every
    # axis but the channel axis 1 (over all axes for a single weight).
    partial = A.prelu_weight_grad(x, weight) * upstream.numpy()
    if np.size(weight) == 1:
        expected = partial.sum()
    else:
        expected = partial.sum(axis=tuple(i for i in range(x.ndim) if i != 1))
    assert_allclose(np.atleast_1d(expected), dw, rtol=1e-14, atol=1e-300)


def test_prelu_hand_derived():
    assert_array_equal(A.prelu([-4.0, 0.0, 3.0], 0.25), [-1.0, 0.0, 3.0])
    assert_array_equal(A.prelu_grad([-4.0, 0.0, 3.0], [0.25]), [0.25, 0.25, 1.0])
    assert_array_equal(A.prelu_weight_grad([-4.0, 0.0, 3.0], [0.25]), [-4.0, 0.0, 0.0])
    x = np.array([[-1.0, -1.0], [-2.0, 2.0]])
    assert_array_equal(A.prelu(x, [0.5, 0.25]), [[-0.5, -0.25], [-1.0, 2.0]])
    assert A.prelu(np.float32(-2.0), np.array([0.5])).dtype == np.float32
    assert_array_equal(A.prelu([-np.inf, np.inf], 0.0), [0.0, np.inf])
    assert A.prelu(-1e308, 3.0) == -np.inf  # the true value is beyond the float64 range


@pytest.mark.parametrize("func", [A.prelu, A.prelu_grad, A.prelu_weight_grad],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("x, weight, words", [
    (np.ones((2, 3)), [0.1, 0.2], "weight has 2 elements, but the input has 3 channels"),
    (np.ones(4), [0.1, 0.2], "weight has 2 elements, but the input has 1 channel"),
    (np.ones((2, 2)), [[0.1, 0.2]], "weight must be a number or a 1-d array, got an array "
                                    "of shape (1, 2)"),
    (1.0, [0.1, 0.2], "a 0-d input takes a single weight, got 2 weights"),
    (np.ones(2), [np.nan], "weight must hold finite real numbers, got [nan]"),
    (np.ones(2), np.inf, "weight must hold finite real numbers, got [inf]"),
    (np.ones(2), "0.25", "weight must be a real number or a 1-d array of real numbers, "
                         "got '0.25'"),
    (np.ones(2), None, "weight must be a real number or a 1-d array of real numbers, got None"),
    (np.ones(2), True, "got True of type bool"),
    (np.ones(2), [1j], "expected real numbers, got complex128 input"),
    (np.ones(2), [], "weight has 0 elements"),
])
def test_prelu_bad_weight(func, x, weight, words):
    message = raises_cleanly(func, x, weight)
    assert message.startswith(f"{func.__name__}: "), message
    assert words in message, message


# --------------------------------------------------------------------------
# RReLU
# --------------------------------------------------------------------------


def test_rrelu_evaluation_mode_matches_torch():
    x = np.concatenate([np.linspace(-10, 10, 201), [-0.0, 0.0, -np.inf, np.inf]])
    t = torch.tensor(x, requires_grad=True)
    y = F.rrelu(t, training=False)
    y.sum().backward()
    assert_allclose(A.rrelu(x), y.detach().numpy(), rtol=2e-16, atol=0)
    assert_array_equal(A.rrelu_grad(x), t.grad.numpy())
    for lower, upper in [(0.0, 0.0), (0.1, 0.9), (-0.5, 0.5)]:
        # (At x = -inf with slope 0 torch gives 0 * -inf = nan; we give the limit 0.)
        finite = x[np.isfinite(x)]
        expected = F.rrelu(torch.from_numpy(finite), lower, upper, training=False).numpy()
        assert_allclose(A.rrelu(finite, lower, upper), expected, rtol=2e-16, atol=0)
    assert A.rrelu(-np.inf, 0.0, 0.0) == 0.0


def test_rrelu_training_mode():
    x = np.linspace(-4, 4, 1001)
    rng = np.random.default_rng(42)
    twin = copy.deepcopy(rng)
    y = A.rrelu(x, training=True, generator=rng)
    slopes = A.rrelu_grad(x, training=True, generator=twin)
    negative = x <= 0
    assert_array_equal(y[~negative], x[~negative])
    assert_array_equal(slopes[~negative], 1.0)
    assert np.all((slopes[negative] >= 1 / 8) & (slopes[negative] <= 1 / 3))
    assert_array_equal(y, np.where(negative, slopes * x, x))
    # Same seed, same draws; the generator advances, so the next call differs.
    assert_array_equal(A.rrelu(x, training=True, generator=np.random.default_rng(42)), y)
    assert not np.array_equal(A.rrelu(x, training=True, generator=rng), y)
    # A degenerate interval is deterministic.
    assert_array_equal(A.rrelu(x, 0.2, 0.2, training=True, generator=rng),
                       A.leaky_relu(x, 0.2))


def test_rrelu_training_distribution_matches_torch():
    """Both draw the slope from U(lower, upper): compare the first two moments."""
    x = -np.ones(200_000)
    ours = -A.rrelu(x, 0.1, 0.5, training=True, generator=np.random.default_rng(3))
    torch.manual_seed(3)
    theirs = -F.rrelu(torch.from_numpy(x), 0.1, 0.5, training=True).numpy()
    for sample in (ours, theirs):
        assert abs(sample.mean() - 0.3) < 2e-3
        assert abs(sample.var() - 0.4 ** 2 / 12) < 2e-4
        assert sample.min() >= 0.1 and sample.max() <= 0.5


@pytest.mark.parametrize("func", [A.rrelu, A.rrelu_grad], ids=lambda f: f.__name__)
@pytest.mark.parametrize("kwargs, error, words", [
    ({"training": True}, ValueError, "training=True draws random slopes and needs a "
                                     "numpy.random.Generator, got generator=None"),
    ({"training": True, "generator": 0}, TypeError, "generator must be a numpy.random.Generator"),
    ({"generator": np.random.RandomState(0)}, TypeError, "got RandomState"),
    ({"training": 1}, TypeError, "training must be True or False, got 1 of type int"),
    ({"lower": 0.5, "upper": 0.1}, ValueError,
     "lower must not exceed upper, got lower=0.5 and upper=0.1"),
    ({"lower": np.nan}, ValueError, "lower must be a finite real number, got nan"),
    ({"upper": "1/3"}, TypeError, "upper must be a finite real number, got '1/3'"),
])
def test_rrelu_bad_parameters(func, kwargs, error, words):
    with pytest.raises(error) as info:
        func([1.0, -1.0], **kwargs)
    message = str(info.value)
    assert message.startswith(f"{func.__name__}: ") and words in message, message
