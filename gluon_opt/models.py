"""The chapter's networks: the linear model of its Gluon runs and the MLP of
its MNIST runs, each with the book's initial weights."""
from mxnet import init
from mxnet.gluon import nn


def linear_net(sigma=1.0):
    """One Dense(1) layer with weights drawn from N(0, sigma²), as the book."""
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=sigma))
    return net


def mlp(num_inputs=784, num_hidden=200, num_outputs=10):
    """The study's network: Dense(200, ReLU) then Dense(10) (logits), with
    the book's N(0, 0.01²) initial weights, hybridized. The input size is
    given, so the weights exist at once (no deferred initialization)."""
    net = nn.HybridSequential()
    net.add(nn.Dense(num_hidden, activation="relu", in_units=num_inputs),
            nn.Dense(num_outputs, in_units=num_hidden))
    net.initialize(init.Normal(sigma=0.01))
    net.hybridize()
    return net
