"""Storage types under the optimizers, as MXNet's classes use them.

An MXNet array is stored densely ('default') or as 'row_sparse': the rows
present (`indices`) and their values (`data`), every other row zero.
`nn.Embedding(..., sparse_grad=True)` gives row_sparse gradients. MXNet's
optimizers treat them in one of two ways, and ours do the same:

- lazily (SGD, LARS, LBSGD, Adam, AdaGrad, GroupAdaGrad; Ftrl when its
  weight and state are row_sparse): the step runs on the rows present only;
  every other row of the weight and of the state stays as it is, weight
  decay included;
- densely (every other optimizer, and SGD, LARS, Adam with
  lazy_update=False): the gradient is made dense (absent rows are zeros)
  and the ordinary step runs on all rows.

The math itself is always the dense step: the lazy update gathers the rows
present, runs the step on them, and writes them back.
"""
from mxnet import nd

DENSE = "default"


def zeros(weight, dtype=None, stype=DENSE, shape=None):
    """Zeros shaped like `weight` (or `shape`) on its context, in `dtype`
    (default: the weight's) and storage type `stype`: every optimizer
    state starts so."""
    dtype = weight.dtype if dtype is None else dtype
    shape = weight.shape if shape is None else shape
    return nd.zeros(shape, weight.context, dtype=dtype, stype=stype)


def arrays(state):
    """The NDArrays of an optimizer state (an array, None, or nested tuples)."""
    if state is None:
        return []
    if isinstance(state, (tuple, list)):
        return [array for part in state for array in arrays(part)]
    return [state]


def map_state(function, state):
    """The state with `function` applied to each of its arrays (None kept)."""
    if state is None:
        return None
    if isinstance(state, (tuple, list)):
        return type(state)(map_state(function, part) for part in state)
    return function(state)


def dense(array):
    """The array itself if dense, else a dense copy (absent rows are zeros)."""
    return array if array.stype == DENSE else array.tostype(DENSE)


def all_dense(*arrays_):
    return all(array.stype == DENSE for array in arrays_)


def same_storage(weight, state):
    """True when every state array has the weight's storage type: the
    condition of MXNet's lazy SGD-momentum and Adam kernels."""
    return all(array.stype == weight.stype for array in arrays(state))


def rows_of(array, rows):
    """A dense copy of the given rows of a dense array."""
    return nd.take(array, rows)


def put_rows_(array, rows, values):
    """array[rows] ← values, in place."""
    array[rows] = values
    return array
