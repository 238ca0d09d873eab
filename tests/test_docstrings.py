"""Every public function documents itself the way the API reference and the catalogue need."""

import doctest
import inspect
import re

import pytest

import activations
from activations.catalogue import CATALOGUE

PUBLIC = [getattr(activations, name) for name in activations.__all__ if callable(getattr(activations, name))]


@pytest.mark.parametrize("function", PUBLIC, ids=lambda f: f.__name__)
def test_public_function_has_numpydoc_sections_and_doctested_examples(function):
    doc = inspect.getdoc(function)
    for section in ("Parameters", "Returns", "Examples"):
        assert f"\n{section}\n{'-' * len(section)}\n" in doc, f"{function.__name__}: no {section}"
    examples = doctest.DocTestParser().get_examples(doc.split("Examples\n--------\n", 1)[1])
    assert len(examples) >= 2, f"{function.__name__}: Examples has {len(examples)} doctests"


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.name)
def test_activation_examples_cover_the_limits(entry):
    """The doctests of f show what happens at -inf, 0 and inf (not for vector-valued ones)."""
    doc = inspect.getdoc(entry.function).split("Examples\n--------\n", 1)[1]
    sources = " ".join(ex.source for ex in doctest.DocTestParser().get_examples(doc))
    for name, limit in (("-inf", r"-np\.inf"), ("0", r"(?<![\w.])0\.?0*(?![\w.])"),
                        ("inf", r"(?<!-)np\.inf")):
        assert re.search(limit, sources), f"{entry.name}: no doctest evaluates it at {name}"
    assert entry.formula and entry.derivative_formula
