"""gluon_opt.initializers draw from MXNet's distributions and plug into
Gluon's Block.initialize and Module.init_params."""
import math

import mxnet as mx
import numpy as np
import pytest
from mxnet import gluon

import gluon_opt
from gluon_opt import initializers

# name, kwargs, MXNet's equivalent
CASES = [
    ("zero", {}, mx.init.Zero()),
    ("one", {}, mx.init.One()),
    ("constant", dict(value=-0.25), mx.init.Constant(-0.25)),
    ("uniform", dict(scale=0.3), mx.init.Uniform(0.3)),
    ("normal", dict(sigma=0.2), mx.init.Normal(0.2)),
    ("xavier", {}, mx.init.Xavier()),
    ("xavier", dict(rnd_type="gaussian", factor_type="in", magnitude=2),
     mx.init.Xavier("gaussian", "in", 2)),
    ("xavier", dict(rnd_type="uniform", factor_type="out", magnitude=6),
     mx.init.Xavier("uniform", "out", 6)),
    ("msraprelu", {}, mx.init.MSRAPrelu()),
    ("msraprelu", dict(factor_type="in", slope=0.0), mx.init.MSRAPrelu("in", 0.0)),
    ("orthogonal", {}, mx.init.Orthogonal()),
    ("orthogonal", dict(scale=0.5, rand_type="normal"),
     mx.init.Orthogonal(0.5, "normal")),
]
IDS = [f"{name}-{'-'.join(map(str, kwargs.values()))}" for name, kwargs, _ in CASES]

LARGE_DENSE = (1000, 600)         # 600k draws
LARGE_CONV = (128, 64, 3, 3)      # fan_in 576, fan_out 1152


def draw(init, shape, seed, name="layer_weight"):
    mx.random.seed(seed)
    arr = mx.nd.zeros(shape)
    init(mx.init.InitDesc(name), arr)
    return arr.asnumpy()


def expected_spread(name, kwargs, shape):
    """(distribution, parameter): 'uniform' with its bound, 'normal' with its
    standard deviation, from the formulas in MXNet's docstrings."""
    if name == "uniform":
        return "uniform", kwargs["scale"]
    if name == "normal":
        return "normal", kwargs["sigma"]
    receptive = np.prod(shape[2:]) if len(shape) > 2 else 1
    fan_in, fan_out = shape[1] * receptive, shape[0] * receptive
    factor_type = kwargs.get("factor_type", "avg")
    n = {"avg": (fan_in + fan_out) / 2, "in": fan_in, "out": fan_out}[factor_type]
    if name == "msraprelu":
        magnitude = 2 / (1 + kwargs.get("slope", 0.25) ** 2)
        return "normal", math.sqrt(magnitude / n)
    c = math.sqrt(kwargs.get("magnitude", 3) / n)
    return ("uniform" if kwargs.get("rnd_type", "uniform") == "uniform"
            else "normal"), c


@pytest.mark.parametrize("name, kwargs, theirs", CASES, ids=IDS)
def test_is_own_initializer_and_draws_what_mxnet_draws(name, kwargs, theirs):
    ours = initializers.create(name, **kwargs)
    assert isinstance(ours, mx.init.Initializer)
    assert isinstance(ours, initializers.Initializer)
    assert type(ours).__module__ == "gluon_opt.initializers"
    # Same generator, same seed: the very numbers MXNet's initializer draws.
    np.testing.assert_array_equal(draw(ours, (30, 40), seed=7),
                                  draw(theirs, (30, 40), seed=7))


RANDOM_CASES = [case for case in CASES
                if case[0] in ("uniform", "normal", "xavier", "msraprelu")]


@pytest.mark.parametrize("shape", [LARGE_DENSE, LARGE_CONV], ids=["dense", "conv"])
@pytest.mark.parametrize("name, kwargs, theirs", RANDOM_CASES,
                         ids=[i for i, c in zip(IDS, CASES) if c in RANDOM_CASES])
def test_statistics_match_mxnet_on_large_shapes(name, kwargs, theirs, shape):
    ours_w = draw(initializers.create(name, **kwargs), shape, seed=1)
    theirs_w = draw(theirs, shape, seed=2)    # independent draws
    kind, spread = expected_spread(name, kwargs, shape)
    std = spread / math.sqrt(3) if kind == "uniform" else spread
    for weights in (ours_w, theirs_w):
        assert abs(weights.mean()) < 5 * std / math.sqrt(weights.size)
        assert weights.std() == pytest.approx(std, rel=0.01)
    assert ours_w.std() == pytest.approx(theirs_w.std(), rel=0.01)
    if kind == "uniform":
        for weights in (ours_w, theirs_w):
            assert np.abs(weights).max() <= spread * (1 + 1e-6)
            assert np.abs(weights).max() > 0.999 * spread
    else:
        # Normal tails: about 4.6% of draws lie beyond 2 standard deviations.
        for weights in (ours_w, theirs_w):
            assert np.mean(np.abs(weights) > 2 * std) == pytest.approx(0.0455, abs=0.003)


@pytest.mark.parametrize("shape", [(50, 200), (200, 50), (16, 4, 3, 3)])
@pytest.mark.parametrize("rand_type", ["uniform", "normal"])
def test_orthogonal_rows_or_columns(shape, rand_type):
    scale = 1.3
    weights = draw(initializers.create("orthogonal", scale=scale,
                                       rand_type=rand_type), shape, seed=0)
    assert weights.shape == shape
    flat = weights.reshape(shape[0], -1).astype(np.float64)
    rows, cols = flat.shape
    gram = flat @ flat.T if rows <= cols else flat.T @ flat
    np.testing.assert_allclose(gram, scale ** 2 * np.eye(min(rows, cols)),
                               atol=1e-4)


def test_biases_gamma_beta_follow_mxnet_rules():
    init = initializers.create("normal", sigma=1.0)
    for name, expected in (("fc_bias", 0.0), ("bn_gamma", 1.0), ("bn_beta", 0.0)):
        np.testing.assert_array_equal(draw(init, (7,), seed=0, name=name),
                                      np.full((7,), expected))


def test_gluon_block_initialize_with_deferred_shapes():
    gluon_opt.set_seed(0)
    net = gluon.nn.Sequential()
    net.add(gluon.nn.Dense(300, activation="relu"), gluon.nn.Dense(10))
    net.initialize(initializers.create("xavier", rnd_type="gaussian",
                                       factor_type="in", magnitude=2))
    net(mx.nd.ones((2, 500)))               # shapes known, weights drawn now
    hidden, output = net[0], net[1]
    assert hidden.weight.data().asnumpy().std() == pytest.approx(
        math.sqrt(2 / 500), rel=0.02)
    assert output.weight.data().asnumpy().std() == pytest.approx(
        math.sqrt(2 / 300), rel=0.05)
    for layer in (hidden, output):            # Dense's bias has init 'zeros'
        assert not layer.bias.data().asnumpy().any()


def test_gluon_parameter_without_own_init_uses_ours_by_init_key():
    # Gluon passes InitDesc(name, {'__init__': init}); with no init of its
    # own a parameter gets our _init_weight whatever its name.
    param = gluon.Parameter("scale", shape=(4000,))
    mx.random.seed(0)
    param.initialize(init=None, default_init=initializers.create("uniform", scale=2.0))
    values = param.data().asnumpy()
    assert np.abs(values).max() <= 2.0 and values.std() > 1.0


def module():
    data = mx.sym.Variable("data")
    fc = mx.sym.FullyConnected(data, name="fc", num_hidden=400)
    mod = mx.mod.Module(mx.sym.SoftmaxOutput(fc, name="softmax"))
    mod.bind(data_shapes=[("data", (8, 300))],
             label_shapes=[("softmax_label", (8,))])
    return mod


def test_module_init_params_draws_weights_and_zero_biases():
    mod = module()
    mod.init_params(initializers.create("uniform", scale=1.0))
    args, _ = mod.get_params()
    weight = args["fc_weight"].asnumpy()
    assert np.abs(weight).max() <= 1.0
    assert weight.std() == pytest.approx(1 / math.sqrt(3), rel=0.01)
    assert not args["fc_bias"].asnumpy().any()


def test_set_seed_repeats_the_draw():
    runs = []
    for _ in range(2):
        gluon_opt.set_seed(0)
        mod = module()
        mod.init_params(initializers.create("msraprelu"))
        runs.append(mod.get_params()[0]["fc_weight"].asnumpy())
    np.testing.assert_array_equal(runs[0], runs[1])
    gluon_opt.set_seed(1)
    other = draw(initializers.create("msraprelu"), runs[0].shape, seed=1)
    assert not np.array_equal(runs[0], other)


BAD_ARGUMENTS = [
    ("lecun", {}, ValueError, "name"),
    ("uniform", dict(scale=-1.0), ValueError, "scale"),
    ("normal", dict(sigma=-0.1), ValueError, "sigma"),
    ("orthogonal", dict(scale=-1.0), ValueError, "scale"),
    ("orthogonal", dict(rand_type="gaussian"), ValueError, "rand_type"),
    ("xavier", dict(rnd_type="normal"), ValueError, "rnd_type"),
    ("xavier", dict(factor_type="fan_in"), ValueError, "factor_type"),
    ("xavier", dict(magnitude=-3), ValueError, "magnitude"),
    ("msraprelu", dict(factor_type="mean"), ValueError, "factor_type"),
    ("constant", dict(value="0.5"), TypeError, "value"),
    ("uniform", dict(sigma=1.0), TypeError, "sigma"),
]


@pytest.mark.parametrize("name, kwargs, error, argument", BAD_ARGUMENTS)
def test_bad_arguments_name_the_argument(name, kwargs, error, argument):
    with pytest.raises(error, match=argument):
        initializers.create(name, **kwargs)


def test_unknown_name_lists_known_ones():
    with pytest.raises(ValueError) as info:
        initializers.create("lecun")
    for known in ("zero", "one", "constant", "uniform", "normal", "xavier",
                  "msraprelu", "orthogonal"):
        assert repr(known) in str(info.value)


def test_xavier_on_a_vector_names_the_parameter():
    with pytest.raises(ValueError, match="dense0_weight"):
        draw(initializers.create("xavier"), (5,), seed=0, name="dense0_weight")


@pytest.mark.parametrize("name, kwargs, theirs", CASES, ids=IDS)
def test_works_in_numpy_mode_like_mxnets(name, kwargs, theirs):
    # With npx.set_np() Gluon's parameters are mx.np arrays; ours fills them
    # with the numbers MXNet's initializer would.
    weights = []
    mx.npx.set_np()
    try:
        for init in (initializers.create(name, **kwargs), theirs):
            mx.random.seed(5)
            net = gluon.nn.Dense(12, in_units=9)
            net.initialize(init)
            weights.append(net.weight.data().asnumpy())
    finally:
        mx.npx.reset_np()
    np.testing.assert_array_equal(weights[0], weights[1])
