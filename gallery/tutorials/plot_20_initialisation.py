r"""
Initialisation and activations
==============================

A layer's initial weights and its activation decide together whether signals
keep their size through depth. This page follows the forward variance and
the backward gradient norm layer by layer for common activations under four
initialisations, derives each activation's gain and compares it with
``torch.nn.init.calculate_gain``, and shows SELU keeping mean 0 and
variance 1, and what breaks it.

.. math::

   \operatorname{Var}(z_{l+1}) = n \operatorname{Var}(w)\,\mathbb{E}\bigl[f(z_l)^2\bigr]
"""

import math

import matplotlib.pyplot as plt
import mpmath
import numpy as np
import torch
import torch.nn as nn
from numpy.testing import assert_allclose

import activations

torch.set_num_threads(1)  # tiny models: threads only add overhead

# %%
# Four initialisations
# --------------------
# Each draws a layer's weights with mean 0 and a variance set by its number of
# inputs :math:`n_\mathrm{in}` (and outputs :math:`n_\mathrm{out}`):
#
# * PyTorch's default for ``nn.Linear``:
#   :math:`\mathcal{U}(-1/\sqrt{n_\mathrm{in}}, 1/\sqrt{n_\mathrm{in}})`,
#   variance :math:`1/(3 n_\mathrm{in})`;
# * LeCun (LeCun et al., "Efficient BackProp", 1998): variance
#   :math:`1/n_\mathrm{in}`;
# * Xavier or Glorot (Glorot & Bengio, AISTATS 2010): variance
#   :math:`2/(n_\mathrm{in} + n_\mathrm{out})`, the same as LeCun's for a
#   square layer;
# * Kaiming or He (He et al., ICCV 2015): variance :math:`2/n_\mathrm{in}`,
#   made for ReLU, which zeroes half of its inputs.
#
# In PyTorch, LeCun's is ``kaiming_normal_`` with ``nonlinearity="linear"``,
# Xavier's is ``xavier_normal_`` and Kaiming's ``kaiming_normal_`` with
# ``nonlinearity="relu"``. Biases start at 0 except in the default.

width, depth = 64, 20


def lecun(weight):
    nn.init.kaiming_normal_(weight, nonlinearity="linear")


def xavier(weight):
    nn.init.xavier_normal_(weight)


def kaiming(weight):
    nn.init.kaiming_normal_(weight, nonlinearity="relu")


INITS = {"default": None, "LeCun": lecun, "Xavier": xavier, "Kaiming": kaiming}
torch.manual_seed(0)
for name, init in INITS.items():
    layer = nn.Linear(2000, 2000)
    if init is not None:
        init(layer.weight)
    expected = {"default": 1 / 6000, "LeCun": 1 / 2000, "Xavier": 2 / 4000, "Kaiming": 2 / 2000}[name]
    assert_allclose(layer.weight.var().item(), expected, rtol=0.01)
    print(f"{name:>8}: weight variance x n_in = {layer.weight.var().item() * 2000:.3f}")

# %%
# Layer by layer
# --------------
# A stack of 20 ``nn.Linear`` layers of width 64 with the activation after
# each, fed a batch of 512 standard normal inputs. Forward: the variance of
# each layer's pre-activation :math:`z_l`. Backward, from the mean of the last
# layer's outputs squared: the norm of each layer's weight gradient. Every
# network starts from the same random numbers.

ACTIVATIONS = {"tanh": nn.Tanh, "ReLU": nn.ReLU, "GELU": nn.GELU, "SiLU": nn.SiLU, "SELU": nn.SELU}
inputs = torch.randn(512, width, generator=torch.Generator().manual_seed(1))


def profile(activation, init):
    torch.manual_seed(0)
    layers = [nn.Linear(width, width) for _ in range(depth)]
    if init is not None:
        for layer in layers:
            init(layer.weight)
            nn.init.zeros_(layer.bias)
    variances, h = [], inputs
    for layer in layers:
        z = layer(h)
        variances.append(z.var().item())
        h = activation()(z)
    h.pow(2).mean().backward()
    return np.array(variances), np.array([layer.weight.grad.norm().item() for layer in layers])


results = {(a, i): profile(module, init) for a, module in ACTIVATIONS.items() for i, init in INITS.items()}
print("variance of z at layer 20 (and layer 1 / layer 20 gradient norm)")
print(" " * 6 + "".join(f"{name:>20}" for name in INITS))
for a in ACTIVATIONS:
    cells = [f"{results[a, i][0][-1]:9.2g} ({results[a, i][1][0] / results[a, i][1][-1]:7.1g})"
             for i in INITS]
    print(f"{a:>6}" + "".join(f"{cell:>20}" for cell in cells))

# %%
# What the table shows:
#
# * Default: every signal fades until the biases alone hold it, at a
#   variance near :math:`1/(3n) \approx 0.005`; the first layer's gradient is
#   :math:`10^{-5}` to :math:`10^{-10}` of the last layer's, except SELU's.
# * LeCun and Xavier (equal here, as the layers are square): SELU stays near
#   1, as it is designed to. ReLU halves the variance at every layer,
#   :math:`2^{-20} \approx 10^{-6}` after 20. Near 0, GELU and SiLU behave
#   like :math:`x/2`, so each layer quarters the variance once it is small.
#   tanh shrinks every input a little, and with a gain of 1 the variance
#   decays slowly.
# * Kaiming: ReLU keeps its variance, as designed; tanh stays closer to 1
#   than with the smaller weights; SiLU still fades and SELU grows, both away
#   from their fixed points.
#
# With all three scaled initialisations the first layer's gradient stays
# within a factor of 10 of the last layer's: most of the difference is in the
# forward signal.

final = {key: value[0][-1] for key, value in results.items()}
ratio = {key: value[1][0] / value[1][-1] for key, value in results.items()}
assert all(final[a, "default"] < 0.01 and ratio[a, "default"] < 1e-4 for a in ACTIVATIONS if a != "SELU")
assert 0.5 < final["SELU", "LeCun"] < 2 and final["SELU", "Kaiming"] > 10
assert_allclose(final["ReLU", "LeCun"], 2.0**-20, rtol=0.5)
assert final["GELU", "LeCun"] < 1e-10 and final["SiLU", "LeCun"] < 1e-10
assert 0.5 < final["ReLU", "Kaiming"] < 2 and final["tanh", "LeCun"] < final["tanh", "Kaiming"] < 1
assert all(0.1 < ratio[a, i] < 10 for a in ACTIVATIONS for i in ("LeCun", "Xavier", "Kaiming"))

fig, axes = plt.subplots(2, 4, figsize=(10, 5), sharex=True, sharey="row", layout="constrained")
for column, init in enumerate(INITS):
    for a in ACTIVATIONS:
        variances, norms = results[a, init]
        axes[0, column].semilogy(range(1, depth + 1), variances, label=a)
        axes[1, column].semilogy(range(1, depth + 1), norms)
    axes[0, column].set_title(init)
    axes[1, column].set_xlabel(r"$l$")
axes[0, 0].set_ylabel(r"$\mathrm{Var}(z_l)$")
axes[1, 0].set_ylabel(r"$\Vert \nabla_{W_l} L \Vert$")
axes[0, -1].legend(fontsize=8)
plt.show()

# %%
# The gain, derived and as PyTorch gives it
# -----------------------------------------
# If :math:`z_l` has variance 1 and the weights have variance
# :math:`g^2/n`, the next pre-activation has variance
# :math:`g^2\,\mathbb{E}[f(z)^2]` with :math:`z \sim \mathcal{N}(0, 1)`. The
# gain that keeps it at 1 is therefore
#
# .. math::
#
#    g = \frac{1}{\sqrt{\mathbb{E}_{z \sim \mathcal{N}(0, 1)}\bigl[f(z)^2\bigr]}},
#
# computed below from the package's functions by numerical integration (and
# checked once with mpmath), next to ``torch.nn.init.calculate_gain``.

z = np.linspace(-12, 12, 240001)
density = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi)


def derived_gain(function):
    return 1 / math.sqrt(np.trapezoid(function(z) ** 2 * density, z))


FUNCTIONS = {"linear": lambda v: v, "sigmoid": activations.sigmoid, "tanh": activations.tanh,
             "relu": activations.relu, "leaky_relu": activations.leaky_relu,
             "selu": activations.selu, "gelu": activations.gelu, "silu": activations.silu}
gains = {}
for name, function in FUNCTIONS.items():
    try:
        torch_gain = nn.init.calculate_gain(name)
    except ValueError as error:  # PyTorch has no gain for GELU and SiLU
        torch_gain = error
    gains[name] = derived_gain(function), torch_gain
    shown = f"{torch_gain:.4f}" if isinstance(torch_gain, (int, float)) else f"ValueError: {torch_gain}"
    print(f"{name:>10}: derived {gains[name][0]:.4f}, calculate_gain {shown}")

tanh_squared = mpmath.quad(lambda v: mpmath.tanh(v)**2 * mpmath.npdf(v), [-mpmath.inf, 0, mpmath.inf])
assert_allclose(gains["tanh"][0], 1 / math.sqrt(float(tanh_squared)), rtol=1e-10)
assert_allclose([gains[n][0] for n in ("linear", "relu")], [1, math.sqrt(2)], rtol=1e-9)
assert_allclose(gains["leaky_relu"], math.sqrt(2 / (1 + 0.01**2)), rtol=1e-9)
assert_allclose(gains["selu"][0], 1, atol=1e-3)

# %%
# Where they agree and where they differ:
#
# * Linear, ReLU and Leaky ReLU: the same value; PyTorch's is the formula
#   above, worked out by hand.
# * tanh: the fixed point is 1.59; PyTorch uses 5/3, a round value a little
#   larger. Iterated from layer to layer with 5/3, the variance settles at
#   the value printed below, a little above 1 instead of exactly 1.
# * Sigmoid: PyTorch's gain is 1, the derived one 1.85. The sigmoid's output
#   has mean about 1/2, so most of :math:`\mathbb{E}[f(z)^2]` is the mean, not
#   a signal; no gain makes a sigmoid network well behaved, and PyTorch does
#   not try.
# * SELU: its constants make :math:`\mathbb{E}[f(z)^2] = 1`, so the derived
#   gain is 1. PyTorch's 3/4 is deliberate: its documentation advises
#   ``nonlinearity="linear"`` (gain 1, LeCun's variance) for self-normalising
#   networks, and says that 3/4 trades that fixed point for steadier gradients.
# * GELU and SiLU: ``calculate_gain`` raises ``ValueError``; the derived
#   values are printed above.


def settled_variance(function, gain, steps=200):
    """The fixed point of v -> gain^2 E[f(sqrt(v) z)^2]."""
    v = 1.0
    for _ in range(steps):
        v = gain**2 * np.trapezoid(function(math.sqrt(v) * z) ** 2 * density, z)
    return v


tanh_settles = settled_variance(activations.tanh, 5 / 3)
print(f"tanh with gain 5/3 settles at a variance of {tanh_settles:.3f}")
assert_allclose(gains["tanh"][0], 1.59, atol=0.005)
assert_allclose(gains["sigmoid"][0], 1.85, atol=0.005)
assert 1 < tanh_settles < 1.5

# %%
# SELU keeps mean 0 and variance 1, until something breaks it
# ------------------------------------------------------------
# SELU (Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017)
# is built so that, with LeCun-normal weights, the mean and variance of its
# inputs are drawn towards 0 and 1 layer after layer, without normalisation
# layers. Below, 32 layers of width 256 and a batch of 1024: LeCun-normal
# weights keep the last layer near (0, 1). Ordinary dropout (``nn.Dropout``,
# rate 0.1) rescales the units it keeps by :math:`1/(1 - p)` and shifts the
# statistics; ``nn.AlphaDropout``, made for SELU, keeps them. Kaiming's
# weights (twice the variance) and the default (a third of it) move the
# fixed point away from (0, 1).

selu_width, selu_depth = 256, 32
batch = torch.randn(1024, selu_width, generator=torch.Generator().manual_seed(2))


def selu_statistics(init, dropout=None):
    torch.manual_seed(0)
    h = batch
    for _ in range(selu_depth):
        layer = nn.Linear(selu_width, selu_width)
        if init is not None:
            init(layer.weight)
            nn.init.zeros_(layer.bias)
        h = nn.SELU()(layer(h))
        if dropout is not None:
            h = dropout(h)
    return h.mean().item(), h.var().item()


with torch.no_grad():
    runs = {"LeCun": selu_statistics(lecun),
            "LeCun + Dropout(0.1)": selu_statistics(lecun, nn.Dropout(0.1)),
            "LeCun + AlphaDropout(0.1)": selu_statistics(lecun, nn.AlphaDropout(0.1)),
            "Kaiming": selu_statistics(kaiming),
            "default": selu_statistics(None)}
for name, (mean, variance) in runs.items():
    print(f"{name:>26}: mean {mean:+.3f}, variance {variance:.3f}")


def near_standard(statistics, tolerance):
    mean, variance = statistics
    return abs(mean) < tolerance and abs(variance - 1) < tolerance


assert near_standard(runs["LeCun"], 0.1) and near_standard(runs["LeCun + AlphaDropout(0.1)"], 0.1)
assert not any(near_standard(runs[name], 0.2)
               for name in ("LeCun + Dropout(0.1)", "Kaiming", "default"))
