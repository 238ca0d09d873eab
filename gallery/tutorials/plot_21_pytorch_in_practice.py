r"""
Activations in PyTorch, in practice
===================================

PyTorch offers most activations three ways: as a module, as a function, and
as a ``torch`` operation. This page shows when each fits, what
``inplace=True`` saves and when autograd refuses it (with the real error
messages), and how activations behave in float16 and bfloat16.
"""

import textwrap

import mpmath
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from numpy.testing import assert_allclose, assert_array_equal

import activations

# %%
# Module, function or ``torch`` operation
# ---------------------------------------
# ``nn.ReLU()`` is a module: it can sit in ``nn.Sequential``, it shows up
# when the model is printed, and hooks can be attached to it.
# ``F.relu`` is the function the module calls, handy inside a ``forward``
# method. ``torch.relu`` (and the method ``Tensor.relu``) is the operation
# itself. All three give the same numbers. A module also holds its
# parameters: ``nn.LeakyReLU(0.1)`` keeps its slope, and ``nn.PReLU`` owns a
# learnable weight, which ``F.prelu`` must be handed every time.
#
# Not every activation exists in all three forms: ``torch.sigmoid`` and
# ``torch.tanh`` do, but GELU and SiLU are only ``F.gelu`` / ``nn.GELU`` and
# ``F.silu`` / ``nn.SiLU``.

x = torch.linspace(-3, 3, 13, dtype=torch.float64)
for values in (nn.ReLU()(x), F.relu(x), torch.relu(x), x.relu()):
    assert_array_equal(values.numpy(), activations.relu(x))
assert_allclose(nn.LeakyReLU(0.1)(x).numpy(), F.leaky_relu(x, 0.1).numpy(), rtol=0)

model = nn.Sequential(nn.Linear(3, 4), nn.PReLU(), nn.Linear(4, 1))
print(model)
prelu = model[1]
print("PReLU's parameter:", [name for name, _ in prelu.named_parameters()], prelu.weight.item())
x32 = x.float()
assert torch.equal(prelu(x32), F.prelu(x32, prelu.weight))
assert_allclose(prelu(x32).detach().numpy(), activations.prelu(x32, prelu.weight.detach()), rtol=1e-7)
forms = {name: hasattr(torch, name) for name in ("relu", "sigmoid", "tanh", "gelu", "silu")}
print("torch.<name> exists:", forms)
assert forms == {"relu": True, "sigmoid": True, "tanh": True, "gelu": False, "silu": False}

# %%
# ``inplace=True`` and when autograd refuses it
# ---------------------------------------------
# ``nn.ReLU(inplace=True)``, ``F.relu(x, inplace=True)`` and ``torch.relu_``
# overwrite their input instead of allocating a new tensor, which saves
# memory in large networks. After a ``nn.Linear`` layer this is safe: the
# layer's backward pass does not need its own output, and the gradients are
# the same as without ``inplace``.

torch.manual_seed(21)
layer, inputs = nn.Linear(5, 5), torch.randn(8, 5)
gradients = []
for inplace in (False, True):
    layer.zero_grad()
    F.relu(layer(inputs), inplace=inplace).sum().backward()
    gradients.append(layer.weight.grad.clone())
assert torch.equal(*gradients)

# %%
# Autograd refuses in two cases, and says so. First, when the backward pass
# needs the tensor that was overwritten: the sigmoid's derivative is computed
# from its output, :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`, so
# overwriting that output breaks the backward pass. Every tensor carries a
# version counter; autograd notices that it changed and stops. Second, when
# the tensor is a leaf that requires a gradient, such as a parameter.


def error_of(code):
    """Run the snippet; return the message of the RuntimeError it raises."""
    try:
        code()
    except RuntimeError as error:
        return str(error)
    raise AssertionError("no error")


def overwrite_the_sigmoids_output():
    x = torch.randn(4, requires_grad=True)
    y = torch.sigmoid(x)
    F.relu(y, inplace=True)
    y.sum().backward()


def overwrite_a_leaf():
    weight = torch.randn(3, requires_grad=True)
    torch.relu_(weight)


for snippet in (overwrite_the_sigmoids_output, overwrite_a_leaf):
    message = error_of(snippet)
    print(f"{snippet.__name__}:\n" + textwrap.fill(message, 88, initial_indent="  ",
                                                   subsequent_indent="  "))
assert "modified by an inplace operation" in error_of(overwrite_the_sigmoids_output)
assert "leaf Variable that requires grad" in error_of(overwrite_a_leaf)

# %%
# The fix is to drop ``inplace`` where it meets such an operation, or to
# ``clone()`` first. Inside ``torch.no_grad()`` (inference), nothing is
# recorded and in-place operations are always allowed.

x = torch.randn(4, requires_grad=True)
y = torch.sigmoid(x)
F.relu(y.clone(), inplace=True).sum().backward()
assert_allclose(x.grad.numpy(), activations.sigmoid_grad(x.detach().numpy()), rtol=1e-6)
with torch.no_grad():
    torch.relu_(torch.sigmoid(x))

# %%
# float16 and bfloat16
# --------------------
# The two 16-bit formats trade differently: float16 keeps 11 significant bits
# but overflows above 65504 and is subnormal below :math:`6.1 \times 10^{-5}`;
# bfloat16 keeps float32's range but only 8 significant bits. So
# :math:`e^{12}` is already infinite in float16, the sigmoid of :math:`-20`
# (about :math:`2 \times 10^{-9}`) underflows to 0 in float16 but not in
# bfloat16, and every bfloat16 result carries only two or three correct
# decimal digits.

finfo = {dtype: torch.finfo(dtype) for dtype in (torch.float16, torch.bfloat16)}
for dtype, info in finfo.items():
    print(f"{str(dtype):>14}: max {info.max:.4g}, smallest normal {info.tiny:.3g}, "
          f"eps {info.eps:.3g}")
assert torch.isinf(torch.exp(torch.tensor(12.0, dtype=torch.float16)))
assert torch.sigmoid(torch.tensor(-20.0, dtype=torch.float16)) == 0
assert torch.sigmoid(torch.tensor(-20.0, dtype=torch.bfloat16)) > 0
logits = torch.tensor([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
for dtype in (torch.float32, torch.float16, torch.bfloat16):
    row = torch.softmax(logits.to(dtype), dim=-1)[1].float().numpy()
    print(f"{str(dtype):>14}: softmax of [5, -6, 7, 10] = {np.array2string(row, precision=5)}")

# %%
# How close to the exact values?
# ------------------------------
# Every finite float16 number in :math:`[-20, 20]` (39426 of them), through
# PyTorch's float16 kernels and through :mod:`activations`, which computes in
# float64 and rounds once. Where the two disagree, mpmath (30 digits, then
# rounded to float16) decides which is right.

every = np.arange(2**16, dtype=np.uint16).view(np.float16)
every = every[np.isfinite(every) & (np.abs(every) <= 20)]
assert len(every) == 39426
as_tensor = torch.from_numpy(every.copy())
MPMATH = {"sigmoid": lambda v: 1 / (1 + mpmath.exp(-v)),
          "tanh": mpmath.tanh,
          "gelu": lambda v: v * mpmath.ncdf(v),
          "silu": lambda v: v / (1 + mpmath.exp(-v))}
TORCH = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "gelu": F.gelu, "silu": F.silu}
mpmath.mp.dps = 30
print(f"{len(every)} float16 inputs")
for name, reference in MPMATH.items():
    theirs = TORCH[name](as_tensor).numpy()
    ours = getattr(activations, name)(every)
    assert ours.dtype == np.float16
    differ = np.flatnonzero(theirs != ours)
    exact = np.array([float(reference(mpmath.mpf(float(v)))) for v in every[differ]],
                     dtype=np.float64).astype(np.float16)
    ours_right = int((ours[differ] == exact).sum())
    theirs_right = int((theirs[differ] == exact).sum())
    print(f"{name:>8}: {len(differ):3d} differ; exact: ours {ours_right}, PyTorch's {theirs_right}")
    assert ours_right == len(differ)

# %%
# bfloat16 is where :mod:`activations` differs from PyTorch in kind: NumPy
# has no bfloat16 type, so the package refuses such a tensor with a message
# that says what to do, instead of guessing. Convert to float32 first, and
# back if needed.

try:
    activations.sigmoid(torch.tensor([1.0], dtype=torch.bfloat16))
except TypeError as error:
    print(textwrap.fill(f"TypeError: {error}", 88))
half = torch.tensor([-2.0, 0.0, 2.0], dtype=torch.bfloat16)
back = torch.from_numpy(activations.sigmoid(half.float())).to(torch.bfloat16)
assert torch.equal(back, torch.sigmoid(half))
print("via float32:", back)
