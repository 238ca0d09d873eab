r"""
Saturation and vanishing gradients
==================================

.. index::
   !single: vanishing gradient
   !single: vanishing gradients
   !single: saturation

Backpropagation multiplies the gradient by one factor per layer: the slope of
the activation times the layer's weights. When those factors are smaller than
one, the gradient that reaches the first layers shrinks exponentially with
depth. This example measures how fast, for sigmoid, tanh, ReLU and GELU.

.. math::

   \frac{\partial L}{\partial z_l}
   = \operatorname{diag}\bigl(f'(z_l)\bigr) \, W_{l+1}^\top \,
     \frac{\partial L}{\partial z_{l+1}}
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

# %%
# The sigmoid's slope is at most 1/4
# ----------------------------------
# The derivative of the sigmoid is :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`,
# a product of two numbers that add up to one, so it can never exceed
# :math:`1/4`, reached at :math:`x = 0`. Away from zero the curve *saturates*:
# it flattens out and its slope decays towards zero. :func:`activations.sigmoid_grad`
# gives the slope on a grid, and autograd agrees; :math:`\tanh` reaches a slope
# of 1 at zero (:func:`activations.tanh_grad`) but saturates in the same way.

x = np.linspace(-8, 8, 1601)
slope = activations.sigmoid_grad(x)
x_torch = torch.tensor(x, requires_grad=True)
torch.sigmoid(x_torch).sum().backward()
assert_allclose(slope, x_torch.grad.numpy(), rtol=1e-12, atol=1e-17)

assert slope.max() == 0.25 and x[slope.argmax()] == 0.0
assert activations.tanh_grad(0.0) == 1.0
for point in (0.0, 2.0, 5.0):
    print(f"x = {point:g}: sigmoid' = {activations.sigmoid_grad(point):.4f}, "
          f"tanh' = {activations.tanh_grad(point):.4f}")

# %%
# Depth multiplies
# ----------------
# Through :math:`L` sigmoid layers the activation alone contributes a factor of
# at most :math:`(1/4)^L` to the gradient of the first layer. The weights
# multiply in as well and can make it smaller or larger; when the factor per
# layer is larger than one, the same product grows instead, and the gradient
# explodes.

for depth in (5, 10, 20):
    print(f"L = {depth:2d}: 0.25^L = {0.25**depth:.1e}")

# %%
# A deep network, measured
# ------------------------
# A stack of 20 ``torch.nn.Linear`` layers of width 64, with the activation
# after every layer but the last. The four networks share their weights (same
# seed) and see the same random batch of 256 inputs, and the loss is the mean
# squared error to random targets. One backward pass gives the gradient of
# every layer's weight matrix :math:`W_l`; we record its norm.

depth, width = 20, 64
torch.manual_seed(1)
inputs, targets = torch.randn(2, 256, width)
activation_modules = {
    "Sigmoid": torch.nn.Sigmoid, "Tanh": torch.nn.Tanh, "ReLU": torch.nn.ReLU, "GELU": torch.nn.GELU,
}


def gradient_norms(activation, init=None):
    torch.manual_seed(0)
    layers = [torch.nn.Linear(width, width) for _ in range(depth)]
    if init is not None:
        for layer in layers:
            init(layer)
    modules = []
    for layer in layers:
        modules += [layer, activation()]
    net = torch.nn.Sequential(*modules[:-1])
    F.mse_loss(net(inputs), targets).backward()
    return np.array([layer.weight.grad.norm().item() for layer in layers])


default = {name: gradient_norms(module) for name, module in activation_modules.items()}
for name, norms in default.items():
    print(f"{name:>7}: layer 1 {norms[0]:.1e}, layer {depth} {norms[-1]:.1e}, "
          f"ratio {norms[0] / norms[-1]:.0e}")

# %%
# Vanishing gradients
# -------------------
# Every activation loses gradient here, the sigmoid by about 17 orders of
# magnitude between the last layer and the first, which is as good as zero
# for training. This is the vanishing gradient problem.

ratio = {name: norms[0] / norms[-1] for name, norms in default.items()}
assert all(r < 1e-3 for r in ratio.values())
assert ratio["Sigmoid"] < 1e-12 and ratio["Sigmoid"] == min(ratio.values())

# %%
# Why even ReLU shrinks here
# --------------------------
# ``torch.nn.Linear`` draws its weights from
# :math:`\mathcal{U}(-1/\sqrt{n}, 1/\sqrt{n})` with :math:`n` inputs, a
# variance of :math:`1/(3n)`. Summing over :math:`n` units, one layer then
# scales the size of the gradient by roughly
# :math:`\sqrt{\mathbb{E}[f'(z)^2] / 3}`: about 0.14 for the sigmoid
# (:math:`f' \approx 1/4`), 0.41 for ReLU (:math:`f' = 1` on half of the
# units, 0 on the rest), 0.29 for GELU (:math:`f'(0) = 1/2`, see
# :func:`activations.gelu_grad`) and 0.58 for tanh (:math:`f' \approx 1`).
# The measured factor per layer, the 19th root of the ratio above, is close to
# these estimates.

bound = 1 / np.sqrt(width)
weights = torch.nn.Linear(width, width).weight
assert weights.abs().max() <= bound
print(f"weight variance {weights.var().item():.5f}, 1/(3n) = {1 / (3 * width):.5f}")
assert_allclose(weights.var().item(), 1 / (3 * width), rtol=0.1)

slope_at_0 = {"Sigmoid": activations.sigmoid_grad(0.0), "Tanh": activations.tanh_grad(0.0),
              "GELU": activations.gelu_grad(0.0)}
estimate = {name: np.sqrt(slope**2 / 3) for name, slope in slope_at_0.items()}
estimate["ReLU"] = np.sqrt(0.5 / 3)  # f'^2 is 1 on half of the units, 0 on the others
for name in activation_modules:
    per_layer = ratio[name] ** (1 / (depth - 1))
    print(f"{name:>7}: measured {per_layer:.2f} per layer, estimate {estimate[name]:.2f}")
    assert_allclose(per_layer, estimate[name], rtol=0.3)

# %%
# Initialisation changes the picture
# ----------------------------------
# The weights' scale is the other half of the factor. Kaiming (He)
# initialisation, ``torch.nn.init.kaiming_normal_`` with
# ``nonlinearity="relu"``, uses the variance :math:`2/n`, chosen so that a
# ReLU layer keeps the gradient's size; Xavier (Glorot) initialisation,
# ``torch.nn.init.xavier_normal_``, is the counterpart derived for symmetric
# activations such as tanh. With Kaiming weights and zero biases, ReLU, GELU
# and tanh pass the gradient through all 20 layers, within a factor of 50
# between the largest and the smallest layer. The sigmoid still loses about 10
# orders of magnitude: an initialisation designed for ReLU cannot make up for
# a slope that never exceeds 1/4.


def kaiming(layer):
    torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
    torch.nn.init.zeros_(layer.bias)


he = {name: gradient_norms(module, kaiming) for name, module in activation_modules.items()}
for name, norms in he.items():
    print(f"{name:>7}: layer 1 {norms[0]:.1e}, layer {depth} {norms[-1]:.1e}, "
          f"largest / smallest {norms.max() / norms.min():.2g}")
    if name == "Sigmoid":
        assert norms[0] / norms[-1] < 1e-8
    else:
        assert norms.max() / norms.min() < 50

# %%
# Gradient norm per layer
# -----------------------
# Layer 1 is the one next to the input, so the gradient flows from right to
# left; read that way, a straight line on this log scale is exponential decay,
# and its slope gives the factor per layer. Deep networks in practice also rely
# on normalisation layers and residual connections to keep gradients healthy;
# the choice of activation and of initialisation is where it starts.

layer_index = np.arange(1, depth + 1)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True, layout="constrained")
for ax, results, title in zip(axes, (default, he),
                              (r"kaiming_uniform_(a=$\sqrt{5}$)", "kaiming_normal_(nonlinearity='relu')")):
    for name, norms in results.items():
        ax.semilogy(layer_index, norms, marker="o", markersize=3, label=f"nn.{name}")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(r"$l$")
    ax.set_xticks([1, 5, 10, 15, 20])
axes[0].set_ylabel(r"$\Vert \nabla_{W_l} L \Vert$")
axes[1].legend()
plt.show()
