"""The chapter's scratch optimizers, with the book's signature
f(params, states, hyperparams): update each param in place from its gradient.

Names, state layouts and hyperparameter keys ('lr', 'momentum', 'gamma',
'rho', 't') are those of d2l-zh 1.0. Each function composes the same pieces
(`pieces.py`) as the Optimizer class of the same algorithm; where MXNet's
formula differs from the book's (Adam's epsilon), only the final step differs.
"""
from mxnet import nd

from . import pieces
from .sgd import sgd_step_


def _zeros_like_each(params):
    return [nd.zeros(param.shape, ctx=param.context) for param in params]


def sgd(params, states, hyperparams):
    """Minibatch SGD: w = w − η·g.  hyperparams: 'lr' (η). `states` is unused."""
    for param in params:
        sgd_step_(param, hyperparams["lr"] * param.grad, None, 0.0)


def init_momentum_states(params):
    """One velocity per parameter, zero at the start."""
    return _zeros_like_each(params)


def sgd_momentum(params, states, hyperparams):
    """SGD with momentum (Polyak 1964): v = γ·v + η·g; w = w − v.

    hyperparams: 'lr' (η) and 'momentum' (γ). The SGD class takes the same
    step (after MXNet's gradient rescale, clip and weight decay).
    """
    for param, velocity in zip(params, states):
        sgd_step_(param, hyperparams["lr"] * param.grad, velocity,
                  hyperparams["momentum"])


def init_adagrad_states(params):
    """One sum of squared gradients per parameter, zero at the start."""
    return _zeros_like_each(params)


def adagrad(params, states, hyperparams):
    """AdaGrad (Duchi et al. 2011): s = s + g²; w = w − η·g / sqrt(s + ε), ε = 1e-6.

    hyperparams: 'lr' (η). The AdaGrad class takes the same step with its own
    eps (1e-7) inside the square root, plus weight decay.
    """
    eps = 1e-6
    for param, square_sum in zip(params, states):
        pieces.accumulate_(square_sum, param.grad.square())
        param -= hyperparams["lr"] * pieces.rms_scaled(param.grad, square_sum, eps)


def init_rmsprop_states(params):
    """One moving average of squared gradients per parameter, zero at the start."""
    return _zeros_like_each(params)


def rmsprop(params, states, hyperparams):
    """RMSProp (Tieleman & Hinton 2012): s = γ·s + (1 − γ)·g²;
    w = w − η·g / sqrt(s + ε), ε = 1e-6.

    hyperparams: 'lr' (η) and 'gamma' (γ). The RMSProp class (plain) takes
    the same step with gamma1 = γ and its own epsilon (1e-8), also inside the
    square root.
    """
    gamma, eps = hyperparams["gamma"], 1e-6
    for param, mean_square in zip(params, states):
        pieces.moving_average_(mean_square, param.grad.square(), gamma)
        param -= hyperparams["lr"] * pieces.rms_scaled(param.grad, mean_square, eps)


def init_adadelta_states(params):
    """A pair (s, Δ) of zero moving averages per parameter: of g² and of the step²."""
    return list(zip(_zeros_like_each(params), _zeros_like_each(params)))


def adadelta(params, states, hyperparams):
    """AdaDelta (Zeiler 2012): see pieces.adadelta_step_, with ε = 1e-5; w = w − Δ.

    hyperparams: 'rho' (ρ). No learning rate. The AdaDelta class takes the
    same step and adds weight decay.
    """
    rho, eps = hyperparams["rho"], 1e-5
    for param, (mean_square_grad, mean_square_delta) in zip(params, states):
        step, _, _ = pieces.adadelta_step_(param.grad, mean_square_grad,
                                           mean_square_delta, rho, eps)
        param -= step


def init_adam_states(params):
    """A pair (v, s) of zero moving averages per parameter: of g and of g²."""
    return list(zip(_zeros_like_each(params), _zeros_like_each(params)))


def adam(params, states, hyperparams):
    """Adam (Kingma & Ba 2015) as the book writes it, β₁ = 0.9, β₂ = 0.999, ε = 1e-6:
    v̂ = v/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ), w = w − η·v̂ / (sqrt(ŝ) + ε); then t += 1.

    hyperparams: 'lr' (η) and 't' (the step, starting at 1). The Adam class
    (MXNet's formula) shares the moving averages and 1 − βᵗ but folds the
    correction into the step size, adding ε to the uncorrected sqrt(s).
    """
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    t = hyperparams["t"]
    for param, (mean, mean_square) in zip(params, states):
        pieces.moving_average_(mean, param.grad, beta1)
        pieces.moving_average_(mean_square, param.grad.square(), beta2)
        mean_hat = mean / pieces.bias_correction(beta1, t)
        mean_square_hat = mean_square / pieces.bias_correction(beta2, t)
        param -= hyperparams["lr"] * mean_hat / (mean_square_hat.sqrt() + eps)
    hyperparams["t"] += 1
