"""Time of the EPUB and the PDF of each language, and what epubcheck and xelatex report.

Runs the commands of `make epub` and `make pdf` for each language into a temporary folder (fresh
doctrees; the gallery's executed examples in docs/auto_examples are reused, so run `make docs`
first) and prints, per format and language, the CPU time of the build (user + system, of every
process it starts; wall time depends on what else the machine runs), the EPUB's epubcheck
messages and the PDF's pages and overfull boxes.

    python benchmarks/offline_formats.py
"""

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPHINX = [sys.executable, "-m", "sphinx", "-c", "conf", "-W", "-n", "--keep-going", "-q"]
LATEXMK = ["make", "--no-print-directory",
           "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error -quiet"]
EPUBCHECK = ["java", "-XX:TieredStopAtLevel=1", "-jar", "/usr/share/java/epubcheck.jar"]  # as make epub runs it


def timed(*commands, cwd=ROOT):
    """CPU seconds (user + system, children) and wall seconds of running the commands in turn."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True,
                       env=dict(os.environ, OMP_NUM_THREADS="1"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for language in ("en", "zh_CN"):
            epub = out / "epub" / language
            cpu, wall = timed([*SPHINX, "-b", "epub", "-D", f"language={language}", "docs",
                               str(epub), "-d", str(out / "doctrees" / f"epub-{language}")])
            report = out / f"epubcheck-{language}.json"
            subprocess.run([*EPUBCHECK, "--json", str(report), str(epub / f"activations-{language}.epub")],
                           capture_output=True)
            checked = json.loads(report.read_text(encoding="utf-8"))["checker"]
            print(f"EPUB {language}: {cpu:.1f} s CPU ({wall:.1f} s wall); epubcheck: "
                  f"{checked['nFatal']} fatal, {checked['nError']} errors, {checked['nWarning']} warnings")

            latex = out / "latex" / language
            cpu, wall = timed([*SPHINX, "-b", "latex", "-D", f"language={language}", "docs",
                               str(latex), "-d", str(out / "doctrees" / f"latex-{language}")],
                              [*LATEXMK, "-C", str(latex)])
            pdf = latex / f"activations-{language}.pdf"
            pages = re.search(r"^Pages:\s+(\d+)", subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout, re.M)[1]
            log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
            overfull, missing = log.count("Overfull \\hbox"), log.count("Missing character")
            print(f"PDF  {language}: {cpu:.1f} s CPU ({wall:.1f} s wall); {pages} pages, "
                  f"{overfull} overfull boxes, {missing} missing characters, "
                  f"{pdf.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
