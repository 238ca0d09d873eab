"""The API reference: one page per function (with its derivatives), one overview per family.

``.. api-functions:: activations._relu`` on a family page (``api/relu.rst``) lists, in the
order of ``activations.__all__``, every public function defined in the named modules: a table
of their names and one-line summaries (Sphinx's autosummary), each linking to the function's
own page. Each function has a page, ``api/<family>/<function>.html``, with its derivatives
(``relu_grad``) or Jacobian (``softmax_jacobian``), documented under the public names readers
import (``activations.relu``). A function added to the package appears on its family's page
and gets its own page without editing any page: the function pages' sources are written at the
start of every build into ``docs/api/<family>/`` (not kept in git), and rewritten only when
their text changes, so an unchanged page is not read again.

One page per function keeps pages short: the ReLU family on one page was 4,200 HTML elements,
whose first layout alone held a phone's main thread for about a second (Lighthouse).
"""

import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

import activations


DIRECTIVE = re.compile(r"^\.\. api-functions::\s*(.+)$", re.M)
DERIVATIVE = re.compile(r"_(grad|jacobian|weight_grad)$")


def family_pages(srcdir):
    """{module: API page} as the API pages' ``api-functions`` directives declare it."""
    pages = {}
    for path in sorted(Path(srcdir, "api").glob("*.rst")):
        for modules in DIRECTIVE.findall(path.read_text(encoding="utf-8")):
            pages.update(dict.fromkeys(modules.split(), f"api/{path.stem}"))
    return pages


def public_functions(modules):
    return [name for name in activations.__all__
            if getattr(getattr(activations, name), "__module__", None) in modules]


def function_pages(names):
    """{function: [it and its derivatives]}: a derivative joins the function before it."""
    pages = {}
    for name in names:
        if DERIVATIVE.search(name) and pages:
            pages[list(pages)[-1]].append(name)
        else:
            pages[name] = [name]
    return pages


def function_page(name, documented):
    """reST of the page of ``name`` and its derivatives."""
    title = f"activations.{name}"
    lines = [title, "=" * len(title), ""]
    for function in documented:
        lines += [f".. autofunction:: activations.{function}", ""]
    return "\n".join(lines)


def write_function_pages(app):
    """Write ``api/<family>/<function>.rst`` for every family page; drop pages of removed
    functions."""
    modules_of = {}
    for module, page in family_pages(app.srcdir).items():
        modules_of.setdefault(page, []).append(module)
    for page, modules in modules_of.items():
        folder = Path(app.srcdir, page)
        folder.mkdir(exist_ok=True)
        wanted = {}
        for name, documented in function_pages(public_functions(modules)).items():
            wanted[folder / f"{name}.rst"] = function_page(name, documented)
        for path in folder.glob("*.rst"):
            if path not in wanted:
                path.unlink()
        for path, text in wanted.items():
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")


class APIFunctions(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        names = public_functions(self.arguments[0].split())
        if not names:
            raise self.error(f"api-functions: no public function in {self.arguments[0]}")
        family = Path(self.env.docname).name
        lines = [".. currentmodule:: activations", "", ".. autosummary::", "   :nosignatures:", ""]
        lines += [f"   {name}" for name in names]
        lines += ["", ".. toctree::", "   :hidden:", ""]
        lines += [f"   {family}/{name}" for name in function_pages(names)]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]),
                                self.content_offset, container)
        return container.children


def setup(app):
    app.setup_extension("sphinx.ext.autosummary")
    app.config.autosummary_generate = False  # the function pages are written above
    app.connect("builder-inited", write_function_pages)
    app.add_directive("api-functions", APIFunctions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
