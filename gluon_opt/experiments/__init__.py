"""The chapter's experiments, one module per section, registered by name."""
from .registry import EXPERIMENTS, Experiment, Result, Row, experiment

__all__ = ["EXPERIMENTS", "Experiment", "Result", "Row", "experiment"]
