"""The current book's helpers: `from gluon_opt import d2l` in place of
`from d2l import mxnet as d2l`.

The optimization chapter of Dive into Deep Learning 1.0 (d2l-zh 2.0), MXNet
tab, runs unchanged on this module: every name keeps the book's signature,
return value and printed format, and works on `mx.np` arrays in NumPy mode
(`npx.set_np()`, which the chapter calls). What differs is how the work is
done:

- the training functions run the package's one loop
  (`gluon_opt.training.train_loop`) and evaluate the loss on all data in one
  pass, with one host sync per epoch;
- `Animator` redraws at most every REDRAW_SECONDS in Jupyter and renders
  nothing during training elsewhere (Agg, scripts, CI): its lines are kept
  current and the figure is drawn once, when it is shown or saved;
- nothing here creates an IPython shell or touches IPython's removed APIs;
- the airfoil data comes from the package (`gluon_opt.data.locate`), so the
  chapter runs offline; Fashion-MNIST is downloaded where a network exists.

Both current editions are served: d2l-en 1.0.3 and d2l-zh 2.0.0. The
module's face is what their chapter and the sections it leans on reach: the
helpers below, the tensor aliases at the end (the union of both editions'
lists) and the modules the book's d2l imports (np, npx, gluon, ...).
"""
import os
import time
import warnings

import matplotlib
import numpy as onp
from matplotlib import pyplot as plt
from mxnet import autograd, context, gluon, image, init, np, npx
from mxnet.gluon import nn, rnn
from mxnet.gluon.data.vision import transforms

from . import _checks, data, plotting, training
from .mnist_data import read_idx

USE_MXNET, USE_PYTORCH, USE_TENSORFLOW = True, False, False

DATA_HUB = dict()
DATA_URL = "http://d2l-data.s3-accelerate.amazonaws.com/"
DATA_HUB["airfoil"] = (DATA_URL + data.AIRFOIL_FILE, data.AIRFOIL_SHA1)

# Animator shows its figure in Jupyter at most this often (seconds): a redraw
# renders an SVG, which costs more than a whole training step.
REDRAW_SECONDS = 0.25

# The chapter's training functions log the loss on all data every 200 examples.
LOG_EVERY_EXAMPLES = 200


def _require_np_mode(name):
    if not npx.is_np_array():
        raise RuntimeError(f"{name} works on mx.np arrays in NumPy mode: run "
                           f"npx.set_np() first, as the chapter does")


def _to_host(values):
    """A plotting series as host numbers: MXNet arrays are copied once."""
    if hasattr(values, "asnumpy"):
        return values.asnumpy()
    if isinstance(values, (list, tuple)) and any(
            hasattr(v, "asnumpy") for v in values):
        return onp.array([float(v) for v in values])
    return values


# ---------------------------------------------------------------- plotting

def use_svg_display():
    """Use the svg format to display a plot in Jupyter (nothing elsewhere)."""
    plotting.use_svg_display()


def set_figsize(figsize=(3.5, 2.5)):
    """Set the figure size for matplotlib."""
    plotting.set_figsize(figsize)


def set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend):
    """Set the labels, limits, scales, legend and grid of `axes`."""
    axes.set_xlabel(xlabel), axes.set_ylabel(ylabel)
    axes.set_xscale(xscale), axes.set_yscale(yscale)
    axes.set_xlim(xlim), axes.set_ylim(ylim)
    if legend:
        axes.legend(legend)
    axes.grid()


def plot(X, Y=None, xlabel=None, ylabel=None, legend=[], xlim=None,  # noqa: B006
         ylim=None, xscale='linear', yscale='linear',
         fmts=('-', 'm--', 'g-.', 'r:'), figsize=(3.5, 2.5), axes=None):
    """Plot data points: one curve per series of Y (or of X alone).
    (legend=[] is the book's default; it is never changed.)"""

    def has_one_axis(X):  # a 1-d array, or a list of numbers
        return (hasattr(X, "ndim") and X.ndim == 1 or isinstance(X, list)
                and not hasattr(X[0], "__len__"))

    if has_one_axis(X):
        X = [X]
    if Y is None:
        X, Y = [[]] * len(X), X
    elif has_one_axis(Y):
        Y = [Y]
    if len(X) != len(Y):
        X = X * len(Y)

    set_figsize(figsize)
    if axes is None:
        axes = plt.gca()
    axes.cla()
    for x, y, fmt in zip(X, Y, fmts):
        x, y = _to_host(x), _to_host(y)
        axes.plot(x, y, fmt) if len(x) else axes.plot(y, fmt)
    set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)


def annotate(text, xy, xytext):
    """An arrow from xytext to xy on the current axes, labelled `text`."""
    plt.gca().annotate(text, xy=xy, xytext=xytext,
                       arrowprops=dict(arrowstyle='->'))


def _live():
    """True inside a Jupyter kernel with the inline backend, where a figure
    can be redrawn in the cell's output while the cell runs."""
    return "inline" in matplotlib.get_backend()


class Animator:
    """For plotting data in animation: add points, the figure follows.

    In Jupyter the figure is shown at most every REDRAW_SECONDS while points
    arrive, and once more, complete, when the cell ends. Elsewhere nothing is
    rendered while points arrive; the lines stay current, so the figure is
    drawn once, when it is saved or shown.
    """

    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None,
                 ylim=None, xscale='linear', yscale='linear',
                 fmts=('-', 'm--', 'g-.', 'r:'), nrows=1, ncols=1,
                 figsize=(3.5, 2.5)):
        if legend is None:
            legend = []
        use_svg_display()
        self.fig, self.axes = plt.subplots(nrows, ncols, figsize=figsize)
        if nrows * ncols == 1:
            self.axes = [self.axes, ]
        self.config_axes = lambda: set_axes(
            self.axes[0], xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
        # The limits not given follow the data, as in the book (whose add
        # plots, then sets the limits given); set_xlim/set_ylim(None) in
        # set_axes would otherwise freeze them at an empty plot's.
        self._autoscale = (xlim is None, ylim is None)
        self.X, self.Y, self.fmts = None, None, fmts
        self._lines = None
        self._shown_at = time.perf_counter()

    def add(self, x, y):
        """Add one point to each series: y is a number or one per series
        (None skips that series), x one for all or one per series."""
        if not hasattr(y, "__len__"):
            y = [y]
        n = len(y)
        if not hasattr(x, "__len__"):
            x = [x] * n
        if not self.X:
            self.X = [[] for _ in range(n)]
        if not self.Y:
            self.Y = [[] for _ in range(n)]
        for i, (a, b) in enumerate(zip(x, y)):
            if a is not None and b is not None:
                self.X[i].append(a)
                self.Y[i].append(b)
        self._update_lines()
        if _live() and time.perf_counter() - self._shown_at >= REDRAW_SECONDS:
            self._show()

    def _update_lines(self):
        """Give the lines their data (no rendering happens here)."""
        axes = self.axes[0]
        if self._lines is None:
            axes.cla()
            self._lines = [axes.plot([], [], fmt)[0]
                           for _, fmt in zip(self.X, self.fmts)]
            self.config_axes()
            axes.set_autoscalex_on(self._autoscale[0])
            axes.set_autoscaley_on(self._autoscale[1])
        for line, xs, ys in zip(self._lines, self.X, self.Y):
            line.set_data(_to_host(xs), _to_host(ys))
        if any(self._autoscale):
            axes.relim()
            axes.autoscale_view()

    def _show(self):
        from IPython import display
        display.display(self.fig)
        display.clear_output(wait=True)
        self._shown_at = time.perf_counter()


class Timer:
    """Record multiple running times."""

    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        """Start the timer."""
        self.tik = time.time()

    def stop(self):
        """Stop the timer and record the time in a list."""
        self.times.append(time.time() - self.tik)
        return self.times[-1]

    def avg(self):
        """Return the average time."""
        return sum(self.times) / len(self.times)

    def sum(self):
        """Return the sum of time."""
        return sum(self.times)

    def cumsum(self):
        """Return the accumulated time."""
        return onp.array(self.times).cumsum().tolist()


class Accumulator:
    """For accumulating sums over `n` variables."""

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


# ---------------------------------------------------------------- 2-D traces

def train_2d(trainer, steps=20, f_grad=None):
    """Optimize a 2D objective function with a customized trainer, from
    (-5, -2); print the last point, return every point."""
    # s1 and s2 are state the trainer may keep (momentum, AdaGrad, RMSProp).
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(steps):
        if f_grad:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2, f_grad)
        else:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
        results.append((x1, x2))
    print(f'epoch {i + 1}, x1: {float(x1):f}, x2: {float(x2):f}')
    return results


def show_trace_2d(f, results):
    """Show the trace of 2D variables during optimization over f's contours."""
    set_figsize()
    points = plotting.drawable([(float(x1), float(x2)) for x1, x2 in results])
    plt.plot(points[:, 0], points[:, 1], '-o', color='#ff7f0e')
    x1, x2 = onp.meshgrid(onp.arange(-55, 1, 1) * 0.1,
                          onp.arange(-30, 1, 1) * 0.1)
    plt.contour(x1, x2, f(x1, x2), colors='#1f77b4')
    plt.xlabel('x1')
    plt.ylabel('x2')


# ---------------------------------------------------------------- data

class ArrayLoader:
    """Minibatches (X, y, ...) of mx.np arrays, as a gluon DataLoader over an
    ArrayDataset gives them: shuffled each epoch when is_train, the last
    batch smaller when batch_size does not divide the rows; len() is the
    number of batches.

    Each epoch's order costs one `take` per array; every batch is then a
    slice of the shuffled copy (a view: no copy, no operator per batch).
    `arrays` holds the data in its original order.
    """

    def __init__(self, arrays, batch_size, shuffle):
        self.arrays = arrays
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.num_examples = arrays[0].shape[0]

    def __len__(self):
        return -(-self.num_examples // self.batch_size)

    def __iter__(self):
        arrays = self.arrays
        if self.shuffle:
            order = np.array(onp.random.permutation(self.num_examples),
                             dtype='int32', ctx=arrays[0].ctx)
            arrays = [np.take(array, order, axis=0) for array in arrays]
        for start in range(0, self.num_examples, self.batch_size):
            stop = start + self.batch_size
            yield tuple(array[start:stop] for array in arrays)


def _as_np_array(name, value):
    if hasattr(value, "as_np_ndarray"):  # an mx.nd or mx.np array
        return value.as_np_ndarray()
    try:
        return np.array(onp.asarray(value))
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must hold arrays (mx.np, mx.nd or NumPy), "
                        f"got {type(value).__name__}: {error}") from None


def load_array(data_arrays, batch_size, is_train=True):
    """Construct a data iterator over the arrays in `data_arrays` (one row of
    each per example), shuffled every epoch when is_train."""
    _require_np_mode("load_array")
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    if not isinstance(data_arrays, (tuple, list)) or not data_arrays:
        raise TypeError(f"data_arrays must be a tuple of arrays such as "
                        f"(features, labels), got "
                        f"{type(data_arrays).__name__}")
    arrays = [_as_np_array("data_arrays", a) for a in data_arrays]
    lengths = [a.shape[0] if a.ndim else 0 for a in arrays]
    if len(set(lengths)) != 1 or lengths[0] == 0:
        raise ValueError(f"data_arrays must have the same number of rows, at "
                         f"least one, got {lengths}")
    return ArrayLoader(arrays, batch_size, shuffle=bool(is_train))


def download(url, folder='../data', sha1_hash=None):
    """The local path of a verified copy of a DATA_HUB name or a URL.

    A copy already in `folder` is used when its sha1 matches; otherwise the
    package's own copy (the airfoil data ships with it) or $GLUON_OPT_DATA's;
    otherwise it is downloaded, checked, and kept in the data folder.
    """
    if not isinstance(url, str):
        raise TypeError(f"url must be a name in DATA_HUB or a URL, got "
                        f"{type(url).__name__}")
    if not url.startswith('http'):
        if url not in DATA_HUB:
            raise ValueError(f"url {url!r} is neither a URL nor a name in "
                             f"DATA_HUB ({', '.join(sorted(DATA_HUB))})")
        url, sha1_hash = DATA_HUB[url]
    folder = _checks.check_path("folder", folder)
    if not sha1_hash:
        raise ValueError(f"sha1_hash is needed to check {url}: gluon-opt "
                         f"reads only files whose hash it knows")
    name = url.split('/')[-1]
    datafile = (data.AIRFOIL if (name, sha1_hash) == (data.AIRFOIL_FILE,
                                                     data.AIRFOIL_SHA1)
                else data.DataFile(name, sha1_hash,
                                   mirrors=((url, "sha1", sha1_hash),)))
    if os.path.exists(os.path.join(folder, name)):
        return data.locate(datafile, folder)
    return data.locate(datafile)


def get_data_ch11(batch_size=10, n=1500):
    """The airfoil data: every column standardized, the first n rows.
    Returns (data_iter, feature_dim)."""
    _require_np_mode("get_data_ch11")
    n = _checks.check_int("n", n, minimum=1)
    features, labels = data.read_airfoil(data.locate(data.AIRFOIL),
                                         num_rows=n)
    data_iter = load_array((features, labels), batch_size, is_train=True)
    return data_iter, features.shape[1]


# ---------------------------------------------------------------- models

def linreg(X, w, b):
    """The linear regression model."""
    return np.dot(X, w) + b


def squared_loss(y_hat, y):
    """Squared loss."""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise: X (num_examples, len(w)) standard
    normal, noise with standard deviation 0.01; y as a column."""
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    X = np.random.normal(0, 1, (num_examples, len(w)))
    y = np.dot(X, w) + b
    y += np.random.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent: each parameter steps by
    lr times its gradient summed over the batch, divided by batch_size."""
    for param in params:
        param[:] = param - lr * param.grad / batch_size


def _loss_on_all(net, data_iter, loss):
    """The mean loss over every example of data_iter, on the device.

    For an ArrayLoader, one pass over all its rows; otherwise batch by batch
    (sums and counts, as the book's evaluate_loss adds them).
    """
    if isinstance(data_iter, ArrayLoader):
        X, y = data_iter.arrays[:2]
        return loss(net(X), y).mean()
    total, count = 0, 0
    for X, y in data_iter:
        batch = loss(net(X), y)
        total = total + batch.sum()
        count += batch.size
    return total / count


def evaluate_loss(net, data_iter, loss):
    """Evaluate the loss of a model on the given dataset (a Python float)."""
    return float(_loss_on_all(net, data_iter, loss))


# ---------------------------------------------------------------- training

def _train_ch11_loop(batch_loss, update, full_loss, data_iter, num_epochs):
    """The chapter's loop on gluon_opt.training.train_loop: log the loss on
    all data whenever the examples seen reach a multiple of 200, time the
    training between log points (not the evaluation), plot into an Animator.

    Returns (timer, animator); animator.Y[0] holds the logged losses.
    """
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    if not hasattr(data_iter, "__iter__") or not hasattr(data_iter, "__len__"):
        raise TypeError(f"data_iter must be a data iterator with a length "
                        f"(from get_data_ch11 or load_array), got "
                        f"{type(data_iter).__name__}")
    animator = Animator(xlabel='epoch', ylabel='loss',
                        xlim=[0, num_epochs], ylim=[0.22, 0.35])
    timer = Timer()
    seen, positions, logged = 0, [], []

    def log_when(rows):
        nonlocal seen
        seen += rows
        if seen % LOG_EVERY_EXAMPLES:
            return False
        positions.append(seen / rows / len(data_iter))
        return True

    def timed_full_loss():
        if not positions:  # train_loop's loss before training: not the book's
            loss = full_loss()
            timer.start()
            return loss
        timer.stop()
        loss = full_loss()
        logged.append(loss)
        if _live() and time.perf_counter() - animator._shown_at >= \
                REDRAW_SECONDS:  # show progress: copy what is new to the host
            for i in range(len(animator.Y[0]) if animator.Y else 0,
                           len(logged)):
                animator.add(positions[i], (float(logged[i].asscalar()),))
        timer.start()
        return loss

    losses, _, _ = training.train_loop(
        batch_loss, update, timed_full_loss, None, None, batch_size=None,
        num_epochs=num_epochs, log_interval=None, get_lr=None, set_lr=None,
        batches=lambda: iter(data_iter), log_when=log_when)
    timer.stop()  # the time after the last log point is not the book's
    timer.times.pop()
    if not positions:
        raise ValueError(
            f"no loss was logged: the loss is evaluated each time the "
            f"examples seen reach a multiple of {LOG_EVERY_EXAMPLES}, which "
            f"{num_epochs} epoch(s) of this data_iter never do; use a batch "
            f"size that divides {LOG_EVERY_EXAMPLES} or more epochs")
    done = len(animator.Y[0]) if animator.Y else 0
    for position, loss in zip(positions[done:], losses[1 + done:]):
        animator.add(position, (loss,))
    return timer, animator


def _logged_loss(loss_fn):
    """full_loss for train_loop: the mean loss as an mx.nd array of shape
    (1,), which train_loop gathers and copies to the host once per epoch."""
    return lambda: loss_fn().reshape(1).as_nd_ndarray()


def train_ch11(trainer_fn, states, hyperparams, data_iter,
               feature_dim, num_epochs=2):
    """Train linear regression from scratch with trainer_fn(params, states,
    hyperparams); print `loss: %.3f, %.3f sec/epoch` and return (cumulative
    training seconds, losses) at each log point."""
    _require_np_mode("train_ch11")
    if not callable(trainer_fn):
        raise TypeError("trainer_fn must be a function "
                        "f(params, states, hyperparams)")
    if not isinstance(hyperparams, dict):
        raise TypeError(f"hyperparams must be a dict such as {{'lr': 0.1}}, "
                        f"got {type(hyperparams).__name__}")
    feature_dim = _checks.check_int("feature_dim", feature_dim, minimum=1)
    w = np.random.normal(scale=0.01, size=(feature_dim, 1))
    b = np.zeros(1)
    w.attach_grad()
    b.attach_grad()
    net, loss = lambda X: linreg(X, w, b), squared_loss
    timer, animator = _train_ch11_loop(
        batch_loss=lambda X, y: loss(net(X), y).mean(),
        update=lambda rows: trainer_fn([w, b], states, hyperparams),
        full_loss=_logged_loss(lambda: _loss_on_all(net, data_iter, loss)),
        data_iter=data_iter, num_epochs=num_epochs)
    print(f'loss: {animator.Y[0][-1]:.3f}, '
          f'{timer.sum() / num_epochs:.3f} sec/epoch')
    return timer.cumsum(), animator.Y[0]


def train_concise_ch11(tr_name, hyperparams, data_iter, num_epochs=2):
    """Train nn.Dense(1) with gluon.Trainer(tr_name, hyperparams) and L2
    loss; print `loss: %.3f, %.3f sec/epoch` (returns nothing)."""
    _require_np_mode("train_concise_ch11")
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    trainer = training.make_trainer(net, tr_name, hyperparams,
                                   names=("tr_name", "hyperparams"))
    if isinstance(data_iter, ArrayLoader):
        _checks.check_step_scale(
            "hyperparams['rescale_grad']", trainer,
            min(data_iter.batch_size, data_iter.num_examples))
    loss = gluon.loss.L2Loss()
    timer, animator = _train_ch11_loop(
        batch_loss=lambda X, y: loss(net(X), y),
        update=trainer.step,
        full_loss=_logged_loss(lambda: _loss_on_all(net, data_iter, loss)),
        data_iter=data_iter, num_epochs=num_epochs)
    print(f'loss: {animator.Y[0][-1]:.3f}, '
          f'{timer.sum() / num_epochs:.3f} sec/epoch')


# ---------------------------------------------------------------- lr-scheduler

def cpu():
    """Get the CPU device."""
    return npx.cpu()


def gpu(i=0):
    """Get a GPU device."""
    return npx.gpu(i)


def num_gpus():
    """Get the number of available GPUs."""
    return npx.num_gpus()


def try_gpu(i=0):
    """Return gpu(i) if exists, otherwise return cpu()."""
    if num_gpus() >= i + 1:
        return gpu(i)
    return cpu()


def try_all_gpus():
    """Return all available GPUs, or [cpu()] if no GPU exists."""
    return [gpu(i) for i in range(num_gpus())] or [cpu()]


def accuracy(y_hat, y):
    """Compute the number of correct predictions (a Python float)."""
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.astype(y.dtype) == y
    return float(cmp.astype(y.dtype).sum())


def evaluate_accuracy_gpu(net, data_iter, device=None):
    """Compute the accuracy for a model on a dataset using a GPU (or the
    device of the net's first parameter)."""
    if not device:
        device = list(net.collect_params().values())[0].list_ctx()[0]
    correct, count = 0, 0
    for X, y in data_iter:
        X, y = X.as_in_ctx(device), y.as_in_ctx(device)
        y_hat = net(X)
        if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
            y_hat = y_hat.argmax(axis=1)
        # Summed on the device: one host copy at the end, not one per batch.
        hits = (y_hat.astype(y.dtype) == y).astype('float32')
        correct = correct + hits.sum()
        count += y.size
    return float(correct) / count


def evaluate_accuracy(net, data_iter):
    """Compute the accuracy for a model on a dataset."""
    metric = Accumulator(2)  # correct predictions, predictions
    for X, y in data_iter:
        metric.add(accuracy(net(X), y), y.size)
    return metric[0] / metric[1]


def train_ch6(net, train_iter, test_iter, num_epochs, lr, device):
    """Train a model with a GPU (defined in Chapter 6): Xavier
    initialization, softmax cross-entropy, gluon's 'sgd'; plots the training
    loss and accuracy five times an epoch and the test accuracy after each,
    then prints them and the examples per second."""
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    net.initialize(force_reinit=True, ctx=device, init=init.Xavier())
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), 'sgd',
                            {'learning_rate': lr})
    animator = Animator(xlabel='epoch', xlim=[1, num_epochs],
                        legend=['train loss', 'train acc', 'test acc'])
    timer, num_batches = Timer(), len(train_iter)
    for epoch in range(num_epochs):
        metric = Accumulator(3)  # loss sum, correct predictions, examples
        for i, (X, y) in enumerate(train_iter):
            timer.start()
            X, y = X.as_in_ctx(device), y.as_in_ctx(device)
            with autograd.record():
                y_hat = net(X)
                batch_loss = loss(y_hat, y)
            batch_loss.backward()
            trainer.step(X.shape[0])
            metric.add(batch_loss.sum(), accuracy(y_hat, y), X.shape[0])
            timer.stop()
            train_l, train_acc = metric[0] / metric[2], metric[1] / metric[2]
            if (i + 1) % max(1, num_batches // 5) == 0 or \
                    i == num_batches - 1:
                animator.add(epoch + (i + 1) / num_batches,
                             (train_l, train_acc, None))
        test_acc = evaluate_accuracy_gpu(net, test_iter)
        animator.add(epoch + 1, (None, None, test_acc))
    print(f'loss {train_l:.3f}, train acc {train_acc:.3f}, '
          f'test acc {test_acc:.3f}')
    print(f'{metric[2] * num_epochs / timer.sum():.1f} examples/sec '
          f'on {str(device)}')


def get_dataloader_workers():
    """The book's number of data-loading processes (4, 0 on Windows).
    load_data_fashion_mnist here needs none: its batches are slices of
    arrays already in memory."""
    return 0 if os.name == 'nt' else 4


FASHION_MNIST_MIRRORS = (
    "https://apache-mxnet.s3-accelerate.dualstack.amazonaws.com/gluon/"
    "dataset/fashion-mnist/",
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")


def _fashion_file(name, gluon_sha1, zalando_md5):
    """A Fashion-MNIST file: Gluon's mirror publishes sha1s, Zalando md5s."""
    gluon_mirror, zalando_mirror = FASHION_MNIST_MIRRORS
    return data.DataFile(f"fashion-mnist/{name}", gluon_sha1, mirrors=(
        (gluon_mirror + name, "sha1", gluon_sha1),
        (zalando_mirror + name, "md5", zalando_md5)))


# (images, labels) of the training and the test split.
FASHION_MNIST_FILES = {
    True: (_fashion_file("train-images-idx3-ubyte.gz",
                         "0cf37b0d40ed5169c6b3aba31069a9770ac9043d",
                         "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
           _fashion_file("train-labels-idx1-ubyte.gz",
                         "236021d52f1e40852b06a4c3008d8de8aef1e40b",
                         "25c81989df183df01b3e8a0aad5dffbe")),
    False: (_fashion_file("t10k-images-idx3-ubyte.gz",
                          "626ed6a7c06dd17c0eec72fa3be1740f146a2863",
                          "bef4ecab320f06d8554ea6380940ec79"),
            _fashion_file("t10k-labels-idx1-ubyte.gz",
                          "17f9ab60e7257a1620f4ad76bbbaf857c3920701",
                          "bb300cfdad3c16e7a12a480ee83cd310")),
}


def _fashion_path(datafile):
    """The path of a Fashion-MNIST file: the reader's copy in the data
    folder, else a download checked against the mirror's hash.

    A copy the reader put there is read even when its hash is not the
    published one (another mirror's recompression, a subset, files of one's
    own in the same format), with a warning: the results then are not the
    book's. The idx reader still refuses anything that is not an idx file.
    """
    local = data.local_copy(datafile)
    if local is None:
        return data.locate(datafile)
    if not data.matches(local, datafile):  # (one pass over the file)
        warnings.warn(
            f"{local} is not the published Fashion-MNIST file (its sha1 is "
            f"{data.sha1(local)}, the published one {datafile.sha1}); it is "
            f"read as it is, so the results will not be the book's.",
            stacklevel=4)
    return local


def _read_fashion_mnist(train, resize):
    """One split as float32 images (n, 1, h, w) in [0, 1] and int32 labels,
    what gluon's FashionMNIST with Resize and ToTensor gives."""
    try:
        # (map: no frame of its own between the warning and the reader)
        paths = list(map(_fashion_path, FASHION_MNIST_FILES[train]))
    except OSError as error:
        folder = os.path.join(data.data_dir(), "fashion-mnist")
        names = ", ".join(os.path.basename(f.name) for split in
                          FASHION_MNIST_FILES.values() for f in split)
        raise OSError(
            f"Fashion-MNIST could not be downloaded, and gluon-opt does not "
            f"ship it. Put its four files, {names}, into {folder} (or set "
            f"GLUON_OPT_DATA to a folder and put them into its fashion-mnist "
            f"subfolder); they are at {FASHION_MNIST_MIRRORS[1]}. The "
            f"download failed: "
            f"{'; '.join(getattr(error, 'failures', ())) or error}") from None
    images, labels = (read_idx(path) for path in paths)
    if images.ndim != 3 or labels.shape != images.shape[:1]:
        raise ValueError(f"{paths[0]} and {paths[1]} must hold n images of "
                         f"h x w pixels and n labels, got shapes "
                         f"{images.shape} and {labels.shape}")
    images = np.array(images[:, :, :, None], dtype='uint8')
    if resize:
        images = npx.image.resize(images, resize)
    return npx.image.to_tensor(images), np.array(labels, dtype='int32')


def load_data_fashion_mnist(batch_size, resize=None):
    """Download the Fashion-MNIST dataset and then load it into memory.
    Returns (train_iter, test_iter); the training batches are shuffled."""
    _require_np_mode("load_data_fashion_mnist")
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    if resize is not None and not (
            isinstance(resize, int) and resize > 0 or
            isinstance(resize, (tuple, list)) and len(resize) == 2):
        raise ValueError(f"resize must be None, a positive int or a pair "
                         f"(width, height), got {resize!r}")
    train = load_array(_read_fashion_mnist(True, resize), batch_size, True)
    test = load_array(_read_fashion_mnist(False, resize), batch_size, False)
    return train, test


# ---------------------------------------------------------------- aliases
# The book writes its code once for every framework through these names
# (d2l's "Alias defined in config.ini" block at the end of d2l/mxnet.py).
# Here: the union of d2l-en 1.0.3's and d2l-zh 2.0.0's MXNet lists, each the
# mx.np / npx function or the array method the book maps it to. They are
# defined last: `abs`, `size` and `numpy` would shadow names used above.
# The method aliases below (`numpy` ... `repeat`) are alike on purpose: each
# is a named function a reader finds by its book name, with its docstring
# saying which method it calls, where one generated helper would hide that.

# creation and random numbers
ones, ones_like, zeros, zeros_like = (np.ones, np.ones_like, np.zeros,
                                      np.zeros_like)
arange, linspace, meshgrid, eye = np.arange, np.linspace, np.meshgrid, np.eye
tensor = np.array
normal, rand, randn = np.random.normal, np.random.rand, np.random.randn
# elementwise functions
sin, sinh, cos, cosh, tanh = np.sin, np.sinh, np.cos, np.cosh, np.tanh
exp, log, abs = np.exp, np.log, np.abs  # noqa: A001 (the book's name)
sigmoid = npx.sigmoid
# products, joining, shapes
matmul, batch_matmul = np.dot, npx.batch_dot
concat, stack, expand_dims = np.concatenate, np.stack, np.expand_dims
# dtypes
float32, int32, int64 = np.float32, np.int32, np.int64
# the base class of the book's models
nn_Module = nn.Block


def size(a):
    """The number of elements of `a`."""
    return a.size


def transpose(a):
    """`a` with its axes reversed."""
    return a.T


def numpy(x, *args, **kwargs):
    """`x` as a NumPy array on the host (x.asnumpy())."""
    return x.asnumpy(*args, **kwargs)


def reshape(x, *args, **kwargs):
    """x.reshape(...)"""
    return x.reshape(*args, **kwargs)


def to(x, *args, **kwargs):
    """`x` on another device: x.as_in_context(...)"""
    return x.as_in_context(*args, **kwargs)


def reduce_sum(x, *args, **kwargs):
    """x.sum(...)"""
    return x.sum(*args, **kwargs)


def reduce_mean(x, *args, **kwargs):
    """x.mean(...)"""
    return x.mean(*args, **kwargs)


def argmax(x, *args, **kwargs):
    """x.argmax(...)"""
    return x.argmax(*args, **kwargs)


def astype(x, *args, **kwargs):
    """x.astype(...)"""
    return x.astype(*args, **kwargs)


def swapaxes(x, *args, **kwargs):
    """x.swapaxes(...)"""
    return x.swapaxes(*args, **kwargs)


def repeat(x, *args, **kwargs):
    """x.repeat(...)"""
    return x.repeat(*args, **kwargs)


ALIASES = (
    "abs", "arange", "argmax", "astype", "batch_matmul", "concat", "cos",
    "cosh", "exp", "expand_dims", "eye", "float32", "int32", "int64",
    "linspace", "log", "matmul", "meshgrid", "nn_Module", "normal", "numpy",
    "ones", "ones_like", "rand", "randn", "reduce_mean", "reduce_sum",
    "repeat", "reshape", "sigmoid", "sin", "sinh", "size", "stack",
    "swapaxes", "tanh", "tensor", "to", "transpose", "zeros", "zeros_like",
)

__all__ = [
    "DATA_HUB", "DATA_URL", "USE_MXNET", "USE_PYTORCH", "USE_TENSORFLOW",
    "Accumulator", "Animator", "ArrayLoader", "Timer", "accuracy", "annotate",
    "autograd", "context", "cpu", "download", "evaluate_accuracy",
    "evaluate_accuracy_gpu", "evaluate_loss", "get_data_ch11",
    "get_dataloader_workers", "gluon", "gpu", "image", "init", "linreg",
    "load_array", "load_data_fashion_mnist", "nn", "np", "npx", "num_gpus",
    "plot", "plt", "rnn", "set_axes", "set_figsize", "sgd", "show_trace_2d",
    "squared_loss", "synthetic_data", "train_2d", "train_ch11", "train_ch6",
    "train_concise_ch11", "transforms", "try_all_gpus", "try_gpu",
    "use_svg_display", *ALIASES,
]
