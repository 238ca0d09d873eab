"""The interactive explorer: every curve it draws is computed by the package when the site is built.

The ``explorer`` directive places the explorer on a page: its controls, in the page's language,
and the list of activations with their parameters and slider values. At the end of the build,
each activation's values (f and f' on its plot range, for every combination of slider values;
softmax-like ones on the 2x4 logits for every temperature) are written to
``_static/explorer/<name>.js``, which the page loads when the reader picks that activation.
Numbers are written with ``repr``, so the browser reads back exactly the package's float64 values.
An EPUB or a PDF cannot run the explorer: there the page says where to find it on the site.
"""

import itertools
import json
from pathlib import Path

import numpy as np
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from wheel import site_url

from activations.catalogue import CATALOGUE

POINTS = 121  # x values per curve, the ends and 0 among them
LOGITS = [[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]]
TEMPERATURES = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0]
BARS = ("softmax", "softmin", "log_softmax", "sparsemax")  # drawn on the logits, with a temperature
# Slider values of each parameter (the default among them); other parameters keep their default.
SLIDERS = {
    "leaky_relu": {"negative_slope": [0.0, 0.01, 0.05, 0.1, 0.2, 0.3]},
    "prelu": {"weight": [0.0, 0.1, 0.25, 0.5, 0.75]},
    "rrelu": {"lower": [0.05, 0.125, 0.2], "upper": [0.25, 1 / 3, 0.5]},
    "elu": {"alpha": [0.25, 0.5, 1.0, 1.5, 2.0]},
    "celu": {"alpha": [0.25, 0.5, 1.0, 1.5, 2.0]},
    "gelu": {"approximate": ["none", "tanh"]},
    "geglu": {"approximate": ["none", "tanh"]},
    "softplus": {"beta": [0.5, 1.0, 2.0, 4.0], "threshold": [1.0, 2.0, 5.0, 20.0]},
    "squareplus": {"b": [0.25, 1.0, 4.0, 9.0]},
    "hardtanh": {"min_val": [-2.0, -1.0, -0.5], "max_val": [0.5, 1.0, 2.0]},
    "softshrink": {"lambd": [0.0, 0.25, 0.5, 1.0, 2.0]},
    "hardshrink": {"lambd": [0.0, 0.25, 0.5, 1.0, 2.0]},
    "threshold": {"threshold": [-1.0, 0.0, 1.0, 2.0], "value": [-1.0, 0.0, 1.0]},
}
LABELS = {
    "en": {"pick": "Activations", "show": "Show", "f": "f(x)", "df": "derivative f′(x)",
           "parameters": "Parameters", "temperature": "temperature", "row": "row",
           "plot": "Curves of the chosen activations",
           "hint": "Point at the plot, or focus it and press the arrow keys, to read values.",
           "bars": "softmax-like functions of the logits [[-1, 2, -3, 4], [5, -6, 7, 10]] divided "
                   "by the temperature", "none": "Pick an activation above."},
    "zh_CN": {"pick": "激活函数", "show": "显示", "f": "f(x)", "df": "导数 f′(x)",
              "parameters": "参数", "temperature": "温度", "row": "第几行",
              "plot": "所选激活函数的曲线",
              "hint": "把指针移到图上，或让图获得焦点后按方向键，即可读出数值。",
              "bars": "类 softmax 函数作用于 logits [[-1, 2, -3, 4], [5, -6, 7, 10]] 除以温度后的结果",
              "none": "请在上面选择一个激活函数。"},
}
ELSEWHERE = {"en": "The explorer runs in a web browser; it is on the site at ",
             "zh_CN": "探索器需要在网页浏览器中运行，请在网站上打开："}
DEFAULT_SELECTION = ("relu", "gelu")


def combinations(activation):
    """Every combination of slider values, as keyword arguments, in a fixed order."""
    sliders = SLIDERS.get(activation.name, {})
    names = list(sliders)
    return names, [dict(zip(names, values)) for values in itertools.product(*sliders.values())]


def call(activation, x, params, derivative=False):
    params = {**activation.example_parameters, **params}
    if "weight" in params:
        params["weight"] = np.atleast_1d(params["weight"])
    if activation.elementwise:
        function = activation.derivative if derivative else activation.function
        return function(x, **params)
    if activation.name in BARS:
        return activation.function(x, **params)
    pair = np.stack([np.ones_like(x), x], axis=-1)  # the GLU family: the gate of (1, x)
    if derivative:
        return activation.derivative(pair, **params)[:, 0, 1]
    return activation.function(pair, **params)[:, 0]


def data(activation):
    """What the page needs to draw this activation for every slider setting."""
    names, settings = combinations(activation)
    if activation.name in BARS:
        logits = np.array(LOGITS)
        curves = [[call(activation, logits / t, params).ravel().tolist() for t in TEMPERATURES]
                  for params in settings]
        record = {"bars": curves}
    else:
        low, high = activation.plot_range
        x = np.linspace(low, high, POINTS)
        record = {"x": x.tolist(),
                  "f": [call(activation, x, params).tolist() for params in settings],
                  "df": [call(activation, x, params, derivative=True).tolist() for params in settings]}
    values = np.array([v for key in ("f", "df", "bars") for v in record.get(key, [])], dtype=float)
    assert np.isfinite(values).all(), activation.name
    return record


def index(language):
    """Names, labels and parameters of every activation, for the page itself (no values)."""
    entries = []
    for activation in CATALOGUE:
        names, _ = combinations(activation)
        defaults = {**activation.parameters, **activation.example_parameters}
        sliders = [{"name": name, "values": SLIDERS[activation.name][name],
                    "default": SLIDERS[activation.name][name].index(
                        defaults[name][0] if isinstance(defaults[name], tuple) else defaults[name])}
                   for name in names]
        entries.append({"name": activation.name, "label": activation.label,
                        "bars": activation.name in BARS, "sliders": sliders})
    return {"activations": entries, "labels": LABELS[language], "temperatures": TEMPERATURES,
            "selected": list(DEFAULT_SELECTION)}


class ExplorerDirective(SphinxDirective):
    has_content = False

    def run(self):
        up = "../" * self.env.docname.count("/")
        config = json.dumps(index(self.config.language), ensure_ascii=False)
        html = (f'<link rel="stylesheet" href="{up}_static/explorer.css">\n'
                f'<div id="activation-explorer" data-base="{up}_static/explorer/"></div>\n'
                f'<script type="application/json" id="explorer-config">{config}</script>\n'
                f'<script src="{up}_static/explorer.js" defer></script>')
        url = site_url(self.config.language) + self.env.docname + ".html"
        elsewhere = nodes.paragraph("", ELSEWHERE[self.config.language],
                                    nodes.reference(url, url, refuri=url))
        return [addnodes.only("", nodes.raw("", html, format="html"), expr="builder_html"),
                addnodes.only("", elsewhere, expr="not builder_html")]


def write_data(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    folder = Path(app.outdir) / "_static" / "explorer"
    folder.mkdir(parents=True, exist_ok=True)
    for activation in CATALOGUE:
        text = f"window.explorerData[{json.dumps(activation.name)}] = {json.dumps(data(activation))};\n"
        path = folder / f"{activation.name}.js"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.add_directive("explorer", ExplorerDirective)
    app.connect("build-finished", write_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
