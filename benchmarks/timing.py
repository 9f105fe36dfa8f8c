"""Interleaved timing: every variant of a case runs once per round, in a
rotating order, so that load from other processes on a shared machine falls
on all of them alike; a variant's time is the median over the rounds."""
import dataclasses
import statistics
import time

from mxnet import nd


@dataclasses.dataclass
class Variant:
    """One way of doing a case's work.

    trial(): does the work once and returns its seconds, or None to be timed
    from outside (wall time of the call, after nd.waitall()), or a pair
    (seconds or None, value) where value is a result worth showing (a final
    loss). A trial that times itself can leave its set-up out.
    skip: why this variant does not run here (e.g. PyTorch is not installed).
    """
    name: str
    trial: object = None
    skip: str = ""
    note: str = ""


@dataclasses.dataclass
class Timing:
    name: str
    seconds: list
    skip: str = ""
    note: str = ""
    value: object = None

    @property
    def median(self):
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def spread(self):
        """(max - min) / median over the rounds: how noisy the rounds were."""
        if len(self.seconds) < 2:
            return 0.0
        return (max(self.seconds) - min(self.seconds)) / self.median


def timed(trial):
    """(seconds, value) of one call of trial(), waiting for MXNet's queue on
    both ends."""
    nd.waitall()
    start = time.perf_counter()
    own = trial()
    nd.waitall()
    elapsed = time.perf_counter() - start
    own, value = own if isinstance(own, tuple) else (own, None)
    return (elapsed if own is None else own), value


def interleave(variants, repeats, warmup=1):
    """Run each variant `warmup` rounds untimed, then `repeats` timed rounds,
    interleaved (round r starts at variant r mod n). Returns a Timing per
    variant, in the order given."""
    runnable = [v for v in variants if not v.skip]
    seconds = {v.name: [] for v in runnable}
    values = {}
    for round_i in range(warmup + repeats):
        shift = round_i % max(len(runnable), 1)
        for variant in runnable[shift:] + runnable[:shift]:
            elapsed, values[variant.name] = timed(variant.trial)
            if round_i >= warmup:
                seconds[variant.name].append(elapsed)
    return [Timing(v.name, seconds.get(v.name, []), v.skip, v.note,
                   values.get(v.name)) for v in variants]


def per_call(function, calls):
    """A trial that calls function() `calls` times and returns the mean
    seconds per call (for steps too short to time one at a time)."""
    def trial():
        nd.waitall()
        start = time.perf_counter()
        for _ in range(calls):
            function()
        nd.waitall()
        return (time.perf_counter() - start) / calls
    return trial
