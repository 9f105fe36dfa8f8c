"""Our optimizers take the same steps as MXNet 1.9.1's, name by name, and
keep the same state.

Each case runs MXNet's optimizer and ours side by side through MXNet's
Updater (the object gluon.Trainer and Module drive) for 25 steps on random
weights of two shapes and random gradients, and compares after every step
the weights and every array of the state: its place in the state (order),
sign, dtype and storage type (rtol 1e-4, atol 1e-5 in float32). The
row_sparse configurations give gradients with some rows absent, as
nn.Embedding(..., sparse_grad=True) does.
"""
import numpy as np
import pytest

from optimizer_cases import WITH_MXNET
from side_by_side import configurations, run_side_by_side


def cases():
    for case in WITH_MXNET:
        for config, extra, label, refusal in configurations(case):
            marks = [pytest.mark.skip(reason=refusal)] if refusal else []
            yield pytest.param(case, config, extra, id=f"{case.name}-{label}",
                               marks=marks)


@pytest.mark.parametrize("case, config, extra", list(cases()))
def test_same_steps_as_mxnet(case, config, extra):
    final = run_side_by_side(case, config, extra)
    assert all(np.isfinite(w.asnumpy()).all() for w in final)
