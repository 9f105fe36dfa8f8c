"""The cases of the benchmark, their targets, and the markdown table."""
import dataclasses
import datetime
import math
import os
import platform

import numpy

from gluon_opt._factory import unknown_name_error

from . import chapter, d2l_book, explorers, mlp, notebooks, steps
from .timing import interleave


@dataclasses.dataclass
class Target:
    """A goal for `variant`, measured against `against` (a variant name) or,
    with against=None, in seconds.

    kind 'faster': at least `limit` times faster than `against`;
    kind 'at_most': at most `limit` times the time of `against`;
    kind 'seconds': at most `limit` seconds (for the notebooks' total).
    floors: (variant's floor, against's floor), variant names: compare the
    times above them, the part of the work the variants differ in (the
    d2l-book case: what no d2l package can change is subtracted).
    ratio_to_target: 1.0 is exactly on target, below 1 is met, above missed.
    """
    variant: str
    kind: str
    limit: float
    against: str = None
    floors: tuple = None

    def describe(self, short):
        if self.kind == "faster" and self.floors:
            return (f"≥ {self.limit:g}× faster than {short(self.against)}, "
                    f"above the floor")
        if self.kind == "faster":
            return f"≥ {self.limit:g}× faster than {short(self.against)}"
        if self.kind == "at_most":
            return f"≤ {self.limit:g}× {short(self.against)}"
        return f"< {self.limit:g} s"

    def ratio_to_target(self, medians):
        mine = medians.get(self.variant)
        if self.kind == "seconds":
            return None if mine is None else mine / self.limit
        other = medians.get(self.against)
        if mine is None or other is None:
            return None
        if self.floors:
            mine_floor, other_floor = (medians.get(f) for f in self.floors)
            if mine_floor is None or other_floor is None:
                return None
            mine, other = mine - mine_floor, other - other_floor
            if mine <= 0:  # no time above the floor: any speed-up is met
                return 0.0
        if self.kind == "faster":
            return self.limit / (other / mine)
        return (mine / other) / self.limit


@dataclasses.dataclass
class Case:
    key: str
    title: str
    variants: object  # function(quick) -> list of Variant; the first is the baseline
    targets: list
    total: bool = False  # add a row with the sum of the variants


CH7_BOOK, CH7_OURS_BOOK, CH7_OURS, CH7_TORCH = (
    "book train_ch7 (DataLoader) + book adagrad",
    "gluon_opt run_ch7 + book adagrad",
    "gluon_opt run_ch7 + gluon_opt adagrad",
    "PyTorch train_ch7 + d2l torch adagrad")
OPT_BOOK, OPT_OURS = ("book utils.optimize (2018, DataLoader, asnumpy per log)",
                      "gluon_opt.optimize")
MLP_TORCH, MLP_GLUON, MLP_STUDY = (
    "PyTorch nn.Sequential + optim.SGD",
    "Gluon hybridized + gluon.Trainer sgd",
    "gluon_opt train_mnist + scratch sgd_momentum")


def _step_targets(fused, readable, fast):
    return [Target(readable, "at_most", 3, fused),
            Target(fast, "at_most", 2, fused)]


CASES = [
    Case("ch7", "(a) train_ch7: airfoil, scratch AdaGrad lr 0.1, batch 10, "
         "2 epochs", chapter.ch7_variants,
         [Target(CH7_OURS, "faster", 3, CH7_BOOK),
          Target(CH7_OURS_BOOK, "faster", 3, CH7_BOOK),
          Target(CH7_OURS, "at_most", 1.5, CH7_TORCH),
          Target(CH7_OURS_BOOK, "at_most", 2, CH7_TORCH)]),
    Case("optimize", "(b) optimize: the seed experiment (momentum 0.9, lr "
         "0.2, batch 10, 3 epochs, 1000 rows)", chapter.optimize_variants,
         [Target(OPT_OURS, "faster", 3, OPT_BOOK)]),
    Case("mlp", "(c) MLP 784-200-10 epoch: batch 64, SGD momentum 0.9, "
         "60,000 rows", mlp.mlp_variants,
         [Target(MLP_GLUON, "at_most", 1.0, MLP_TORCH),
          Target(MLP_STUDY, "at_most", 1.0, MLP_TORCH)]),
    Case("step-sgd", "(d) one SGD-momentum step, 16M float32",
         steps.sgd_variants,
         _step_targets("MXNet sgd_mom_update (fused)",
                       "scratch SGD.update (readable)",
                       "scratch SGD, fast=True")),
    Case("step-adagrad", "(d) one AdaGrad step, 16M float32",
         steps.adagrad_variants,
         _step_targets("MXNet sparse.adagrad_update (fused, row_sparse grad)",
                       "scratch AdaGrad.update (readable)",
                       "scratch AdaGrad, fast=True")),
    Case("step-adam", "(d) one Adam step, 16M float32", steps.adam_variants,
         _step_targets("MXNet adam_update (fused)",
                       "scratch Adam.update (readable)",
                       "scratch Adam, fast=True")),
    Case("notebooks", "(e) executing every notebook (fresh kernel each)",
         notebooks.notebook_variants,
         [Target("total", "seconds", 120)], total=True),
    Case("d2l-book", "(f) the current book's chapter (d2l 1.0, MXNet) as "
         "notebooks: gluon_opt.d2l against the official d2l==1.0.3",
         d2l_book.book_variants,
         [Target(d2l_book.OURS_CHAPTER, "faster", 3,
                 d2l_book.OFFICIAL_CHAPTER),
          Target(d2l_book.OURS_MINIBATCH, "faster", 5,
                 d2l_book.OFFICIAL_MINIBATCH),
          Target(d2l_book.OURS_CHAPTER, "faster", 3,
                 d2l_book.OFFICIAL_CHAPTER,
                 floors=(d2l_book.OURS_FLOOR, d2l_book.OFFICIAL_FLOOR)),
          Target(d2l_book.OURS_MINIBATCH, "faster", 5,
                 d2l_book.OFFICIAL_MINIBATCH,
                 floors=(d2l_book.OURS_MINIBATCH_FLOOR,
                         d2l_book.OFFICIAL_MINIBATCH_FLOOR))]),
    Case("explore", "(g) the explorers answering a control (gluon_opt.explore)",
         explorers.explorer_variants,
         [Target(explorers.EXPLORE_2D, "seconds", 0.1),
          Target(explorers.EXPLORE_SCHEDULE, "seconds", 1.0)]),
]


def case_keys():
    return [case.key for case in CASES]


def select(only):
    """The cases whose key is in `only` (a list of keys; None: all)."""
    if not only:
        return list(CASES)
    unknown = [key for key in only if key not in case_keys()]
    if unknown:
        raise unknown_name_error(unknown[0], case_keys(), argument="only")
    return [case for case in CASES if case.key in only]


@dataclasses.dataclass
class CaseResult:
    case: Case
    timings: list

    @property
    def medians(self):
        medians = {t.name: t.median for t in self.timings if t.seconds}
        if self.case.total and self.timings and all(
                t.seconds for t in self.timings):
            medians["total"] = sum(t.median for t in self.timings)
        return medians


def run(only=None, repeats=5, quick=False, progress=None, names=None):
    """Measure the selected cases; returns a CaseResult per case.

    With quick, every case runs once on small data (1 epoch, 2,000 MLP rows,
    a 256 x 256 weight, no notebooks), untimed warm-up left out: a check that
    the suite works, not a measurement. `names` (a list of variant names,
    None: all) keeps only those variants of the selected cases; a name that
    none of them has is a ValueError, raised before anything runs."""
    def build(case):
        if quick and case.key.startswith("step-"):
            return case.variants(shape=(256, 256), calls=2)
        return case.variants(quick=quick) if not case.key.startswith(
            "step-") else case.variants()

    cases = select(only)
    kept = {}
    if names:  # build every case once to check the names, keep only those
        known = []
        for case in cases:
            variants = build(case)
            known += [v.name for v in variants]
            kept[case.key] = [v for v in variants if v.name in names]
            del variants  # the others' arrays go now
        for name in names:
            if name not in known:
                raise unknown_name_error(name, known, argument="variant")
    results = []
    for case in cases:
        variants = kept.pop(case.key) if names else build(case)
        if not variants:
            continue
        if progress:
            progress(f"{case.key}: {case.title}")
        timings = interleave(variants, 1 if quick else repeats,
                             warmup=0 if quick else 1)
        results.append(CaseResult(case, timings))
        del variants  # drop the 16M-element arrays before the next case
    return results


def as_json(results, repeats, quick=False):
    """The results as a JSON-able dict: the interpreter, then per case each
    variant's seconds per round (what `python -m benchmarks.per_python`
    reads from each Python)."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "numpy": numpy.__version__,
        "repeats": repeats, "quick": quick,
        "cases": [{"key": result.case.key, "title": result.case.title,
                   "variants": [{"name": t.name, "seconds": t.seconds,
                                 "skip": t.skip} for t in result.timings]}
                  for result in results]}


def _ms(seconds):
    return "—" if seconds is None or math.isnan(seconds) else f"{seconds * 1e3:,.1f}"


def _value(value):
    if value is None:
        return ""
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _verdict(ratio):
    if ratio is None:
        return "not measured"
    return f"{ratio:.2f} ({'met' if ratio <= 1 else 'missed'})"


def _short(name):
    return name.split(" (")[0]


def markdown(results, repeats, quick=False):
    """The results as markdown: a summary of the targets, then one table per
    case with every variant's median, spread and ratio to the baseline."""
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Measured {stamp} on {os.cpu_count()} cores "
        f"({platform.machine()}, Python {platform.python_version()}), "
        f"{'--quick: one small run per variant, not a measurement' if quick else f'median of {repeats} interleaved runs after one warm-up run'}.",
        "Ratio to target: below 1 is met, above 1 is missed by that factor.",
        "", "## Targets", "",
        "| case | variant | target | ratio to target |", "|---|---|---|---|"]
    for result in results:
        for target in result.case.targets:
            ratio = target.ratio_to_target(result.medians)
            lines.append(f"| {result.case.key} | {target.variant} | "
                         f"{target.describe(_short)} | {_verdict(ratio)} |")
    for result in results:
        base = result.timings[0].median if result.timings else float("nan")
        lines += ["", f"## {result.case.title}", "",
                  "| variant | median ms | spread | × baseline | result | note |",
                  "|---|---:|---:|---:|---:|---|"]
        for i, timing in enumerate(result.timings):
            if timing.skip:
                lines.append(f"| {timing.name} | skipped | | | | "
                             f"{timing.skip} |")
                continue
            if result.case.total:  # only the total has a target
                ratio = ""
            else:
                ratio = "baseline" if i == 0 else (
                    f"{timing.median / base:.2f}" if base == base else "—")
            lines.append(f"| {timing.name} | {_ms(timing.median)} | "
                         f"{timing.spread:.0%} | {ratio} | "
                         f"{_value(timing.value)} | {timing.note} |")
        if result.case.total:
            total = result.medians.get("total")
            lines.append(f"| total | {_ms(total)} | | | | "
                         f"{'' if total else 'not measured'} |")
    lines.append("")
    return "\n".join(lines)
