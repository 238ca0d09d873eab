r"""
Choosing an activation
======================

The output layer's activation follows from the task; the hidden layers' is a
default that well-known architectures mostly share. This page states the
rules, says which published models use what, with the source for each claim,
and checks with PyTorch everything that can be checked in code.
"""

import inspect
import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from numpy.testing import assert_allclose

import activations
from activations.catalogue import by_name

# %%
# Output layers follow the task
# -----------------------------
# The last layer turns scores into the kind of answer the task needs:
#
# * binary classification: one score and :func:`activations.sigmoid`, the
#   probability of the positive class;
# * multi-class classification (exactly one class per sample):
#   :func:`activations.softmax` over the class axis;
# * multi-label classification (any number of classes per sample): a sigmoid
#   on each score, independently;
# * regression: no activation at all (the identity), so any real value can be
#   predicted.
#
# In PyTorch the output activation usually lives inside the loss during
# training: ``nn.BCEWithLogitsLoss`` applies the sigmoid and
# ``nn.CrossEntropyLoss`` the softmax, in a numerically stable form, so the
# model returns raw scores (logits). The checks below confirm that each loss
# equals the explicit activation followed by the plain loss.

torch.manual_seed(16)
scores = torch.randn(6, dtype=torch.float64)
labels = torch.randint(0, 2, (6,)).double()
assert_allclose(nn.BCEWithLogitsLoss()(scores, labels).item(),
                nn.BCELoss()(torch.sigmoid(scores), labels).item(), rtol=1e-12)

class_scores = torch.randn(6, 5, dtype=torch.float64)
classes = torch.randint(0, 5, (6,))
assert_allclose(nn.CrossEntropyLoss()(class_scores, classes).item(),
                nn.NLLLoss()(torch.log_softmax(class_scores, dim=1), classes).item(), rtol=1e-12)
print("BCEWithLogitsLoss = sigmoid + BCELoss; CrossEntropyLoss = log_softmax + NLLLoss")

# %%
# Hidden layers: ReLU by default
# ------------------------------
# For hidden layers ReLU (:func:`activations.relu`) is the usual default: it
# is cheap and does not saturate for positive inputs. Nair & Hinton
# introduced it to neural networks ("Rectified Linear Units Improve
# Restricted Boltzmann Machines", ICML 2010); Glorot, Bordes & Bengio showed
# that deep rectifier networks train well without unsupervised pre-training
# ("Deep Sparse Rectifier Neural Networks", AISTATS 2011); and AlexNet
# (Krizhevsky, Sutskever & Hinton, "ImageNet Classification with Deep
# Convolutional Neural Networks", NeurIPS 2012) made it the standard in
# vision. If many units stop learning because their input
# is never positive, Leaky ReLU (:func:`activations.leaky_relu`) or ELU
# (:func:`activations.elu`) keep a gradient for negative inputs.
# Transformers use smooth relatives of ReLU: GELU in BERT and GPT, and in most
# large language models since 2022 a gated block, SwiGLU or GEGLU, in which
# the SiLU or the GELU of one projection multiplies another; both are
# described below. Sigmoid and tanh are rare in hidden layers of deep feed-forward
# networks because they saturate on both sides, but they are essential inside
# recurrent cells.

grid = torch.linspace(-3, 3, 61, dtype=torch.float64)
assert_allclose(F.relu(grid).numpy(), activations.relu(grid), rtol=0, atol=0)
assert_allclose(F.leaky_relu(grid).numpy(), activations.leaky_relu(grid), rtol=1e-15, atol=0)
assert_allclose(F.elu(grid).numpy(), activations.elu(grid), rtol=1e-14, atol=0)

# %%
# LSTM: sigmoid gates, tanh for the cell
# --------------------------------------
# An LSTM cell (Hochreiter & Schmidhuber, "Long Short-Term Memory", Neural
# Computation 9(8), 1997) controls its memory with gates that must lie
# between 0 and 1, so they are sigmoids. The values written into and read out
# of the cell are squashed by centred sigmoids; the original paper scales
# them to :math:`[-2, 2]` and :math:`[-1, 1]`, and a sigmoid centred on
# :math:`[-1, 1]` is exactly a tanh: :math:`2\sigma(x) - 1 = \tanh(x/2)`.
# Today's LSTM, with the forget gate of Gers, Schmidhuber & Cummins
# ("Learning to Forget: Continual Prediction with LSTM", Neural Computation
# 12(10), 2000), uses tanh itself. ``torch.nn.LSTM`` computes, with
# :math:`u = W_{i} x + b_{i} + W_{h} h + b_{h}` split into four blocks:
#
# .. math::
#
#    i = \sigma(u_1), \quad f = \sigma(u_2), \quad g = \tanh(u_3), \quad o = \sigma(u_4)
#
#    c' = f \odot c + i \odot g, \qquad h' = o \odot \tanh(c')
#
# We reproduce one step by hand from the module's weights, with
# :func:`activations.sigmoid` and :func:`activations.tanh`.

x_grid = np.linspace(-6, 6, 121)
assert_allclose(2 * activations.sigmoid(x_grid) - 1, activations.tanh(x_grid / 2), atol=1e-15)

lstm = nn.LSTM(input_size=3, hidden_size=4, dtype=torch.float64)
x = torch.randn(1, 1, 3, dtype=torch.float64)
h0 = torch.randn(1, 1, 4, dtype=torch.float64)
c0 = torch.randn(1, 1, 4, dtype=torch.float64)
with torch.no_grad():
    _, (h1, c1) = lstm(x, (h0, c0))

u = (lstm.weight_ih_l0 @ x[0, 0] + lstm.bias_ih_l0
     + lstm.weight_hh_l0 @ h0[0, 0] + lstm.bias_hh_l0).detach().numpy()
u_i, u_f, u_g, u_o = np.split(u, 4)
i, f, g, o = (activations.sigmoid(u_i), activations.sigmoid(u_f),
              activations.tanh(u_g), activations.sigmoid(u_o))
c_next = f * c0[0, 0].numpy() + i * g
h_next = o * activations.tanh(c_next)
assert_allclose(c_next, c1[0, 0].numpy(), rtol=1e-12)
assert_allclose(h_next, h1[0, 0].numpy(), rtol=1e-12)
print("h' =", np.array2string(h_next, precision=4))

# %%
# The Transformer: ReLU
# ---------------------
# The position-wise feed-forward block of the original Transformer is
# :math:`\max(0, x W_1 + b_1) W_2 + b_2`, a ReLU between two linear maps
# (Vaswani et al., "Attention Is All You Need", NeurIPS 2017,
# arXiv:1706.03762). PyTorch's ``nn.TransformerEncoderLayer`` and
# ``nn.TransformerDecoderLayer`` follow the paper: their ``activation``
# argument defaults to ReLU and also accepts ``"gelu"``.

for layer_class in (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer):
    assert inspect.signature(layer_class).parameters["activation"].default is F.relu
assert nn.TransformerEncoderLayer(d_model=8, nhead=2).activation is F.relu
assert nn.TransformerEncoderLayer(d_model=8, nhead=2, activation="gelu").activation is F.gelu
print(nn.TransformerEncoderLayer(d_model=8, nhead=2).activation.__name__)

# %%
# BERT and GPT: GELU
# ------------------
# GPT (Radford et al., "Improving Language Understanding by Generative
# Pre-Training", OpenAI, 2018) and BERT (Devlin et al., "BERT: Pre-training
# of Deep Bidirectional Transformers for Language Understanding",
# arXiv:1810.04805, 2018; NAACL 2019) replaced the Transformer's ReLU with
# GELU (Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)",
# arXiv:1606.08415, 2016): :math:`x \Phi(x)`, where :math:`\Phi` is the
# standard normal CDF. Their released code computes the tanh approximation,
# which ``F.gelu(x, approximate="tanh")`` and :func:`activations.gelu` also
# provide:
#
# .. math::
#
#    \mathrm{GELU}(x) = \frac{x}{2}\Bigl(1 + \mathrm{erf}\bigl(x / \sqrt{2}\bigr)\Bigr)
#    \approx \frac{x}{2}\Bigl(1 + \tanh\bigl(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\bigr)\Bigr)

xs = torch.linspace(-5, 5, 201, dtype=torch.float64)
gelu_exact = np.array([v / 2 * (1 + math.erf(v / math.sqrt(2))) for v in xs.tolist()])
gelu_tanh = xs.numpy() / 2 * (1 + activations.tanh(math.sqrt(2 / math.pi)
                                                   * (xs.numpy() + 0.044715 * xs.numpy() ** 3)))
assert_allclose(F.gelu(xs).numpy(), gelu_exact, rtol=1e-14, atol=1e-15)
assert_allclose(F.gelu(xs, approximate="tanh").numpy(), gelu_tanh, rtol=1e-14, atol=1e-15)
assert_allclose(activations.gelu(xs), gelu_exact, rtol=1e-14, atol=1e-15)
assert_allclose(activations.gelu(xs, approximate="tanh"), gelu_tanh, rtol=1e-14, atol=1e-15)
print(f"max |exact - tanh approximation| = {np.abs(gelu_exact - gelu_tanh).max():.1e}")

# %%
# Large language models: SwiGLU and GEGLU
# ---------------------------------------
# PaLM (Chowdhery et al., arXiv:2204.02311, 2022), LLaMA (Touvron et al.,
# arXiv:2302.13971, 2023), Mistral 7B and Qwen compute their feed-forward
# block as :math:`\bigl(x W_3 \otimes \mathrm{SiLU}(x W_1)\bigr) W_2`: SwiGLU,
# one of the gated variants Shazeer compared ("GLU Variants Improve
# Transformer", arXiv:2002.05202, 2020). T5 v1.1 and Gemma (Gemma Team,
# arXiv:2403.08295, 2024) gate with GELU instead: GEGLU. PyTorch has no module
# for either; a model multiplies ``F.silu`` or ``F.gelu`` of one projection by
# another, which is what :func:`activations.swiglu` and
# :func:`activations.geglu` compute on the two halves of their input. The
# gated block has three weight matrices instead of two, so its hidden layer is
# cut to 2/3 of the usual size;
# :ref:`sphx_glr_auto_examples_tutorials_plot_18_gated_feed_forward.py`
# explains why, derives the gate's derivative and trains both kinds of block.

halves = torch.randn(4, 6, dtype=torch.float64)
value, gate = halves.chunk(2, dim=-1)
assert_allclose(activations.swiglu(halves), (value * F.silu(gate)).numpy(), rtol=1e-14, atol=1e-16)
assert_allclose(activations.geglu(halves, approximate="tanh"),
                (value * F.gelu(gate, approximate="tanh")).numpy(), rtol=1e-14, atol=1e-16)
print("swiglu:", np.array2string(activations.swiglu(halves)[0], precision=4))

# %%
# MobileNetV3: hard-swish
# -----------------------
# SiLU is :math:`x\,\sigma(x)`, also called Swish; it was proposed more than
# once, and the catalogue's record of who did so is printed below. MobileNetV3 (Howard et al., "Searching for MobileNetV3", ICCV 2019,
# arXiv:1905.02244) replaces the sigmoid by a piecewise-linear one that is
# cheap on phones, :math:`\mathrm{ReLU6}(x + 3)/6`, giving hard-swish. It
# uses hard-swish in the first layer and in the deeper half of the network,
# and ReLU in the early bottleneck layers. ``F.silu`` and ``F.hardswish``
# implement the two, as do :func:`activations.silu` and
# :func:`activations.hardswish`.

assert_allclose(F.silu(xs).numpy(), xs.numpy() * activations.sigmoid(xs.numpy()), rtol=1e-14, atol=1e-15)
assert_allclose(F.hardswish(xs).numpy(), xs.numpy() * np.clip(xs.numpy() + 3, 0, 6) / 6, rtol=1e-14, atol=0)
assert_allclose(activations.silu(xs), xs.numpy() * activations.sigmoid(xs.numpy()), rtol=1e-14, atol=1e-15)
assert_allclose(activations.hardswish(xs), xs.numpy() * np.clip(xs.numpy() + 3, 0, 6) / 6, rtol=1e-14, atol=0)
print(f"max |silu - hardswish| = {(F.silu(xs) - F.hardswish(xs)).abs().max().item():.3f}")
silu_origin = by_name("silu")
print(f"SiLU: {silu_origin.paper}, {silu_origin.year}")

# %%
# YOLO: Leaky ReLU with slope 0.1, then SiLU
# ------------------------------------------
# YOLO (Redmon, Divvala, Girshick & Farhadi, "You Only Look Once: Unified,
# Real-Time Object Detection", CVPR 2016, arXiv:1506.02640) uses a linear
# final layer and Leaky ReLU with slope 0.1 everywhere else. That is ten
# times PyTorch's default of 0.01, so in PyTorch the slope must be passed
# explicitly. YOLOv2 (Redmon & Farhadi, "YOLO9000: Better, Faster,
# Stronger", CVPR 2017) and YOLOv3 (Redmon & Farhadi, "YOLOv3: An
# Incremental Improvement", arXiv:1804.02767, 2018) keep the same leaky
# activation in their Darknet networks. Later detectors moved on:
# Ultralytics' YOLOv5 and YOLOv8 code (software releases without a paper)
# uses SiLU in its standard convolution block.

assert nn.LeakyReLU().negative_slope == 0.01
yolo_leaky = nn.LeakyReLU(negative_slope=0.1)
assert_allclose(yolo_leaky(xs).numpy(), activations.leaky_relu(xs.numpy(), negative_slope=0.1), rtol=1e-15)
print(yolo_leaky(torch.tensor([-10.0, 10.0])), nn.LeakyReLU()(torch.tensor([-10.0, 10.0])))

# %%
# Summary
# -------
# Each row: where the activation sits, which function it is, the PyTorch
# call that computes it, and the source. Every PyTorch call in the table was
# checked above when this page was built; the attributions are those of the
# papers and code cited.

rows = [
    ("output, binary", "sigmoid", "torch.sigmoid / nn.BCEWithLogitsLoss", ""),
    ("output, multi-class", "softmax", "torch.softmax / nn.CrossEntropyLoss", ""),
    ("output, regression", "identity", "-", ""),
    ("hidden, default", "ReLU", "F.relu", "Nair & Hinton 2010; Glorot et al. 2011"),
    ("LSTM gates i, f, o", "sigmoid", "torch.sigmoid", "Hochreiter & Schmidhuber 1997; Gers et al. 2000"),
    ("LSTM cell input, output", "tanh", "torch.tanh", "Hochreiter & Schmidhuber 1997; Gers et al. 2000"),
    ("Transformer FFN", "ReLU", "F.relu", "Vaswani et al. 2017"),
    ("GPT, BERT", "GELU", 'F.gelu(x, approximate="tanh")', "Radford et al. 2018; Devlin et al. 2018"),
    ("PaLM, LLaMA, Mistral, Qwen FFN", "SwiGLU", "a * F.silu(b)", "Shazeer 2020; Chowdhery et al. 2022"),
    ("T5 v1.1, Gemma FFN", "GEGLU", 'a * F.gelu(b, approximate="tanh")', "Shazeer 2020; Gemma Team 2024"),
    ("MobileNetV3", "hard-swish, ReLU", "F.hardswish, F.relu", "Howard et al. 2019"),
    ("Swish / SiLU", "x * sigmoid(x)", "F.silu", f"as printed above, from {silu_origin.year}"),
    ("YOLOv1-v3", "Leaky ReLU 0.1", "F.leaky_relu(x, 0.1)", "Redmon et al. 2016-2018"),
    ("YOLOv5, YOLOv8", "SiLU", "F.silu", "Ultralytics code"),
]
widths = [max(len(row[k]) for row in rows) for k in range(4)]
for row in rows:
    print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())

# %%
# The hidden-layer activations side by side
# -----------------------------------------
# ReLU, Leaky ReLU with YOLO's slope, and the smooth functions that replaced
# ReLU in Transformers and mobile networks. GELU and SiLU dip slightly below 0
# for negative inputs and are smooth at 0; hard-swish follows SiLU closely
# with only linear pieces and a parabola.

fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
curves = {
    r"$\mathrm{ReLU}$": F.relu(xs),
    r"$\mathrm{LeakyReLU}_{0.1}$": F.leaky_relu(xs, 0.1),
    r"$\mathrm{GELU}$": F.gelu(xs),
    r"$\mathrm{SiLU}$": F.silu(xs),
    r"$\mathrm{hardswish}$": F.hardswish(xs),
}
for (label, values), style in zip(curves.items(), ("-", "--", "-", "-", ":")):
    ax.plot(xs.numpy(), values.numpy(), style, label=label)
ax.axhline(0, color="0.85", linewidth=0.8)
ax.set_xlim(-4, 3)
ax.set_ylim(-0.6, 3)
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$f(x)$")
ax.legend()
plt.show()
