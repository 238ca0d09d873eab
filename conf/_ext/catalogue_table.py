"""The ``activation-table`` directive: the property table, generated from the catalogue.

The table is written as reST and parsed in place, so its words are extracted for translation
like any other text and its formulas render as math.
"""

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from activations.catalogue import CATALOGUE

HEADER = ("Function", "Range", "Monotonic", "Zero-centred", "Saturating", "Smoothness",
          ":math:`f(0)`", ":math:`f'(0)`", "PyTorch", "Introduced")

SMOOTHNESS_TEX = {"C0": "C^0", "C1": "C^1", "C2": "C^2", "C∞": r"C^\infty"}


def _yes_no(flag):
    return "yes" if flag else "no"


def _number(value):
    return f":math:`{value:g}`"


def _row(entry):
    return (
        f":func:`{entry.label} <activations.{entry.name}>`",
        f":math:`{entry.range}`",
        _yes_no(entry.monotonic),
        _yes_no(entry.zero_centred),
        entry.saturating,
        f":math:`{SMOOTHNESS_TEX[entry.smoothness]}`",
        _number(entry.value_at_zero) if entry.elementwise else "—",
        _number(entry.derivative_at_zero) if entry.elementwise else "—",
        f"``{entry.torch_module.removeprefix('torch.')}``",
        f"{entry.paper}, {entry.year}",
    )


class ActivationTable(SphinxDirective):
    def run(self):
        lines = [".. list-table::", "   :header-rows: 1", "   :class: properties", ""]
        for row in (HEADER, *map(_row, CATALOGUE)):
            lines.append(f"   * - {row[0]}")
            lines.extend(f"     - {cell}" for cell in row[1:])
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]),
                                self.content_offset, container)
        return container.children


def setup(app):
    app.add_directive("activation-table", ActivationTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
