r"""Downloads a reader can run, in the reader's language.

sphinx-gallery offers each example as a ``.py`` and an ``.ipynb`` file, written once in English
and copied unchanged into both sites. After the HTML is written, this extension rewrites the
copies in ``_downloads/``:

- In a translated build, the prose of the script (its title docstring and its ``# %%`` text
  cells) is replaced paragraph by paragraph with the translation from the example page's own
  catalogue: the messages that translate the page translate its downloads. The code is not
  touched, byte for byte. A paragraph that the catalogue does not translate fails the build.
- Every notebook is generated again from its script by sphinx-gallery, and starts with a
  markdown cell, in the page's language, that says what to install: the "run a download"
  section of the install page (its title, first paragraph and command), with that page's URL.
- The example's zip archive is written again from these two files.
"""

import json
import re
import zipfile
from pathlib import Path

from docutils import nodes
from docutils.utils import column_width
from i18n_skip import nothing_to_translate
from po_messages import page_messages
from sphinx.errors import ExtensionError
from sphinx_gallery.notebook import jupyter_notebook
from sphinx_gallery.py_source_parser import (Block, remove_config_comments,
                                             remove_ignore_blocks, split_code_and_text_blocks)
from wheel import INSTALL_PAGE, site_url

EXAMPLES = "auto_examples/"
RUN_SECTION = "run-a-downloaded-example"  # the install page's section that the cell quotes
UNDERLINE = re.compile(r"^([=\-~^\"'`:.*+#<>_])\1+\s*$")
BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)")
CELL_START = re.compile(r"^# ?%%")


class UntranslatedProse(ExtensionError):
    pass


def translate_rst(lines, translate):
    """reST lines with every title, paragraph and list item replaced by its translation.

    A paragraph becomes one line (Chinese has no spaces at which to wrap); directives (math)
    are kept as they are.
    """
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            out.append(line)
            i += 1
        elif line.lstrip().startswith(".. "):  # a directive and its indented body
            out.append(line)
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i][:1].isspace()):
                out.append(lines[i])
                i += 1
        elif i + 1 < len(lines) and UNDERLINE.match(lines[i + 1]):
            title = translate(line.strip())
            out += [title, lines[i + 1].strip()[0] * column_width(title)]
            i += 2
        else:  # a paragraph, or a list item with its continuation lines
            bullet = BULLET.match(line)
            end = i + 1
            while end < len(lines) and lines[end].strip() and not BULLET.match(lines[end]):
                end += 1
            text = " ".join(part.strip() for part in lines[i:end])
            if bullet:
                marker = bullet.group(0)
                out.append(marker + translate(text[len(marker.strip()):].strip()))
            else:
                out.append(line[: len(line) - len(line.lstrip())] + translate(text))
            i = end
    return out


def translate_script(source, translate):
    """The script with its docstring and its text cells translated; code lines unchanged."""
    lines = source.split("\n")
    first = next(n for n, line in enumerate(lines) if line.strip() == 'r"""')
    close = next(n for n in range(first + 1, len(lines)) if lines[n].strip() == '"""')
    out = lines[: first + 1] + translate_rst(lines[first + 1 : close], translate)
    i = close
    while i < len(lines):
        out.append(lines[i])
        i += 1
        if CELL_START.match(lines[i - 1]):
            end = i
            while end < len(lines) and lines[end].startswith("#"):
                end += 1
            body = [line[2:] if line.startswith("# ") else line[1:] for line in lines[i:end]]
            out += [("# " + line).rstrip() for line in translate_rst(body, translate)]
            i = end
    return "\n".join(out)


def catalogue_translator(app, docname):
    """msgid -> msgstr from the page's catalogue; prose it does not hold fails the build."""
    messages = page_messages(app, docname)

    def translate(message):
        if message in messages:
            return messages[message]
        if nothing_to_translate(message):
            return message
        raise UntranslatedProse(f"{docname}: the download keeps untranslated prose "
                                f"(run `make po` and translate it): {message!r}")

    return translate


def install_cell(app):
    """Markdown for the first notebook cell: what to install, quoted from the install page."""
    doctree = app.env.get_doctree(INSTALL_PAGE)
    section = next(s for s in doctree.findall(nodes.section) if RUN_SECTION in s["ids"])
    title = section[0].astext()
    paragraph = next(section.findall(nodes.paragraph)).astext()
    command = next(section.findall(nodes.literal_block)).astext()
    url = site_url(app.config.language) + INSTALL_PAGE + ".html"
    return f"**{title}**\n\n{paragraph}\n\n```sh\n{command}\n```\n\n<{url}>\n"


def rewrite_downloads(app, exception):
    if exception is not None or app.builder.name != "html":  # not the EPUB: no downloads there
        return
    translated = app.config.language != "en"
    cell = install_cell(app)
    downloads = Path(app.outdir, "_downloads")
    offered = {Path(source): downloads / dest for source, (_docs, dest) in app.env.dlfiles.items()}
    for source, script in offered.items():
        if not source.as_posix().startswith(EXAMPLES) or source.suffix != ".py":
            continue
        if translated:
            translate = catalogue_translator(app, source.with_suffix("").as_posix())
            script.write_text(translate_script(script.read_text(encoding="utf-8"), translate),
                              encoding="utf-8")
        # The blocks cleaned as sphinx-gallery cleans them before it writes a notebook.
        _file_conf, blocks = split_code_and_text_blocks(script)
        blocks = [Block(label, remove_config_comments(remove_ignore_blocks(content)), line)
                  for label, content, line in blocks]
        notebook = offered[source.with_suffix(".ipynb")]
        content = jupyter_notebook(blocks, app.config.sphinx_gallery_conf, notebook.parent)
        content["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": [cell]})
        notebook.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
        archive = offered.get(source.with_suffix(".zip"))
        if archive:  # the zip offers the two files above
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
                for member in (script, notebook):
                    bundle.write(member, member.name)


def setup(app):
    app.connect("build-finished", rewrite_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
