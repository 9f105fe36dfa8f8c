"""All the chapter's optimizers on one plot (`comparison.compare_optimizers`):
the airfoil data, batch 10, 2 epochs, one final loss per optimizer."""
from .. import plotting
from ..comparison import compare_optimizers
from .registry import Result, Row, experiment


@experiment("compare-optimizers",
            "Every optimizer of the chapter on one loss plot (airfoil)")
def compare(quick):
    histories = compare_optimizers(num_epochs=1 if quick else 2)
    figure = plotting.loss_curves(histories, figsize=(6, 4),
                                  title="airfoil, batch 10", yscale="linear")
    return Result(figures={"compare-optimizers": figure},
                  rows=[Row(f"{label}: final loss", history.losses[-1])
                        for label, history in histories.items()])
