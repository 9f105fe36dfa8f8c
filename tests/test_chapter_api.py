"""`import gluon_opt as d2l`: the d2l 1.0 optimization chapter's API."""
import inspect
import re

import mxnet as mx
import numpy as np
import pytest
from mxnet import nd

import gluon_opt as d2l

D2L_SIGNATURES = {
    "get_data_ch7": "()",
    "train_ch7": "(trainer_fn, states, hyperparams, features, labels, "
                 "batch_size=10, num_epochs=2)",
    "train_gluon_ch7": "(trainer_name, trainer_hyperparams, features, labels, "
                       "batch_size=10, num_epochs=2)",
    "set_figsize": "(figsize=(3.5, 2.5))",
    "semilogy": "(x_vals, y_vals, x_label, y_label, x2_vals=None, "
                "y2_vals=None, legend=None, figsize=(3.5, 2.5))",
    "linreg": "(X, w, b)",
    "sgd": "(params, lr, batch_size)",
}


@pytest.mark.parametrize("name", sorted(D2L_SIGNATURES))
def test_d2l_signature(name):
    assert str(inspect.signature(getattr(d2l, name))) == D2L_SIGNATURES[name]


def test_plt_is_pyplot():
    from matplotlib import pyplot
    assert d2l.plt is pyplot


@pytest.fixture(scope="module")
def airfoil():
    return d2l.get_data_ch7()


def chapter_adagrad(params, states, hyperparams):
    """The chapter's own AdaGrad, as the d2l 1.0 notebook defines it."""
    eps = 1e-6
    for p, s in zip(params, states):
        s[:] += p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


LOSS_LINE = re.compile(r"^loss: (\d+\.\d{6}), (\d+\.\d{6}) sec per epoch$")


def test_train_ch7_runs_the_chapters_adagrad_to_its_loss(airfoil, capsys):
    features, labels = airfoil
    d2l.set_seed(0)
    states = (nd.zeros((features.shape[1], 1)), nd.zeros(1))
    history = d2l.train_ch7(chapter_adagrad, states, {'lr': 0.1}, features,
                            labels)
    line = capsys.readouterr().out.strip()
    match = LOSS_LINE.match(line)
    assert match, line
    assert float(match.group(1)) == pytest.approx(history.losses[-1], abs=1e-6)
    assert history.losses[-1] == pytest.approx(0.243, abs=0.005)
    # Weights start near zero and labels are standardized: loss ≈ var / 2.
    assert history.losses[0] == pytest.approx(0.5, abs=0.05)
    assert len(history.losses) == 1 + 2 * 15  # every 100 of 1500 examples
    ax = d2l.plt.gcf().axes[0]
    assert ax.get_yscale() == "linear" and len(ax.lines[0].get_ydata()) == 31


def test_train_ch7_accepts_a_states_maker_and_leaves_hyperparams_alone(airfoil):
    features, labels = airfoil
    hyperparams = {'lr': 0.01, 't': 1}
    d2l.train_ch7(d2l.optimizers.adam, d2l.optimizers.init_adam_states,
                  hyperparams, features, labels, batch_size=100, num_epochs=1)
    assert hyperparams == {'lr': 0.01, 't': 1}


@pytest.mark.parametrize("batch_size,per_epoch", [(1500, 1), (10, 15), (1, 15)])
def test_logging_every_100_examples(airfoil, batch_size, per_epoch):
    features, labels = airfoil
    history = d2l.train_ch7(d2l.optimizers.sgd, None, {'lr': 0.0005 * batch_size
                                                       if batch_size < 1500
                                                       else 1.0},
                            features[:1500], labels[:1500],
                            batch_size=batch_size, num_epochs=1)
    assert len(history.losses) == 1 + per_epoch


def test_train_gluon_ch7_with_a_name_and_with_an_optimizer(airfoil, capsys):
    features, labels = airfoil
    d2l.set_seed(0)
    by_name = d2l.train_gluon_ch7('adagrad', {'learning_rate': 0.1}, features,
                                  labels)
    assert LOSS_LINE.match(capsys.readouterr().out.strip())
    assert by_name.losses[-1] == pytest.approx(0.243, abs=0.01)
    optimizer = mx.optimizer.create('sgd', learning_rate=0.05)
    by_object = d2l.train_gluon_ch7(optimizer, None, features, labels,
                                    batch_size=1500, num_epochs=6)
    assert by_object.losses[-1] < by_object.losses[0]
    assert by_object.learning_rate == pytest.approx(0.05)


def test_train_gluon_ch7_names_a_wrong_optimizer(airfoil):
    features, labels = airfoil
    with pytest.raises(ValueError, match=r"trainer_name must be one of .*'adam'.*got 'adamm'"):
        d2l.train_gluon_ch7('adamm', {'learning_rate': 0.1}, features, labels)
    with pytest.raises(ValueError, match="learning_rate"):
        d2l.train_gluon_ch7('sgd', {'learning_rate': -1}, features, labels)


def test_the_chapters_scratch_gluon_and_library_adagrad_agree(airfoil):
    """The same seed and update: the chapter's function and the library's
    book-style function log the same losses."""
    features, labels = airfoil
    runs = []
    for update in (chapter_adagrad, d2l.optimizers.adagrad):
        d2l.set_seed(3)
        states = (nd.zeros((5, 1)), nd.zeros(1))
        runs.append(d2l.train_ch7(update, states, {'lr': 0.1}, features,
                                  labels, num_epochs=1).losses)
    np.testing.assert_allclose(runs[0], runs[1], rtol=1e-5)
