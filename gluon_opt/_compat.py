"""MXNet 1.9.1 on the NumPy and Python of CPython 3.12 and 3.13.

MXNet 1.9.1 is the last MXNet release. It reads names that NumPy 1.24 and 2.0
and Python 3.12 removed, and on NumPy 2 it hands operator arguments to C++ in
a text that its parser refuses. This module puts back, when `mxnet` is first
imported, only what is missing, and nothing at all on 3.10/3.11 with NumPy
1.23 (where MXNet imports unaided).

How it comes to be active in every process (notebook kernels, the servers and
workers of `gluon-opt launch`, subprocesses, `python -I`): `pip install` puts
`gluon_opt-compat.pth` into site-packages, and its one line loads this file
(without importing `gluon_opt`, which would import MXNet) and calls
`install()`. That puts a finder first on `sys.meta_path` and imports nothing;
the finder acts on the first `import mxnet` and then leaves. `python -S` reads
no .pth, so there the layer is off.

Switch: `GLUON_OPT_COMPAT=0` in the environment turns it off.

To remove it, the day MXNet imports unaided on every supported Python: delete
this file, `gluon_opt-compat.pth`, the `cmdclass` in setup.py and
tests/test_compat.py. Each patch below names the MXNet line it serves and
what removed the name, so a patch can also go alone.
"""
import os
import sys

SWITCH = "GLUON_OPT_COMPAT"

# What this process got from the layer, e.g. "numpy.NINF" (empty where
# nothing was missing).
added = []


def _financial_function(name):
    """NumPy 1.20 to 1.24 kept each removed financial function as a stub that
    raised when called; MXNet's fallback module only reads the name."""
    def removed(*args, **kwargs):
        raise RuntimeError(f"numpy.{name} was removed from NumPy 1.20 "
                           "(NEP 32); use the numpy_financial package")
    removed.__name__ = name
    return removed


def _numpy_names(np):
    """name -> (value, what removed it, the MXNet 1.9.1 line that reads it).
    The values are what the names meant in NumPy 1.23."""
    def msort(a):
        return np.sort(a, axis=0)

    def in1d(ar1, ar2, assume_unique=False, invert=False):
        return np.isin(np.asarray(ar1).ravel(), ar2,
                       assume_unique=assume_unique, invert=invert)

    names = {
        "bool": (bool, "NumPy 1.24", "mxnet/numpy/utils.py:37 (and "
                 "numpy/multiarray.py, ndarray/numpy/_op.py, "
                 "symbol/numpy/_symbol.py in functions)"),
        "int": (int, "NumPy 1.24", "mxnet/test_utils.py:2319"),
        "PZERO": (0.0, "NumPy 2.0", "mxnet/numpy/utils.py:42"),
        "NZERO": (-0.0, "NumPy 2.0", "mxnet/numpy/utils.py:43"),
        "NINF": (-float("inf"), "NumPy 2.0", "mxnet/numpy/utils.py:44"),
        "PINF": (float("inf"), "NumPy 2.0", "mxnet/numpy/utils.py:45"),
        "NAN": (float("nan"), "NumPy 2.0", "mxnet/numpy/utils.py:47"),
        "NaN": (float("nan"), "NumPy 2.0", "mxnet/numpy/utils.py:48"),
        "Inf": (float("inf"), "NumPy 2.0",
                "mxnet/gluon/contrib/estimator/event_handler.py:248"),
        "alltrue": (np.all, "NumPy 2.0", "mxnet/numpy/fallback.py:111"),
        "in1d": (in1d, "NumPy 2.0 (deprecated)",
                 "mxnet/numpy/fallback.py:135"),
        "msort": (msort, "NumPy 2.0", "mxnet/numpy/fallback.py:145"),
        "trapz": (getattr(np, "trapezoid", None), "NumPy 2.0 (deprecated)",
                  "mxnet/numpy/fallback.py:190"),
        "sometrue": (np.any, "NumPy 2.0",
                     "mxnet/numpy_dispatch_protocol.py:87"),
        "round_": (np.round, "NumPy 2.0",
                   "mxnet/numpy_dispatch_protocol.py:92"),
        "product": (np.prod, "NumPy 2.0",
                    "mxnet/numpy_dispatch_protocol.py:124"),
    }
    for name, line in [("mirr", 143), ("npv", 160), ("pmt", 164),
                       ("ppmt", 173), ("pv", 176), ("rate", 177)]:
        names[name] = (_financial_function(name), "NumPy 1.20 (NEP 32)",
                       f"mxnet/numpy/fallback.py:{line}")
    return names


def _missing(module, name):
    """True when `module.name` raises AttributeError. NumPy 1.23 answers a
    deprecated name with a warning, which is not missing (and must not be
    raised here, even under -W error)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            getattr(module, name)
        except AttributeError:
            return True
    return False


def restore_numpy_names():
    """Adds the NumPy names MXNet reads that this NumPy lacks."""
    import types

    import numpy as np
    for name, (value, _, _) in _numpy_names(np).items():
        if value is not None and _missing(np, name):
            setattr(np, name, value)
            added.append(f"numpy.{name}")
    # numpy.compat (removed in NumPy 2.0): np.pad's mode check,
    # mxnet/ndarray/numpy/_op.py:7563 and symbol/numpy/_symbol.py:6671.
    if _missing(np, "compat"):
        np.compat = types.SimpleNamespace()
        added.append("numpy.compat")
    if _missing(np.compat, "basestring"):
        np.compat.basestring = str
        added.append("numpy.compat.basestring")


class _Version:
    """distutils' LooseVersion/StrictVersion as MXNet uses them: comparing
    NumPy's version with '1.6.0', '1.15' and '1.17' by their numbers."""

    def __init__(self, text):
        import re
        self.text = text
        self.numbers = tuple(int(part) for part in
                             re.match(r"[\d.]*\d", text).group().split("."))

    def __repr__(self):
        return f"{type(self).__name__}({self.text!r})"

    def _other(self, other):
        if not isinstance(other, _Version):
            other = _Version(other)
        return other.numbers

    def __eq__(self, other):
        return self.numbers == self._other(other)

    def __lt__(self, other):
        return self.numbers < self._other(other)

    def __le__(self, other):
        return self.numbers <= self._other(other)

    def __gt__(self, other):
        return self.numbers > self._other(other)

    def __ge__(self, other):
        return self.numbers >= self._other(other)


class _DistutilsVersion:
    """Python 3.12 removed distutils (PEP 632); a venv without setuptools has
    none. MXNet imports `distutils.version` at mxnet/numpy_op_fallback.py:20
    (StrictVersion) and in two functions of numpy_dispatch_protocol.py:47, 67
    (LooseVersion). Last on sys.meta_path, this finder answers only when no
    one else has a distutils: then `distutils.version` holds those two
    names."""

    def find_spec(self, name, path=None, target=None):
        if name not in ("distutils", "distutils.version"):
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(
            name, self, is_package=name == "distutils")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        if module.__name__ == "distutils.version":
            module.LooseVersion = type("LooseVersion", (_Version,), {})
            module.StrictVersion = type("StrictVersion", (_Version,), {})
        added.append(module.__name__)


def restore_distutils_version():
    """Adds `distutils.version` where this Python has no distutils."""
    if sys.version_info < (3, 12):
        return
    import importlib.util
    if importlib.util.find_spec("distutils") is None:
        sys.meta_path.append(_DistutilsVersion())


# NumPy 2 prints scalars as np.int64(3), np.float32(0.5), np.True_ (NEP 51).
# (A pattern, compiled by re on first use: nothing at interpreter start.)
_NUMPY2_SCALAR = (
    r"\bnp\.(?:(?:u?int|float|complex)\d*|u?intp|u?intc|half|single|double|"
    r"u?longlong|u?short|u?byte)\(([^()]*)\)|\bnp\.(True|False)_")


def numpy1_text(text):
    """`text` with NumPy 2's scalar reprs written as NumPy 1 wrote them:
    '(2, np.int64(3))' -> '(2, 3)', 'np.True_' -> 'True'."""
    if "np." not in text:
        return text
    import re
    return re.sub(_NUMPY2_SCALAR,
                  lambda match: match.group(1) or match.group(2), text)


def write_numpy1_scalars(base):
    """MXNet passes every operator argument to C++ as str(value)
    (mxnet/_ctypes/ndarray.py:90, _ctypes/symbol.py:100 and 131,
    symbol/symbol.py:676, kvstore/base.py:71), through c_str and c_str_array
    of mxnet/base.py:385 and 406. Under NumPy 2 a tuple holding a NumPy
    integer prints as '(2, np.int64(3))', which MXNet's parser refuses
    (nd.zeros, reshape, transpose, Dense(np.int64(3)), mx.init.Orthogonal).
    Wraps both to write the NumPy 1 text. Called right after mxnet.base runs,
    before any module of MXNet imports the two names from it."""
    c_str, c_str_array = base.c_str, base.c_str_array

    def c_str_numpy1(string):
        return c_str(numpy1_text(string))

    def c_str_array_numpy1(strings):
        # Called twice per operator (names, values): one C-level join and
        # search when no value needs rewriting, which is nearly always.
        try:
            plain = "np." not in "\0".join(strings)
        except TypeError:  # not all str: MXNet's own error, as before
            plain = False
        if plain:
            return c_str_array(strings)
        return c_str_array([numpy1_text(string) for string in strings])

    c_str_numpy1.__doc__, c_str_array_numpy1.__doc__ = (c_str.__doc__,
                                                        c_str_array.__doc__)
    base.c_str, base.c_str_array = c_str_numpy1, c_str_array_numpy1
    added.append("mxnet.base.c_str (NumPy 1 text)")


class _ThenWriteNumpy1Scalars:
    """The loader of mxnet.base, followed by write_numpy1_scalars."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        write_numpy1_scalars(module)

    def __getattr__(self, name):
        return getattr(self.loader, name)


class _WaitForMXNet:
    """First on sys.meta_path from interpreter start; finds nothing itself.
    On `import mxnet` it restores NumPy's and distutils' names; on
    `mxnet.base` (which the other MXNet modules import c_str from) it wraps
    the loader when NumPy is 2 or later, and leaves sys.meta_path."""

    def find_spec(self, name, path=None, target=None):
        if name == "mxnet":
            restore_numpy_names()
            restore_distutils_version()
        elif name == "mxnet.base":
            sys.meta_path.remove(self)
            import importlib.machinery

            import numpy as np
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is not None and int(np.__version__.split(".")[0]) >= 2:
                spec.loader = _ThenWriteNumpy1Scalars(spec.loader)
            return spec
        return None


def install():
    """Called by gluon_opt-compat.pth at interpreter start. Imports nothing;
    does nothing when the switch is 0 or MXNet is already imported."""
    if os.environ.get(SWITCH) == "0" or "mxnet" in sys.modules:
        return
    if not any(type(finder).__name__ == "_WaitForMXNet"
               for finder in sys.meta_path):
        sys.meta_path.insert(0, _WaitForMXNet())


def missing_mxnet_message():
    """What gluon_opt says when MXNet is not installed (None when it is). On
    3.13 pip cannot install MXNet as a requirement of ours (its metadata says
    numpy<2), so a reader who skipped the Quick start's step lands here."""
    import importlib.util
    if importlib.util.find_spec("mxnet") is not None:
        return None
    return ("gluon-opt needs MXNet 1.9.1, which is not installed: run "
            "`pip install --no-deps mxnet==1.9.1` (on Python 3.13 pip refuses "
            "it with its dependencies, since its metadata still says "
            "numpy<2; the README's Quick start does this step)")


def unsupported_python_message(version_info=sys.version_info):
    """What gluon_opt says on import on a Python it is not tested on (None on
    3.10 to 3.13)."""
    if version_info[:2] <= (3, 13):
        return None
    return (f"gluon-opt is tested on CPython 3.10 to 3.13; Python "
            f"{version_info[0]}.{version_info[1]} is not supported yet: "
            "MXNet 1.9.1, numpy and matplotlib may not install or import "
            "there, and no test has run on it. Use Python 3.13 or older.")
