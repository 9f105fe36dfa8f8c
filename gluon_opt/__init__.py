"""gluon-opt: the optimization chapter of the Gluon book, as a library.

`import gluon_opt as d2l` runs the d2l-zh 1.0 (MXNet edition) optimization
chapters: get_data_ch7, train_ch7, train_gluon_ch7, train_2d, show_trace_2d,
set_figsize, semilogy, linreg, squared_loss, sgd and plt are here at the top.
"""
import os as _os
import warnings as _warnings

from . import _compat

# Tested on CPython 3.10 to 3.13; on a later Python say so before MXNet fails
# somewhere less clear. Without MXNet (on 3.13 pip does not install it with
# gluon-opt), say how to install it.
_unsupported, _no_mxnet = (_compat.unsupported_python_message(),
                           _compat.missing_mxnet_message())
if _unsupported:
    _warnings.warn(_unsupported, stacklevel=2)
if _no_mxnet:
    raise ImportError(_no_mxnet)

# MXNet's C++ side logs "Subgraph backend MKLDNN is activated" whenever a
# symbolic Module binds (and when it optimizes a hybridized graph); readers
# see it as noise. Quiet by default: read at bind time, and a reader may
# override it.
_os.environ.setdefault("MXNET_SUBGRAPH_VERBOSE", "0")

# NumPy (and so matplotlib) can read MXNet arrays while gluon_opt is in use:
# the current book plots mx.np arrays directly (see _array_protocol).
from . import _array_protocol  # noqa: E402

_array_protocol.install()

from . import (d2l, data, gradient_descent, initializers, linear_regression,
               mnist, mnist_data, models, optimizers, plotting, schedules,
               traces, training, utils)
from .data import data_iter, get_data_ch7, synthetic_linreg
from .linear_regression import linreg, sgd, squared_loss
from .mnist import mnist_momentum_study
from .mnist_data import load_mnist, read_idx
from .plotting import plt, semilogy, set_figsize
from .seed import set_seed
from .traces import show_trace_2d, train_2d
from .training import (History, optimize, train_ch7, train_gluon_ch7,
                       train_linreg_scratch)

__version__ = "0.2.0"
