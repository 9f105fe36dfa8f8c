"""Shared test set-up: headless plots, notebooks run from outside, a fixed seed."""
import os
import pathlib

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import quotes  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The suite runs on the data the package ships: GLUON_OPT_DATA is only an
# override. Where a developer sets it, make it absolute, so that notebook
# kernels started in notebooks/ find the same folder.
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


CHECK_MARK = "__NOTEBOOK_CHECK__ "


def execute_notebook(name, timeout=600, check=None):
    """Execute notebooks/NAME (e.g. 'adam.ipynb' or 'solutions/adam.ipynb') in
    a kernel started in the notebook's own folder, in memory.

    The committed file is read, never written: the executed copy is returned
    (an nbformat NotebookNode). A failing cell raises CellExecutionError with
    the cell's traceback. `check`, a list of Python expressions, appends one
    cell to the copy that evaluates them in the notebook's namespace; their
    values (JSON-able: floats, strings, lists, dicts) are returned as
    `notebook.checked`, a dict expression -> value. The committed notebook
    holds no such cell: the tests read the lesson's variables from outside.
    The numbers its prose quotes (tests/quotes.py) are compared with the run.
    """
    import nbformat
    from nbclient import NotebookClient

    path = NOTEBOOKS / name
    notebook = nbformat.read(path, as_version=4)
    check = list(check or []) + [quote.expr for quote in quotes.QUOTES.get(name, [])]
    if check:
        notebook.cells.append(nbformat.v4.new_code_cell(
            "import json as _json\n"
            f"print({CHECK_MARK!r} + _json.dumps("
            "{_e: eval(_e) for _e in " + repr(list(check)) + "}, default=float))"))
    env_backend = os.environ.get("MPLBACKEND")
    # The kernel picks the inline backend itself; Agg here would override it.
    os.environ.pop("MPLBACKEND", None)
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    if check:
        import json
        last = notebook.cells.pop()
        text = "".join(out.get("text", "") for out in last.outputs)
        notebook.checked = json.loads(text.split(CHECK_MARK, 1)[1])
        quotes.check(name, notebook.checked)
    return notebook


def notebook_text(notebook):
    """Everything the executed notebook printed (stdout and results).

    The kernel flushes a stream every 0.2 s, so one print() can arrive as
    two outputs; consecutive outputs of the same stream are joined as a
    reader sees them. Other outputs are separated by a newline.
    """
    parts = []
    for cell in notebook.cells:
        previous = None  # the stream of the cell's last output
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                if previous == output.get("name"):
                    parts[-1] += output.get("text", "")
                else:
                    parts.append(output.get("text", ""))
                previous = output.get("name")
            elif "data" in output:
                parts.append(output["data"].get("text/plain", ""))
                previous = None
    return "\n".join(parts)


def notebook_images(notebook):
    """The number of figures the executed notebook displayed."""
    return sum(1 for cell in notebook.cells for output in cell.get("outputs", [])
               if any(k.startswith("image/") for k in output.get("data", {})))


@pytest.fixture
def run_notebook():
    """Execute a committed notebook (by file name) and return the result."""
    return execute_notebook
