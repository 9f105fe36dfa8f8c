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
