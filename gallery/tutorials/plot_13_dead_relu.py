r"""
Dead ReLU units
===============

.. index::
   !single: dead neuron
   !single: dying ReLU
   !single: dead ReLU

A ReLU unit whose input is zero or negative for every training example
passes no gradient back, so gradient descent can never change its weights again: the
unit is dead. This example kills almost half the units of a small network
with a learning rate that is too large, and shows why Leaky ReLU and ELU
units survive the same treatment.

.. math::

   f'(z_{ij}) = 0 \ \ \forall i
   \quad \Longrightarrow \quad
   \frac{\partial L}{\partial w_j}
   = \sum_i \frac{\partial L}{\partial h_{ij}} \, f'(z_{ij}) \, x_i = 0
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

# %%
# What "dead" means
# -----------------
# Hidden unit :math:`j` computes :math:`h_{ij} = f(z_{ij})` with
# :math:`z_{ij} = w_j^\top x_i + b_j` for example :math:`i`. We call it *dead*
# when :math:`f'(z_{ij}) = 0` for every training example. Then the gradients
# of its weights :math:`w_j` and bias :math:`b_j` are exactly zero, the
# update leaves them unchanged, and the unit is still dead at the next step:
# it is dead for good. For ReLU (with PyTorch's convention
# :math:`\mathrm{ReLU}'(0) = 0`) the condition is :math:`z_{ij} \le 0` for all
# :math:`i`. The definition is about the whole training set: a unit that is
# silent on one mini-batch may fire on the next.
#
# We compute :math:`f'(z_{ij})` for every example and unit with
# :func:`activations.relu_grad`, :func:`activations.leaky_relu_grad` and
# :func:`activations.elu_grad`, and check them against autograd below.

derivatives = {"ReLU": activations.relu_grad, "LeakyReLU": activations.leaky_relu_grad,
               "ELU": activations.elu_grad}

# %%
# The data and the network
# ------------------------
# Two classes: 200 points in a disc and 200 in a ring around it. The network
# has one hidden layer of 128 units, ``Linear(2, 128)``, the activation, then
# ``Linear(128, 1)``, trained with the binary cross-entropy loss by
# full-batch gradient descent, written out by hand. Every run starts from the
# same weights (same seed). At each step we record which units are dead,
# which are *inactive* (:math:`z_{ij} \le 0` for every example), and the
# loss.

rng = np.random.default_rng(0)


def ring(r_min, r_max, n):
    radius = rng.uniform(r_min, r_max, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


inputs = torch.tensor(np.vstack([ring(0.0, 1.0, 200), ring(1.5, 2.5, 200)]), dtype=torch.float32)
targets = torch.cat([torch.zeros(200), torch.ones(200)])


def train(name, lr, steps=200, hidden=128):
    torch.manual_seed(0)
    layer1, act, layer2 = torch.nn.Linear(2, hidden), getattr(torch.nn, name)(), torch.nn.Linear(hidden, 1)
    params = [*layer1.parameters(), *layer2.parameters()]
    run = {"name": name, "dead": [], "inactive": [], "loss": []}
    for step in range(steps + 1):
        z = layer1(inputs)
        z_np = z.detach().numpy()
        run["dead"].append((derivatives[name](z_np) == 0).all(axis=0))
        run["inactive"].append((z_np <= 0).all(axis=0))
        loss = F.binary_cross_entropy_with_logits(layer2(act(z)).squeeze(1), targets)
        run["loss"].append(loss.item())
        if step == 50:
            run["weights_at_50"] = layer1.weight.detach().clone()
        if step == steps:
            break
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
    run["dead"], run["inactive"] = np.array(run["dead"]), np.array(run["inactive"])
    run["z"], run["weights"], run["act"] = z.detach(), layer1.weight.detach(), act
    return run


# %%
# A learning rate that is too large
# ---------------------------------
# With a learning rate of 5 the first steps overshoot: after two updates the
# loss has jumped from 0.7 to about 10. The next two steps are just as large
# and push many ReLU units below zero on the whole data set. A learning rate
# of 0.5 trains smoothly on the same data.

runs = {name: train(name, lr=5.0) for name in ("ReLU", "LeakyReLU", "ELU")}
relu_small_lr = train("ReLU", lr=0.5)

for label, run in [*runs.items(), ("ReLU, lr 0.5", relu_small_lr)]:
    dead, inactive = run["dead"].mean(axis=1), run["inactive"].mean(axis=1)
    print(f"{label:>12}: dead {dead[0]:.1%} -> {dead[-1]:.1%}, inactive at the end {inactive[-1]:.1%}, "
          f"loss {run['loss'][0]:.2f} -> max {max(run['loss']):.1f} -> {run['loss'][-1]:.1e}")

# %%
# Dead is permanent
# -----------------
# Once a ReLU unit is dead it stays dead at every later step, and its weights
# do not change by a single bit: those of the units already dead at step 50
# are identical at the end. With the smaller learning rate, the only dead
# units are the few that were dead before the first step. Autograd gives the
# same slopes :math:`f'(z)` as the reference functions.

relu = runs["ReLU"]
dead = relu["dead"]
assert 0.4 < dead[-1].mean() < 0.5  # almost half
assert np.all(dead[1:] >= dead[:-1])  # the set of dead units only grows
dead_at_50 = torch.from_numpy(dead[50])
assert torch.equal(relu["weights"][dead_at_50], relu["weights_at_50"][dead_at_50])
assert np.array_equal(relu_small_lr["dead"][-1], relu_small_lr["dead"][0])

for name, run in runs.items():
    z = run["z"].clone().requires_grad_()
    run["act"](z).sum().backward()  # each output depends on its own input only
    assert_allclose(z.grad.numpy(), derivatives[name](run["z"].numpy()), rtol=1e-6, atol=0)

# %%
# Leaky ReLU and ELU units do not die
# -----------------------------------
# By the same definition, no Leaky ReLU or ELU unit is ever dead, at any step.
# Their units are pushed below zero about as often (the inactive fraction
# above), but there the slope is ``negative_slope`` :math:`= 0.01` for Leaky
# ReLU and :math:`\alpha e^{z} > 0` for ELU, not 0, so the weights keep
# receiving a gradient and the unit can come back. We count the units that
# were inactive at some step and active again at the end. A Leaky ReLU unit
# gets a gradient a hundred times weaker, so few if any return; the slope of
# ELU is close to 1 just below zero, and many do.

for name, run in runs.items():
    if name != "ReLU":
        assert not run["dead"].any()
    run["returned"] = (run["inactive"].any(axis=0) & ~run["inactive"][-1]).sum()
    print(f"{name:>9}: {run['returned']} units came back")
assert runs["ReLU"]["returned"] == 0 and runs["ELU"]["returned"] > 10

# %%
# A caveat: underflow
# -------------------
# In float32, :math:`e^{z}` underflows to exactly 0 below about
# :math:`z = -103`, so a unit pushed that far would have a zero gradient even
# with ELU. Here the most negative pre-activation is far from that.

assert torch.exp(torch.tensor(-104.0)) == 0 and torch.exp(torch.tensor(-103.0)) > 0
print(f"most negative ELU pre-activation: {runs['ELU']['z'].min().item():.1f}")
assert runs["ELU"]["z"].min() > -100

# %%
# Dead units over training
# ------------------------
# Left, the fraction :math:`d_t` of dead units after :math:`t` steps (the
# horizontal axis is linear up to step 10, then logarithmic); right, the loss
# :math:`L_t`. The ReLU units die during the loss spike at the start and never
# come back; the Leaky ReLU and ELU curves stay at zero. The learning rate is
# too large for all three networks (the ELU network's loss stays high for a
# dozen steps), but only the ReLU network pays for it with dead units.

steps = np.arange(len(relu["loss"]))
fig, (ax_dead, ax_loss) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
colors = {"ReLU": "C0", "LeakyReLU": "C1", "ELU": "C2"}
widths = {"ReLU": 1.5, "LeakyReLU": 4, "ELU": 1.5}  # Leaky ReLU and ELU overlap at 0
for name, run in runs.items():
    ax_dead.plot(steps, run["dead"].mean(axis=1), color=colors[name], linewidth=widths[name],
                 label=f"nn.{name}(), lr=5")
    ax_loss.plot(steps, run["loss"], color=colors[name])
ax_dead.plot(steps, relu_small_lr["dead"].mean(axis=1), "--", color="C0", label="nn.ReLU(), lr=0.5")
ax_loss.plot(steps, relu_small_lr["loss"], "--", color="C0")
for ax in (ax_dead, ax_loss):
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel(r"$t$")
ax_dead.set_ylabel(r"$d_t$")
ax_dead.set_ylim(-0.02, 1)
ax_dead.legend()
ax_loss.set_yscale("log")
ax_loss.set_ylabel(r"$L_t$")
plt.show()

# %%
# Causes and remedies
# -------------------
# Units die when something pushes their pre-activation below zero for every
# input at once: a learning rate that is too large, as here; a large negative
# bias, learned or set; or an unlucky initialisation, like the units that were
# dead before the first step. The remedies follow: a smaller learning rate;
# an activation whose slope is not zero for all negative inputs, such as
# Leaky ReLU, ELU or GELU; a careful initialisation; and normalisation
# layers, which re-centre each unit's pre-activations over a batch so that it
# is much harder for all of them to sit below zero.
