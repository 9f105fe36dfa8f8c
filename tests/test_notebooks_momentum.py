"""The momentum notebooks run in full and reproduce the book's experiment."""
import re

import pytest

from conftest import notebook_images, notebook_text

pytestmark = pytest.mark.slow


def printed_params(text):
    """The (w1, w2, b) that optimize printed, in the order of the runs."""
    found = re.findall(r"w: \s*\[\[\s*(\S+)\s+(\S+)\]\]\s*(?:<NDArray[^>]*>)?\s*"
                       r"b: \s*\[\s*(\S+)\]", text)
    return [tuple(float(v) for v in match) for match in found]


def test_momentum_gluon_notebook_prints_the_books_parameters(run_notebook):
    notebook = run_notebook("momentum-gluon.ipynb")
    params = printed_params(notebook_text(notebook))
    assert len(params) == 3  # 0.99, 0.9, 0.5
    far, m9, m5 = params
    assert m9 == pytest.approx((2.0008, -3.4015, 4.2001), abs=0.05)
    assert m5 == pytest.approx((1.9995, -3.4003, 4.2001), abs=0.05)
    assert max(abs(a - b) for a, b in zip(far, (2, -3.4, 4.2))) > 1
    assert notebook_images(notebook) == 4  # a loss plot per run, the airfoil run


def test_momentum_scratch_notebook_shows_the_library_update(run_notebook):
    notebook = run_notebook("momentum-scratch.ipynb")
    text = notebook_text(notebook)
    # The update is shown from the library, not a copy in the notebook.
    assert "def sgd_momentum(params, states, hyperparams)" in text
    sources = "".join(cell.source for cell in notebook.cells)
    assert "def sgd_momentum" not in sources
    assert notebook_images(notebook) == 7  # 3 curves, 2 traces, airfoil


def test_running_a_notebook_leaves_the_committed_file_as_it_was(run_notebook):
    from conftest import NOTEBOOKS
    path = NOTEBOOKS / "momentum-gluon.ipynb"
    before = path.read_bytes()
    notebook = run_notebook("momentum-gluon.ipynb")
    assert any(cell.get("outputs") for cell in notebook.cells)
    assert path.read_bytes() == before


def test_notebooks_are_committed_without_outputs():
    import json
    from conftest import NOTEBOOKS
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                assert not cell["outputs"], f"{path.name} has outputs"
                assert cell["execution_count"] is None, path.name
