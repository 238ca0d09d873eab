"""Every public function documents itself the way the API reference and the catalogue need."""

import doctest
import inspect
import re

import pytest

import activations
import activations.catalogue
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


def _all_math(doc):
    """Every LaTeX fragment of a docstring: ``:math:`...``` roles and ``.. math::`` blocks."""
    from activations.catalogue import math_blocks
    inline = re.findall(r":math:`([^`]+)`", doc)
    return inline + math_blocks(doc)


DOCUMENTED = PUBLIC + [activations, activations.catalogue]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda f: getattr(f, "__name__", str(f)))
def test_every_formula_converts_to_mathml(obj):
    """The site renders math with docutils' LaTeX-to-MathML converter; it must accept each formula."""
    from docutils.utils.math.latex2mathml import tex2mathml
    fragments = _all_math(inspect.getdoc(obj) or "")
    if obj in PUBLIC and obj.__name__ in {e.name for e in CATALOGUE}:
        assert fragments, obj.__name__
    for latex in fragments:
        tex2mathml(" ".join(latex.split()))


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.name)
def test_catalogue_strings_convert_to_mathml(entry):
    from docutils.utils.math.latex2mathml import tex2mathml
    for latex in (entry.formula, entry.derivative_formula, entry.range):
        tex2mathml(latex)
