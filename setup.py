"""gluon-opt: the companion package for the optimization chapter of the Gluon book."""
import re

from setuptools import find_packages, setup

# One version, in the package (read as text: importing it would need MXNet).
VERSION = re.search(r'^__version__ = "([^"]+)"',
                    open("gluon_opt/__init__.py", encoding="utf-8").read(),
                    re.MULTILINE).group(1)

# MXNet 1.9.1 is the last MXNet release. It runs on Python 3.11 only with
# numpy < 1.24; matplotlib or jupyter left unpinned pull numpy 2 and
# contourpy >= 1.3 (which needs numpy >= 1.25) and break it. These pins resolve
# together and are the set the tests run on.
INSTALL_REQUIRES = [
    "mxnet==1.9.1",
    "numpy>=1.23,<1.24",
    "matplotlib>=3.8,<3.9",
    "contourpy>=1.0.1,<1.3",
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
    # MXNet 1.9.1 with numpy < 1.24 is tested on Python 3.11 only; pip refuses
    # to install on another Python rather than fail later at import.
    python_requires=">=3.11,<3.12",
    install_requires=INSTALL_REQUIRES,
    extras_require={"test": TEST_REQUIRES, "notebooks": NOTEBOOK_REQUIRES},
    entry_points={"console_scripts": ["gluon-opt = gluon_opt.cli:main"]},
    license="Apache-2.0",
    classifiers=[
        "Programming Language :: Python :: 3.11",
        "Intended Audience :: Education",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
    ],
)
