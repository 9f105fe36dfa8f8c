"""The named pieces every optimizer of the chapter is built from.

Gradient rescale and clip, weight decay, moving averages, accumulation,
bias correction, the momentum update and the AdaDelta step each live here
once; the book's functions (`book.py`), the Optimizer classes and the 2-D
steppers (`gluon_opt.traces`) compose them.

A piece whose name ends in `_` updates its first argument in place and
returns it. In-place operators (`x *= a`, `x += y`, `out=`) keep the step
cheap: MXNet runs `x += y` in about 7 µs, `x[:] = expr` in about 50 µs.
Because each piece also returns its result, the same code runs on Python
floats (where `x *= a` makes a new float): the 2-D steppers use that.
"""
import math

from mxnet import nd


def sqrt(value):
    """Square root of an NDArray (element-wise) or of a Python number."""
    return value.sqrt() if isinstance(value, nd.NDArray) else math.sqrt(value)


def rescaled(grad, rescale_grad):
    """rescale_grad · grad, as a new array: the caller's gradient is not touched."""
    return grad * rescale_grad


def clip_(grad, clip_gradient):
    """Project grad onto the box [−clip_gradient, clip_gradient] (None: no clip)."""
    if clip_gradient is not None:
        nd.clip(grad, -clip_gradient, clip_gradient, out=grad)
    return grad


def add_weight_decay_(vector, weight, wd):
    """vector ← vector + wd · weight: the gradient of the L2 penalty wd/2 · ‖w‖²,
    added to a gradient or to a step (see the placements below)."""
    if wd:
        vector += wd * weight
    return vector


def preprocess_grad(grad, rescale_grad, clip_gradient):
    """clip(rescale_grad · grad, clip_gradient), a new array: the gradient of
    the optimizers that add no weight decay to it."""
    return clip_(rescaled(grad, rescale_grad), clip_gradient)


# ---- where the weight decay goes: each optimizer names one of these
# (as fastai's `l2_reg` and `weight_decay` do; MXNet's classes each pick one)

def l2_inside_clip(grad, weight, wd, rescale_grad, clip_gradient):
    """clip(rescale_grad · grad + wd · weight), a new array: the L2 term is
    clipped together with the gradient (MXNet's Adam, RMSProp, FTML, Adamax,
    Nadam)."""
    grad = add_weight_decay_(rescaled(grad, rescale_grad), weight, wd)
    return clip_(grad, clip_gradient)


def l2_after_clip(grad, weight, wd, rescale_grad, clip_gradient):
    """clip(rescale_grad · grad) + wd · weight, a new array: the L2 term is
    added after the clip, never clipped (MXNet's SGD, NAG, Signum, LARS,
    LBSGD, SGLD)."""
    return add_weight_decay_(preprocess_grad(grad, rescale_grad, clip_gradient),
                             weight, wd)


def decay_with_step_(step, weight, wd):
    """step ← step + wd · weight: the decay joins the already scaled step, so
    the per-coordinate scaling does not touch it (MXNet's AdaGrad, AdaDelta,
    LAMB)."""
    return add_weight_decay_(step, weight, wd)


def decoupled_weight_decay_(weight, lr, wd):
    """weight ← (1 − lr · wd) · weight: decay apart from the gradient
    (Loshchilov & Hutter 2019; MXNet's Signum, for its wd_lh and for signSGD)."""
    if wd:
        weight *= 1 - lr * wd
    return weight


def moving_average_(average, value, decay):
    """Exponential moving average: average ← decay · average + (1 − decay) · value."""
    average *= decay
    average += (1 - decay) * value
    return average


def accumulate_(total, value):
    """Running sum: total ← total + value (AdaGrad's history of squares)."""
    total += value
    return total


def momentum_update_(velocity, step, momentum):
    """Heavy-ball velocity (Polyak 1964): velocity ← momentum · velocity + step."""
    velocity *= momentum
    velocity += step
    return velocity


def momentum_descent_(momentum_state, step, momentum):
    """The same velocity with MXNet's sign: m ← momentum · m − step, then the
    weight moves by +m. It is the book's v negated (m = −v), bit for bit:
    MXNet's SGD, NAG, LARS, LBSGD and DCASGD keep m, and so do our classes."""
    momentum_state *= momentum
    momentum_state -= step
    return momentum_state


def bias_correction(beta, t):
    """1 − βᵗ: divides a zero-started moving average at step t to unbias it
    (Kingma & Ba 2015, Adam, section 3)."""
    return 1 - beta ** t


def rms_scaled(grad, mean_square, eps):
    """grad / sqrt(mean_square + eps): AdaGrad's and RMSProp's scaled gradient,
    eps inside the square root (as both the book and MXNet put it)."""
    return grad / sqrt(mean_square + eps)


def trust_ratio(weight_norm, update_norm, denominator=None, coefficient=None):
    """coefficient · ‖w‖ / denominator (default: ‖u‖) where ‖w‖ and ‖u‖ are
    both positive, else 1: the layer-wise scale of LARS (You, Gitman &
    Ginsburg 2017) and LAMB (You et al. 2020), so that a step moves a layer
    by a fraction of its own size. Python floats give a float; NDArrays an
    NDArray, computed on the device (no wait for it).
    """
    denominator = update_norm if denominator is None else denominator
    numerator = weight_norm if coefficient is None else coefficient * weight_norm
    if isinstance(weight_norm, nd.NDArray):
        return nd.where((weight_norm > 0) * (update_norm > 0),
                        numerator / denominator, nd.ones_like(weight_norm))
    if weight_norm > 0 and update_norm > 0:
        return numerator / denominator
    return 1.0


def adadelta_step_(grad, mean_square_grad, mean_square_delta, rho, eps):
    """AdaDelta's step (Zeiler 2012, algorithm 1); updates both averages in place.

    s ← ρ·s + (1 − ρ)·g²;  Δ = sqrt(δ + ε) / sqrt(s + ε) · g;
    δ ← ρ·δ + (1 − ρ)·Δ².  Returns Δ (the weight moves by −Δ) and the
    updated averages (which are the same objects for NDArrays).
    """
    mean_square_grad = moving_average_(mean_square_grad, grad * grad, rho)
    delta = sqrt(mean_square_delta + eps) / sqrt(mean_square_grad + eps) * grad
    mean_square_delta = moving_average_(mean_square_delta, delta * delta, rho)
    return delta, mean_square_grad, mean_square_delta
