"""How the tests call the package and PyTorch: every public function, from the catalogue.

The catalogue is the one source: each public function takes the ``example_parameters`` of the
activation it belongs to (``prelu_grad`` and ``prelu_weight_grad`` those of ``prelu``), and the
vector-valued functions are the catalogue's. PyTorch is called through
``Activation.call_torch``, the one place that knows how.
"""

import inspect
import operator
import pathlib
import re

import numpy as np
import pytest
import torch

import activations
from activations.catalogue import CATALOGUE

PACKAGE_DIR = pathlib.Path(activations.__file__).resolve().parent

ELEMENTWISE = [a for a in CATALOGUE if a.elementwise]
VECTOR = [a for a in CATALOGUE if not a.elementwise]
WITH_TORCH = [a for a in CATALOGUE if a.has_torch]


def owner(name):
    """The catalogue entry a public function belongs to: the longest name it starts with."""
    owners = [a for a in CATALOGUE if name == a.name or name.startswith(a.name + "_")]
    return max(owners, key=lambda a: len(a.name))


#: name -> (function, keyword arguments for a valid call), for every public function.
CALLS = {name: (getattr(activations, name), dict(owner(name).example_parameters))
         for name in activations.__all__}
ALL_NAMES = sorted(CALLS)
VECTOR_NAMES = sorted(name for name in CALLS if not owner(name).elementwise)
ELEMENTWISE_NAMES = sorted(set(ALL_NAMES) - set(VECTOR_NAMES))


def call(name, x, **overrides):
    """Call the public function ``name`` on ``x`` with its example parameters."""
    func, kwargs = CALLS[name]
    return func(x, **{**kwargs, **overrides})


def jacobian_shape(name, shape):
    """The output shape of ``name`` for an input of ``shape`` (axis -1), found by calling it."""
    return np.shape(call(name, np.zeros(shape)))


def raises_cleanly(func, *args, **kwargs):
    """Call func expecting TypeError/ValueError raised from the package itself."""
    with pytest.raises((TypeError, ValueError)) as info:
        func(*args, **kwargs)
    err = info.value
    assert err.__suppress_context__ or err.__context__ is None
    last_frame = pathlib.Path(info.traceback[-1].path).resolve()
    assert PACKAGE_DIR in last_frame.parents, last_frame
    return str(err)


# --- PyTorch -------------------------------------------------------------------------------

def torch_forward(entry, x, **params):
    """The entry computed by PyTorch on the float array ``x``."""
    return entry.call_torch(torch.from_numpy(np.ascontiguousarray(x)), **params).numpy()


def torch_grad(entry, x, **params):
    """Autograd derivative of the entry's PyTorch computation at the float array ``x``."""
    t = torch.tensor(np.asarray(x), requires_grad=True)
    entry.call_torch(t, **params).sum().backward()
    return t.grad.numpy()


def torch_defaults(entry):
    """Keyword defaults of the entry's torch function, from its signature or, for builtins,
    from the signature line that opens its docstring."""
    fn = operator.attrgetter(entry.torch.removeprefix("torch."))(torch)
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
