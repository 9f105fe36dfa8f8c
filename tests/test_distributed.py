"""Issue 16: the scratch optimizers on MXNet's own parameter server, on 127.0.0.1.

Every job here is real: a scheduler, one server and two workers over ps-lite
on the loopback interface, started by gluon_opt.distributed.launch on a free
port chosen at run time.
"""
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import mxnet as mx
import numpy as np
import psutil
import pytest

from gluon_opt.distributed import JobFailed, launch
from gluon_opt.distributed.train import load_runs, train_regression

TRAIN = [sys.executable, "-m", "gluon_opt.distributed.train", "regression"]
# Hyperparameters that move the weights far in 20 steps, so that a wrong
# rescale or a missing update could not stay within the tolerance.
OPTIMIZERS = {
    "sgd": {"learning_rate": 0.1, "momentum": 0.9},
    "adam": {"learning_rate": 0.05},
    "lars": {"learning_rate": 1.0, "momentum": 0.9, "eta": 0.01},
    "lamb": {"learning_rate": 0.05},
}


def run_job(tmp_path, name, *extra, echo=False):
    out = tmp_path / "weights"
    launch(TRAIN + ["--optimizer", name, "--optimizer-params",
                    json.dumps(OPTIMIZERS[name]), "--out", str(out), *extra],
           2, 1, timeout=90, echo=echo)
    return load_runs(out)


def max_difference(weights_a, weights_b):
    return max(float(np.abs(a - b).max()) for a, b in zip(weights_a, weights_b))


def job_processes(job):
    """The processes still alive in any process group the job started."""
    return processes_in_groups(set(job.pids.values()))


def processes_in_groups(groups):
    """The processes (not zombies) whose process group is one of `groups`."""
    alive = []
    for process in psutil.process_iter():
        try:
            if os.getpgid(process.pid) in groups and \
                    process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except (ProcessLookupError, psutil.Error):
            continue
    return alive


@pytest.mark.parametrize("update_on_kvstore", ["1", "0"])
@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_dist_sync_equals_one_process_on_the_whole_batch(
        tmp_path, name, update_on_kvstore):
    runs = run_job(tmp_path, name, "--kvstore", "dist_sync",
                   "--update-on-kvstore", update_on_kvstore)
    single = train_regression(name, OPTIMIZERS[name], steps=20, batch_size=32)
    start = train_regression(name, OPTIMIZERS[name], steps=1, batch_size=32)
    assert [run.rank for run in runs] == [0, 1]
    assert all(run.num_workers == 2 and len(run.losses) == 20 for run in runs)
    # The training moved the weights: equality is not two idle copies.
    assert max_difference(single.weights, start.weights) > 0.1
    for run in runs:
        assert max_difference(run.weights, single.weights) <= 1e-5


def listening_addresses(stop):
    """(pid, address) of every listening socket of this process's descendants,
    polled until `stop` is set."""
    seen = set()
    while not stop.is_set():
        for child in psutil.Process().children(recursive=True):
            try:
                for connection in child.net_connections(kind="inet"):
                    if connection.status == psutil.CONN_LISTEN:
                        seen.add((child.pid, connection.laddr.ip))
            except psutil.Error:
                continue
        time.sleep(0.02)
    return seen


def test_dist_async_runs_and_the_workers_weights_differ(tmp_path, capsys):
    # While the job runs, watch where its processes listen: loopback only.
    stop = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        watching = pool.submit(listening_addresses, stop)
        try:
            runs = run_job(tmp_path, "sgd", "--kvstore", "dist_async",
                           "--update-on-kvstore", "1", echo=True)
        finally:
            stop.set()
        listening = watching.result()
    assert {address for _, address in listening} == {"127.0.0.1"}
    # The scheduler, the server and both workers each listened.
    assert len({pid for pid, _ in listening}) >= 4
    printed = capsys.readouterr().out
    # Each line says who printed it (train.py prints one line per worker).
    assert "[worker 0] rank " in printed and "[worker 1] rank " in printed
    assert len(runs) == 2
    for run in runs:
        assert all(np.isfinite(w).all() for w in run.weights)
    # Each worker pulls whenever it likes, so they end at different weights.
    assert max_difference(runs[0].weights, runs[1].weights) > 0


def test_a_server_that_cannot_import_the_optimizer_fails_the_job(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    (private / "private_optimizers.py").write_text(textwrap.dedent("""
        from gluon_opt.optimizers import SGD

        class HiddenMomentum(SGD):
            '''A scratch SGD whose module only the workers can import.'''
    """))
    workdir = tmp_path / "job"
    workdir.mkdir()
    (workdir / "train.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(private)!r})
        from private_optimizers import HiddenMomentum
        from gluon_opt.distributed.train import train_regression
        train_regression(HiddenMomentum(learning_rate=0.1, momentum=0.9),
                         kvstore="dist_sync", update_on_kvstore=True)
    """))
    with pytest.raises(JobFailed) as failed:
        launch([sys.executable, "train.py"], 2, 1, timeout=60,
               cwd=str(workdir), echo=False)
    message = str(failed.value)
    assert "could not install the optimizer" in message
    assert "HiddenMomentum from module private_optimizers" in message
    assert "PYTHONPATH" in message
    job = failed.value.job
    assert job.returncodes["server 0"] != 0
    assert job.seconds < 50  # failed fast, not at the timeout
    assert job_processes(job) == []


def test_a_crashing_worker_stops_the_job_and_leaves_nothing_running(tmp_path):
    # Worker 1 dies at once; worker 0 would wait for it forever in the
    # kvstore's barrier, and it starts a child that would sleep on.
    script = tmp_path / "crash.py"
    script.write_text(textwrap.dedent("""
        import os, subprocess, sys, time
        if os.environ["DMLC_TASK_ID"] == "1":
            sys.exit(3)
        subprocess.Popen(["sleep", "300"])
        import mxnet as mx
        mx.kv.create("dist_sync")
        time.sleep(300)
    """))
    def previous_handler(signum, frame):
        pass

    signal.signal(signal.SIGTERM, previous_handler)
    try:
        with pytest.raises(JobFailed) as failed:
            launch([sys.executable, str(script)], 2, 1, timeout=60, echo=False)
        # launch() raises on SIGTERM while the job runs, then gives it back.
        assert signal.getsignal(signal.SIGTERM) is previous_handler
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    job = failed.value.job
    assert "worker 1 exited with status 3" in str(failed.value)
    assert job.seconds < 60
    assert job_processes(job) == []


def test_a_job_past_its_timeout_is_stopped(tmp_path):
    with pytest.raises(JobFailed, match="timeout of 2 s") as failed:
        launch([sys.executable, "-c", "import time; time.sleep(300)"], 2, 1,
               timeout=2, echo=False)
    job = failed.value.job
    assert job.seconds < 20
    assert job_processes(job) == []


@pytest.mark.parametrize("kvstore", ["device", "local"])
def test_two_devices_in_one_process_equal_one_device(kvstore):
    for name in ("sgd", "lamb"):
        single = train_regression(name, OPTIMIZERS[name], steps=20)
        two = train_regression(name, OPTIMIZERS[name], steps=20,
                               kvstore=kvstore, ctx=[mx.cpu(0), mx.cpu(1)])
        assert max_difference(two.weights, single.weights) <= 1e-5


@pytest.mark.parametrize("bad, error, words", [
    (dict(command=[]), TypeError, "command"),
    (dict(num_workers=0), ValueError, "num_workers"),
    (dict(timeout=-1), ValueError, "timeout"),
    (dict(cwd="/no/such/folder"), ValueError, "cwd"),
])
def test_bad_arguments_are_refused_by_name(bad, error, words):
    arguments = dict(command=["true"], num_workers=1, num_servers=1)
    arguments.update(bad)
    with pytest.raises(error, match=words):
        launch(**arguments)


def test_the_command_exits_non_zero_when_a_worker_fails():
    from gluon_opt.cli import main
    assert main(["launch", "-n", "2", "-s", "1", "--timeout", "60", "--",
                 sys.executable, "-c", "import sys; sys.exit(3)"]) == 1
    assert main(["launch", "-n", "2", "--timeout", "1", "--", sys.executable,
                 "-c", "import time; time.sleep(300)"]) == 124
    assert main(["launch", "-n", "2"]) == 2  # no command


def test_sigterm_to_the_launcher_stops_every_process_of_the_job(tmp_path):
    # Each worker notes that it started, leaves a child behind, and sleeps.
    script = tmp_path / "sleeper.py"
    script.write_text(textwrap.dedent(f"""
        import os, pathlib, subprocess, time
        subprocess.Popen(["sleep", "300"])
        pathlib.Path({str(tmp_path)!r}, "started-" + os.environ["DMLC_TASK_ID"]).touch()
        time.sleep(300)
    """))
    launcher = subprocess.Popen(
        [sys.executable, "-m", "gluon_opt.cli", "launch", "-n", "2",
         "--timeout", "120", "--", sys.executable, str(script)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not all((tmp_path / f"started-{rank}").exists() for rank in (0, 1)):
            assert launcher.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        # Every process the launcher started leads its own process group.
        groups = {child.pid for child in psutil.Process(launcher.pid).children()}
        assert len(groups) == 4  # scheduler, server, two workers
        assert len(processes_in_groups(groups)) >= 6  # and the two sleeps
        launcher.send_signal(signal.SIGTERM)
        _, stderr = launcher.communicate(timeout=30)
    finally:
        if launcher.poll() is None:  # the test failed: leave nothing behind
            launcher.terminate()
            try:
                launcher.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
    assert launcher.returncode == 128 + signal.SIGTERM
    assert b"terminated (SIGTERM); every process was stopped" in stderr
    assert processes_in_groups(groups) == []


def test_workers_train_mnist_on_the_shipped_split_and_never_download(
        tmp_path, monkeypatch):
    import urllib.request
    from gluon_opt.distributed.train import train_mnist

    def no_network(*args, **kwargs):
        raise AssertionError("a worker tried to download")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.delenv("GLUON_OPT_DATA", raising=False)
    run = train_mnist("sgd", {"learning_rate": 0.1}, batch_size=128,
                      num_epochs=1, num_train=256)
    assert "the copy the package ships" in run.data_source
    assert len(run.losses) == 2 and 0 <= run.test_accuracy <= 1


def test_the_study_refuses_an_optimizer_it_does_not_sweep():
    from gluon_opt.experiments.large_batch import large_batch_study
    with pytest.raises(ValueError, match="optimizers must be some of"):
        large_batch_study(optimizers=("sgd", "adamw"))
