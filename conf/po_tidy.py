"""Drop obsolete entries from the zh_CN catalogues after ``sphinx-intl update``.

sphinx-intl keeps messages that vanished from the English source as ``#~`` comments; they are
noise for translators and would hide a stale catalogue, so they are removed.
"""

import sys
from pathlib import Path

import polib


def tidy(folder):
    for path in sorted(Path(folder).rglob("*.po")):
        catalogue = polib.pofile(str(path), wrapwidth=0)
        obsolete = catalogue.obsolete_entries()
        for entry in obsolete:
            catalogue.remove(entry)
        catalogue.save(str(path))
        if obsolete:
            print(f"{path}: removed {len(obsolete)} obsolete entries")


if __name__ == "__main__":
    tidy(sys.argv[1])
