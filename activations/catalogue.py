r"""One record per activation: the single description the site and the tests use.

Each :class:`Activation` names a public function and its derivative, and states
the properties a reader compares activations by. Everything that can be
computed is computed rather than typed: the formulas are read from the two
``.. math::`` blocks in the function's docstring, :math:`f(0)` and
:math:`f'(0)` are evaluated, and the default parameters come from the
function's signature. The test suite checks every stated property numerically.

Vocabulary of the descriptive fields:

``range``
    The set of values for the default parameters, in LaTeX interval notation
    such as ``(0, 1)`` or ``[0, \infty)``; a parameter may appear, as in
    ``(-\alpha, \infty)``.
``monotonic``
    Non-decreasing on the whole real line. For a vector-valued activation:
    each output is non-decreasing in its own input.
``zero_centred``
    :math:`f(0) = 0` and the function takes both signs, so outputs of a layer
    can average to 0.
``saturating``
    On which side the derivative tends to 0 (Gulcehre et al., "Noisy
    Activation Functions", ICML 2016): ``"no"``, ``"negative side"``
    (:math:`f'(x) \to 0` as :math:`x \to -\infty`), ``"positive side"`` or
    ``"both sides"``. For a vector-valued activation: the Jacobian vanishes
    when one score dominates the others.
``smoothness``
    ``"C0"`` (continuous, derivative jumps), ``"C1"`` (derivative continuous,
    second derivative jumps) or ``"C∞"`` (infinitely differentiable), for the
    default parameters.
``kinks``
    The points where the function is not infinitely differentiable.
``torch`` / ``torch_module``
    Dotted names of the PyTorch equivalents.
``paper`` / ``year``
    A short citation (authors, venue; without the year) of the work usually
    cited for the activation in neural networks, and the year that work first
    appeared. The site prints them as "paper, year".
"""

import inspect
import textwrap
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from ._relu import elu, elu_grad, leaky_relu, leaky_relu_grad, relu, relu_grad
from ._sigmoid import sigmoid, sigmoid_grad, tanh, tanh_grad
from ._softmax import softmax, softmax_jacobian

__all__ = ["Activation", "CATALOGUE", "SATURATION", "SMOOTHNESS", "by_name",
           "math_blocks"]

#: The allowed values of ``Activation.saturating``.
SATURATION = ("no", "negative side", "positive side", "both sides")
#: The allowed values of ``Activation.smoothness``.
SMOOTHNESS = ("C0", "C1", "C∞")


def math_blocks(doc):
    r"""The contents of the ``.. math::`` directives in a docstring, in order.

    Directive options (``:label:`` ...) are dropped and the LaTeX is dedented.

    Examples
    --------
    >>> from activations.catalogue import math_blocks
    >>> math_blocks('''Summary.
    ...
    ... .. math::
    ...
    ...     f(x) = x^2
    ... ''')
    ['f(x) = x^2']
    """
    lines = inspect.cleandoc(doc or "").splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if not stripped.startswith(".. math::"):
            continue
        indent = len(line) - len(line.lstrip())
        body = []
        inline = stripped[len(".. math::"):].strip()
        if inline:
            body.append(" " * (indent + 4) + inline)
        while i < len(lines) and (
            not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent
        ):
            body.append(lines[i])
            i += 1
        text = textwrap.dedent("\n".join(body)).strip("\n")
        latex = [row for row in text.splitlines() if not row.startswith(":")]
        blocks.append("\n".join(latex).strip())
    return blocks


@dataclass(frozen=True)
class Activation:
    r"""Description of one activation function (see the module docstring).

    Examples
    --------
    >>> from activations.catalogue import by_name
    >>> relu = by_name("relu")
    >>> print(relu.label, relu.range, relu.smoothness, sep=" | ")
    ReLU | [0, \infty) | C0
    >>> print(relu.formula)
    \mathrm{ReLU}(x) = \max(0, x)
    >>> print(relu.value_at_zero, relu.derivative_at_zero)
    0.0 0.0
    """

    name: str
    label: str
    function: Callable
    derivative: Callable
    elementwise: bool
    range: str
    monotonic: bool
    zero_centred: bool
    saturating: str
    smoothness: str
    kinks: Tuple[float, ...]
    torch: str
    torch_module: str
    paper: str
    year: int

    def __post_init__(self):
        if self.saturating not in SATURATION:
            raise ValueError(
                f"Activation {self.name!r}: saturating must be one of "
                f"{SATURATION}, got {self.saturating!r}"
            )
        if self.smoothness not in SMOOTHNESS:
            raise ValueError(
                f"Activation {self.name!r}: smoothness must be one of "
                f"{SMOOTHNESS}, got {self.smoothness!r}"
            )
        blocks = math_blocks(self.function.__doc__)
        if len(blocks) != 2:
            raise ValueError(
                f"Activation {self.name!r}: the docstring of {self.function.__name__} "
                f"must contain exactly two '.. math::' blocks, found {len(blocks)}"
            )

    @property
    def formula(self):
        """The definition in LaTeX, read from the first ``.. math::`` block of the docstring."""
        return math_blocks(self.function.__doc__)[0]

    @property
    def derivative_formula(self):
        """The derivative in LaTeX, read from the second ``.. math::`` block."""
        return math_blocks(self.function.__doc__)[1]

    @property
    def parameters(self):
        """Keyword parameters and their defaults, read from the signature."""
        signature = inspect.signature(self.function)
        return {
            name: p.default
            for name, p in signature.parameters.items()
            if p.default is not inspect.Parameter.empty
        }

    @property
    def value_at_zero(self) -> Optional[float]:
        """:math:`f(0)` with default parameters; None if not elementwise."""
        if not self.elementwise:
            return None
        return float(self.function(0.0))

    @property
    def derivative_at_zero(self) -> Optional[float]:
        """:math:`f'(0)` with autograd's convention at kinks; None if not elementwise."""
        if not self.elementwise:
            return None
        return float(self.derivative(0.0))


#: Every activation of the package, in the order the site presents them.
CATALOGUE = (
    Activation(
        name="relu",
        label="ReLU",
        function=relu,
        derivative=relu_grad,
        elementwise=True,
        range=r"[0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.relu",
        torch_module="torch.nn.ReLU",
        paper="Nair & Hinton, ICML",
        year=2010,
    ),
    Activation(
        name="sigmoid",
        label="Sigmoid",
        function=sigmoid,
        derivative=sigmoid_grad,
        elementwise=True,
        range=r"(0, 1)",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        smoothness="C∞",
        kinks=(),
        torch="torch.sigmoid",
        torch_module="torch.nn.Sigmoid",
        paper="Rumelhart, Hinton & Williams, Nature",
        year=1986,
    ),
    Activation(
        name="tanh",
        label="Tanh",
        function=tanh,
        derivative=tanh_grad,
        elementwise=True,
        range=r"(-1, 1)",
        monotonic=True,
        zero_centred=True,
        saturating="both sides",
        smoothness="C∞",
        kinks=(),
        torch="torch.tanh",
        torch_module="torch.nn.Tanh",
        paper="LeCun, Bottou, Orr & Müller, Efficient BackProp, in "
              "Neural Networks: Tricks of the Trade",
        year=1998,
    ),
    Activation(
        name="leaky_relu",
        label="Leaky ReLU",
        function=leaky_relu,
        derivative=leaky_relu_grad,
        elementwise=True,
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=True,
        saturating="no",
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.leaky_relu",
        torch_module="torch.nn.LeakyReLU",
        paper="Maas, Hannun & Ng, ICML Workshop on Deep Learning for Audio, "
              "Speech and Language Processing",
        year=2013,
    ),
    Activation(
        name="elu",
        label="ELU",
        function=elu,
        derivative=elu_grad,
        elementwise=True,
        range=r"(-\alpha, \infty)",
        monotonic=True,
        zero_centred=True,
        saturating="negative side",
        smoothness="C1",
        kinks=(0.0,),
        torch="torch.nn.functional.elu",
        torch_module="torch.nn.ELU",
        paper="Clevert, Unterthiner & Hochreiter, arXiv:1511.07289 (ICLR 2016)",
        year=2015,
    ),
    Activation(
        name="softmax",
        label="Softmax",
        function=softmax,
        derivative=softmax_jacobian,
        elementwise=False,
        range=r"(0, 1)",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.softmax",
        torch_module="torch.nn.Softmax",
        paper="Bridle, Neurocomputing (NATO ASI Series F68)",
        year=1990,
    ),
)

_BY_NAME = {activation.name: activation for activation in CATALOGUE}


def by_name(name):
    """The catalogue entry for the function called ``name``.

    Raises
    ------
    KeyError
        If no activation has that name; the message lists the known names.

    Examples
    --------
    >>> from activations.catalogue import by_name
    >>> by_name("leaky_relu").torch
    'torch.nn.functional.leaky_relu'
    """
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_BY_NAME))
        raise KeyError(
            f"by_name: no activation named {name!r}; known names: {known}"
        ) from None

