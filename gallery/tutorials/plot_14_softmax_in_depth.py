r"""
Softmax in depth
================

.. index::
   !single: softmax overflow
   !single: overflow in softmax
   !single: subtracting the maximum
   !single: softmax temperature
   !single: cross-entropy

Softmax turns logits into a probability distribution. This page looks at what
it does to a batch, how a temperature sharpens or flattens it, why the textbook
formula overflows, how it relates to the sigmoid, and how it pairs with the
negative log-likelihood to give the cross-entropy loss.

.. math::

   \mathrm{softmax}(z / T)_k = \frac{e^{z_k / T}}{\sum_j e^{z_j / T}}
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose, assert_array_equal

import activations

# %%
# A batch of two rows
# -------------------
# Two samples with four classes each. ``dim=1`` (``axis=1`` in NumPy) is the
# class axis, so each row becomes its own distribution: the entries are
# positive and every row sums to one.

logits = torch.tensor([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]], dtype=torch.float64)
probs = torch.softmax(logits, dim=1)
print(np.array2string(probs.numpy(), precision=4, floatmode="fixed", suppress_small=True))
print(np.array2string(probs.sum(dim=1).numpy(), precision=4, floatmode="fixed"))
assert_allclose(probs.numpy(), activations.softmax(logits, axis=1), rtol=1e-14)

# %%
# The second row by hand
# ----------------------
# Only the differences to the largest logit matter (see below), so for the
# second row we divide :math:`e^{-5}, e^{-16}, e^{-3}, e^{0}` by their sum.
# Rounded to four decimals the row is 0.0064, 0.0000, 0.0471 and 0.9465.

gaps = [5 - 10, -6 - 10, 7 - 10, 10 - 10]
total = sum(math.exp(g) for g in gaps)
by_hand = [math.exp(g) / total for g in gaps]
print([f"{p:.4f}" for p in by_hand])
assert_allclose(probs[1].numpy(), by_hand, rtol=1e-14)
assert_allclose(probs[1].numpy(), [0.0064, 0.0000, 0.0471, 0.9465], atol=5e-5)

# %%
# Temperature
# -----------
# Dividing the logits by a temperature :math:`T > 0` before the softmax keeps
# their order but changes how sharp the distribution is. As :math:`T \to 0`
# the largest logit takes all the probability (a one-hot vector at the
# argmax); as :math:`T \to \infty` the differences vanish and every class gets
# :math:`1/4`. :math:`T = 1` is the plain softmax.

row = logits[0]
for T in (0.01, 1.0, 1000.0):
    p = torch.softmax(row / T, dim=0)
    print(f"T = {T:g}:", np.array2string(p.numpy(), precision=4, floatmode="fixed", suppress_small=True))

assert_allclose(torch.softmax(row / 0.01, dim=0).numpy(), F.one_hot(row.argmax(), 4).double().numpy(),
                atol=1e-50)
assert_allclose(torch.softmax(row / 1e6, dim=0).numpy(), np.full(4, 0.25), atol=1e-5)

# %%
# Probabilities against temperature
# ---------------------------------
# The first row over three decades of :math:`T`. The curves never cross: a
# larger logit always keeps a larger probability, whatever the temperature.

temperatures = np.geomspace(0.05, 100, 200)
curves = activations.softmax(row.numpy()[None, :] / temperatures[:, None], axis=1)
assert np.all(np.diff(curves[:, np.argsort(row.numpy())], axis=1) > 0)

fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
for k, z_k in enumerate(row.tolist()):
    ax.plot(temperatures, curves[:, k], label=rf"$z_{k} = {z_k:g}$")
ax.axhline(0.25, color="0.7", linestyle="--", linewidth=0.8)
ax.set_xscale("log")
ax.set_xlabel(r"$T$")
ax.set_ylabel(r"$\mathrm{softmax}(z / T)_k$")
ax.set_ylim(0, 1)
ax.legend()
plt.show()

# %%
# Only differences matter
# -----------------------
# Adding a constant :math:`c` to every logit multiplies every numerator and
# the denominator by :math:`e^{c}`, which cancels:
# :math:`\mathrm{softmax}(z + c) = \mathrm{softmax}(z)`. Multiplying the
# logits is different; that is the temperature above.

for c in (-50.0, 3.0, 700.0):
    assert_allclose(torch.softmax(logits + c, dim=1).numpy(), probs.numpy(), rtol=1e-12, atol=1e-300)
print("shift invariance holds for c = -50, 3 and 700")

# %%
# Why the textbook formula overflows
# ----------------------------------
# In float64, :math:`e^{x}` overflows to infinity for :math:`x > 709.78` and
# underflows to 0 for :math:`x < -745.13`. The formula taken literally then
# divides infinity by infinity, or zero by zero, and returns nan (NumPy would
# also warn; ``np.errstate`` silences that here so the values can be shown).

def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum()


with np.errstate(over="ignore", invalid="ignore", under="ignore"):
    print(np.exp(1000.0))
    print(naive_softmax(np.array([1000.0, 1001.0])))
    print(naive_softmax(np.array([-1000.0, -1001.0])))
    assert np.isinf(np.exp(1000.0))
    assert np.all(np.isnan(naive_softmax(np.array([1000.0, 1001.0]))))

# %%
# The fix: subtract the maximum
# -----------------------------
# By shift invariance we may subtract the largest logit :math:`m` first. Every
# exponent is then at most 0, the largest term is exactly :math:`e^0 = 1`, so
# the sum lies between 1 and the number of classes: nothing overflows and the
# denominator cannot be 0. :func:`activations.softmax` and ``torch.softmax``
# both do this.

def stable_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


big = np.array([1000.0, 1001.0])
print(stable_softmax(big))
print(activations.softmax(big))
expected = [1 / (1 + math.e), math.e / (1 + math.e)]
assert_allclose(stable_softmax(big), expected, rtol=1e-15)
assert_allclose(activations.softmax(big), expected, rtol=1e-15)
assert_allclose(torch.softmax(torch.tensor(big), dim=0).numpy(), expected, rtol=1e-15)

# %%
# Two classes: the sigmoid
# ------------------------
# With two logits, dividing by :math:`e^{z_1}` gives
# :math:`\mathrm{softmax}(z_0, z_1)_1 = 1 / (1 + e^{-(z_1 - z_0)}) = \sigma(z_1 - z_0)`.
# A binary classifier with one output and :func:`activations.sigmoid` is a
# two-class softmax whose first logit is fixed at 0.

rng = np.random.default_rng(14)
pairs = rng.normal(scale=5.0, size=(1000, 2))
assert_allclose(activations.softmax(pairs, axis=1)[:, 1],
                activations.sigmoid(pairs[:, 1] - pairs[:, 0]), rtol=1e-14, atol=1e-300)
print(activations.softmax([0.0, 2.0]), activations.sigmoid(2.0))

# %%
# Log-softmax
# -----------
# Losses need :math:`\log \mathrm{softmax}(z)_k = z_k - \log \sum_j e^{z_j}`.
# Taking the log of a probability that has already underflowed to 0 gives
# :math:`-\infty`; ``torch.log_softmax`` evaluates the right-hand side
# directly and stays finite.

z = torch.tensor([0.0, -200.0])
print(torch.log(torch.softmax(z, dim=0)))
print(torch.log_softmax(z, dim=0))
assert torch.isinf(torch.log(torch.softmax(z, dim=0))[1])
assert_allclose(torch.log_softmax(z, dim=0).numpy(), [0.0, -200.0], atol=1e-6)

# %%
# Log-softmax plus NLL is cross-entropy
# -------------------------------------
# The negative log-likelihood of the true classes :math:`y_i` is
# :math:`-\frac{1}{N} \sum_i \log \mathrm{softmax}(z_i)_{y_i}`.
# ``F.nll_loss`` takes log-probabilities and averages exactly this, so
# ``F.nll_loss(torch.log_softmax(z, dim=1), y)`` is the cross-entropy.
# ``F.cross_entropy`` does both steps in one call and therefore expects raw
# logits: feeding it probabilities would apply softmax twice.

torch.manual_seed(14)
batch = torch.randn(8, 4, dtype=torch.float64) * 3
target = torch.randint(0, 4, (8,))

nll = F.nll_loss(torch.log_softmax(batch, dim=1), target)
ce = F.cross_entropy(batch, target)
by_hand = -torch.log_softmax(batch, dim=1)[torch.arange(8), target].mean()
print(f"nll_loss(log_softmax) = {nll.item():.6f}")
print(f"cross_entropy         = {ce.item():.6f}")
assert_allclose(nll.item(), ce.item(), rtol=1e-14)
assert_allclose(by_hand.item(), ce.item(), rtol=1e-14)
assert_array_equal(torch.softmax(batch, dim=1).argmax(dim=1), batch.argmax(dim=1))
