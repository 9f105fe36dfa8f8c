"""The 2-D traces print the book's numbers and draw the book's picture."""
import functools
import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from gluon_opt import traces


def last_line(capsys):
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.mark.parametrize("stepper, printed", [
    (traces.adagrad_2d, "epoch 20, x1 -2.382563, x2 -0.158591"),
    (functools.partial(traces.adagrad_2d, eta=2), "epoch 20, x1 -0.002295, x2 -0.000000"),
    (functools.partial(traces.momentum_2d, eta=0.4, gamma=0.5),
     "epoch 20, x1 -0.062843, x2 0.001202"),
    (functools.partial(traces.rmsprop_2d, eta=0.4, gamma=0.9),
     "epoch 20, x1 -0.010599, x2 0.000000"),
    (functools.partial(traces.gd_2d, eta=0.4), "epoch 20, x1 -0.943467, x2 -0.000073"),
], ids=["adagrad-0.4", "adagrad-2", "momentum", "rmsprop", "gd"])
def test_book_numbers(stepper, printed, capsys):
    results = traces.train_2d(stepper)
    assert last_line(capsys) == printed
    assert len(results) == 21 and results[0] == (-5, -2)


def _book_rmsprop_2d(x1, x2, s1, s2, eta=0.4, gamma=0.9):
    """The book's own code, as an oracle."""
    g1, g2, eps = 0.2 * x1, 4 * x2, 1e-6
    s1 = gamma * s1 + (1 - gamma) * g1 ** 2
    s2 = gamma * s2 + (1 - gamma) * g2 ** 2
    x1 -= eta / math.sqrt(s1 + eps) * g1
    x2 -= eta / math.sqrt(s2 + eps) * g2
    return x1, x2, s1, s2


def _book_adadelta(x, rho=0.9, eps=1e-5, steps=20):
    """Scalar AdaDelta on f, written out as the book writes it."""
    xs, s, delta = list(x), [0.0, 0.0], [0.0, 0.0]
    for _ in range(steps):
        grads = (0.2 * xs[0], 4 * xs[1])
        for i, g in enumerate(grads):
            s[i] = rho * s[i] + (1 - rho) * g * g
            step = math.sqrt(delta[i] + eps) / math.sqrt(s[i] + eps) * g
            xs[i] -= step
            delta[i] = rho * delta[i] + (1 - rho) * step * step
    return xs


def _book_adam(x, eta=0.4, beta1=0.9, beta2=0.999, eps=1e-6, steps=20):
    xs, v, s = list(x), [0.0, 0.0], [0.0, 0.0]
    for t in range(1, steps + 1):
        grads = (0.2 * xs[0], 4 * xs[1])
        for i, g in enumerate(grads):
            v[i] = beta1 * v[i] + (1 - beta1) * g
            s[i] = beta2 * s[i] + (1 - beta2) * g * g
            v_hat, s_hat = v[i] / (1 - beta1 ** t), s[i] / (1 - beta2 ** t)
            xs[i] -= eta * v_hat / (math.sqrt(s_hat) + eps)
    return xs


def test_rmsprop_path_is_the_books_path(capsys):
    ours = traces.train_2d(traces.rmsprop_2d)
    book = traces.train_2d(_book_rmsprop_2d)
    np.testing.assert_allclose(ours, book, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("stepper, oracle", [
    (traces.adadelta_2d, _book_adadelta), (traces.adam_2d, _book_adam)])
def test_steppers_with_tuple_state_follow_the_formula(stepper, oracle, capsys):
    results = traces.train_2d(stepper)
    np.testing.assert_allclose(results[-1], oracle((-5, -2)), rtol=1e-12)
    assert results[-1] != results[0]


def test_adam_tuple_state_counts_steps():
    _, _, s1, s2 = traces.adam_2d(-5, -2, 0, 0)
    _, _, s1, s2 = traces.adam_2d(-5, -2, s1, s2)
    assert s1[2] == s2[2] == 2


def test_f_2d_and_gradient():
    assert traces.f_2d(-5, -2) == pytest.approx(0.1 * 25 + 2 * 4)
    assert traces.ill_conditioned_gradient_2d(-5, -2) == (-1.0, -8)


def test_show_trace_2d_draws_path_and_contours(capsys):
    results = traces.train_2d(traces.momentum_2d)
    figure = traces.show_trace_2d(traces.f_2d, results)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    path = axes.lines[0]
    np.testing.assert_allclose(np.column_stack(path.get_data()), results)
    assert path.get_color() == "#ff7f0e" and path.get_marker() == "o"
    assert axes.collections, "no contour lines drawn"
    assert axes.get_xlabel() == "x1" and axes.get_ylabel() == "x2"
