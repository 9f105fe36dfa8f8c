"""Two-dimensional traces: how each optimizer walks on f(x1, x2) = 0.1·x1² + 2·x2².

The chapter's pictures: `train_2d(trainer)` runs 20 steps from (−5, −2) and
`show_trace_2d(f, results)` draws the path on the contour plot of f.

Every stepper has the book's signature trainer(x1, x2, s1, s2) -> (x1, x2,
s1, s2), its hyperparameters as keywords whose defaults are the book's
(bind others with functools.partial(adagrad_2d, eta=2)), and the keyword
`f_grad`, the gradient (x1, x2) -> (g1, g2) they follow, which is the
ill-conditioned quadratic's unless another objective below is given (the
explorers of gluon_opt.explore walk them all). Each body is its
section's equations on Python floats (float64), line for line, as the book
writes them; the printed numbers are the book's. For AdaDelta and Adam, which
need more than one number of state per coordinate, s1 and s2 hold tuples
(they start as the book's 0).
"""
import math

from matplotlib import pyplot as plt
import numpy as np

from . import _checks, plotting
from .optimizers.book import BETA1, BETA2, EPS


def ill_conditioned_2d(x1, x2):
    """The chapter's ill-conditioned quadratic f(x1, x2) = 0.1·x1² + 2·x2²
    (condition number 20)."""
    return 0.1 * x1 ** 2 + 2 * x2 ** 2


def ill_conditioned_gradient_2d(x1, x2):
    """∇f = (0.2·x1, 4·x2)."""
    return 0.2 * x1, 4 * x2


f_2d = ill_conditioned_2d  # the book's name, which its notebooks call


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
        with _checks.real_numbers_only():
            points = [(float(x1), float(x2)) for x1, x2 in results]
    except (TypeError, ValueError, _checks.ComplexWarning):
        raise TypeError("results must be the list of (x1, x2) points that "
                        "train_2d returns") from None
    if not points:
        raise ValueError("results must hold at least one (x1, x2) point, got "
                         "an empty list; pass what train_2d returns")
    # The book's grid, (-5.5, 1) x (-3, 1), widened to a path that leaves it
    # (momentum at eta 0.6 swings to x2 = 2.8) unless it runs off to huge
    # values (gd at eta 0.6), where contours would shrink to a line.
    (low1, low2), (high1, high2) = np.min(points, 0), np.max(points, 0)
    span = [min(-5.5, low1 - 0.5), max(1.0, high1 + 0.5),
            min(-3.0, low2 - 0.5), max(1.0, high2 + 0.5)]
    if not np.isfinite(span).all() or max(abs(v) for v in span) > 10:
        span = [-5.5, 1.0, -3.0, 1.0]
    x1, x2 = np.meshgrid(np.arange(span[0], span[1], 0.1),
                         np.arange(span[2], span[3], 0.1))
    heights = f(x1, x2)
    try:
        with _checks.real_numbers_only():
            heights = np.asarray(heights, dtype=float)
    except _checks.ComplexWarning:
        raise TypeError("f must map arrays x1, x2 to real numbers, got "
                        "complex ones") from None
    except (TypeError, ValueError):
        heights = None
    if heights is None or heights.shape != x1.shape:
        raise TypeError("f must map arrays x1, x2 to an array of their shape "
                        "(written with + - * ** as f_2d is)")
    figure = plt.figure(figsize=(3.5, 2.5))
    plt.plot(*plotting.drawable(points).T, '-o', color='#ff7f0e')
    plt.contour(x1, x2, heights, colors='#1f77b4')
    plt.xlabel('x1')
    plt.ylabel('x2')
    return figure


def gd_2d(x1, x2, s1, s2, eta=0.4,
          *, f_grad=ill_conditioned_gradient_2d):
    """Gradient descent: x ← x − η·∇f. No state."""
    g1, g2 = f_grad(x1, x2)
    return x1 - eta * g1, x2 - eta * g2, 0, 0


def momentum_2d(x1, x2, v1, v2, eta=0.4, gamma=0.5,
                *, f_grad=ill_conditioned_gradient_2d):
    """Momentum: v ← γ·v + η·∇f; x ← x − v."""
    g1, g2 = f_grad(x1, x2)
    v1 = gamma * v1 + eta * g1
    v2 = gamma * v2 + eta * g2
    return x1 - v1, x2 - v2, v1, v2


def nag_2d(x1, x2, v1, v2, eta=0.4, gamma=0.5,
           *, f_grad=ill_conditioned_gradient_2d):
    """Nesterov's accelerated gradient, in MXNet's form (its `nag`):
    v ← γ·v + ∇f; x ← x − η·(∇f + γ·v)."""
    g1, g2 = f_grad(x1, x2)
    v1 = gamma * v1 + g1
    v2 = gamma * v2 + g2
    return x1 - eta * (g1 + gamma * v1), x2 - eta * (g2 + gamma * v2), v1, v2


def adagrad_2d(x1, x2, s1, s2, eta=0.4,
               *, f_grad=ill_conditioned_gradient_2d):
    """AdaGrad: s ← s + g²; x ← x − η·g / sqrt(s + 1e-6)."""
    g1, g2 = f_grad(x1, x2)
    s1 += g1 ** 2
    s2 += g2 ** 2
    x1 -= eta * g1 / math.sqrt(s1 + EPS)
    x2 -= eta * g2 / math.sqrt(s2 + EPS)
    return x1, x2, s1, s2


def rmsprop_2d(x1, x2, s1, s2, eta=0.4, gamma=0.9,
               *, f_grad=ill_conditioned_gradient_2d):
    """RMSProp: s ← γ·s + (1 − γ)·g²; x ← x − η·g / sqrt(s + 1e-6)."""
    g1, g2 = f_grad(x1, x2)
    s1 = gamma * s1 + (1 - gamma) * g1 ** 2
    s2 = gamma * s2 + (1 - gamma) * g2 ** 2
    x1 -= eta * g1 / math.sqrt(s1 + EPS)
    x2 -= eta * g2 / math.sqrt(s2 + EPS)
    return x1, x2, s1, s2


def adadelta_2d(x1, x2, s1, s2, rho=0.9, eps=1e-5,
                *, f_grad=ill_conditioned_gradient_2d):
    """AdaDelta, per coordinate: s ← ρ·s + (1 − ρ)·g²;
    g' = sqrt(Δx + ε) / sqrt(s + ε) · g;  x ← x − g';  Δx ← ρ·Δx + (1 − ρ)·g'².
    Each s holds the pair (s, Δx)."""
    new_x, new_s = [], []
    for x, g, state in zip((x1, x2), f_grad(x1, x2), (s1, s2)):
        s, delta = state if state != 0 else (0.0, 0.0)
        s = rho * s + (1 - rho) * g ** 2
        g = math.sqrt(delta + eps) / math.sqrt(s + eps) * g
        x -= g
        delta = rho * delta + (1 - rho) * g ** 2
        new_x.append(x)
        new_s.append((s, delta))
    return new_x[0], new_x[1], new_s[0], new_s[1]


def adam_2d(x1, x2, s1, s2, eta=0.4, beta1=BETA1, beta2=BETA2, eps=EPS,
            *, f_grad=ill_conditioned_gradient_2d):
    """Adam as the book's `adam`, per coordinate: v ← β₁·v + (1 − β₁)·g;
    s ← β₂·s + (1 − β₂)·g²; v̂ = v/(1 − β₁ᵗ); ŝ = s/(1 − β₂ᵗ);
    x ← x − η·v̂ / (sqrt(ŝ) + ε). Each s holds the triple (v, s, t)."""
    new_x, new_s = [], []
    for x, g, state in zip((x1, x2), f_grad(x1, x2), (s1, s2)):
        v, s, t = state if state != 0 else (0.0, 0.0, 0)
        t += 1
        v = beta1 * v + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g ** 2
        v_hat = v / (1 - beta1 ** t)
        s_hat = s / (1 - beta2 ** t)
        x -= eta * v_hat / (math.sqrt(s_hat) + eps)
        new_x.append(x)
        new_s.append((v, s, t))
    return new_x[0], new_x[1], new_s[0], new_s[1]


# ------------------------------------------------- more objectives to walk on
# Each with its gradient, for the steppers' f_grad. The quadratics' Hessians
# are constant, so their largest curvature L fixes gradient descent's largest
# stable rate, 2/L.

def saddle_2d(x1, x2):
    """A saddle f(x1, x2) = x1² − x2²: a minimum along x1, a maximum along x2."""
    return x1 ** 2 - x2 ** 2


def saddle_gradient_2d(x1, x2):
    """∇f = (2·x1, −2·x2)."""
    return 2 * x1, -2 * x2


def rosenbrock_2d(x1, x2):
    """Rosenbrock's banana valley f(x1, x2) = (1 − x1)² + 100·(x2 − x1²)²,
    minimum 0 at (1, 1)."""
    return (1 - x1) ** 2 + 100 * (x2 - x1 ** 2) ** 2


def rosenbrock_gradient_2d(x1, x2):
    """∇f = (−2·(1 − x1) − 400·x1·(x2 − x1²), 200·(x2 − x1²))."""
    return -2 * (1 - x1) - 400 * x1 * (x2 - x1 ** 2), 200 * (x2 - x1 ** 2)


def wavy_2d(x1, x2):
    """A non-convex bowl with a row of local minima along x1:
    f(x1, x2) = 0.1·x1² + x2² − cos(2·x1); the global minimum −1 is at 0."""
    return 0.1 * x1 ** 2 + x2 ** 2 - np.cos(2 * x1)


def wavy_gradient_2d(x1, x2):
    """∇f = (0.2·x1 + 2·sin(2·x1), 2·x2)."""
    return 0.2 * x1 + 2 * np.sin(2 * x1), 2 * x2
