"""Launch a parameter-server job (scheduler, servers, workers) on this machine.

The processes and their environment are those of MXNet's launcher
(`mxnet/tools/launch.py --launcher local`, over `dmlc_tracker`): the
scheduler is ps-lite's (scheduler.py, through MXNet's C API), the servers run
MXNet's own kvstore server, the workers run the user's command, and every
process finds the others through the DMLC_* variables.
What differs is the supervision, which dmlc_tracker's local launcher does not
give: every address is 127.0.0.1, each process runs in its own process group
so that stopping it stops its children too, one failure or the timeout stops
the whole job, and each line of output says which process printed it.
"""
import contextlib
import dataclasses
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import types

from .. import _checks
LOOPBACK = "127.0.0.1"
SCHEDULER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "scheduler.py")
# The role of a scheduler or server, read by gluon_opt.distributed.server
# (DMLC_ROLE would start MXNet's server inside `import mxnet`, too early).
ROLE_VARIABLE = "GLUON_OPT_PS_ROLE"
# The exit status of a server that cannot install the optimizer it was sent.
OPTIMIZER_FAILED = 17
# How long servers and scheduler may take to stop after the last worker ends.
SHUTDOWN_SECONDS = 5.0
# How long a process may take to end after SIGTERM before it gets SIGKILL.
TERMINATE_SECONDS = 3.0
_POLL_SECONDS = 0.05
# The exit status of `gluon-opt launch` for a job stopped at its timeout (as timeout(1)).
TIMEOUT_STATUS = 124


class JobFailed(RuntimeError):
    """A distributed job that did not finish: `job` says what happened."""

    def __init__(self, message, job, timed_out=False):
        super().__init__(message)
        self.job = job
        self.timed_out = timed_out


@dataclasses.dataclass
class Node:
    """One process of the job: its role, its index within the role, its Popen."""
    role: str
    rank: int
    process: subprocess.Popen
    lines: list = dataclasses.field(default_factory=list)

    @property
    def label(self):
        return self.role if self.role == "scheduler" else f"{self.role} {self.rank}"


@dataclasses.dataclass
class Job:
    """What a finished (or stopped) job did.

    returncodes: label ('scheduler', 'server 0', 'worker 1', ...) -> exit
    status (negative: ended by that signal); pids: label -> process id (also
    its process group); output: label -> its lines; failure: why the job
    failed, or None; seconds: wall time.
    """
    returncodes: dict
    pids: dict
    output: dict
    failure: object
    seconds: float

    @property
    def ok(self):
        return self.failure is None


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def job_environment(num_workers, num_servers, port, base=None):
    """The environment of every process: `base` without DMLC_* plus the job's."""
    env = {key: value for key, value in (base or os.environ).items()
           if not key.startswith("DMLC_") and key != ROLE_VARIABLE}
    env.update({
        "DMLC_PS_ROOT_URI": LOOPBACK, "DMLC_PS_ROOT_PORT": str(port),
        "DMLC_NODE_HOST": LOOPBACK, "DMLC_INTERFACE": "lo",
        "DMLC_NUM_WORKER": str(num_workers),
        "DMLC_NUM_SERVER": str(num_servers),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _package_parent():
    return os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))


def _server_environment(env, role, cwd):
    """Servers import gluon_opt and whatever the workers' folder holds."""
    env = dict(env, **{ROLE_VARIABLE: role})
    path = [_package_parent(), cwd or os.getcwd()]
    if env.get("PYTHONPATH"):
        path.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(path)
    return env


def _pump(node, stream, sink, echo, lock):
    """Copy a child's stream line by line, prefixed with who printed it."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip("\n")
        with lock:
            node.lines.append(line)
            if echo:
                print(f"[{node.label}] {line}", file=sink(), flush=True)
    stream.close()


def _start(role, rank, command, env, cwd, echo, lock, threads):
    # DMLC_TASK_ID as dmlc_tracker sets it: the index within the role.
    env = dict(env, DMLC_TASK_ID=str(rank))
    if role == "worker":
        env["DMLC_ROLE"] = "worker"
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True)  # its own process group, to stop it whole
    node = Node(role, rank, process)
    for stream, sink in ((process.stdout, lambda: sys.stdout),
                         (process.stderr, lambda: sys.stderr)):
        thread = threading.Thread(target=_pump, daemon=True,
                                  args=(node, stream, sink, echo, lock))
        thread.start()
        threads.append(thread)
    return node


def _signal_group(node, signum):
    try:
        os.killpg(node.process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone already


def stop(nodes):
    """SIGTERM every node's process group, SIGKILL what is left after a grace."""
    for node in nodes:
        _signal_group(node, signal.SIGTERM)
    deadline = time.monotonic() + TERMINATE_SECONDS
    for node in nodes:
        try:
            node.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for node in nodes:  # also the children of leaders that already ended
        _signal_group(node, signal.SIGKILL)
        node.process.wait()


def _tail(node, count=8):
    return "\n".join(f"  [{node.label}] {line}" for line in node.lines[-count:])


def _check_command(command):
    if isinstance(command, str):
        command = shlex.split(command)
    if (not isinstance(command, (list, tuple)) or not command
            or not all(isinstance(part, str) for part in command)):
        raise TypeError(f"command must be a non-empty list of strings (or one "
                        f"string to split like a shell), got {command!r}")
    return list(command)


def launch(command, num_workers, num_servers=1, timeout=None, *, env=None,
           cwd=None, echo=True, check=True):
    """Run `command` as a `num_workers`-worker, `num_servers`-server job here.

    Starts a scheduler and the servers (MXNet's kvstore server, with
    gluon_opt importable so that its scratch optimizers unpickle there), then
    `command` once per worker with DMLC_ROLE=worker and the job's DMLC_*
    variables; every address is 127.0.0.1. Each line a process prints is
    echoed (when `echo`) with its role and index, e.g. "[worker 1] ...":
    the index is the launch order, the kvstore's rank (kv.rank) is assigned
    by the scheduler and may differ. The job ends when every worker has exited
    0 (then servers and scheduler stop by themselves); a worker or server
    exiting non-zero, or `timeout` seconds passing, stops every process the
    job started. Returns a Job; a failed job raises JobFailed when `check`.
    SIGTERM (from the main thread) or Ctrl-C while the job runs stops every
    process of the job, then raises Terminated or KeyboardInterrupt.
    """
    command = _check_command(command)
    num_workers = _checks.check_int("num_workers", num_workers, minimum=1)
    num_servers = _checks.check_int("num_servers", num_servers, minimum=1)
    if timeout is not None:
        _checks.check_number("timeout", timeout, minimum=0)
        if timeout <= 0:
            raise ValueError(f"timeout must be positive seconds, got {timeout}")
    if cwd is not None and not os.path.isdir(cwd):
        raise ValueError(f"cwd must be an existing folder, got {cwd!r}")
    environment = job_environment(num_workers, num_servers, free_port(), env)
    server_command = [sys.executable, "-m", "gluon_opt.distributed.server"]
    scheduler_command = [sys.executable, SCHEDULER_SCRIPT]
    lock, threads, nodes = threading.Lock(), [], []
    start = time.monotonic()
    failure = None
    with _terminate_raises() as termination:
        try:
            nodes.append(_start("scheduler", 0, scheduler_command, dict(
                environment, DMLC_ROLE="scheduler"), cwd, echo, lock, threads))
            for rank in range(num_servers):
                nodes.append(_start("server", rank, server_command,
                                    _server_environment(environment, "server", cwd),
                                    cwd, echo, lock, threads))
            for rank in range(num_workers):
                nodes.append(_start("worker", rank, command, environment, cwd,
                                    echo, lock, threads))
            failure = _supervise(nodes, start, timeout)
        finally:  # KeyboardInterrupt and SIGTERM included: never leave orphans
            termination.stopping = True
            stop(nodes)
    for thread in threads:
        thread.join(timeout=5)
    job = Job(returncodes={n.label: n.process.returncode for n in nodes},
              pids={n.label: n.process.pid for n in nodes},
              output={n.label: n.lines for n in nodes}, failure=failure,
              seconds=time.monotonic() - start)
    if failure and check:
        raise JobFailed(failure, job, timed_out=failure.startswith(_TIMED_OUT))
    return job


_TIMED_OUT = "the job ran past its timeout"


class Terminated(BaseException):
    """The launcher itself received SIGTERM (as KeyboardInterrupt for SIGINT)."""


@contextlib.contextmanager
def _terminate_raises():
    """While the job runs, SIGTERM to the launcher raises Terminated, so that
    launch() stops every process it started; once stopping has begun, a
    further SIGTERM is ignored rather than cut the stopping short. The
    previous handler comes back afterwards. (Signal handlers belong to the
    main thread: elsewhere the default stays, and whoever runs the launcher
    there must stop it.) Yields the state whose `stopping` launch() sets."""
    state = types.SimpleNamespace(stopping=False)
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def terminated(signum, frame):
        if not state.stopping:
            state.stopping = True
            raise Terminated(f"the launcher received signal {signum}")

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield state
    finally:
        # None: a handler installed outside Python, which cannot be restored.
        signal.signal(signal.SIGTERM,
                      signal.SIG_DFL if previous is None else previous)


def _supervise(nodes, start, timeout):
    """Wait for the job to end; return why it failed, or None."""
    workers = [n for n in nodes if n.role == "worker"]
    others = [n for n in nodes if n.role != "worker"]
    workers_done_at = None
    while True:
        for node in nodes:
            code = node.process.poll()
            if code is None or code == 0:
                continue
            if code == OPTIMIZER_FAILED:
                return (f"{node.label} could not install the optimizer; "
                        f"its last lines:\n{_tail(node)}")
            return (f"{node.label} exited with status {code}; its last "
                    f"lines:\n{_tail(node)}")
        if workers_done_at is None and all(
                n.process.poll() == 0 for n in workers):
            workers_done_at = time.monotonic()
        if workers_done_at is not None:
            if all(n.process.poll() is not None for n in others):
                return None
            if time.monotonic() - workers_done_at > SHUTDOWN_SECONDS:
                return None  # the work is done; stop() ends the idle servers
        if timeout is not None and time.monotonic() - start > timeout:
            running = [n.label for n in nodes if n.process.poll() is None]
            return (f"{_TIMED_OUT} of {timeout:g} s; stopped "
                    f"{', '.join(running)}")
        time.sleep(_POLL_SECONDS)


def main(args):
    """`gluon-opt launch`: exit 0 when the job succeeds, else non-zero."""
    command = args.job_command[1:] if args.job_command[:1] == ["--"] \
        else args.job_command
    if not command:
        print("gluon-opt launch: give the command after --, e.g. "
              "gluon-opt launch -n 2 -- python train.py", file=sys.stderr)
        return 2
    try:
        launch(command, args.num_workers, args.num_servers, args.timeout)
    except (TypeError, ValueError) as error:
        print(f"gluon-opt launch: {error}", file=sys.stderr)
        return 2
    except JobFailed as failed:
        print(f"gluon-opt launch: the job failed: {failed}", file=sys.stderr)
        return TIMEOUT_STATUS if failed.timed_out else 1
    except KeyboardInterrupt:
        print("gluon-opt launch: interrupted; every process was stopped",
              file=sys.stderr)
        return 130
    except Terminated:
        print("gluon-opt launch: terminated (SIGTERM); every process was "
              "stopped", file=sys.stderr)
        return 128 + signal.SIGTERM
    return 0
