r"""
Logistic regression by hand
===========================

.. index::
   !single: logistic regression
   !single: logit model
   !single: binary cross-entropy

Logistic regression is a single neuron with a sigmoid output, trained with the
binary cross-entropy loss. We derive its gradient with the chain rule, check
the result against PyTorch's autograd, and then train it with a few steps of
gradient descent written out in full.

.. math::

   z = w^\top x + b, \qquad a = \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad
   L(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr)
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

# %%
# The data
# --------
# Two clouds of points in the plane drawn from Gaussians centred at
# :math:`(-1, -1)` and :math:`(1.5, 1)`: 70 points with label :math:`y = 0`
# and 50 with label :math:`y = 1`.

rng = np.random.default_rng(15)
X = np.vstack([rng.normal([-1.0, -1.0], 1.0, size=(70, 2)),
               rng.normal([1.5, 1.0], 1.0, size=(50, 2))])
y = np.concatenate([np.zeros(70), np.ones(50)])
print(X.shape, y.shape)

# %%
# The derivative of the sigmoid
# -----------------------------
# Differentiating :math:`\sigma(z) = (1 + e^{-z})^{-1}` gives
#
# .. math::
#
#    \sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}
#               = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}
#               = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).
#
# :func:`activations.sigmoid_grad` computes it; autograd agrees.

z = (torch.arange(-60, 61, dtype=torch.float64) / 10).requires_grad_()
torch.sigmoid(z).sum().backward()
s = activations.sigmoid(z.detach())
assert_allclose(z.grad.numpy(), s * (1 - s), rtol=1e-12, atol=1e-15)
assert_allclose(z.grad.numpy(), activations.sigmoid_grad(z.detach()), rtol=1e-12, atol=1e-15)
print(f"max sigma'(z) = {z.grad.max().item():.4f} at z = {z[z.grad.argmax()].item():g}")

# %%
# The gradient with respect to :math:`z`
# --------------------------------------
# By the chain rule, :math:`\partial L / \partial z = (\partial L / \partial a)(\partial a / \partial z)`.
# The first factor comes from the two logarithms, the second is
# :math:`\sigma'(z) = a(1 - a)`, and the product collapses:
#
# .. math::
#
#    \frac{\partial L}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}
#
#    \frac{\partial L}{\partial z}
#      = \Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)\, a (1 - a)
#      = -y (1 - a) + (1 - y)\, a
#      = a - y
#
# The error of the prediction is the gradient. We check it with autograd on
# random logits and labels, using ``F.binary_cross_entropy`` as the loss.

torch.manual_seed(15)
logits = torch.randn(10, dtype=torch.float64, requires_grad=True)
labels = torch.randint(0, 2, (10,)).double()
F.binary_cross_entropy(torch.sigmoid(logits), labels, reduction="sum").backward()
a = activations.sigmoid(logits.detach())
assert_allclose(logits.grad.numpy(), a - labels.numpy(), rtol=1e-12, atol=1e-15)
print(np.array2string(logits.grad.numpy(), precision=3))
print(np.array2string(a - labels.numpy(), precision=3))

# %%
# The gradients of the weights and the bias
# -----------------------------------------
# Since :math:`z = w_1 x_1 + w_2 x_2 + b`, one more application of the chain
# rule gives :math:`\partial L / \partial w_j = (a - y)\, x_j` and
# :math:`\partial L / \partial b = a - y`. For the mean loss over :math:`N`
# samples we average:
#
# .. math::
#
#    dw = \frac{1}{N} X^\top (a - y), \qquad db = \frac{1}{N} \sum_i (a_i - y_i)


def loss_and_gradients(w, b):
    """Mean binary cross-entropy and its gradients, by hand."""
    a = activations.sigmoid(X @ w + b)
    loss = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    return loss, X.T @ (a - y) / len(y), np.mean(a - y)


def autograd_gradients(w, b):
    """The same three numbers from PyTorch's autograd."""
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    z = torch.from_numpy(X) @ w_t + b_t
    loss = F.binary_cross_entropy_with_logits(z, torch.from_numpy(y))
    loss.backward()
    return loss.item(), w_t.grad.numpy(), b_t.grad.item()


w_try, b_try = rng.normal(size=2), 0.3
for by_hand, autograd in zip(loss_and_gradients(w_try, b_try), autograd_gradients(w_try, b_try)):
    assert_allclose(by_hand, autograd, rtol=1e-12)
loss, dw, db = loss_and_gradients(w_try, b_try)
print(f"L = {loss:.6f}  dw = ({dw[0]:.6f}, {dw[1]:.6f})  db = {db:.6f}")

# %%
# Gradient descent, step by step
# ------------------------------
# Start from :math:`w = 0`, :math:`b = 0` and repeat, with learning rate
# :math:`\alpha`:
#
# .. math::
#
#    w := w - \alpha \, dw, \qquad b := b - \alpha \, db
#
# Each parameter is updated with its own gradient: the bias with :math:`db`,
# starting from the old bias. At every step the hand gradients are compared
# with autograd, and the loss must go down.

alpha = 0.5
w, b = np.zeros(2), 0.0
losses, boundaries = [], []
for step in range(12):
    loss, dw, db = loss_and_gradients(w, b)
    auto_loss, auto_dw, auto_db = autograd_gradients(w, b)
    assert_allclose([loss, *dw, db], [auto_loss, *auto_dw, auto_db], rtol=1e-12, atol=1e-15)
    losses.append(loss)
    boundaries.append((w.copy(), b))
    print(f"step {step:2d}  loss {loss:.4f}  w = ({w[0]:+.3f}, {w[1]:+.3f})  b = {b:+.3f}")
    w = w - alpha * dw
    b = b - alpha * db

assert np.all(np.diff(losses) < 0), "the loss must decrease at every step"
assert_allclose(losses[0], np.log(2), rtol=1e-15)  # a = 1/2 everywhere at the start
accuracy = np.mean((X @ w + b > 0) == (y == 1))
print(f"accuracy after {len(losses)} steps: {accuracy:.3f}")
assert accuracy > 0.85

# %%
# The decision boundary
# ---------------------
# The model predicts class 1 where :math:`w^\top x + b > 0`; the decision
# boundary is the line :math:`w^\top x + b = 0`. Left: the boundary after
# steps :math:`t = 1, 3, 11`. Right: the loss at each step :math:`t`,
# starting from :math:`\log 2`, the loss of a model that answers
# :math:`1/2` everywhere.

fig, (ax_data, ax_loss) = plt.subplots(1, 2, figsize=(8, 3.5), layout="constrained")
ax_data.scatter(*X[y == 0].T, s=12, marker="o", color="C0", label=r"$y = 0$")
ax_data.scatter(*X[y == 1].T, s=12, marker="^", color="C1", label=r"$y = 1$")
x1 = np.array([X[:, 0].min(), X[:, 0].max()])
for step, shade in zip((1, 3, 11), ("0.75", "0.5", "0.0")):
    (w1, w2), b_step = boundaries[step]
    ax_data.plot(x1, -(w1 * x1 + b_step) / w2, color=shade, label=rf"$t = {step}$")
ax_data.set_ylim(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
ax_data.set_xlabel(r"$x_1$")
ax_data.set_ylabel(r"$x_2$")
ax_data.legend(fontsize=8)
ax_loss.plot(range(len(losses)), losses, "o-")
ax_loss.set_xlabel(r"$t$")
ax_loss.set_ylabel(r"$L$")
plt.show()
