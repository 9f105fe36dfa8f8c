"""Stochastic gradient descent and its momentum relatives: SGD, NAG, Signum,
DCASGD and SGLD, written as NDArray arithmetic (no fused MXNet operator).

The classes keep MXNet's state: the momentum with MXNet's sign,
m ← γ·m − η·g; w ← w + m (`pieces.momentum_descent_`), which is the book's
velocity v = γ·v + η·g negated (the book's `sgd_momentum` keeps v; the
weights come out the same), so that MXNet's states and ours can be exchanged.

`SGD(..., fast=True)` takes the same steps with no new arrays
(`_fast_sgd`, operators and workspace in `fast.py`); a test holds the two
equal.
"""
import math

from mxnet import nd

from . import fast as fastpath
from . import pieces, storage
from .base import Optimizer, check_bool, check_fraction, check_number, register


def _momentum_state(optimizer, weight, lazy_update=True):
    """MXNet's SGD, LARS and LBSGD momentum: None without momentum, else zeros
    in the weight's dtype, stored like the weight when updates are lazy."""
    if optimizer.momentum == 0.0:
        return None
    return storage.zeros(weight, stype=weight.stype if lazy_update else "default")


def sgd_step_(weight, step, velocity, momentum):
    """One (momentum) SGD step with the book's velocity, in place, given
    step = η·g (the learning rate times a preprocessed gradient).

    Without velocity: w ← w − η·g. With velocity: v ← γ·v + η·g; w ← w − v.
    The book's `sgd` and `sgd_momentum` use it; the classes keep MXNet's
    sign (`momentum_descent_step_`).
    """
    if velocity is None:
        weight -= step
    else:
        pieces.momentum_update_(velocity, step, momentum)
        weight -= velocity
    return weight


def momentum_descent_step_(weight, step, momentum_state, momentum):
    """`sgd_step_` with MXNet's momentum state m = −v, in place.

    Without momentum: w ← w − η·g. With it: m ← γ·m − η·g; w ← w + m.
    The SGD, LARS and LBSGD classes share it.
    """
    if momentum_state is None:
        weight -= step
    else:
        pieces.momentum_descent_(momentum_state, step, momentum)
        weight += momentum_state
    return weight


@register
class SGD(Optimizer):
    """SGD with momentum and weight decay (MXNet's `sgd`).

    g = clip(rescale_grad·grad, clip_gradient) + wd·w;
    m ← momentum·m − lr·g;  w ← w + m   (w ← w − lr·g when momentum is 0).
    A row_sparse gradient updates only its rows (weight, momentum and weight
    decay) unless lazy_update=False.
    fast=True: the same step written into workspace buffers (`_fast_sgd`).
    """
    MULTI_TENSOR = True
    MASTER_COPY_LAST = True

    def __init__(self, momentum=0.0, lazy_update=True, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.lazy_update = check_bool("lazy_update", lazy_update)

    def create_state(self, index, weight):
        return _momentum_state(self, weight, self.lazy_update)

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        return self._lazy_if(self.lazy_update, weight, state)

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)  # a new array, ours
        grad *= lr  # in place: each new array costs a pass over memory
        momentum_descent_step_(weight, grad, state, self.momentum)

    def fast_step(self, index, weight, grad, state, lr, wd, t):
        _fast_sgd(weight, grad, state, lr=lr, wd=wd, momentum=self.momentum,
                  rescale_grad=self.rescale_grad,
                  clip_gradient=self.clip_gradient, workspace=self.workspace)


def _fast_sgd(weight, grad, momentum_state, *, lr, wd, momentum, rescale_grad,
              clip_gradient, workspace):
    """SGD.step with every operator writing into an existing array.

    step = lr·(clip(rescale_grad·grad) + wd·w) into a workspace buffer, then
    m ← momentum·m − step; w ← w + m: the readable path's operators in its
    order, so the weights come out bit for bit the same. When rescale_grad
    is 1 (no clipping, no decay) the step is one product lr·grad: four
    operators in all with momentum.
    """
    step, decay = (buffer.array for buffer in workspace.get(weight, 2))
    plain = rescale_grad == 1 and clip_gradient is None and not wd
    if plain:
        fastpath.scale_into(grad, lr, out=step)  # 1·grad is grad exactly
    else:
        fastpath.scale_into(grad, rescale_grad, out=step)
        pieces.clip_(step, clip_gradient)
        if wd:
            step += fastpath.scale_into(weight, wd, out=decay)
        step *= lr
    momentum_descent_step_(weight, step, momentum_state, momentum)


@register
class NAG(Optimizer):
    """Nesterov accelerated gradient (Nesterov 1983; Sutskever et al. 2013).

    g = clip(rescale_grad·grad, clip_gradient) + wd·w;
    m ← momentum·m − lr·g;  w ← w + momentum·m − lr·g
    (plain SGD when momentum is 0, lazy on a row_sparse gradient as MXNet's;
    with momentum a row_sparse gradient is made dense). With a constant rate
    this is MXNet's documented v ← momentum·v + g; w ← w − lr·(g + momentum·v),
    v = −m/lr; the momentum carries the rate (as in SGD and in MXNet's
    kernel) so that a scheduler's new rate applies to new gradients only.
    MXNet 1.9.1's
    nag_mom_update, called with out=weight, writes the new weight before it
    decays the momentum, so its momentum takes wd·(new weight): with momentum
    and wd both non-zero its numbers differ from these
    (tests/test_optimizers.py shows by how much).
    """
    MASTER_COPY_LAST = True

    def __init__(self, momentum=0.0, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)

    def create_state(self, index, weight):
        # always dense, as MXNet's (its NAG kernel has no sparse form)
        return storage.zeros(weight) if self.momentum != 0.0 else None

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        # without momentum MXNet's NAG takes a (lazy) plain SGD step
        return "lazy" if state is None else "dense"

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)
        step = lr * grad
        if state is None:
            weight -= step
            return
        pieces.momentum_descent_(state, step, self.momentum)
        weight += self.momentum * state - step


@register
class Signum(Optimizer):
    """Signum and signSGD (Bernstein et al. 2018, arXiv:1802.04434).

    momentum > 0:  m ← momentum·m − (1 − momentum)·(clip(rescale_grad·grad) + wd·w);
                   w ← (1 − lr·wd_lh)·w + lr·sign(m)   (MXNet's sign: m is the
                   negated moving average of the gradient).
    momentum = 0 (signSGD): w ← (1 − lr·wd)·w − lr·sign(grad); weight decay is
    decoupled here, as in MXNet's signsgd_update. MXNet refuses wd_lh with
    momentum 0 (its signsgd_update has no such argument); here it decays too.
    """

    def __init__(self, learning_rate=0.01, momentum=0.9, wd_lh=0.0, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.wd_lh = check_number("wd_lh", wd_lh, low=0)

    def create_state(self, index, weight):
        if self.momentum == 0.0:
            return None
        return storage.zeros(weight, stype=weight.stype)

    def step(self, index, weight, grad, state, lr, wd, t):
        if state is None:
            direction = pieces.rescaled(grad, self.rescale_grad).sign()
            pieces.decoupled_weight_decay_(weight, lr, wd + self.wd_lh)
            weight -= lr * direction
            return
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)
        state *= self.momentum
        state -= (1 - self.momentum) * grad
        pieces.decoupled_weight_decay_(weight, lr, self.wd_lh)
        weight += lr * state.sign()


@register
class DCASGD(Optimizer):
    """Delay-compensated asynchronous SGD (Zheng et al. 2017, arXiv:1609.08326).

    g = clip(rescale_grad·grad);  step = lr·(g + wd·w + λ·g⊙g⊙(w − w_prev));
    m ← momentum·m − step (m = −step without momentum);  w_prev ← w;  w ← w + m.
    The state is (m or None, w_prev), as MXNet's. MXNet 1.9.1 implements this
    formula but breaks for momentum > 0: it tests `if mom:` on an NDArray,
    which raises for more than one element (and for one element fails its own
    assertion); here momentum works.
    """

    def __init__(self, momentum=0.0, lamda=0.04, **kwargs):
        super().__init__(**kwargs)
        self.momentum = check_fraction("momentum", momentum)
        self.lamda = check_number("lamda", lamda, low=0)

    def create_state(self, index, weight):
        momentum_state = storage.zeros(weight) if self.momentum != 0.0 else None
        return momentum_state, weight.copy()

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.preprocess_grad(grad, self.rescale_grad, self.clip_gradient)
        momentum_state, previous_weight = state
        compensation = self.lamda * grad * grad * (weight - previous_weight)
        # the decay after the clip, as pieces.l2_after_clip, but the
        # compensation takes the gradient without it
        step = lr * (pieces.add_weight_decay_(grad, weight, wd) + compensation)
        weight.copyto(previous_weight)
        momentum_descent_step_(weight, step, momentum_state, self.momentum)


@register
class SGLD(Optimizer):
    """Stochastic gradient Langevin dynamics (Welling & Teh 2011).

    w ← w − lr/2·(clip(rescale_grad·grad) + wd·w) + N(0, lr): gradient descent
    plus Gaussian noise, drawn from MXNet's generator (mx.random.seed
    repeats it).
    """

    def create_state(self, index, weight):
        return None

    def step(self, index, weight, grad, state, lr, wd, t):
        grad = pieces.l2_after_clip(grad, weight, wd, self.rescale_grad,
                                     self.clip_gradient)
        weight -= lr / 2 * grad
        weight += nd.random.normal(0, math.sqrt(lr), shape=weight.shape,
                                   dtype=weight.dtype, ctx=weight.context)
