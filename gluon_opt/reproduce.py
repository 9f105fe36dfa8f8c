"""Run the chapter's experiments and write their figures and a summary.

Each finished experiment is written at once, atomically: its figures as PNG
and `results/NAME.json` with its rows. `summary.md` is rebuilt from those
files after every experiment, so an interrupted run keeps what finished, and
`resume=True` skips the experiments whose results are already there (for the
same quick/full mode).
"""
import contextlib
import fcntl
import glob
import json
import os
import sys
import time
import traceback

from matplotlib import pyplot as plt

from . import atomic, plotting
from ._factory import unknown_name_error
from .experiments import EXPERIMENTS, Row
from .seed import set_seed

SEED = 0


def select(only=None):
    """The experiments to run, in registry order; `only` names a subset."""
    if only is None:
        return list(EXPERIMENTS.values())
    if not isinstance(only, (list, tuple)) or \
            not all(isinstance(name, str) for name in only):
        raise TypeError(f"only must be a list of experiment names such as "
                        f"['gd-1d'], got {only!r}")
    if not only:
        return list(EXPERIMENTS.values())
    unknown = [name for name in only if name not in EXPERIMENTS]
    if unknown:
        raise unknown_name_error(unknown[0], EXPERIMENTS, argument="only")
    return [EXPERIMENTS[name] for name in only]


def result_path(out, name):
    return os.path.join(out, "results", name + ".json")


class OutFolderError(ValueError):
    """The --out folder cannot be used (a file, empty, not writable, busy)."""


def _valid_row(row):
    return (isinstance(row, dict) and isinstance(row.get("quantity"), str)
            and "ours" in row and "book" in row and "tol" in row
            and row.get("ok") in (True, False, None))


def valid_record(record, name):
    """Whether `record` has the shape run_one writes, for experiment `name`."""
    return (isinstance(record, dict) and record.get("name") == name
            and isinstance(record.get("quick"), bool)
            and isinstance(record.get("seconds"), (int, float))
            and isinstance(record.get("figures"), list)
            and all(isinstance(f, str) for f in record["figures"])
            and isinstance(record.get("rows"), list)
            and all(_valid_row(row) for row in record["rows"]))


def load_result(out, name, stream=None):
    """The stored result of experiment `name`, or None when there is none or
    it is not a result (then a one-line notice goes to `stream`, and the
    experiment is run again when it is selected)."""
    path = result_path(out, name)
    try:
        with open(path, encoding="utf-8") as stream_:
            record = json.load(stream_)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        record = error
    if valid_record(record, name):
        return record
    if stream is not None:
        print(f"notice: {path} is not a result of {name} (unreadable or "
              f"malformed); it is left out and rerun when selected",
              file=stream, flush=True)
    return None


LOCK_NAME = ".gluon-opt-reproduce.lock"


@contextlib.contextmanager
def out_folder(out):
    """Check, create and lock the --out folder for one run.

    A path that is empty, a file, or not writable raises OutFolderError in
    one sentence. A second run into a folder in use raises it too (an
    exclusive lock on OUT/.gluon-opt-reproduce.lock, released when the run
    ends or dies). Partial files a killed run left (`.*.part`) are removed.
    """
    if not isinstance(out, (str, os.PathLike)) or not str(out).strip():
        raise OutFolderError(f"--out must name a folder, got {out!r}")
    folder = os.path.abspath(out)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise OutFolderError(f"--out {folder} is a file, not a folder")
    try:
        os.makedirs(os.path.join(folder, "results"), exist_ok=True)
        lock = open(os.path.join(folder, LOCK_NAME), "a+")
    except (OSError, ValueError) as error:  # ValueError: a NUL byte
        raise OutFolderError(f"--out {folder} cannot be written "
                             f"({getattr(error, 'strerror', None) or error})"
                             ) from None
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutFolderError(
                f"--out {folder} is in use by another gluon-opt reproduce "
                f"run; wait for it or choose another folder") from None
        if not os.access(folder, os.W_OK):
            raise OutFolderError(f"--out {folder} is read-only")
        for leftover in (glob.glob(os.path.join(folder, ".*.part"))
                         + glob.glob(os.path.join(folder, "results", ".*.part"))):
            os.remove(leftover)
        yield folder
    finally:
        lock.close()


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
    atomic.write_json(result_path(out, exp.name), record)
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


def write_summary(out, stream=None):
    """Rebuild DIR/summary.md from every stored result, in registry order
    (malformed ones left out, with a notice to `stream`)."""
    records = [r for r in (load_result(out, name, stream)
                           for name in EXPERIMENTS) if r]
    atomic.write_text(os.path.join(out, "summary.md"), summary_markdown(records))
    return records


def reproduce(out, only=None, quick=False, resume=False, stream=None):
    """Run the selected experiments; return (records, failures).

    Progress goes to `stream` (default: standard output), a line as each
    experiment starts and ends.
    """
    stream = stream or sys.stdout
    experiments = select(only)
    with out_folder(out):
        return _run_all(experiments, out, quick, resume, stream)


def _run_all(experiments, out, quick, resume, stream):
    failures = []
    for number, exp in enumerate(experiments, 1):
        prefix = f"[{number}/{len(experiments)}] {exp.name}"
        stored = load_result(out, exp.name, stream) if resume else None
        if stored is not None and stored["quick"] == quick:
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
    records = write_summary(out, stream)
    return records, failures


__all__ = ["reproduce", "select", "summary_markdown", "write_summary", "Row"]
