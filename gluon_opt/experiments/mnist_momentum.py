"""Issue 5 §3: the MNIST momentum study (MLP 784-200-10, momentum 0.9 vs SGD).

The book printed no numbers for this study, so every row has book=None: the
rows record what this run measured (accuracy, final loss, seconds per epoch).
"""
from ..mnist import mnist_momentum_study
from .registry import Result, Row, experiment


@experiment("mnist-momentum",
            "MNIST MLP 784-200-10: momentum 0.9 against plain SGD")
def mnist_momentum(quick):
    """Full: 5 epochs; quick: 1 epoch (4 log points of 30 batches)."""
    study = mnist_momentum_study(num_epochs=1 if quick else 5)
    rows = []
    for label, run in (("momentum", study.momentum), ("sgd", study.sgd)):
        rows += [Row(f"{label} test accuracy", round(run.test_accuracy, 4)),
                 Row(f"{label} final loss", round(run.final_loss, 4)),
                 Row(f"{label} seconds per epoch",
                     round(run.seconds_per_epoch, 3))]
    rows.append(Row("data", study.source))
    return Result(figures={"mnist-momentum": study.figure}, rows=rows)
