"""Scratch optimizers, written as NDArray update functions."""
from .book import init_momentum_states, sgd_momentum

__all__ = ["init_momentum_states", "sgd_momentum"]
