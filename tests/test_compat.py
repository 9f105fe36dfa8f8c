"""The compatibility layer (gluon_opt/_compat.py and gluon_opt-compat.pth):
MXNet 1.9.1 imports and runs on each supported Python's NumPy, the layer adds
only what is missing (nothing on NumPy 1.23), and GLUON_OPT_COMPAT=0 turns
it off."""
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import types

import mxnet as mx
import numpy as np
import pytest
from mxnet import gluon, nd

from gluon_opt import _compat

ROOT = pathlib.Path(__file__).resolve().parents[1]
PTH = ROOT / "gluon_opt-compat.pth"
NUMPY = tuple(int(part) for part in np.__version__.split(".")[:2])

# Runs the .pth's line as site.py does at start-up, then imports mxnet, and
# prints what the layer did and what numpy and sys.modules hold.
PROBE = """
import json, sys
# As a fresh start where only this line ran (site may have run it already).
sys.meta_path[:] = [f for f in sys.meta_path
                    if type(f).__name__ != "_WaitForMXNet"]
sys.modules.pop("gluon_opt._compat", None)
sys.path.insert(0, {root!r})
exec({line!r})
waiting = [type(f).__name__ for f in sys.meta_path
           if type(f).__name__ == "_WaitForMXNet"]
try:
    import mxnet
    error = None
except Exception as exc:
    error = f"{{type(exc).__name__}}: {{exc}}"
import numpy
compat = sys.modules.get("gluon_opt._compat")
print(json.dumps({{
    "waiting": waiting,
    "error": error,
    "added": compat.added if compat else None,
    "numpy": sorted(vars(numpy)),
    "modules": sorted(name for name in sys.modules
                      if not name.startswith("gluon_opt")),
    "c_str": getattr(getattr(mxnet, "base", None), "c_str",
                     None).__module__ if error is None else None,
    "left_waiting": any(type(f).__name__ == "_WaitForMXNet"
                        for f in sys.meta_path),
}}))
"""


def probe(switch=None):
    """What a fresh `python -I` gets, with the layer's .pth line run as at
    start-up (GLUON_OPT_COMPAT=`switch` when given)."""
    line = [text for text in PTH.read_text().splitlines()
            if text.startswith("import")]
    assert len(line) == 1, "the .pth holds one line of code"
    env = {key: value for key, value in os.environ.items()
           if key != _compat.SWITCH}
    if switch is not None:
        env[_compat.SWITCH] = switch
    done = subprocess.run(
        [sys.executable, "-I", "-c", PROBE.format(root=str(ROOT),
                                                  line=line[0])],
        env=env, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_layer_waits_for_mxnet_then_leaves_and_mxnet_imports():
    run = probe()
    assert run["waiting"] == ["_WaitForMXNet"]
    assert run["error"] is None
    assert not run["left_waiting"]


def test_switched_off_it_never_waits_for_mxnet():
    run = probe("0")
    assert run["waiting"] == [] and run["added"] in (None, [])
    if NUMPY >= (1, 24):  # then MXNet cannot import unaided
        # NumPy's AttributeError for the first name MXNet misses
        assert (run["error"] or "").startswith("AttributeError")
    else:
        assert run["error"] is None


@pytest.mark.skipif(NUMPY >= (1, 24), reason="MXNet imports unaided only "
                    "with NumPy 1.23 (3.10, 3.11)")
def test_on_numpy_1_23_the_layer_changes_nothing():
    on, off = probe(), probe("0")
    assert on["added"] == []
    assert on["numpy"] == off["numpy"]
    assert on["modules"] == off["modules"]
    assert on["c_str"] == "mxnet.base"


@pytest.mark.skipif(NUMPY < (1, 24), reason="NumPy 1.23 lacks nothing")
def test_on_later_numpy_it_adds_only_what_was_missing():
    on, off = probe(), probe("0")
    added = {name.split(".", 1)[1] for name in on["added"]
             if name.startswith("numpy.") and name.count(".") == 1}
    # Each was missing where the layer was off, and is there where it is on.
    assert added and not added & set(off["numpy"])
    assert added <= set(on["numpy"])
    wrapped = "mxnet.base.c_str (NumPy 1 text)" in on["added"]
    assert wrapped == (NUMPY >= (2, 0))


def test_every_numpy_name_mxnet_reads_is_there_once_mxnet_is_imported():
    for name in _compat._numpy_names(np):
        assert not _compat._missing(np, name), f"numpy.{name}"
    assert np.compat.basestring is str


def test_the_restored_names_mean_what_numpy_1_23_meant():
    names = {name: value for name, (value, _, _) in
             _compat._numpy_names(np).items()}
    rows = np.array([[3, 1], [2, 4]])
    assert (names["msort"](rows) == [[2, 1], [3, 4]]).all()
    assert list(names["in1d"]([[1, 2], [3, 4]], [2, 3])) == [False, True,
                                                             True, False]
    assert names["NINF"] == -np.inf and np.signbit(names["NZERO"])
    assert names["alltrue"]([True, False]) == False  # noqa: E712
    with pytest.raises(RuntimeError, match="numpy_financial"):
        names["npv"](0.1, [1, 2])


@pytest.mark.parametrize("text,numpy1", [
    ("(2, np.int64(3))", "(2, 3)"),
    ("(np.int32(1), np.uint8(0))", "(1, 0)"),
    ("np.float32(0.5)", "0.5"),
    ("np.True_", "True"),
    ("[np.float64(nan), np.False_]", "[nan, False]"),
    ("(2, 3)", "(2, 3)"),
    ("cnp.int64(3)", "cnp.int64(3)"),  # not NumPy's name
])
def test_numpy1_text_writes_numpy2_scalars_as_numpy1_did(text, numpy1):
    assert _compat.numpy1_text(text) == numpy1


def test_the_numpy1_wrapper_hands_plain_arguments_on_untouched(monkeypatch):
    monkeypatch.setattr(_compat, "added", [])
    received = []
    base = types.SimpleNamespace(
        c_str=lambda string: string,
        c_str_array=lambda strings: received.append(strings) or len(received))
    _compat.write_numpy1_scalars(base)
    plain = ["lr", "0.1", "(2, 3)"]
    base.c_str_array(plain)
    assert received[-1] is plain  # the same list: nothing rewritten, no copy
    base.c_str_array(("shape", "(2, np.int64(3))"))
    assert received[-1] == ["shape", "(2, 3)"]
    assert base.c_str("np.float32(0.5)") == "0.5"
    with pytest.raises(TypeError):  # not text: refused, as before
        base.c_str_array(["lr", b"0.1"])


def test_mxnet_takes_numpy_integers_in_its_arguments():
    # Under NumPy 2 these reach MXNet's parser as 'np.int64(3)' unless the
    # layer writes them as NumPy 1 did.
    three = np.int64(3)
    assert nd.zeros((2, three)).shape == (2, 3)
    assert nd.ones((2, 3)).reshape((three, 2)).shape == (3, 2)
    assert nd.ones((2, 3)).transpose(axes=(np.int64(1), 0)).shape == (3, 2)
    net = gluon.nn.Dense(three, in_units=np.int64(4))
    net.initialize(mx.init.Orthogonal())
    assert net(nd.ones((1, 4))).shape == (1, 3)


def test_distutils_version_as_mxnet_compares_numpys_version():
    finder = _compat._DistutilsVersion()
    spec = finder.find_spec("distutils.version")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.StrictVersion("1.26.4") >= module.StrictVersion("1.6.0")
    assert module.LooseVersion("2.2.6") >= module.LooseVersion("1.17")
    assert module.LooseVersion("1.9") < "1.15"
    assert finder.find_spec("distutils.core") is None


def test_without_mxnet_the_import_says_how_to_install_it(monkeypatch):
    assert _compat.missing_mxnet_message() is None  # it is installed here
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: (
        None if name == "mxnet" else real_find_spec(name, *args)))
    message = _compat.missing_mxnet_message()
    assert "pip install --no-deps mxnet==1.9.1" in message


def test_a_later_python_is_told_it_is_not_supported_yet():
    for minor in (10, 11, 12, 13):
        assert _compat.unsupported_python_message((3, minor, 0)) is None
    message = _compat.unsupported_python_message((3, 14, 0))
    assert "3.14 is not supported yet" in message and "3.13" in message


def test_an_install_from_this_checkout_waits_for_mxnet_in_every_process():
    # A fresh interpreter that ignores PYTHONPATH and the current folder
    # finds gluon_opt only where pip installed it (-e: this checkout).
    found = subprocess.run(
        [sys.executable, "-I", "-c", "import importlib.util, sys; "
         "spec = importlib.util.find_spec('gluon_opt'); "
         "print(spec.origin if spec else ''); "
         "print([type(f).__name__ for f in sys.meta_path])"],
        capture_output=True, text=True, check=True, cwd="/").stdout
    origin, finders = found.splitlines()
    if not origin.startswith(str(ROOT)):
        pytest.skip("gluon-opt is not installed from this checkout here "
                    "(e.g. the tests run with PYTHONPATH)")
    assert "_WaitForMXNet" in finders


@pytest.mark.parametrize("value,text", [
    (np.complex128(1 + 1j), "(1+1j)"),
    (np.float64(0.5), "0.5"),
    (np.float32(0.1), "0.1"),
    (np.int64(3), "3"),
    (np.True_, "True"),
    ("0.5", "'0.5'"),
])
def test_messages_show_numpy_scalars_as_numpy_1_did(value, text):
    # NumPy 2 writes repr(np.float64(0.5)) as 'np.float64(0.5)'; our error
    # messages read as they did on 3.11.
    from gluon_opt import _checks
    assert _checks.shown(value) == text
