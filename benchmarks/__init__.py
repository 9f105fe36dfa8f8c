"""Benchmarks: the chapter's loops, the MLP epoch, one optimizer step and
the notebooks, each measured against the book's original code, MXNet's
fused operators and PyTorch (when installed), side by side in one run.

    python -m benchmarks [--only CASE ...] [--repeats N] [--out FILE] [--quick]

Each case's variants run interleaved (one of each per round, rotating the
order) and report the median; ratios are against the case's first variant,
its baseline. The book's loops live in `reference`, the PyTorch peers next
to the case that uses them. Timing is never asserted anywhere: a benchmark
measures a ratio against a peer, a test states a fact.
"""
from .suite import CASES, case_keys, markdown, run

__all__ = ["CASES", "case_keys", "markdown", "run"]
