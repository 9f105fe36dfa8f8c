"""Shared test set-up: headless plots, the shared data folder, a fixed seed."""
import os
import pathlib

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"

# CI sets GLUON_OPT_DATA; a developer's run falls back to ../shared/data.
if not os.environ.get("GLUON_OPT_DATA") and SHARED_DATA.is_dir():
    os.environ["GLUON_OPT_DATA"] = str(SHARED_DATA)
# Absolute, so that notebook kernels started in notebooks/ find it too.
if os.environ.get("GLUON_OPT_DATA"):
    os.environ["GLUON_OPT_DATA"] = os.path.abspath(os.environ["GLUON_OPT_DATA"])


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test made, so memory does not grow over the suite."""
    yield
    from matplotlib import pyplot as plt
    plt.close("all")


@pytest.fixture
def seeded():
    """Seed Python, NumPy and MXNet with 0 for a repeatable test."""
    import gluon_opt
    gluon_opt.set_seed(0)


NOTEBOOKS = ROOT / "notebooks"


def execute_notebook(name, timeout=600):
    """Execute notebooks/NAME in a kernel started in notebooks/, in memory.

    The committed file is read, never written: the executed copy is returned
    (an nbformat NotebookNode). A failing cell raises CellExecutionError with
    the cell's traceback.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    env_backend = os.environ.get("MPLBACKEND")
    # The kernel picks the inline backend itself; Agg here would override it.
    os.environ.pop("MPLBACKEND", None)
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    return notebook


def notebook_text(notebook):
    """Everything the executed notebook printed (stdout and results)."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            elif "data" in output:
                parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def notebook_images(notebook):
    """The number of figures the executed notebook displayed."""
    return sum(1 for cell in notebook.cells for output in cell.get("outputs", [])
               if any(k.startswith("image/") for k in output.get("data", {})))


@pytest.fixture
def run_notebook():
    """Execute a committed notebook (by file name) and return the result."""
    return execute_notebook
