"""The chapter's scratch optimizers, with the book's signature
f(params, states, hyperparams): update each param in place from its gradient.
"""
from mxnet import nd


def init_momentum_states(params):
    """One velocity per parameter, zero at the start."""
    return [nd.zeros(param.shape, ctx=param.context) for param in params]


def sgd_momentum(params, states, hyperparams):
    """SGD with momentum (Polyak 1964): v = γ·v + η·g; w = w − v.

    hyperparams: 'lr' (η) and 'momentum' (γ).
    """
    for param, velocity in zip(params, states):
        velocity[:] = hyperparams["momentum"] * velocity + hyperparams["lr"] * param.grad
        param[:] -= velocity
