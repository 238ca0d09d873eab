r"""One record per activation: the single description the site and the tests use.

Each :class:`Activation` names a public function (its derivative is found by name:
``<name>_grad`` for an elementwise activation, ``<name>_jacobian`` for a vector-valued one), and states
the properties a reader compares activations by. Everything that can be
computed is computed rather than typed: the formulas are read from the two
``.. math::`` blocks in the function's docstring, :math:`f(0)` and
:math:`f'(0)` are evaluated, and the default parameters come from the
function's signature. The test suite checks every stated property numerically.

Vocabulary of the descriptive fields (all stated for the default parameters,
or for ``example_parameters`` where the function has required ones):

``range``
    The set of values, in LaTeX: an interval such as ``(0, 1)`` or
    ``[0, \infty)``, or a union such as ``\{v\} \cup (\theta, \infty)``. A
    parameter may appear, as in ``(-\alpha, \infty)``; other numbers are
    exact or rounded to the digits shown (the minimum of GELU is
    :math:`-0.16997\ldots`, written ``-0.170``).
``monotonic``
    Non-decreasing on the whole real line. For a vector-valued activation:
    each output is non-decreasing in its own input (for GLU, in both inputs
    that produce it).
``zero_centred``
    The function is odd, :math:`f(-x) = -f(x)`: its range is symmetric about 0
    and a distribution of inputs symmetric about 0 gives outputs with mean 0.
    ReLU-like functions that merely take both signs (Leaky ReLU, ELU, SiLU,
    ...) are not zero-centred in this sense, even where :math:`f(0) = 0`.
    Vector-valued activations are not odd.
``saturating``
    On which side the derivative tends to 0 (Gulcehre et al., "Noisy
    Activation Functions", ICML 2016): ``"no"``, ``"negative side"``
    (:math:`f'(x) \to 0` as :math:`x \to -\infty`), ``"positive side"`` or
    ``"both sides"``. For softmax and softmin: whether the Jacobian vanishes
    when one score dominates the others; for GLU: as the gate input tends to
    :math:`-\infty` (``"negative side"``).
``hard``
    How it saturates, in the terms of Gulcehre et al.: ``True`` for hard
    saturation, a derivative that is exactly 0 beyond some point (ReLU for
    :math:`x < 0`, hardtanh, ReLU6), ``False`` for soft saturation, a
    derivative that only tends to 0 (sigmoid, tanh); ``None`` for an
    activation that does not saturate.
``smoothness``
    ``"discontinuous"`` (the function jumps), ``"C0"`` (continuous,
    derivative jumps), ``"C1"`` (derivative continuous, second derivative
    jumps) or ``"C∞"`` (infinitely differentiable). Softplus is listed as
    ``"C∞"``: PyTorch's switch to the identity above ``threshold`` (see
    :func:`~activations.softplus`) is a jump of about :math:`2 \times 10^{-9}`
    that the mathematical function does not have.
``kinks``
    The points where the function is not infinitely differentiable.
``torch`` / ``torch_module``
    Dotted names of the PyTorch equivalents, if PyTorch has the activation.
``torch_expression``
    For an activation PyTorch lacks: the same function composed of torch operations, as a
    Python expression in ``x`` (e.g. ``torch.relu(x) ** 2``); the tests and the derivative
    grid compare the package with it through autograd.
``paper`` / ``year``
    A short citation (authors, venue; without the year) of the work usually
    cited for the activation in neural networks, and the year that work first
    appeared. The site prints them as "paper, year". Classic functions with
    no single introducing paper say so and cite an early standard use.
``plot_range``
    The interval of :math:`x` on which the site plots the activation, wide enough to show
    its features (ReLU6's cap at 6); (-5, 5) unless given.
``plot_inset``
    An optional zoomed view ``(x_low, x_high, y_low, y_high)`` drawn inside the plot, for a
    feature too small to see at full scale (Leaky ReLU's slope of 0.01).

Computed, for elementwise activations (``None`` for vector-valued ones):
``bounded`` (no infinite end in ``range``), ``negative_outputs`` (some :math:`f(x) < 0`),
``slope_range`` (the least and greatest :math:`f'`, from a dense grid; an infinite end
where :math:`f'` is unbounded) and ``identity_near_zero`` (:math:`f(0) = 0` and
:math:`f'(0) = 1`, so that :math:`f(x) \approx x` for small :math:`x`).

``parameter_sets``
    Non-default parameter values (each a mapping, over the defaults) that the accuracy scan
    and the accuracy tests cover besides the defaults: large and small :math:`\alpha`, other
    slopes, bounds and thresholds, GELU's tanh form.
``mpmath``
    The definition stated again, apart from the package's code, as two Python expressions
    for mpmath at 60 digits: f and f' (at kinks, autograd's convention) in ``x`` and the
    parameters' names, or, for a vector-valued activation, f and its Jacobian (flattened row
    by row) of the row ``x``, whose halves are ``a`` and ``b``. Besides mpmath's functions
    they may use a few shared definitions (``sigmoid``, ``softplus_exact``, ``gated`` ...;
    see ``activations/_reference.py``). The accuracy tests and benchmarks compare the package
    with them.
``textbook``
    The formula as a reader would type it in NumPy (f and f', or f alone for a
    vector-valued activation), in the same names; the benchmarks compare the package with it.
``example_parameters``
    Values for the parameters a function requires (PReLU's ``weight``,
    Threshold's ``threshold`` and ``value``); empty for the others. Every
    computed field and the methods :meth:`Activation.call`,
    :meth:`Activation.call_derivative` and :meth:`Activation.call_torch` use
    them.
"""

import inspect
import operator
import textwrap
import types
from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple

import numpy as np

import activations

# Where computed properties are read: every 1/1000 on [-50, 50].
_SLOPE_GRID = np.linspace(-50.0, 50.0, 100001)

__all__ = ["Activation", "CATALOGUE", "SATURATION", "SMOOTHNESS", "by_name",
           "math_blocks"]

#: The allowed values of ``Activation.saturating``.
SATURATION = ("no", "negative side", "positive side", "both sides")
#: The allowed values of ``Activation.smoothness``, from least to most smooth.
SMOOTHNESS = ("discontinuous", "C0", "C1", "C∞")


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
    range: str
    monotonic: bool
    zero_centred: bool
    saturating: str
    hard: Optional[bool]
    smoothness: str
    kinks: Tuple[float, ...]
    paper: str
    year: int
    torch: Optional[str] = None
    torch_module: Optional[str] = None
    torch_expression: Optional[str] = None
    plot_range: Tuple[float, float] = (-5.0, 5.0)
    plot_inset: Optional[Tuple[float, float, float, float]] = None
    example_parameters: Mapping = field(default_factory=dict)
    parameter_sets: Tuple[Mapping, ...] = ()
    mpmath: Tuple[str, ...] = ()
    textbook: Tuple[str, ...] = ()

    def __post_init__(self):
        if not hasattr(activations, self.name):
            raise ValueError(f"Activation {self.name!r}: the package has no function of that name")
        if not (hasattr(activations, self.name + "_grad")
                or hasattr(activations, self.name + "_jacobian")):
            raise ValueError(f"Activation {self.name!r}: the package has neither "
                             f"{self.name}_grad nor {self.name}_jacobian")
        if len(self.mpmath) != 2 or len(self.textbook) > (2 if self.elementwise else 1):
            raise ValueError(f"Activation {self.name!r}: mpmath must give two expressions "
                             "(f and its derivative or Jacobian) and textbook at most two "
                             "(one for a vector-valued activation)")
        unknown = {key for values in self.parameter_sets for key in values} - set(
            inspect.signature(self.function).parameters)
        if unknown:
            raise ValueError(f"Activation {self.name!r}: parameter_sets name parameters "
                             f"{self.name} does not have: {sorted(unknown)}")
        if self.torch and self.torch_expression:
            raise ValueError(f"Activation {self.name!r}: give torch or torch_expression, not both")
        if self.saturating not in SATURATION:
            raise ValueError(
                f"Activation {self.name!r}: saturating must be one of "
                f"{SATURATION}, got {self.saturating!r}"
            )
        if (self.hard is None) != (self.saturating == "no"):
            raise ValueError(
                f"Activation {self.name!r}: hard must be True or False for an activation "
                f"that saturates and None for one that does not, got {self.hard!r}"
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
        # A read-only view, so that the frozen record stays unchanged.
        object.__setattr__(self, "example_parameters",
                           types.MappingProxyType(dict(self.example_parameters)))

    @property
    def function(self):
        """The package's function of this name."""
        return getattr(activations, self.name)

    @property
    def elementwise(self):
        """True for an elementwise activation (its derivative is ``<name>_grad``); False for a
        vector-valued one (``<name>_jacobian``)."""
        return hasattr(activations, self.name + "_grad")

    @property
    def derivative(self):
        """``<name>_grad`` (elementwise) or ``<name>_jacobian`` (vector-valued)."""
        return getattr(activations, self.name + ("_grad" if self.elementwise else "_jacobian"))

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
        """The keyword parameters with their values (the defaults from the signature,
        updated by ``example_parameters``)."""
        signature = inspect.signature(self.function)
        values = {
            name: p.default
            for name, p in signature.parameters.items()
            if p.default is not inspect.Parameter.empty
        }
        values.update(self.example_parameters)
        return values

    def call(self, x):
        """``function(x)`` with the ``example_parameters`` (if any)."""
        return self.function(x, **self.example_parameters)

    def call_derivative(self, x):
        """``derivative(x)`` with the ``example_parameters`` (if any)."""
        return self.derivative(x, **self.example_parameters)

    @property
    def has_torch(self):
        """Whether :meth:`call_torch` can compute this activation with PyTorch."""
        return self.torch is not None or self.torch_expression is not None

    def call_torch(self, x, **params):
        """This activation computed by PyTorch on the tensor ``x``, with the same parameters.

        It calls the PyTorch equivalent ``torch`` or, for an activation PyTorch lacks,
        evaluates ``torch_expression``, a composition of torch operations written in ``x``,
        ``torch``, ``F`` (``torch.nn.functional``) and the parameters' names. ``params``
        override the defaults and ``example_parameters``. Array-valued parameters (PReLU's
        weight) become tensors of ``x``'s dtype; vector-valued activations are taken along
        the last dimension. PyTorch is imported only when this is called.
        """
        import torch

        if not self.has_torch:
            raise ValueError(f"{self.name}: PyTorch has no equivalent and the catalogue "
                             "gives no torch_expression")
        params = {
            name: (torch.as_tensor(value, dtype=x.dtype)
                   if isinstance(value, (tuple, list)) else value)
            for name, value in {**self.example_parameters, **params}.items()
        }
        if self.torch_expression:
            names = {**self.parameters, **params, "x": x, "torch": torch,
                     "F": torch.nn.functional}
            return eval(self.torch_expression, names)  # the catalogue's own text
        function = operator.attrgetter(self.torch.removeprefix("torch."))(torch)
        if not self.elementwise:
            params.setdefault("dim", -1)
        return function(x, **params)

    @property
    def bounded(self) -> Optional[bool]:
        """Whether the range has two finite ends; None if not elementwise."""
        return r"\infty" not in self.range if self.elementwise else None

    @property
    def negative_outputs(self) -> Optional[bool]:
        """Whether some output is negative; None if not elementwise."""
        if not self.elementwise:
            return None
        return bool(np.min(self.call(_SLOPE_GRID)) < 0.0)

    @property
    def slope_range(self) -> Optional[Tuple[float, float]]:
        """The least and greatest value of f' on a dense grid of [-50, 50], at the kinks and
        at +-1e6 (where soft saturation has brought f' within 1e-9 of its limit 0, which
        counts as 0), or an infinite end where f' keeps growing; None if not elementwise."""
        if not self.elementwise:
            return None
        far = self.call_derivative(np.array([-1e6, 1e6]))
        slopes = self.call_derivative(np.concatenate([_SLOPE_GRID, self.kinks, [-1e6, 1e6]]))
        slopes = np.where(np.abs(slopes) < 1e-9, 0.0, slopes)
        low = -np.inf if far.min() < -1e5 else float(slopes.min())
        high = np.inf if far.max() > 1e5 else float(slopes.max())
        return low, high

    @property
    def identity_near_zero(self) -> Optional[bool]:
        """Whether f(0) = 0 and f'(0) = 1, so that f(x) is close to x for small x; None if
        not elementwise."""
        if not self.elementwise:
            return None
        return self.value_at_zero == 0.0 and self.derivative_at_zero == 1.0

    @property
    def value_at_zero(self) -> Optional[float]:
        """:math:`f(0)` with default parameters; None if not elementwise."""
        if not self.elementwise:
            return None
        return float(self.call(0.0))

    @property
    def derivative_at_zero(self) -> Optional[float]:
        """:math:`f'(0)` with autograd's convention at kinks; None if not elementwise."""
        if not self.elementwise:
            return None
        return float(self.call_derivative(0.0))


#: Every activation of the package, in the order the site presents them.
CATALOGUE = (
    Activation(
        name="relu",
        label="ReLU",
        range=r"[0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.relu",
        torch_module="torch.nn.ReLU",
        paper="Nair & Hinton, ICML",
        year=2010,
        mpmath=(
            "max(0, x)",
            "1 if x > 0 else 0",
        ),
        textbook=(
            "np.maximum(x, 0)",
            "(x > 0).astype(x.dtype)",
        ),
    ),
    Activation(
        name="sigmoid",
        label="Sigmoid",
        range=r"(0, 1)",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.sigmoid",
        torch_module="torch.nn.Sigmoid",
        paper="Rumelhart, Hinton & Williams, Nature",
        year=1986,
        mpmath=(
            "sigmoid(x)",
            "sigmoid_grad(x)",
        ),
        textbook=(
            "sigmoid(x)",
            "sigmoid(x) * (1 - sigmoid(x))",
        ),
    ),
    Activation(
        name="tanh",
        label="Tanh",
        range=r"(-1, 1)",
        monotonic=True,
        zero_centred=True,
        saturating="both sides",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.tanh",
        torch_module="torch.nn.Tanh",
        paper="LeCun, Bottou, Orr & Müller, Efficient BackProp, in Neural Networks: "
              "Tricks of the Trade",
        year=1998,
        mpmath=(
            "tanh(x)",
            "sech(x) ** 2",
        ),
        textbook=(
            "(np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))",
            "1 - np.tanh(x) ** 2",
        ),
    ),
    Activation(
        name="relu6",
        label="ReLU6",
        range=r"[0, 6]",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=True,
        smoothness="C0",
        kinks=(0.0, 6.0),
        torch="torch.nn.functional.relu6",
        torch_module="torch.nn.ReLU6",
        paper="Krizhevsky, Convolutional Deep Belief Networks on CIFAR-10, "
              "unpublished report, University of Toronto",
        year=2010,
        plot_range=(-2.0, 8.0),  # the cap at 6
        mpmath=(
            "min(max(0, x), 6)",
            "1 if 0 < x < 6 else 0",
        ),
        textbook=(
            "np.minimum(np.maximum(x, 0), 6)",
            "((x > 0) & (x < 6)).astype(x.dtype)",
        ),
    ),
    Activation(
        name="squared_relu",
        label="Squared ReLU",
        range=r"[0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="C1",
        kinks=(0.0,),
        paper="So, Mańke, Liu, Dai, Shazeer & Le, Primer: Searching for Efficient "
              "Transformers for Language Modeling, NeurIPS",
        year=2021,
        torch_expression="torch.relu(x) ** 2",
        mpmath=(
            "max(0, x) ** 2",
            "2 * max(0, x)",
        ),
        textbook=(
            "np.maximum(x, 0) ** 2",
            "2 * np.maximum(x, 0)",
        ),
    ),
    Activation(
        name="leaky_relu",
        label="Leaky ReLU",
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="no",
        hard=None,
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.leaky_relu",
        torch_module="torch.nn.LeakyReLU",
        paper="Maas, Hannun & Ng, ICML Workshop on Deep Learning for Audio, Speech "
              "and Language Processing",
        year=2013,
        plot_inset=(-5.0, 0.5, -0.06, 0.02),  # the slope of 0.01
        parameter_sets=({"negative_slope": 0.2}, {"negative_slope": 3.0}),
        mpmath=(
            "x if x > 0 else negative_slope * x",
            "1 if x > 0 else negative_slope",
        ),
        textbook=(
            "np.where(x > 0, x, negative_slope * x)",
            "np.where(x > 0, 1, negative_slope).astype(x.dtype)",
        ),
    ),
    Activation(
        name="prelu",
        label="PReLU",
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="no",
        hard=None,
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.prelu",
        torch_module="torch.nn.PReLU",
        paper="He, Zhang, Ren & Sun, Delving Deep into Rectifiers, ICCV",
        year=2015,
        example_parameters={"weight": (0.25,)},
        parameter_sets=({"weight": (-0.1,)}, {"weight": (2.5,)}),
        mpmath=(
            "x if x > 0 else weight * x",
            "1 if x > 0 else weight",
        ),
        textbook=(
            "np.where(x > 0, x, weight * x)",
            "np.where(x > 0, 1, weight).astype(x.dtype)",
        ),
    ),
    Activation(
        name="rrelu",
        label="RReLU",
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="no",
        hard=None,
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.rrelu",
        torch_module="torch.nn.RReLU",
        paper="Xu, Wang, Chen & Li, Empirical Evaluation of Rectified Activations in "
              "Convolutional Network, arXiv:1505.00853",
        year=2015,
        parameter_sets=({"lower": 0.01, "upper": 0.05},),
        mpmath=(
            "x if x > 0 else (lower + upper) / 2 * x",
            "1 if x > 0 else (lower + upper) / 2",
        ),
        textbook=(
            "np.where(x > 0, x, (lower + upper) / 2 * x)",
            "np.where(x > 0, 1, (lower + upper) / 2).astype(x.dtype)",
        ),
    ),
    Activation(
        name="elu",
        label="ELU",
        range=r"(-\alpha, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C1",
        kinks=(0.0,),
        torch="torch.nn.functional.elu",
        torch_module="torch.nn.ELU",
        paper="Clevert, Unterthiner & Hochreiter, arXiv:1511.07289 (ICLR 2016)",
        year=2015,
        parameter_sets=({"alpha": 0.1}, {"alpha": 10.0}),
        mpmath=(
            "x if x > 0 else alpha * expm1(x)",
            "1 if x > 0 else alpha * exp(x)",
        ),
        textbook=(
            "np.where(x > 0, x, alpha * (np.exp(x) - 1))",
            "np.where(x > 0, 1, alpha * np.exp(x))",
        ),
    ),
    Activation(
        name="selu",
        label="SELU",
        range=r"(-\lambda\alpha, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C0",
        kinks=(0.0,),
        torch="torch.nn.functional.selu",
        torch_module="torch.nn.SELU",
        paper="Klambauer, Unterthiner, Mayr & Hochreiter, Self-Normalizing Neural "
              "Networks, NeurIPS",
        year=2017,
        mpmath=(
            "SELU_SCALE * (x if x > 0 else SELU_ALPHA * expm1(x))",
            "SELU_SCALE * (1 if x > 0 else SELU_ALPHA * exp(x))",
        ),
        textbook=(
            "SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * (np.exp(x) - 1))",
            "SELU_SCALE * np.where(x > 0, 1, SELU_ALPHA * np.exp(x))",
        ),
    ),
    Activation(
        name="celu",
        label="CELU",
        range=r"(-\alpha, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C1",
        kinks=(0.0,),
        torch="torch.nn.functional.celu",
        torch_module="torch.nn.CELU",
        paper="Barron, Continuously Differentiable Exponential Linear Units, "
              "arXiv:1704.07483",
        year=2017,
        parameter_sets=({"alpha": 0.1}, {"alpha": 10.0}),
        mpmath=(
            "x if x > 0 else alpha * expm1(x / alpha)",
            "1 if x > 0 else exp(x / alpha)",
        ),
        textbook=(
            "np.maximum(0, x) + np.minimum(0, alpha * (np.exp(x / alpha) - 1))",
            "np.where(x > 0, 1, np.exp(x / alpha))",
        ),
    ),
    Activation(
        name="gelu",
        label="GELU",
        range=r"[-0.170, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.gelu",
        torch_module="torch.nn.GELU",
        paper="Hendrycks & Gimpel, Gaussian Error Linear Units, arXiv:1606.08415",
        year=2016,
        parameter_sets=({"approximate": "tanh"},),
        mpmath=(
            "gelu(x, approximate)",
            "gelu_grad(x, approximate)",
        ),
        textbook=(
            "x * (1 + erf(x / 2 ** 0.5)) / 2 if approximate == 'none' else x * (1 + np.tanh((2 / "
            "np.pi) ** 0.5 * (x + 0.044715 * x ** 3))) / 2",
            "(1 + erf(x / 2 ** 0.5)) / 2 + x * np.exp(-x * x / 2) / (2 * np.pi) ** 0.5 if "
            "approximate == 'none' else (1 + np.tanh((2 / np.pi) ** 0.5 * (x + 0.044715 * x ** "
            "3))) / 2 + x / 2 * (1 - np.tanh((2 / np.pi) ** 0.5 * (x + 0.044715 * x ** 3)) ** 2) "
            "* (2 / np.pi) ** 0.5 * (1 + 3 * 0.044715 * x ** 2)",
        ),
    ),
    Activation(
        name="silu",
        label="SiLU",
        range=r"[-0.278, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.silu",
        torch_module="torch.nn.SiLU",
        # Named SiLU in the GELU paper (2016); used in reinforcement learning by Elfwing et al.
        # and found again by automated search as Swish (both 2017). Stated here only.
        paper="Hendrycks & Gimpel, arXiv:1606.08415, as SiLU; Elfwing, Uchibe & Doya, "
              "arXiv:1702.03118 (Neural Networks 2018); as Swish: Ramachandran, Zoph & Le, "
              "arXiv:1710.05941",
        year=2016,
        mpmath=(
            "x * sigmoid(x)",
            "sigmoid(x) + x * sigmoid_grad(x)",
        ),
        textbook=(
            "x / (1 + np.exp(-x))",
            "sigmoid(x) * (1 + x * (1 - sigmoid(x)))",
        ),
    ),
    Activation(
        name="mish",
        label="Mish",
        range=r"[-0.309, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.mish",
        torch_module="torch.nn.Mish",
        paper="Misra, Mish: A Self Regularized Non-Monotonic Activation Function, "
              "arXiv:1908.08681 (BMVC 2020)",
        year=2019,
        mpmath=(
            "x * tanh(softplus_exact(x))",
            "tanh(softplus_exact(x)) + x * sech(softplus_exact(x)) ** 2 * sigmoid(x)",
        ),
        textbook=(
            "x * np.tanh(np.log(1 + np.exp(x)))",
            "np.tanh(np.log(1 + np.exp(x))) + x * (1 - np.tanh(np.log(1 + np.exp(x))) ** 2) * "
            "sigmoid(x)",
        ),
    ),
    Activation(
        name="softplus",
        label="Softplus",
        range=r"(0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.softplus",
        torch_module="torch.nn.Softplus",
        paper="Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating Second-Order "
              "Functional Knowledge for Better Option Pricing, NIPS",
        year=2000,
        parameter_sets=({"beta": 0.001, "threshold": 1.0}, {"beta": 10.0, "threshold": 5.0}),
        mpmath=(
            "x if switches(x, beta, threshold) else softplus_exact(beta * x) / beta",
            "1 if switches(x, beta, threshold) else sigmoid(beta * x)",
        ),
        textbook=(
            "np.where(beta * x > threshold, x, np.log(1 + np.exp(beta * x)) / beta)",
            "np.where(beta * x > threshold, 1, sigmoid(beta * x))",
        ),
    ),
    Activation(
        name="squareplus",
        label="Squareplus",
        range=r"(0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        paper="Barron, Squareplus: A Softplus-Like Algebraic Rectifier, arXiv:2112.11687",
        year=2021,
        torch_expression="(x + torch.sqrt(x * x + b)) / 2",
        parameter_sets=({"b": 0.5}, {"b": 100.0}),
        mpmath=(
            "(x + sqrt(x * x + b)) / 2 if x >= 0 else b / (2 * (sqrt(x * x + b) - x))",
            "(1 + x / sqrt(x * x + b)) / 2 if x >= 0 else b / (2 * sqrt(x * x + b) * (sqrt(x * x "
            "+ b) - x))",
        ),
        textbook=(
            "(x + np.sqrt(x * x + b)) / 2",
            "(1 + x / np.sqrt(x * x + b)) / 2",
        ),
    ),
    Activation(
        name="sparse_plus",
        label="Sparse plus",
        range=r"[0, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="C1",
        kinks=(-1.0, 1.0),
        paper="Blondel, Martins & Niculae, Learning with Fenchel-Young Losses, "
              "arXiv:1901.02324 (JMLR 2020)",
        year=2019,
        torch_expression="torch.where(x <= -1, torch.zeros_like(x), "
                         "torch.where(x >= 1, x, (x + 1) ** 2 / 4))",
        mpmath=(
            "0 if x <= -1 else x if x >= 1 else (x + 1) ** 2 / 4",
            "0 if x <= -1 else 1 if x >= 1 else (x + 1) / 2",
        ),
        textbook=(
            "np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))",
            "np.where(x <= -1, 0, np.where(x >= 1, 1, (x + 1) / 2)).astype(x.dtype)",
        ),
    ),
    Activation(
        name="logsigmoid",
        label="LogSigmoid",
        range=r"(-\infty, 0)",
        monotonic=True,
        zero_centred=False,
        saturating="positive side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.logsigmoid",
        torch_module="torch.nn.LogSigmoid",
        paper="classic, no single introducing paper: the log-likelihood of logistic "
              "regression (Cox, The Regression Analysis of Binary Sequences, J. R. "
              "Stat. Soc. B)",
        year=1958,
        mpmath=(
            "-softplus_exact(-x)",
            "sigmoid(-x)",
        ),
        textbook=(
            "np.log(sigmoid(x))",
            "1 - sigmoid(x)",
        ),
    ),
    Activation(
        name="softsign",
        label="Softsign",
        range=r"(-1, 1)",
        monotonic=True,
        zero_centred=True,
        saturating="both sides",
        hard=False,
        smoothness="C1",
        kinks=(0.0,),
        torch="torch.nn.functional.softsign",
        torch_module="torch.nn.Softsign",
        paper="Bergstra, Desjardins, Lamblin & Bengio, Quadratic Polynomials Learn "
              "Better Image Features, Technical Report 1337, Université de Montréal; "
              "Glorot & Bengio, AISTATS 2010",
        year=2009,
        mpmath=(
            "x / (1 + abs(x))",
            "1 / (1 + abs(x)) ** 2",
        ),
        textbook=(
            "x / (1 + np.abs(x))",
            "1 / (1 + np.abs(x)) ** 2",
        ),
    ),
    Activation(
        name="hardtanh",
        label="Hardtanh",
        range=r"[-1, 1]",
        monotonic=True,
        zero_centred=True,
        saturating="both sides",
        hard=True,
        smoothness="C0",
        kinks=(-1.0, 1.0),
        torch="torch.nn.functional.hardtanh",
        torch_module="torch.nn.Hardtanh",
        paper="Collobert, Large Scale Machine Learning, PhD thesis, Université Paris "
              "VI",
        year=2004,
        parameter_sets=({"min_val": -2.0, "max_val": 3.0},),
        mpmath=(
            "min(max(min_val, x), max_val)",
            "1 if min_val < x < max_val else 0",
        ),
        textbook=(
            "np.clip(x, min_val, max_val)",
            "((x > min_val) & (x < max_val)).astype(x.dtype)",
        ),
    ),
    Activation(
        name="hardsigmoid",
        label="Hardsigmoid",
        range=r"[0, 1]",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=True,
        smoothness="C0",
        kinks=(-3.0, 3.0),
        torch="torch.nn.functional.hardsigmoid",
        torch_module="torch.nn.Hardsigmoid",
        paper="Howard et al., Searching for MobileNetV3, ICCV (this form, ReLU6(x + "
              "3)/6)",
        year=2019,
        mpmath=(
            "min(max(x / 6 + mpf(1) / 2, 0), 1)",
            "mpf(1) / 6 if -3 < x < 3 else 0",
        ),
        textbook=(
            "np.clip(x / 6 + 0.5, 0, 1)",
            "np.where((x > -3) & (x < 3), 1 / 6, 0).astype(x.dtype)",
        ),
    ),
    Activation(
        name="hardswish",
        label="Hardswish",
        range=r"[-3/8, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="C0",
        kinks=(-3.0, 3.0),
        torch="torch.nn.functional.hardswish",
        torch_module="torch.nn.Hardswish",
        paper="Howard et al., Searching for MobileNetV3, ICCV",
        year=2019,
        mpmath=(
            "x * min(max(x + 3, 0), 6) / 6",
            "0 if x <= -3 else 1 if x >= 3 else (2 * x + 3) / 6",
        ),
        textbook=(
            "x * np.clip(x + 3, 0, 6) / 6",
            "np.where(x <= -3, 0, np.where(x >= 3, 1, (2 * x + 3) / 6)).astype(x.dtype)",
        ),
    ),
    Activation(
        name="sparse_sigmoid",
        label="Sparse sigmoid",
        range=r"[0, 1]",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=True,
        smoothness="C0",
        kinks=(-1.0, 1.0),
        paper="Blondel, Martins & Niculae, Learning with Fenchel-Young Losses, "
              "arXiv:1901.02324 (JMLR 2020)",
        year=2019,
        torch_expression="(F.hardtanh(x) + 1) / 2",
        mpmath=(
            "0 if x <= -1 else 1 if x >= 1 else (x + 1) / 2",
            "mpf(1) / 2 if -1 < x < 1 else 0",
        ),
        textbook=(
            "np.clip((x + 1) / 2, 0, 1)",
            "np.where((x > -1) & (x < 1), 0.5, 0).astype(x.dtype)",
        ),
    ),
    Activation(
        name="tanhshrink",
        label="Tanhshrink",
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=True,
        saturating="no",
        hard=None,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.tanhshrink",
        torch_module="torch.nn.Tanhshrink",
        paper="no paper: a module of Torch7 (Collobert, Kavukcuoglu & Farabet, "
              "BigLearn NIPS Workshop)",
        year=2011,
        mpmath=(
            "x_minus_tanh(x)",
            "tanh(x) ** 2",
        ),
        textbook=(
            "x - np.tanh(x)",
            "np.tanh(x) ** 2",
        ),
    ),
    Activation(
        name="softshrink",
        label="Softshrink",
        range=r"(-\infty, \infty)",
        monotonic=True,
        zero_centred=True,
        saturating="no",
        hard=None,
        smoothness="C0",
        kinks=(-0.5, 0.5),
        torch="torch.nn.functional.softshrink",
        torch_module="torch.nn.Softshrink",
        paper="soft thresholding: Donoho & Johnstone, Ideal Spatial Adaptation by "
              "Wavelet Shrinkage, Biometrika",
        year=1994,
        parameter_sets=({"lambd": 2.0},),
        mpmath=(
            "x - lambd if x > lambd else x + lambd if x < -lambd else 0",
            "0 if abs(x) <= lambd else 1",
        ),
        textbook=(
            "np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0))",
            "(np.abs(x) > lambd).astype(x.dtype)",
        ),
    ),
    Activation(
        name="hardshrink",
        label="Hardshrink",
        range=r"(-\infty, -\lambda) \cup \{0\} \cup (\lambda, \infty)",
        monotonic=True,
        zero_centred=True,
        saturating="no",
        hard=None,
        smoothness="discontinuous",
        kinks=(-0.5, 0.5),
        torch="torch.nn.functional.hardshrink",
        torch_module="torch.nn.Hardshrink",
        paper="hard thresholding: Donoho & Johnstone, Ideal Spatial Adaptation by Wavelet "
              "Shrinkage, Biometrika",
        year=1994,
        parameter_sets=({"lambd": 2.0},),
        mpmath=(
            "x if abs(x) > lambd else 0",
            "0 if abs(x) <= lambd else 1",
        ),
        textbook=(
            "np.where(np.abs(x) > lambd, x, 0)",
            "(np.abs(x) > lambd).astype(x.dtype)",
        ),
    ),
    Activation(
        name="threshold",
        label="Threshold",
        range=r"\{v\} \cup (\theta, \infty)",
        monotonic=True,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="discontinuous",
        kinks=(1.0,),
        torch="torch.nn.functional.threshold",
        torch_module="torch.nn.Threshold",
        paper="no paper: a module of Torch7 (Collobert, Kavukcuoglu & Farabet, BigLearn "
              "NIPS Workshop)",
        year=2011,
        example_parameters={"threshold": 1.0, "value": 0.0},
        parameter_sets=({"threshold": -2.0, "value": -5.0},),
        mpmath=(
            "x if x > threshold else value",
            "1 if x > threshold else 0",
        ),
        textbook=(
            "np.where(x > threshold, x, value)",
            "(x > threshold).astype(x.dtype)",
        ),
    ),
    Activation(
        name="softmax",
        label="Softmax",
        range=r"(0, 1)",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.softmax",
        torch_module="torch.nn.Softmax",
        paper="Bridle, Neurocomputing (NATO ASI Series F68)",
        year=1990,
        mpmath=(
            "softmax(x)",
            "softmax_jacobian(x)",
        ),
        textbook=(
            "np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)",
        ),
    ),
    Activation(
        name="log_softmax",
        label="LogSoftmax",
        range=r"(-\infty, 0)",
        monotonic=True,
        zero_centred=False,
        saturating="no",
        hard=None,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.log_softmax",
        torch_module="torch.nn.LogSoftmax",
        paper="the logarithm of softmax (Bridle, Neurocomputing, NATO ASI Series F68); "
              "with the negative log-likelihood it gives the cross-entropy loss",
        year=1990,
        mpmath=(
            "log_softmax(x)",
            "log_softmax_jacobian(x)",
        ),
        textbook=(
            "np.log(np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True))",
        ),
    ),
    Activation(
        name="softmin",
        label="Softmin",
        range=r"(0, 1)",
        monotonic=False,
        zero_centred=False,
        saturating="both sides",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.softmin",
        torch_module="torch.nn.Softmin",
        paper="softmax of the negated scores (Bridle, Neurocomputing, NATO ASI Series F68)",
        year=1990,
        mpmath=(
            "softmax([-v for v in x])",
            "[-v for v in softmax_jacobian([-v for v in x])]",
        ),
        textbook=(
            "np.exp(-x) / np.exp(-x).sum(axis=-1, keepdims=True)",
        ),
    ),
    Activation(
        name="sparsemax",
        label="Sparsemax",
        range=r"[0, 1]",
        monotonic=True,
        zero_centred=False,
        saturating="both sides",
        hard=True,
        smoothness="C0",
        kinks=(-1.0, 1.0),  # along the plotted slice (x, 0)
        paper="Martins & Astudillo, From Softmax to Sparsemax: A Sparse Model of Attention "
              "and Multi-Label Classification, ICML",
        year=2016,
        mpmath=(
            "sparsemax(x)",
            "sparsemax_jacobian(x)",
        ),
    ),
    Activation(
        name="glu",
        label="GLU",
        range=r"(-\infty, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        torch="torch.nn.functional.glu",
        torch_module="torch.nn.GLU",
        paper="Dauphin, Fan, Auli & Grangier, Language Modeling with Gated Convolutional "
              "Networks, arXiv:1612.08083 (ICML 2017)",
        year=2016,
        mpmath=(
            "gated(a, b, 'sigmoid')",
            "gated_jacobian(a, b, 'sigmoid')",
        ),
        textbook=(
            "a * sigmoid(b)",
        ),
    ),
    Activation(
        name="reglu",
        label="ReGLU",
        range=r"(-\infty, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=True,
        smoothness="C0",
        kinks=(0.0,),
        paper="Shazeer, GLU Variants Improve Transformer, arXiv:2002.05202",
        year=2020,
        torch_expression="x.chunk(2, dim=-1)[0] * torch.relu(x.chunk(2, dim=-1)[1])",
        mpmath=(
            "gated(a, b, 'relu')",
            "gated_jacobian(a, b, 'relu')",
        ),
        textbook=(
            "a * np.maximum(b, 0)",
        ),
    ),
    Activation(
        name="geglu",
        label="GEGLU",
        range=r"(-\infty, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        paper="Shazeer, GLU Variants Improve Transformer, arXiv:2002.05202",
        year=2020,
        torch_expression="x.chunk(2, dim=-1)[0] * F.gelu(x.chunk(2, dim=-1)[1], approximate=approximate)",
        parameter_sets=({"approximate": "tanh"},),
        mpmath=(
            "gated(a, b, 'gelu', approximate=approximate)",
            "gated_jacobian(a, b, 'gelu', approximate=approximate)",
        ),
        textbook=(
            "a * b * (1 + erf(b / 2 ** 0.5)) / 2 if approximate == 'none' else a * b * (1 + "
            "np.tanh((2 / np.pi) ** 0.5 * (b + 0.044715 * b ** 3))) / 2",
        ),
    ),
    Activation(
        name="swiglu",
        label="SwiGLU",
        range=r"(-\infty, \infty)",
        monotonic=False,
        zero_centred=False,
        saturating="negative side",
        hard=False,
        smoothness="C∞",
        kinks=(),
        paper="Shazeer, GLU Variants Improve Transformer, arXiv:2002.05202",
        year=2020,
        torch_expression="x.chunk(2, dim=-1)[0] * F.silu(x.chunk(2, dim=-1)[1])",
        mpmath=(
            "gated(a, b, 'silu')",
            "gated_jacobian(a, b, 'silu')",
        ),
        textbook=(
            "a * b * sigmoid(b)",
        ),
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

