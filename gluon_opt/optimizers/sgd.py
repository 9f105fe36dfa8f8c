"""Stochastic gradient descent and its momentum relatives: SGD, NAG, Signum,
DCASGD and SGLD, written as NDArray arithmetic (no fused MXNet operator).

The velocity is kept with the book's sign (v = γ·v + η·g; w = w − v), the
negative of MXNet's `mom` state; the weights come out the same.

`SGD(..., fast=True)` takes the same steps with no new arrays
(`fast_sgd_update`, workspace in `fast.py`); a test holds the two equal.
"""
import math

from mxnet import nd

from . import fast as fastpath
from . import pieces
from .base import Optimizer, check_fraction, check_number, register


def _zeros_like(weight):
    return nd.zeros(weight.shape, weight.context, dtype=weight.dtype)


def sgd_step_(weight, step, velocity, momentum):
    """One (momentum) SGD step, in place, given step = η·g (the learning rate
    times a preprocessed gradient).

    Without velocity: w ← w − η·g. With velocity: v ← γ·v + η·g; w ← w − v.
    The book's `sgd_momentum` and the SGD, LARS and LBSGD classes share it.
    """
    if velocity is None:
        weight -= step
    else:
        pieces.momentum_update_(velocity, step, momentum)
        weight -= velocity
    return weight


@register
class SGD(Optimizer):
    """SGD with momentum and weight decay (MXNet's `sgd`).

    g = clip(rescale_grad·grad, clip_gradient) + wd·w;
    v ← momentum·v + lr·g;  w ← w − v   (w ← w − lr·g when momentum is 0).
    fast=True: the same step written into workspace buffers (`fast_sgd_update`).
    """

    def __init__(self, momentum=0.0, lazy_update=True, fast=False, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.lazy_update = lazy_update
        self.fast = bool(fast)
        self.workspace = fastpath.Workspace()

    def create_state(self, index, weight):
        return _zeros_like(weight) if self.momentum != 0.0 else None

    def update(self, index, weight, grad, state):
        lr, wd, _ = self._begin_update(index)
        if self.fast and fastpath.supports(weight, grad):
            fast_sgd_update(self, weight, grad, state, lr, wd)
            return
        grad = self._grad_then_decay(grad, weight, wd)  # a new array, ours
        grad *= lr  # in place: each new array costs a pass over memory
        sgd_step_(weight, grad, state, self.momentum)


def fast_sgd_update(optimizer, weight, grad, velocity, lr, wd):
    """SGD.update's step with every operator writing into an existing array.

    step = lr·(clip(rescale_grad·grad) + wd·w) into a workspace buffer, then
    v ← momentum·v + step; w ← w − v: the readable path's operators in its
    order, so the weights come out bit for bit the same. When rescale_grad
    is 1 (no clipping, no decay) the step is one product lr·grad: four
    operators in all with momentum.
    """
    step, decay = (buffer.array for buffer in optimizer.workspace.get(weight, 2))
    plain = (optimizer.rescale_grad == 1 and optimizer.clip_gradient is None
             and not wd)
    if plain:
        fastpath.scale_into(grad, lr, out=step)  # 1·grad is grad exactly
    else:
        fastpath.scale_into(grad, optimizer.rescale_grad, out=step)
        pieces.clip_(step, optimizer.clip_gradient)
        if wd:
            step += fastpath.scale_into(weight, wd, out=decay)
        step *= lr
    if velocity is None:
        weight -= step
    else:
        pieces.momentum_update_(velocity, step, optimizer.momentum)
        weight -= velocity


@register
class NAG(Optimizer):
    """Nesterov accelerated gradient (Nesterov 1983; Sutskever et al. 2013).

    g = clip(rescale_grad·grad, clip_gradient) + wd·w;
    v ← momentum·v + lr·g;  w ← w − (lr·g + momentum·v)
    (plain SGD when momentum is 0). With a constant rate this is MXNet's
    documented v ← momentum·v + g; w ← w − lr·(g + momentum·v); the velocity
    carries the rate (as in SGD and in MXNet's kernel) so that a scheduler's
    new rate applies to new gradients only. MXNet 1.9.1's nag_mom_update, called
    with out=weight, writes the new weight before it decays the momentum, so
    its momentum takes wd·(new weight): with momentum and wd both non-zero its
    numbers differ from these (tests/test_optimizers.py shows by how much).
    """

    def __init__(self, momentum=0.0, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)

    def create_state(self, index, weight):
        return _zeros_like(weight) if self.momentum != 0.0 else None

    def update(self, index, weight, grad, state):
        lr, wd, _ = self._begin_update(index)
        grad = self._grad_then_decay(grad, weight, wd)
        if state is None:
            weight -= lr * grad
            return
        step = lr * grad
        pieces.momentum_update_(state, step, self.momentum)
        weight -= step + self.momentum * state


@register
class Signum(Optimizer):
    """Signum and signSGD (Bernstein et al. 2018, arXiv:1802.04434).

    momentum > 0:  m ← momentum·m + (1 − momentum)·(clip(rescale_grad·grad) + wd·w);
                   w ← (1 − lr·wd_lh)·w − lr·sign(m).
    momentum = 0 (signSGD): w ← (1 − lr·wd)·w − lr·sign(grad); weight decay is
    decoupled here, as in MXNet's signsgd_update. MXNet refuses wd_lh with
    momentum 0 (its signsgd_update has no such argument); here it decays too.
    """

    def __init__(self, learning_rate=0.01, momentum=0.9, wd_lh=0.0, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.wd_lh = check_number("wd_lh", wd_lh, low=0)

    def create_state(self, index, weight):
        return _zeros_like(weight) if self.momentum != 0.0 else None

    def update(self, index, weight, grad, state):
        lr, wd, _ = self._begin_update(index)
        if state is None:
            direction = pieces.rescaled(grad, self.rescale_grad).sign()
            weight *= 1 - lr * (wd + self.wd_lh)
        else:
            grad = self._grad_then_decay(grad, weight, wd)
            direction = pieces.moving_average_(state, grad, self.momentum).sign()
            if self.wd_lh:
                weight *= 1 - lr * self.wd_lh
        weight -= lr * direction


@register
class DCASGD(Optimizer):
    """Delay-compensated asynchronous SGD (Zheng et al. 2017, arXiv:1609.08326).

    g = clip(rescale_grad·grad);  step = lr·(g + wd·w + λ·g⊙g⊙(w − w_prev));
    v ← momentum·v + step;  w_prev ← w;  w ← w − v.
    MXNet 1.9.1 implements this formula but breaks for momentum > 0: it tests
    `if mom:` on an NDArray, which raises for more than one element (and for
    one element fails its own assertion); here momentum works.
    """

    def __init__(self, momentum=0.0, lamda=0.04, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.lamda = check_number("lamda", lamda, low=0)

    def create_state(self, index, weight):
        velocity = _zeros_like(weight) if self.momentum != 0.0 else None
        return velocity, weight.copy()

    def update(self, index, weight, grad, state):
        lr, wd, _ = self._begin_update(index)
        grad = self._grad(grad)
        velocity, previous_weight = state
        compensation = self.lamda * grad * grad * (weight - previous_weight)
        step = lr * (pieces.add_weight_decay_(grad, weight, wd) + compensation)
        if velocity is not None:
            step = pieces.momentum_update_(velocity, step, self.momentum)
        weight.copyto(previous_weight)
        weight -= step


@register
class SGLD(Optimizer):
    """Stochastic gradient Langevin dynamics (Welling & Teh 2011).

    w ← w − lr/2·(clip(rescale_grad·grad) + wd·w) + N(0, lr): gradient descent
    plus Gaussian noise, drawn from MXNet's generator (mx.random.seed
    repeats it).
    """

    def create_state(self, index, weight):
        return None

    def update(self, index, weight, grad, state):
        lr, wd, _ = self._begin_update(index)
        grad = self._grad_then_decay(grad, weight, wd)
        weight -= lr / 2 * grad
        weight += nd.random.normal(0, math.sqrt(lr), shape=weight.shape,
                                   dtype=weight.dtype, ctx=weight.context)
