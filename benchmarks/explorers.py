"""Case (g): how long an explorer takes to answer a control, as a reader
drags it: setting the control's value in Python runs everything a slider
move in the browser runs in the kernel (the recomputation, the redraw, the
PNG sent to the page); the browser's own painting is not counted.

explore_2d: η dragged through 20 values (momentum on the ill-conditioned
quadratic, 20 steps, an overlay optimizer and MXNet's dashed path shown,
the heaviest setting). explore_schedule: the schedule family switched, one
airfoil training run (2 epochs) and the two-panel redraw per change.
"""
import itertools
import statistics
import time

from .timing import Variant

EXPLORE_2D = "explore_2d: η slider move (momentum + adam overlay + MXNet)"
EXPLORE_SCHEDULE = "explore_schedule: schedule family change (2 airfoil epochs)"
MOVES = 20  # η values per round of explore_2d; the round reports their median


def _missing():
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return ("ipywidgets is not installed: pip install 'gluon-opt[notebooks]' "
                "(or pip install ipywidgets)")
    return ""


def explorer_variants(quick=False):
    """The two explorers' response times; skipped without ipywidgets."""
    missing = _missing()
    if missing:
        return [Variant(EXPLORE_2D, skip=missing), Variant(EXPLORE_SCHEDULE, skip=missing)]
    from gluon_opt import explore

    made = {}
    etas = itertools.cycle([0.05 + 0.45 * k / (MOVES - 1) for k in range(MOVES)])
    families = itertools.cycle(["factor", "cosine", "multifactor", "poly", "constant"])

    def slider_move():
        if "2d" not in made:
            made["2d"] = explore.explore_2d("momentum", second="adam", mxnet=True)
        eta = made["2d"].controls["eta"]
        seconds = []
        for _ in range(2 if quick else MOVES):
            start = time.perf_counter()
            eta.value = next(etas)
            seconds.append(time.perf_counter() - start)
        return statistics.median(seconds), made["2d"].line.value.count("epoch")

    def family_change():
        if "schedule" not in made:
            made["schedule"] = explore.explore_schedule(warmup_steps=30)
        control = made["schedule"].controls["family"]
        start = time.perf_counter()
        control.value = next(families)
        return time.perf_counter() - start, len(made["schedule"].runs)

    return [Variant(EXPLORE_2D, slider_move,
                    note=f"median of {MOVES} moves per round"),
            Variant(EXPLORE_SCHEDULE, family_change)]
