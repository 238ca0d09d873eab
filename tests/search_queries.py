"""The search quality set: queries as readers type them, each with the page the reader means.

Written before any tuning of the search, from the readers' vocabulary: the seed posts
(../shared/seeds/), the glossary and ../shared/terms.md, the names and aliases of the functions
in PyTorch, JAX and Keras, and the questions students ask. A query is never added after making it
pass. The page is a path in the built site of that language; "#activations.relu_grad" stands for
the page that documents that function, wherever the API reference puts it.

tests/test_search.py measures the share of queries whose page is among the first three results
and the mean reciprocal rank (MRR), per language; benchmarks/search.py prints the same figures.
"""

FUNCTIONS = "activations/"
EXAMPLES = "auto_examples/"
TUTORIALS = "auto_examples/tutorials/"
WHY = TUTORIALS + "plot_11_why_nonlinearity.html"
VANISHING = TUTORIALS + "plot_12_vanishing_gradients.html"
DEAD = TUTORIALS + "plot_13_dead_relu.html"
SOFTMAX_DEPTH = TUTORIALS + "plot_14_softmax_in_depth.html"
LOGISTIC_REGRESSION = TUTORIALS + "plot_15_logistic_regression.html"
CHOOSING = TUTORIALS + "plot_16_choosing_an_activation.html"
ERRATA = TUTORIALS + "plot_17_errata.html"
SATURATION = TUTORIALS + "plot_19_saturation.html"  # written after the set: its own page now
FIRST_THREE = EXAMPLES + "plot_01_relu_sigmoid_tanh.html"
DERIVATIVES = EXAMPLES + "plot_05_derivatives.html"
STABILITY = EXAMPLES + "plot_06_numerical_stability.html"
COMPARED = FUNCTIONS + "index.html"


def function(name):
    return f"{FUNCTIONS}{name}.html"


# (query, page)
ENGLISH = [
    # names, aliases and framework spellings of the functions
    ("relu", function("relu")),
    ("rectifier", function("relu")),
    ("rectified linear unit", function("relu")),
    ("ramp function", function("relu")),
    ("nn.ReLU", function("relu")),
    ("sigmoid", function("sigmoid")),
    ("logistic function", function("sigmoid")),
    ("logistic", function("sigmoid")),
    ("torch.sigmoid", function("sigmoid")),
    ("tanh", function("tanh")),
    ("hyperbolic tangent", function("tanh")),
    ("swish", function("silu")),
    ("silu", function("silu")),
    ("jax.nn.swish", function("silu")),
    ("soft ReLU", function("softplus")),
    ("softplus", function("softplus")),
    ("smooth approximation of relu", function("softplus")),
    ("gelu", function("gelu")),
    ("gaussian error linear unit", function("gelu")),
    ("gelu tanh approximation", function("gelu")),
    ("leaky relu negative slope", function("leaky_relu")),
    ("nn.LeakyReLU", function("leaky_relu")),
    ("parametric relu", function("prelu")),
    ("randomized leaky relu", function("rrelu")),
    ("exponential linear unit", function("elu")),
    ("continuously differentiable exponential linear unit", function("celu")),
    ("selu", function("selu")),
    ("self-normalizing", function("selu")),
    ("mish", function("mish")),
    ("relu6", function("relu6")),
    ("hard swish", function("hardswish")),
    ("hard_silu", function("hardswish")),
    ("hard sigmoid", function("hardsigmoid")),
    ("hardtanh", function("hardtanh")),
    ("log softmax", function("log_softmax")),
    ("log sigmoid", function("logsigmoid")),
    ("softsign", function("softsign")),
    ("gated linear unit", function("glu")),
    ("swiglu", function("swiglu")),
    ("sparsemax", function("sparsemax")),
    ("soft thresholding", function("softshrink")),
    ("squared relu", function("squared_relu")),
    ("softmax", function("softmax")),
    ("softmax jacobian", "#activations.softmax_jacobian"),
    # questions and concepts
    ("what is the derivative of tanh", function("tanh")),
    ("derivative of sigmoid", function("sigmoid")),
    ("why do we need activation functions", WHY),
    ("why non-linearity", WHY),
    ("linearly separable", WHY),
    ("vanishing gradients", VANISHING),
    ("saturation", VANISHING),
    ("dying relu", DEAD),
    ("dead neurons", DEAD),
    ("zero-centered", "glossary.html"),
    ("monotonic", COMPARED),
    ("compare activation functions", COMPARED),
    ("softmax overflow subtract max", SOFTMAX_DEPTH),
    ("softmax temperature", SOFTMAX_DEPTH),
    ("log-softmax and NLL loss", SOFTMAX_DEPTH),
    ("logistic regression", LOGISTIC_REGRESSION),
    ("binary cross-entropy gradient", LOGISTIC_REGRESSION),
    ("which activation function should I use", CHOOSING),
    ("output layer activation for regression", CHOOSING),
    ("activation used in BERT", CHOOSING),
    ("mistakes in tutorials", ERRATA),
    ("tanh returns nan for large inputs", STABILITY),
    ("autograd", DERIVATIVES),
    ("He initialization relu", function("relu")),
    ("how to install", "install.html"),
]

CHINESE = [
    # names and other names of the functions
    ("修正线性单元", function("relu")),
    ("线性整流函数", function("relu")),
    ("relu 函数", function("relu")),
    ("S 型函数", function("sigmoid")),
    ("逻辑函数", function("sigmoid")),
    ("sigmoid 函数", function("sigmoid")),
    ("双曲正切", function("tanh")),
    ("tanh 激活函数", function("tanh")),
    ("归一化指数函数", function("softmax")),
    ("swish 激活函数", function("silu")),
    ("高斯误差线性单元", function("gelu")),
    ("指数线性单元", function("elu")),
    ("带泄露的 ReLU", function("leaky_relu")),
    ("参数化 ReLU", function("prelu")),
    ("自归一化", function("selu")),
    ("门控线性单元", function("glu")),
    ("稀疏 softmax", function("sparsemax")),
    ("mish 激活函数", function("mish")),
    ("hardswish", function("hardswish")),
    ("softplus 平滑", function("softplus")),
    ("雅可比矩阵", "#activations.softmax_jacobian"),
    # questions and concepts
    ("为什么需要激活函数", WHY),
    ("为什么需要非线性", WHY),
    ("线性不可分", WHY),
    ("线性可分", WHY),
    ("梯度消失", VANISHING),
    ("梯度弥散", VANISHING),
    ("饱和", VANISHING),
    ("sigmoid 梯度消失的原因", VANISHING),
    ("软饱和", SATURATION),
    ("硬饱和", SATURATION),
    ("单调", COMPARED),
    ("激活函数对比", COMPARED),
    ("神经元坏死", DEAD),
    ("神经元死亡", DEAD),
    ("ReLU 死亡", DEAD),
    ("dead relu 怎么解决", DEAD),
    ("零中心", "glossary.html"),
    ("零均值", "glossary.html"),
    ("以零为中心", "glossary.html"),
    ("导函数", DERIVATIVES),
    ("自动微分", DERIVATIVES),
    ("tanh 的导数", function("tanh")),
    ("sigmoid 导数怎么求", function("sigmoid")),
    ("relu 在 0 处不可导", function("relu")),
    ("softmax 上溢", SOFTMAX_DEPTH),
    ("softmax 溢出", SOFTMAX_DEPTH),
    ("softmax 减去最大值", SOFTMAX_DEPTH),
    ("softmax 温度", SOFTMAX_DEPTH),
    ("交叉熵", SOFTMAX_DEPTH),
    ("逻辑回归", LOGISTIC_REGRESSION),
    ("对数几率回归", LOGISTIC_REGRESSION),
    ("二元交叉熵", LOGISTIC_REGRESSION),
    ("如何选择激活函数", CHOOSING),
    ("怎么选激活函数", CHOOSING),
    ("输出层用什么激活函数", CHOOSING),
    ("BERT 用的激活函数", CHOOSING),
    ("sigmoid 和 tanh 的区别", FIRST_THREE),
    ("tanh 输出 nan", STABILITY),
    ("数值稳定", STABILITY),
    ("教程中的错误", ERRATA),
    ("怎么安装", "install.html"),
    ("术语表", "glossary.html"),
]

QUERIES = [("en", q, page) for q, page in ENGLISH] + [("zh_CN", q, page) for q, page in CHINESE]
