"""Plots: the book's small figures, inline in Jupyter and headless elsewhere.

No display is needed: without one matplotlib picks its Agg backend, and in a
Jupyter kernel ipykernel selects matplotlib_inline. Nothing here touches
`IPython.display.set_matplotlib_formats`, which IPython 8 removed.
"""
import matplotlib
import numpy as np
from matplotlib import pyplot as plt

DEFAULT_FIGSIZE = (3.5, 2.5)


def _inline_backend():
    return "inline" in matplotlib.get_backend()


def use_svg_display():
    """Draw inline figures as SVG in Jupyter; no effect elsewhere."""
    if _inline_backend():
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats("svg")


def set_figsize(figsize=DEFAULT_FIGSIZE):
    """Set the size of the figures that follow (the book's 3.5 x 2.5 inches)."""
    set_fig_size(matplotlib, figsize)


def set_fig_size(mpl, figsize=DEFAULT_FIGSIZE):
    """The 2018 book's name: set `mpl`'s default figure size (and SVG inline)."""
    use_svg_display()
    mpl.rcParams["figure.figsize"] = figsize


def show(fig):
    """Show `fig` where there is somewhere to show it; return it either way.

    Inline in Jupyter the figure is drawn and closed, as plt.show() does there.
    Headless (Agg) it stays open, so the caller can save it.
    """
    if _inline_backend():
        plt.show()
    return fig


def finite_points(x_vals, y_vals):
    """The (x, y) pairs whose y is a finite number: what a log plot can draw."""
    x_vals = np.asarray(x_vals, dtype=float)
    y_vals = np.asarray(y_vals, dtype=float)
    keep = np.isfinite(y_vals) & (y_vals > 0)
    return x_vals[keep], y_vals[keep]


def semilogy(x_vals, y_vals, x_label, y_label, x2_vals=None, y2_vals=None,
             legend=None, figsize=DEFAULT_FIGSIZE):
    """Plot y (and optionally y2) against x with a logarithmic y axis.

    Points that a log axis cannot show (NaN, infinite, not positive) are left
    out, so a diverged run still draws its finite part. Returns the figure.
    """
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    ax.semilogy(*finite_points(x_vals, y_vals))
    if x2_vals is not None and y2_vals is not None:
        ax.semilogy(*finite_points(x2_vals, y2_vals), linestyle=":")
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    if legend:
        ax.legend(legend)
    return show(fig)


def plot_loss(x_vals, y_vals, x_label="epoch", y_label="loss",
              figsize=DEFAULT_FIGSIZE):
    """The d2l chapter's loss plot: linear axes, non-finite points left out."""
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    x_vals, y_vals = np.asarray(x_vals, float), np.asarray(y_vals, float)
    keep = np.isfinite(y_vals)
    ax.plot(x_vals[keep], y_vals[keep])
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    return show(fig)


def loss_curves(curves, x_label="epoch", y_label="loss",
                figsize=DEFAULT_FIGSIZE, title=None):
    """Several loss curves on one log-scale plot.

    curves: label -> (x_vals, y_vals), or label -> an object with `epochs`
    and `losses` (a History). Non-finite points are left out, as in semilogy.
    Returns the figure.
    """
    set_figsize(figsize)
    fig, ax = plt.subplots(figsize=figsize)
    for label, curve in curves.items():
        x_vals, y_vals = ((curve.epochs, curve.losses)
                          if hasattr(curve, "losses") else curve)
        ax.semilogy(*finite_points(x_vals, y_vals), label=label)
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    if title:
        ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="small")
    return show(fig)


def save(fig, path, dpi=150):
    """Write `fig` as an image to `path` (atomically) and close it."""
    from .io import atomic_path
    with atomic_path(path) as partial:
        fig.savefig(partial, dpi=dpi, bbox_inches="tight",
                    format=path.rsplit(".", 1)[-1])
    plt.close(fig)
    return path
