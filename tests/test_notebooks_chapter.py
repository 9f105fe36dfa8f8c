"""The chapter's section notebooks run in full; each checks its own results
with asserts, and here we check what they print."""
import re

import pytest

from conftest import notebook_images, notebook_text

pytestmark = pytest.mark.slow


def test_linear_regression_reaches_the_noise_floor(run_notebook):
    text = notebook_text(run_notebook("linear-regression.ipynb"))
    losses = [float(v) for v in re.findall(r"epoch 3, loss:? (\S+)", text)]
    assert len(losses) == 2  # scratch and Gluon
    assert all(loss < 1e-4 for loss in losses)


def test_optimizer_comparison_plots_every_optimizer(run_notebook):
    from gluon_opt.experiments.comparison import COMPARED
    notebook = run_notebook("optimizer-comparison.ipynb")
    text = notebook_text(notebook)
    for label in COMPARED:
        assert re.search(rf"^{re.escape(label)} +final loss 0\.2\d+", text,
                         re.MULTILINE), label
    assert notebook_images(notebook) == 1


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


@pytest.mark.parametrize("name,lines", [
    ("adagrad", ["epoch 20, x1 -2.382563, x2 -0.158591",
                 "epoch 20, x1 -0.002295, x2 -0.000000"]),
    ("rmsprop", ["epoch 20, x1 -0.010599, x2 0.000000"]),
    ("adadelta", []),
    ("adam", []),
])
def test_optimizer_section(run_notebook, name, lines):
    notebook = run_notebook(f"{name}.ipynb")
    text = notebook_text(notebook)
    for line in lines:
        assert line in text
    assert len(re.findall(r"^epoch 20, x1 ", text, re.MULTILINE)) == max(1, len(lines))
    losses = [float(v) for v in LOSS.findall(text)]
    assert len(losses) == 2  # scratch and Gluon
    if name == "adagrad":
        assert losses[0] == pytest.approx(0.243, abs=0.005)
    # The update is shown from the library, never defined in the notebook.
    sources = "".join(cell.source for cell in notebook.cells)
    assert f"def {name}(" not in sources
    assert f"def {name}(params, states, hyperparams)" in text
