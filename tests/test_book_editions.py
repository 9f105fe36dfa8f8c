"""The book's own code, from each edition, runs unchanged on gluon_opt.

Three editions call our helpers: the April 2018 chapter (`sys.path.append('..');
import utils`), the mid-2018 gluonbook revision (`import gluon_opt as gb`) and
d2l-zh 1.0 (`import gluon_opt as d2l`). Each helper is called here with exactly
what the book passes: the 2018 scratch loops log `loss.mean().asnumpy()`, a
shape-(1,) NumPy array per point, and plot that list; the Gluon sections call
optimize by keyword, X=/y= in April 2018 and features=/labels= later. Each
edition's scratch loop is transcribed once (our transcription, the book's
calls) and run end to end.
"""
import re

import matplotlib
import numpy as np
import pytest
from matplotlib import pyplot as plt
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

import gluon_opt
import gluon_opt as d2l
import gluon_opt as gb
import utils


def logged_values():
    """A loss log as the 2018 chapters build it, and the floats it holds."""
    floats = [4.0, 1.0, 0.25, 0.0625]
    return [nd.array([v]).mean().asnumpy() for v in floats], floats


# ------------------------------------------------- the shapes the book passes

@pytest.mark.parametrize("form", ["shape-(1,) numpy", "0-d numpy",
                                  "shape-(1,) NDArray", "floats", "mixture",
                                  "1-D numpy", "1-D NDArray"])
@pytest.mark.parametrize("semilogy", [utils.semilogy, gb.semilogy],
                         ids=["utils", "gb"])
def test_semilogy_draws_what_the_book_logs(semilogy, form):
    arrays, floats = logged_values()
    y_vals = {
        "shape-(1,) numpy": arrays,
        "0-d numpy": [np.float32(v) for v in floats],
        "shape-(1,) NDArray": [nd.array([v]) for v in floats],
        "floats": floats,
        "mixture": [arrays[0], nd.array([floats[1]]), floats[2], np.float64(floats[3])],
        "1-D numpy": np.array(floats),
        "1-D NDArray": nd.array(floats),
    }[form]
    x_vals = np.linspace(0, 3, len(floats), endpoint=True)
    fig = semilogy(x_vals, y_vals, "epoch", "loss")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), floats)
    np.testing.assert_allclose(ax.lines[0].get_xdata(), x_vals)


def test_gb_semilogy_draws_the_second_curve_and_legend():
    # gluonbook's weight-decay call: train and test losses, lists of floats,
    # x as a range.
    fig = gb.semilogy(range(1, 4), [1.0, 0.5, 0.2], "epochs", "loss",
                      range(1, 4), [1.2, 0.9, 0.8], ["train", "test"])
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [1.2, 0.9, 0.8])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test"]


@pytest.mark.parametrize("y_vals,message", [
    ([np.ones(2), np.ones(1)], r"y_vals\[0\] must be a number or a one-element array"),
    (["a", 1.0], r"y_vals\[0\] must be a number"),
    (np.ones((2, 2)), "y_vals must be 1-D"),
    (3.0, "y_vals must be a list of numbers"),
])
def test_semilogy_refuses_values_it_cannot_draw_naming_them(y_vals, message):
    with pytest.raises(TypeError, match=message):
        utils.semilogy([0, 1], y_vals, "epoch", "loss")
    assert plt.get_fignums() == []  # refused before a figure was made


def test_semilogy_says_both_lengths():
    with pytest.raises(ValueError, match="x_vals and y_vals must have the "
                                         "same length, got 3 and 2"):
        gb.semilogy([0, 1, 2], [1.0, 0.5], "epoch", "loss")


def test_data_iter_takes_each_editions_arguments(seeded):
    X, y = gluon_opt.synthetic_linreg(25, seed=0)
    three = list(gb.data_iter(10, X, y))             # gluonbook / d2l
    four = list(gluon_opt.data_iter(10, 20, X, y))   # 2018 form, first 20
    april = list(utils.data_iter(10, 20, X, y))
    assert [len(b) for _, b in three] == [10, 10, 5]
    assert [len(b) for _, b in four] == [10, 10]
    assert [len(b) for _, b in april] == [10, 10]
    first_20 = set(y[:20].asnumpy().tolist())
    assert {v for _, b in four for v in b.asnumpy().tolist()} == first_20


def linear_problem():
    gluon_opt.set_seed(0)
    features, labels = gluon_opt.synthetic_linreg(1000, (2, -3.4), 4.2)
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=1))
    trainer = gluon.Trainer(net.collect_params(), "sgd",
                            {"learning_rate": 0.2, "momentum": 0.9})
    return features, labels, net, trainer


@pytest.mark.parametrize("call", ["utils X/y", "utils features/labels",
                                  "gb features/labels", "gb X/y",
                                  "gb positional"])
def test_optimize_takes_both_keyword_spellings(call, capsys):
    features, labels, net, trainer = linear_problem()
    common = dict(batch_size=10, trainer=trainer, num_epochs=3, decay_epoch=2,
                  log_interval=10, net=net)
    if call == "utils X/y":
        history = utils.optimize(X=features, y=labels, **common)
    elif call == "utils features/labels":
        history = utils.optimize(features=features, labels=labels, **common)
    elif call == "gb features/labels":
        history = gb.optimize(features=features, labels=labels, **common)
    elif call == "gb X/y":
        history = gb.optimize(X=features, y=labels, **common)
    else:
        history = gb.optimize(10, trainer, 3, 2, 10, features, labels, net)
    assert len(history.losses) == 301 and history.losses[-1] < 1e-4
    w, b = history.params["w"], history.params["b"]
    np.testing.assert_allclose(w.ravel(), [2, -3.4], atol=0.01)
    assert "w: \n[[" in capsys.readouterr().out


def test_optimize_refuses_both_spellings_at_once():
    features, labels, net, trainer = linear_problem()
    with pytest.raises(TypeError, match="give features or X, not both"):
        gb.optimize(10, trainer, 1, None, 10, features, labels, net, X=features)
    with pytest.raises(TypeError, match=r"missing the data argument labels \(or y\)"):
        gb.optimize(10, trainer, 1, None, 10, features=features, net=net)


def test_errors_name_the_argument_as_the_caller_spelled_it():
    features, labels, net, trainer = linear_problem()
    with pytest.raises(ValueError, match="rows in features and 999 in labels"):
        gb.optimize(10, trainer, 1, None, 10, features=features,
                    labels=labels[:999], net=net)
    with pytest.raises(ValueError, match="rows in X and 999 in y"):
        utils.optimize(10, trainer, 1, None, 10, X=features, y=labels[:999],
                       net=net)


# ----------------------------------------- each edition's scratch loop, run

def test_april_2018_scratch_momentum_runs_unchanged(capsys):
    """The April 2018 momentum-scratch section: utils.data_iter with
    num_examples, linreg and squared_loss from utils, the loss logged as
    .asnumpy() per point and that list handed to utils.semilogy."""
    utils.set_fig_size(matplotlib, (3.5, 2.5))
    gluon_opt.set_seed(0)
    num_inputs, num_examples = 2, 1000
    true_w, true_b = [2, -3.4], 4.2
    X = nd.random.normal(scale=1, shape=(num_examples, num_inputs))
    y = true_w[0] * X[:, 0] + true_w[1] * X[:, 1] + true_b
    y += 0.01 * nd.random.normal(scale=1, shape=y.shape)
    net, squared_loss = utils.linreg, utils.squared_loss

    def sgd_momentum(params, vs, lr, mom, batch_size):
        for param, v in zip(params, vs):
            v[:] = mom * v + lr * param.grad / batch_size
            param[:] = param - v

    def init_params():
        w = nd.random.normal(scale=1, shape=(num_inputs, 1))
        b = nd.zeros(shape=(1,))
        params = [w, b]
        vs = []
        for param in params:
            param.attach_grad()
            vs.append(param.zeros_like())
        return params, vs

    def optimize(batch_size, lr, mom, num_epochs, log_interval):
        [w, b], vs = init_params()
        y_vals = [squared_loss(net(X, w, b), y).mean().asnumpy()]
        for epoch in range(1, num_epochs + 1):
            if epoch > 2:
                lr *= 0.1
            for batch_i, (features, label) in enumerate(
                    utils.data_iter(batch_size, num_examples, X, y)):
                with autograd.record():
                    output = net(features, w, b)
                    loss = squared_loss(output, label)
                loss.backward()
                sgd_momentum([w, b], vs, lr, mom, batch_size)
                if batch_i * batch_size % log_interval == 0:
                    y_vals.append(squared_loss(net(X, w, b), y).mean().asnumpy())
        print('w:', w, '\nb:', b, '\n')
        x_vals = np.linspace(0, num_epochs, len(y_vals), endpoint=True)
        utils.semilogy(x_vals, y_vals, 'epoch', 'loss')
        return y_vals

    y_vals = optimize(batch_size=10, lr=0.2, mom=0.9, num_epochs=3,
                      log_interval=10)
    assert y_vals[0].shape == (1,)
    drawn = plt.gcf().axes[0].lines[0].get_ydata()
    np.testing.assert_allclose(drawn, [v.item() for v in y_vals], rtol=1e-6)
    assert drawn[-1] < 1e-4  # the noise floor: 0.01² / 2


def test_mid_2018_gluonbook_scratch_and_gluon_run_unchanged(capsys):
    """The mid-2018 revision with `import gluon_opt as gb`: gb.data_iter,
    gb.linreg, gb.squared_loss, gb.semilogy, gb.set_figsize, gb.plt, and the
    Gluon section's gb.optimize by keyword with features= and labels=."""
    gluon_opt.set_seed(0)
    num_inputs, num_examples = 2, 1000
    true_w, true_b = [2, -3.4], 4.2
    features = nd.random.normal(scale=1, shape=(num_examples, num_inputs))
    labels = true_w[0] * features[:, 0] + true_w[1] * features[:, 1] + true_b
    labels += nd.random.normal(scale=0.01, shape=labels.shape)
    net, loss = gb.linreg, gb.squared_loss

    def sgd(params, lr, batch_size):
        for param in params:
            param[:] = param - lr * param.grad / batch_size

    def optimize(batch_size, lr, num_epochs, log_interval, decay_epoch):
        w = nd.random.normal(scale=1, shape=(num_inputs, 1))
        b = nd.zeros(shape=(1,))
        params = [w, b]
        for param in params:
            param.attach_grad()
        ls = [loss(net(features, w, b), labels).mean().asnumpy()]
        for epoch in range(1, num_epochs + 1):
            if decay_epoch and epoch > decay_epoch:
                lr *= 0.1
            for batch_i, (X, y) in enumerate(
                    gb.data_iter(batch_size, features, labels)):
                with autograd.record():
                    l = loss(net(X, w, b), y)  # noqa: E741 (the book's name)
                l.backward()
                sgd([w, b], lr, batch_size)
                if batch_i * batch_size % log_interval == 0:
                    ls.append(loss(net(features, w, b), labels).mean().asnumpy())
        print('w:', w, '\nb:', b, '\n')
        es = np.linspace(0, num_epochs, len(ls), endpoint=True)
        gb.semilogy(es, ls, 'epoch', 'loss')
        return ls

    ls = optimize(batch_size=10, lr=0.2, num_epochs=3, log_interval=10,
                  decay_epoch=2)
    assert plt.gcf().axes[0].lines[0].get_ydata()[-1] < 1e-4

    gb_net = nn.Sequential()
    gb_net.add(nn.Dense(1))
    gb_net.initialize(init.Normal(sigma=1), force_reinit=True)
    trainer = gluon.Trainer(gb_net.collect_params(), 'sgd',
                            {'learning_rate': 0.2, 'momentum': 0.9})
    gb.optimize(batch_size=10, trainer=trainer, num_epochs=3, decay_epoch=2,
                log_interval=10, features=features, labels=labels, net=gb_net)
    gb.set_figsize((3.5, 2.5))
    gb.plt.plot(range(len(ls)), [v.item() for v in ls])
    out = capsys.readouterr().out
    assert out.count("w: \n[[") == 2 and out.count("\nb: \n[") == 2
    assert ls[-1].item() < 1e-4


def test_d2l_zh_1_0_minibatch_sgd_section_runs_unchanged(capsys):
    """d2l-zh 1.0 with `import gluon_opt as d2l`: get_data_ch7, a scratch sgd
    through train_ch7, train_gluon_ch7, and the 2-D trace helpers."""
    def sgd(params, states, hyperparams):
        for p in params:
            p[:] -= hyperparams['lr'] * p.grad

    features, labels = d2l.get_data_ch7()
    assert features.shape == (1500, 5)

    def train_sgd(lr, batch_size, num_epochs=2):
        d2l.train_ch7(sgd, None, {'lr': lr}, features, labels, batch_size,
                      num_epochs)

    gluon_opt.set_seed(0)
    train_sgd(0.05, 10)
    d2l.train_gluon_ch7('sgd', {'learning_rate': 0.05}, features, labels, 10)

    def f_2d(x1, x2):
        return 0.1 * x1 ** 2 + 2 * x2 ** 2

    def momentum_2d(x1, x2, v1, v2):
        v1 = gamma * v1 + eta * 0.2 * x1
        v2 = gamma * v2 + eta * 4 * x2
        return x1 - v1, x2 - v2, v1, v2

    eta, gamma = 0.6, 0.5
    d2l.show_trace_2d(f_2d, d2l.train_2d(momentum_2d))
    d2l.set_figsize()
    d2l.plt.plot([0, 1], [0, 1])
    out = capsys.readouterr().out
    losses = [float(v) for v in re.findall(
        r"^loss: (\d+\.\d{6}), \d+\.\d{6} sec per epoch$", out, re.MULTILINE)]
    assert len(losses) == 2 and all(abs(v - 0.245) < 0.01 for v in losses)
    assert "epoch 20, x1 0.007188, x2 0.002553" in out
