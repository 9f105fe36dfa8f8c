"""Plots: the book's small figures, inline in Jupyter and headless elsewhere.

No display is needed: without one matplotlib picks its Agg backend, and in a
Jupyter kernel ipykernel selects matplotlib_inline. Nothing here touches
`IPython.display.set_matplotlib_formats`, which IPython 8 removed.
"""
import math

import matplotlib
import numpy as np
from matplotlib import pyplot as plt

from . import _checks

DEFAULT_FIGSIZE = (3.5, 2.5)


def _inline_backend():
    return "inline" in matplotlib.get_backend()


def use_svg_display():
    """Draw inline figures as SVG in Jupyter; no effect elsewhere."""
    if _inline_backend():
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats("svg")


# Every figure inline in Jupyter is SVG, also those drawn before any
# set_figsize (the chapter's show_trace_2d calls plt.figure directly).
use_svg_display()


def set_figsize(figsize=DEFAULT_FIGSIZE):
    """Set the size of the figures that follow (the book's 3.5 x 2.5 inches)."""
    set_fig_size(matplotlib, figsize)


def set_fig_size(mpl, figsize=DEFAULT_FIGSIZE):
    """The 2018 book's name: set `mpl`'s default figure size (and SVG inline)."""
    check_figsize(figsize)
    if not hasattr(mpl, "rcParams"):
        raise TypeError(f"mpl must be the matplotlib module (import "
                        f"matplotlib as mpl), got {type(mpl).__name__}")
    use_svg_display()
    mpl.rcParams["figure.figsize"] = figsize


def check_figsize(figsize):
    """(width, height) in inches, two positive numbers."""
    try:
        if not isinstance(figsize, (tuple, list)):
            raise TypeError
        width, height = figsize
        ok = all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                 and np.isfinite(v) and v > 0 for v in (width, height))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise TypeError(f"figsize must be (width, height) in inches, two "
                        f"positive numbers such as (3.5, 2.5), got {figsize!r}")
    return figsize


def show(fig):
    """Show `fig` where there is somewhere to show it; return it either way.

    Inline in Jupyter the figure is drawn and closed, as plt.show() does there.
    Headless (Agg) it stays open, so the caller can save it.
    """
    if _inline_backend():
        plt.show()
    return fig


def as_floats(values, name):
    """A 1-D float array from what the book's code passes as plot values.

    Accepted: a list (or tuple, range) of Python numbers, 0-d or shape-(1,)
    NumPy arrays and shape-(1,) NDArrays, in any mixture (the 2018 chapters
    log `loss.mean().asnumpy()`, a shape-(1,) array, per point); or one 1-D
    NumPy array or NDArray. Anything else raises TypeError naming `name`.
    """
    if getattr(values, "ndim", None) == 0:
        raise TypeError(f"{name} must be a list or a 1-D array, got a single "
                        f"value (an array of shape ())")
    if hasattr(values, "asnumpy"):  # an NDArray (legacy or NumPy mode)
        values = values.asnumpy()
    if isinstance(values, np.ndarray):
        if values.ndim > 1 and values.size != values.shape[0]:
            raise TypeError(f"{name} must be 1-D, got an array of shape "
                            f"{values.shape}")
        if not (np.issubdtype(values.dtype, np.integer)
                or np.issubdtype(values.dtype, np.floating)):
            raise TypeError(f"{name} must hold numbers, got an array of "
                            f"dtype {values.dtype}")
        return values.astype(float).reshape(-1)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a list of numbers (or of one-element "
                        f"arrays), got {type(values).__name__}")
    floats = []
    for i, value in enumerate(values):
        if hasattr(value, "asnumpy") and value.ndim == 0:  # asnumpy fails
            raise TypeError(f"{name}[{i}] must be a number or a one-element "
                            f"array, got an NDArray of shape ()")
        if hasattr(value, "asnumpy"):
            value = value.asnumpy()
        try:
            with _checks.real_numbers_only():
                array = np.asarray(value, dtype=float)
        except _checks.ComplexWarning:
            raise TypeError(f"{name}[{i}] must be a real number, got "
                            f"{_checks.shown(value)}") from None
        except (TypeError, ValueError):
            raise TypeError(f"{name}[{i}] must be a number or a one-element "
                            f"array, got {value!r}") from None
        if array.size != 1:
            raise TypeError(f"{name}[{i}] must be a number or a one-element "
                            f"array, got shape {array.shape}")
        floats.append(array.item())
    return np.array(floats, dtype=float)


def xy_values(x_vals, y_vals, x_name="x_vals", y_name="y_vals"):
    """x and y as float arrays of one length (ValueError naming both)."""
    x_vals, y_vals = as_floats(x_vals, x_name), as_floats(y_vals, y_name)
    if len(x_vals) != len(y_vals):
        raise ValueError(f"{x_name} and {y_name} must have the same length, "
                         f"got {len(x_vals)} and {len(y_vals)}")
    return x_vals, y_vals


# Beyond this magnitude matplotlib's axis margins overflow. On a linear axis
# that happens near 1.8e308 ("Axis limits cannot be NaN or Inf"); on a log
# axis, whose margins are 5% of the decades shown, already from about 1e277
# when the data also reach down to 5e-324.
DRAWABLE = 1e250


def drawable(values):
    """`values` (floats) with what no figure can show, NaN, ±inf and
    magnitudes beyond DRAWABLE, as NaN: left out of the lines, as matplotlib
    leaves out inf (a trace that ran off to 1e308 is drawn up to there)."""
    values = np.array(values, dtype=float)
    values[~(np.abs(values) <= DRAWABLE)] = np.nan
    return values


def drawn(x_vals, y_vals, log=False):
    """Which (x, y) pairs (float arrays) a figure can show: both within
    ±DRAWABLE (so not NaN or inf), and y > 0 on a log axis."""
    keep = (np.abs(x_vals) <= DRAWABLE) & (np.abs(y_vals) <= DRAWABLE)
    return keep & (y_vals > 0) if log else keep


def finite_points(x_vals, y_vals, x_name="x_vals", y_name="y_vals"):
    """The (x, y) pairs whose y is a finite positive number (and both within
    ±DRAWABLE): what a log plot can draw. Takes what `as_floats` takes."""
    x_vals, y_vals = xy_values(x_vals, y_vals, x_name, y_name)
    keep = drawn(x_vals, y_vals, log=True)
    return x_vals[keep], y_vals[keep]


# Curves that lie on top of each other (scratch and Gluon agree to 1e-6)
# stay distinguishable by line style and by markers set at different points.
LINE_STYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "v", "D", "x", "+", "*", "P", "<")


def curve_style(index, num_curves, num_points):
    """Line style and markers for curve `index` of `num_curves`: each curve
    its own style and marker, about 8 markers per curve, staggered."""
    every = max(1, num_points // 8)
    return dict(linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                marker=MARKERS[index % len(MARKERS)], markersize=4,
                fillstyle="none",
                markevery=(index * every // max(num_curves, 1), every))


def readable_log_ticks(ax):
    """Label at least three y ticks on a log axis that spans under two
    decades (matplotlib labels only the powers of ten, often just one)."""
    low, high = ax.get_ylim()
    if low <= 0:
        return
    # log10(high / low), without the division, which overflows for axes
    # that span more than 308 decades.
    decades = math.log10(high) - math.log10(low)
    if decades >= 2:
        return
    from matplotlib import ticker
    if decades < math.log10(4):  # too narrow for 1-2-5 steps: evenly spaced
        ax.yaxis.set_major_locator(ticker.MaxNLocator(nbins=4))
    else:
        ax.yaxis.set_major_locator(ticker.LogLocator(
            base=10, subs=(1.0, 2.0, 5.0) if decades >= 1 else (1.0, 2.0, 3.0, 5.0)))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _: f"{y:g}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())


def semilogy(x_vals, y_vals, x_label, y_label, x2_vals=None, y2_vals=None,
             legend=None, figsize=DEFAULT_FIGSIZE):
    """Plot y (and optionally y2) against x with a logarithmic y axis.

    Points that a log axis cannot show (NaN, infinite, not positive) are left
    out, so a diverged run still draws its finite part. Returns the figure.
    """
    points = finite_points(x_vals, y_vals)  # checked before any figure
    second = (finite_points(x2_vals, y2_vals, "x2_vals", "y2_vals")
              if x2_vals is not None and y2_vals is not None else None)
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    ax.semilogy(*points)
    if second is not None:
        ax.semilogy(*second, linestyle=":")
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    readable_log_ticks(ax)
    if legend:
        ax.legend(legend)
    return show(fig)


def plot_loss(x_vals, y_vals, x_label="epoch", y_label="loss",
              figsize=DEFAULT_FIGSIZE):
    """The d2l chapter's loss plot: linear axes, non-finite points left out."""
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    x_vals, y_vals = xy_values(x_vals, y_vals)
    keep = drawn(x_vals, y_vals)
    ax.plot(x_vals[keep], y_vals[keep])
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    return show(fig)


def _curve_points(curve):
    """(x, y) of a curve given as (x_vals, y_vals) or as a History."""
    return (curve.epochs, curve.losses) if hasattr(curve, "losses") else curve


def _draw_curves(ax, curves, yscale):
    """Draw label -> curve on `ax`, each in its own style; log axes leave out
    what they cannot show, linear axes what is not finite."""
    for index, (label, curve) in enumerate(curves.items()):
        x_vals, y_vals = (np.asarray(v, float) for v in _curve_points(curve))
        keep = drawn(x_vals, y_vals, log=yscale == "log")
        ax.plot(x_vals[keep], y_vals[keep], label=label,
                **curve_style(index, len(curves), int(keep.sum())))
    ax.set_yscale(yscale)
    if yscale == "log":
        readable_log_ticks(ax)


def loss_curves(curves, x_label="epoch", y_label="loss",
                figsize=DEFAULT_FIGSIZE, title=None, yscale="log"):
    """Several loss curves on one plot, each with its own line style and marker.

    curves: label -> (x_vals, y_vals), or label -> an object with `epochs`
    and `losses` (a History). yscale: 'log' (as the 2018 chapter's semilogy)
    or 'linear' (as d2l 1.0's train_ch7). Returns the figure.
    """
    if yscale not in ("log", "linear"):
        raise ValueError(f"yscale must be 'log' or 'linear', got {yscale!r}")
    if not isinstance(curves, dict):
        raise TypeError(f"curves must be a dict label -> (x_vals, y_vals) or "
                        f"label -> History, got {type(curves).__name__}")
    checked = {}
    for label, curve in curves.items():  # all checked before any figure
        name = f"curves[{label!r}]"
        if hasattr(curve, "losses"):
            curve = (curve.epochs, curve.losses)
        if not isinstance(curve, (tuple, list)) or len(curve) != 2:
            raise TypeError(f"{name} must be (x_vals, y_vals) or a History, "
                            f"got {curve!r}")
        checked[label] = xy_values(*curve, f"{name}'s x_vals",
                                   f"{name}'s y_vals")
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    _draw_curves(ax, checked, yscale)
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    if title:
        ax.set_title(title, fontsize="medium")
    add_legend(ax)
    return show(fig)


# Legend labels longer than this go below the axes, where they hide no curve.
LONG_LABEL = 24


def add_legend(ax):
    """The legend inside the axes for one or two short labels; below them
    when a label is long, beside them for more than two curves: inside, such
    a legend covers the curves (saved and inline figures are cropped to it)."""
    labels = ax.get_legend_handles_labels()[1]
    if not labels:  # curves labelled '' or '_...': matplotlib would warn
        return
    if max(map(len, labels), default=0) > LONG_LABEL:
        ax.legend(fontsize="small", loc="upper center", frameon=False,
                  bbox_to_anchor=(0.5, -0.22))
    elif len(labels) > 2:
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1),
                  borderaxespad=0)
    else:
        ax.legend(fontsize="small")


def scratch_and_gluon(scratch, gluon, title=None, labels=("scratch", "Gluon"),
                      figsize=(3.5, 4.0)):
    """A section's two airfoil runs: their losses against epoch on linear
    axes (as train_ch7 plots them) and, below, Gluon's loss minus scratch's,
    which shows how far apart two curves are that look like one line.

    scratch, gluon: Histories logged at the same points. Returns the figure.
    """
    if len(scratch.losses) != len(gluon.losses):
        raise ValueError(f"scratch and gluon must be logged at the same "
                         f"points, got {len(scratch.losses)} and "
                         f"{len(gluon.losses)} losses")
    set_figsize(figsize)
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=figsize, sharex=True,
        gridspec_kw={"height_ratios": (2, 1)})
    _draw_curves(top, dict(zip(labels, (scratch, gluon))), "linear")
    top.set_ylabel("loss")
    top.legend(fontsize="small")  # upper right: where a falling loss is not
    if title:
        top.set_title(title, fontsize="medium")
    difference = np.subtract(gluon.losses, scratch.losses)
    bottom.plot(scratch.epochs, difference, color="0.3", linewidth=1)
    bottom.axhline(0, color="0.6", linewidth=0.5)
    bottom.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
    bottom.set_ylabel("difference")
    bottom.set_title(f"{labels[1]} − {labels[0]}", fontsize="small", loc="right")
    bottom.set_xlabel("epoch")
    fig.tight_layout()
    return show(fig)


def save(fig, path, dpi=150):
    """Write `fig` as an image to `path` (atomically) and close it."""
    from .atomic import atomic_path
    path = _checks.check_path("path", path)
    with atomic_path(path) as partial:
        fig.savefig(partial, dpi=dpi, bbox_inches="tight",
                    format=path.rsplit(".", 1)[-1])
    plt.close(fig)
    return path
