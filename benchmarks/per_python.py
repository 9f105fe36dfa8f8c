"""python -m benchmarks.per_python: the same cases on several Pythons, side
by side (issue 21 §7: no supported Python more than 10% slower than 3.11).

Each --python is the interpreter of an environment where gluon_opt is
installed (one per CPython, made as the README's Quick start makes it). Every
round runs `python -m benchmarks` once in each of them, in a rotating order,
so that load from elsewhere falls on all alike; a variant's time on a Python
is the median, over the rounds, of that run's median. The table gives each
variant's time on each Python and its ratio to the first Python's.

The d2l-book case needs the official d2l on each Python: --official names
its interpreter, one per --python and in the same order ("-": none). The
official d2l==1.0.3 pins numpy 1.23.5, so on 3.12 and 3.13 it only installs
without its pins, in an environment where gluon_opt's compatibility layer
lets MXNet import (docs/benchmarks.md, *Per Python*, says how it was made).
"""
import argparse
import json
import os
import pathlib
import re
import shlex
import statistics
import subprocess
import sys
import tempfile

from gluon_opt import atomic

from .suite import _ms

ROOT = pathlib.Path(__file__).resolve().parents[1]
SLOWER = 1.10  # the limit: at most 10% slower than the first Python


def run_once(python, arguments, official=None, progress=None):
    """One `python -m benchmarks ARGUMENTS` in the repository's root; returns
    its JSON results."""
    with tempfile.TemporaryDirectory(prefix="gluon-opt-per-python-") as tmp:
        out = os.path.join(tmp, "results.json")
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        if official:
            env["D2L_OFFICIAL_PYTHON"] = official
        else:
            env.pop("D2L_OFFICIAL_PYTHON", None)
        try:
            process = subprocess.Popen(
                [python, "-m", "benchmarks", *arguments, "--json", out],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, text=True)
        except OSError as error:  # not a program this system can run
            raise RuntimeError(f"{python} could not be started: {error}")
        lines = []
        for line in process.stderr:
            lines.append(line)
            if progress:
                progress(f"  [{python}] {line.rstrip()}")
        if process.wait():
            tail = re.sub(r"\x1b\[[0-9;]*m", "", "".join(lines[-30:]))
            raise RuntimeError(f"{python} -m benchmarks failed (exit "
                               f"{process.returncode}):\n{tail}")
        with open(out, encoding="utf-8") as stream:
            return json.load(stream)


def collect(pythons, arguments, rounds, officials=None, progress=None):
    """Runs every Python `rounds` times, interleaved; returns
    (labels, times, failures): a label per Python ("3.12.1, numpy 1.26.4"),
    times[(case title, variant)][i] = the median seconds on Python i (None
    when it was skipped there), in the order the cases and variants came,
    and failures[i] = the end of Python i's error output when a run failed
    (its later rounds are left out; the other Pythons go on)."""
    officials = officials or [None] * len(pythons)
    per_round = {}  # (title, variant) -> {python index: [round medians]}
    labels = list(pythons)
    failures = {}
    for round_i in range(rounds):
        order = list(range(len(pythons)))
        shift = round_i % len(order)
        for i in order[shift:] + order[:shift]:
            if i in failures:
                continue
            if progress:
                progress(f"round {round_i + 1}/{rounds}: {pythons[i]}")
            try:
                result = run_once(pythons[i], arguments, officials[i],
                                  progress)
            except RuntimeError as error:
                failures[i] = str(error)
                if progress:
                    progress(f"{pythons[i]} failed; the others go on")
                continue
            labels[i] = f"{result['python']}, numpy {result['numpy']}"
            for case in result["cases"]:
                for variant in case["variants"]:
                    key = (case["title"], variant["name"])
                    seconds = variant["seconds"]
                    per_round.setdefault(key, {}).setdefault(i, [])
                    if seconds:
                        per_round[key][i].append(statistics.median(seconds))
    repeated = {label for label in labels if labels.count(label) > 1}
    labels = [f"{label} ({python})" if label in repeated else label
              for label, python in zip(labels, pythons)]  # two builds of one
    times = {}
    for key, by_python in per_round.items():
        times[key] = [statistics.median(by_python[i])
                      if by_python.get(i) else None
                      for i in range(len(pythons))]
    return labels, times, failures


def markdown(labels, times, rounds, arguments, failures=None):
    """The side-by-side table: ms per Python, × the first Python; a Python
    whose run failed has "failed" in its cells and its error below."""
    failures = failures or {}
    head = " | ".join(f"{label} ms" for label in labels)
    lines = [f"`python -m benchmarks {shlex.join(arguments)}` in each Python, "
             f"{rounds} interleaved round(s); a Python's time is the median "
             f"of its rounds' medians, × is the ratio to {labels[0]}. "
             f"Above {SLOWER:.2f}× is marked *slower*.", ""]
    title = None
    for (case, variant), row in times.items():
        if case != title:
            title = case
            lines += ["", f"## {case}", "", f"| variant | {head} |",
                      "|---|" + "---:|" * len(labels)]
        cells = []
        for i, seconds in enumerate(row):
            if i in failures:
                cells.append("failed")
                continue
            if seconds is None:
                cells.append("skipped")
                continue
            cell = _ms(seconds)
            if i and row[0]:
                ratio = seconds / row[0]
                slower = ", slower" if ratio > SLOWER else ""
                cell += f" ({ratio:.2f}×{slower})"
            cells.append(cell)
        lines.append(f"| {variant} | " + " | ".join(cells) + " |")
    for i, error in sorted(failures.items()):
        lines += ["", f"{labels[i]} failed:", "", "```", error.strip(), "```"]
    lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.per_python",
        description="Run the benchmark's cases on several Pythons, "
                    "interleaved, and print each variant's time side by "
                    "side with its ratio to the first Python.")
    parser.add_argument("--python", action="append", required=True,
                        metavar="PATH", help="an environment's interpreter "
                        "(repeatable; the first is the reference)")
    parser.add_argument("--official", action="append", metavar="PATH",
                        help="the official d2l's interpreter for the "
                        "d2l-book case, one per --python, in order "
                        "('-': none)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per Python, interleaved (default 3)")
    parser.add_argument("--out", metavar="FILE",
                        help="also write the table to FILE")
    args, passed = parser.parse_known_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    for python in args.python:
        if not (os.path.isfile(python) and os.access(python, os.X_OK)):
            parser.error(f"--python must be an executable interpreter, "
                         f"got {python!r}")
    officials = None
    if args.official:
        if len(args.official) != len(args.python):
            parser.error(f"--official must be given once per --python "
                         f"({len(args.python)}), got {len(args.official)}")
        officials = [None if o == "-" else o for o in args.official]
    if any(a == "--json" or a.startswith("--json=") for a in passed):
        parser.error("--json is this command's own way of reading each "
                     "Python's results; write the table with --out")
    labels, times, failures = collect(
        args.python, passed, args.rounds, officials,
        progress=lambda text: print(text, file=sys.stderr, flush=True))
    table = markdown(labels, times, args.rounds, passed, failures)
    print(table)
    if args.out:
        atomic.write_text(args.out, table)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
