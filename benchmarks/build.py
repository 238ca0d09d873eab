"""Build time of the bilingual site: cold, with nothing changed, and after editing one example.

The repository's files (tracked, and untracked but not ignored: what `git status` would show;
or, with --commit, a commit) are copied to a temporary folder, so the working tree and its build/ are never touched and the
cold build really starts from nothing (no executed examples, no doctrees, no .mo files). Each
phase runs what `make docs` runs, then what `make po` runs:

    sphinx-build -b html -D language=en         (executes the gallery)   `make docs`
    sphinx-build -b html -D language=zh_CN      (reuses the executed examples; started with the
                                                 English build, it waits until they have run)
    sphinx-build -b gettext -D plot_gallery=0   (the messages, timed on its own)   `make po`

1. cold: from the fresh copy;
2. no change: the same commands again;
3. one edit: after appending a comment line to one gallery script.

The goals (issue 13) apply to the bilingual build, `make docs`: it is what a reader, CI and Read
the Docs run. The gettext pass runs only when a translator refreshes the catalogues (`make po`)
and in the translation tests, which extract the messages themselves; it is timed apart.

Wall time moves with whatever else the machine runs; the CPU time of the build processes (user +
system, from the operating system's accounting of each finished process) moves far less, so
both are printed.

How many examples each command executed is read from sphinx-gallery's own summary ("executed N
out of M files") and checked against the ``.py.md5`` files it rewrites after every execution.

    python benchmarks/build.py                 # uses gallery/plot_01_*.py for the edit
    python benchmarks/build.py --edit gallery/plot_03_elu.py --keep
    python benchmarks/build.py --commit HEAD   # the last commit, not the working tree
    python benchmarks/build.py --check         # exit 1 if a goal is missed
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_COLD_S = 30  # issue 13
GOAL_NO_CHANGE_RATIO = 0.08
SPHINX = ["-m", "sphinx", "-c", "conf", "-W", "-n", "--keep-going"]  # and -j (--jobs)
EXECUTED = re.compile(r"executed (\d+) out of (\d+) file")


def copy_repo(destination: Path, commit: str | None) -> None:
    if commit:
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        destination.mkdir(parents=True)
        subprocess.run(["tar", "xf", "-"], cwd=destination, input=archive, check=True)
        return
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is skipped
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def commands(python: str, jobs: str) -> dict[str, list[str]]:
    sphinx = [python, *SPHINX, "-j", jobs]
    return {
        "en": [*sphinx, "-b", "html", "-D", "language=en", "docs", "build/html/en",
               "-d", "build/doctrees/en"],
        "zh_CN": [*sphinx, "-b", "html", "-D", "language=zh_CN", "docs", "build/html/zh_CN",
                  "-d", "build/doctrees/zh_CN"],
        "gettext": [*sphinx, "-b", "gettext", "-D", "plot_gallery=0", "docs", "build/gettext"],
    }


def md5_stamps(repo: Path) -> dict[str, int]:
    """Modification times of the checksums sphinx-gallery writes after running an example."""
    gallery = repo / "docs" / "auto_examples"
    return {p.relative_to(gallery).as_posix(): p.stat().st_mtime_ns
            for p in gallery.rglob("*.py.md5")} if gallery.is_dir() else {}


class Build:
    """One sphinx-build process; its CPU time is its own (os.wait4), even beside another."""

    def __init__(self, name: str, command: list[str], repo: Path, env: dict):
        self.name, self.log = name, tempfile.TemporaryFile("w+")
        self.start = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=repo, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, text=True)
        self.ended = None  # (status, usage, seconds) once reaped

    def _reap(self, options: int) -> None:
        # Through os.wait4 only: Popen.poll would reap the process and lose its CPU time.
        if self.ended is None:
            pid, status, usage = os.wait4(self.process.pid, options)
            if pid:
                self.ended = status, usage, time.perf_counter() - self.start

    def running(self) -> bool:
        self._reap(os.WNOHANG)
        return self.ended is None

    def wait(self) -> dict:
        self._reap(0)
        status, usage, seconds = self.ended
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.log.seek(0)
        output = self.log.read()
        if self.process.returncode:
            sys.exit(f"{self.name} failed ({self.process.returncode}):\n{output[-6000:]}")
        reported = [int(m[1]) for m in EXECUTED.finditer(output)]
        return {"step": self.name, "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                "reported": sum(reported)}


def run_phase(repo: Path, python: str, jobs: str) -> dict:
    """`make docs` (English, and Chinese beside it, waiting for the examples), then gettext."""
    # One torch thread, as the Makefile sets it.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1"}
    env.pop("READTHEDOCS_LANGUAGE", None)
    command = commands(python, jobs)
    ready = repo / "build" / "doctrees" / "en" / "examples-ready"
    ready.parent.mkdir(parents=True, exist_ok=True)
    ready.unlink(missing_ok=True)
    before = md5_stamps(repo)
    start = time.perf_counter()
    english = Build("html en", command["en"], repo, {**env, "EXAMPLES_READY": str(ready)})
    chinese = Build("html zh_CN", command["zh_CN"], repo, {**env, "WAIT_FOR_EXAMPLES": str(ready)})
    while not ready.exists() and english.running():
        time.sleep(0.05)
    waited = time.perf_counter() - start
    if not ready.exists():
        chinese.process.kill()
        english.wait()
        sys.exit("the English build ended without signalling that the examples had run")
    try:
        steps = [english.wait(), chinese.wait()]
    finally:  # a failed English build stops the Chinese one, as in the Makefile
        if chinese.running():
            chinese.process.kill()
    steps[1]["waited"] = waited
    seconds = time.perf_counter() - start
    after = md5_stamps(repo)
    executed = sorted(k for k, stamp in after.items() if before.get(k) != stamp)
    shutil.copy2(repo / "conf" / "landing.html", repo / "build" / "html" / "index.html")
    gettext = Build("gettext", command["gettext"], repo, env).wait()
    return {"seconds": seconds, "cpu": sum(s["cpu"] for s in steps), "steps": steps,
            "executed": executed, "gettext": gettext}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edit", type=Path, help="gallery script to edit (default: the first)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that has Sphinx")
    parser.add_argument("--commit", help="build this commit (HEAD ...) instead of the working tree")
    parser.add_argument("--jobs", default="1",
                        help="sphinx-build -j: processes that read and write the pages and run "
                             "the examples (default: %(default)s, as the Makefile's JOBS; auto: "
                             "one per CPU)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="activations-build-"))
    repo = tmp / "repo"
    try:
        copy_repo(repo, args.commit)
        edit = args.edit or min((repo / "gallery").glob("plot_*.py")).relative_to(repo)
        phases = {"cold": run_phase(repo, args.python, args.jobs),
                  "no change": run_phase(repo, args.python, args.jobs)}
        with open(repo / edit, "a", encoding="utf-8") as script:
            script.write("# benchmark: one edited line\n")
        phases["one edit"] = run_phase(repo, args.python, args.jobs)
        examples = len(md5_stamps(repo))
    finally:
        if args.keep:
            print(f"kept {repo}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    total = {phase: p["seconds"] for phase, p in phases.items()}
    cpu = {phase: p["cpu"] for phase, p in phases.items()}
    print(f"Bilingual build (make docs) of a copy of {ROOT} ({os.cpu_count()} CPUs, load "
          f"{os.getloadavg()[0]:.1f}, {examples} examples; edited: {edit})")
    print(f"{'phase':10} {'seconds':>8} {'of cold':>8} {'CPU s':>7} {'of cold':>8}   "
          "per build: seconds / CPU seconds [examples executed]; then make po's gettext")
    for phase, p in phases.items():
        detail = "   ".join(f"{s['step']} {s['seconds']:.1f} / {s['cpu']:.1f} [{s['reported']}]"
                           + (f" (examples ready at {s['waited']:.1f})" if "waited" in s else "")
                           for s in p["steps"])
        g = p["gettext"]
        print(f"{phase:10} {total[phase]:8.1f} {total[phase] / total['cold']:8.0%} "
              f"{cpu[phase]:7.1f} {cpu[phase] / cpu['cold']:8.0%}   {detail}   "
              f"gettext {g['seconds']:.1f} / {g['cpu']:.1f}")

    problems = []
    for phase, p in phases.items():
        reported = sum(s["reported"] for s in p["steps"]) + p["gettext"]["reported"]
        if reported != len(p["executed"]):
            problems.append(f"{phase}: sphinx-gallery says {reported} executed, the .md5 files "
                            f"say {len(p['executed'])}")
        if p["steps"][1]["reported"] or p["gettext"]["reported"]:
            problems.append(f"{phase}: only the English build may run examples")
    executed = {phase: len(p["executed"]) for phase, p in phases.items()}
    edited = Path(edit).relative_to("gallery").as_posix() + ".md5"
    if total["cold"] > GOAL_COLD_S:
        problems.append(f"cold build {total['cold']:.1f} s > {GOAL_COLD_S} s")
    if executed["cold"] != examples:
        problems.append(f"cold build executed {executed['cold']} of {examples} examples")
    if total["no change"] > GOAL_NO_CHANGE_RATIO * total["cold"]:
        problems.append(f"no-change rebuild {total['no change'] / total['cold']:.0%} of cold "
                        f"> {GOAL_NO_CHANGE_RATIO:.0%}")
    if executed["no change"]:
        problems.append(f"no-change rebuild executed {executed['no change']} examples")
    one_edit = phases["one edit"]["executed"]
    if one_edit != [edited]:
        problems.append(f"one edit re-ran {one_edit}, expected [{edited}]")
    print("goals met" if not problems else "GOALS MISSED:\n  " + "\n  ".join(problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
