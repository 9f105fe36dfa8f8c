"""gluon-opt reproduce: figures, summary, progress, --only, --list, --resume,
and nothing lost when a run is interrupted."""
import json
import os
import pathlib
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
    assert "| momentum-gluon | losses logged per run | 301 | 301 | 0 | yes |" \
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


@pytest.mark.slow
def test_the_whole_chapter_reproduces_end_to_end_in_quick_mode(tmp_path):
    proc = subprocess.run(
        gluon_opt_command() + ["reproduce", "--quick", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
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
