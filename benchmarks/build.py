"""Build time of the bilingual site: cold, with nothing changed, and after editing one example.

The repository's files (tracked, and untracked but not ignored: what `git status` would show;
or, with --commit, a commit) are copied to a temporary folder, so the working tree and its build/ are never touched and the
cold build really starts from nothing (no executed examples, no doctrees, no .mo files). Each
phase runs what a full build runs:

    sphinx-build -b html -D language=en         (executes the gallery)   `make docs`
    sphinx-build -b html -D language=zh_CN      (reuses the executed examples)
    sphinx-build -b gettext -D plot_gallery=0   (the messages)               `make po`

1. cold: from the fresh copy;
2. no change: the same three commands again;
3. one edit: after appending a comment line to one gallery script.

The default order is the Makefile's. With --order gettext,en,zh_CN the gettext pass (which does
not execute examples) reads the example pages before the English build executes and rewrites
them, so the first rebuild re-reads those pages for gettext.

Wall time moves with whatever else the machine runs; the CPU time of the build processes (user +
system, from the operating system's accounting of finished child processes) moves far less, so
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
import resource
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


def commands(python: str, order: list[str], jobs: str) -> list[tuple[str, list[str]]]:
    sphinx = [*SPHINX, "-j", jobs]
    steps = [
        ("gettext", [python, *sphinx, "-b", "gettext", "-D", "plot_gallery=0", "docs",
                     "build/gettext"]),
        ("html en", [python, *sphinx, "-b", "html", "-D", "language=en", "docs", "build/html/en",
                     "-d", "build/doctrees/en"]),
        ("html zh_CN", [python, *sphinx, "-b", "html", "-D", "language=zh_CN", "docs",
                        "build/html/zh_CN", "-d", "build/doctrees/zh_CN"]),
    ]
    by_name = {name.removeprefix("html "): (name, command) for name, command in steps}
    return [by_name[name] for name in order]


def md5_stamps(repo: Path) -> dict[str, int]:
    """Modification times of the checksums sphinx-gallery writes after running an example."""
    gallery = repo / "docs" / "auto_examples"
    return {p.relative_to(gallery).as_posix(): p.stat().st_mtime_ns
            for p in gallery.rglob("*.py.md5")} if gallery.is_dir() else {}


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_phase(repo: Path, python: str, order: list[str], jobs: str) -> list[dict]:
    steps = []
    # One torch thread, as the Makefile sets it.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1"}
    env.pop("READTHEDOCS_LANGUAGE", None)
    for name, command in commands(python, order, jobs):
        before = md5_stamps(repo)
        start, cpu = time.perf_counter(), children_cpu()
        done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
        seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
        if done.returncode:
            sys.exit(f"{name} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        after = md5_stamps(repo)
        rerun = sorted(k for k, stamp in after.items() if before.get(k) != stamp)
        reported = [int(m[1]) for m in EXECUTED.finditer(done.stdout + done.stderr)]
        steps.append({"step": name, "seconds": seconds, "cpu": cpu, "executed": rerun,
                      "reported": sum(reported) if reported else 0})
    shutil.copy2(repo / "conf" / "landing.html", repo / "build" / "html" / "index.html")
    return steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edit", type=Path, help="gallery script to edit (default: the first)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that has Sphinx")
    parser.add_argument("--commit", help="build this commit (HEAD ...) instead of the working tree")
    parser.add_argument("--order", default="en,zh_CN,gettext",
                        help="order of the three builds in each phase (default: %(default)s)")
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
        order = args.order.split(",")
        phases = {"cold": run_phase(repo, args.python, order, args.jobs),
                  "no change": run_phase(repo, args.python, order, args.jobs)}
        with open(repo / edit, "a", encoding="utf-8") as script:
            script.write("# benchmark: one edited line\n")
        phases["one edit"] = run_phase(repo, args.python, order, args.jobs)
        examples = len(md5_stamps(repo))
    finally:
        if args.keep:
            print(f"kept {repo}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    total = {phase: sum(s["seconds"] for s in steps) for phase, steps in phases.items()}
    cpu = {phase: sum(s["cpu"] for s in steps) for phase, steps in phases.items()}
    print(f"Bilingual build of a copy of {ROOT} ({os.cpu_count()} CPUs, {examples} examples; "
          f"edited: {edit})")
    print(f"{'phase':10} {'seconds':>8} {'of cold':>8} {'CPU s':>7} {'of cold':>8}   "
          "per step: seconds / CPU seconds [examples executed]")
    for phase, steps in phases.items():
        detail = "   ".join(f"{s['step']} {s['seconds']:.1f} / {s['cpu']:.1f} [{len(s['executed'])}]"
                           for s in steps)
        print(f"{phase:10} {total[phase]:8.1f} {total[phase] / total['cold']:8.0%} "
              f"{cpu[phase]:7.1f} {cpu[phase] / cpu['cold']:8.0%}   {detail}")

    problems = []
    for phase, steps in phases.items():
        for s in steps:
            if s["reported"] != len(s["executed"]):
                problems.append(f"{phase}/{s['step']}: sphinx-gallery says {s['reported']} "
                                f"executed, the .md5 files say {len(s['executed'])}")
    executed = {phase: sum(len(s["executed"]) for s in steps) for phase, steps in phases.items()}
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
    one_edit = [e for s in phases["one edit"] for e in s["executed"]]
    if one_edit != [edited]:
        problems.append(f"one edit re-ran {one_edit}, expected [{edited}]")
    print("goals met" if not problems else "GOALS MISSED:\n  " + "\n  ".join(problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
