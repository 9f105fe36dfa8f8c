"""The book's original loops, kept as they were printed, to measure against.

These are the baselines of the benchmark, not library code: they copy the
chapter's host syncs and DataLoader on purpose. Only printing and plotting
are left out (the timing is of training, not of matplotlib).
"""
import time

import numpy as np
from mxnet import autograd, gluon, nd
from mxnet.gluon import data as gdata

from gluon_opt.linear_regression import linreg, squared_loss


def adagrad(params, states, hyperparams):
    """The chapter's AdaGrad exactly as d2l-zh 1.0 defines it in its notebook
    (slice assignments, a temporary per operator)."""
    eps = 1e-6
    for p, s in zip(params, states):
        s[:] += p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


def init_adagrad_states(features):
    """The chapter's init_adagrad_states (it reads the global `features`)."""
    s_w = nd.zeros((features.shape[1], 1))
    s_b = nd.zeros(1)
    return (s_w, s_b)


def train_ch7(trainer_fn, states, hyperparams, features, labels,
              batch_size=10, num_epochs=2):
    """d2l-zh 1.0's train_ch7: a DataLoader over an ArrayDataset, the loss on
    all data copied to the host (`.asscalar()`) every 100 examples.
    Returns (losses, seconds of the last epoch) instead of printing."""
    net, loss = linreg, squared_loss
    w = nd.random.normal(scale=0.01, shape=(features.shape[1], 1))
    b = nd.zeros(1)
    w.attach_grad()
    b.attach_grad()

    def eval_loss():
        return loss(net(features, w, b), labels).mean().asscalar()

    ls = [eval_loss()]
    data_iter = gdata.DataLoader(
        gdata.ArrayDataset(features, labels), batch_size, shuffle=True)
    for _ in range(num_epochs):
        start = time.time()
        for batch_i, (X, y) in enumerate(data_iter):
            with autograd.record():
                l = loss(net(X, w, b), y).mean()  # noqa: E741 (the book's name)
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            if (batch_i + 1) * batch_size % 100 == 0:
                ls.append(eval_loss())
    return ls, time.time() - start


def optimize(batch_size, trainer, num_epochs, decay_epoch, log_interval, X, y,
             net):
    """The 2018 book's utils.optimize: a shuffling DataLoader, and the loss on
    all data copied to the host (`.asnumpy()`) at every log point.
    Returns the logged losses instead of printing and plotting them."""
    dataset = gluon.data.ArrayDataset(X, y)
    data_iter = gluon.data.DataLoader(dataset, batch_size, shuffle=True)
    square_loss = gluon.loss.L2Loss()
    y_vals = [square_loss(net(X), y).mean().asnumpy()]
    for epoch in range(1, num_epochs + 1):
        # Decay the learning rate.
        if decay_epoch and epoch > decay_epoch:
            trainer.set_learning_rate(trainer.learning_rate * 0.1)
        for batch_i, (features, label) in enumerate(data_iter):
            with autograd.record():
                output = net(features)
                loss = square_loss(output, label)
            loss.backward()
            trainer.step(batch_size)
            if batch_i * batch_size % log_interval == 0:
                y_vals.append(square_loss(net(X), y).mean().asnumpy())
    return [float(np.asarray(v).reshape(-1)[0]) for v in y_vals]
