"""Case (e): the time to execute every notebook in notebooks/, each in a
fresh python3 kernel started in that folder (the call tests/conftest.py's
execute_notebook makes). The committed files are read, never written."""
import os
import pathlib
import time

from .timing import Variant

# The notebooks live in the source checkout, beside the package folder; an
# installed package (site-packages) has none.
NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def notebook_names(folder=NOTEBOOKS):
    return sorted(path.name for path in pathlib.Path(folder).glob("*.ipynb"))


def missing_notebooks(folder=NOTEBOOKS):
    """Why the notebooks cannot be timed from `folder`, or '' when they can."""
    if notebook_names(folder):
        return ""
    return (f"no notebooks in {folder}: they come with the source checkout, "
            f"not with the installed package; run the bench from a clone of "
            f"the repository (pip install -e .)")


def execute(name, folder=NOTEBOOKS, timeout=600):
    """Seconds to execute notebooks/NAME (kernel start included)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(pathlib.Path(folder) / name, as_version=4)
    if os.environ.get("GLUON_OPT_DATA"):
        os.environ["GLUON_OPT_DATA"] = os.path.abspath(
            os.environ["GLUON_OPT_DATA"])
    backend = os.environ.pop("MPLBACKEND", None)  # the kernel picks inline
    try:
        start = time.perf_counter()
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        return time.perf_counter() - start
    finally:
        if backend is not None:
            os.environ["MPLBACKEND"] = backend


def notebook_variants(quick=False, folder=None):
    """One variant per notebook; the table adds their total. In --quick
    mode nothing is executed (a kernel per notebook takes minutes). Without
    the notebooks, one skipped variant says where they were looked for."""
    folder = NOTEBOOKS if folder is None else folder
    missing = missing_notebooks(folder)
    if missing:
        return [Variant("notebooks", None, missing)]
    skip = "not executed with --quick" if quick else ""
    return [Variant(name, None if skip else
                    (lambda name=name: execute(name, folder)), skip)
            for name in notebook_names(folder)]
