"""The adaptive-method and comparison notebooks run in full, and here we check
what they print. (The first seven lessons: tests/test_lessons_part1.py.)"""
import re

import pytest

from conftest import notebook_images, notebook_text

pytestmark = pytest.mark.slow


def test_optimizer_comparison_plots_every_optimizer(run_notebook):
    from gluon_opt.experiments.comparison import COMPARED
    notebook = run_notebook("optimizer-comparison.ipynb")
    text = notebook_text(notebook)
    for label in COMPARED:
        assert re.search(rf"^{re.escape(label)} +final loss 0\.2\d+", text,
                         re.MULTILINE), label
    assert notebook_images(notebook) == 1


LOSS = re.compile(r"^loss: (\d+\.\d+), \d+\.\d+ sec per epoch$", re.MULTILINE)


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
