"""The test helpers themselves: every public function has a call, PyTorch's defaults are read."""

import numpy as np
import pytest

import activations
from package_calls import CALLS, WITH_TORCH, owner, torch_defaults


def test_every_public_function_has_a_call():
    assert set(CALLS) == set(activations.__all__)
    for name, (func, kwargs) in CALLS.items():
        assert func is getattr(activations, name)
        result = func(np.array([-1.0, 0.5]), **kwargs)
        assert np.all(np.isfinite(result)), name


def test_owner_is_the_longest_matching_name():
    assert owner("relu6_grad").name == "relu6"
    assert owner("prelu_weight_grad").name == "prelu"
    assert owner("log_softmax_jacobian").name == "log_softmax"


@pytest.mark.parametrize("entry", [a for a in WITH_TORCH if a.torch], ids=lambda a: a.name)
def test_torch_defaults_are_readable(entry):
    defaults = torch_defaults(entry)
    assert isinstance(defaults, dict)
    if entry.name in {"softplus", "gelu", "softshrink", "hardshrink"}:
        assert defaults, entry.name
