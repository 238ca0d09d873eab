"""Render math as MathML at build time.

Browsers display MathML natively, so pages need no math JavaScript and no network. The LaTeX is
converted by docutils' own converter; a formula it cannot convert is a build error, not a page
with raw TeX left in it. Named character references other than XML's own (docutils writes
``&ApplyFunction;``) are written as the characters, so that every page is also well-formed XML,
as an EPUB's XHTML must be. ``\tfrac`` and ``\dfrac`` give ``<mfrac>`` a display style, which
MathML 3 (and so EPUB) allows only on ``<mstyle>``: the style moves to an ``<mstyle>`` around it.
"""

import html
import re

from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.errors import ExtensionError
from sphinx.util.math import get_node_equation_number


XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def _as_characters(mathml):
    return re.sub(r"&([A-Za-z]+);",
                  lambda m: m[0] if m[1] in XML_ENTITIES else html.unescape(m[0]), mathml)


FRACTION_TAG = re.compile(r"<mfrac(?P<style>[^>]*)>|</mfrac>")


def _style_outside_fractions(mathml):
    styles = []  # per open <mfrac>: its style attributes, moved to an enclosing <mstyle>

    def move(tag):
        if tag[0] == "</mfrac>":
            return "</mfrac></mstyle>" if styles.pop() else tag[0]
        styles.append(tag["style"])
        return f"<mstyle{tag['style']}><mfrac>" if tag["style"] else tag[0]

    return FRACTION_TAG.sub(move, mathml)


def _convert(node, latex, *, block):
    try:
        return _style_outside_fractions(_as_characters(tex2mathml(latex, as_block=block)))
    except Exception as exc:  # docutils raises SyntaxError and friends for unknown macros
        raise ExtensionError(f"mathml: cannot convert {latex!r} ({exc}) in {node.source}") from exc


def visit_math(self, node):
    self.body.append(f'<span class="math">{_convert(node, node.astext(), block=False)}</span>')
    raise nodes.SkipNode


def visit_math_block(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})</span>')
    # Sphinx separates several equations in one directive by blank lines.
    for part in filter(str.strip, node.astext().split("\n\n")):
        self.body.append(_convert(node, part, block=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
