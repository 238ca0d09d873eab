r"""
Soft and hard saturation
========================

An activation saturates where it flattens out and its derivative tends to 0.
Gulcehre et al. ("Noisy Activation Functions", ICML 2016) tell two kinds
apart: *soft* saturation, where the derivative only tends to 0, and *hard*
saturation, where it is exactly 0 beyond some point. This page shows what
each does to training and which activations saturate which way.

.. math::

   \text{soft: } f'(x) \to 0 \text{ but } f'(x) \neq 0, \qquad
   \text{hard: } f'(x) = 0 \text{ for all } x < c \text{ (or } x > c\text{)}
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations
from activations.catalogue import CATALOGUE

# %%
# Two pairs of curves
# -------------------
# The sigmoid and the hard sigmoid, tanh and hardtanh, have the same shape,
# but not the same tails. The hard sigmoid is
# :math:`\min(1, \max(0, x/6 + 1/2))`: beyond :math:`\pm 3` it is constant, and
# its derivative is exactly 0 there. The sigmoid's derivative at 3 is 0.045
# and keeps shrinking, about by a factor :math:`e` per unit of :math:`x`, but
# never reaches 0. On a logarithmic scale (right) the soft tails are straight
# lines that go on for ever; the hard derivatives stop where they become 0,
# which a logarithmic scale cannot show.

x = torch.linspace(-8, 8, 1601, dtype=torch.float64, requires_grad=True)
slopes = {}
for name, function in (("sigmoid", torch.sigmoid), ("hardsigmoid", F.hardsigmoid),
                       ("tanh", torch.tanh), ("hardtanh", F.hardtanh)):
    (slope,) = torch.autograd.grad(function(x).sum(), x)
    slopes[name] = slope.numpy()
    ours = getattr(activations, name + "_grad")(x.detach().numpy())
    # rtol: PyTorch's hardsigmoid backward multiplies by 1/6 rounded to float32
    assert_allclose(ours, slopes[name], rtol=3e-8, atol=1e-300)
    assert ((ours == 0) == (slopes[name] == 0)).all()

grid = x.detach().numpy()
for name in slopes:
    zero = grid[slopes[name] == 0]
    where = f"|x| >= {abs(zero).min():g}" if zero.size else "nowhere on [-8, 8]"
    print(f"{name:>11}' is exactly 0: {where}; at x = 8: {slopes[name][-1]:.2e}")
assert (slopes["sigmoid"] > 0).all() and (slopes["tanh"] > 0).all()
assert_allclose(activations.sigmoid_grad(3.0), 0.045, atol=5e-4)

fig, (linear, log) = plt.subplots(1, 2, figsize=(8, 3.2), layout="constrained")
for name, style, colour in (("sigmoid", "-", "C0"), ("hardsigmoid", "--", "C0"),
                            ("tanh", "-", "C1"), ("hardtanh", "--", "C1")):
    linear.plot(grid, slopes[name], style, color=colour, label=rf"$\mathrm{{{name}}}'$")
    positive = np.where(slopes[name] > 0, slopes[name], np.nan)
    log.semilogy(grid, positive, style, color=colour)
linear.set_title(r"$f'(x)$")
log.set_title(r"$f'(x)$, log scale")
for ax in (linear, log):
    ax.set_xlabel(r"$x$")
linear.legend(fontsize=8)
plt.show()

# %%
# Hard saturation stops every optimiser
# -------------------------------------
# A single unit :math:`f(w x + b)` starts deep in its saturated region:
# :math:`w = 0.1` and :math:`b = -8`, so every pre-activation lies near
# :math:`-8`. It should learn to output 0.9. We train it for 200 steps with
# plain gradient descent and with Adam, both with the learning rate 0.1,
# once with the sigmoid and once with the hard sigmoid.
#
# The sigmoid's gradient there is small (:math:`\sigma'(-8) \approx 3.35
# \times 10^{-4}`), so gradient descent hardly moves. Adam divides each step
# by a running estimate of the gradient's size, so a small but nonzero
# gradient still gives steps of about the learning rate, and the unit
# recovers. The hard sigmoid's gradient is exactly 0: both optimisers leave
# the weights exactly where they were. This is how a ReLU unit dies
# (:ref:`sphx_glr_auto_examples_tutorials_plot_13_dead_relu.py`), and it is
# the problem the noisy activations of Gulcehre et al. were designed to
# solve.

torch.manual_seed(19)
inputs = torch.randn(64, dtype=torch.float64)
target = torch.full_like(inputs, 0.9)


def train(activation, optimiser_class):
    w = torch.tensor(0.1, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(-8.0, dtype=torch.float64, requires_grad=True)
    optimiser = optimiser_class([w, b], lr=0.1)
    for _ in range(200):
        optimiser.zero_grad()
        F.mse_loss(activation(w * inputs + b), target).backward()
        optimiser.step()
    with torch.no_grad():
        loss = F.mse_loss(activation(w * inputs + b), target).item()
    return w.item(), b.item(), loss


start = F.mse_loss(torch.sigmoid(0.1 * inputs - 8), target).item()
print(f"loss at the start: sigmoid {start:.3f}, hard sigmoid {0.9**2:.3f}")
runs = {}
for activation in (torch.sigmoid, F.hardsigmoid):
    for optimiser_class in (torch.optim.SGD, torch.optim.Adam):
        w, b, loss = train(activation, optimiser_class)
        runs[activation.__name__, optimiser_class.__name__] = loss
        print(f"{activation.__name__:>11} + {optimiser_class.__name__:<4}: w = {w:.4f}, "
              f"b = {b:.4f}, loss {loss:.3f}")
        if activation is F.hardsigmoid:
            assert (w, b) == (0.1, -8.0)  # not one bit moved
assert_allclose(activations.sigmoid_grad(-8.0), 3.35e-4, rtol=2e-3)
assert runs["sigmoid", "SGD"] > 0.95 * start and runs["sigmoid", "Adam"] < 0.01
# the hard sigmoid outputs 0 for every input, so its loss stays (0 - 0.9)^2
assert_allclose([runs["hardsigmoid", "SGD"], runs["hardsigmoid", "Adam"]], 0.81, rtol=1e-15)

# %%
# Soft saturation is no cure for vanishing gradients
# --------------------------------------------------
# A gradient that is never exactly 0 can still be far too small: through 20
# sigmoid layers the gradient of the first layer is many orders of magnitude
# below that of the last, as
# :ref:`sphx_glr_auto_examples_tutorials_plot_12_vanishing_gradients.py`
# measures. Soft saturation keeps a unit alive; it does not keep a deep
# network trainable. Hard saturation, in turn, is not always harmful: ReLU's
# exact zeros make sparse activations and cost nothing to compute, and a unit
# whose input is positive for some examples keeps learning from them.

# %%
# Which activations are which
# ---------------------------
# The catalogue records, for each activation, on which side it saturates and
# whether the saturation is soft or hard. For each elementwise one, autograd gives the
# derivative at 10 beyond 0 on each saturating side (past every threshold of
# these functions): it is exactly 0 where the catalogue says hard, and not 0
# where it says soft. For the vector-valued ones the package's Jacobian is
# checked the same way: with one score far above the other (softmax,
# sparsemax), or with the gate input at :math:`-10` (the GLU family).

SIDES = {"negative side": (-10.0,), "positive side": (10.0,), "both sides": (-10.0, 10.0)}
groups = {True: [], False: []}
for activation in CATALOGUE:
    if activation.saturating == "no":
        continue
    if activation.elementwise:
        for side in SIDES[activation.saturating]:
            point = torch.tensor(side, dtype=torch.float64, requires_grad=True)
            activation.call_torch(point).backward()
            assert (point.grad.item() == 0.0) == activation.hard, activation.name
            assert (activation.call_derivative(side) == 0.0) == activation.hard, activation.name
    else:
        gated = activation.name.endswith("glu")
        point = np.array([1.0, -10.0] if gated else [10.0, -10.0])
        jacobian = activation.call_derivative(point)
        checked = jacobian[0, 1] if gated else jacobian  # a gate: d output / d gate input
        assert (not np.any(checked)) == activation.hard, activation.name
        if activation.has_torch:
            by_torch = torch.autograd.functional.jacobian(activation.call_torch, torch.tensor(point))
            # atol: PyTorch's GELU drops its smallest term below x = -8 (about 1e-22 here)
            assert_allclose(jacobian, by_torch.numpy(), rtol=1e-7, atol=1e-20)
    groups[activation.hard].append(f"{activation.name} ({activation.saturating})")

for hard, names in groups.items():
    print(textwrap.fill(("hard: " if hard else "soft: ") + ", ".join(names), 88,
                        subsequent_indent="      "))
print(f"{len(groups[True])} hard, {len(groups[False])} soft, "
      f"{sum(a.saturating == 'no' for a in CATALOGUE)} that do not saturate")
