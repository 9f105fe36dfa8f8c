"""The chapter's section notebooks up to minibatch SGD run in full, and here
we check what they print (AdaGrad on: tests/test_lessons_part2.py)."""
import re

import pytest

from conftest import notebook_images, notebook_text

pytestmark = pytest.mark.slow


def test_linear_regression_reaches_the_noise_floor(run_notebook):
    text = notebook_text(run_notebook("linear-regression.ipynb"))
    losses = [float(v) for v in re.findall(r"epoch 3, loss:? (\S+)", text)]
    assert len(losses) == 2  # scratch and Gluon
    assert all(loss < 1e-4 for loss in losses)


def test_gradient_descent_prints_the_books_numbers(run_notebook):
    notebook = run_notebook("gd-sgd.ipynb")
    text = notebook_text(notebook)
    for line in ("epoch 10, x: 0.06046617599999997",
                 "epoch 10, x: 3.4867844009999995",
                 "epoch 10, x: 61.917364224000096",
                 "epoch 20, x1 -0.057646, x2 -0.000073"):
        assert line in text
    assert notebook_images(notebook) == 5


LOSS = re.compile(r"^loss: (\d+\.\d+), \d+\.\d+ sec per epoch$", re.MULTILINE)


def test_minibatch_sgd_runs_three_batch_sizes_and_gluon(run_notebook):
    text = notebook_text(run_notebook("minibatch-sgd.ipynb"))
    losses = [float(v) for v in LOSS.findall(text)]
    assert len(losses) == 4
    assert all(abs(loss - 0.245) < 0.01 for loss in losses)
