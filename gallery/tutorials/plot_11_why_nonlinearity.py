r"""
Why networks need a non-linearity
=================================

.. index::
   !single: linearly separable
   !single: linearly inseparable

Without an activation function between them, any number of linear layers add up
to a single linear layer, so depth buys nothing. This example shows it on the
weights, then trains one small network with and without ReLU on data that no
straight line can separate.

.. math::

   W_3 (W_2 (W_1 x + b_1) + b_2) + b_3
   = \underbrace{W_3 W_2 W_1}_{W} \, x + \underbrace{W_3 W_2 b_1 + W_3 b_2 + b_3}_{b}
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

# %%
# Three linear layers are one
# ---------------------------
# Take three ``torch.nn.Linear`` layers, 4 → 64 → 64 → 3, with nothing in
# between. Multiplying out the formula above gives one weight matrix
# :math:`W` of shape 3 × 4 and one bias :math:`b` of length 3. A single
# ``torch.nn.Linear(4, 3)`` that holds :math:`W` and :math:`b` gives the same
# output as the whole stack for every input. (float64 keeps the comparison
# tight.)

torch.manual_seed(0)
stack = torch.nn.Sequential(
    torch.nn.Linear(4, 64), torch.nn.Linear(64, 64), torch.nn.Linear(64, 3)
).double()
(W1, b1), (W2, b2), (W3, b3) = [(layer.weight, layer.bias) for layer in stack]

single = torch.nn.Linear(4, 3).double()
with torch.no_grad():
    single.weight.copy_(W3 @ W2 @ W1)
    single.bias.copy_(W3 @ (W2 @ b1 + b2) + b3)

x = torch.randn(1000, 4, dtype=torch.float64)
with torch.no_grad():
    assert_allclose(stack(x).numpy(), single(x).numpy(), rtol=1e-12, atol=1e-14)

n_stack = sum(p.numel() for p in stack.parameters())
n_single = sum(p.numel() for p in single.parameters())
print("layer weights:", [tuple(layer.weight.shape) for layer in stack])
print("W:", tuple(single.weight.shape), "rank", torch.linalg.matrix_rank(single.weight).item())
print("parameters:", n_stack, "in the stack,", n_single, "in the single layer")

# %%
# An activation breaks the collapse
# ---------------------------------
# An affine map :math:`f(x) = Wx + b` always sends the midpoint of two inputs
# to the midpoint of their outputs:
# :math:`f\bigl(\tfrac{u + v}{2}\bigr) = \tfrac{f(u) + f(v)}{2}`. The linear
# stack passes this test; put a ReLU after each hidden layer (same weights)
# and it fails, so no single linear layer can stand in for that network.


def midpoint_gap(f, u, v):
    """Largest violation of f((u + v) / 2) == (f(u) + f(v)) / 2."""
    with torch.no_grad():
        return (f((u + v) / 2) - (f(u) + f(v)) / 2).abs().max().item()


with_relu = torch.nn.Sequential(stack[0], torch.nn.ReLU(), stack[1], torch.nn.ReLU(), stack[2])
u, v = torch.randn(2, 1000, 4, dtype=torch.float64)
gap_linear, gap_relu = midpoint_gap(stack, u, v), midpoint_gap(with_relu, u, v)
print(f"midpoint gap: {gap_linear:.1e} without activation, {gap_relu:.2f} with ReLU")
assert gap_linear < 1e-12 and gap_relu > 0.01

# %%
# Data that no line separates
# ---------------------------
# Two classes are *linearly separable* if some straight line puts all of one
# class on one side and all of the other on the other side. A disc inside a
# ring is *linearly inseparable*: whichever side of a line holds the whole
# disc also holds part of the ring. To see how well a line can do at best, we
# try 360 directions and, for each, every threshold along it.

rng = np.random.default_rng(0)


def ring(r_min, r_max, n):
    radius = rng.uniform(r_min, r_max, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


n = 200
X = np.vstack([ring(0.0, 1.0, n), ring(1.5, 2.5, n)])
y = np.concatenate([np.zeros(n), np.ones(n)])


def best_line_accuracy(X, y, n_directions=360):
    best = 0.0
    for theta in np.linspace(0, np.pi, n_directions, endpoint=False):
        order = np.argsort(X @ np.array([np.cos(theta), np.sin(theta)]))
        ones_below = np.concatenate([[0], np.cumsum(y[order])])
        zeros_below = np.arange(len(y) + 1) - ones_below
        # Class 0 below the threshold and class 1 above it, or the other way round.
        correct = zeros_below + (ones_below[-1] - ones_below)
        best = max(best, correct.max(), len(y) - correct.min())
    return best / len(y)


line_accuracy = best_line_accuracy(X, y)
print(f"best straight line: {line_accuracy:.1%} of the points")

# %%
# The same network with and without ReLU
# --------------------------------------
# Both networks are 2 → 16 → 16 → 1 with the binary cross-entropy loss; the
# only difference is ``torch.nn.Identity`` (no activation) or
# ``torch.nn.ReLU`` after each hidden layer. They start from the same weights
# (same seed) and take 300 steps of full-batch gradient descent with learning
# rate 0.5, written out by hand; ``torch.optim.SGD`` would take the same
# steps.

inputs = torch.tensor(X, dtype=torch.float32)
targets = torch.tensor(y, dtype=torch.float32)


def train(activation, steps=300, lr=0.5):
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 16), activation(),
        torch.nn.Linear(16, 16), activation(),
        torch.nn.Linear(16, 1),
    )
    for _ in range(steps):
        loss = F.binary_cross_entropy_with_logits(model(inputs).squeeze(1), targets)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    return model, loss.item()


def accuracy(model):
    with torch.no_grad():
        predicted = model(inputs).squeeze(1) > 0
    return (predicted == targets.bool()).float().mean().item()


models = {}
for activation in (torch.nn.Identity, torch.nn.ReLU):
    model, loss = train(activation)
    models[activation.__name__] = model
    print(f"{activation.__name__:>8}: loss {loss:.4f}, accuracy {accuracy(model):.1%}")

acc_linear, acc_relu = accuracy(models["Identity"]), accuracy(models["ReLU"])
assert acc_relu >= 0.99
assert acc_linear <= line_accuracy < 0.8

# %%
# The linear network is logistic regression
# -----------------------------------------
# Without an activation, the trained network collapses exactly as in the first
# section, into :math:`\sigma(w^\top x + b)` with one weight vector :math:`w`
# and one bias: logistic regression. Its decision boundary, where the
# predicted probability is 1/2, is the straight line :math:`w^\top x + b = 0`,
# so it can do no better than the best line found above. On these rings it
# does worse: the loss is lowest with :math:`w` close to zero, and the
# network ends up near chance.

linear = models["Identity"]
with torch.no_grad():
    w = linear[4].weight @ linear[2].weight @ linear[0].weight
    b = linear[4].weight @ (linear[2].weight @ linear[0].bias + linear[2].bias) + linear[4].bias
    assert_allclose(linear(inputs).numpy(), (inputs @ w.T + b).numpy(), rtol=1e-4, atol=1e-5)
print("w =", np.round(w.numpy().ravel(), 4), " b =", np.round(b.numpy(), 4))

# %%
# Decision boundaries
# -------------------
# The colour is the predicted probability of the outer class and the black
# curve is the decision boundary. Without an activation the boundary is a
# line and the probability changes along one direction only; with ReLU the
# network bends its boundary into a closed curve around the inner disc. A
# ReLU network computes a piecewise linear function, so the curve is made of
# straight pieces.

grid = np.linspace(-3, 3, 151)
gx, gy = np.meshgrid(grid, grid)
points = torch.tensor(np.column_stack([gx.ravel(), gy.ravel()]), dtype=torch.float32)

fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharey=True, layout="constrained")
for ax, (name, model) in zip(axes, models.items()):
    with torch.no_grad():
        prob = torch.sigmoid(model(points)).reshape(gx.shape).numpy()
    filled = ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    ax.contour(gx, gy, prob, levels=[0.5], colors="k", linewidths=1.5)
    for label, color in ((0, "navy"), (1, "darkred")):
        ax.plot(*X[y == label].T, ".", color=color, markersize=3)
    ax.set_title(f"nn.{name}(): {accuracy(model):.0%}")
    ax.set_xlabel(r"$x_1$")
    ax.set_aspect("equal")
axes[0].set_ylabel(r"$x_2$")
fig.colorbar(filled, ax=axes, label=r"$P(y = 1 \mid x)$", shrink=0.9)
plt.show()
