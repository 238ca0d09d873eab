r"""
ELU
===

The exponential linear unit is the identity for positive inputs and bends
smoothly towards :math:`-\alpha` for negative ones.

.. math::

   \mathrm{ELU}(x) = \max(0, x) + \min\bigl(0, \alpha (e^{x} - 1)\bigr)
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

# %%
# The PyTorch default
# -------------------
# ``torch.nn.functional.elu`` uses :math:`\alpha = 1` unless told otherwise,
# as does :func:`activations.elu`.

x = torch.linspace(-5, 2, 351)
assert_allclose(F.elu(x).numpy(), activations.elu(x), rtol=1e-6, atol=0)

# %%
# What alpha changes
# ------------------
# For :math:`x < 0` the curve approaches :math:`-\alpha` (dotted lines): the
# output saturates there, so very negative inputs all give nearly the same
# value. The slope just left of zero is :math:`\alpha`, while the slope on the
# right is always 1.

alphas = (0.5, 1.0, 2.0)
grid = np.linspace(-5, 2, 701)

fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(9, 3.5), sharex=True, layout="constrained")
for alpha, color in zip(alphas, ("C0", "C1", "C2")):
    y = F.elu(x, alpha=alpha)
    assert_allclose(y.numpy(), activations.elu(x, alpha=alpha), rtol=1e-6, atol=0)
    ax_f.plot(x.numpy(), y.numpy(), color=color, label=rf"$\alpha = {alpha:g}$")
    ax_f.axhline(-alpha, color=color, linestyle=":", linewidth=1)
    # Split the derivative at 0 so a jump is drawn as a jump.
    for part in (grid[grid < 0], grid[grid > 0]):
        ax_d.plot(part, activations.elu_grad(part, alpha=alpha), color=color)
ax_f.set_ylabel(r"$\mathrm{ELU}(x)$")
ax_d.set_ylabel(r"$\mathrm{ELU}'(x)$")
for ax in (ax_f, ax_d):
    ax.set_xlabel(r"$x$")
ax_f.legend()
plt.show()

# %%
# A smooth joint only for alpha = 1
# ---------------------------------
# The right panel shows the consequence: the derivative jumps at zero from
# :math:`\alpha` to 1 unless :math:`\alpha = 1`, the only value for which ELU
# is continuously differentiable. Autograd gives the two one-sided slopes, and
# :func:`activations.elu_grad` agrees.

for alpha in alphas:
    h = torch.tensor([-1e-9, 1e-9], dtype=torch.float64, requires_grad=True)
    F.elu(h, alpha=alpha).sum().backward()
    assert_allclose(h.grad.numpy(), activations.elu_grad(h.detach().numpy(), alpha=alpha), rtol=1e-12)
    print(f"alpha = {alpha:g}: f'(0-) = {h.grad[0].item():.4f}, f'(0+) = {h.grad[1].item():.4f}")
