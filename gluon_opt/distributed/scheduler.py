"""The scheduler of a `gluon-opt launch` job: ps-lite's, through MXNet's C API.

Run as a script (`python .../scheduler.py`), not as a module of gluon_opt: the
scheduler only introduces the nodes to each other, so it loads libmxnet and
makes the two calls MXNet's `KVStoreServer.run` makes, `MXKVStoreCreate('dist')`
and `MXKVStoreRunServer`, without importing mxnet or gluon_opt in Python (which
costs several seconds of every job, for nothing the scheduler uses).
"""
import ctypes
import importlib.util
import os
import sys


def libmxnet_path():
    """libmxnet.so of the installed mxnet package, found without importing it."""
    spec = importlib.util.find_spec("mxnet")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gluon-opt scheduler: the mxnet package is not installed")
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, "libmxnet.so")
        if os.path.exists(path):
            return path
    sys.exit(f"gluon-opt scheduler: no libmxnet.so in "
             f"{list(spec.submodule_search_locations)}")


def check(lib, status):
    if status != 0:
        lib.MXGetLastError.restype = ctypes.c_char_p
        sys.exit(f"gluon-opt scheduler: {lib.MXGetLastError().decode()}")


def main():
    if os.environ.get("DMLC_ROLE") != "scheduler":
        sys.exit("gluon-opt scheduler: DMLC_ROLE must be 'scheduler'; start "
                 "this script with gluon-opt launch")
    lib = ctypes.CDLL(libmxnet_path(), ctypes.RTLD_LOCAL)
    handle = ctypes.c_void_p()
    check(lib, lib.MXKVStoreCreate(b"dist", ctypes.byref(handle)))
    # Only servers receive commands; the scheduler's controller never runs.
    controller = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p,
                                  ctypes.c_void_p)(lambda *_: None)
    check(lib, lib.MXKVStoreRunServer(handle, controller, None))


if __name__ == "__main__":
    main()
