"""Property-based: for random shapes, hyperparameters in range and gradients
that include exact zeros and large magnitudes, our steps stay finite and
equal MXNet's (hypothesis, few examples per optimizer)."""
import mxnet as mx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from mxnet import nd

from gluon_opt import optimizers
from optimizer_cases import WITH_MXNET, params

STEPS = 3


def _round(value):
    # Hyperparameters as a person writes them: no 1e-300 that float32 (the
    # type of MXNet's operator arguments) turns into 0 or rejects.
    return round(value, 4)

gradient_values = st.one_of(
    st.just(0.0),
    st.floats(-10, 10, width=32),
    st.sampled_from([1e3, -1e3, 1e4, -1e4]),
)


def option(values):
    """A strategy for one option: (low, high) floats, or one of a list."""
    if isinstance(values, list):
        return st.sampled_from(values)
    low, high = values
    return st.floats(low, high).map(_round)


@st.composite
def problems(draw, case):
    shape = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    kwargs = {
        "learning_rate": draw(st.floats(1e-4, 0.5).map(_round)),
        "rescale_grad": draw(st.floats(0.1, 2.0).map(_round)),
        "clip_gradient": draw(st.one_of(st.none(), st.floats(0.1, 10.0).map(_round))),
    }
    kwargs["wd"] = draw(st.floats(0.0, 0.1).map(_round))
    if case.takes_momentum:
        kwargs["momentum"] = draw(st.floats(0.0, 0.99).map(_round))
    for key, values in case.random_options.items():
        kwargs[key] = draw(option(values))
    if case.mxnet_refusal(kwargs):
        # MXNet cannot run it with weight decay (GroupAdaGrad asserts wd == 0;
        # NAG with momentum decays with the updated weight): compare without
        kwargs["wd"] = 0.0
    start = draw(hnp.arrays(np.float32, shape, elements=st.floats(-5, 5, width=32)))
    grads = [draw(hnp.arrays(np.float32, shape, elements=gradient_values))
             for _ in range(STEPS)]
    return kwargs, start, grads


def steps(optimizer, start, grads):
    weight = nd.array(start)
    state = optimizer.create_state_multi_precision(0, weight)
    for step, grad in enumerate(grads):
        mx.random.seed(step)  # SGLD's noise, the same on both sides
        optimizer.update_multi_precision(0, weight, nd.array(grad), state)
    return weight.asnumpy()


@pytest.mark.parametrize("case", params(WITH_MXNET))
def test_random_problems_match_mxnet(case):
    name = case.name

    @settings(max_examples=15, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(problems(case))
    def check(problem):
        kwargs, start, grads = problem
        theirs = steps(mx.optimizer.create(name, **kwargs), start, grads)
        ours = steps(optimizers.create(name, **kwargs), start, grads)
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-4,
                                   equal_nan=True)
        if case.nan_where_first_gradient_is_zero:
            # u = max(β₂·u, |g|) is 0 where the first gradient (plus wd·w)
            # is 0: m/u = 0/0 = NaN, in MXNet's formula as in ours, and the
            # weight stays NaN.
            zero_first = (grads[0] == 0) & ((kwargs["wd"] == 0) | (start == 0))
            assert np.isfinite(ours[~zero_first]).all()
            assert np.isnan(ours[zero_first]).all()
        else:
            assert np.isfinite(ours).all()

    check()
