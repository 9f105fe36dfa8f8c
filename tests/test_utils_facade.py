"""utils.py keeps the 2018 chapter's names and signatures, over gluon_opt."""
import inspect

import matplotlib
import numpy as np
import pytest
from mxnet import autograd, nd

import utils

BOOK_SIGNATURES = {
    "set_fig_size": "(mpl, figsize=(3.5, 2.5))",
    "data_iter": "(batch_size, num_examples, X, y)",
    "linreg": "(X, w, b)",
    "squared_loss": "(yhat, y)",
    "SGD": "(params, lr)",
    "semilogy": "(x_vals, y_vals, x_label, y_label, figsize=(3.5, 2.5))",
    # The book's eight positional parameters, in order; the later editions'
    # spelling of the data (features=, labels=) as keyword-only extras.
    "optimize": "(batch_size, trainer, num_epochs, decay_epoch, log_interval, "
                "X=None, y=None, net=None, *, features=None, labels=None)",
}


@pytest.mark.parametrize("name", sorted(BOOK_SIGNATURES))
def test_book_signature(name):
    assert str(inspect.signature(getattr(utils, name))) == BOOK_SIGNATURES[name]


def test_gluonbook_optimize_signature_names_features_and_labels():
    import gluon_opt
    params = list(inspect.signature(gluon_opt.optimize).parameters)
    assert params[:8] == ["batch_size", "trainer", "num_epochs", "decay_epoch",
                          "log_interval", "features", "labels", "net"]


def test_set_fig_size_sets_the_default_size():
    utils.set_fig_size(matplotlib, (4.0, 3.0))
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (4.0, 3.0)
    utils.set_fig_size(matplotlib)
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (3.5, 2.5)


def test_data_iter_covers_the_first_num_examples_once(seeded):
    X = nd.arange(50).reshape((25, 2))
    y = nd.arange(25)
    batches = list(utils.data_iter(4, 21, X, y))
    assert [b[0].shape[0] for b in batches] == [4, 4, 4, 4, 4, 1]
    labels = np.concatenate([b[1].asnumpy() for b in batches])
    assert sorted(labels.tolist()) == list(range(21))
    assert labels.tolist() != list(range(21))  # shuffled
    for features, label in batches:  # rows stay paired with their labels
        np.testing.assert_array_equal(features[:, 0].asnumpy(),
                                      2 * label.asnumpy())


def test_data_iter_rejects_more_examples_than_rows():
    with pytest.raises(ValueError, match="num_examples"):
        list(utils.data_iter(2, 30, nd.ones((5, 2)), nd.ones(5)))


def test_linreg_and_squared_loss():
    X = nd.array([[1, 2], [3, 4]])
    w = nd.array([[1], [-1]])
    b = nd.array([0.5])
    yhat = utils.linreg(X, w, b)
    np.testing.assert_allclose(yhat.asnumpy().ravel(), [-0.5, -0.5])
    loss = utils.squared_loss(yhat, nd.array([0.5, -2.5]))
    np.testing.assert_allclose(loss.asnumpy().ravel(), [0.5, 2.0])
    assert loss.shape == yhat.shape


def test_sgd_steps_against_the_gradient():
    w = nd.array([1.0, 2.0])
    w.attach_grad()
    with autograd.record():
        loss = (w * w).sum()
    loss.backward()  # grad = 2w
    utils.SGD([w], 0.1)
    np.testing.assert_allclose(w.asnumpy(), [0.8, 1.6], rtol=1e-6)


def test_semilogy_draws_a_log_axis():
    fig = utils.semilogy([0, 1, 2], [1.0, 0.1, 0.01], "epoch", "loss")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [1.0, 0.1, 0.01])


def test_facade_has_no_logic_of_its_own():
    """Each helper is one call into gluon_opt (a docstring and a return)."""
    for name in BOOK_SIGNATURES:
        source = inspect.getsource(getattr(utils, name))
        body = [line for line in source.split('"""')[-1].splitlines()
                if line.strip() and not line.strip().startswith("#")]
        assert len(body) <= 3, f"utils.{name} does more than delegate"
