"""Case (f): the current book's chapter (d2l 1.0, MXNet) executed as
notebooks, on `gluon_opt.d2l` and on the official `d2l==1.0.3`.

The ten offline sections (`d2l_sections`: code of ours making their calls)
are written as notebooks into a scratch folder and executed there, each in a
fresh kernel, by the Python of the environment under test: ours is this
interpreter; the official package lives in its own virtual environment
(its pins differ from ours), named by $D2L_OFFICIAL_PYTHON or found at
../venv-d2l103 beside the repository:

    python3.11 -m venv ../venv-d2l103
    ../venv-d2l103/bin/pip install d2l==1.0.3 mxnet==1.9.1 'numpy<1.24' \\
        nbclient ipykernel

The official package reads the airfoil file from ../data (d2l.download's
cache), so the package's verified copy is put there first: both sides run
offline on the same bytes.
"""
import atexit
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import nbformat

from gluon_opt import data

from . import d2l_sections
from .timing import Variant

OFFICIAL_VENV = pathlib.Path(__file__).resolve().parents[2] / "venv-d2l103"

# Executes the notebooks named on the command line (paths), each in a fresh
# python3 kernel of the interpreter that runs this script, in the notebook's
# folder; prints {"seconds": total, "each": {...}} as JSON. It runs in the
# official package's environment too, where gluon_opt is not installed, so
# it is a script of its own.
RUNNER = r'''
import json, os, sys, time
import nbformat
from nbclient import NotebookClient
os.environ.pop("MPLBACKEND", None)  # the kernel picks the inline backend
each = {}
for path in sys.argv[1:]:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    try:
        NotebookClient(notebook, timeout=1200, kernel_name="python3",
                       resources={"metadata": {"path": os.path.dirname(path)}}
                       ).execute()
    except Exception:  # the error, then which notebook (the end is shown)
        import traceback
        traceback.print_exc()
        print(f"{os.path.basename(path)} failed in {sys.executable}",
              file=sys.stderr)
        sys.exit(1)
    each[os.path.basename(path)] = time.perf_counter() - start
print(json.dumps({"seconds": sum(each.values()), "each": each}))
'''


def official_python():
    """The interpreter of the official d2l's environment, or None."""
    named = os.environ.get("D2L_OFFICIAL_PYTHON")
    if named:
        return named
    candidate = OFFICIAL_VENV / "bin" / "python"
    return str(candidate) if candidate.exists() else None


class ChapterRun:
    """The chapter's notebooks for one implementation, in a scratch folder
    `root`/notebooks (with the airfoil file in `root`/data)."""

    def __init__(self, root, python, import_d2l, sections, pythonpath=None):
        self.python = python
        self.pythonpath = pythonpath
        folder = pathlib.Path(root) / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        data_folder = pathlib.Path(root) / "data"
        data_folder.mkdir(exist_ok=True)
        shutil.copyfile(data.locate(data.AIRFOIL),
                        data_folder / data.AIRFOIL_FILE)
        self.paths = {}
        for name in sections:
            path = folder / f"{name}.ipynb"
            nbformat.write(d2l_sections.notebook(name, import_d2l), path)
            self.paths[name] = str(path)
        # The floor: each section without d2l (a kernel that imports MXNet;
        # minibatch-sgd's matrix products), which no d2l can make faster.
        for name in sections:
            path = folder / f"{FLOOR}{name}.ipynb"
            nbformat.write(d2l_sections.floor_notebook(name), path)
            self.paths[FLOOR + name] = str(path)
        self.runner = pathlib.Path(root) / "run_notebooks.py"
        self.runner.write_text(RUNNER)

    def execute(self, names):
        """Seconds to execute the notebooks `names`, kernel starts included."""
        return self.timings(names)["seconds"]

    def timings(self, names):
        """{"seconds": total, "each": {notebook: seconds}} for `names`."""
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        if self.pythonpath:  # (ours: the gluon_opt that runs the benchmark)
            env["PYTHONPATH"] = self.pythonpath
        done = subprocess.run(
            [self.python, str(self.runner)] + [self.paths[n] for n in names],
            capture_output=True, text=True, env=env, check=False)
        if done.returncode:
            raise RuntimeError(f"{self.python} could not execute {names}: "
                               f"{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


CHAPTER = list(d2l_sections.SECTIONS)
FLOOR = "floor-"  # the floor notebooks' names: FLOOR + section
OFFICIAL_CHAPTER = "official d2l 1.0.3: the ten sections"
OURS_CHAPTER = "gluon_opt.d2l: the ten sections"
OFFICIAL_MINIBATCH = "official d2l 1.0.3: minibatch-sgd"
OURS_MINIBATCH = "gluon_opt.d2l: minibatch-sgd"
OFFICIAL_FLOOR = ("floor of the ten sections in the official's environment "
                  "(no d2l: kernels, MXNet imports, matrix products)")
OURS_FLOOR = ("floor of the ten sections in our environment (no d2l: "
              "kernels, MXNet imports, matrix products)")
OFFICIAL_MINIBATCH_FLOOR = ("floor of minibatch-sgd in the official's "
                            "environment (no d2l)")
OURS_MINIBATCH_FLOOR = "floor of minibatch-sgd in our environment (no d2l)"
FLOOR_NOTE = ("the same cells in both; the section's time above it is what "
              "a d2l package can change")


def book_variants(quick=False):
    """The chapter and minibatch-sgd alone, on each implementation, and the
    floor of each in each environment: the sections' cells that call no d2l.
    In --quick mode only gluon_opt.d2l's gd section runs (a check, in
    seconds)."""
    root = tempfile.mkdtemp(prefix="gluon-opt-d2l-bench-")
    atexit.register(shutil.rmtree, root, True)  # the notebooks are scratch
    ours = ChapterRun(os.path.join(root, "ours"), sys.executable,
                      d2l_sections.OURS_IMPORT, CHAPTER,
                      pythonpath=str(pathlib.Path(__file__).resolve()
                                     .parents[1]))
    python = official_python()
    skip = "" if python else (
        "the official d2l==1.0.3 is not installed: make a venv for it at "
        f"{OFFICIAL_VENV} (see benchmarks/d2l_book.py) or set "
        "D2L_OFFICIAL_PYTHON")
    if quick:
        skip = "not executed with --quick"
    official = None if skip else ChapterRun(
        os.path.join(root, "official"), python, d2l_sections.OFFICIAL_IMPORT,
        CHAPTER)
    if quick:
        return [Variant(OFFICIAL_CHAPTER, None, skip),
                Variant("gluon_opt.d2l: gd", lambda: ours.execute(["gd"]))]
    floor = [FLOOR + name for name in CHAPTER]
    return [
        Variant(OFFICIAL_CHAPTER, official and (
            lambda: official.execute(CHAPTER)), skip),
        Variant(OURS_CHAPTER, lambda: ours.execute(CHAPTER)),
        Variant(OFFICIAL_MINIBATCH, official and (
            lambda: official.execute(["minibatch-sgd"])), skip),
        Variant(OURS_MINIBATCH, lambda: ours.execute(["minibatch-sgd"])),
        Variant(OFFICIAL_FLOOR, official and (
            lambda: official.execute(floor)), skip, FLOOR_NOTE),
        Variant(OURS_FLOOR, lambda: ours.execute(floor), note=FLOOR_NOTE),
        Variant(OFFICIAL_MINIBATCH_FLOOR, official and (
            lambda: official.execute([FLOOR + "minibatch-sgd"])), skip,
            FLOOR_NOTE),
        Variant(OURS_MINIBATCH_FLOOR,
                lambda: ours.execute([FLOOR + "minibatch-sgd"]),
                note=FLOOR_NOTE),
    ]
