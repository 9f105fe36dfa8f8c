"""Linear regression from scratch: the model, loss and update the chapter uses."""
from mxnet import nd


def linreg(X, w, b):
    """The linear model X·w + b."""
    return nd.dot(X, w) + b


def squared_loss(y_hat, y):
    """Half the squared error, elementwise: (y_hat - y)² / 2."""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent: param -= lr · grad / batch_size."""
    for param in params:
        param[:] = param - lr * param.grad / batch_size
