"""The errata page tells the truth about the seed posts' mistakes.

The page (gallery/tutorials/plot_17_errata.py) keeps every mistake as one record: the wrong
snippet, what it does, the corrected snippet and what that gives. These tests load the records
from the page itself (one source of truth), run both snippets again with their own small runner,
and compare the outcomes with expectations written here independently: if the page's record, the
behaviour of PyTorch or NumPy, or our reading of a post changes, a test fails.
"""

import math
import runpy
import textwrap
import warnings
from unittest import mock

import numpy as np
import pytest
import torch

from conftest import ROOT

SCRIPT = ROOT / "gallery" / "tutorials" / "plot_17_errata.py"
NAN = float("nan")

# What each wrong snippet does today: the exception type it raises, or the value of `result`.
WRONG = {
    "000-variable": RuntimeError,
    "000-import-F": (True, False),       # works, but only through an internal import
    "000-F-sigmoid": (True, True),       # an alias that still gives torch.sigmoid's values
    "000-derivative-range": AssertionError,
    "000-relu-vanishing": AssertionError,
    "001-softmax-row": AssertionError,
    "001-nn-undefined": NameError,
    "001-num-classes": NameError,
    "002-sigmoid-block": NameError,
    "002-bare-exp": NameError,
    "002-tanh-overflow": [1.0, NAN, NAN],
    "002-relu-continuity": AssertionError,
    "002-integer-inputs": AssertionError,
    "002-softmax-batch": [0.0027, 0.9973],
    "002-softmax-plot": AssertionError,
    "003-leaky-slope": AssertionError,
    "003-np-undefined": NameError,
    "003-bias-update": 0.66,
    "004-leaky-slope": [-2.0, 10.0],
    "004-elu-alpha": [2.0 * math.expm1(-10.0), 10.0],
    "004-panel-labels": AssertionError,
    "004-non-saturating": AssertionError,
}

# What each corrected snippet leaves in `result` (it must not raise or warn).
RIGHT = {
    "000-variable": [-2.0, -1.0, 0.0, 1.0, 2.0],
    "000-import-F": True,
    "000-F-sigmoid": (0.5, 0.0),
    "000-derivative-range": (0.25, 1.0),
    "000-relu-vanishing": 0.44,
    "001-softmax-row": [0.0064, 0.0, 0.0471, 0.9465],
    "001-nn-undefined": [-0.01, 0.0, 1.0, 2.0],
    "001-num-classes": (2, 1),
    "002-sigmoid-block": 0.5,
    "002-bare-exp": math.tanh(1.0),
    "002-tanh-overflow": [1.0, 1.0, -1.0],
    "002-relu-continuity": (0.0, 1.0),
    "002-integer-inputs": [0.0, 1.0, 1.0],
    "002-softmax-batch": [1.0, 1.0],
    "002-softmax-plot": True,
    "003-leaky-slope": 0.01,
    "003-np-undefined": -0.08,
    "003-bias-update": 0.36,
    "004-leaky-slope": [-0.1, 10.0],
    "004-elu-alpha": [math.expm1(-10.0), 10.0],
    "004-panel-labels": 6,
    "004-non-saturating": 0.45,
}


@pytest.fixture(scope="module")
def errata():
    """The records, taken from the page by running it (its figure drawn off-screen)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with mock.patch.object(plt, "show"):
        namespace = runpy.run_path(str(SCRIPT), run_name="errata")
    plt.close("all")
    return {erratum.key: erratum for erratum in namespace["ERRATA"]}


def execute(code):
    """Run a snippet in a fresh namespace: (exception or None, result, warnings)."""
    namespace = {}
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            exec(textwrap.dedent(code).strip(), namespace)
        except Exception as error:  # noqa: BLE001
            return error, None, caught
    return None, namespace.get("result"), caught


def assert_outcome(outcome, expected, key):
    error, result, _ = outcome
    if isinstance(expected, type):
        assert type(error) is expected, f"{key}: expected {expected.__name__}, got {error!r}"
    else:
        assert error is None, f"{key}: raised {error!r}"
        np.testing.assert_allclose(np.asarray(result, dtype=float), np.asarray(expected, dtype=float),
                                   rtol=1e-4, atol=5e-5, equal_nan=True, err_msg=key)


def test_every_mistake_has_a_record_and_an_independent_expectation(errata):
    assert set(errata) == set(WRONG) == set(RIGHT)


def test_records_name_real_seed_files(errata):
    seeds = ROOT.parent / "shared" / "seeds"
    for key, erratum in errata.items():
        assert erratum.seed.startswith(key[:3]), key
        if seeds.is_dir():
            assert (seeds / erratum.seed).is_file(), erratum.seed


@pytest.mark.parametrize("key", sorted(WRONG))
def test_wrong_version_behaves_as_the_page_says(errata, key):
    erratum = errata[key]
    outcome = execute(erratum.wrong)
    assert_outcome(outcome, WRONG[key], key)
    assert_outcome(outcome, erratum.outcome, key)


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_corrected_version_runs_cleanly(errata, key):
    erratum = errata[key]
    outcome = execute(erratum.right)
    assert not outcome[2], f"{key}: {[str(w.message) for w in outcome[2]]}"
    assert_outcome(outcome, RIGHT[key], key)
    assert_outcome(outcome, erratum.fixed, key)


# The headline mistakes once more, written out without the page's snippets.

def test_lowercase_variable_raises_but_tensors_need_no_wrapper():
    from torch.autograd import Variable, variable

    with pytest.raises(RuntimeError):
        variable(torch.zeros(1))
    assert type(Variable(torch.zeros(1))) is torch.Tensor


def test_naive_tanh_overflows_at_710():
    def naive_tanh(x):
        return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))

    with np.errstate(over="ignore", invalid="ignore"):
        assert naive_tanh(709.0) == 1.0
        assert math.isnan(naive_tanh(710.0))
        assert math.isnan(naive_tanh(-710.0))
    assert np.tanh(710.0) == 1.0 and np.tanh(-710.0) == -1.0


def test_the_posts_softmax_row_is_not_what_softmax_gives():
    row = torch.softmax(torch.tensor([5.0, -6.0, 7.0, 10.0], dtype=torch.float64), dim=0)
    exact = [math.exp(v - 10) for v in (5.0, -6.0, 7.0, 10.0)]
    exact = [v / sum(exact) for v in exact]
    np.testing.assert_allclose(row.numpy(), exact, rtol=1e-14)
    assert [round(p, 4) for p in exact] == [0.0064, 0.0, 0.0471, 0.9465]
    assert not np.allclose(exact, [0.0067, 0.0, 0.0472, 0.9461], atol=5e-5)


def test_bias_update_with_the_weight_is_a_different_number(errata):
    w1, b, db, alpha = 2.0, -1.0, 0.3, 0.1
    assert math.isclose(b - alpha * db, -1.03)   # b := b - alpha * db
    assert math.isclose(w1 - alpha * db, 1.97)   # the post: b := w1 - alpha * db
    # and the page's training snippets differ exactly in that line
    erratum = errata["003-bias-update"]
    changed = set(erratum.wrong.splitlines()) ^ set(erratum.right.splitlines())
    assert {line.strip() for line in changed} == {"b = w1 - alpha * db", "b = b - alpha * db"}


def test_the_plotted_slopes_are_not_pytorchs_defaults():
    assert torch.nn.LeakyReLU().negative_slope == 0.01 != 0.2
    assert torch.nn.ELU().alpha == 1.0 != 2.0
    x = torch.tensor([-10.0])
    assert torch.nn.LeakyReLU()(x).item() == pytest.approx(-0.1)
    assert torch.nn.LeakyReLU(0.2)(x).item() == pytest.approx(-2.0)


def test_leaky_relu_summary_slope_disagrees_with_its_derivative():
    z = torch.tensor(-3.0, dtype=torch.float64, requires_grad=True)
    torch.maximum(0.001 * z, z).backward()
    assert z.grad.item() == pytest.approx(0.001)
    assert z.grad.item() != pytest.approx(0.01)


def first_to_last_gradient(activation, kaiming=None, seed=7):
    """Gradient norm of layer 1 over layer 20 of a width-64 stack, written here independently."""
    generator = torch.Generator().manual_seed(seed)
    weights = []
    for _ in range(20):
        if kaiming is None:  # PyTorch's default: U(-1/sqrt(n), 1/sqrt(n)), biases alike
            w = (torch.rand(64, 64, generator=generator, dtype=torch.float64) * 2 - 1) / 8
            b = (torch.rand(64, generator=generator, dtype=torch.float64) * 2 - 1) / 8
        else:               # Kaiming normal: std = gain / sqrt(n), zero biases
            w = torch.randn(64, 64, generator=generator, dtype=torch.float64) * kaiming / 8
            b = torch.zeros(64, dtype=torch.float64)
        weights.append((w.requires_grad_(), b))
    h = torch.randn(256, 64, generator=generator, dtype=torch.float64)
    for k, (w, b) in enumerate(weights):
        h = h @ w.T + b
        if k < 19:
            h = activation(h)
    (h - torch.randn(256, 64, generator=generator, dtype=torch.float64)).pow(2).mean().backward()
    return (weights[0][0].grad.norm() / weights[-1][0].grad.norm()).item()


def test_relu_and_leaky_relu_still_lose_the_gradient_without_a_matched_initialisation():
    leaky = lambda h: torch.nn.functional.leaky_relu(h, 0.01)  # noqa: E731
    assert first_to_last_gradient(torch.relu) < 1e-4
    assert first_to_last_gradient(leaky) < 1e-4
    assert first_to_last_gradient(torch.sigmoid) < 1e-12
    assert 0.05 < first_to_last_gradient(torch.relu, kaiming=math.sqrt(2)) < 20
    assert 0.05 < first_to_last_gradient(leaky, kaiming=math.sqrt(2 / (1 + 0.01**2))) < 20


def test_softmax_of_two_scores_is_the_sigmoid_curve():
    for x in np.linspace(-30, 30, 61):
        first = math.exp(x - max(x, 0.0)) / (math.exp(x - max(x, 0.0)) + math.exp(-max(x, 0.0)))
        assert first == pytest.approx(1 / (1 + math.exp(-x)), rel=1e-14)
