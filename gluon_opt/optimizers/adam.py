"""Adam and its relatives: Adam, Adamax, Nadam, FTML and AdaBelief, built
from moving averages of the gradient and of its square plus bias correction.

`Adam(..., fast=True)` takes the same steps with no new arrays
(`_fast_adam`, operators and workspace in `fast.py`); a test holds the two
equal.
"""
from mxnet import nd

from . import fast as fastpath
from . import pieces, storage
from .base import (Optimizer, check_bool, check_fraction, check_number,
                   check_optional_number, register)


@register
class Adam(Optimizer):
    """Adam (Kingma & Ba 2015, arXiv:1412.6980), as MXNet computes it.

    g = clip(rescale_grad·grad + wd·w);  m, v = moving averages of g and g²
    (the state `mean`, `mean_square`);
    w ← w − lr · sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (sqrt(v) + eps).
    MXNet folds the bias correction into the learning rate, so eps is added
    to the uncorrected sqrt(v); the book's `adam` corrects m and v first and
    adds eps to sqrt(v̂). Both share the moving averages and 1 − βᵗ.
    A row_sparse gradient updates only its rows (weight, m and v; t is the
    parameter's update count all the same) unless lazy_update=False.
    fast=True: the same step written into workspace buffers (`_fast_adam`).
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-8, lazy_update=True, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0)
        self.lazy_update = check_bool("lazy_update", lazy_update)

    def create_state(self, index, weight):
        stype = weight.stype if self.lazy_update else "default"
        return (storage.zeros(weight, stype=stype),   # mean
                storage.zeros(weight, stype=stype))   # mean_square

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        return self._lazy_if(self.lazy_update, weight, state)

    def fast_step(self, index, weight, grad, state, lr, wd, t):
        mean, mean_square = state
        _fast_adam(weight, grad, mean, mean_square,
                   step_size=self._step_size(lr, t), wd=wd,
                   beta1=self.beta1, beta2=self.beta2, epsilon=self.epsilon,
                   rescale_grad=self.rescale_grad,
                   clip_gradient=self.clip_gradient, workspace=self.workspace)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        mean, mean_square = state
        pieces.moving_average_(mean, grad, self.beta1)
        pieces.moving_average_(mean_square, grad.square(), self.beta2)
        denominator = mean_square.sqrt()
        denominator += self.epsilon  # in place: each new array costs a pass
        step = self._step_size(lr, t) * mean
        step /= denominator
        weight -= step

    def _step_size(self, lr, t):
        """lr · sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ): the bias corrections, folded into lr."""
        return (lr * pieces.sqrt(pieces.bias_correction(self.beta2, t))
                / pieces.bias_correction(self.beta1, t))


def _fast_adam(weight, grad, mean, mean_square, *, step_size, wd, beta1, beta2,
               epsilon, rescale_grad, clip_gradient, workspace):
    """Adam.step with every operator writing into an existing array.

    Workspace g and d:  g ← clip(rescale_grad·grad + wd·w);
    m ← β₁·m + (1 − β₁)·g  (via d);  g ← (1 − β₂)·g²;  v ← β₂·v + g;
    d ← step_size·m;  g ← sqrt(v);  g ← g + eps;  d ← d / g;  w ← w − d,
    the last three but one in NumPy on the CPU (see fast.py).
    Twelve operators when rescale_grad is 1 (no decay, no clipping: the
    caller's gradient is read in place of g), each the readable path's own,
    in its order: the weights come out bit for bit the same.
    """
    scaled, other = workspace.get(weight, 2)
    if rescale_grad != 1 or wd or clip_gradient is not None:
        grad = fastpath.scale_into(grad, rescale_grad, out=scaled.array)
        if wd:
            grad += fastpath.scale_into(weight, wd, out=other.array)
        pieces.clip_(grad, clip_gradient)
    # else 1·grad is grad exactly: read the caller's gradient, never write it
    mean *= beta1
    mean += fastpath.scale_into(grad, 1 - beta1, out=other.array)
    square = fastpath.square_into(grad, out=scaled.array)
    square *= 1 - beta2
    mean_square *= beta2
    mean_square += square
    step = fastpath.scale_into(mean, step_size, out=other.array)
    fastpath.sqrt_into(mean_square, out=scaled)
    fastpath.add_scalar_into(scaled.array, epsilon, out=scaled)
    fastpath.divide_into(step, scaled, out=other)
    weight -= step


@register
class Adamax(Optimizer):
    """AdaMax (Kingma & Ba 2015, section 7): Adam with the infinity norm.

    g = clip(rescale_grad·grad + wd·w);  m ← β₁·m + (1 − β₁)·g;
    u ← max(β₂·u, |g|);  w ← w − lr/(1 − β₁ᵗ) · m / u.
    A coordinate whose gradients have all been exactly 0 gives 0/0 = NaN, in
    MXNet as here.
    """

    def __init__(self, learning_rate=0.002, beta1=0.9, beta2=0.999, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2)

    def create_state(self, index, weight):
        return storage.zeros(weight), storage.zeros(weight)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        mean, infinity_norm = state
        pieces.moving_average_(mean, grad, self.beta1)
        infinity_norm *= self.beta2
        nd.broadcast_maximum(infinity_norm, grad.abs(), out=infinity_norm)
        weight -= lr / pieces.bias_correction(self.beta1, t) * mean / infinity_norm


@register
class Nadam(Optimizer):
    """Nadam (Dozat 2016): Adam with Nesterov momentum and a warming schedule
    μ_t = β₁·(1 − 0.5·0.96^(t·schedule_decay)).

    g = clip(rescale_grad·grad + wd·w);  m, v = moving averages of g and g²;
    m̄ = (1 − μ_t)·g/(1 − Πμ) + μ_{t+1}·m/(1 − Πμ·μ_{t+1});
    w ← w − lr · m̄ / (sqrt(v/(1 − β₂ᵗ)) + eps).
    As in MXNet, the product Πμ (`m_schedule`) belongs to the optimizer and is
    multiplied on every update call, so with several parameters it advances
    once per parameter, not once per step.
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-8, schedule_decay=0.004, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0)
        self.schedule_decay = check_number("schedule_decay", schedule_decay, low=0)
        self.m_schedule = 1.0

    def create_state(self, index, weight):
        return storage.zeros(weight), storage.zeros(weight)

    def _momentum_at(self, t):
        return self.beta1 * (1.0 - 0.5 * 0.96 ** (t * self.schedule_decay))

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        momentum_t, momentum_next = self._momentum_at(t), self._momentum_at(t + 1)
        self.m_schedule *= momentum_t
        m_schedule_next = self.m_schedule * momentum_next
        mean, mean_square = state
        pieces.moving_average_(mean, grad, self.beta1)
        pieces.moving_average_(mean_square, grad.square(), self.beta2)
        mean_bar = ((1.0 - momentum_t) / (1.0 - self.m_schedule) * grad
                    + momentum_next / (1.0 - m_schedule_next) * mean)
        mean_square_hat = mean_square / pieces.bias_correction(self.beta2, t)
        weight -= lr * mean_bar / (mean_square_hat.sqrt() + self.epsilon)


@register
class AdaBelief(Optimizer):
    """AdaBelief (Zhuang et al. 2020, NeurIPS, arXiv:2010.07468, Algorithm 2):
    Adam dividing by the spread of the gradient around its moving average m,
    its "belief" in the direction, in place of the gradient's own size. MXNet
    has no AdaBelief; this class is ours alone.

    g = clip(rescale_grad·grad + wd·w);  m ← β₁·m + (1 − β₁)·g;
    s ← β₂·s + (1 − β₂)·(g − m)² + eps;
    w ← w − lr · m̂ / (sqrt(ŝ) + eps),  m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ).
    eps defaults to 1e-16, the authors' own default (adabelief-pytorch 0.2).
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-16, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0)

    def create_state(self, index, weight):
        return (storage.zeros(weight),   # mean
                storage.zeros(weight))   # mean_square_deviation

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        mean, mean_square_deviation = state
        pieces.moving_average_(mean, grad, self.beta1)
        pieces.moving_average_(mean_square_deviation, (grad - mean).square(),
                               self.beta2)
        mean_square_deviation += self.epsilon
        mean_hat = mean / pieces.bias_correction(self.beta1, t)
        deviation_hat = mean_square_deviation / pieces.bias_correction(self.beta2, t)
        weight -= lr * mean_hat / (deviation_hat.sqrt() + self.epsilon)


@register
class FTML(Optimizer):
    """FTML, Follow the Moving Leader (Zheng & Kwok 2017, ICML).

    g = clip(rescale_grad·grad + wd·w);  v ← β₂·v + (1 − β₂)·g²;
    d_t = (1 − β₁ᵗ)/lr · (sqrt(v/(1 − β₂ᵗ)) + eps);
    z ← β₁·z + (1 − β₁)·g − (d_t − β₁·d_{t−1})·w;  w ← −z / d_t.
    """

    def __init__(self, beta1=0.6, beta2=0.999, epsilon=1e-8,
                 learning_rate=None, **kwargs):
        # d_t divides by the learning rate: 0 would fail at the first update
        check_optional_number("learning_rate", learning_rate, low=0,
                              low_open=True)
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0)

    def set_learning_rate(self, lr):
        """A new learning rate: positive, since FTML divides by it."""
        super().set_learning_rate(check_number("lr", lr, low=0, low_open=True))

    def create_state(self, index, weight):
        return storage.zeros(weight), storage.zeros(weight), storage.zeros(weight)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_inside_clip(grad, weight, wd, self.rescale_grad,
                                      self.clip_gradient)
        previous_d, mean_square, z = state
        pieces.moving_average_(mean_square, grad.square(), self.beta2)
        mean_square_hat = mean_square / pieces.bias_correction(self.beta2, t)
        d = (mean_square_hat.sqrt() + self.epsilon) * (pieces.bias_correction(self.beta1, t) / lr)
        sigma = d - self.beta1 * previous_d
        pieces.moving_average_(z, grad, self.beta1)
        z -= sigma * weight
        d.copyto(previous_d)
        nd.elemwise_div(z, d, out=weight)
        weight *= -1
