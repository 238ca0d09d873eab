r"""
Gated feed-forward blocks: SwiGLU and GEGLU
===========================================

Most large language models since 2022 replace the Transformer's
feed-forward block :math:`f(x W_1) W_2` by a gated one, in which an activation
of one projection multiplies another projection. This page computes such a
block, explains why its hidden size is cut to 2/3, derives the gate's
derivative, and trains a GELU block and a SwiGLU block of the same size on
the same small task.

.. math::

   \mathrm{FFN}_{\mathrm{SwiGLU}}(x) = \bigl(x W_3 \otimes \mathrm{SiLU}(x W_1)\bigr) W_2
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations

torch.set_num_threads(1)  # tiny models: threads only add overhead

# %%
# Two blocks side by side
# -----------------------
# The feed-forward block of the original Transformer maps a token's vector
# :math:`x` of size :math:`d` to a hidden layer of size :math:`h`, applies
# the activation, and maps back: two weight matrices, :math:`W_1` of shape
# :math:`d \times h` and :math:`W_2` of shape :math:`h \times d`. A block of
# the GLU family (Shazeer, "GLU Variants Improve Transformer",
# arXiv:2002.05202, 2020) has a third matrix :math:`W_3`: the hidden layer is
# the product of a linear projection and an activated one. With SiLU as the
# activation it is SwiGLU, with GELU GEGLU, with ReLU ReGLU, and with the
# sigmoid the original gated linear unit of Dauphin et al. ("Language
# Modeling with Gated Convolutional Networks", ICML 2017).
#
# In PyTorch both blocks are a few ``nn.Linear`` layers. Large models leave
# out the biases, and so do we.


class GELUBlock(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.w1 = nn.Linear(d, h, bias=False)
        self.w2 = nn.Linear(h, d, bias=False)

    def forward(self, x):
        return self.w2(F.gelu(self.w1(x)))


class SwiGLUBlock(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.w1 = nn.Linear(d, h, bias=False)  # the gate's projection
        self.w3 = nn.Linear(d, h, bias=False)  # the value's projection
        self.w2 = nn.Linear(h, d, bias=False)

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


# %%
# :func:`activations.swiglu` takes both projections as one vector, split in
# two halves :math:`(a, b)`, and returns :math:`a \otimes \mathrm{SiLU}(b)`:
# the value first, the gate second, as ``torch.nn.functional.glu`` orders
# them. Concatenating :math:`x W_3` and :math:`x W_1` in that order gives the
# block's hidden layer, and the block's output agrees with the module's.

torch.manual_seed(0)
d, h = 8, 16
block = SwiGLUBlock(d, h).double()
x = torch.randn(5, d, dtype=torch.float64)
with torch.no_grad():
    both = torch.cat([block.w3(x), block.w1(x)], dim=-1)  # (a, b): value, gate
    by_hand = activations.swiglu(both) @ block.w2.weight.numpy().T
    assert_allclose(by_hand, block(x).numpy(), rtol=1e-12, atol=1e-15)
print("hidden layer:", tuple(both.shape), "->", activations.swiglu(both).shape)

# %%
# Why the hidden size is 2/3 of the usual
# ---------------------------------------
# The plain block has :math:`2dh` weights, the gated one :math:`3dh'`. They
# are equal when :math:`h' = 2h/3`. With the usual :math:`h = 4d`, the gated
# block's hidden size is :math:`8d/3`. Shazeer's comparison did exactly this
# (3072 hidden units for the plain blocks, 2048 for the gated ones), and so do
# LLaMA (Touvron et al., arXiv:2302.13971, 2023) and Qwen (Bai et al., "Qwen
# Technical Report", arXiv:2309.16609, 2023). LLaMA's code then rounds
# :math:`8d/3` up to a multiple of 256: for :math:`d = 4096` (LLaMA 7B) that
# gives the 11008 of its published configuration.


def parameters(module):
    return sum(p.numel() for p in module.parameters())


d = 96
plain, gated = GELUBlock(d, 4 * d), SwiGLUBlock(d, 2 * 4 * d // 3)
print(f"d = {d}: GELU block h = {4 * d}, {parameters(plain)} weights; "
      f"SwiGLU block h = {2 * 4 * d // 3}, {parameters(gated)} weights")
assert parameters(plain) == parameters(gated) == 2 * d * 4 * d

d, multiple_of = 4096, 256
hidden = 2 * (4 * d) // 3
hidden = multiple_of * math.ceil(hidden / multiple_of)
assert hidden == 11008  # LLaMA 7B's published intermediate size
print(f"LLaMA 7B: 8d/3 = {8 * d / 3:.1f}, rounded up to a multiple of {multiple_of}: {hidden}; "
      f"weights {3 * d * hidden / (2 * d * 4 * d):.4f} times a 4d GELU block's")

# %%
# The gate's derivative
# ---------------------
# Each output :math:`y_i = a_i\,g(b_i)` depends on two inputs only, its value
# :math:`a_i` and its gate input :math:`b_i`:
#
# .. math::
#
#    \frac{\partial y_i}{\partial a_i} = g(b_i), \qquad
#    \frac{\partial y_i}{\partial b_i} = a_i\, g'(b_i), \qquad
#    \mathrm{SiLU}'(b) = \sigma(b)\bigl(1 + b\,(1 - \sigma(b))\bigr).
#
# So the value's gradient is the gate itself, and the gate's gradient is
# scaled by the value. :func:`activations.swiglu_jacobian` returns every
# partial derivative; autograd computes the same matrix.

torch.manual_seed(1)
pair = torch.randn(2 * 4, dtype=torch.float64)
jacobian = activations.swiglu_jacobian(pair.numpy())
autograd = torch.autograd.functional.jacobian(
    lambda v: v[:4] * F.silu(v[4:]), pair)
assert_allclose(jacobian, autograd.numpy(), rtol=1e-13, atol=1e-16)
a, b = pair[:4].numpy(), pair[4:].numpy()
assert_allclose(np.diag(jacobian[:, :4]), activations.silu(b), rtol=1e-15)
assert_allclose(np.diag(jacobian[:, 4:]), a * activations.silu_grad(b), rtol=1e-15)
print("Jacobian", jacobian.shape, "nonzero entries:", np.count_nonzero(jacobian))

# %%
# The four gates differ in how the gradient reaches the gate input. The
# sigmoid's slope is at most 1/4 and vanishes on both sides, so a GLU gate
# that is fully open or fully shut stops learning. SiLU and GELU gates keep a
# slope near 1 for large positive inputs and even exceed 1 just before: SiLU'
# peaks where :math:`b \tanh(b/2) = 2` (set its second derivative to 0),
# GELU' at :math:`b = \sqrt{2}` (where :math:`\varphi(b)(2 - b^2) = 0`). Only
# for negative inputs do they saturate, softly; the ReLU gate's slope is 0
# there exactly.



def bisect(function, low, high):
    """The root of an increasing `function` between `low` and `high`."""
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if function(middle) < 0 else (low, middle)
    return low


grid = np.linspace(-6, 6, 120001)
peaks = {"SiLU": (activations.silu_grad, bisect(lambda v: v * math.tanh(v / 2) - 2, 1.0, 4.0)),
         "GELU": (activations.gelu_grad, math.sqrt(2))}
for name, (slope, peak) in peaks.items():
    assert abs(grid[slope(grid).argmax()] - peak) < 2e-4, name
    print(f"{name}' is largest at b = {peak:.4f}: {slope(peak):.4f}")
assert activations.sigmoid_grad(0.0) == 0.25 and activations.relu_grad(-1e-300) == 0

fig, (values_ax, slopes_ax) = plt.subplots(1, 2, figsize=(8, 3.2), layout="constrained")
b = torch.linspace(-5, 5, 401, dtype=torch.float64)
ones = torch.ones_like(b)
gates = {  # the output for the input (a, b) = (1, b) is the gate g(b)
    r"GLU: $\sigma$": (activations.glu, activations.glu_jacobian),
    r"ReGLU: ReLU": (activations.reglu, activations.reglu_jacobian),
    r"GEGLU: GELU": (activations.geglu, activations.geglu_jacobian),
    r"SwiGLU: SiLU": (activations.swiglu, activations.swiglu_jacobian),
}
inputs = torch.stack([ones, b], dim=-1).numpy()
for label, (gate, jacobian_of) in gates.items():
    values_ax.plot(b, gate(inputs)[:, 0], label=label)
    slopes_ax.plot(b, jacobian_of(inputs)[:, 0, 1], label=label)
assert_allclose(activations.swiglu(inputs)[:, 0], F.silu(b).numpy(), rtol=1e-15)
assert_allclose(activations.geglu_jacobian(inputs)[:, 0, 1],
                activations.gelu_grad(b.numpy()), rtol=1e-15)
values_ax.set_title(r"$g(b)$")
slopes_ax.set_title(r"$g'(b)$")
for ax in (values_ax, slopes_ax):
    ax.axhline(0, color="0.85", linewidth=0.8)
    ax.set_xlabel(r"$b$")
slopes_ax.legend(fontsize=8)
plt.show()

# %%
# A small, honest experiment
# --------------------------
# Does the gate help? We train a GELU block with :math:`h = 48` and a SwiGLU
# block with :math:`h = 32` on the same task: both have exactly 1536 weights
# for :math:`d = 16`. The task is regression onto a fixed random network with
# a tanh hidden layer (a function neither block computes exactly): 512
# training points, 2048 test points, full-batch Adam with the learning rate
# 0.01 for 300 steps. The error is the mean squared error divided by the
# targets' variance, so 1 is what predicting the mean would give. Four seeds,
# each drawing a new task and new weights; both blocks see the same ones.

d, steps = 16, 300
sizes = {"GELU": (GELUBlock, 48), "SwiGLU": (SwiGLUBlock, 32)}
assert len({parameters(cls(d, h)) for cls, h in sizes.values()}) == 1


def task(seed):
    generator = torch.Generator().manual_seed(seed)
    teacher_in = torch.randn(d, 64, generator=generator) / math.sqrt(d)
    teacher_out = torch.randn(64, d, generator=generator) / 8
    points = torch.randn(512 + 2048, d, generator=generator)
    targets = torch.tanh(points @ teacher_in) @ teacher_out
    return points[:512], targets[:512], points[512:], targets[512:]


def relative_error(model, points, targets):
    with torch.no_grad():
        return (F.mse_loss(model(points), targets) / targets.var()).item()


results = {name: [] for name in sizes}
for seed in range(4):
    train_x, train_y, test_x, test_y = task(100 + seed)
    for name, (cls, h) in sizes.items():
        torch.manual_seed(seed)
        model = cls(d, h)
        optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
        for _ in range(steps):
            optimiser.zero_grad()
            F.mse_loss(model(train_x), train_y).backward()
            optimiser.step()
        results[name].append((relative_error(model, train_x, train_y),
                              relative_error(model, test_x, test_y)))

print("seed   GELU train / test   SwiGLU train / test")
for seed, (gelu, swiglu) in enumerate(zip(results["GELU"], results["SwiGLU"])):
    print(f"{seed:4d}   {gelu[0]:.3f} / {gelu[1]:.3f}       {swiglu[0]:.3f} / {swiglu[1]:.3f}")
test = {name: np.array([run[1] for run in runs]) for name, runs in results.items()}
print(f"mean test error: GELU {test['GELU'].mean():.3f}, SwiGLU {test['SwiGLU'].mean():.3f}")

# %%
# What the experiment shows
# -------------------------
# On this task the GELU block wins on every seed, on the training points and
# on the test points, by a wide margin. That is the measurement, and it does
# not contradict the papers: Shazeer's gated blocks gained a few percent in
# perplexity in language-model pre-training at the scale of T5, after tens of
# thousands of steps, and that is where the models below adopted them. A
# tiny regression problem, trained for 300 steps, measures something else.
# The gate is no free improvement; whether it helps is an empirical question
# of the task and the scale.

assert all(test["GELU"] < test["SwiGLU"]) and test["SwiGLU"].mean() > 2 * test["GELU"].mean()
assert all(g[0] < s[0] for g, s in zip(results["GELU"], results["SwiGLU"]))

# %%
# Which models use which block
# ----------------------------
# The published models below state their feed-forward activation in their
# paper or in their released configuration (``hidden_act``, or T5's
# ``feed_forward_proj``):
#
# * ReLU: the Transformer (Vaswani et al., arXiv:1706.03762, 2017) and T5
#   (Raffel et al., JMLR 2020).
# * GELU, without a gate: GPT (Radford et al., 2018), BERT (Devlin et al.,
#   arXiv:1810.04805) and GPT-2 (Radford et al., 2019).
# * GEGLU: T5 v1.1 (Google's released checkpoints of 2020, ``gated-gelu``)
#   and Gemma (Gemma Team, arXiv:2403.08295, 2024), which uses the tanh
#   approximation of GELU in its gate.
# * SwiGLU: PaLM (Chowdhery et al., arXiv:2204.02311, 2022), LLaMA and
#   Llama 2 (Touvron et al., arXiv:2302.13971 and arXiv:2307.09288, 2023),
#   Mistral 7B (Jiang et al., arXiv:2310.06825, 2023; ``hidden_act`` is
#   ``silu`` with gate, up and down projections) and Qwen (Bai et al.,
#   arXiv:2309.16609, 2023).
#
# None of these blocks is a PyTorch module: a model writes them with
# ``nn.Linear`` and ``F.silu`` or ``F.gelu``, as above. Porting weights
# needs care with the halves: :func:`activations.swiglu` and
# ``torch.nn.functional.glu`` gate the first half by the second, LLaMA's code
# computes ``silu(w1(x)) * w3(x)``, the gate first.

rows = [
    ("Transformer, T5", "ReLU", "max(0, xW1) W2"),
    ("GPT, BERT, GPT-2", "GELU", "gelu(xW1) W2"),
    ("T5 v1.1, Gemma", "GEGLU", "(gelu(xW1) * xW3) W2"),
    ("PaLM, LLaMA, Mistral, Qwen", "SwiGLU", "(silu(xW1) * xW3) W2"),
]
widths = [max(len(row[k]) for row in rows) for k in range(3)]
for row in rows:
    print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
