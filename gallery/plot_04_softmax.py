r"""
Softmax
=======

Softmax turns a vector of scores (logits) into probabilities: every output is
positive and each row sums to one.

.. math::

   \mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from numpy.testing import assert_allclose, assert_array_equal

import activations

# %%
# Probabilities from logits
# -------------------------
# A batch of two samples with four classes each. ``dim=1`` normalises along
# each row, the class axis; :func:`activations.softmax` names the same axis
# ``axis=1`` as NumPy does.

logits = torch.tensor([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
probs = torch.softmax(logits, dim=1)
assert_allclose(probs.numpy(), activations.softmax(logits, axis=1), rtol=1e-6, atol=1e-12)

print(np.array2string(probs.numpy(), precision=4, floatmode="fixed", suppress_small=True))

# %%
# Rows sum to one
# ---------------
# Unlike the elementwise activations, each output depends on the whole row.

print(np.array2string(probs.sum(dim=1).numpy(), precision=4, floatmode="fixed"))

# %%
# The largest logit wins
# ----------------------
# Softmax preserves order within a row, so the most probable class is the one
# with the largest logit: class 3 (counting from 0) in both rows. The exponential also widens
# gaps, so the second row, whose top logit leads by 3, is more confident than
# the first, whose top logit leads by 2.

print(probs.argmax(dim=1).tolist())
assert_array_equal(probs.argmax(dim=1), logits.argmax(dim=1))

# %%
# Only differences matter
# -----------------------
# Adding the same constant to every logit in a row leaves the probabilities
# unchanged. Implementations use this to subtract the row maximum before
# exponentiating, so :math:`e^{z_k}` cannot overflow even for huge logits.

assert_allclose(torch.softmax(logits + 100.0, dim=1).numpy(), probs.numpy(), rtol=1e-5, atol=1e-9)
assert_allclose(activations.softmax([[1000.0, 1001.0]]), activations.softmax([[0.0, 1.0]]))

# %%
# Plotting the two rows
# ---------------------
# One panel per sample; the number above each bar is its probability.

fig, axes = plt.subplots(1, 2, figsize=(8, 3), sharey=True, layout="constrained")
classes = np.arange(logits.shape[1])
for ax, z, p in zip(axes, logits.numpy(), probs.numpy()):
    bars = ax.bar(classes, p, color="C0")
    ax.bar_label(bars, fmt="%.4f", fontsize=8)
    ax.set_xticks(classes)
    ax.set_xlabel(r"$k$")
    ax.set_title(rf"$z = ({', '.join(f'{v:g}' for v in z)})$")
axes[0].set_ylabel(r"$\mathrm{softmax}(z)_k$")
axes[0].set_ylim(0, 1.08)
plt.show()
