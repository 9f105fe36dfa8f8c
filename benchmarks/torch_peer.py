"""PyTorch, the peer: imported only when installed (gluon-opt does not need
it). Every PyTorch variant uses as many threads as the machine has cores,
as MXNet's operators do."""
import os

SKIP = "PyTorch not installed (pip install torch to compare)"


def torch(threads=None):
    """The torch module using `threads` threads (default: one per core, as
    MXNet's operators), or None when it is absent."""
    try:
        import torch as module
    except ImportError:
        return None
    module.set_num_threads(threads or os.cpu_count() or 1)
    return module


def skip_reason():
    """'' when PyTorch can run here, else why its variants are skipped."""
    return "" if torch() is not None else SKIP
