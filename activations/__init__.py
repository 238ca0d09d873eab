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

from ._relu import elu, elu_grad, leaky_relu, leaky_relu_grad, relu, relu_grad
from ._sigmoid import sigmoid, sigmoid_grad, tanh, tanh_grad
from ._softmax import softmax, softmax_jacobian

__all__ = [
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "elu",
    "elu_grad",
    "softmax",
    "softmax_jacobian",
]
