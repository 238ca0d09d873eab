r"""
Derivatives: autograd and closed forms
======================================

For every elementwise activation in the catalogue, the derivative PyTorch's
autograd computes is drawn next to the closed form from ``activations``.
The grid is generated from the catalogue, so a new activation appears here
as soon as it is added.
"""

import math
import operator

import matplotlib.pyplot as plt
import torch
from numpy.testing import assert_allclose

from activations.catalogue import CATALOGUE

# %%
# Autograd against the closed form
# --------------------------------
# Each catalogue entry names its PyTorch equivalent. We call it on a tensor
# with ``requires_grad=True``; since every output depends only on its own
# input, the gradient of the sum is exactly :math:`f'(x)` at every point. The
# closed form must agree to near float64 precision, including the convention
# at kinks (for example :math:`\mathrm{ReLU}'(0) = 0`, as in PyTorch).

entries = [entry for entry in CATALOGUE if entry.elementwise]
curves = []
for entry in entries:
    torch_function = operator.attrgetter(entry.torch.removeprefix("torch."))(torch)
    x = torch.linspace(-4, 4, 401, dtype=torch.float64, requires_grad=True)
    y = torch_function(x)
    y.sum().backward()
    x_np = x.detach().numpy()
    closed_form = entry.derivative(x_np)
    assert_allclose(x.grad.numpy(), closed_form, rtol=1e-12, atol=1e-15, err_msg=entry.name)
    curves.append((entry, x_np, y.detach().numpy(), x.grad.numpy(), closed_form))

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
