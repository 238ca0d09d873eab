r"""
Derivatives: autograd and closed forms
======================================

.. index::
   !single: autograd
   !single: automatic differentiation
   !single: derivatives

For every elementwise activation in the catalogue, the derivative PyTorch's
autograd computes is drawn next to the closed form from ``activations``.
The grid is generated from the catalogue, so a new activation appears here
as soon as it is added.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from numpy.testing import assert_allclose, assert_array_equal

from activations.catalogue import CATALOGUE

# %%
# Autograd against the closed form
# --------------------------------
# Each catalogue entry names its PyTorch equivalent or, for an activation
# PyTorch lacks, the torch operations that compute it. We call it on a tensor
# with ``requires_grad=True``; since every output depends only on its own
# input, the gradient of the sum is exactly :math:`f'(x)` at every point. The
# closed form must agree to near float64 precision, including the convention
# at kinks (for example :math:`\mathrm{ReLU}'(0) = 0`, as in PyTorch).

entries = [entry for entry in CATALOGUE if entry.elementwise]
curves = []
for entry in entries:
    x = torch.linspace(-4, 4, 401, dtype=torch.float64, requires_grad=True)
    y = entry.call_torch(x)  # torch, with the entry's example parameters
    y.sum().backward()
    x_np = x.detach().numpy()
    closed_form = entry.call_derivative(x_np)
    autograd = x.grad.numpy()
    if entry.name == "hardsigmoid":
        # torch's float64 backward uses 1/6 rounded to float32 (see below)
        slope = np.abs(x_np) < 3
        assert_array_equal(autograd[slope], np.float32(1 / 6))
        assert_allclose(closed_form[slope], 1 / 6, rtol=1e-16)
        autograd = np.where(slope, 1 / 6, autograd)
    assert_allclose(autograd, closed_form, rtol=1e-12, atol=1e-15, err_msg=entry.name)
    curves.append((entry, x_np, y.detach().numpy(), x.grad.numpy(), closed_form))

# %%
# Where autograd is less accurate
# -------------------------------
# One function disagrees beyond rounding: on :math:`(-3, 3)` the derivative
# of hard sigmoid is exactly :math:`1/6`, but PyTorch 2.13's float64 autograd
# returns 0.1666666716337204, which is :math:`1/6` rounded to float32, a
# relative error of :math:`3 \times 10^{-8}`. The check above asserts exactly
# this, so the page will change when PyTorch fixes it.

point = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
torch.nn.functional.hardsigmoid(point).backward()
print(f"torch.autograd: {point.grad.item():.17g}   exact 1/6: {1 / 6:.17g}")

# %%
# The grid
# --------
# The solid line is autograd, the dots are the closed form, and the faint line
# is the activation itself. Saturating functions have a derivative that
# decays to zero in the tails; the ReLU family has a step at zero.

ncols = 3
nrows = math.ceil(len(curves) / ncols)
fig, axes = plt.subplots(nrows, ncols, figsize=(9, 2.6 * nrows), sharex=True,
                         squeeze=False, layout="constrained")
for ax, (entry, x_np, f, autograd, closed_form) in zip(axes.flat, curves):
    ax.axhline(0, color="0.85", linewidth=0.8)
    ax.plot(x_np, f, color="0.7", linewidth=1, label=r"$f$")
    ax.plot(x_np, autograd, color="C0", label=r"$f'$ (torch.autograd)")
    ax.plot(x_np[::20], closed_form[::20], ".", color="C1", label=r"$f'$ (activations)")
    ax.set_title(entry.label)
for ax in axes.flat[len(curves):]:
    ax.set_visible(False)
for ax in axes.flat[max(len(curves) - ncols, 0):len(curves)]:
    ax.xaxis.set_tick_params(labelbottom=True)
    ax.set_xlabel(r"$x$")
fig.legend(*axes.flat[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
plt.show()
