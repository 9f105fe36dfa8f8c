"""Issue 16 §3: large-batch data-parallel training of the MNIST MLP.

SGD with momentum (learning rate scaled linearly with the global batch, as
Goyal et al. 2017), LARS and LAMB (layer-wise trust ratios) train the MLP
784-200-10 of `gluon_opt.models` for a fixed number of epochs as the global
batch grows, each run a `gluon-opt launch` job: a scheduler, one server that
runs the scratch optimizer (update_on_kvstore=True) and 2 or 4 workers, on
127.0.0.1. Under dist_sync the number of workers does not change the math
(issue 16 §2), so the accuracy curve is swept with 2 workers and 4 workers
repeat the largest batch: the rows show the two agree and what each costs.
The book printed no numbers here, so every row has book=None.
"""
import dataclasses
import json
import sys
import tempfile

from matplotlib import pyplot as plt

from .. import plotting
from .._factory import unknown_name_error
from ..distributed import launch
from ..distributed.train import load_runs
from .registry import Result, Row, experiment

OPTIMIZERS = ("sgd", "lars", "lamb")
BATCH_SIZES = (64, 256, 1024)
BASE_BATCH = 64


def hyperparameters(name, batch_size):
    """Each optimizer's keyword arguments at a global batch of `batch_size`:
    tuned at batch 64, then SGD's and LARS's rate scaled linearly with the
    batch and LAMB's with its square root (You et al. 2020)."""
    scale = batch_size / BASE_BATCH
    if name == "sgd":
        return {"learning_rate": 0.05 * scale, "momentum": 0.9}
    if name == "lars":
        return {"learning_rate": 0.1 * scale, "momentum": 0.9, "eta": 0.05}
    if name == "lamb":
        return {"learning_rate": 0.02 * scale ** 0.5}
    raise unknown_name_error(name, OPTIMIZERS)


def run_job(name, batch_size, num_workers, num_epochs, num_train=None, seed=0):
    """One data-parallel run; returns the workers' Runs (rank order)."""
    with tempfile.TemporaryDirectory(prefix="large-batch-") as out:
        command = [sys.executable, "-m", "gluon_opt.distributed.train", "mnist",
                   "--optimizer", name, "--optimizer-params",
                   json.dumps(hyperparameters(name, batch_size)),
                   "--kvstore", "dist_sync", "--update-on-kvstore", "1",
                   "--batch-size", str(batch_size), "--epochs", str(num_epochs),
                   "--seed", str(seed), "--out", out]
        if num_train is not None:
            command += ["--num-train", str(num_train)]
        launch(command, num_workers, 1, timeout=600, echo=False)
        return load_runs(out)


@dataclasses.dataclass
class LargeBatchStudy:
    """accuracy and seconds: (optimizer, workers, global batch) -> rank 0's
    test accuracy and seconds per epoch; figure: accuracy against batch."""
    accuracy: dict
    seconds: dict
    figure: object


def large_batch_study(batch_sizes=BATCH_SIZES, num_epochs=2, num_train=None,
                      repeat_with_four=True, optimizers=OPTIMIZERS, seed=0,
                      stream=None):
    """Sweep the global batch with 2 workers (and the largest with 4), one
    job per optimizer (names from OPTIMIZERS) and batch."""
    stream = stream or sys.stdout
    unknown = [name for name in optimizers if name not in OPTIMIZERS]
    if unknown or not optimizers:
        raise ValueError(f"optimizers must be some of {OPTIMIZERS}, got "
                         f"{optimizers!r}")
    grid = [(name, 2, batch) for name in optimizers for batch in batch_sizes]
    if repeat_with_four:
        grid += [(name, 4, max(batch_sizes)) for name in optimizers]
    accuracy, seconds = {}, {}
    for number, (name, workers, batch) in enumerate(grid, 1):
        runs = run_job(name, batch, workers, num_epochs, num_train, seed)
        accuracy[name, workers, batch] = runs[0].test_accuracy
        seconds[name, workers, batch] = runs[0].seconds_per_epoch
        print(f"[{number}/{len(grid)}] {name}, batch {batch}, {workers} "
              f"workers: test accuracy {runs[0].test_accuracy:.4f}, "
              f"{runs[0].seconds_per_epoch:.2f} s/epoch", file=stream,
              flush=True)
    figure, axes = plt.subplots(figsize=(6, 4))
    for name in optimizers:
        axes.plot(batch_sizes, [accuracy[name, 2, b] for b in batch_sizes],
                  marker="o", label=f"{name} (2 workers)")
    if repeat_with_four:
        for name in optimizers:
            axes.plot([max(batch_sizes)], [accuracy[name, 4, max(batch_sizes)]],
                      linestyle="none", marker="x", color="black",
                      label="4 workers" if name == optimizers[0] else None)
    axes.set_xscale("log", base=2)
    axes.set_xticks(list(batch_sizes), [str(b) for b in batch_sizes])
    axes.set_xlabel("global batch size")
    axes.set_ylabel(f"test accuracy after {num_epochs} "
                    f"epoch{'' if num_epochs == 1 else 's'}")
    axes.legend()
    axes.grid(alpha=0.3)
    figure.tight_layout()
    return LargeBatchStudy(accuracy, seconds, plotting.show(figure))


@experiment("large-batch",
            "MNIST MLP data-parallel on MXNet's kvstore: SGD, LARS, LAMB as "
            "the global batch grows")
def large_batch(quick):
    """Full: batches 64, 256, 1024, 2 epochs, 2 and 4 workers; quick: the
    first 1,024 images, batches 128 and 512, 1 epoch, 2 workers."""
    if quick:
        study = large_batch_study((128, 512), num_epochs=1, num_train=1024,
                                  repeat_with_four=False)
    else:
        study = large_batch_study()
    rows = []
    for (name, workers, batch), value in study.accuracy.items():
        rows += [Row(f"{name} test accuracy, batch {batch}, {workers} workers",
                     round(value, 4)),
                 Row(f"{name} seconds per epoch, batch {batch}, "
                     f"{workers} workers",
                     round(study.seconds[name, workers, batch], 3))]
        if workers == 4:
            rows.append(Row(f"{name} |accuracy 4 workers - 2 workers|, "
                            f"batch {batch}",
                            round(abs(value - study.accuracy[name, 2, batch]), 4)))
    return Result(figures={"large-batch": study.figure}, rows=rows)
