"""MXNet 1.9.1's own kind of optimizer test, with our classes in place of MXNet's.

MXNet's tests (tests/python/unittest/test_optimizer.py) step a reference
and an optimizer class once through `mx.test_utils.compare_optimizer`, which
compares the state before and after the update as well as the weight, for
grids of options, dtypes and storage types (dense, a row_sparse gradient, a
row_sparse weight and gradient, lazy and standard updates) and, for the
classes that have one, the multi-tensor (list) form. Here MXNet's own class
is the reference, and ours is compared with it by that same function over
grids of the same kinds, both ways round for the list form.

compare_optimizer gives its reference a dense copy of a sparse gradient (its
references are written to take one), and draws no common random numbers; so
two classes with sparse storage, and SGLD (whose noise is random), are
compared by `compare_exactly`: the same arrays in the same storage types,
the same seeds, three steps, and the state compared as in the equality suite
(layout, dtype, storage type, values).
"""
import itertools

import mxnet as mx
import numpy as np
import pytest
from mxnet.test_utils import compare_optimizer, rand_ndarray

from gluon_opt import optimizers
from optimizer_cases import CASES, DENSE, WITH_MXNET, params
from side_by_side import assert_same_state

SHAPE = (3, 4, 5)
SHAPE_2D = (6, 4)  # for an optimizer of 2-D weights only (GroupAdaGrad)
# The options every optimizer takes, in the combinations MXNet's tests cover
# (there as a full product; here four, to keep the suite quick). Each
# optimizer's own options, dtypes and storage types are its case's.
COMMON = [
    {},
    {"clip_gradient": 0.4, "rescale_grad": 0.14},
    {"wd": 0.03},
    {"clip_gradient": 0.4, "rescale_grad": 0.8, "wd": 0.03},
]


def grid(options):
    names = sorted(options)
    for values in itertools.product(*(options[name] for name in names)):
        yield {name: value for name, value in zip(names, values)
               if value is not None}


def kwargs_grid(case, dtype, w_stype, g_stype):
    """The option grid of one case, as MXNet's tests build theirs, without
    what MXNet cannot run (the case's refusals)."""
    for common in COMMON:
        for own in grid(case.options):
            kwargs = {**common, **own}
            if case.mxnet_refusal(kwargs, sparse=g_stype == "row_sparse"):
                continue
            if dtype == "float16":
                kwargs["multi_precision"] = True
            yield kwargs


def cases():
    for case in WITH_MXNET:
        for dtype, (w_stype, g_stype) in itertools.product(case.dtypes,
                                                            case.storage):
            if dtype == "float64" and (w_stype, g_stype) != DENSE[0]:
                continue
            if dtype == "float16" and w_stype != "default":
                continue  # mixed precision with a dense weight only
            yield pytest.param(case, dtype, w_stype, g_stype,
                               id=f"{case.name}-{dtype}-{w_stype}-{g_stype}")


def compare_exactly(theirs, ours, shape, dtype, w_stype, g_stype, seed,
                    steps=3, **tolerance):
    """Step both optimizers on the same weight and gradients, stored alike,
    with the same seeds; compare weights and states after each step."""
    mx.random.seed(seed)
    np.random.seed(seed)  # rand_ndarray draws the rows present from NumPy
    weight = rand_ndarray(shape, w_stype, density=1, dtype=dtype)
    weights = [weight.copy(), weight.copy()]
    states = [optimizer.create_state_multi_precision(0, weights[number])
              for number, optimizer in enumerate((theirs, ours))]
    assert_same_state(states[0], states[1], "created state")
    for step in range(steps):
        grad = rand_ndarray(shape, g_stype, density=0.5, dtype=dtype)
        for number, optimizer in enumerate((theirs, ours)):
            mx.random.seed(seed * 100 + step)  # SGLD's noise: the same draws
            optimizer.update_multi_precision(0, weights[number], grad.copy(),
                                             states[number])
        message = f"step {step + 1}"
        assert weights[1].stype == weights[0].stype, message
        np.testing.assert_allclose(weights[1].asnumpy(), weights[0].asnumpy(),
                                   err_msg=message, **tolerance)
        assert_same_state(states[0], states[1], f"{message} state",
                                   **tolerance)


@pytest.mark.parametrize("case, dtype, w_stype, g_stype", list(cases()))
def test_same_update_and_state_as_mxnets_class(case, dtype, w_stype, g_stype):
    name = case.name
    shape = SHAPE_2D if case.weights_2d_only else SHAPE
    exact = case.draws_noise or (w_stype, g_stype) != DENSE[0]
    if dtype == "float16":
        tolerance = {"rtol": 1e-3, "atol": 1e-3}
    else:
        tolerance = {"rtol": 1e-4, "atol": 1e-5}
    count = 0
    for number, kwargs in enumerate(kwargs_grid(case, dtype, w_stype, g_stype)):
        mx.random.seed(number)
        theirs = mx.optimizer.create(name, **kwargs)
        ours = optimizers.create(name, **kwargs)
        try:
            if exact:
                compare_exactly(theirs, ours, shape, dtype, w_stype, g_stype,
                                seed=number, **tolerance)
            else:
                compare_optimizer(theirs, ours, shape, np.dtype(dtype),
                                  **tolerance)
        except AssertionError as error:
            raise AssertionError(f"{name} {dtype} {w_stype}/{g_stype} "
                                 f"{kwargs}: {error}") from None
        count += 1
    assert count > 0


@pytest.mark.parametrize("dtype", ["float16", "float32"])
@pytest.mark.parametrize("ours_take_lists", [True, False])
@pytest.mark.parametrize("case", params(
    [case for case in WITH_MXNET if case.multi_tensor]))
def test_multi_tensor_form_as_mxnets_class(case, ours_take_lists, dtype):
    """compare_optimizer's list form: one optimizer updates a list of tensors
    in one call, the other each tensor alone."""
    name = case.name
    shapes = [(3, 4, 5), (10, 3), (7,), (2, 2)]
    for number, kwargs in enumerate(kwargs_grid(case, dtype, "default", "default")):
        if name == "lars":  # names tell LARS which parameters it scales
            kwargs["param_idx2name"] = {0: "fc_weight", 1: "fc_bias",
                                        2: "bn_gamma", 3: "fc2_weight"}
        mx.random.seed(number)
        ours = optimizers.create(name, **kwargs)
        theirs = mx.optimizer.create(name, **kwargs)
        single, lists = (theirs, ours) if ours_take_lists else (ours, theirs)
        tolerance = (1e-3, 1e-3) if dtype == "float16" else (1e-4, 1e-5)
        compare_optimizer(single, lists, shapes, np.dtype(dtype),
                          ntensors=len(shapes), rtol=tolerance[0],
                          atol=tolerance[1])


@pytest.mark.parametrize("case", params(
    [case for case in CASES if not case.multi_tensor]))
def test_list_form_is_refused_where_mxnet_has_none(case):
    optimizer = optimizers.create(case.name)
    weights = [mx.nd.ones((2, 3)), mx.nd.ones((2, 3))]
    states = [optimizer.create_state(i, w) for i, w in enumerate(weights)]
    with pytest.raises(TypeError, match="one parameter per call"):
        optimizer.update([0, 1], weights, [mx.nd.ones((2, 3))] * 2, states)


def test_list_form_checks_its_lists():
    optimizer = optimizers.create("sgd", momentum=0.9)
    weights = [mx.nd.ones((2, 3)), mx.nd.ones((2, 3))]
    states = [optimizer.create_state(i, w) for i, w in enumerate(weights)]
    with pytest.raises(TypeError, match="grad must be a list of 2"):
        optimizer.update([0, 1], weights, [mx.nd.ones((2, 3))], states)
    with pytest.raises(TypeError, match="weight must be an mxnet NDArray"):
        optimizer.update([0, 1], [weights[0], 1.0], weights, states)
