"""The package as a wheel inside the built site, and the one command that installs it.

Readers install ``activations`` from the site itself, so installing needs no package index for
it and works offline from a local build. Every HTML build (each language, here and on Read the
Docs) builds the wheel from this checkout with ``python -m build`` and publishes it at the root
of the site, next to ``index.html``; a wheel is rebuilt only when the package's sources change.
The wheel is built in the background from the start of the build (``python -m build`` is a
process of its own) and copied into the site at the end.

- ``install-command`` (directive): the pip command that installs the wheel together with what
  the examples import, by the wheel's absolute URL (Read the Docs' canonical URL there; the
  ``make serve`` address for a local build).
- ``wheel`` (role): a link to the wheel, e.g. ``{wheel}`the wheel``` (in an EPUB or a PDF, to
  the wheel on the site).
- The download area of every example links to the install page (its title, in the page's
  language, is the link text).
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "activations/*.py")
DISTRIBUTION = "activations-reference"
# PyTorch's own index of CPU builds; torch is the only package readers need from it.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
LOCAL_PORT = 8000  # `make serve`
INSTALL_PAGE = "install"


def wheel_name():
    import activations

    return f"{DISTRIBUTION.replace('-', '_')}-{activations.__version__}-py3-none-any.whl"


def site_url(language):
    """Absolute URL of this language's site root, ending in a slash."""
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    if canonical:
        return canonical.rstrip("/") + "/"
    return f"http://localhost:{LOCAL_PORT}/{language}/"


def install_command(language):
    url = site_url(language) + wheel_name()
    return f'pip install "{DISTRIBUTION}[examples] @ {url}" --extra-index-url {TORCH_CPU_INDEX}'


def _sources_digest():
    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel(cache):
    """The wheel of the current sources, built once into ``cache`` and reused."""
    target = Path(cache) / _sources_digest() / wheel_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    # `make docs` builds both languages at once, and the sdist step writes its staging folder
    # and egg-info into the checkout: one build makes the wheel, the other waits and reuses it.
    with open(Path(cache) / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            with tempfile.TemporaryDirectory() as tmp:
                # sdist first, then the wheel from the unpacked sdist: the sdist is checked to
                # hold everything the wheel needs.
                done = subprocess.run([sys.executable, "-m", "build", "--no-isolation",
                                       "--outdir", tmp, str(ROOT)], capture_output=True, text=True)
                if done.returncode:
                    raise ExtensionError(f"building the wheel failed:\n{done.stdout}{done.stderr}")
                shutil.copy2(Path(tmp) / target.name, target)
    return target


class InstallCommand(SphinxDirective):
    def run(self):
        command = install_command(self.config.language)
        return [nodes.literal_block(command, command, language="sh")]


def wheel_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    docname = inliner.document.settings.env.docname
    uri = "../" * docname.count("/") + wheel_name()
    return [nodes.reference(rawtext, text, refuri=uri, classes=["wheel-download"])], []


def link_install_page_from_downloads(app, doctree):
    """Add the install page to each example's download buttons."""
    for footer in doctree.findall(nodes.container):
        if "sphx-glr-footer-example" not in footer["classes"]:
            continue
        xref = addnodes.pending_xref("", nodes.inline(), refdomain="std", reftype="doc",
                                     reftarget="/" + INSTALL_PAGE, refexplicit=False,
                                     refdoc=app.env.docname, refwarn=True)
        footer += nodes.container("", nodes.paragraph("", "", xref),
                                  classes=["sphx-glr-download", "sphx-glr-download-install"])


def link_wheel_on_site(app, doctree, docname):
    """An EPUB or a PDF does not hold the wheel: its link leads to the wheel on the site."""
    if app.builder.name != "html":
        for link in doctree.findall(nodes.reference):
            if "wheel-download" in link["classes"]:
                link["refuri"] = site_url(app.config.language) + wheel_name()


def start_wheel(app):
    if app.builder.name == "html":  # the EPUB offers no downloads
        app.wheel_build = ThreadPoolExecutor(1).submit(build_wheel,
                                                       Path(app.doctreedir).parent / "wheel")


def publish_wheel(app, exception):
    if exception is None and app.builder.name == "html":
        wheel = app.wheel_build.result()
        shutil.copy2(wheel, Path(app.outdir) / wheel.name)


def setup(app):
    app.add_directive("install-command", InstallCommand)
    app.add_role("wheel", wheel_role)
    app.connect("doctree-read", link_install_page_from_downloads)
    app.connect("doctree-resolved", link_wheel_on_site)
    app.connect("builder-inited", start_wheel)
    app.connect("build-finished", publish_wheel)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
