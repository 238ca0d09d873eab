r"""
Numerical stability: textbook formulas, PyTorch and the reference
=================================================================

The formulas in textbooks are exact in real arithmetic, but a computer rounds every
operation to 53 bits (float64) and overflows past about :math:`1.8 \times 10^{308}`.
This page evaluates a few activations where that matters, three ways, and compares each
result with the true value computed by mpmath with 60 significant digits. (To run it
yourself, ``pip install mpmath`` next to torch.)
"""

import math
import warnings

import matplotlib.pyplot as plt
import mpmath
import numpy as np
import torch
import torch.nn.functional as F

import activations

mpmath.mp.dps = 60


def report(name, x, textbook, pytorch, reference, exact, wrong=()):
    """Print the three results against mpmath; assert which of them are wrong."""
    value, warned = textbook
    print(f"{name} at x = {x:g}\n    exact (mpmath): {exact:.6e}")
    for label, result in (("textbook", value), ("PyTorch", pytorch), ("activations", reference)):
        error = abs(result - exact) / abs(exact)
        print(f"    {label:12s} {result: .6e}   relative error {error:.1e}")
        if label == "textbook":
            for message in warned:
                print(f"        warning: {message}")
        accurate = abs(result - exact) <= 4 * np.spacing(abs(exact))
        assert accurate != (label in wrong), f"{name}: {label} changed"


def textbook(formula, x):
    """Evaluate ``formula`` in float64; return its value and the warnings NumPy raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = float(formula(np.float64(x)))
    return value, [f"{w.category.__name__}: {w.message}" for w in caught]


# %%
# Overflow in the textbook tanh
# -----------------------------
# :math:`\tanh(x) = (e^x - e^{-x})/(e^x + e^{-x})` computes :math:`e^{1000}`, which is
# larger than any float64, so the quotient becomes :math:`\infty/\infty`, which is nan.
# PyTorch and :func:`activations.tanh` return the true value, 1.

x = 1000.0
report("tanh", x,
       textbook(lambda t: (np.exp(t) - np.exp(-t)) / (np.exp(t) + np.exp(-t)), x),
       torch.tanh(torch.tensor(x, dtype=torch.float64)).item(),
       activations.tanh(x), float(mpmath.tanh(x)), wrong=("textbook",))

# %%
# Softmax of large logits
# -----------------------
# With logits near 1000 every :math:`e^{x_i}` overflows and the textbook softmax returns
# nan. Subtracting the largest logit first changes nothing mathematically and removes the
# overflow; PyTorch and :func:`activations.softmax` both do it.

logits = np.array([1000.0, 999.0, 998.0])
exact = [float(mpmath.exp(v - 1000) / mpmath.fsum(mpmath.exp(w - 1000) for w in logits))
         for v in logits]
report("softmax, first output", 1000.0,
       textbook(lambda _: (np.exp(logits) / np.exp(logits).sum())[0], 0.0),
       torch.softmax(torch.tensor(logits), dim=0)[0].item(),
       activations.softmax(logits)[0], exact[0], wrong=("textbook",))

# %%
# GELU far in the negative tail
# -----------------------------
# :math:`\mathrm{GELU}(x) = x\,\Phi(x)` is tiny but not zero for negative :math:`x`:
# at :math:`x = -10` it is about :math:`-7.6 \times 10^{-23}`. The textbook form
# :math:`\tfrac{x}{2}(1 + \mathrm{erf}(x/\sqrt{2}))` adds 1 to a number within
# :math:`10^{-23}` of :math:`-1`, so every digit cancels; PyTorch 2.13 returns 0 as well.
# :func:`activations.gelu` uses the complementary error function, which keeps the digits.

x = -10.0
report("GELU", x,
       textbook(lambda t: t / 2 * (1 + math.erf(t / math.sqrt(2))), x),
       F.gelu(torch.tensor(x, dtype=torch.float64)).item(),
       activations.gelu(x), float(x * mpmath.ncdf(x)), wrong=("textbook", "PyTorch"))

# %%
# The sigmoid's derivative at 40
# ------------------------------
# :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`: at :math:`x = 40`, :math:`\sigma(x)`
# rounds to exactly 1, so :math:`1 - \sigma(x)` is 0, although the true derivative is
# about :math:`4.2 \times 10^{-18}`. PyTorch's autograd computes it this way and returns 0;
# :func:`activations.sigmoid_grad` uses :math:`e^{-|x|}/(1 + e^{-|x|})^2`, which never
# subtracts.

x = 40.0
point = torch.tensor(x, dtype=torch.float64, requires_grad=True)
torch.sigmoid(point).backward()
report("sigmoid derivative", x,
       textbook(lambda t: (1 / (1 + np.exp(-t))) * (1 - 1 / (1 + np.exp(-t))), x),
       point.grad.item(),
       activations.sigmoid_grad(x), float(mpmath.exp(-x) / (1 + mpmath.exp(-x)) ** 2),
       wrong=("textbook", "PyTorch"))

# %%
# The whole tail of the sigmoid's derivative
# ------------------------------------------
# The same comparison on 181 points of :math:`[0, 45]`. The textbook formula and PyTorch
# lose relative accuracy steadily as :math:`\sigma(x)` approaches 1, and from
# :math:`x \approx 36.7` return exactly 0; the reference stays within a few units in the
# last place (a relative error of about :math:`10^{-16}`).

xs = np.linspace(0, 45, 181)
exact = np.array([float(mpmath.exp(-v) / (1 + mpmath.exp(-v)) ** 2) for v in xs])
points = torch.tensor(xs, requires_grad=True)
torch.sigmoid(points).sum().backward()
sigma = 1 / (1 + np.exp(-xs))
results = {"textbook": sigma * (1 - sigma), "PyTorch": points.grad.numpy(),
           "activations": activations.sigmoid_grad(xs)}

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
for label, values in results.items():
    error = np.abs(values - exact) / exact
    ax.semilogy(xs, np.maximum(error, 1e-18), label=label)
assert np.all(np.abs(results["activations"] - exact) <= 4 * np.spacing(exact))
ax.set_xlabel("$x$")
ax.set_ylabel(r"$|\hat{\sigma}'(x) - \sigma'(x)| \,/\, \sigma'(x)$")
ax.legend(frameon=False)
plt.show()

# %%
# What it means in practice
# -------------------------
# In a network these tails rarely decide the result: a gradient of
# :math:`4 \times 10^{-18}` is as good as 0 for training. They matter when you evaluate
# a loss in log space, compare implementations, or test code: a reference that is wrong
# in the tails cannot tell you whether the code under test is right. The accuracy of
# every function of the package, in units in the last place, is measured by
# ``benchmarks/accuracy.py`` and kept within bounds by the tests.
