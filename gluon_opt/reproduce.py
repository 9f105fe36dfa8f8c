"""Run the chapter's experiments and write their figures and a summary.

Each finished experiment is written at once, atomically: its figures as PNG
and `results/NAME.json` with its rows. `summary.md` is rebuilt from those
files after every experiment, so an interrupted run keeps what finished, and
`resume=True` skips the experiments whose results are already there (for the
same quick/full mode).
"""
import json
import os
import sys
import time
import traceback

from matplotlib import pyplot as plt

from . import io, plotting
from .experiments import EXPERIMENTS, Row
from .seed import set_seed

SEED = 0


def select(only=None):
    """The experiments to run, in registry order; `only` names a subset."""
    if not only:
        return list(EXPERIMENTS.values())
    unknown = [name for name in only if name not in EXPERIMENTS]
    if unknown:
        raise ValueError(f"only names unknown experiments {unknown}; known: "
                         f"{', '.join(EXPERIMENTS)}")
    return [EXPERIMENTS[name] for name in only]


def result_path(out, name):
    return os.path.join(out, "results", name + ".json")


def load_result(out, name):
    """The stored result of experiment `name`, or None."""
    try:
        with open(result_path(out, name), encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


def run_one(exp, out, quick):
    """Run one experiment seeded, write its figures and result; return it."""
    set_seed(SEED)
    start = time.perf_counter()
    result = exp.run(quick)
    seconds = time.perf_counter() - start
    figures = []
    for stem, fig in result.figures.items():
        figures.append(stem + ".png")
        plotting.save(fig, os.path.join(out, stem + ".png"))
    plt.close("all")
    record = {"name": exp.name, "title": exp.title, "quick": quick,
              "seconds": round(seconds, 2), "figures": figures,
              "rows": [dict(row.__dict__, ok=row.ok) for row in result.rows]}
    io.write_json(result_path(out, exp.name), record)
    return record


def _cell(value):
    """A table cell: numbers to 6 significant digits, `|` escaped so the
    cell cannot split the markdown row."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _ours(row):
    """Our number, with the seeds' range when it is a median."""
    spread = row.get("spread")
    if not spread:
        return _cell(row["ours"])
    return f"{_cell(row['ours'])} (range {spread[0]:.6g} to {spread[1]:.6g})"


def summary_markdown(records):
    """The summary table: experiment, quantity, ours, the book's, verdict.

    `within` is yes or **no** only where the book printed a number to
    compare with; otherwise it and `book` stay empty."""
    verdict = {True: "yes", False: "**no**", None: ""}
    lines = ["# gluon-opt reproduce: our numbers beside the book's", "",
             "| experiment | quantity | ours | book | tolerance | within |",
             "| --- | --- | --- | --- | --- | --- |"]
    for record in records:
        for row in record["rows"]:
            lines.append(
                f"| {_cell(record['name'])} | {_cell(row['quantity'])} | "
                f"{_ours(row)} | {_cell(row['book'])} | {_cell(row['tol'])} | "
                f"{verdict[row['ok']]} |")
    lines += ["", "| experiment | mode | seconds | figures |",
              "| --- | --- | --- | --- |"]
    for record in records:
        mode = "quick" if record["quick"] else "full"
        figures = ", ".join(f"[{f}]({f})" for f in record["figures"])
        lines.append(f"| {_cell(record['name'])} | {mode} | "
                     f"{record['seconds']} | {figures} |")
    return "\n".join(lines) + "\n"


def write_summary(out):
    """Rebuild DIR/summary.md from every stored result, in registry order."""
    records = [r for r in (load_result(out, name) for name in EXPERIMENTS) if r]
    io.write_text(os.path.join(out, "summary.md"), summary_markdown(records))
    return records


def reproduce(out, only=None, quick=False, resume=False, stream=None):
    """Run the selected experiments; return (records, failures).

    Progress goes to `stream` (default: standard output), a line as each
    experiment starts and ends.
    """
    stream = stream or sys.stdout
    experiments = select(only)
    os.makedirs(out, exist_ok=True)
    failures = []
    for number, exp in enumerate(experiments, 1):
        prefix = f"[{number}/{len(experiments)}] {exp.name}"
        stored = load_result(out, exp.name) if resume else None
        if stored is not None and stored.get("quick") == quick:
            print(f"{prefix}: kept from an earlier run (--resume)",
                  file=stream, flush=True)
            continue
        print(f"{prefix}: {exp.title} ...", file=stream, flush=True)
        try:
            record = run_one(exp, out, quick)
        except Exception:  # one failed experiment must not lose the others
            failures.append(exp.name)
            print(f"{prefix}: FAILED\n{traceback.format_exc()}",
                  file=stream, flush=True)
            continue
        finally:
            write_summary(out)
        off = sum(row["ok"] is False for row in record["rows"])
        print(f"{prefix}: done in {record['seconds']:.1f} s"
              + (f", {off} number(s) outside the book's tolerance" if off else ""),
              file=stream, flush=True)
    records = write_summary(out)
    return records, failures


__all__ = ["reproduce", "select", "summary_markdown", "write_summary", "Row"]
