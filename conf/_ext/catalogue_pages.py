"""Pages generated from ``activations.catalogue``: the property table and one card per activation.

``.. activation-table::`` prints every activation's properties in one table, and
``.. activation:: relu`` shows one activation: its formulas, a plot of f and f', its
properties and its PyTorch equivalents. Both are written as reST and parsed in place, so their
words are extracted for translation like any other text.

The words of a card (its labels, "yes", "no", the saturating sides, the citations) are the
words of the comparison table, so they are translated once, in the comparison page's catalogue:
each card is written in the build's language from that catalogue, and the card's table is kept
out of its own page's catalogue. Which API page documents a family (a module of the package) is
read from the ``api-functions`` directives of the API pages.

The plots are drawn once per build into ``docs/_generated/activations`` (both languages share
them), and only when the package or this file changed. Their text is mathtext only. They are
drawn (and given their palette, conf/_ext/page_weight.py) by a process of their own, which the
build starts before the gallery's examples run and waits for before it reads the pages: on a
machine with two cores the plots cost no time.
"""

import hashlib
import math
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

import activations
from activations.catalogue import CATALOGUE, by_name
from api_pages import family_pages
from backrefs import examples_using
from i18n_skip import nothing_to_translate
from page_weight import palette_png
from po_messages import catalogue_paths, page_messages

FIGURES = "_generated/activations"
VOCABULARY_PAGE = "activations/index"  # the comparison table, whose words the cards reuse
SMOOTHNESS_TEX = {"C0": "C^0", "C1": "C^1", "C2": "C^2", "C∞": r"C^\infty"}


# --- what the table and the cards say ------------------------------------------------------

def _yes_no(flag):
    return "yes" if flag else "no"


def _smoothness(word):
    """C0, C1, C∞ as math; any other word of the catalogue's vocabulary as it is."""
    return f":math:`{SMOOTHNESS_TEX[word]}`" if word in SMOOTHNESS_TEX else word


def _number(value):
    return f":math:`{value:g}`" if value is not None else "—"


def properties(entry):
    """(label, reST value) pairs describing ``entry``; the card and the table both use them."""
    return [
        ("Range", f":math:`{entry.range}`"),
        ("Monotonic", _yes_no(entry.monotonic)),
        ("Zero-centred", _yes_no(entry.zero_centred)),
        ("Saturating", entry.saturating if entry.hard is None
         else f"{entry.saturating} ({'hard' if entry.hard else 'soft'})"),
        ("Smoothness", _smoothness(entry.smoothness)),
        (":math:`f(0)`", _number(entry.value_at_zero)),
        (":math:`f'(0)`", _number(entry.derivative_at_zero)),
    ]


def _outward(value, up):
    """``value`` rounded to 3 significant digits away from the inside of the range."""
    if value == 0 or not math.isfinite(value):
        return value
    scale = 10.0 ** (2 - math.floor(math.log10(abs(value))))
    return (math.ceil if up else math.floor)(value * scale) / scale


def _slope(entry):
    low, high = entry.slope_range
    bounds = f"{_outward(low, False):g} \\le f'(x)"
    return f":math:`{bounds}`" if math.isinf(high) else \
        f":math:`{bounds} \\le {_outward(high, True):g}`"


def card_properties(entry):
    """What an elementwise activation's card adds to the table's properties."""
    if not entry.elementwise:
        return []
    return [("Bounded", _yes_no(entry.bounded)),
            ("Negative outputs", _yes_no(entry.negative_outputs)),
            ("Slope", _slope(entry)),
            ("Identity near 0", _yes_no(entry.identity_near_zero))]


def _list_table(rows, *options):
    lines = [".. list-table::", *(f"   {option}" for option in options), ""]
    for row in rows:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return lines


class _ReSTDirective(SphinxDirective):
    def parse_rest(self, lines):
        container = nodes.container()
        source = self.get_source_info()[0]
        self.state.nested_parse(StringList(lines, source=source), self.content_offset, container)
        return container.children


def _torch_names(entry):
    """The PyTorch equivalents, or the composition of torch operations that computes it."""
    if entry.torch:
        return f"``{entry.torch}``, ``{entry.torch_module}``"
    return f"``{entry.torch_expression}``" if entry.torch_expression else "—"


def vocabulary(app):
    """English -> translated words of the comparison table (empty for English)."""
    if app.config.language == "en":
        return {}
    for path in catalogue_paths(app, VOCABULARY_PAGE):
        app.env.note_dependency(str(path))
    return page_messages(app, VOCABULARY_PAGE)


class ActivationTable(_ReSTDirective):
    """Every activation of the catalogue, one row each, grouped by family.

    Each family has two tables, so that each fits the text column: the shape of the function
    (range to smoothness), then its values at 0, its PyTorch equivalent and where it was
    introduced.
    """

    SHAPE = 5  # the first five properties go to the first table
    # The PDF's column widths, in fractions of the text width (LaTeX's own guess squeezes the
    # narrow columns until names and numbers run out of them); left-aligned, as on the site.
    PDF_COLUMNS = {"shape": (0.17, 0.17, 0.13, 0.14, 0.23, 0.16),
                   "origin": (0.16, 0.13, 0.13, 0.19, 0.39)}
    # The site's, in per cent, from the widest cell of each column (English: the header words;
    # hardshrink's range). On a phone the tables keep these columns at a set width and scroll
    # in their box (site.css): the browser lays them out without first measuring every cell's
    # formula, which held a phone's first layout of the comparison page.
    SITE_COLUMNS = {"shape": (15, 26, 14, 12, 17, 16), "origin": (16, 12, 11, 17, 44)}

    def run(self):
        labels = [label for label, _ in properties(CATALOGUE[0])]
        pages = family_pages(self.env.srcdir)
        families = {}
        for entry in CATALOGUE:
            families.setdefault(pages[entry.function.__module__], []).append(entry)
        lines = []
        for page, entries in families.items():
            shape = [["Function", *labels[:self.SHAPE]]]
            origin = [["Function", *labels[self.SHAPE:], "PyTorch", "Introduced"]]
            for entry in entries:
                name = f":doc:`{entry.label} </activations/{entry.name}>`"
                values = [value for _, value in properties(entry)]
                shape.append([name, *values[:self.SHAPE]])
                origin.append([
                    name, *values[self.SHAPE:],
                    (f"``{entry.torch_module.removeprefix('torch.')}``" if entry.torch_module
                     else "—"),  # the card shows the torch operations that compute it
                    f"{entry.paper}, {entry.year}",
                ])
            lines += [f".. rubric:: :doc:`/{page}`", ""]
            for table, rows in (("shape", shape), ("origin", origin)):
                columns = "".join(rf">{{\raggedright\arraybackslash}}\Y{{{width}}}"
                                  for width in self.PDF_COLUMNS[table])
                lines += [f".. tabularcolumns:: {columns}", ""]
                widths = " ".join(map(str, self.SITE_COLUMNS[table]))
                lines += _list_table(rows, ":header-rows: 1", ":class: properties",
                                     f":widths: {widths}") + [""]
        return self.parse_rest(lines)


class ActivationCard(_ReSTDirective):
    """Formulas, plot, properties and equivalents of one activation."""

    required_arguments = 1
    option_spec = {"no-figure": directives.flag}

    def run(self):
        entry = by_name(self.arguments[0])
        self.env.note_dependency(activations.__file__)
        # PyTorch's names, which readers search for, as main index entries: the search ranks
        # them first. (The page's title is its own name; an entry "ELU" would also rank CELU,
        # GELU and ReLU, which hold it, above the example about ELU.)
        names = [entry.torch, entry.torch_module]
        lines = [".. index::", *(f"   !single: {n}" for n in filter(None, names)), ""] if any(names) else []
        lines += [".. math::", "", f"   {entry.formula}", "", ".. math::", "",
                 f"   {entry.derivative_formula}", ""]
        lines += [f".. figure:: /{FIGURES}/{entry.name}.png",
                  f"   :alt: {entry.label}: f(x), f'(x)", "   :class: activation-plot", ""]
        api = f":func:`activations.{entry.name}`, :func:`activations.{entry.derivative.__name__}`"
        rows = [*properties(entry),
                *card_properties(entry),
                ("PyTorch", _torch_names(entry)),
                ("Function", api),
                ("Introduced", f"{entry.paper}, {entry.year}")]
        rows = [[self.translate(cell) for cell in row] for row in rows]
        card = self.parse_rest(lines + _list_table(rows, ":stub-columns: 1",
                                                   ":class: activation-properties"))
        for table in card[-1].findall(nodes.paragraph):
            table["translatable"] = False  # already in the build's language
        for index in card[0].findall(addnodes.index):
            index["inline"] = True  # names, the same in every language: not in the catalogues
        return card + self.parse_rest(examples_using(self.env.app, f"activations.{entry.name}"))

    def translate(self, text):
        words = vocabulary(self.env.app)
        if not words or nothing_to_translate(text):
            return text
        if text not in words:
            raise self.error(f"{text!r} has no translation in the catalogue of the comparison "
                             f"page ({VOCABULARY_PAGE}); run `make po` and translate it there")
        return words[text]


# --- the figures ---------------------------------------------------------------------------

def _curves(entry, x):
    """f and f' on the grid ``x``. A vector-valued f is shown along its first input, (x, 0);
    a gated one (whose output is half as wide) along its gate input, (1, x): the gate itself."""
    if entry.elementwise:
        return entry.call(x), entry.call_derivative(x)
    import numpy as np
    gated = np.shape(entry.call(np.zeros(2))) == (1,)
    pairs = np.stack([np.ones_like(x), x] if gated else [x, np.zeros_like(x)], axis=-1)
    column = 1 if gated else 0
    return entry.call(pairs)[..., 0], entry.call_derivative(pairs)[..., 0, column]


def _draw(entry, ax):
    """f and f' on the entry's plot range, with its zoomed inset if it has one."""
    import numpy as np

    x = np.linspace(*entry.plot_range, 801)
    f, df = _curves(entry, x)
    ax.axhline(0, color="0.85", linewidth=0.8)
    ax.axvline(0, color="0.85", linewidth=0.8)
    ax.plot(x, f, label="$f(x)$")
    ax.plot(x, df, linestyle="--", label="$f'(x)$")
    ax.set_xlim(*entry.plot_range)
    if entry.plot_inset:
        x_low, x_high, y_low, y_high = entry.plot_inset
        inset = ax.inset_axes([0.06, 0.45, 0.4, 0.45])
        zoom = np.linspace(x_low, x_high, 401)
        inset.axhline(0, color="0.85", linewidth=0.8)
        inset.plot(zoom, _curves(entry, zoom)[0])
        inset.set_xlim(x_low, x_high)
        inset.set_ylim(y_low, y_high)
        inset.tick_params(labelsize=6)
        ax.indicate_inset_zoom(inset, edgecolor="0.5")


def _fingerprint():
    sources = sorted(Path(activations.__file__).parent.glob("*.py")) + [Path(__file__)]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()


def draw_figures(out):
    """Every activation's plot and the grid of all of them, into the folder ``out``."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    for entry in CATALOGUE:
        # 630 x 378 px with 10-11 pt text: legible at phone width, where it shows at 55 %.
        # Fixed margins, not a constrained layout: every plot has the same axes and labels, and
        # the layout engine cost 1.7 s of a cold build.
        fig, ax = plt.subplots(figsize=(4.5, 2.7), dpi=140)
        fig.subplots_adjust(left=0.1, right=0.985, bottom=0.16, top=0.97)
        _draw(entry, ax)
        ax.tick_params(labelsize=11)
        ax.set_xlabel("$x$")
        ax.legend(frameon=False, loc="lower right" if entry.plot_inset else "best")
        fig.savefig(out / f"{entry.name}.png")
        plt.close(fig)
        palette_png(out / f"{entry.name}.png")
    columns = 4
    rows = -(-len(CATALOGUE) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(9, 2.1 * rows), dpi=80, squeeze=False)
    fig.subplots_adjust(left=0.04, right=0.99, bottom=0.02, top=0.98, wspace=0.25, hspace=0.45)
    for ax in axes.flat[len(CATALOGUE):]:
        ax.remove()
    for entry, ax in zip(CATALOGUE, axes.flat):
        _draw(entry, ax)
        ax.set_title(entry.label, fontsize=10)
        ax.tick_params(labelsize=7)
    axes.flat[0].legend(frameon=False, fontsize=8)
    fig.savefig(out / "grid.png")
    plt.close(fig)
    palette_png(out / "grid.png")


def start_figures(app):
    """Start drawing the plots in a process of their own, unless they are up to date."""
    out = Path(app.srcdir) / FIGURES
    stamp = out / "fingerprint"
    fingerprint = _fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return
    stamp.unlink(missing_ok=True)
    app.catalogue_figures = (subprocess.Popen([sys.executable, __file__, str(out)]),
                             stamp, fingerprint)


def wait_for_figures(app, env, docnames):
    if not hasattr(app, "catalogue_figures"):
        return
    process, stamp, fingerprint = app.catalogue_figures
    del app.catalogue_figures
    if process.wait():
        raise ExtensionError(f"drawing the activation plots failed (exit {process.returncode})")
    stamp.write_text(fingerprint)


def setup(app):
    app.add_directive("activation-table", ActivationTable)
    app.add_directive("activation", ActivationCard)
    # Before the gallery's examples run (priority 500); the plots are done before the pages
    # are read and before page_weight looks for PNGs without a palette (500).
    app.connect("builder-inited", start_figures, priority=400)
    app.connect("env-before-read-docs", wait_for_figures, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":  # the process that start_figures starts
    draw_figures(Path(sys.argv[1]))
