r"""
Errata: mistakes in popular tutorials
=====================================

Five Chinese blog posts on activation functions are where many readers start.
This page lists the mistakes we found in them, runs each wrong snippet with
the PyTorch and NumPy of this build to show what really happens today, and
runs the corrected version next to it.
"""

import difflib
import textwrap
import warnings
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

print("torch", torch.__version__, "| numpy", np.__version__)

# %%
# How to read the reports
# -----------------------
# Every mistake is one record: the snippet as the post has it (shortened, and
# rewritten in our words where it is not itself the mistake), the outcome it
# produces, the corrected snippet, and the outcome of that. Code that stands
# for a claim made in the text is written as an ``assert`` of the claim. Both
# snippets run in a fresh namespace; a snippet's answer is whatever it leaves
# in ``result``. The report is a diff: lines starting with ``-`` belong to
# the wrong version, lines starting with ``+`` to the corrected one, and
# ``=>`` shows what each version did: an exception as ``type: message``,
# warnings, or the value of ``result``. If either version stops behaving as
# recorded (say, a new PyTorch removes a function), the build fails.


@dataclass(frozen=True)
class Erratum:
    key: str            # "<seed>-<short name>"
    seed: str           # the post's file in the seed collection
    wrong: str          # the mistake, as a runnable snippet
    outcome: object     # exception type it raises, or the value it leaves in `result`
    right: str          # the corrected snippet
    fixed: object       # the value the corrected snippet leaves in `result`
    warns: type = None  # warning category the wrong snippet emits, if any


def run(code):
    """Run a snippet in a fresh namespace: (exception or None, result, warnings)."""
    namespace = {}
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            exec(textwrap.dedent(code).strip(), namespace)
        except Exception as error:  # noqa: BLE001 - the mistakes are the point
            return error, None, caught
    return None, namespace.get("result"), caught


def same(actual, expected):
    """Values agree to the four decimals the posts print (nan matches nan)."""
    try:
        a, e = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return actual == expected
    return a.shape == e.shape and np.allclose(a, e, rtol=1e-4, atol=5e-5, equal_nan=True)


def behaves(outcome, expected):
    """Does an outcome of `run` match the recorded expectation?"""
    error, result, _ = outcome
    if isinstance(expected, type) and issubclass(expected, BaseException):
        return type(error) is expected
    return error is None and same(result, expected)


def show(value):
    """Floats to 6 significant digits, arrays to 4 decimals, the rest as repr."""
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.6g}"
        return text if any(c in text for c in ".en") else text + ".0"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4)
    if type(value) in (list, tuple):
        inner = ", ".join(show(item) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    return repr(value)


def describe(outcome):
    error, result, caught = outcome
    lines = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    if error is not None:
        lines.append(f"{type(error).__name__}: {error}".splitlines()[0])
    else:
        lines.append(f"result = {show(result)}")
    return lines


def diff(wrong, right):
    """Common lines, then each changed block: wrong lines (-) before right lines (+)."""
    a = textwrap.dedent(wrong).strip().splitlines()
    b = textwrap.dedent(right).strip().splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from ("  " + line for line in a[i1:i2])
        else:
            yield from ("- " + line for line in a[i1:i2])
            yield from ("+ " + line for line in b[j1:j2])


def check(erratum):
    """Run both versions, print the report, fail if either misbehaves."""
    wrong, right = run(erratum.wrong), run(erratum.right)
    print(f"[{erratum.key}]")
    for line in diff(erratum.wrong, erratum.right):
        print(("  " + line).rstrip())
    for sign, outcome in (("-", wrong), ("+", right)):
        for line in describe(outcome):
            print(f"  {sign} => {line}")
    print()
    assert behaves(wrong, erratum.outcome), f"{erratum.key}: the wrong version changed: {describe(wrong)}"
    assert behaves(right, erratum.fixed), f"{erratum.key}: the corrected version failed: {describe(right)}"
    if erratum.warns is not None:
        assert any(issubclass(w.category, erratum.warns) for w in wrong[2]), erratum.key
    assert not right[2], f"{erratum.key}: the corrected version warns"


ERRATA = []


def report(seed):
    for erratum in ERRATA:
        if erratum.seed.startswith(seed):
            check(erratum)


# %%
# How the vanishing gradient is measured
# --------------------------------------
# Two posts claim that an activation which does not saturate solves the
# vanishing gradient problem. Their records measure it: a stack of 20
# ``nn.Linear`` layers of width 64, a random batch, one backward pass, and the
# norm of the first layer's weight gradient divided by the last layer's.

DEPTH = """
    import torch
    torch.manual_seed(0)
    layers = [torch.nn.Linear(64, 64) for _ in range(20)]
    {init}net = torch.nn.Sequential(*[m for layer in layers for m in (layer, torch.nn.{activation}())][:-1])
    inputs, targets = torch.randn(2, 256, 64)
    torch.nn.functional.mse_loss(net(inputs), targets).backward()
    ratio = (layers[0].weight.grad.norm() / layers[-1].weight.grad.norm()).item()
    {end}
"""
CLAIM = 'assert ratio > 0.01, f"layer 1 gets {ratio:.0e} of the gradient of layer 20"'
KAIMING = """for layer in layers:
        torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="{nonlinearity}")
        torch.nn.init.zeros_(layer.bias)
    """


def depth(activation, init="", end=CLAIM):
    return DEPTH.format(activation=activation, init=init, end=end)


# %%
# Post 000: a PyTorch lecture on ReLU, sigmoid and tanh
# -----------------------------------------------------
# The post plots ReLU, sigmoid and tanh on ``torch.linspace(-2, 2, 200)``.
#
# * It wraps the tensor with ``torch.autograd.variable`` (lowercase). Since
#   PyTorch 0.4 (2018) tensors carry gradients themselves; ``Variable``
#   (capitalised) survives as a no-op that returns a plain tensor, and the
#   lowercase ``variable`` only raises an error. Use the tensor directly, with
#   ``requires_grad=True`` if gradients are needed.
# * It imports ``F`` from ``torch.functional``. That works only because
#   ``torch.functional`` happens to import ``torch.nn.functional`` under that
#   name for its own use; ``F`` is not part of its public API (not in its
#   ``__all__``). The documented import is ``import torch.nn.functional as F``.
# * ``F.sigmoid`` and ``F.tanh`` are old aliases of ``torch.sigmoid`` and
#   ``torch.tanh``. Older releases warned that they were deprecated; 2.13
#   runs them silently and gives identical values, so this one is style, not
#   an error.
# * The text gives the derivative ranges of sigmoid and tanh as the open
#   intervals :math:`(0, 0.25)` and :math:`(0, 1)`, but both maxima are
#   attained at :math:`x = 0`: the ranges are :math:`(0, 0.25]` and
#   :math:`(0, 1]`.
# * The post says that ReLU "solved" the vanishing gradients of sigmoid and
#   tanh. It makes them far smaller, but does not remove them: through 20
#   ReLU layers with PyTorch's default initialisation, the first layer
#   still gets about :math:`5 \times 10^{-7}` of the last layer's gradient
#   (the sigmoid gets about :math:`3 \times 10^{-17}`). Each layer scales the gradient
#   by roughly :math:`\sqrt{n \operatorname{Var}(w)\,\mathbb{E}[f'(z)^2]}`,
#   about 0.41 for ReLU with these weights. What keeps the gradient's size is
#   an initialisation matched to the activation, Kaiming's for ReLU
#   (:ref:`sphx_glr_auto_examples_tutorials_plot_12_vanishing_gradients.py`).
#
# The post also reads results through ``.data``; that still works, but
# ``.detach()`` is today's way to leave the autograd graph.

ERRATA += [
    Erratum(
        "000-variable", "000_ef76f51eab8f73b8.txt",
        wrong="""
            import torch
            from torch.autograd import variable
            x = variable(torch.linspace(-2, 2, 5))
        """,
        outcome=RuntimeError,
        right="""
            import torch
            x = torch.linspace(-2, 2, 5)
            result = x.tolist()
        """,
        fixed=[-2.0, -1.0, 0.0, 1.0, 2.0],
    ),
    Erratum(
        "000-import-F", "000_ef76f51eab8f73b8.txt",
        wrong="""
            import torch
            from torch.functional import F
            result = F is torch.nn.functional, "F" in torch.functional.__all__
        """,
        outcome=(True, False),
        right="""
            import torch
            import torch.nn.functional as F
            result = F is torch.nn.functional
        """,
        fixed=True,
    ),
    Erratum(
        "000-F-sigmoid", "000_ef76f51eab8f73b8.txt",
        wrong="""
            import torch
            import torch.nn.functional as F
            x = torch.linspace(-2, 2, 5)
            result = torch.equal(F.sigmoid(x), torch.sigmoid(x)), torch.equal(F.tanh(x), torch.tanh(x))
        """,
        outcome=(True, True),
        right="""
            import torch
            x = torch.linspace(-2, 2, 5)
            result = torch.sigmoid(x)[2].item(), torch.tanh(x)[2].item()
        """,
        fixed=(0.5, 0.0),
    ),
    Erratum(
        "000-derivative-range", "000_ef76f51eab8f73b8.txt",
        wrong="""
            import activations
            assert activations.sigmoid_grad(0.0) < 0.25, f"sigmoid'(0) = {activations.sigmoid_grad(0.0)}"
        """,
        outcome=AssertionError,
        right="""
            import activations
            result = float(activations.sigmoid_grad(0.0)), float(activations.tanh_grad(0.0))
        """,
        fixed=(0.25, 1.0),
    ),
    Erratum(
        "000-relu-vanishing", "000_ef76f51eab8f73b8.txt",
        wrong=depth("ReLU"),
        outcome=AssertionError,
        right=depth("ReLU", init=KAIMING.format(nonlinearity="relu"), end="result = round(ratio, 2)"),
        fixed=0.44,
    ),
]
report("000")

# the figures quoted above, measured by the same snippet
ratios = {name: run(depth(name, end="result = ratio"))[1] for name in ("ReLU", "Sigmoid")}
print(f"first / last layer: ReLU {ratios['ReLU']:.1e}, sigmoid {ratios['Sigmoid']:.1e}; "
      f"ReLU's factor per layer sqrt(n Var(w) E[f'^2]) = {np.sqrt(64 / (3 * 64) * 0.5):.2f}")
assert 4.5e-7 < ratios["ReLU"] < 5.5e-7 and 2.5e-17 < ratios["Sigmoid"] < 3.5e-17

# %%
# Post 001: from principles to PyTorch practice
# ---------------------------------------------
# A broad introduction: why activations are needed, five common functions,
# how to choose, and a small network.
#
# * Its softmax example prints the second row of
#   ``[[-1, 2, -3, 4], [5, -6, 7, 10]]`` as 0.0067, 0.0000, 0.0472, 0.9461.
#   The softmax of ``[5, -6, 7, 10]`` is 0.0064, 0.0000, 0.0471, 0.9465; the
#   first row and both argmaxes are right.
# * The Leaky ReLU snippet uses ``nn.LeakyReLU`` but only
#   ``torch.nn.functional`` has been imported at that point, so it stops with
#   a ``NameError``.
# * The model's ``forward`` tests ``num_classes``, a constructor argument
#   that was never stored on the module: the first forward pass raises
#   ``NameError``. Store it as ``self.num_classes``. (If such a model is
#   trained with ``nn.CrossEntropyLoss``, it should return logits, not
#   softmax probabilities: the loss applies log-softmax itself.)
#
# The post ends with a list of unrelated links, which we ignore.

ERRATA += [
    Erratum(
        "001-softmax-row", "001_26a2746435e7bc18.txt",
        wrong="""
            import torch
            printed = torch.tensor([0.0067, 0.0000, 0.0472, 0.9461])
            computed = torch.softmax(torch.tensor([5.0, -6.0, 7.0, 10.0]), dim=0)
            assert torch.allclose(computed, printed, atol=5e-5), [round(p, 4) for p in computed.tolist()]
        """,
        outcome=AssertionError,
        right="""
            import torch
            computed = torch.softmax(torch.tensor([5.0, -6.0, 7.0, 10.0]), dim=0)
            result = [round(p, 4) for p in computed.tolist()]
        """,
        fixed=[0.0064, 0.0000, 0.0471, 0.9465],
    ),
    Erratum(
        "001-nn-undefined", "001_26a2746435e7bc18.txt",
        wrong="""
            import torch
            import torch.nn.functional as F
            leaky_relu = nn.LeakyReLU(negative_slope=0.01)
        """,
        outcome=NameError,
        right="""
            import torch
            from torch import nn
            leaky_relu = nn.LeakyReLU(negative_slope=0.01)
            result = leaky_relu(torch.tensor([-1.0, 0.0, 1.0, 2.0])).tolist()
        """,
        fixed=[-0.01, 0.0, 1.0, 2.0],
    ),
    Erratum(
        "001-num-classes", "001_26a2746435e7bc18.txt",
        wrong="""
            import torch
            from torch import nn

            class Model(nn.Module):
                def __init__(self, input_size, num_classes):
                    super().__init__()
                    self.fc = nn.Linear(input_size, num_classes)

                def forward(self, x):
                    if num_classes == 1:
                        return torch.sigmoid(self.fc(x))
                    return torch.softmax(self.fc(x), dim=1)

            result = Model(10, 1)(torch.zeros(2, 10)).shape
        """,
        outcome=NameError,
        right="""
            import torch
            from torch import nn

            class Model(nn.Module):
                def __init__(self, input_size, num_classes):
                    super().__init__()
                    self.num_classes = num_classes
                    self.fc = nn.Linear(input_size, num_classes)

                def forward(self, x):
                    if self.num_classes == 1:
                        return torch.sigmoid(self.fc(x))
                    return torch.softmax(self.fc(x), dim=1)

            result = Model(10, 1)(torch.zeros(2, 10)).shape
        """,
        fixed=(2, 1),
    ),
]
report("001")

# %%
# Post 002: four activation functions in NumPy
# --------------------------------------------
# Linearly separable and inseparable data, then sigmoid, tanh, ReLU and
# softmax in NumPy.
#
# * The code block under the sigmoid heading defines ``tanh``, not
#   ``sigmoid``, and calls ``exp`` without ``np.``: calling ``sigmoid`` fails,
#   and so does calling the ``tanh`` it defines.
# * Even with ``np.exp``, the textbook tanh formula overflows: for
#   :math:`|x| \ge 710`, :math:`e^{x}` or :math:`e^{-x}` is infinite in
#   float64 and the quotient is nan. ``np.tanh`` and
#   :func:`activations.tanh` return :math:`\pm 1`.
# * ReLU is said to be discontinuous at 0. It is continuous there; it is not
#   differentiable, because the slopes from the left (0) and the right (1)
#   differ.
# * ReLU is said not to saturate "when the input is an integer"; the
#   condition is a positive input. A negative integer gets gradient 0.
# * The softmax subtracts ``np.max(x)`` and divides by ``np.sum(exp_x)`` over
#   the whole array. That is right for one vector, as in the post, but a
#   batch of rows is then normalised as a single distribution: the rows no
#   longer sum to 1. Reduce over the last axis with ``keepdims=True``.
#
# * Softmax is said to be impossible to show in a figure "because it
#   computes probabilities". A probability is a number like any other: with
#   two scores :math:`(x, 0)`, the first output of softmax is exactly the
#   sigmoid :math:`\sigma(x)`, a curve; with more scores each output is
#   still a function of the scores, and the figure below draws two views of
#   it.
#
# Two slips in the text have no code: the sentence that calls ReLU "a
# piecewise function" names it tanh, and the list of functions spells tanh
# "Tahn".

ERRATA += [
    Erratum(
        "002-sigmoid-block", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import numpy as np

            def tanh(x):
                return (exp(x) - exp(-x)) / (exp(x) + exp(-x))

            result = sigmoid(0.0)
        """,
        outcome=NameError,
        right="""
            import numpy as np

            def sigmoid(x):
                return 1 / (1 + np.exp(-x))

            result = sigmoid(0.0)
        """,
        fixed=0.5,
    ),
    Erratum(
        "002-bare-exp", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import numpy as np

            def tanh(x):
                return (exp(x) - exp(-x)) / (exp(x) + exp(-x))

            result = tanh(1.0)
        """,
        outcome=NameError,
        right="""
            import numpy as np

            def tanh(x):
                return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))

            result = tanh(1.0)
        """,
        fixed=0.761594,
    ),
    Erratum(
        "002-tanh-overflow", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import numpy as np

            def tanh(x):
                return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))

            result = tanh(np.array([709.0, 710.0, -710.0]))
        """,
        outcome=[1.0, np.nan, np.nan],
        warns=RuntimeWarning,
        right="""
            import numpy as np

            result = np.tanh(np.array([709.0, 710.0, -710.0]))
        """,
        fixed=[1.0, 1.0, -1.0],
    ),
    Erratum(
        "002-relu-continuity", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import numpy as np
            h = 1e-8
            jump = np.maximum(0.0, h) - np.maximum(0.0, -h)
            assert jump > 1e-3, f"relu(h) - relu(-h) = {jump:g}"
        """,
        outcome=AssertionError,
        right="""
            import numpy as np
            h = 1e-8
            slope_left = (np.maximum(0.0, 0.0) - np.maximum(0.0, -h)) / h
            slope_right = (np.maximum(0.0, h) - np.maximum(0.0, 0.0)) / h
            result = float(slope_left), float(slope_right)
        """,
        fixed=(0.0, 1.0),
    ),
    Erratum(
        "002-integer-inputs", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import torch
            x = torch.tensor(-3.0, requires_grad=True)
            torch.relu(x).backward()
            assert x.grad != 0, f"relu'(-3) = {x.grad.item()}"
        """,
        outcome=AssertionError,
        right="""
            import torch
            x = torch.tensor([-3.0, 0.5, 3.0], requires_grad=True)
            torch.relu(x).sum().backward()
            result = x.grad.tolist()
        """,
        fixed=[0.0, 1.0, 1.0],
    ),
    Erratum(
        "002-softmax-batch", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import numpy as np

            def softmax(x):
                exp_x = np.exp(x - np.max(x))
                return exp_x / np.sum(exp_x)

            logits = np.array([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
            result = softmax(logits).sum(axis=1)
        """,
        outcome=[0.002674, 0.997326],
        right="""
            import numpy as np

            def softmax(x):
                exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
                return exp_x / np.sum(exp_x, axis=-1, keepdims=True)

            logits = np.array([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
            result = softmax(logits).sum(axis=1)
        """,
        fixed=[1.0, 1.0],
    ),
    Erratum(
        "002-softmax-plot", "002_daec7a7bea1dfcf3.txt",
        wrong="""
            import torch
            x = torch.linspace(-6, 6, 121)
            p = torch.softmax(torch.stack([x, torch.zeros_like(x)], dim=-1), dim=-1)[:, 0]
            assert not torch.allclose(p, torch.sigmoid(x)), "p(x) is the sigmoid curve"
        """,
        outcome=AssertionError,
        right="""
            import torch
            x = torch.linspace(-6, 6, 121)
            p = torch.softmax(torch.stack([x, torch.zeros_like(x)], dim=-1), dim=-1)[:, 0]
            result = torch.allclose(p, torch.sigmoid(x))
        """,
        fixed=True,
    ),
]
report("002")

# %%
# Softmax, plotted
# ----------------
# Left: the three outputs of softmax for the scores :math:`(x, 1, -1)` as
# :math:`x` moves; they add up to 1 at every :math:`x`, and the first is a
# sigmoid-shaped curve. Right: the softmax of each row of the logits
# ``[[-1, 2, -3, 4], [5, -6, 7, 10]]``, as bars.

scores = torch.linspace(-6, 6, 241, dtype=torch.float64)
three = torch.stack([scores, torch.ones_like(scores), -torch.ones_like(scores)], dim=-1)
probabilities = torch.softmax(three, dim=-1)
assert_allclose(probabilities.numpy(), activations.softmax(three), rtol=1e-14)
assert_allclose(probabilities.sum(dim=-1).numpy(), 1.0, rtol=1e-15)
logits = torch.tensor([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]], dtype=torch.float64)
bars = activations.softmax(logits)
assert_allclose(bars, torch.softmax(logits, dim=-1).numpy(), rtol=1e-14)

fig, (curves, columns) = plt.subplots(1, 2, figsize=(7, 2.8), layout="constrained")
for k, label in enumerate((r"$p_1$", r"$p_2$", r"$p_3$")):
    curves.plot(scores.numpy(), probabilities[:, k].numpy(), label=label)
curves.set_xlabel(r"$x$")
curves.set_title(r"$\mathrm{softmax}(x, 1, -1)$")
curves.legend()
for row, offset in zip(bars, (-0.2, 0.2)):
    columns.bar(np.arange(4) + offset, row, width=0.4)
columns.set_xticks(range(4))
columns.set_title(r"$\mathrm{softmax}$ of each row")
plt.show()

# %%
# Post 003: derivatives with autograd, and logistic regression
# ------------------------------------------------------------
# Sigmoid, tanh, ReLU and Leaky ReLU with their derivatives from
# ``backward()``, then the gradient of logistic regression.
#
# * The summary formula for Leaky ReLU is :math:`\max(0.001 z, z)`, but its
#   derivative is given as 0.01 for :math:`z < 0`. The derivative of
#   :math:`\max(0.001 z, z)` there is 0.001; the usual function, PyTorch's
#   default, is :math:`\max(0.01 z, z)`.
# * The Leaky ReLU function is named ``ReakyReLU`` and calls ``np.where``, but
#   that part of the post never imports NumPy: running it in order stops
#   with ``NameError``. ``F.leaky_relu`` does the job on the tensor directly.
# * The derivation of :math:`dz = a - y` is right, but the update rule for
#   the bias is written :math:`b := w_1 - \alpha \cdot db`; it must be
#   :math:`b := b - \alpha \cdot db`. With the wrong rule the bias is
#   overwritten by a copy of the weight at every step, so the model cannot
#   learn an offset. On the data below, after 200 steps the loss is 0.66,
#   hardly below the :math:`\log 2 \approx 0.69` of a model that always
#   answers :math:`1/2`, while the correct rule brings it down to 0.36. The
#   tutorial
#   :ref:`sphx_glr_auto_examples_tutorials_plot_15_logistic_regression.py`
#   derives the whole update.
#
# The text also calls the output range of tanh, :math:`(-1, 1)`, a
# "threshold" (阈值) where it means the range (值域).

TRAIN = """
    import numpy as np
    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 1.0, 200)
    y = (x + 0.5 * rng.normal(size=200) > 2.0).astype(float)
    w1, b, alpha = 0.0, 0.0, 0.5
    for step in range(200):
        a = 1 / (1 + np.exp(-(w1 * x + b)))
        dw1, db = np.mean((a - y) * x), np.mean(a - y)
        w1 = w1 - alpha * dw1
        {update}
    loss = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    result = round(float(loss), 2)
"""

ERRATA += [
    Erratum(
        "003-leaky-slope", "003_e8528b73924d4964.txt",
        wrong="""
            import torch
            z = torch.tensor(-2.0, dtype=torch.float64, requires_grad=True)
            torch.maximum(0.001 * z, z).backward()
            assert z.grad == 0.01, f"g'(-2) = {z.grad.item()}"
        """,
        outcome=AssertionError,
        right="""
            import torch
            z = torch.tensor(-2.0, dtype=torch.float64, requires_grad=True)
            torch.maximum(0.01 * z, z).backward()
            result = z.grad.item()
        """,
        fixed=0.01,
    ),
    Erratum(
        "003-np-undefined", "003_e8528b73924d4964.txt",
        wrong="""
            import torch
            x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)

            def ReakyReLU(x, alpha=0.01):
                return np.where(x < 0, alpha * x, x)

            y = ReakyReLU(x.detach().numpy())
        """,
        outcome=NameError,
        right="""
            import torch
            import torch.nn.functional as F
            x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
            y = F.leaky_relu(x, negative_slope=0.01)
            result = y[0].item()
        """,
        fixed=-0.08,
    ),
    Erratum(
        "003-bias-update", "003_e8528b73924d4964.txt",
        wrong=TRAIN.replace("{update}", "b = w1 - alpha * db"),
        outcome=0.66,
        right=TRAIN.replace("{update}", "b = b - alpha * db"),
        fixed=0.36,
    ),
]
report("003")

# %%
# Post 004: saturation, interview questions and a grid of plots
# -------------------------------------------------------------
# Saturating and non-saturating activations, the properties a good one has,
# interview questions, and a 3×2 grid of plots.
#
# * The panel titled Leaky ReLU uses slope 0.2 without saying so, and the
#   ELU panel uses :math:`\alpha = 2.0`; in a plot of the common activations
#   both pass for the standard functions, which they are not. PyTorch's
#   defaults, and the usual definitions, are 0.01 and 1.0; at
#   :math:`x = -10` the plotted Leaky ReLU lies 20 times and the plotted ELU
#   twice as far below 0 as the standard functions.
# * Two panels are labelled "(d)", so the six panels run (a) to (e).
# * The post states that non-saturating activations solve the vanishing
#   gradient problem. Leaky ReLU never saturates, yet through 20 layers with
#   PyTorch's default initialisation its first layer gets about
#   :math:`5 \times 10^{-7}` of the last layer's gradient, as ReLU's does. A
#   slope that does not vanish is only half of the factor each layer
#   contributes; the weights' scale is the other half. With Kaiming
#   initialisation for Leaky ReLU the ratio becomes 0.45. Soft and hard
#   saturation are compared in
#   :ref:`sphx_glr_auto_examples_tutorials_plot_19_saturation.py`.
#
# The interview answers (tanh in LSTMs, ReLU in the Transformer, GELU in
# BERT, Leaky ReLU in YOLO) are right;
# :ref:`sphx_glr_auto_examples_tutorials_plot_16_choosing_an_activation.py`
# checks them and gives the sources.

ERRATA += [
    Erratum(
        "004-leaky-slope", "004_9a3fd739fbe4e0df.txt",
        wrong="""
            import numpy as np
            x = np.array([-10.0, 10.0])
            result = np.array([0.2 * v if v < 0 else v for v in x])
        """,
        outcome=[-2.0, 10.0],
        right="""
            import torch
            result = torch.nn.LeakyReLU()(torch.tensor([-10.0, 10.0])).tolist()
        """,
        fixed=[-0.1, 10.0],
    ),
    Erratum(
        "004-elu-alpha", "004_9a3fd739fbe4e0df.txt",
        wrong="""
            import numpy as np
            x = np.array([-10.0, 10.0])
            result = np.array([2.0 * (np.exp(v) - 1) if v < 0 else v for v in x])
        """,
        outcome=[-1.999909, 10.0],
        right="""
            import torch
            result = torch.nn.ELU()(torch.tensor([-10.0, 10.0], dtype=torch.float64)).tolist()
        """,
        fixed=[-0.999955, 10.0],
    ),
    Erratum(
        "004-panel-labels", "004_9a3fd739fbe4e0df.txt",
        wrong="""
            labels = ["a", "b", "c", "d", "d", "e"]
            assert len(set(labels)) == 6, f"{len(set(labels))} distinct labels for 6 panels"
        """,
        outcome=AssertionError,
        right="""
            labels = ["a", "b", "c", "d", "e", "f"]
            result = len(set(labels))
        """,
        fixed=6,
    ),
    Erratum(
        "004-non-saturating", "004_9a3fd739fbe4e0df.txt",
        wrong=depth("LeakyReLU"),
        outcome=AssertionError,
        right=depth("LeakyReLU", init=KAIMING.format(nonlinearity="leaky_relu"),
                    end="result = round(ratio, 2)"),
        fixed=0.45,
    ),
]
report("004")
leaky = run(depth("LeakyReLU", end="result = ratio"))[1]
print(f"Leaky ReLU, default initialisation: first / last layer {leaky:.1e}")
assert 4.5e-7 < leaky < 5.5e-7

# %%
# The plotted curves next to the standard ones
# --------------------------------------------
# Left: Leaky ReLU with the post's slope 0.2 (dashed) and with PyTorch's
# default 0.01. Right: ELU with :math:`\alpha = 2` (dashed) and with the
# default :math:`\alpha = 1`, whose curve levels off at :math:`-1`.

x = torch.linspace(-4, 2, 301, dtype=torch.float64)
assert_allclose(F.leaky_relu(x, 0.2).numpy(), activations.leaky_relu(x, negative_slope=0.2), rtol=1e-15)
assert_allclose(F.elu(x, alpha=2.0).numpy(), activations.elu(x, alpha=2.0), rtol=1e-14)

fig, (left, right) = plt.subplots(1, 2, figsize=(7, 2.8), sharey=True, layout="constrained")
for ax in (left, right):
    ax.axhline(0, color="0.85", linewidth=0.8)
    ax.axvline(0, color="0.85", linewidth=0.8)
    ax.set_xlabel(r"$x$")
left.plot(x.numpy(), F.leaky_relu(x, 0.2).numpy(), "--", color="C3", label=r"$a = 0.2$")
left.plot(x.numpy(), F.leaky_relu(x).numpy(), color="C0", label=r"$a = 0.01$")
left.set_title(r"$\mathrm{LeakyReLU}(x)$")
right.plot(x.numpy(), F.elu(x, alpha=2.0).numpy(), "--", color="C3", label=r"$\alpha = 2$")
right.plot(x.numpy(), F.elu(x).numpy(), color="C0", label=r"$\alpha = 1$")
right.set_title(r"$\mathrm{ELU}(x)$")
left.legend()
right.legend()
plt.show()

# %%
# Summary
# -------
# The number of mistakes per post that this page runs (the slips in the text
# without code are not counted).

counts = {}
for erratum in ERRATA:
    counts[erratum.seed] = counts.get(erratum.seed, 0) + 1
for seed, count in counts.items():
    print(f"{seed}: {count}")
assert len({erratum.key for erratum in ERRATA}) == len(ERRATA)
