"""The gradient-descent section: 1-D traces on f(x) = x², and gradient
descent and stochastic gradient descent on the well-conditioned
f(x1, x2) = x1² + 2·x2².

The 2-D runs use `traces.train_2d` and `traces.show_trace_2d`; only the
objective differs from the later sections' ill-conditioned
`traces.f_2d` = 0.1·x1² + 2·x2².
"""
import numpy as np
from matplotlib import pyplot as plt

from . import plotting


def gd(eta, x=10.0, num_steps=10):
    """Gradient descent on f(x) = x² (f'(x) = 2x) from x = 10; prints the
    last x as the book does and returns every x visited."""
    results = [x]
    for _ in range(num_steps):
        x -= eta * 2 * x
        results.append(x)
    print('epoch %d, x:' % num_steps, x)
    return results


def show_trace(results):
    """The 1-D path over the curve of f(x) = x²; returns the figure."""
    n = max(abs(min(results)), abs(max(results)), 10)
    f_line = np.arange(-n, n, 0.1)
    plotting.set_figsize()
    figure = plt.figure()
    plt.plot(f_line, [x * x for x in f_line])
    plt.plot(results, [x * x for x in results], '-o')
    plt.xlabel('x')
    plt.ylabel('f(x)')
    return figure


def well_conditioned_2d(x1, x2):
    """The section's objective f(x1, x2) = x1² + 2·x2² (condition number 2)."""
    return x1 ** 2 + 2 * x2 ** 2


def well_conditioned_gradient_2d(x1, x2):
    """The gradient of well_conditioned_2d: ∇f = (2·x1, 4·x2) (the explorers
    walk it; the section's steppers below write it out, as the book does)."""
    return 2 * x1, 4 * x2


def gd_well_conditioned_2d(x1, x2, s1, s2, eta=0.1):
    """Gradient descent on x1² + 2·x2²: x ← x − η·(2·x1, 4·x2). No state."""
    return x1 - eta * 2 * x1, x2 - eta * 4 * x2, 0, 0


def sgd_2d(x1, x2, s1, s2, eta=0.1):
    """Stochastic gradient descent on x1² + 2·x2²: the gradient plus noise. As the book
    writes it, the noise is np.random.normal(0.1): mean 0.1, deviation 1."""
    return (x1 - eta * (2 * x1 + np.random.normal(0.1)),
            x2 - eta * (4 * x2 + np.random.normal(0.1)), 0, 0)

