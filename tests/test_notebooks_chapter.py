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
