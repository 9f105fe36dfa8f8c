"""Layer-wise learning rates for large batches: LARS, LBSGD and LAMB.

Each scales one parameter's learning rate by a ratio of norms (the "trust
ratio"), so every layer moves by a similar fraction of its own size.
"""
import math

from mxnet import nd

from . import pieces, storage
from .base import (Optimizer, check_bool, check_fraction, check_integer,
                   check_number, check_optional_number, register)
from .sgd import _momentum_state, momentum_descent_step_


def _sum_of_squares(array):
    """Σ array², counting only the rows a sparse array stores (the others are 0)."""
    values = array if array.stype == "default" else array.data
    if values.size == 0:  # a sparse array with no rows stored
        return 0.0
    return values.astype("float32").square().sum().asscalar()

_NO_LARS_SUFFIXES = ("gamma", "beta", "bias")


@register
class LARS(Optimizer):
    """LARS (You, Gitman & Ginsburg 2017, arXiv:1708.03888): SGD with momentum
    whose learning rate for each weight (not biases or batch-norm parameters,
    told apart by name) is scaled by the trust ratio

        lr · eta · ‖w‖ / (‖rescale_grad·grad‖ + wd·‖w‖ + eps)   (if both norms > 0).

    With momentum_correction the momentum is multiplied by lr_t / lr_{t−1}
    when a scheduler changes the learning rate (Goyal et al. 2017).
    Only names ending in '_weight' get weight decay, as in MXNet's LARS.
    The momentum has MXNet's sign (m ← γ·m − lr·g; w ← w + m), and a
    row_sparse gradient updates only its rows unless lazy_update=False (the
    trust ratio still uses the whole weight).
    """
    MULTI_TENSOR = True
    MASTER_COPY_LAST = True

    def __init__(self, momentum=0.0, lazy_update=True, eta=0.001, eps=0,
                 momentum_correction=True, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.lazy_update = check_bool("lazy_update", lazy_update)
        self.eta = check_number("eta", eta, low=0)
        self.eps = check_number("eps", eps, low=0)
        self.momentum_correction = check_bool("momentum_correction",
                                              momentum_correction)
        self._previous_lr = {}

    def set_wd_mult(self, args_wd_mult):
        super().set_wd_mult(args_wd_mult)
        for name in self.idx2name.values():
            if name.endswith("_gamma") and name not in args_wd_mult:
                self.wd_mult[name] = 0.0

    def create_state(self, index, weight):
        return _momentum_state(self, weight, self.lazy_update)

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        return self._lazy_if(self.lazy_update, weight, state)

    def _trust_ratio(self, index, weight, grad, wd):
        name = self.idx2name.get(index, str(index))
        if name.endswith(_NO_LARS_SUFFIXES):
            return 1.0
        # sqrt(sum of squares), as MXNet's multi_sum_sq: a gradient so small
        # that its square underflows has norm 0 (and leaves lr unscaled).
        weight_norm = math.sqrt(_sum_of_squares(weight))
        grad_norm = math.sqrt(_sum_of_squares(grad)) * self.rescale_grad
        return pieces.trust_ratio(weight_norm, grad_norm,
                                  grad_norm + wd * weight_norm + self.eps,
                                  coefficient=self.eta)

    def _hyperparameters(self, index, weight, grad):
        """(lr scaled by the trust ratio, wd, the momentum corrected for a
        changed learning rate): what LARS.step takes."""
        lr, wd = self._get_lr(index), self._get_wd(index)
        momentum = self.momentum
        previous_lr = self._previous_lr.get(index, lr)
        self._previous_lr[index] = lr
        if self.momentum_correction and previous_lr != 0:
            momentum *= lr / previous_lr
        return lr * self._trust_ratio(index, weight, grad, wd), wd, momentum

    def step(self, index, weight, grad, state, lr, wd, momentum):
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)  # a new array, ours
        grad *= lr
        momentum_descent_step_(weight, grad, state, momentum)


@register
class LBSGD(Optimizer):
    """Large-batch SGD (MXNet's `lbsgd`): SGD with momentum that emulates a
    batch `batch_scale` times larger by summing that many gradients before a
    step, and warms the learning rate up over warmup_epochs·updates_per_epoch
    updates ('linear', 'power2', 'sqrt') or scales it by a LARS ratio
    ('lars': sqrt(‖w‖² / (‖g‖² + wd·‖w‖²)), clipped to [0.01, 100]).

    As MXNet's, it reads the learning rate before counting the update, so a
    scheduler sees the previous count; its state is the momentum alone (MXNet's
    sign), and the summed gradients live in the optimizer (`summed_grads`;
    MXNet's `cumgrads` keeps the caller's first gradient array by reference,
    ours a copy). A row_sparse gradient updates only its rows, as MXNet's
    SGD-momentum kernel does; it needs batch_scale=1 (the sum of sparse
    gradients is not implemented here).
    """
    WARMUP_STRATEGIES = ("linear", "power2", "sqrt", "lars")

    def __init__(self, momentum=0.0, multi_precision=False,
                 warmup_strategy="linear", warmup_epochs=5, batch_scale=1,
                 updates_per_epoch=32, begin_epoch=0, num_epochs=60, **kwargs):
        super().__init__(multi_precision=multi_precision, **kwargs)
        self.momentum = check_fraction("momentum", momentum)
        if warmup_strategy not in self.WARMUP_STRATEGIES:
            raise ValueError(f"warmup_strategy must be one of "
                             f"{', '.join(self.WARMUP_STRATEGIES)}, got "
                             f"{warmup_strategy!r}")
        self.warmup_strategy = warmup_strategy
        self.warmup_epochs = check_integer("warmup_epochs", warmup_epochs, low=0)
        self.batch_scale = check_integer("batch_scale", batch_scale, low=1)
        self.updates_per_epoch = check_integer("updates_per_epoch",
                                               updates_per_epoch, low=1)
        self.init_updates = check_integer("begin_epoch", begin_epoch,
                                          low=0) * self.updates_per_epoch
        self.num_epochs = check_integer("num_epochs", num_epochs, low=1)
        self.summed_grads = {}

    def create_state(self, index, weight):
        return _momentum_state(self, weight)

    def _warmup_multiplier(self, num_updates):
        warmup_updates = self.warmup_epochs * self.updates_per_epoch
        target = float(self.batch_scale)
        if num_updates >= warmup_updates:
            return target
        if warmup_updates <= 1:
            return 1.0
        progress = num_updates / warmup_updates
        if self.warmup_strategy == "linear":
            return 1.0 + (target - 1) * progress
        if self.warmup_strategy == "power2":
            return 1.0 + (target - 1) * progress * progress
        if self.warmup_strategy == "sqrt":
            return 1.0 + (target - 1) * math.sqrt(progress)
        return 1.0

    @staticmethod
    def _lars_multiplier(weight, grad, wd):
        weight_sq = _sum_of_squares(weight)
        grad_sq = _sum_of_squares(grad)
        ratio = math.sqrt(weight_sq / (grad_sq + wd * weight_sq + 1e-18))
        return min(max(ratio, 0.01), 100.0)

    def _begin_update(self, index, weight=None, grad=None):
        lr, wd = self._get_lr(index), self._get_wd(index)
        self._update_count(index)
        return lr, wd, self._index_update_count[index]

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        return self._lazy_if(True, weight, state)  # the kernel's default

    def _update_tensor(self, index, weight, grad, state, hyperparameters,
                       lazy_allowed=True):
        """Sum batch_scale gradients, then take one SGD step with the warmed-up
        (or LARS-scaled) rate, on the whole weight."""
        lr, wd, t = hyperparameters
        num_updates = self.init_updates + t - self.begin_num_update
        if self.batch_scale > 1:
            if grad.stype != "default":
                raise ValueError(
                    f"batch_scale must be 1 for a {grad.stype} gradient, got "
                    f"{self.batch_scale}; use a dense gradient (e.g. "
                    f"sparse_grad=False) to sum {self.batch_scale} gradients "
                    f"per step")
            summed_grad = self.summed_grads.get(index)
            if summed_grad is None:
                summed_grad = self.summed_grads[index] = nd.zeros_like(grad)
            summed_grad += grad
            if num_updates % self.batch_scale != 0:
                return
            grad = summed_grad / self.batch_scale
            summed_grad *= 0
        if self.warmup_strategy == "lars":
            lr *= self._lars_multiplier(weight, grad, wd)
        else:
            lr *= self._warmup_multiplier(num_updates)
        super()._update_tensor(index, weight, grad, state, (lr, wd, t),
                               lazy_allowed)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)  # a new array, ours
        grad *= lr
        momentum_descent_step_(weight, grad, state, self.momentum)


@register
class LAMB(Optimizer):
    """LAMB (You et al. 2020, arXiv:1904.00962): Adam's direction, scaled per
    layer by a trust ratio.

    g = clip(rescale_grad·grad); m, v = moving averages of g and g²;
    r = m̂ / (sqrt(v̂) + eps) + wd·w   (m̂, v̂ bias-corrected if bias_correction);
    φ = ‖w‖ limited to [lower_bound, upper_bound];
    w ← w − lr · (φ / ‖r‖) · r   (ratio 1 if either norm is 0).
    Takes MXNet's multi-tensor form (lists), counting each parameter in turn.
    """
    MULTI_TENSOR = True

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-6, lower_bound=None, upper_bound=None,
                 bias_correction=True, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = check_fraction("beta1", beta1, high_open=True)
        self.beta2 = check_fraction("beta2", beta2, high_open=True)
        self.epsilon = check_number("epsilon", epsilon, low=0)
        self.lower_bound = check_optional_number("lower_bound", lower_bound, low=0)
        self.upper_bound = check_optional_number("upper_bound", upper_bound, low=0)
        if lower_bound and upper_bound and lower_bound > upper_bound:
            raise ValueError(f"lower_bound ({lower_bound}) must be at most "
                             f"upper_bound ({upper_bound}): they bound the norm "
                             f"of the weight in the trust ratio")
        self.bias_correction = check_bool("bias_correction", bias_correction)

    def create_state(self, index, weight):
        return (storage.zeros(weight, stype=weight.stype),   # mean
                storage.zeros(weight, stype=weight.stype))   # mean_square

    def _begin_updates(self, indices, weights, grads):
        # MXNet's LAMB counts and reads each parameter in turn
        return [self._begin_update(index, weight, grad)
                for index, weight, grad in zip(indices, weights, grads)]

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        mean, mean_square = state
        pieces.moving_average_(mean, grad, self.beta1)
        pieces.moving_average_(mean_square, grad.square(), self.beta2)
        if self.bias_correction:
            mean_hat = mean / pieces.bias_correction(self.beta1, t)
            mean_square_hat = mean_square / pieces.bias_correction(self.beta2, t)
        else:
            mean_hat, mean_square_hat = mean, mean_square
        direction = mean_hat / (mean_square_hat.sqrt() + self.epsilon)
        pieces.decay_with_step_(direction, weight, wd)
        weight_norm = weight.norm()
        if self.lower_bound:
            weight_norm = nd.maximum(weight_norm, self.lower_bound)
        if self.upper_bound:
            weight_norm = nd.minimum(weight_norm, self.upper_bound)
        # NDArrays: the ratio stays on the device (no wait for the GPU)
        trust_ratio = pieces.trust_ratio(weight_norm, direction.norm())
        weight -= nd.broadcast_mul(direction, lr * trust_ratio)
