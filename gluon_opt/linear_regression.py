"""Linear regression from scratch: the model, loss and update the chapter uses,
and the section's two training loops (from scratch, and with Gluon)."""
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

from . import _checks
from .data import data_iter


def linreg(X, w, b):
    """The linear model X·w + b."""
    _checks.check_linreg(X, w, b)
    return nd.dot(X, w) + b


def squared_loss(y_hat, y):
    """Half the squared error, elementwise: (y_hat - y)² / 2."""
    _checks.check_same_size("y_hat", y_hat, "y", y)
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent: param -= lr · grad / batch_size.

    In place with two operators per parameter (the book writes
    `param[:] = param - lr * param.grad / batch_size`, the same math with a
    temporary and a slice assignment, several times slower in MXNet).
    """
    _checks.check_float32("lr", lr, minimum=0)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    _checks.check_params("params", params)
    for param in params:
        param -= (lr / batch_size) * param.grad


class LinearRegressionLoss(gluon.HybridBlock):
    """mean(squared_loss(linreg(X, w, b), y)) as one block holding w and b.

    The same math as the two functions above; hybridized, each training step
    runs its forward and its backward as one cached graph each instead of
    dispatching some 13 small operators one by one. The drivers use it; the
    update functions still receive plain NDArrays w and b (with .grad).
    """

    def __init__(self, w, b, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.w = self.params.get("w", shape=w.shape)
            self.b = self.params.get("b", shape=b.shape)
        self.initialize()
        self.w.set_data(w)
        self.b.set_data(b)
        self.hybridize(static_alloc=True, static_shape=True)

    def hybrid_forward(self, F, X, y, w, b):  # noqa: N803 (MXNet's names)
        y_hat = F.broadcast_add(F.dot(X, w), b)
        return F.mean(F.square(y_hat - F.reshape(y, (-1, 1))) / 2)


def SGD(params, lr):  # noqa: N802 (the 2018 book's name)
    """The 2018 book's SGD: param -= lr · grad (the loss already averaged)."""
    sgd(params, lr, 1)


def train_scratch(features, labels, lr=0.03, num_epochs=3, batch_size=10,
                  verbose=True):
    """The section's loop from scratch: minibatch SGD on squared loss.

    w starts at N(0, 0.01²) of shape (num_inputs, 1), b at 0. Each epoch runs
    over shuffled minibatches; the gradient is that of the summed loss, which
    `sgd` divides by batch_size. Prints `epoch %d, loss %f` (the mean loss on
    all data). Returns (w, b, losses per epoch).
    """
    w = nd.random.normal(scale=0.01, shape=(features.shape[1], 1))
    b = nd.zeros(shape=(1,))
    w.attach_grad()
    b.attach_grad()
    epoch_losses = []
    for epoch in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            with autograd.record():
                loss = squared_loss(linreg(X, w, b), y)
            loss.backward()
            sgd([w, b], lr, batch_size)
        epoch_losses.append(
            squared_loss(linreg(features, w, b), labels).mean().asscalar())
        if verbose:
            print("epoch %d, loss %f" % (epoch + 1, epoch_losses[-1]))
    return w, b, epoch_losses


def train_gluon(features, labels, lr=0.03, num_epochs=3, batch_size=10,
                verbose=True):
    """The same with Gluon: nn.Dense(1), gluon.loss.L2Loss() and
    gluon.Trainer(..., 'sgd', {'learning_rate': lr}). Returns
    (net, losses per epoch)."""
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    loss = gluon.loss.L2Loss()
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': lr})
    epoch_losses = []
    for epoch in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            with autograd.record():
                batch_loss = loss(net(X), y)
            batch_loss.backward()
            trainer.step(batch_size)
        epoch_losses.append(loss(net(features), labels).mean().asscalar())
        if verbose:
            print("epoch %d, loss: %f" % (epoch + 1, epoch_losses[-1]))
    return net, epoch_losses
