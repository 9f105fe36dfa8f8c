"""The installed package is the library and its data: a wheel built from
this checkout holds gluon_opt's modules and data files, and none of the
repository's tooling (benchmarks/, tests/, notebooks/, the utils.py facade
for a clone, docs/).

The wheel is built offline, from the checkout as it is: with `pip wheel
--no-deps --no-build-isolation --no-index` where this interpreter can build
wheels (setuptools >= 70.1, or the `wheel` package), else with setuptools'
`build` command, whose build/lib is what bdist_wheel packs as the wheel's
contents (its .dist-info aside)."""
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

pytestmark = pytest.mark.slow  # builds the package (2-10 s)

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = "gluon_opt"
DATA = ["datasets/airfoil_self_noise.dat",
        "datasets/mnist/t10k-images-idx3-ubyte.gz",
        "datasets/mnist/t10k-labels-idx1-ubyte.gz"]


def can_build_wheels():
    setuptools = importlib.util.find_spec("setuptools")
    if setuptools is None:
        return False
    import setuptools as module
    version = tuple(int(part) for part in module.__version__.split(".")[:2])
    return version >= (70, 1) or importlib.util.find_spec("wheel") is not None


def wheel_files(tmp_path):
    """The files of a wheel of this checkout, relative to the wheel's root,
    its .dist-info folder left out."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed in this environment: "
                    "nothing here can build a wheel offline")
    if can_build_wheels():
        # pip builds in the source tree (build/, *.egg-info): build a copy
        source = tmp_path / "source"
        shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__",
            ".pytest_cache", ".hypothesis"))
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps",
             "--no-build-isolation", "--no-index", "-q", "-w",
             str(tmp_path / "dist"), str(source)],
            capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        [wheel] = (tmp_path / "dist").glob("gluon_opt-*.whl")
        names = zipfile.ZipFile(wheel).namelist()
    else:
        done = subprocess.run(
            [sys.executable, "setup.py", "-q", "build", "--build-base",
             str(tmp_path / "build")],
            capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert done.returncode == 0, done.stderr[-3000:]
        lib = tmp_path / "build" / "lib"
        names = [path.relative_to(lib).as_posix()
                 for path in lib.rglob("*") if path.is_file()]
    return sorted(name for name in names
                  if ".dist-info/" not in name and not name.endswith("/"))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return wheel_files(tmp_path_factory.mktemp("wheel"))


def test_the_wheel_holds_every_module_and_data_file_of_the_library(files):
    modules = sorted(path.relative_to(ROOT).as_posix()
                     for path in (ROOT / PACKAGE).rglob("*.py"))
    assert f"{PACKAGE}/d2l.py" in modules
    assert set(modules) <= set(files)
    assert {f"{PACKAGE}/{name}" for name in DATA} <= set(files)


def test_the_wheel_holds_nothing_but_the_library(files):
    """Everything is under gluon_opt/ and is a module or a shipped data
    file. The one exception allowed: a .pth file at the wheel's root whose
    name starts with the package's name (the compatibility layer's one line
    for site-packages, docs/architecture.md)."""
    outside = [name for name in files if not name.startswith(PACKAGE + "/")
               and not (name.startswith(PACKAGE) and "/" not in name
                        and name.endswith(".pth"))]
    assert outside == []
    inside = [name for name in files if name.startswith(PACKAGE + "/")]
    others = [name for name in inside if not name.endswith(".py")
              and name[len(PACKAGE) + 1:] not in DATA]
    assert others == []
    tooling = ("benchmarks", "tests", "notebooks", "docs", "utils.py")
    assert not [name for name in files if name.split("/")[0] in tooling]
    assert not [name for name in files if "/bench/" in name]
