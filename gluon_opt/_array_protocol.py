"""MXNet arrays as NumPy sees them: `__array__` for `mx.nd.NDArray` and
`mx.np.ndarray` while gluon_opt is imported.

Why: the current book hands MXNet arrays straight to matplotlib (d2l-zh 2.0's
`show_trace_2d` passes `d2l.meshgrid` arrays to `plt.contour`; `d2l.plot`
and `plt.plot` get `d2l.arange` arrays). matplotlib reads its inputs with
`numpy.asarray`, and MXNet 1.9.1 gives its arrays no `__array__`
(mxnet/ndarray/ndarray.py, class NDArray; mxnet/numpy/multiarray.py, class
ndarray, its subclass). So NumPy 1.23 builds an object array of one-element
MXNet arrays, which matplotlib 3.8 refuses ("ufunc 'isfinite' not
supported"), and NumPy >= 1.24 raises outright. The matplotlib the book was
written with read such arrays element by element.

What: `__array__` returns `asnumpy()`, one copy to the host (it waits for
the value), in the dtype asked for. Nothing else changes: arithmetic between
NumPy and MXNet arrays still goes to MXNet (`__array_priority__`,
`__array_ufunc__`), and `mx.np.array(x)` still copies on the device.

`install()` runs when gluon_opt is imported (gluon_opt/__init__.py); it only
adds the method where MXNet has none (a later MXNet that defines its own is
left alone), and `uninstall()` takes back exactly what it added.
"""
from mxnet.ndarray import NDArray


def _numpy_copy(self, dtype=None, copy=None):
    """The array as a NumPy array on the host (NumPy's `__array__`).

    `copy` is NumPy 2's keyword; the result is always a new host array.
    """
    host = self.asnumpy()
    return host if dtype is None else host.astype(dtype, copy=False)


def installed():
    """Whether NDArray (and so mx.np.ndarray) has gluon_opt's __array__."""
    return NDArray.__dict__.get("__array__") is _numpy_copy


def install():
    """Give NDArray an __array__ unless MXNet already has one. Returns
    whether NumPy can now convert MXNet arrays."""
    if getattr(NDArray, "__array__", None) is None:
        NDArray.__array__ = _numpy_copy
    return getattr(NDArray, "__array__", None) is not None


def uninstall():
    """Remove the __array__ that install() added (nothing else)."""
    if installed():
        del NDArray.__array__
