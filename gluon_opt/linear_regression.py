"""Linear regression from scratch: the model, loss and update the chapter uses."""
from mxnet import nd


def linreg(X, w, b):
    """The linear model X·w + b."""
    return nd.dot(X, w) + b


def squared_loss(y_hat, y):
    """Half the squared error, elementwise: (y_hat - y)² / 2."""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent: param -= lr · grad / batch_size.

    In place with two operators per parameter (the book writes
    `param[:] = param - lr * param.grad / batch_size`, the same math with a
    temporary and a slice assignment, several times slower in MXNet).
    """
    for param in params:
        param -= (lr / batch_size) * param.grad


def SGD(params, lr):  # noqa: N802 (the 2018 book's name)
    """The 2018 book's SGD: param -= lr · grad (the loss already averaged)."""
    sgd(params, lr, 1)
