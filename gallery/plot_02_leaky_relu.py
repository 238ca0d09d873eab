r"""
Leaky ReLU
==========

Leaky ReLU lets a small, fixed fraction of a negative input through, so the
gradient is never exactly zero.

.. math::

   \mathrm{LeakyReLU}(x) = \max(0, x) + a \min(0, x)
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

# %%
# The PyTorch default
# -------------------
# ``torch.nn.functional.leaky_relu`` and the module ``torch.nn.LeakyReLU`` both
# use the slope :math:`a = 0.01` unless told otherwise, and so does
# :func:`activations.leaky_relu`.

print(torch.nn.LeakyReLU().negative_slope)

x = torch.linspace(-3, 3, 301)
y = F.leaky_relu(x)
assert_allclose(y.numpy(), activations.leaky_relu(x), rtol=1e-6, atol=0)
print(F.leaky_relu(torch.tensor([-2.0, 0.0, 2.0])))

# %%
# What the slope changes
# ----------------------
# The slope only touches the negative half: positive inputs pass unchanged
# whatever :math:`a` is, and the derivative for :math:`x < 0` is :math:`a`
# itself. With the default the negative branch is almost flat; larger values
# such as :math:`a = 0.2` are a deliberate choice made by some models, not the
# standard function. With :math:`a = 0` it is ReLU again, and with
# :math:`a = 1` it is the identity.

slopes = (0.01, 0.1, 0.2, 0.3)

fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
ax.axhline(0, color="0.8", linewidth=0.8)
ax.axvline(0, color="0.8", linewidth=0.8)
for a in slopes:
    y = F.leaky_relu(x, negative_slope=a)
    assert_allclose(y.numpy(), activations.leaky_relu(x, negative_slope=a), rtol=1e-6, atol=0)
    ax.plot(x.numpy(), y.numpy(), label=rf"$a = {a}$")
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$\mathrm{LeakyReLU}(x)$")
ax.legend()
plt.show()

# %%
# The slope is the gradient
# -------------------------
# Autograd confirms it: at a negative input the derivative is :math:`a`, which
# is what :func:`activations.leaky_relu_grad` returns.

for a in slopes:
    point = torch.tensor(-1.0, requires_grad=True)
    F.leaky_relu(point, negative_slope=a).backward()
    assert_allclose(point.grad.numpy(), activations.leaky_relu_grad(-1.0, negative_slope=a), rtol=1e-6)
    print(f"a = {a}: f'(-1) = {point.grad.item():.2f}")
