"""The chapter's experiments, one module per section, registered by name."""
from .registry import EXPERIMENTS, Experiment, Result, Row, experiment

# Each section registers its experiments on import, in the chapter's order.
from . import (trace_plots, momentum, airfoil, lr_schedule,  # noqa: E402,F401,I001
               compare_optimizers, mnist_momentum)
from . import large_batch  # noqa: E402,F401

__all__ = ["EXPERIMENTS", "Experiment", "Result", "Row", "experiment"]
