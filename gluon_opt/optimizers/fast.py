"""The fast path: the readable optimizers' math with no new arrays.

torch.optim keeps, for one algorithm, a plain loop a student reads and a fast
version of the same math, and its tests hold them equal. Here the readable
path is each class's `update` (NDArray arithmetic that makes a new array for
most intermediate results); the fast path, `SGD(momentum=..., fast=True)`,
`AdaGrad(fast=True)` and `Adam(fast=True)` (also `create('adam', fast=True)`;
`optimizers.with_fast_path()` lists them), takes the same steps with every operator writing into an array that already
exists:

- a new 16M-element array costs about as much as 6 in-place operators
  (allocation and first-touch page faults: ~36 ms against ~5.5 ms), so each
  intermediate result goes into a workspace buffer kept by the optimizer, one
  set per (shape, dtype, context), shared by parameters of the same shape
  (MXNet's engine orders the operators that read and write it);
- MXNet 1.9.1's `nd.sqrt` runs single-threaded and unvectorized (~63 ms for
  16M float32, more than the whole fused `adam_update`, ~41 ms), while
  NumPy's vectorized `np.sqrt(x, out=y)` takes ~6 ms; NumPy's division and
  scalar addition also beat MXNet's (~5 against ~12 ms, ~3-4 against ~5.7).
  On the CPU the workspace is therefore host memory shared with NumPy
  (`nd.from_numpy(zero_copy=True)`), and `sqrt_into`, `add_scalar_into`
  and `divide_into` run NumPy on it, after waiting for MXNet's pending
  writes to their inputs (`to_dlpack_for_read`) and its pending reads and
  writes of their output (`to_dlpack_for_write`). IEEE square root, sum and
  quotient are correctly rounded in both: the numbers are the same. The
  price: the step waits there for the operators before it (it does not
  overlap with MXNet's queue). Elsewhere (a GPU) they use MXNet's operators.

The fast path runs dense float32 weights and gradients (the float32 master
copy under multi_precision included); any other dtype takes the readable
path. A row_sparse gradient takes the readable lazy update on its rows
(`storage.py`), or, with lazy_update=False, is made dense and then takes
the fast path, as the base class's `update` decides for both paths alike.

As torch.optim's `_single_tensor_sgd` / `_multi_tensor_sgd`, each fast step
is a private function beside its class (`_fast_sgd` in sgd.py, `_fast_adagrad`
in adaptive.py, `_fast_adam` in adam.py) that takes every quantity it uses
as an argument, the workspace included; the class's `fast_step` passes them.
The repository's benchmarks/steps.py times the paths against MXNet's own.
"""
import mxnet as mx
import numpy as np
from mxnet import nd


# ---- operators that write into an existing array (out=), named

def scale_into(src, scalar, out):
    """out ← scalar · src (no new array)."""
    return nd._internal._mul_scalar(src, scalar=float(scalar), out=out)


def square_into(src, out):
    """out ← src² (no new array)."""
    return nd.square(src, out=out)


class _Capsule:
    """A DLPack capsule from MXNet, in the protocol np.from_dlpack reads."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __dlpack__(self, **_):
        return self._capsule

    def __dlpack_device__(self):
        return (1, 0)  # kDLCPU


class Buffer:
    """One workspace array: an NDArray, and on cpu(0) the NumPy array that
    shares its memory (`host`, else None), so that NumPy can write into it."""

    def __init__(self, shape, dtype, context):
        if context == mx.cpu(0):  # where nd.from_numpy puts its arrays
            self.host = np.zeros(shape, dtype=dtype)
            # a view, so that from_numpy's read-only flag stays off `host`
            self.array = nd.from_numpy(self.host.view(), zero_copy=True)
        else:
            self.host = None
            self.array = nd.zeros(shape, context, dtype=dtype)


def _read(array):
    """A read-only NumPy view of a CPU NDArray, once MXNet's writes to it are done."""
    return np.from_dlpack(_Capsule(array.to_dlpack_for_read())).reshape(array.shape)


def _write(buffer):
    """The NumPy view of a workspace Buffer, once MXNet's reads and writes are done."""
    buffer.array.to_dlpack_for_write()  # waits; the capsule itself is not needed
    return buffer.host


def _on_host(array, buffer):
    return buffer.host is not None and array.context == mx.cpu(0)


def sqrt_into(src, out):
    """out.array ← sqrt(src) for a workspace Buffer `out` (see the module
    docstring: NumPy's square root on the CPU, nd.sqrt elsewhere)."""
    if not _on_host(src, out):
        return nd.sqrt(src, out=out.array)
    source = _read(src)
    np.sqrt(source, out=_write(out))
    return out.array


def add_scalar_into(src, scalar, out):
    """out.array ← src + scalar for a workspace Buffer `out` (NumPy on the
    CPU: ~4 ms against MXNet's ~5.7 ms for 16M float32)."""
    if not _on_host(src, out):
        return nd._internal._plus_scalar(src, scalar=float(scalar), out=out.array)
    source = _read(src)
    np.add(source, np.float32(scalar).astype(source.dtype), out=_write(out))
    return out.array


def divide_into(numerator, denominator, out):
    """out.array ← numerator / denominator.array for workspace Buffers
    `denominator` and `out` (NumPy on the CPU: ~6 ms against MXNet's
    elemwise_div, ~12 ms, for 16M float32)."""
    if not _on_host(numerator, out) or denominator.host is None:
        return nd.elemwise_div(numerator, denominator.array, out=out.array)
    top, bottom = _read(numerator), _read(denominator.array)
    np.divide(top, bottom, out=_write(out))
    return out.array


class Workspace:
    """Scratch buffers per (shape, dtype, context), created on first use.

    Scratch only: a pickled or copied optimizer (gluon.Trainer.save_states
    pickles it) gets an empty workspace, because an unpickled Buffer would
    no longer share its memory between NumPy and MXNet.
    """

    def __init__(self):
        self._buffers = {}

    def __reduce__(self):
        return (Workspace, ())

    def get(self, like, count):
        """`count` Buffers shaped like the NDArray `like`."""
        key = (like.shape, np.dtype(like.dtype).name, like.context)
        buffers = self._buffers.setdefault(key, [])
        while len(buffers) < count:
            buffers.append(Buffer(like.shape, like.dtype, like.context))
        return buffers[:count]


def supports(weight, grad):
    """True when the fast path runs this step (dense float32 arrays)."""
    return (weight.dtype == np.float32 and grad.dtype == np.float32
            and weight.stype == "default" and grad.stype == "default")
