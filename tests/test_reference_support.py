"""Shared helpers for the tests of the reference package: how to call every public function.

Most public functions take an input and optional parameters; a few need more
(PReLU's weight, Threshold's threshold and value). ``CALLS`` says, for every
name in ``activations.__all__``, which keyword arguments make a valid call;
the robustness tests are parametrised over it, so a new public function is
tested as soon as it is listed here (a test below fails until it is).
"""

import inspect
import operator
import re

import numpy as np
import pytest
import torch

import activations
from activations.catalogue import CATALOGUE

ELEMENTWISE = [a for a in CATALOGUE if a.elementwise]
VECTOR = [a for a in CATALOGUE if not a.elementwise]


# Required parameters of the functions whose catalogue entry (if any) does not
# provide them.
REQUIRED = {"weight": (0.25,), "threshold": 1.0, "value": 0.0}


def _calls():
    calls = {}
    for name in activations.__all__:
        func = getattr(activations, name)
        required = [p for p in inspect.signature(func).parameters.values()
                    if p.default is inspect.Parameter.empty][1:]
        calls[name] = (func, {p.name: REQUIRED[p.name] for p in required})
    for entry in CATALOGUE:
        for func in (entry.function, entry.derivative):
            calls[func.__name__] = (func, dict(entry.example_parameters))
    return calls


#: name -> (function, keyword arguments for a valid call), for every public function.
CALLS = _calls()
ALL_NAMES = sorted(CALLS)
VECTOR_FUNCTIONS = {"softmax", "log_softmax", "softmin", "glu"}
ELEMENTWISE_NAMES = sorted(name for name in CALLS
                           if not name.endswith("_jacobian") and name not in VECTOR_FUNCTIONS)
VECTOR_NAMES = sorted(set(ALL_NAMES) - set(ELEMENTWISE_NAMES))


def call(name, x, **overrides):
    """Call the public function ``name`` on ``x`` with its example parameters."""
    func, kwargs = CALLS[name]
    return func(x, **{**kwargs, **overrides})


def jacobian_shape(name, shape):
    """The output shape of ``name`` for an input of ``shape`` (axis -1)."""
    if name.endswith("_jacobian"):
        n = shape[-1]
        out = n // 2 if name == "glu_jacobian" else n
        return shape[:-1] + (out, n)
    if name == "glu":
        return shape[:-1] + (shape[-1] // 2,)
    return shape


# --------------------------------------------------------------------------
# PyTorch
# --------------------------------------------------------------------------


def torch_function(entry):
    return operator.attrgetter(entry.torch.removeprefix("torch."))(torch)


def torch_grad(entry, x, **params):
    """Autograd derivative of the entry's torch function at the float array ``x``."""
    t = torch.tensor(np.asarray(x), requires_grad=True)
    kwargs = {**entry.example_parameters, **params}
    kwargs = {k: (torch.as_tensor(v, dtype=t.dtype) if isinstance(v, (tuple, list)) else v)
              for k, v in kwargs.items()}
    torch_function(entry)(t, **kwargs).sum().backward()
    return t.grad.numpy()


def torch_forward(entry, x, **params):
    t = torch.from_numpy(np.ascontiguousarray(x))
    kwargs = {**entry.example_parameters, **params}
    kwargs = {k: (torch.as_tensor(v, dtype=t.dtype) if isinstance(v, (tuple, list)) else v)
              for k, v in kwargs.items()}
    if not entry.elementwise:
        kwargs.setdefault("dim", -1)
    return torch_function(entry)(t, **kwargs).numpy()


def torch_defaults(entry):
    """Keyword defaults of the torch function, from its signature or, for builtins,
    from the signature line that opens its docstring."""
    fn = torch_function(entry)
    try:
        signature = inspect.signature(fn)
        return {name: p.default for name, p in signature.parameters.items()
                if p.default is not inspect.Parameter.empty}
    except ValueError:
        first = fn.__doc__.strip().splitlines()[0]
        arguments = re.search(r"\((.*)\)", first)[1]
        defaults = {}
        for part in arguments.split(","):
            if "=" in part:
                key, value = (s.strip() for s in part.split("="))
                defaults[key] = eval(value, {})  # literals such as 0.5 or 'none'
        return defaults


# --------------------------------------------------------------------------
# Checks of the helpers
# --------------------------------------------------------------------------


def test_every_public_function_has_a_call():
    assert set(CALLS) == set(activations.__all__)
    for name, (func, kwargs) in CALLS.items():
        assert func is getattr(activations, name)
        result = func(np.array([-1.0, 0.5]), **kwargs)
        assert np.all(np.isfinite(result)), name


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda a: a.name)
def test_torch_defaults_are_readable(entry):
    defaults = torch_defaults(entry)
    assert isinstance(defaults, dict)
    if entry.name in {"softplus", "gelu", "softshrink", "hardshrink"}:
        assert defaults, entry.name
