r"""
ReLU, sigmoid and tanh
======================

The three classic activations, evaluated with PyTorch on 200 points of
:math:`[-2, 2]` and compared with the reference implementations.

.. math::

   \mathrm{ReLU}(x) = \max(0, x), \qquad
   \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad
   \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
"""

import matplotlib.pyplot as plt
import torch
from numpy.testing import assert_allclose

import activations

# %%
# Evaluating with PyTorch
# -----------------------
# Each of ``torch.relu``, ``torch.sigmoid`` and ``torch.tanh`` is applied to
# every element of the tensor independently, so the output has the shape of
# the input.

x = torch.linspace(-2, 2, 200)
curves = {
    r"$\mathrm{ReLU}(x)$": (torch.relu(x), activations.relu),
    r"$\sigma(x)$": (torch.sigmoid(x), activations.sigmoid),
    r"$\tanh(x)$": (torch.tanh(x), activations.tanh),
}

# %%
# Checking against the reference
# ------------------------------
# :func:`activations.relu`, :func:`activations.sigmoid` and
# :func:`activations.tanh` take the same tensor and return float32 arrays.
# The two implementations must agree to within a few units in the last place;
# if they did not, this page would fail to build.

for y, reference in curves.values():
    assert_allclose(y.numpy(), reference(x), rtol=1e-6, atol=0)

# %%
# Plotting the three curves
# -------------------------
# ReLU is unbounded above and exactly zero for negative inputs. The sigmoid
# maps every input into :math:`(0, 1)` with :math:`\sigma(0) = 1/2`, while
# :math:`\tanh` maps into :math:`(-1, 1)` and is centred on zero. The sigmoid
# and tanh both flatten out (saturate) as :math:`|x|` grows.

fig, axes = plt.subplots(1, 3, figsize=(9, 3), sharex=True, layout="constrained")
for ax, (label, (y, _)) in zip(axes, curves.items()):
    ax.axhline(0, color="0.8", linewidth=0.8)
    ax.axvline(0, color="0.8", linewidth=0.8)
    ax.plot(x.numpy(), y.numpy())
    ax.set_title(label)
    ax.set_xlabel(r"$x$")
plt.show()

# %%
# Sigmoid and tanh are the same curve
# -----------------------------------
# Squeezing the sigmoid horizontally by a factor of two, stretching it
# vertically by two and moving it down by one gives :math:`\tanh`:
# :math:`\tanh(x) = 2\sigma(2x) - 1`. They differ in scale and centre, not in
# shape, so both saturate in the same way.

assert_allclose((2 * torch.sigmoid(2 * x) - 1).numpy(), torch.tanh(x).numpy(), rtol=0, atol=1e-6)
