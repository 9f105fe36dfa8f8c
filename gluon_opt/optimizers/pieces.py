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


def add_weight_decay_(grad, weight, wd):
    """grad ← grad + wd · weight: the gradient of the L2 penalty wd/2 · ‖w‖²."""
    if wd:
        grad += wd * weight
    return grad


def preprocess_grad(grad, rescale_grad, clip_gradient, weight=None, wd=0.0):
    """clip(rescale_grad · grad + wd · weight, clip_gradient), a new array.

    The order of Adam, RMSProp, FTML, Adamax and Nadam in MXNet: the weight
    decay term is clipped together with the gradient. SGD-like optimizers
    clip first and add the decay afterwards; they call the pieces themselves.
    """
    grad = rescaled(grad, rescale_grad)
    if weight is not None:
        add_weight_decay_(grad, weight, wd)
    return clip_(grad, clip_gradient)


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
