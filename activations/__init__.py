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

from ._glu import glu, glu_jacobian
from ._hard import (hardsigmoid, hardsigmoid_grad, hardswish, hardswish_grad, hardtanh,
                    hardtanh_grad)
from ._relu import (celu, celu_grad, elu, elu_grad, leaky_relu, leaky_relu_grad, prelu,
                    prelu_grad, prelu_weight_grad, relu, relu6, relu6_grad, relu_grad,
                    rrelu, rrelu_grad, selu, selu_grad)
from ._shrink import (hardshrink, hardshrink_grad, softshrink, softshrink_grad,
                      tanhshrink, tanhshrink_grad, threshold, threshold_grad)
from ._sigmoid import sigmoid, sigmoid_grad, tanh, tanh_grad
from ._smooth import (gelu, gelu_grad, logsigmoid, logsigmoid_grad, mish, mish_grad, silu,
                      silu_grad, softplus, softplus_grad, softsign, softsign_grad)
from ._softmax import (log_softmax, log_softmax_jacobian, softmax, softmax_jacobian, softmin,
                       softmin_jacobian)

__all__ = [
    "relu", "relu_grad",
    "relu6", "relu6_grad",
    "leaky_relu", "leaky_relu_grad",
    "prelu", "prelu_grad", "prelu_weight_grad",
    "rrelu", "rrelu_grad",
    "elu", "elu_grad",
    "selu", "selu_grad",
    "celu", "celu_grad",
    "gelu", "gelu_grad",
    "silu", "silu_grad",
    "mish", "mish_grad",
    "softplus", "softplus_grad",
    "softsign", "softsign_grad",
    "sigmoid", "sigmoid_grad",
    "tanh", "tanh_grad",
    "hardtanh", "hardtanh_grad",
    "hardsigmoid", "hardsigmoid_grad",
    "hardswish", "hardswish_grad",
    "logsigmoid", "logsigmoid_grad",
    "tanhshrink", "tanhshrink_grad",
    "softshrink", "softshrink_grad",
    "hardshrink", "hardshrink_grad",
    "threshold", "threshold_grad",
    "glu", "glu_jacobian",
    "softmax", "softmax_jacobian",
    "log_softmax", "log_softmax_jacobian",
    "softmin", "softmin_jacobian",
]
