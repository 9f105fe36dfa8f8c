"""The book's helper module for the optimization chapter (April 2018 API).

The 2018 chapter does `sys.path.append('..'); import utils`: the repository's
top-level utils.py re-exports this module, so that line works from
notebooks/. Installed, it is `from gluon_opt import utils` (nothing named
`utils` is installed at the top level, where it would collide with other
packages). Every name keeps the chapter's signature; the work is done by
`gluon_opt`, this module only maps the book's names onto it.
"""
from . import data, linear_regression, plotting, training

__all__ = ["set_fig_size", "data_iter", "linreg", "squared_loss", "SGD",
           "semilogy", "optimize"]


def set_fig_size(mpl, figsize=(3.5, 2.5)):
    """Set the default figure size of `mpl` (matplotlib)."""
    plotting.set_fig_size(mpl, figsize)


def data_iter(batch_size, num_examples, X, y):
    """Shuffled minibatches (X, y) of NDArrays over the first num_examples rows."""
    return data.data_iter_first(batch_size, num_examples, X, y)


def linreg(X, w, b):
    """The linear model X·w + b."""
    return linear_regression.linreg(X, w, b)


def squared_loss(yhat, y):
    """(yhat - y.reshape(yhat.shape)) ** 2 / 2."""
    return linear_regression.squared_loss(yhat, y)


def SGD(params, lr):  # noqa: N802 (the book's name)
    """param -= lr · grad for each param."""
    linear_regression.SGD(params, lr)


def semilogy(x_vals, y_vals, x_label, y_label, figsize=(3.5, 2.5)):
    """Plot y against x with a log-scale y axis; returns the figure."""
    return plotting.semilogy(x_vals, y_vals, x_label, y_label, figsize=figsize)


def optimize(batch_size, trainer, num_epochs, decay_epoch, log_interval,
             X=None, y=None, net=None, *, features=None, labels=None):
    """Train net with any gluon.Trainer, print w and b, plot the loss.

    See gluon_opt.training.optimize (which also takes features=/labels=,
    the later editions' spelling); returns its History.
    """
    return training.optimize(batch_size, trainer, num_epochs, decay_epoch,
                             log_interval, features, labels, net, X=X, y=y)
