"""``.. api-functions:: activations._relu``: document every public function of a family.

The package re-exports its functions from private modules, one per family. The directive
documents, in the order of ``activations.__all__``, every public function defined in the named
modules, under the public names readers import (``activations.relu``). A function added to the
package appears on its family's page without editing any page.
"""

import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

import activations


DIRECTIVE = re.compile(r"^\.\. api-functions::\s*(.+)$", re.M)


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


class APIFunctions(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        names = public_functions(self.arguments[0].split())
        if not names:
            raise self.error(f"api-functions: no public function in {self.arguments[0]}")
        lines = [".. currentmodule:: activations", ""]
        for name in names:
            lines += [f".. autofunction:: {name}", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]),
                                self.content_offset, container)
        return container.children


def setup(app):
    app.add_directive("api-functions", APIFunctions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
