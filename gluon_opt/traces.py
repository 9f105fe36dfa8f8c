"""Two-dimensional traces: how each optimizer walks on f(x1, x2) = 0.1·x1² + 2·x2².

The chapter's pictures: `train_2d(trainer)` runs 20 steps from (−5, −2) and
`show_trace_2d(f, results)` draws the path on the contour plot of f.

Every stepper has the book's signature trainer(x1, x2, s1, s2) -> (x1, x2,
s1, s2), its hyperparameters as keywords whose defaults are the book's
(bind others with functools.partial(adagrad_2d, eta=2)). The steppers reuse
the update pieces of `gluon_opt.optimizers.pieces`, on Python floats (float64),
so the algorithm is written once; the printed numbers are the book's. For
AdaDelta and Adam, which need more than one number of state per coordinate,
s1 and s2 hold tuples (they start as the book's 0).
"""
from matplotlib import pyplot as plt
import numpy as np

from .optimizers import pieces


def f_2d(x1, x2):
    """The chapter's ill-conditioned quadratic f(x1, x2) = 0.1·x1² + 2·x2²."""
    return 0.1 * x1 ** 2 + 2 * x2 ** 2


def gradient_f_2d(x1, x2):
    """∇f = (0.2·x1, 4·x2)."""
    return 0.2 * x1, 4 * x2


def train_2d(trainer):
    """20 steps of `trainer` from (−5, −2); prints the last point as the book
    does and returns the 21 points visited."""
    if not callable(trainer):
        raise TypeError(f"trainer must be a step function f(x1, x2, s1, s2) "
                        f"-> (x1, x2, s1, s2) such as gd_2d, got {trainer!r}")
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(20):
        step = trainer(x1, x2, s1, s2)
        try:
            x1, x2, s1, s2 = step
            float(x1), float(x2)
        except (TypeError, ValueError):
            raise TypeError(f"trainer must return (x1, x2, s1, s2) with x1 "
                            f"and x2 numbers, as gd_2d does; it returned "
                            f"{step!r}") from None
        results.append((x1, x2))
    print('epoch %d, x1 %f, x2 %f' % (i + 1, x1, x2))
    return results


def show_trace_2d(f, results):
    """The path `results` over the contour lines of `f`; returns the figure."""
    if not callable(f):
        raise TypeError(f"f must be the function f(x1, x2) to draw, got {f!r}")
    try:
        points = [(float(x1), float(x2)) for x1, x2 in results]
    except (TypeError, ValueError):
        raise TypeError("results must be the list of (x1, x2) points that "
                        "train_2d returns") from None
    if not points:
        raise ValueError("results must hold at least one (x1, x2) point, got "
                         "an empty list; pass what train_2d returns")
    x1, x2 = np.meshgrid(np.arange(-5.5, 1.0, 0.1), np.arange(-3.0, 1.0, 0.1))
    heights = f(x1, x2)
    try:
        heights = np.asarray(heights, dtype=float)
    except (TypeError, ValueError):
        heights = None
    if heights is None or heights.shape != x1.shape:
        raise TypeError("f must map arrays x1, x2 to an array of their shape "
                        "(written with + - * ** as f_2d is)")
    figure = plt.figure(figsize=(3.5, 2.5))
    plt.plot(*zip(*results), '-o', color='#ff7f0e')
    plt.contour(x1, x2, heights, colors='#1f77b4')
    plt.xlabel('x1')
    plt.ylabel('x2')
    return figure


def gd_2d(x1, x2, s1, s2, eta=0.4):
    """Gradient descent: x ← x − η·∇f. No state."""
    g1, g2 = gradient_f_2d(x1, x2)
    return x1 - eta * g1, x2 - eta * g2, 0, 0


def momentum_2d(x1, x2, v1, v2, eta=0.4, gamma=0.5):
    """Momentum: v ← γ·v + η·∇f; x ← x − v (pieces.momentum_update_)."""
    g1, g2 = gradient_f_2d(x1, x2)
    v1 = pieces.momentum_update_(v1, eta * g1, gamma)
    v2 = pieces.momentum_update_(v2, eta * g2, gamma)
    return x1 - v1, x2 - v2, v1, v2


def adagrad_2d(x1, x2, s1, s2, eta=0.4):
    """AdaGrad: s ← s + g²; x ← x − η·g / sqrt(s + 1e-6)."""
    g1, g2 = gradient_f_2d(x1, x2)
    eps = 1e-6
    s1 = pieces.accumulate_(s1, g1 ** 2)
    s2 = pieces.accumulate_(s2, g2 ** 2)
    x1 -= eta * pieces.rms_scaled(g1, s1, eps)
    x2 -= eta * pieces.rms_scaled(g2, s2, eps)
    return x1, x2, s1, s2


def rmsprop_2d(x1, x2, s1, s2, eta=0.4, gamma=0.9):
    """RMSProp: s ← γ·s + (1 − γ)·g²; x ← x − η·g / sqrt(s + 1e-6)."""
    g1, g2 = gradient_f_2d(x1, x2)
    eps = 1e-6
    s1 = pieces.moving_average_(s1, g1 ** 2, gamma)
    s2 = pieces.moving_average_(s2, g2 ** 2, gamma)
    x1 -= eta * pieces.rms_scaled(g1, s1, eps)
    x2 -= eta * pieces.rms_scaled(g2, s2, eps)
    return x1, x2, s1, s2


def adadelta_2d(x1, x2, s1, s2, rho=0.9, eps=1e-5):
    """AdaDelta (pieces.adadelta_step_); each s holds the pair (E[g²], E[Δ²])."""
    new_x, new_s = [], []
    for x, g, s in zip((x1, x2), gradient_f_2d(x1, x2), (s1, s2)):
        mean_square_grad, mean_square_delta = s if s != 0 else (0.0, 0.0)
        delta, mean_square_grad, mean_square_delta = pieces.adadelta_step_(
            g, mean_square_grad, mean_square_delta, rho, eps)
        new_x.append(x - delta)
        new_s.append((mean_square_grad, mean_square_delta))
    return new_x[0], new_x[1], new_s[0], new_s[1]


def adam_2d(x1, x2, s1, s2, eta=0.4, beta1=0.9, beta2=0.999, eps=1e-6):
    """Adam as the book's `adam`: bias-corrected moving averages of g and g²,
    x ← x − η·v̂ / (sqrt(ŝ) + ε); each s holds the triple (v, s, t)."""
    new_x, new_s = [], []
    for x, g, state in zip((x1, x2), gradient_f_2d(x1, x2), (s1, s2)):
        mean, mean_square, t = state if state != 0 else (0.0, 0.0, 0)
        t += 1
        mean = pieces.moving_average_(mean, g, beta1)
        mean_square = pieces.moving_average_(mean_square, g ** 2, beta2)
        mean_hat = mean / pieces.bias_correction(beta1, t)
        mean_square_hat = mean_square / pieces.bias_correction(beta2, t)
        new_x.append(x - eta * mean_hat / (pieces.sqrt(mean_square_hat) + eps))
        new_s.append((mean, mean_square, t))
    return new_x[0], new_x[1], new_s[0], new_s[1]
