"""gluon-opt: the companion package for the optimization chapter of the Gluon book."""
import os
import re

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.develop import develop

# The compatibility layer's one line for site-packages (docs/architecture.md).
COMPAT_PTH = "gluon_opt-compat.pth"

# One version, in the package (read as text: importing it would need MXNet).
VERSION = re.search(r'^__version__ = "([^"]+)"',
                    open("gluon_opt/__init__.py", encoding="utf-8").read(),
                    re.MULTILINE).group(1)

# MXNet 1.9.1 is the last MXNet release, and each Python needs its own numpy:
# numpy 1.23 is the last MXNet imports unaided (3.10, 3.11); numpy 1.26 is the
# first with wheels for 3.12; numpy 2 is the only one with wheels for 3.13.
# The compatibility layer (gluon_opt/_compat.py) restores what 1.24+ and 2.x
# removed. matplotlib 3.8 has no wheels for 3.13 (3.9.2 is the first), nor
# has contourpy 1.2 (1.3 is the first; its later releases need numpy >= 1.25,
# so 3.10 to 3.12 keep 1.2). Each line is the set the tests run on for that
# Python.
#
# On 3.13, MXNet's own metadata still says numpy < 2, so pip would refuse the
# whole set: there mxnet is not a requirement of ours, and the README's Quick
# start installs it with `pip install --no-deps mxnet==MXNET` after us (its
# two real requirements, requests and graphviz < 0.9, are listed here).
MXNET = "1.9.1"
INSTALL_REQUIRES = [
    f"mxnet=={MXNET}; python_version < '3.13'",
    "requests>=2.20,<3; python_version >= '3.13'",
    "graphviz>=0.8.1,<0.9; python_version >= '3.13'",
    "numpy>=1.23,<1.24; python_version < '3.12'",
    "numpy>=1.26,<1.27; python_version == '3.12'",
    "numpy>=2.2,<2.3; python_version >= '3.13'",
    "matplotlib>=3.8,<3.9; python_version < '3.13'",
    "matplotlib>=3.9.2,<3.10; python_version >= '3.13'",
    "contourpy>=1.0.1,<1.3; python_version < '3.13'",
    "contourpy>=1.3,<1.4; python_version >= '3.13'",
    "matplotlib-inline>=0.1.6",
]

NOTEBOOK_REQUIRES = [
    "ipykernel>=6.0",
    "nbclient>=0.7",
    "nbformat>=5.7",
    "jupyterlab>=4.0",
    # gluon_opt.explore's sliders (ipywidgets 8 brings jupyterlab_widgets,
    # JupyterLab's side of them).
    "ipywidgets>=8.0",
]

TEST_REQUIRES = [
    "pytest>=7",
    # The README's test command runs the suite on every core (-n auto): most
    # of its time is notebooks, each in its own kernel.
    "pytest-xdist>=3",
    "hypothesis>=6",
    "ipykernel>=6.0",
    "nbclient>=0.7",
    "nbformat>=5.7",
    # tests/test_explore.py drives the explorers' widgets; the browser test
    # (tests/test_explore_browser.py) serves them with a real JupyterLab and
    # loads the page in Debian's headless chromium through Selenium (the
    # browser itself: .ci/browser, or apt-get install chromium chromium-driver).
    "ipywidgets>=8.0",
    "jupyterlab>=4.0",
    "selenium>=4.11",
]


class BuildWithCompatPth(build_py):
    """Puts COMPAT_PTH at the root of the wheel, i.e. into site-packages, for
    `pip install` and `pip install -e` alike: its one line lets the
    compatibility layer wait for the first `import mxnet` in every process
    of the environment."""

    def run(self):
        super().run()
        self.copy_file(COMPAT_PTH,
                       os.path.join(self._wheel_root(), COMPAT_PTH))

    def _wheel_root(self):
        # `pip install -e` leaves build_lib out of its wheel and writes what
        # it installs as is into the install command's folder instead.
        if getattr(self, "editable_mode", False):
            return self.get_finalized_command("install").install_lib
        return self.build_lib

    def get_outputs(self, *args, **kwargs):
        outputs = super().get_outputs(*args, **kwargs)
        if getattr(self, "editable_mode", False):
            return outputs
        return outputs + [os.path.join(self.build_lib, COMPAT_PTH)]


class DevelopWithCompatPth(develop):
    """The same for `pip install -e` by an older pip (22, 23: Ubuntu 22.04's
    and Python 3.10's), which runs `setup.py develop` for a project without
    pyproject.toml."""

    def run(self):
        super().run()
        if not self.uninstall:
            self.copy_file(COMPAT_PTH, os.path.join(self.install_dir,
                                                    COMPAT_PTH))


setup(
    name="gluon-opt",
    version=VERSION,
    description="Optimization algorithms for MXNet Gluon: the book's chapter, "
                "from scratch, proven equal to MXNet's own.",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    packages=find_packages(include=["gluon_opt", "gluon_opt.*"]),
    # The small data sets ship inside the package (verified by sha1 on load):
    # the airfoil table and the real MNIST test split.
    package_data={"gluon_opt": ["datasets/*.dat", "datasets/mnist/*.gz"]},
    # CPython 3.10 to 3.13 are tested; on 3.14 and later the package installs
    # and says at import that the Python is not supported yet.
    python_requires=">=3.10",
    install_requires=INSTALL_REQUIRES,
    extras_require={"test": TEST_REQUIRES, "notebooks": NOTEBOOK_REQUIRES},
    entry_points={"console_scripts": ["gluon-opt = gluon_opt.cli:main"]},
    cmdclass={"build_py": BuildWithCompatPth,
              "develop": DevelopWithCompatPth},
    license="Apache-2.0",
    classifiers=[
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Intended Audience :: Education",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
    ],
)
