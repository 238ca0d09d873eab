"""Nothing but the site in Read the Docs' output folder.

Read the Docs publishes its whole output folder. Sphinx writes ``.buildinfo`` there, which only
serves the next incremental build (Read the Docs always builds from scratch); it is removed.
The doctrees are kept out by the ``-d`` option of the build command in ``.readthedocs.yaml``.
"""

import os
from pathlib import Path


def remove_build_state(app, exception):
    if exception is None and os.environ.get("READTHEDOCS") == "True":
        Path(app.outdir, ".buildinfo").unlink(missing_ok=True)


def setup(app):
    app.connect("build-finished", remove_build_state)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
