"""A scheduler or server of a `gluon-opt launch` job: MXNet's own KVStoreServer.

Run as `python -m gluon_opt.distributed.server` by the launcher, with the node's
role in GLUON_OPT_PS_ROLE rather than DMLC_ROLE: `import mxnet` starts MXNet's
server at once when DMLC_ROLE says server, before this module could run. Here
mxnet and gluon_opt (its scratch optimizers) are imported as an ordinary
process, then DMLC_ROLE is set and MXNet's `KVStoreServer` runs, exactly as
`mxnet.kvstore.kvstore_server` would run it, with one change: its controller.

MXNet's controller unpickles the optimizer that the workers send; when that
fails (the optimizer's module cannot be imported on the server), the
exception is raised inside a ctypes callback, Python prints "Exception
ignored" and the server goes on summing gradients with no optimizer. Here the
server says which class failed and how to fix it, and exits with
OPTIMIZER_FAILED, so the launcher stops the job.
"""
import os
import pickle
import pickletools
import sys
import traceback

from .launcher import OPTIMIZER_FAILED, ROLE_VARIABLE

_SET_OPTIMIZER = 0             # the command id of KVStore.set_optimizer
_PICKLE_PLUMBING = {"copyreg", "copy_reg", "builtins", "__builtin__"}


def pickled_class(body):
    """(module, class name) of the object pickled in `body`, or (None, None).

    Read from the pickle's opcodes, without importing anything: the first
    global that is not pickle's own plumbing (copyreg._reconstructor, object)
    is the class of the pickled object.
    """
    strings = []
    try:
        for opcode, arg, _ in pickletools.genops(body):
            if opcode.name == "GLOBAL":
                module, name = arg.split(" ", 1)
            elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
                module, name = strings[-2], strings[-1]
            else:
                if isinstance(arg, str):
                    strings.append(arg)
                continue
            if module not in _PICKLE_PLUMBING:
                return module, name
    except Exception:  # a damaged pickle: name nothing rather than fail here
        pass
    return None, None


def install_failure_message(body, error, rank):
    """What a server says when it cannot install the optimizer it was sent."""
    module, name = pickled_class(body)
    what = (f"the optimizer {name} from module {module}" if module
            else "the optimizer")
    return (
        f"gluon-opt: server {rank} cannot install {what} that the workers sent "
        f"({type(error).__name__}: {error}). Every server unpickles the "
        f"optimizer, so {module or 'its module'} must be importable on every "
        f"server: install it (pip install -e .) or put its folder on "
        f"PYTHONPATH before launching (gluon-opt launch gives the servers the "
        f"launcher's working directory and PYTHONPATH); or train with "
        f"update_on_kvstore=False so that the optimizer runs on the workers. "
        f"Stopping instead of training without an optimizer.\n")


def main():
    role = os.environ.get(ROLE_VARIABLE)
    if role not in ("scheduler", "server"):
        sys.exit(f"gluon_opt.distributed.server: {ROLE_VARIABLE} must be "
                 f"'scheduler' or 'server', got {role!r}; start this module "
                 f"with gluon-opt launch")
    os.environ.pop("DMLC_ROLE", None)
    import mxnet as mx  # as a worker would: no server starts on import
    import gluon_opt.optimizers  # noqa: F401  (registers scratch_<name>)
    from mxnet.kvstore.kvstore_server import KVStoreServer

    class Server(KVStoreServer):
        """MXNet's server, whose controller fails loudly."""

        def _controller(self):
            def controller(command, body, _):
                if command != _SET_OPTIMIZER:
                    print(f"server {self.kvstore.rank}: unknown command "
                          f"({command}, {body})", flush=True)
                    return
                try:
                    self.kvstore.set_optimizer(pickle.loads(body))
                except Exception as error:
                    traceback.print_exc()
                    sys.stderr.write(install_failure_message(
                        body, error, self.kvstore.rank))
                    sys.stderr.flush()
                    sys.stdout.flush()
                    # Inside a ctypes callback an exception is only printed;
                    # leave at once so that the launcher sees the failure.
                    os._exit(OPTIMIZER_FAILED)
            return controller

    os.environ["DMLC_ROLE"] = role
    Server(mx.kv.create("dist")).run()


if __name__ == "__main__":
    main()
