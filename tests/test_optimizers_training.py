"""Our optimizers work where MXNet's do: gluon.Trainer (as an instance and by
the 'scratch_' name), Module.init_optimizer, and Trainer.save_states /
load_states, on the chapter's linear regression y = 2·x1 − 3.4·x2 + 4.2 + noise.
"""
import mxnet as mx
import numpy as np
import pytest
from mxnet import autograd, gluon, nd

import gluon_opt
from gluon_opt import optimizers
from optimizer_cases import CASES, WITH_MXNET, params

NOISE_FLOOR = 0.5 * 0.01 ** 2  # L2Loss of the label noise (std 0.01)


def linreg_data(seed=0, with_ones=False):
    features, labels = gluon_opt.synthetic_linreg(seed=seed)
    if with_ones:  # the bias as a weight on a constant feature
        features = nd.concat(features, nd.ones((features.shape[0], 1)), dim=1)
    return features, labels


def make_net(use_bias=True):
    net = gluon.nn.Dense(1, use_bias=use_bias)
    net.initialize(mx.init.Zero())
    return net


def batches(features, labels, batch_size, epochs, seed=0):
    rng = np.random.RandomState(seed)
    n = features.shape[0]
    for _ in range(epochs):
        order = nd.array(rng.permutation(n))
        X, y = features.take(order), labels.take(order)
        for start in range(0, n, batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]


def train(net, trainer, data, batch_size, step_size=None):
    loss = gluon.loss.L2Loss()
    for X, y in data:
        with autograd.record():
            batch_loss = loss(net(X), y)
        batch_loss.backward()
        trainer.step(step_size or batch_size)


def full_loss(net, features, labels):
    return gluon.loss.L2Loss()(net(features), labels).mean().asscalar()


@pytest.mark.parametrize("case", params([case for case in CASES
                                         if case.training is not None]))
def test_trainer_reaches_the_noise_floor(case):
    """The case's settings (keyword arguments, epochs of 100 minibatches of
    10) train this problem from zero weights to the noise floor."""
    kwargs, epochs = case.training()
    # 2-D weights only (GroupAdaGrad, as MXNet's): the bias as a weight
    grouped = case.weights_2d_only
    features, labels = linreg_data(with_ones=grouped)
    net = make_net(use_bias=not grouped)
    trainer = gluon.Trainer(net.collect_params(),
                            optimizers.create(case.name, **kwargs))
    train(net, trainer, batches(features, labels, 10, epochs), 10)
    assert full_loss(net, features, labels) < 2 * NOISE_FLOOR


def test_sgld_samples_around_the_true_weights():
    """SGLD is a sampler, not a minimizer: with the gradient of the summed loss
    (rescaled by N/batch) its weights wander around w* with a posterior spread
    of about 1/sqrt(N) ≈ 0.03, and their average sits next to w*."""
    features, labels = linreg_data()
    net = make_net()
    mx.random.seed(0)
    trainer = gluon.Trainer(net.collect_params(),
                            optimizers.create("sgld", learning_rate=1e-3))
    loss = gluon.loss.L2Loss()
    samples = []
    for X, y in batches(features, labels, 10, 3):
        with autograd.record():
            batch_loss = loss(net(X), y)
        batch_loss.backward()
        trainer.step(10 / 1000)  # rescale_grad = N / batch_size
        samples.append(np.append(net.weight.data().asnumpy().ravel(),
                                 net.bias.data().asnumpy()))
    average = np.mean(samples[-200:], axis=0)
    np.testing.assert_allclose(average, [2, -3.4, 4.2], atol=0.05)
    spread = np.std(samples[-200:], axis=0)
    assert (spread > 0.005).all() and (spread < 0.1).all()


def test_trainer_takes_the_scratch_name_and_mxnet_names_stay_mxnets():
    net = make_net()
    trainer = gluon.Trainer(net.collect_params(), "scratch_adam",
                            {"learning_rate": 0.1})
    assert isinstance(trainer._optimizer, optimizers.Adam)
    assert type(mx.optimizer.create("adam")) is mx.optimizer.Adam
    for case in WITH_MXNET:
        assert not isinstance(mx.optimizer.create(case.name), optimizers.Optimizer)


@pytest.mark.parametrize("name", ["adam", "sgd", "rmsprop", "nadam"])
def test_trainer_steps_equal_mxnets(name):
    """The whole gluon.Trainer path (rescale by 1/batch_size, param_dict
    multipliers) gives the same weights with ours as with MXNet's."""
    features, labels = linreg_data()
    kwargs = {"learning_rate": 0.05, "wd": 1e-3}
    if name == "sgd":
        kwargs["momentum"] = 0.9
    nets = []
    for make in (mx.optimizer.create, optimizers.create):
        net = make_net()
        net.bias.lr_mult = 0.5
        trainer = gluon.Trainer(net.collect_params(), make(name, **kwargs))
        train(net, trainer, batches(features, labels, 10, 1), 10)
        nets.append(net)
    for theirs, ours in zip(*(n.collect_params().values() for n in nets)):
        np.testing.assert_allclose(ours.data().asnumpy(), theirs.data().asnumpy(),
                                   rtol=1e-4, atol=1e-5)


def _module(optimizer, features, labels, batch_size=10, epochs=2):
    data = mx.sym.Variable("data")
    label = mx.sym.Variable("lin_reg_label")
    output = mx.sym.FullyConnected(data, num_hidden=1, name="fc")
    output = mx.sym.LinearRegressionOutput(output, label, name="lin_reg")
    module = mx.mod.Module(output, label_names=["lin_reg_label"])
    iterator = mx.io.NDArrayIter(features, labels, batch_size, shuffle=False,
                                 label_name="lin_reg_label")
    module.bind(data_shapes=iterator.provide_data,
                label_shapes=iterator.provide_label)
    module.init_params(mx.init.Zero())
    module.init_optimizer(optimizer=optimizer)
    for _ in range(epochs):
        iterator.reset()
        for batch in iterator:
            module.forward_backward(batch)
            module.update()
    return module


def test_module_init_optimizer_with_ours_matches_mxnets():
    features, labels = linreg_data()
    kwargs = {"learning_rate": 0.05, "momentum": 0.9, "rescale_grad": 1 / 10}
    theirs = _module(mx.optimizer.create("nag", **kwargs), features, labels)
    ours = _module(optimizers.create("nag", **kwargs), features, labels)
    assert isinstance(ours._optimizer, optimizers.NAG)
    theirs_args, _ = theirs.get_params()
    ours_args, _ = ours.get_params()
    for key in ("fc_weight", "fc_bias"):
        np.testing.assert_allclose(ours_args[key].asnumpy(),
                                   theirs_args[key].asnumpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(ours_args["fc_weight"].asnumpy().ravel(),
                               [2, -3.4], atol=0.01)
    np.testing.assert_allclose(ours_args["fc_bias"].asnumpy(), [4.2], atol=0.01)


@pytest.mark.parametrize("case", params(CASES))
def test_save_and_load_states_resumes_exactly(case, tmp_path):
    """4 steps, save, then 4 more steps in a fresh net and Trainer that load
    the files, give the same weights as 8 steps in one go; a fresh Trainer
    that does not load the states gives other weights (SGLD has no state;
    Signum's steps are signs, which here agree with or without the momentum)."""
    name = case.name
    features, labels = linreg_data(with_ones=True)
    data = list(batches(features, labels, 10, 1))[:8]
    params, states = str(tmp_path / "half.params"), str(tmp_path / "half.states")

    def fresh():
        net = make_net(use_bias=False)
        trainer = gluon.Trainer(net.collect_params(),
                                optimizers.create(name, **case.resume))
        return net, trainer

    net, trainer = fresh()
    train(net, trainer, data[:4], 10)
    net.save_parameters(params)
    trainer.save_states(states)
    mx.random.seed(2)  # SGLD's noise
    train(net, trainer, data[4:], 10)
    uninterrupted = net.weight.data().asnumpy()

    def resume(load_states):
        net, trainer = fresh()
        net.load_parameters(params)
        if load_states:
            trainer.load_states(states)
            assert type(trainer._optimizer) is type(optimizers.create(name))
        mx.random.seed(2)
        train(net, trainer, data[4:], 10)
        return net.weight.data().asnumpy()

    np.testing.assert_allclose(resume(True), uninterrupted, rtol=1e-6, atol=1e-7)
    if case.resume_needs_state:
        assert not np.allclose(resume(False), uninterrupted, rtol=1e-6, atol=1e-7)
