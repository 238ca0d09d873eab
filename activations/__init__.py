r"""Reference implementations of neural-network activation functions in NumPy.

Every activation ``f`` is named as in :mod:`torch.nn.functional` and has a
derivative: ``f_grad`` for elementwise functions (the value of
:math:`df/dx` at each point, with PyTorch's autograd convention at kinks) and
``f_jacobian`` for vector-valued ones such as softmax.

All functions accept anything :func:`numpy.asarray` accepts (numbers, lists,
arrays, CPU tensors). Integer and boolean inputs are computed in float64;
float16 and float32 inputs are computed in float64 and rounded once, so the
result keeps the input's dtype. Results are accurate to a few units in the
last place, never warn, and stay finite wherever the true value is finite.

:mod:`activations.catalogue` describes every activation once (formula, range,
monotonicity, smoothness, PyTorch equivalent, paper).
"""

__version__ = "0.1.0"

from . import _glu, _hard, _relu, _shrink, _sigmoid, _smooth, _softmax
from ._glu import *  # noqa: F403  (each family module's __all__ lists its public names)
from ._hard import *  # noqa: F403
from ._relu import *  # noqa: F403
from ._shrink import *  # noqa: F403
from ._sigmoid import *  # noqa: F403
from ._smooth import *  # noqa: F403
from ._softmax import *  # noqa: F403

#: The family modules, in the order the API reference presents them.
FAMILIES = (_relu, _smooth, _sigmoid, _hard, _shrink, _glu, _softmax)
__all__ = [name for family in FAMILIES for name in family.__all__]
