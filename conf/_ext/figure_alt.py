"""Figure alt text in words and symbols, not TeX."""

import re

# sphinx-gallery copies a figure's plot titles into its alt text, and those are mathtext
# ($\sigma(x)$) so that one figure serves both languages; a screen reader would read the TeX
# aloud. The alt text is rewritten in words and symbols: "ReLU(x), σ(x), tanh(x)".
def _tex_as_text(tex):
    from docutils.utils.math import tex2unichar

    symbols = {name: char for table in vars(tex2unichar).values() if isinstance(table, dict)
               for name, char in table.items()}
    group = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
    tex = re.sub(r"\\frac" + group + group, r"(\1)/(\2)", tex)
    tex = re.sub(r"\\(?:mathrm|operatorname|text|mathit|mathbf)" + group, r"\1", tex)
    tex = re.sub(r"\\([A-Za-z]+)", lambda m: symbols.get(m[1], m[1]), tex)
    tex = re.sub(r"\\[,;:! ]", " ", tex).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", tex).strip()


def _readable_alt_text(app, doctree, docname):
    from docutils import nodes

    for node in doctree.findall(nodes.Element):
        if "$" in node.get("alt", ""):
            node["alt"] = re.sub(r"\$([^$]+)\$", lambda m: _tex_as_text(m[1]), node["alt"])


def setup(app):
    app.connect("doctree-resolved", _readable_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
