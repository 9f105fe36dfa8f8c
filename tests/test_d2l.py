"""gluon_opt.d2l: each helper against the contract of the current book's
(d2l 1.0, MXNet) helper of the same name, in NumPy mode."""
import gzip
import hashlib
import inspect
import io
import os
import re
import struct
import time
from contextlib import redirect_stdout

import numpy as onp
import pytest
from mxnet import autograd, gluon, init, np, npx
from mxnet.gluon import nn

import gluon_opt
from gluon_opt import d2l

# The book's signatures (d2l 1.0.3, d2l/mxnet.py): an API, kept exactly.
BOOK_SIGNATURES = {
    "plot": "(X, Y=None, xlabel=None, ylabel=None, legend=[], xlim=None, "
            "ylim=None, xscale='linear', yscale='linear', "
            "fmts=('-', 'm--', 'g-.', 'r:'), figsize=(3.5, 2.5), axes=None)",
    "set_figsize": "(figsize=(3.5, 2.5))",
    "use_svg_display": "()",
    "set_axes": "(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)",
    "train_2d": "(trainer, steps=20, f_grad=None)",
    "show_trace_2d": "(f, results)",
    "Animator": "(xlabel=None, ylabel=None, legend=None, xlim=None, "
                "ylim=None, xscale='linear', yscale='linear', "
                "fmts=('-', 'm--', 'g-.', 'r:'), nrows=1, ncols=1, "
                "figsize=(3.5, 2.5))",
    "Timer": "()",
    "Accumulator": "(n)",
    "get_data_ch11": "(batch_size=10, n=1500)",
    "train_ch11": "(trainer_fn, states, hyperparams, data_iter, "
                  "feature_dim, num_epochs=2)",
    "train_concise_ch11": "(tr_name, hyperparams, data_iter, num_epochs=2)",
    "linreg": "(X, w, b)",
    "squared_loss": "(y_hat, y)",
    "evaluate_loss": "(net, data_iter, loss)",
    "load_array": "(data_arrays, batch_size, is_train=True)",
    "download": "(url, folder='../data', sha1_hash=None)",
    "try_gpu": "(i=0)",
    "accuracy": "(y_hat, y)",
    "evaluate_accuracy_gpu": "(net, data_iter, device=None)",
    "load_data_fashion_mnist": "(batch_size, resize=None)",
    "synthetic_data": "(w, b, num_examples)",
    "sgd": "(params, lr, batch_size)",
    "cpu": "()",
    "gpu": "(i=0)",
    "num_gpus": "()",
    "try_all_gpus": "()",
    "evaluate_accuracy": "(net, data_iter)",
    "get_dataloader_workers": "()",
    "train_ch6": "(net, train_iter, test_iter, num_epochs, lr, device)",
}

# Every d2l.X that the MXNet code of each section of the optimization chapter
# uses: the same names in d2l-en 1.0.3 and d2l-zh 2.0.0 (their
# chapter_optimization/*.md at those tags; comments left out).
CHAPTER_NAMES = {
    "optimization-intro": {"arange", "cos", "linspace", "meshgrid", "plot",
                           "plt", "set_figsize", "tanh"},
    "convexity": {"arange", "cos", "exp", "plot", "plt", "set_figsize",
                  "tensor", "use_svg_display"},
    "gd": {"arange", "cos", "cosh", "meshgrid", "plot", "plt", "set_figsize",
           "sin", "sinh", "tensor"},
    "sgd": {"normal", "show_trace_2d", "train_2d"},
    "minibatch-sgd": {"Animator", "DATA_HUB", "DATA_URL", "Timer", "download",
                      "evaluate_loss", "linreg", "load_array", "plot", "plt",
                      "set_figsize", "squared_loss"},
    "momentum": {"arange", "get_data_ch11", "numpy", "plt", "set_figsize",
                 "show_trace_2d", "train_2d", "train_ch11",
                 "train_concise_ch11", "zeros"},
    "adagrad": {"get_data_ch11", "show_trace_2d", "train_2d", "train_ch11",
                "train_concise_ch11", "zeros"},
    "rmsprop": {"arange", "get_data_ch11", "numpy", "plt", "set_figsize",
                "show_trace_2d", "train_2d", "train_ch11",
                "train_concise_ch11", "zeros"},
    "adadelta": {"get_data_ch11", "train_ch11", "train_concise_ch11",
                 "zeros"},
    "adam": {"get_data_ch11", "train_ch11", "train_concise_ch11", "zeros"},
    "lr-scheduler": {"Accumulator", "Animator", "accuracy", "arange",
                     "evaluate_accuracy_gpu", "load_data_fashion_mnist",
                     "plot", "try_gpu"},
}

# The tensor aliases at the end of each edition's d2l/mxnet.py, each with
# what it stands for ("x.m" for a function of x that calls its method m).
ALIASES_ZH = {
    "size": "x.size", "transpose": "x.T", "ones": np.ones,
    "zeros": np.zeros, "arange": np.arange, "meshgrid": np.meshgrid,
    "sin": np.sin, "sinh": np.sinh, "cos": np.cos, "cosh": np.cosh,
    "tanh": np.tanh, "linspace": np.linspace, "exp": np.exp, "log": np.log,
    "tensor": np.array, "normal": np.random.normal, "rand": np.random.rand,
    "matmul": np.dot, "int32": np.int32, "float32": np.float32,
    "concat": np.concatenate, "stack": np.stack, "abs": np.abs, "eye": np.eye,
    "numpy": "x.asnumpy", "reshape": "x.reshape", "to": "x.as_in_context",
    "reduce_sum": "x.sum", "argmax": "x.argmax", "astype": "x.astype",
}
ALIASES_EN = {
    **ALIASES_ZH, "nn_Module": nn.Block, "sigmoid": npx.sigmoid,
    "batch_matmul": npx.batch_dot, "ones_like": np.ones_like,
    "zeros_like": np.zeros_like, "randn": np.random.randn,
    "expand_dims": np.expand_dims, "int64": np.int64,
    "reduce_mean": "x.mean", "swapaxes": "x.swapaxes", "repeat": "x.repeat",
}

# What the chapter's exercises and the sections before it lean on.
NEIGHBOUR_HELPERS = [
    "synthetic_data", "sgd", "load_array", "Timer", "Accumulator", "Animator",
    "accuracy", "evaluate_accuracy_gpu", "try_gpu", "try_all_gpus", "cpu",
    "gpu", "num_gpus", "load_data_fashion_mnist", "train_ch6",
]
LOSS_LINE = re.compile(r"^loss: \d+\.\d{3}, \d+\.\d{3} sec/epoch$")


@pytest.fixture
def np_mode():
    """NumPy mode for one test, then the legacy mode the rest of the suite
    runs in (npx.set_np is global)."""
    was_np = npx.is_np_array()
    npx.set_np()
    gluon_opt.set_seed(0)
    yield
    if not was_np:
        npx.reset_np()


def printed(function, *args, **kwargs):
    out = io.StringIO()
    with redirect_stdout(out):
        result = function(*args, **kwargs)
    return result, out.getvalue()


@pytest.mark.parametrize("name", sorted(BOOK_SIGNATURES))
def test_signature_is_the_books(name):
    assert str(inspect.signature(getattr(d2l, name))) == BOOK_SIGNATURES[name]


def test_the_module_leaves_numpy_mode_alone():
    assert not npx.is_np_array()  # importing gluon_opt.d2l did not set it


def test_train_2d_prints_with_colons_and_the_2018_one_without():
    def gd_2d(x1, x2, s1, s2):
        return x1 - 0.1 * 2 * x1, x2 - 0.1 * 4 * x2, 0, 0

    results, out = printed(d2l.train_2d, gd_2d)
    assert out == "epoch 20, x1: -0.057646, x2: -0.000073\n"
    assert len(results) == 21 and results[0] == (-5, -2)
    _, out_2018 = printed(gluon_opt.train_2d, gd_2d)
    assert out_2018 == "epoch 20, x1 -0.057646, x2 -0.000073\n"


def test_train_2d_passes_f_grad_and_steps():
    seen = []

    def trainer(x1, x2, s1, s2, f_grad):
        seen.append(f_grad)
        g1, g2 = f_grad(x1, x2)
        return x1 - 0.1 * g1, x2 - 0.1 * g2, s1, s2

    grad = lambda x1, x2: (2 * x1, 4 * x2)  # noqa: E731
    results, out = printed(d2l.train_2d, trainer, steps=5, f_grad=grad)
    assert len(results) == 6 and seen == [grad] * 5
    assert out.startswith("epoch 5, x1: ")


def test_show_trace_2d_draws_a_trace_of_numpy_mode_arrays(np_mode):
    from mxnet import np
    results = [(-5, -2)] + [(np.array([-4.0]), np.array([-1.5])),
                            (np.array([-3.0]), np.array([-1.0]))]
    d2l.show_trace_2d(lambda x1, x2: x1 ** 2 + 2 * x2 ** 2, results)
    trace = d2l.plt.gca().get_lines()[0]
    assert trace.get_xdata().tolist() == [-5, -4, -3]
    assert trace.get_ydata().tolist() == [-2, -1.5, -1]
    assert d2l.plt.gca().get_xlabel() == "x1"


def test_plot_takes_arrays_and_lists_of_scalar_arrays(np_mode):
    from mxnet import np
    x = np.arange(0, 1, 0.25)
    d2l.plot([x, [0.0, 1.0]], [[v ** 2 for v in x], [1.0, 2.0]], 'x', 'f(x)',
             legend=['a', 'b'])
    axes = d2l.plt.gca()
    first, second = axes.get_lines()
    assert first.get_ydata().tolist() == [0, 0.0625, 0.25, 0.5625]
    assert second.get_xdata().tolist() == [0, 1]
    assert axes.get_xlabel() == "x" and axes.get_legend() is not None


def test_plot_of_y_alone_and_onto_given_axes(np_mode):
    from mxnet import np
    _, axes = d2l.plt.subplots(1, 2)
    d2l.plot(np.array([3.0, 1.0, 2.0]), axes=axes[1])
    assert axes[1].get_lines()[0].get_ydata().tolist() == [3, 1, 2]
    assert not axes[0].get_lines()


def test_timer_records_and_sums():
    timer = d2l.Timer()
    time.sleep(0.01)
    first = timer.stop()
    assert first >= 0.009 and timer.times == [first]
    timer.times = [1.0, 2.0, 3.0]
    assert (timer.avg(), timer.sum(), timer.cumsum()) == (2.0, 6.0,
                                                          [1.0, 3.0, 6.0])
    assert all(type(t) is float for t in timer.cumsum())


def test_accumulator_adds_arrays_as_floats(np_mode):
    from mxnet import np
    metric = d2l.Accumulator(2)
    metric.add(np.array(1.5), 2)
    metric.add(0.5, np.array([3]))
    assert (metric[0], metric[1]) == (2.0, 5.0)
    metric.reset()
    assert metric.data == [0.0, 0.0]


def test_load_array_batches_like_a_dataloader(np_mode):
    from mxnet import np
    X = np.arange(23 * 2, dtype='float32').reshape(23, 2)
    y = np.arange(23, dtype='float32')
    loader = d2l.load_array((X, y), 5)
    batches = list(loader)
    assert len(loader) == len(batches) == 5
    assert [b[0].shape for b in batches] == [(5, 2)] * 4 + [(3, 2)]
    assert all(type(part) is np.ndarray for b in batches for part in b)
    rows = onp.concatenate([b[1].asnumpy() for b in batches])
    assert sorted(rows.tolist()) == list(range(23))  # each row once
    assert rows.tolist() != list(range(23))  # shuffled
    features = onp.concatenate([b[0].asnumpy() for b in batches])
    assert (features[:, 0] == 2 * rows).all()  # rows stay together
    ordered = onp.concatenate([b[1].asnumpy() for b in
                               d2l.load_array((X, y), 5, is_train=False)])
    assert ordered.tolist() == list(range(23))


def test_load_array_refuses_bad_input(np_mode):
    from mxnet import np
    with pytest.raises(ValueError, match="data_arrays"):
        d2l.load_array((np.zeros((3, 2)), np.zeros(4)), 2)
    with pytest.raises(ValueError, match="batch_size"):
        d2l.load_array((np.zeros((3, 2)),), 0)
    with pytest.raises(TypeError, match="data_arrays"):
        d2l.load_array(np.zeros((3, 2)), 2)


def test_helpers_need_numpy_mode():
    with pytest.raises(RuntimeError, match=r"npx\.set_np\(\)"):
        d2l.get_data_ch11()


def test_get_data_ch11_is_the_books_standardized_airfoil(np_mode):
    data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
    assert feature_dim == 5 and len(data_iter) == 150
    X, y = next(iter(data_iter))
    assert X.shape == (10, 5) and y.shape == (10,) and X.dtype == onp.float32
    # The book: genfromtxt in float32, every column standardized, 1500 rows.
    table = onp.genfromtxt(gluon_opt.data.locate(gluon_opt.data.AIRFOIL),
                           dtype=onp.float32, delimiter='\t')
    table = (table - table.mean(axis=0)) / table.std(axis=0)
    features, labels = (a.asnumpy() for a in data_iter.arrays)
    # (float32 sums differ from the float64 ones by a few 1e-5)
    assert onp.allclose(features, table[:1500, :-1], atol=1e-4)
    assert onp.allclose(labels, table[:1500, -1], atol=1e-4)


def test_download_gives_the_verified_airfoil_file(tmp_path):
    path = d2l.download('airfoil', folder=str(tmp_path))
    with open(path, "rb") as stream:
        assert hashlib.sha1(stream.read()).hexdigest() == \
            d2l.DATA_HUB['airfoil'][1]
    with pytest.raises(ValueError, match="DATA_HUB"):
        d2l.download('no-such-data')


def test_linreg_and_squared_loss(np_mode):
    from mxnet import np
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    w, b = np.array([[1.0], [-1.0]]), np.array([0.5])
    y_hat = d2l.linreg(X, w, b)
    assert y_hat.asnumpy().tolist() == [[-0.5], [-0.5]]
    loss = d2l.squared_loss(y_hat, np.array([0.5, 1.5]))
    assert loss.shape == (2, 1) and loss.asnumpy().tolist() == [[0.5], [2.0]]


def test_evaluate_loss_equals_the_books_batch_by_batch_mean(np_mode):
    data_iter, _ = d2l.get_data_ch11(batch_size=7)
    net = nn.Dense(1)
    net.initialize(init.Normal(sigma=0.5))
    loss = gluon.loss.L2Loss()
    fast = d2l.evaluate_loss(net, data_iter, loss)  # all rows at once
    metric = d2l.Accumulator(2)  # the book's loop: sums and counts
    for X, y in data_iter:
        batch = loss(net(X), y)
        metric.add(batch.sum(), batch.size)
    assert type(fast) is float
    assert fast == pytest.approx(metric[0] / metric[1], rel=1e-5)
    dataloader = gluon.data.DataLoader(gluon.data.ArrayDataset(
        *data_iter.arrays), 100)
    assert d2l.evaluate_loss(net, dataloader, loss) == pytest.approx(fast,
                                                                     rel=1e-5)


def _books_train_ch11(trainer_fn, states, hyperparams, data_iter, feature_dim,
                      num_epochs=2):
    """The book's train_ch11 loop as printed (without plot and print):
    the readable reference the fast path must equal."""
    from mxnet import np
    w = np.random.normal(scale=0.01, size=(feature_dim, 1))
    b = np.zeros(1)
    w.attach_grad()
    b.attach_grad()
    net, loss = lambda X: d2l.linreg(X, w, b), d2l.squared_loss
    n, losses = 0, []
    for _ in range(num_epochs):
        for X, y in data_iter:
            with autograd.record():
                l = loss(net(X), y).mean()  # noqa: E741 (the book's name)
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            n += X.shape[0]
            if n % 200 == 0:
                losses.append(d2l.evaluate_loss(net, data_iter, loss))
    return losses


def sgd(params, states, hyperparams):
    for p in params:
        p[:] -= hyperparams['lr'] * p.grad


def test_train_ch11_equals_the_books_loop_and_prints_its_line(np_mode):
    data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
    (times, losses), out = printed(d2l.train_ch11, sgd, None, {'lr': 0.05},
                                   data_iter, feature_dim)
    gluon_opt.set_seed(0)
    data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
    book = _books_train_ch11(sgd, None, {'lr': 0.05}, data_iter, feature_dim)
    assert len(losses) == len(book) == 15  # every 200 of 3000 examples
    assert losses == pytest.approx(book, rel=1e-5)
    assert all(type(v) is float for v in losses)
    assert losses[-1] == pytest.approx(0.243, abs=0.01)
    assert len(times) == 15 and times == sorted(times) and times[0] > 0
    assert LOSS_LINE.match(out.strip())
    assert out.startswith(f"loss: {losses[-1]:.3f}, ")


def test_train_ch11_hands_the_callers_hyperparams_to_the_update(np_mode):
    from mxnet import np

    def counting_sgd(params, states, hyperparams):
        sgd(params, states, hyperparams)
        hyperparams['t'] += 1  # as the book's adam counts its steps

    data_iter, feature_dim = d2l.get_data_ch11(batch_size=100)
    hyperparams = {'lr': 0.1, 't': 1}
    states = [np.zeros((feature_dim, 1)), np.zeros(1)]
    printed(d2l.train_ch11, counting_sgd, states, hyperparams, data_iter,
            feature_dim, num_epochs=1)
    assert hyperparams['t'] == 16  # 15 batches of 100


def test_train_ch11_logs_at_every_200_examples_across_epochs(np_mode):
    # 1500 rows in batches of 1500: a log point at every second epoch.
    data_iter, feature_dim = d2l.get_data_ch11(batch_size=1500)
    (times, losses), _ = printed(d2l.train_ch11, sgd, None, {'lr': 1},
                                 data_iter, feature_dim, 10)
    assert len(losses) == len(times) == 5


def test_train_ch11_explains_when_nothing_is_logged(np_mode):
    # 150 rows in batches of 7: 7, 14, ..., 147, 150, 157, ..., 300 seen
    data_iter, feature_dim = d2l.get_data_ch11(batch_size=7, n=150)
    with pytest.raises(ValueError, match="multiple of 200"):
        printed(d2l.train_ch11, sgd, None, {'lr': 0.1}, data_iter,
                feature_dim)


def test_train_concise_ch11_prints_and_returns_nothing(np_mode):
    data_iter, _ = d2l.get_data_ch11(batch_size=10)
    result, out = printed(d2l.train_concise_ch11, 'sgd',
                          {'learning_rate': 0.05}, data_iter)
    assert result is None and LOSS_LINE.match(out.strip())
    assert float(out.split()[1].rstrip(',')) == pytest.approx(0.243, abs=0.01)
    with pytest.raises(ValueError, match="tr_name"):
        d2l.train_concise_ch11('no-such-optimizer', {}, data_iter)


def test_animator_keeps_the_books_data_and_renders_nothing_headless():
    animator = d2l.Animator(xlabel='epoch', xlim=[0, 3],
                            legend=['train loss', 'train acc', 'test acc'])
    draws = []
    animator.fig.canvas.mpl_connect('draw_event', draws.append)
    for epoch in range(3):
        animator.add(epoch + 0.5, (1.0 / (epoch + 1), 0.5 + epoch / 10, None))
        animator.add(epoch + 1, (None, None, 0.4 + epoch / 10))
    assert animator.X == [[0.5, 1.5, 2.5], [0.5, 1.5, 2.5], [1, 2, 3]]
    assert animator.Y[2] == pytest.approx([0.4, 0.5, 0.6])
    assert draws == []  # nothing rendered while points arrive
    animator.fig.savefig(io.BytesIO(), format="png")
    assert len(draws) == 1
    lines = animator.axes[0].get_lines()
    assert list(lines[2].get_xdata()) == [1, 2, 3]
    assert [t.get_text() for t in animator.axes[0].get_legend().get_texts()] \
        == ['train loss', 'train acc', 'test acc']


def test_animator_limits_not_given_follow_the_data():
    # lr-scheduler and train_ch6 give xlim only: the y axis must show the
    # curves (as the book's add does by plotting before it sets limits)
    animator = d2l.Animator(xlabel='epoch', xlim=[0, 30],
                            legend=['train loss', 'train acc', 'test acc'])
    for epoch in range(30):
        animator.add(epoch + 1, (None, None, 0.1 + epoch / 100))
        animator.add(epoch + 0.5, (2 - epoch / 20, epoch / 40, None))
    animator.fig.savefig(io.BytesIO(), format="png")
    bottom, top = animator.axes[0].get_ylim()
    assert bottom <= 0 and 2 <= top < 2.5
    assert animator.axes[0].get_xlim() == (0, 30)
    fixed = d2l.Animator(xlim=[0, 2], ylim=[0.22, 0.35])
    fixed.add(1, 5.0)
    assert fixed.axes[0].get_ylim() == (0.22, 0.35)


def test_animator_in_jupyter_redraws_a_few_times_a_second(monkeypatch):
    import IPython.display
    shown = []
    monkeypatch.setattr(d2l, "_live", lambda: True)
    monkeypatch.setattr(IPython.display, "display", shown.append)
    monkeypatch.setattr(IPython.display, "clear_output", lambda wait: None)
    animator = d2l.Animator()
    start = time.perf_counter()
    while time.perf_counter() - start < 0.6:
        animator.add(time.perf_counter() - start, 1.0)
    elapsed = time.perf_counter() - start
    assert len(animator.X[0]) > 20  # many points ...
    assert 1 <= len(shown) <= 1 + elapsed / d2l.REDRAW_SECONDS  # few redraws
    assert shown[0] is animator.fig


def test_accuracy_and_evaluate_accuracy_gpu(np_mode):
    from mxnet import np
    y_hat = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    y = np.array([1, 1, 1], dtype='int32')
    assert d2l.accuracy(y_hat, y) == 2.0
    net = nn.Dense(2, in_units=2)
    net.initialize()
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 1.0], [1.0, 3.0]])
    labels = net(X).argmax(axis=1).astype('int32')
    labels[0] = 1 - labels[0]  # one wrong of four
    loader = d2l.load_array((X, labels), 3, is_train=False)
    assert d2l.evaluate_accuracy_gpu(net, loader) == 0.75
    assert d2l.try_gpu() == npx.cpu()  # no GPU on the test machines


def _idx(array, type_code):
    header = struct.pack(">BBBB", 0, 0, type_code, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.astype(">u1").tobytes())


@pytest.fixture
def fashion_folder(tmp_path, monkeypatch):
    """A data folder with small Fashion-MNIST-format files, registered with
    their own sha1s (the real files are a download)."""
    rng = onp.random.RandomState(0)
    files = {}
    for train, count in ((True, 12), (False, 5)):
        images = rng.randint(0, 256, size=(count, 28, 28)).astype(onp.uint8)
        labels = rng.randint(0, 10, size=count).astype(onp.uint8)
        pair = []
        for datafile, raw in zip(d2l.FASHION_MNIST_FILES[train],
                                 (_idx(images, 0x08), _idx(labels, 0x08))):
            path = tmp_path / datafile.name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(raw)
            pair.append(gluon_opt.data.DataFile(
                datafile.name, hashlib.sha1(raw).hexdigest()))
        files[train] = tuple(pair)
        files[f"images{train}"], files[f"labels{train}"] = images, labels
    monkeypatch.setitem(d2l.FASHION_MNIST_FILES, True, files[True])
    monkeypatch.setitem(d2l.FASHION_MNIST_FILES, False, files[False])
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    return files


def test_load_data_fashion_mnist_gives_what_totensor_gives(np_mode,
                                                           fashion_folder):
    train_iter, test_iter = d2l.load_data_fashion_mnist(4)
    assert len(train_iter) == 3 and len(test_iter) == 2
    X, y = next(iter(test_iter))  # not shuffled
    assert X.shape == (4, 1, 28, 28) and X.dtype == onp.float32
    assert y.dtype == onp.int32
    assert onp.allclose(X.asnumpy()[:, 0],
                        fashion_folder["imagesFalse"][:4] / 255.0)
    assert y.asnumpy().tolist() == fashion_folder["labelsFalse"][:4].tolist()
    X, _ = next(iter(d2l.load_data_fashion_mnist(4, resize=32)[0]))
    assert X.shape == (4, 1, 32, 32)


def test_load_data_fashion_mnist_offline_says_where_to_put_the_files(
        np_mode, tmp_path, monkeypatch):
    closed = "http://127.0.0.1:9/"  # nothing listens: fails at once
    for train, pair in list(d2l.FASHION_MNIST_FILES.items()):
        monkeypatch.setitem(d2l.FASHION_MNIST_FILES, train, tuple(
            gluon_opt.data.DataFile(f.name, f.sha1, mirrors=(
                (closed + f.name, "sha1", f.sha1),)) for f in pair))
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    with pytest.raises(OSError) as error:
        d2l.load_data_fashion_mnist(256)
    message = str(error.value)
    assert str(tmp_path / "fashion-mnist") in message
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        assert name in message
    assert "GLUON_OPT_DATA" in message and "Connection refused" in message
    assert message.count("could not be downloaded") == 1  # one explanation
    assert not os.listdir(tmp_path)  # nothing half-written


def test_train_concise_ch11_checks_hyperparams_as_train_gluon_ch7_does(np_mode):
    # One make_trainer serves both chapters, each with its own argument names.
    from gluon_opt import d2l
    data_iter, _ = d2l.get_data_ch11(10)
    with pytest.raises(ValueError, match=r"tr_name must be one of .*got 'adamm'"):
        d2l.train_concise_ch11('adamm', {'learning_rate': 0.01}, data_iter)
    with pytest.raises(ValueError, match=r"hyperparams\['beta1'\] must be in"):
        d2l.train_concise_ch11('adam', {'learning_rate': 0.01, 'beta1': 1.0},
                               data_iter)
    # an optimizer gluon_opt does not implement is checked after MXNet builds
    # it, named the same way
    with pytest.raises(TypeError, match=r"^hyperparams\['beta1'\] must be a "
                                        r"number, got 'x'"):
        d2l.train_concise_ch11('ftml', {'learning_rate': 0.01, 'beta1': 'x'},
                               data_iter)
    # so is the rescale_grad each step hands MXNet (rescale_grad / rows)
    with pytest.raises(ValueError, match=r"^hyperparams\['rescale_grad'\] / "
                                         r"the batch's 10 rows must be 0"):
        d2l.train_concise_ch11('sgd', {'learning_rate': 0.1,
                                       'rescale_grad': 1.2e-38}, data_iter)


# ------------------------------------------- the book's whole reachable face

@pytest.mark.parametrize("section", sorted(CHAPTER_NAMES))
def test_every_name_the_chapter_uses_is_here(section):
    missing = [name for name in sorted(CHAPTER_NAMES[section])
               if not hasattr(d2l, name)]
    assert not missing


@pytest.mark.parametrize("section", sorted(CHAPTER_NAMES))
def test_our_code_for_each_edition_uses_those_names(section):
    """The chapter test runs benchmarks.d2l_sections: it must reach the
    same d2l names as each edition's section."""
    from benchmarks import d2l_sections
    for edition, sections in d2l_sections.EDITIONS.items():
        code = "\n".join(line for line in "\n".join(sections[section])
                         .splitlines() if not line.lstrip().startswith("#"))
        assert set(re.findall(r"\bd2l\.(\w+)", code)) == \
            CHAPTER_NAMES[section], edition


@pytest.mark.parametrize("name", sorted(set(ALIASES_EN) | set(ALIASES_ZH)))
def test_every_alias_of_both_editions_is_what_the_book_maps_it_to(name):
    target = ALIASES_EN[name]
    if not isinstance(target, str):
        assert getattr(d2l, name) is target
        return
    x = np.arange(6.0).reshape(2, 3)
    method = target[2:]
    arguments = {"reshape": ((3, 2),), "as_in_context": (npx.cpu(),),
                 "sum": (), "argmax": (), "astype": ('int32',), "mean": (),
                 "swapaxes": (0, 1), "repeat": (2,), "asnumpy": ()}
    ours = getattr(d2l, name)(x, *arguments.get(method, ()))
    books = (getattr(x, method)(*arguments[method])
             if method in arguments else getattr(x, method))
    if hasattr(books, "asnumpy"):
        assert type(ours) is type(books) and ours.shape == books.shape
        assert (ours.asnumpy() == books.asnumpy()).all()
    elif isinstance(books, onp.ndarray):
        assert type(ours) is onp.ndarray and (ours == books).all()
    else:
        assert ours == books


def test_the_alias_list_is_the_union_of_both_editions():
    assert set(d2l.ALIASES) == set(ALIASES_EN) | set(ALIASES_ZH)
    assert set(d2l.ALIASES) <= set(d2l.__all__)


@pytest.mark.parametrize("name", NEIGHBOUR_HELPERS)
def test_the_helpers_the_chapter_leans_on_are_here(name):
    assert callable(getattr(d2l, name))
    assert name in d2l.__all__


def test_synthetic_data_and_sgd_are_the_books(np_mode):
    true_w, true_b = np.array([2, -3.4]), 4.2
    X, y = d2l.synthetic_data(true_w, true_b, 1000)
    assert X.shape == (1000, 2) and y.shape == (1000, 1)
    assert type(X) is np.ndarray
    noise = (y.reshape(-1) - (np.dot(X, true_w) + true_b)).asnumpy()
    assert abs(noise.mean()) < 0.002 and 0.008 < noise.std() < 0.012
    w = np.array([1.0, 2.0])
    w.attach_grad()
    with autograd.record():
        loss = (w * np.array([3.0, -1.0])).sum()
    loss.backward()
    d2l.sgd([w], 0.5, 2)  # w - lr * grad / batch_size
    assert w.asnumpy().tolist() == [1.0 - 0.75, 2.0 + 0.25]


def test_the_devices_without_a_gpu():
    assert d2l.num_gpus() == 0  # the test machines have none
    assert d2l.try_gpu() == d2l.cpu() == npx.cpu()
    assert d2l.try_all_gpus() == [npx.cpu()]
    assert d2l.gpu(1) == npx.gpu(1)


# --------------------------------------- MXNet arrays handed to matplotlib

def test_numpy_converts_mxnet_arrays_while_gluon_opt_is_imported(np_mode):
    from mxnet import nd
    from gluon_opt import _array_protocol
    assert _array_protocol.installed()
    x = np.arange(6).reshape(2, 3)
    converted = onp.asarray(x)
    assert converted.dtype == onp.float32 and converted.shape == (2, 3)
    assert converted.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert onp.asarray(x, dtype=onp.float64).dtype == onp.float64
    legacy = onp.asarray(nd.ones((2, 2)))
    assert legacy.dtype == onp.float32 and legacy.tolist() == [[1, 1]] * 2
    # arithmetic with NumPy numbers still happens in MXNet
    assert type(onp.float64(2) * nd.ones(3)) is nd.NDArray
    assert type(onp.float32(2) * np.ones(3)) is np.ndarray


def test_the_array_protocol_can_be_switched_off_and_on():
    from mxnet import nd
    from gluon_opt import _array_protocol
    _array_protocol.uninstall()
    try:
        assert not hasattr(nd.NDArray, "__array__")
        # MXNet 1.9.1 alone: numpy before 1.24 builds a meaningless object
        # array (with a warning); later numpy refuses the NDArray outright.
        if tuple(int(part) for part in onp.__version__.split(".")[:2]) < (1, 24):
            with pytest.warns(onp.VisibleDeprecationWarning):
                assert onp.asarray(nd.ones(2)).dtype == object
        else:
            with pytest.raises(ValueError):
                onp.asarray(nd.ones(2))
    finally:
        assert _array_protocol.install()
    assert onp.asarray(nd.ones(2)).dtype == onp.float32


def test_contour_and_plot_take_the_arrays_of_d2l_meshgrid(np_mode):
    # d2l-zh 2.0's show_trace_2d: mx.np arrays straight to plt.contour
    x1, x2 = d2l.meshgrid(d2l.arange(-5.5, 1.0, 0.1),
                          d2l.arange(-3.0, 1.0, 0.1))
    d2l.plt.figure()
    contours = d2l.plt.contour(x1, x2, x1 ** 2 + 2 * x2 ** 2,
                               colors='#1f77b4')
    assert len(contours.levels) > 3
    line, = d2l.plt.plot(d2l.arange(4), d2l.arange(4) ** 2, '-o')
    assert line.get_ydata().tolist() == [0, 1, 4, 9]
    d2l.plot(d2l.arange(3), [d2l.exp(d2l.arange(3))], 'x', 'f(x)')
    assert d2l.plt.gca().get_lines()[0].get_ydata()[2] == pytest.approx(
        onp.exp(2), rel=1e-6)
    d2l.plt.close('all')


# --------------------------------------------------------- Fashion-MNIST

def _fashion_files(folder, train=12, test=5, seed=0):
    """The four Fashion-MNIST idx files, small and random, as a reader may
    put them into folder/fashion-mnist; returns the arrays."""
    rng = onp.random.RandomState(seed)
    arrays = {}
    (folder / "fashion-mnist").mkdir(parents=True, exist_ok=True)
    for split, count in (("train", train), ("t10k", test)):
        images = rng.randint(0, 256, size=(count, 28, 28)).astype(onp.uint8)
        labels = rng.randint(0, 10, size=count).astype(onp.uint8)
        for kind, array in (("images-idx3", images), ("labels-idx1", labels)):
            (folder / "fashion-mnist" / f"{split}-{kind}-ubyte.gz"
             ).write_bytes(_idx(array, 0x08))
        arrays[split] = images, labels
    return arrays


def test_fashion_files_a_reader_puts_in_gluon_opt_data_are_read_offline(
        np_mode, tmp_path, monkeypatch):
    arrays = _fashion_files(tmp_path)
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    monkeypatch.setattr(gluon_opt.data, "download", lambda *args: pytest.fail(
        "tried to download"))
    with pytest.warns(UserWarning, match="not the published Fashion-MNIST") \
            as warned:
        train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size=256)
    assert len(warned) == 4
    assert str(tmp_path / "fashion-mnist" / "t10k-images-idx3-ubyte.gz") in \
        " ".join(str(w.message) for w in warned)
    X, y = next(iter(test_iter))
    assert X.shape == (5, 1, 28, 28) and y.dtype == onp.int32
    assert y.asnumpy().tolist() == arrays["t10k"][1].tolist()
    assert len(train_iter) == 1 and next(iter(train_iter))[0].shape[0] == 12


def test_a_folder_in_place_of_a_fashion_file_is_named(np_mode, tmp_path,
                                                      monkeypatch):
    _fashion_files(tmp_path)
    target = tmp_path / "fashion-mnist" / "train-labels-idx1-ubyte.gz"
    target.unlink()
    target.mkdir()
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    with pytest.raises(ValueError, match="is a folder") as error:
        with pytest.warns(UserWarning):
            d2l.load_data_fashion_mnist(256)
    assert str(target) in str(error.value)


def test_train_ch6_trains_and_prints_the_books_two_lines(np_mode, tmp_path,
                                                         monkeypatch):
    _fashion_files(tmp_path, train=40, test=10)
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    with pytest.warns(UserWarning):
        train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size=8)
    net = nn.Sequential()
    net.add(nn.Dense(16, activation='relu'), nn.Dense(10))
    _, out = printed(d2l.train_ch6, net, train_iter, test_iter, 2, 0.1,
                     d2l.try_gpu())
    first, second = out.splitlines()
    assert re.fullmatch(r"loss \d+\.\d{3}, train acc \d\.\d{3}, "
                        r"test acc \d\.\d{3}", first)
    assert re.fullmatch(r"\d+\.\d examples/sec on cpu\(0\)", second)
    accuracy = d2l.evaluate_accuracy(net, test_iter)
    assert accuracy == d2l.evaluate_accuracy_gpu(net, test_iter)
    assert first.endswith(f"test acc {accuracy:.3f}")


@pytest.fixture
def fashion_server(tmp_path, monkeypatch):
    """Fashion-MNIST's four files, small, served over HTTP on 127.0.0.1 as
    the only mirror, registered with their own sha1 (the real files are 30 MB
    on a server this machine must not reach)."""
    import functools
    import http.server
    import threading
    served = tmp_path / "served"
    arrays = _fashion_files(served)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(served / "fashion-mnist"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    for train, pair in list(d2l.FASHION_MNIST_FILES.items()):
        files = []
        for datafile in pair:
            name = os.path.basename(datafile.name)
            sha1 = hashlib.sha1((served / datafile.name).read_bytes()
                                ).hexdigest()
            files.append(gluon_opt.data.DataFile(
                datafile.name, sha1, mirrors=((base + name, "sha1", sha1),)))
        monkeypatch.setitem(d2l.FASHION_MNIST_FILES, train, tuple(files))
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("GLUON_OPT_DATA", str(folder))
    yield served, folder, arrays
    server.shutdown()


def test_load_data_fashion_mnist_downloads_and_checks_each_file(
        np_mode, fashion_server):
    served, folder, arrays = fashion_server
    _, test_iter = d2l.load_data_fashion_mnist(256)
    assert sorted(os.listdir(folder / "fashion-mnist")) == sorted(
        os.listdir(served / "fashion-mnist"))
    _, y = next(iter(test_iter))
    assert y.asnumpy().tolist() == arrays["t10k"][1].tolist()


def test_a_download_with_another_hash_is_refused(np_mode, fashion_server):
    served, folder, _ = fashion_server
    (served / "fashion-mnist" / "train-labels-idx1-ubyte.gz").write_bytes(
        _idx(onp.zeros(12, onp.uint8), 0x08))  # not what the hash says
    with pytest.raises(OSError, match="train-labels-idx1-ubyte.gz") as error:
        d2l.load_data_fashion_mnist(256)
    assert "expected" in str(error.value)
    assert not (folder / "fashion-mnist" / "train-labels-idx1-ubyte.gz"
                ).exists()
