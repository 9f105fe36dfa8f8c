"""gluon-opt reproduce: figures, summary, progress, --only, --list, --resume,
and nothing lost when a run is interrupted."""
import io
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
from matplotlib import pyplot as plt

from gluon_opt import reproduce
from gluon_opt.experiments import EXPERIMENTS, Experiment, Result, Row
from gluon_opt.cli import main

BIN = pathlib.Path(sys.executable).parent


def gluon_opt_command():
    """The installed console script, else the module (a work-tree run)."""
    script = BIN / "gluon-opt"
    return [str(script)] if script.exists() else [sys.executable, "-m",
                                                  "gluon_opt.cli"]


def test_list_names_every_experiment():
    out = subprocess.run(gluon_opt_command() + ["reproduce", "--list"],
                         capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()]
    # What the package registers on import (tests may register more here).
    registered = subprocess.run(
        [sys.executable, "-c", "import gluon_opt.experiments as e; "
         "print(' '.join(e.EXPERIMENTS))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert names == registered
    assert "momentum-gluon" in names and "momentum-scratch" in names


def test_only_one_experiment_writes_its_figure_result_and_summary(tmp_path):
    proc = subprocess.run(
        gluon_opt_command() + ["reproduce", "--out", str(tmp_path),
                               "--only", "momentum-gluon"],
        capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "[1/1] momentum-gluon: done in" in proc.stdout
    assert (tmp_path / "momentum-gluon.png").read_bytes()[:4] == b"\x89PNG"
    record = json.loads((tmp_path / "results" / "momentum-gluon.json").read_text())
    assert not record["quick"]
    summary = (tmp_path / "summary.md").read_text()
    assert "| momentum-gluon | momentum 0.9: w1 | 2.00" in summary
    assert "| momentum-gluon | losses logged per run | 301 |  |  |  |" \
        in summary
    assert "**no**" not in summary  # every compared number within tolerance


def test_unknown_experiment_is_refused_with_the_known_names(capsys):
    assert main(["reproduce", "--only", "nope"]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "momentum-gluon" in err


@pytest.fixture
def registered(monkeypatch):
    """Register extra experiments for one test."""
    def register(name, fn):
        monkeypatch.setitem(EXPERIMENTS, name, Experiment(name, name, fn))
    return register


def ok_experiment(quick):
    fig = plt.figure()
    plt.plot([1, 2])
    return Result(figures={"ok-figure": fig},
                  rows=[Row("answer", 42.0, book=42.0, tol=0.5),
                        Row("off", 1.0, book=2.0, tol=0.5)])


def test_interrupted_run_keeps_what_finished_and_resume_continues(
        tmp_path, registered, capsys):
    calls = []

    def interrupted(quick):
        calls.append(quick)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return Result(rows=[Row("finished", 1)])

    registered("t-ok", ok_experiment)
    registered("t-interrupted", interrupted)
    assert main(["reproduce", "--out", str(tmp_path), "--only", "t-ok",
                 "--only", "t-interrupted"]) == 130
    assert "--resume" in capsys.readouterr().err
    assert (tmp_path / "ok-figure.png").exists()
    summary = (tmp_path / "summary.md").read_text()
    assert "| t-ok | answer | 42 | 42 | 0.5 | yes |" in summary
    assert "| t-ok | off | 1 | 2 | 0.5 | **no** |" in summary
    assert "t-interrupted" not in summary
    assert not [p for p in tmp_path.rglob("*.part")]  # no half files

    mtime = (tmp_path / "results" / "t-ok.json").stat().st_mtime_ns
    assert main(["reproduce", "--out", str(tmp_path), "--only", "t-ok",
                 "--only", "t-interrupted", "--resume"]) == 0
    out = capsys.readouterr().out
    assert "t-ok: kept from an earlier run" in out
    assert (tmp_path / "results" / "t-ok.json").stat().st_mtime_ns == mtime
    assert "| t-interrupted | finished | 1 |" in (tmp_path / "summary.md").read_text()


def test_a_failing_experiment_does_not_stop_the_others(tmp_path, registered,
                                                       capsys):
    def broken(quick):
        raise RuntimeError("boom")

    registered("t-broken", broken)
    registered("t-ok", ok_experiment)
    assert main(["reproduce", "--out", str(tmp_path), "--only", "t-broken",
                 "--only", "t-ok"]) == 1
    captured = capsys.readouterr()
    assert "t-broken: FAILED" in captured.out and "boom" in captured.out
    assert "failed: t-broken" in captured.err
    assert (tmp_path / "results" / "t-ok.json").exists()


def test_resume_reruns_results_of_the_other_mode(tmp_path, registered):
    runs = []
    registered("t-count", lambda quick: runs.append(quick) or Result())
    reproduce.reproduce(str(tmp_path), only=["t-count"], quick=True,
                        stream=open(os.devnull, "w"))
    reproduce.reproduce(str(tmp_path), only=["t-count"], quick=False,
                        resume=True, stream=open(os.devnull, "w"))
    assert runs == [True, False]


def test_every_experiment_is_seeded(tmp_path, registered):
    import numpy as np
    draws = []
    registered("t-draw", lambda quick: draws.append(np.random.rand()) or Result())
    for _ in range(2):
        reproduce.reproduce(str(tmp_path), only=["t-draw"],
                            stream=open(os.devnull, "w"))
    assert draws[0] == draws[1]


def fresh_machine_env(home):
    """The environment of a fresh machine: an empty home directory, no
    GLUON_OPT_DATA, no MXNET_HOME (so nothing beside the package)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GLUON_OPT_DATA", "MXNET_HOME", "MPLBACKEND")}
    env["HOME"] = str(home)
    return env


def run_fresh(args, tmp_path, timeout=900):
    """`gluon-opt ARGS` as on a fresh machine, with umask 022; returns the
    finished process."""
    home = tmp_path / "home"
    home.mkdir()
    proc = subprocess.run(
        gluon_opt_command() + args, capture_output=True, text=True,
        timeout=timeout, env=fresh_machine_env(home),
        preexec_fn=lambda: os.umask(0o022))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # No data folder made, nothing downloaded (matplotlib may keep its font
    # cache under ~/.cache and ~/.config; that is not ours).
    assert not (home / ".mxnet").exists()
    assert sorted(p.name for p in home.iterdir()) <= [".cache", ".config"]
    return proc


# MXNet's C++ log lines look like "[04:31:02] src/operator/...: message".
CPP_LOG_LINE = re.compile(r"^\[\d\d:\d\d:\d\d\] (src|\.\./src)/", re.MULTILINE)


def table_rows(summary):
    """The rows of the summary's first table, split on unescaped pipes."""
    first_table = summary.split("\n\n")[1]
    rows = [line for line in first_table.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]
            for row in rows]


@pytest.mark.slow
def test_the_whole_chapter_reproduces_end_to_end_in_quick_mode(tmp_path):
    proc = run_fresh(["reproduce", "--quick", "--out", str(tmp_path / "out")],
                     tmp_path)
    tmp_path = tmp_path / "out"
    output = proc.stdout + proc.stderr
    assert not CPP_LOG_LINE.search(output), output
    assert "overwritten" not in output and "Warning" not in output, output
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o644, path  # the umask's
    records = [json.loads(p.read_text())
               for p in (tmp_path / "results").glob("*.json")]
    registered = subprocess.run(
        [sys.executable, "-c", "import gluon_opt.experiments as e; "
         "print(' '.join(e.EXPERIMENTS))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert sorted(r["name"] for r in records) == sorted(registered)
    for record in records:
        assert record["quick"]
        for figure in record["figures"]:
            assert (tmp_path / figure).read_bytes()[:4] == b"\x89PNG", figure
    summary = (tmp_path / "summary.md").read_text()
    # The deterministic 2-D numbers do not depend on the mode.
    assert ("| traces-2d | adagrad η=0.4: printed | epoch 20, x1 -2.382563, "
            "x2 -0.158591 | epoch 20, x1 -2.382563, x2 -0.158591 |  | yes |"
            in summary)
    assert ("| traces-2d | adagrad η=2: printed | epoch 20, x1 -0.002295, "
            "x2 -0.000000 | epoch 20, x1 -0.002295, x2 -0.000000 |  | yes |"
            in summary)
    assert "**no**" not in summary
    assert proc.stdout.count(": done in") == len(registered)


@pytest.mark.slow
def test_every_number_the_book_printed_is_within_in_a_full_run(tmp_path):
    """The full airfoil and 2-D trace experiments, on a fresh machine: each
    row with a book number is within its tolerance (medians of 5 seeds)."""
    from gluon_opt.experiments.airfoil import SECTIONS
    only = [arg for name in [*SECTIONS, "traces-2d"] for arg in ("--only", name)]
    run_fresh(["reproduce", *only, "--out", str(tmp_path / "out")], tmp_path)
    rows = table_rows((tmp_path / "out" / "summary.md").read_text())
    header, body = rows[0], [r for r in rows[2:] if len(r) == 6]
    assert header == ["experiment", "quantity", "ours", "book", "tolerance",
                      "within"]
    compared = [r for r in body if r[3]]
    books = {float(r[3]) for r in compared if r[0] in SECTIONS}
    assert books == {run.book for _, runs in SECTIONS.values() for run in runs}
    assert len(compared) == 16 + 7  # the 16 airfoil runs, 7 printed traces
    assert all(r[5] == "yes" for r in compared), [r for r in compared
                                                   if r[5] != "yes"]
    assert all(r[5] == "" for r in body if not r[3])


def test_the_summary_escapes_pipes_and_leaves_rows_without_a_book_empty():
    records = [{"name": "t", "quick": False, "seconds": 1, "figures": [],
                "rows": [dict(Row("a|b", "x|y").__dict__, ok=None),
                         dict(Row("n", 1.0, 1.0, 0.1).__dict__, ok=True),
                         dict(Row("m", 2.0, spread=(1.5, 2.5)).__dict__,
                              ok=None)]}]
    rows = table_rows(reproduce.summary_markdown(records))
    assert all(len(row) == 6 for row in rows)
    assert rows[2] == ["t", "a\\|b", "x\\|y", "", "", ""]
    assert rows[3][5] == "yes"
    assert rows[4][2] == "2 (range 1.5 to 2.5)" and rows[4][5] == ""


def test_version_and_the_data_help(capsys):
    from gluon_opt import __version__
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"gluon-opt {__version__}"
    with pytest.raises(SystemExit):
        main(["reproduce", "--help"])
    text = capsys.readouterr().out
    assert "GLUON_OPT_DATA" in text and "ships" in text


# ----------------------------------------------- the results folder (issue 12)

@pytest.mark.parametrize("content", ["[]", '"hello"', '{"quick": false}',
                                     "{not json"])
@pytest.mark.parametrize("resume", [False, True])
def test_a_malformed_result_is_named_and_rerun_never_a_traceback(
        tmp_path, registered, content, resume):
    registered("t-ok", ok_experiment)
    registered("t-other", lambda quick: Result(rows=[Row("x", 1.0)]))
    (tmp_path / "results").mkdir()
    bad = tmp_path / "results" / "t-ok.json"
    bad.write_text(content)
    stream = io.StringIO()
    # Another experiment: the bad file is named and left out of the summary.
    records, failures = reproduce.reproduce(str(tmp_path), only=["t-other"],
                                            resume=resume, stream=stream)
    assert failures == [] and [r["name"] for r in records] == ["t-other"]
    assert f"notice: {bad} is not a result of t-ok" in stream.getvalue()
    # The experiment itself: rerun, and its file is a result again.
    records, _ = reproduce.reproduce(str(tmp_path), only=["t-ok"],
                                     resume=resume, stream=io.StringIO())
    assert json.loads(bad.read_text())["name"] == "t-ok"
    assert {r["name"] for r in records} == {"t-ok", "t-other"}


def test_partial_files_a_killed_run_left_are_removed(tmp_path, registered):
    registered("t-ok", ok_experiment)
    (tmp_path / "results").mkdir()
    leftovers = [tmp_path / ".ok-figure.png.abc123.part",
                 tmp_path / "results" / ".t-ok.json.xyz.part"]
    for path in leftovers:
        path.write_bytes(b"half")
    reproduce.reproduce(str(tmp_path), only=["t-ok"], resume=True,
                        stream=io.StringIO())
    assert not any(path.exists() for path in leftovers)


def test_a_second_run_into_a_folder_in_use_is_refused(tmp_path, capsys):
    with reproduce.out_folder(str(tmp_path)):
        assert main(["reproduce", "--only", "gd-1d", "--out",
                     str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "in use by another gluon-opt reproduce run" in err
    assert "Traceback" not in err
    # Released: the next run goes ahead.
    assert main(["reproduce", "--only", "gd-1d", "--out", str(tmp_path)]) == 0


@pytest.mark.parametrize("kind", ["file", "empty", "under a file"])
def test_a_bad_out_gets_one_line_and_a_nonzero_exit(tmp_path, capsys, kind):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    out = {"file": str(a_file), "empty": "",
           "under a file": str(a_file / "sub")}[kind]
    assert main(["reproduce", "--only", "gd-1d", "--out", out]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("gluon-opt: --out")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_out_gets_one_line(tmp_path, capsys):
    tmp_path.chmod(0o555)
    try:
        assert main(["reproduce", "--only", "gd-1d", "--out",
                     str(tmp_path)]) == 2
    finally:
        tmp_path.chmod(0o755)
    assert "cannot be written" in capsys.readouterr().err


@pytest.mark.slow
def test_kills_at_random_points_then_resume_equal_an_uninterrupted_run(tmp_path):
    """Fault injection: SIGKILL `reproduce` at random moments (mid-figure,
    mid-result), resume each time; no partial file survives and the summary
    equals an uninterrupted run's, timing aside."""
    import random
    import signal
    import time
    args = ["reproduce", "--only", "gd-1d", "--only", "traces-2d", "--only",
            "gd-2d", "--quick"]
    whole = tmp_path / "whole"
    subprocess.run(gluon_opt_command() + args + ["--out", str(whole)],
                   check=True, capture_output=True, timeout=300)
    killed = tmp_path / "killed"
    rng = random.Random(0)
    for _ in range(4):
        proc = subprocess.Popen(
            gluon_opt_command() + args + ["--resume", "--out", str(killed)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    subprocess.run(gluon_opt_command() + args + ["--resume", "--out",
                                                 str(killed)],
                   check=True, capture_output=True, timeout=300)
    assert list(killed.rglob("*.part")) == []

    def table(folder):
        return (folder / "summary.md").read_text().split("\n\n")[1]

    assert table(killed) == table(whole)
