"""gluon-opt: the optimization chapter of the Gluon book, as a library."""
from . import data, linear_regression, optimizers, plotting, training
from .data import data_iter, get_data_ch7, synthetic_linreg
from .linear_regression import linreg, sgd, squared_loss
from .plotting import plt, semilogy, set_figsize
from .seed import set_seed
from .training import History, optimize, train_linreg_scratch

__version__ = "0.1.0"
