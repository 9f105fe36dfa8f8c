"""utils.optimize / gluon_opt.optimize: the book's semantics, on any Trainer."""

import re
import warnings

import mxnet as mx
import numpy as np
import pytest
from mxnet import gluon, init, nd
from mxnet.gluon import nn

import gluon_opt
import utils
from gluon_opt.models import linear_net
from gluon_opt.training import gluon_momentum_run


class RecordingTrainer(gluon.Trainer):
    """A real gluon.Trainer that notes the learning rate of every step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.step_lrs = []
        self.step_batch_sizes = []

    def step(self, batch_size, ignore_stale_grad=False):
        self.step_lrs.append(self.learning_rate)
        self.step_batch_sizes.append(batch_size)
        super().step(batch_size, ignore_stale_grad)


def small_problem(num_examples=100, seed=3):
    gluon_opt.set_seed(seed)
    X, y = gluon_opt.synthetic_linreg(num_examples)
    net = linear_net()
    return X, y, net


def run(batch_size, log_interval, num_epochs=2, decay_epoch=None, lr=0.05,
        num_examples=100, trainer_cls=gluon.Trainer):
    X, y, net = small_problem(num_examples)
    trainer = trainer_cls(net.collect_params(), "sgd", {"learning_rate": lr})
    history = gluon_opt.optimize(batch_size, trainer, num_epochs, decay_epoch,
                                 log_interval, X, y, net, plot=False,
                                 verbose=False)
    return history, trainer


@pytest.mark.parametrize("batch_size,log_interval,per_epoch", [
    (10, 10, 10),   # every batch
    (10, 30, 4),    # batches 0, 3, 6, 9
    (7, 3, 5),      # 15 batches (the last of 2 rows); i*7 % 3 == 0: 0,3,..,12
    (100, 1, 1),    # one batch per epoch
    (1, 25, 4),     # examples 0, 25, 50, 75
])
def test_number_of_logged_losses(batch_size, log_interval, per_epoch):
    history, _ = run(batch_size, log_interval, num_epochs=3)
    assert len(history.losses) == 1 + 3 * per_epoch
    assert history.epochs[0] == 0 and history.epochs[-1] == 3
    assert len(history.epochs) == len(history.losses)


def test_learning_rate_decays_at_the_start_of_each_epoch_after_decay_epoch():
    history, trainer = run(10, 10, num_epochs=4, decay_epoch=2, lr=0.1,
                           trainer_cls=RecordingTrainer)
    per_epoch = np.array(trainer.step_lrs).reshape(4, 10)
    np.testing.assert_allclose(per_epoch[:, 0], [0.1, 0.1, 0.01, 0.001])
    assert (per_epoch == per_epoch[:, :1]).all()  # constant within an epoch
    assert trainer.learning_rate == pytest.approx(0.001)
    assert history.learning_rate == pytest.approx(0.001)


@pytest.mark.parametrize("decay_epoch", [None, 0])
def test_no_decay_without_decay_epoch(decay_epoch):
    _, trainer = run(10, 10, num_epochs=3, decay_epoch=decay_epoch, lr=0.1,
                     trainer_cls=RecordingTrainer)
    assert set(trainer.step_lrs) == {0.1}


def test_each_step_is_normalized_by_the_rows_in_its_batch():
    _, trainer = run(30, 30, num_epochs=1, trainer_cls=RecordingTrainer)
    assert trainer.step_batch_sizes == [30, 30, 30, 10]


def test_every_epoch_sees_every_example_in_a_new_order():
    X, y, net = small_problem(40)
    orders = [np.concatenate([yb.asnumpy() for _, yb in
                              gluon_opt.data_iter(8, X, y)]) for _ in range(2)]
    assert sorted(orders[0]) == sorted(y.asnumpy())
    assert not np.array_equal(orders[0], orders[1])


@pytest.mark.parametrize("momentum,book", [(0.9, (2.0008, -3.4015, 4.2001)),
                                           (0.5, (1.9995, -3.4003, 4.2001))])
def test_seed_experiment_converges_as_the_book(momentum, book):
    history = gluon_momentum_run(momentum, plot=False, verbose=False)
    learned = (*history.params["w"].ravel(), *history.params["b"])
    assert learned == pytest.approx(book, abs=0.05)
    assert len(history.losses) == 301
    assert history.learning_rate == pytest.approx(0.02)
    assert not history.diverged


def test_seed_experiment_with_momentum_099_ends_far_off():
    with pytest.warns(RuntimeWarning) as caught:
        history = gluon_momentum_run(0.99, plot=False, verbose=False)
    learned = np.array([*history.params["w"].ravel(), *history.params["b"]])
    assert np.abs(learned - [2, -3.4, 4.2]).max() > 1
    # Its loss ends above where it started: reported, with the cause.
    assert history.diverged
    assert history.losses[-1] > history.losses[0]
    message = str(caught[0].message)
    # The likely cause: momentum's effective step lr / (1 - 0.99) = 100 times
    # the starting rate 0.2, not the decayed final rate.
    assert "lr / (1 - momentum) = 0.2 / 0.01 = 20" in message
    assert "0.002" not in message


def test_divergence_is_ending_above_the_start_not_a_rise_after_a_fall():
    # Adam at lr 0.5 on batches of 1 falls from 16 to 5e-5 and ends near
    # 0.04: it improved by orders of magnitude, so it is not diverged.
    gluon_opt.set_seed(0)
    X, y = gluon_opt.synthetic_linreg(1000, seed=0)
    net = linear_net()
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 0.5})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        history = gluon_opt.optimize(1, trainer, 2, None, 100, X, y, net,
                                     plot=False, verbose=False)
    assert min(history.losses) < history.losses[-1] < history.losses[0]
    assert not history.diverged


def test_a_run_that_starts_at_zero_loss_and_grows_is_reported_not_a_crash():
    # Issue 12's reproduction: zero weights and zero labels make the first
    # logged loss exactly 0; SGLD's noise then raises it.
    mx.random.seed(0)
    X = nd.random.normal(shape=(100, 2))
    y = nd.zeros((100,))
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Zero())
    trainer = gluon.Trainer(net.collect_params(), 'sgld', {'learning_rate': .01})
    with pytest.warns(RuntimeWarning, match="above where it started") as caught:
        history = gluon_opt.optimize(10, trainer, 2, None, 10, X, y, net,
                                     plot=False, verbose=False)
    assert history.losses[0] == 0 and history.diverged
    # The warning points at this line, not inside the package.
    assert caught[0].filename == __file__


def test_the_divergence_warning_points_at_the_callers_line_through_utils():
    X, y, net = small_problem()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 50.0})
    with pytest.warns(RuntimeWarning, match="smaller learning rate") as caught:
        utils.optimize(10, trainer, 2, None, 10, X, y, net)
    assert caught[0].filename == __file__


def test_the_seeds_call_works_verbatim_and_prints_w_and_b(capsys):
    gluon_opt.set_seed(0)
    X, y = gluon_opt.synthetic_linreg(1000, (2, -3.4), 4.2)
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=1))
    trainer = gluon.Trainer(net.collect_params(), 'sgd',
                            {'learning_rate': 0.2, 'momentum': 0.9})
    history = utils.optimize(batch_size=10, trainer=trainer, num_epochs=3,
                             decay_epoch=2, log_interval=10, X=X, y=y, net=net)
    out = capsys.readouterr().out
    # The book's print('w:', weight, '\nb:', bias, '\n'): NDArray reprs.
    assert re.match(r"w: \n\[\[ 2\.0\d* -3\.40\d*\]\]\n<NDArray 1x2 @cpu\(0\)> \n"
                    r"b: \n\[4\.20\d*\]\n<NDArray 1 @cpu\(0\)> \n\n$", out), out
    assert isinstance(history, gluon_opt.History)
    assert history.seconds_per_epoch > 0 and len(history.epoch_seconds) == 3
    from matplotlib import pyplot as plt
    ax = plt.gcf().axes[0]
    assert ax.get_yscale() == "log" and len(ax.lines[0].get_ydata()) == 301


def test_same_seed_same_losses():
    first = gluon_momentum_run(0.9, num_epochs=1, plot=False, verbose=False)
    second = gluon_momentum_run(0.9, num_epochs=1, plot=False, verbose=False)
    other = gluon_momentum_run(0.9, num_epochs=1, seed=1, plot=False,
                               verbose=False)
    assert first.losses == second.losses
    assert first.losses != other.losses


def test_works_with_any_optimizer_and_a_deeper_net():
    gluon_opt.set_seed(0)
    X, y = gluon_opt.synthetic_linreg(200)
    net = nn.Sequential()
    net.add(nn.Dense(8, activation="relu"), nn.Dense(1))
    net.initialize(init.Normal(sigma=0.5))
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 0.02})
    history = gluon_opt.optimize(20, trainer, 5, None, 20, X, y, net,
                                 plot=False, verbose=False)
    assert history.losses[-1] < history.losses[0] / 10
    assert len(history.params) == 4  # two weights, two biases, by name


def test_a_nan_loss_stops_the_run_and_is_reported():
    X, y, net = small_problem()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 50.0})
    with pytest.warns(RuntimeWarning, match="diverged.*smaller learning rate"):
        history = gluon_opt.optimize(10, trainer, 5, None, 10, X, y, net,
                                     plot=True, verbose=False)
    assert history.diverged
    assert len(history.epoch_seconds) < 5  # stopped early
    assert not np.isfinite(history.losses[-1])
    from matplotlib import pyplot as plt
    drawn = plt.gcf().axes[0].lines[0].get_ydata()
    assert len(drawn) > 0 and np.isfinite(drawn).all()
