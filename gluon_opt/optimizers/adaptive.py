"""Per-coordinate learning rates from the history of squared gradients:
AdaGrad, GroupAdaGrad, RMSProp (plain and centered), AdaDelta and FTRL.

AdaGrad, RMSProp and AdaDelta compose the same pieces as the book's
functions in `book.py`: only the hyperparameters, MXNet's gradient
preprocessing and weight decay differ.

`AdaGrad(..., fast=True)` takes the same steps with no new arrays
(`_fast_adagrad`, operators and workspace in `fast.py`); a test holds the
two equal.
"""
import numpy as np
from mxnet import nd

from . import fast as fastpath
from . import pieces, storage
from .base import (Optimizer, check_bool, check_fraction, check_number,
                   check_optional_number, register)


def _zeros_float32(weight, shape=None):
    # MXNet's AdaGrad, RMSProp, FTRL and GroupAdaGrad keep their state in
    # float32 whatever the weight's type, stored like the weight (row_sparse
    # for a row_sparse weight).
    return storage.zeros(weight, np.float32, weight.stype, shape)


@register
class AdaGrad(Optimizer):
    """AdaGrad (Duchi, Hazan & Singer 2011).

    g = clip(rescale_grad·grad);  s ← s + g²;  w ← w − lr·(g / sqrt(s + eps) + wd·w).
    The book's `adagrad` is the same step with eps = 1e-6 and no weight decay.
    A row_sparse gradient updates only its rows (the others have g = 0 and
    would not move), and, as in MXNet, cannot be combined with weight decay.
    fast=True: the same step written into workspace buffers (`_fast_adagrad`).
    """

    def __init__(self, eps=1e-7, **kwargs):
        super().__init__(**kwargs)
        self.float_stable_eps = check_number("eps", eps, low=0)

    def create_state(self, index, weight):
        return _zeros_float32(weight)

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        _, wd, _ = hyperparameters
        if wd:
            raise ValueError(
                f"wd must be 0 for AdaGrad with a row_sparse gradient, got {wd} "
                f"(MXNet's sparse AdaGrad kernel has no weight decay); use "
                f"wd=0 (or wd_mult 0 for this parameter) or a dense gradient")
        return "lazy"

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        pieces.accumulate_(state, grad.square())
        step = pieces.rms_scaled(grad, state, self.float_stable_eps)
        weight -= lr * pieces.decay_with_step_(step, weight, wd)

    def fast_step(self, index, weight, grad, state, lr, wd, t):
        _fast_adagrad(weight, grad, state, lr=lr, wd=wd,
                      eps=self.float_stable_eps, rescale_grad=self.rescale_grad,
                      clip_gradient=self.clip_gradient, workspace=self.workspace)


def _fast_adagrad(weight, grad, square_sum, *, lr, wd, eps, rescale_grad,
                  clip_gradient, workspace):
    """AdaGrad.step with every operator writing into an existing array.

    Workspace g and d:  g ← clip(rescale_grad·grad);  d ← g²;  s ← s + d;
    d ← sqrt(s + eps);  g ← g / d  (+ wd·w);  g ← lr·g;  w ← w − g;
    s + eps, the square root and the division in NumPy on the CPU (fast.py).
    Seven operators when rescale_grad is 1 (no decay, no clipping: the
    caller's gradient is read in place of g), each the readable path's own,
    in its order: the weights come out bit for bit the same.
    """
    scaled, denominator = workspace.get(weight, 2)
    if rescale_grad != 1 or clip_gradient is not None:
        grad = fastpath.scale_into(grad, rescale_grad, out=scaled.array)
        pieces.clip_(grad, clip_gradient)
    # else 1·grad is grad exactly: read the caller's gradient, never write it
    pieces.accumulate_(square_sum, fastpath.square_into(grad, out=denominator.array))
    fastpath.add_scalar_into(square_sum, eps, out=denominator)
    fastpath.sqrt_into(denominator.array, out=denominator)
    step = fastpath.divide_into(grad, denominator, out=scaled)
    if wd:
        step += fastpath.scale_into(weight, wd, out=denominator.array)
    step *= lr
    weight -= step


@register
class GroupAdaGrad(Optimizer):
    """AdaGrad with one accumulator per row of a 2-D weight (MXNet contrib).

    g = clip(rescale_grad·grad);  s_row ← s_row + mean(g_row²);
    w ← w − lr · g / sqrt(s_row + eps).  Weight decay is not supported.
    A row_sparse gradient updates only its rows (the others would not move).
    """

    def __init__(self, eps=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.float_stable_eps = check_number("eps", eps, low=0)
        if self.wd != 0:
            raise ValueError(f"wd must be 0 for GroupAdaGrad (it has no weight "
                             f"decay), got {self.wd}")

    def create_state(self, index, weight):
        if weight.ndim != 2:
            raise ValueError(f"weight must be 2-D for GroupAdaGrad (one "
                             f"accumulator per row), got shape {weight.shape}")
        return _zeros_float32(weight, shape=(weight.shape[0], 1))

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        return "lazy"

    def step(self, index, weight, grad, state, lr, wd, t):
        if wd != 0:
            raise ValueError(f"wd must be 0 for GroupAdaGrad, got {wd} for "
                             f"parameter {index} (check wd_mult)")
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        pieces.accumulate_(state, grad.square().mean(axis=1, keepdims=True))
        weight -= lr * pieces.rms_scaled(grad, state, self.float_stable_eps)


@register
class RMSProp(Optimizer):
    """RMSProp, plain (Tieleman & Hinton 2012) or centered (Graves 2013, eq. 38-45).

    g = clip(rescale_grad·grad + wd·w);  n ← γ₁·n + (1 − γ₁)·g².
    plain:    w ← w − lr · g / sqrt(n + eps)   (the book's `rmsprop`, eps 1e-6);
    centered: ḡ ← γ₁·ḡ + (1 − γ₁)·g;  Δ ← γ₂·Δ − lr · g / sqrt(n − ḡ² + eps);
              w ← w + Δ   (Δ with MXNet's sign, as in its state).
    Then w is clipped to [−clip_weights, clip_weights] if clip_weights is set.
    """

    def __init__(self, learning_rate=0.001, gamma1=0.9, gamma2=0.9,
                 epsilon=1e-8, centered=False, clip_weights=None, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.gamma1 = check_fraction("gamma1", gamma1)
        self.gamma2 = check_fraction("gamma2", gamma2)
        self.epsilon = check_number("epsilon", epsilon, low=0)
        self.centered = check_bool("centered", centered)
        self.clip_weights = check_optional_number("clip_weights", clip_weights,
                                                  low=0, low_open=True)

    def create_state(self, index, weight):
        if self.centered:
            return (_zeros_float32(weight), _zeros_float32(weight),
                    _zeros_float32(weight))
        return (_zeros_float32(weight),)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        mean_square = pieces.moving_average_(state[0], grad.square(), self.gamma1)
        if not self.centered:
            weight -= lr * pieces.rms_scaled(grad, mean_square, self.epsilon)
        else:
            _, mean, delta = state
            pieces.moving_average_(mean, grad, self.gamma1)
            variance = mean_square - mean.square()
            step = lr * pieces.rms_scaled(grad, variance, self.epsilon)
            weight += pieces.momentum_descent_(delta, step, self.gamma2)
        if self.clip_weights:
            nd.clip(weight, -self.clip_weights, self.clip_weights, out=weight)


@register
class AdaDelta(Optimizer):
    """AdaDelta (Zeiler 2012, arXiv:1212.5701): no learning rate.

    g = clip(rescale_grad·grad);  Δ = pieces.adadelta_step_(g, s, δ, rho, eps);
    w ← w − Δ − wd·w   (the book's `adadelta` is the same step without wd).
    MXNet's AdaDelta scales the caller's gradient in place; this one does not.
    """

    def __init__(self, rho=0.90, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.rho = check_fraction("rho", rho)
        self.epsilon = check_number("epsilon", epsilon, low=0)

    def create_state(self, index, weight):
        # float32 and dense whatever the weight, as MXNet's
        return (storage.zeros(weight, np.float32),
                storage.zeros(weight, np.float32))

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        mean_square_grad, mean_square_delta = state
        delta, _, _ = pieces.adadelta_step_(grad, mean_square_grad,
                                            mean_square_delta, self.rho,
                                            self.epsilon)
        weight -= pieces.decay_with_step_(delta, weight, wd)


@register
class Ftrl(Optimizer):
    """FTRL-Proximal (McMahan et al. 2013, "Ad click prediction").

    g = clip(rescale_grad·grad);
    z ← z + g − (sqrt(n + g²) − sqrt(n)) · w / lr;  n ← n + g²;
    w ← (sign(z)·λ₁ − z) / ((β + sqrt(n)) / lr + wd) · [|z| > λ₁].
    Its learning rate defaults to 0.1, set after the base class (as MXNet does).
    With a row_sparse weight (and so state), a row_sparse gradient updates only
    its rows; with a dense weight every row is recomputed from z, as in MXNet.
    """

    def __init__(self, lamda1=0.01, learning_rate=0.1, beta=1, **kwargs):
        super().__init__(**kwargs)
        self.lamda1 = check_number("lamda1", lamda1, low=0)
        self.beta = check_number("beta", beta, low=0)
        self.lr = check_number("learning_rate", learning_rate, low=0)

    def create_state(self, index, weight):
        return _zeros_float32(weight), _zeros_float32(weight)

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        lazy = weight.stype == "row_sparse" and storage.same_storage(weight, state)
        return "lazy" if lazy else "dense"

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        z, n = state
        grad_square = grad.square()
        z += grad - ((n + grad_square).sqrt() - n.sqrt()) * weight / lr
        pieces.accumulate_(n, grad_square)
        shrunk = (z.sign() * self.lamda1 - z) / ((self.beta + n.sqrt()) / lr + wd)
        nd.elemwise_mul(shrunk, z.abs() > self.lamda1, out=weight)
