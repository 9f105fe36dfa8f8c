"""Repeatable runs: one call seeds every random number generator in play."""
import random

import mxnet as mx
import numpy as np

from . import _checks


def set_seed(seed):
    """Seed Python's, NumPy's and MXNet's generators with `seed`.

    Two runs that start with the same seed draw the same data, the same
    initial weights and the same minibatch order, so they log the same losses.
    """
    seed = _checks.check_seed("seed", seed)
    random.seed(seed)
    np.random.seed(seed)
    mx.random.seed(seed)
