"""The chapter's scratch optimizers, with the book's signature
f(params, states, hyperparams): update each param in place from its gradient.

These are the teaching code: each body is its section's equations in plain
NDArray arithmetic, line for line, so that a notebook can show the source.
Names, state layouts and hyperparameter keys ('lr', 'momentum', 'gamma',
'rho', 't') are those of d2l-zh 1.0. The Optimizer classes compute the same
math with MXNet's bookkeeping; tests/test_optimizers.py holds each function
equal to its class and to MXNet's own optimizer.
"""
import numpy as np

from .storage import zeros

# The book's constants: ε of AdaGrad, RMSProp and Adam; Adam's β₁ and β₂.
EPS = 1e-6
BETA1, BETA2 = 0.9, 0.999


def _zeros_like_each(params):
    return [zeros(param, np.float32) for param in params]


def sgd(params, states, hyperparams):
    """Minibatch SGD: w ← w − η·g.  hyperparams: 'lr' (η). `states` is unused."""
    for p in params:
        p -= hyperparams['lr'] * p.grad


def init_momentum_states(params):
    """One velocity per parameter, zero at the start."""
    return _zeros_like_each(params)


def sgd_momentum(params, states, hyperparams):
    """SGD with momentum (Polyak 1964): v ← γ·v + η·g; w ← w − v.

    hyperparams: 'lr' (η) and 'momentum' (γ).
    """
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p -= v


def init_adagrad_states(params):
    """One sum of squared gradients per parameter, zero at the start."""
    return _zeros_like_each(params)


def adagrad(params, states, hyperparams):
    """AdaGrad (Duchi et al. 2011): s ← s + g²; w ← w − η·g / sqrt(s + ε), ε = 1e-6.

    hyperparams: 'lr' (η). (MXNet's AdaGrad puts its ε, 1e-7 by default,
    in the same place.)
    """
    for p, s in zip(params, states):
        s += p.grad.square()
        p -= hyperparams['lr'] * p.grad / (s + EPS).sqrt()


def init_rmsprop_states(params):
    """One moving average of squared gradients per parameter, zero at the start."""
    return _zeros_like_each(params)


def rmsprop(params, states, hyperparams):
    """RMSProp (Tieleman & Hinton 2012): s ← γ·s + (1 − γ)·g²;
    w ← w − η·g / sqrt(s + ε), ε = 1e-6.

    hyperparams: 'lr' (η) and 'gamma' (γ; MXNet's gamma1).
    """
    gamma = hyperparams['gamma']
    for p, s in zip(params, states):
        s[:] = gamma * s + (1 - gamma) * p.grad.square()
        p -= hyperparams['lr'] * p.grad / (s + EPS).sqrt()


def init_adadelta_states(params):
    """A pair (s, Δx) of zero moving averages per parameter: of g² and of the step²."""
    return list(zip(_zeros_like_each(params), _zeros_like_each(params)))


def adadelta(params, states, hyperparams):
    """AdaDelta (Zeiler 2012), no learning rate, ε = 1e-5:
    s ← ρ·s + (1 − ρ)·g²;  g' = sqrt(Δx + ε) / sqrt(s + ε) · g;
    w ← w − g';  Δx ← ρ·Δx + (1 − ρ)·g'².

    hyperparams: 'rho' (ρ).
    """
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        s[:] = rho * s + (1 - rho) * p.grad.square()
        g = (delta + eps).sqrt() / (s + eps).sqrt() * p.grad
        p -= g
        delta[:] = rho * delta + (1 - rho) * g.square()


def init_adam_states(params):
    """A pair (v, s) of zero moving averages per parameter: of g and of g²."""
    return list(zip(_zeros_like_each(params), _zeros_like_each(params)))


def adam(params, states, hyperparams):
    """Adam (Kingma & Ba 2015) as the book writes it, β₁ = 0.9, β₂ = 0.999, ε = 1e-6:
    v ← β₁·v + (1 − β₁)·g;  s ← β₂·s + (1 − β₂)·g²;
    v̂ = v / (1 − β₁ᵗ);  ŝ = s / (1 − β₂ᵗ);  w ← w − η·v̂ / (sqrt(ŝ) + ε);  t ← t + 1.

    hyperparams: 'lr' (η) and 't' (the step, starting at 1). MXNet's Adam adds
    its ε to sqrt(s) instead of sqrt(ŝ): the book's step is MXNet's with ε
    replaced by ε·sqrt(1 − β₂ᵗ).
    """
    t = hyperparams['t']
    for p, (v, s) in zip(params, states):
        v[:] = BETA1 * v + (1 - BETA1) * p.grad
        s[:] = BETA2 * s + (1 - BETA2) * p.grad.square()
        v_hat = v / (1 - BETA1 ** t)
        s_hat = s / (1 - BETA2 ** t)
        p -= hyperparams['lr'] * v_hat / (s_hat.sqrt() + EPS)
    hyperparams['t'] += 1
