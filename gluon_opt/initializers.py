"""Weight initializers: where the first weights are drawn from, and why.

`create(name, **kwargs)` builds 'zero', 'one', 'constant' (value), 'uniform'
(scale), 'normal' (sigma), 'xavier' (rnd_type, factor_type, magnitude),
'msraprelu' (factor_type, slope) or 'orthogonal' (scale, rand_type) as an
`mx.init.Initializer`, so it goes wherever MXNet's do:

    net.initialize(initializers.create('xavier', magnitude=2))   # Gluon
    mod.init_params(initializers.create('uniform', scale=1.0))    # Module

Each draws from the same distribution as MXNet's initializer of that name,
with MXNet's generator (mx.nd.random), so `gluon_opt.set_seed` makes a run
repeatable (and, seeded alike, draws the very numbers MXNet's would).

How MXNet calls an initializer: `Initializer.__call__(desc, arr)` (kept from
the base class) dispatches on the parameter's name. Module.init_params passes
InitDesc('fc_weight') and InitDesc('fc_bias'): names ending in 'weight' go to
`_init_weight` (our distribution), 'bias' to `_init_bias` (zero, as MXNet's),
'gamma' to one, 'beta' to zero. Gluon's Parameter.initialize instead passes
InitDesc(name, attrs={'__init__': init}) where init is the Parameter's own
initializer if it has one (Dense's bias has 'zeros') and ours otherwise, and
the base class then calls that initializer's `_init_weight` whatever the
name. So a subclass only defines `_init_weight`.
"""
import numbers

import mxnet as mx
import numpy as np

from . import _checks
from ._factory import Factory, unknown_name_error

INITIALIZERS = Factory("initializer")
register = INITIALIZERS.register


def create(name, **kwargs):
    """The initializer `name` made with MXNet's keyword arguments, e.g.
    create('xavier', rnd_type='gaussian', factor_type='in', magnitude=2)."""
    return INITIALIZERS.create(name, **kwargs)


def _random():
    """MXNet's generator, for NDArrays or (in numpy mode) mx.np arrays."""
    return mx.np.random if mx.util.is_np_array() else mx.nd.random


def _check_choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise unknown_name_error(value, choices, argument=name)
    return value


def fan_in_out(shape):
    """(fan_in, fan_out) of a weight: its input and output widths, each times
    the receptive field (the product of shape[2:]) for a convolution."""
    receptive_field = float(np.prod(shape[2:])) if len(shape) > 2 else 1.0
    return shape[1] * receptive_field, shape[0] * receptive_field


class Initializer(mx.init.Initializer):
    """Bookkeeping from MXNet's base class (dispatch by name, zero biases);
    a subclass defines only `_init_weight`. The keyword arguments given to
    the base are MXNet's, so `dumps()` describes the same distribution."""
    name = None

    def __repr__(self):
        return f"{type(self).__name__}({self._kwargs})"


# Zero and One are alike on purpose: each is the registry's class for its
# name, found by grep, as every initializer here is.
@register("zero")
class Zero(Initializer):
    """Every weight 0 (useless for hidden layers: all units stay the same)."""

    def __init__(self):
        super().__init__()

    def _init_weight(self, _, arr):
        arr[:] = 0


@register("one")
class One(Initializer):
    """Every weight 1."""

    def __init__(self):
        super().__init__()

    def _init_weight(self, _, arr):
        arr[:] = 1


@register("constant")
class Constant(Initializer):
    """Every weight `value` (a number)."""

    def __init__(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"value must be a number, got {value!r} "
                            f"({type(value).__name__})")
        value = _checks.check_float32("value", value)
        super().__init__(value=value)
        self.value = value

    def _init_weight(self, _, arr):
        arr[:] = self.value


@register("uniform")
class Uniform(Initializer):
    """Weights drawn uniformly from [-scale, scale]."""

    def __init__(self, scale=0.07):
        scale = _checks.check_float32("scale", scale, minimum=0)
        super().__init__(scale=scale)
        self.scale = scale

    def _init_weight(self, _, arr):
        _random().uniform(-self.scale, self.scale, arr.shape, out=arr)


@register("normal")
class Normal(Initializer):
    """Weights drawn from N(0, sigma²)."""

    def __init__(self, sigma=0.01):
        sigma = _checks.check_float32("sigma", sigma, minimum=0)
        super().__init__(sigma=sigma)
        self.sigma = sigma

    def _init_weight(self, _, arr):
        _random().normal(0, self.sigma, arr.shape, out=arr)


@register("xavier")
class Xavier(Initializer):
    """Glorot & Bengio 2010, "Understanding the difficulty of training deep
    feedforward neural networks": keep the variance of activations (and of
    gradients) about equal from layer to layer.

    With n = fan_in, fan_out or their mean (factor_type 'in', 'out', 'avg'),
    c = sqrt(magnitude / n): 'uniform' draws from [-c, c] (variance c²/3),
    'gaussian' from N(0, c²).
    """
    RND_TYPES = ("uniform", "gaussian")
    FACTOR_TYPES = ("avg", "in", "out")

    def __init__(self, rnd_type="uniform", factor_type="avg", magnitude=3):
        _check_choice("rnd_type", rnd_type, self.RND_TYPES)
        _check_choice("factor_type", factor_type, self.FACTOR_TYPES)
        magnitude = float(_checks.check_float32("magnitude", magnitude, minimum=0))
        super().__init__(rnd_type=rnd_type, factor_type=factor_type,
                         magnitude=magnitude)
        self.rnd_type = rnd_type
        self.factor_type = factor_type
        self.magnitude = magnitude

    def bound(self, shape):
        """c = sqrt(magnitude / n) for a weight of this shape."""
        fan_in, fan_out = fan_in_out(shape)
        n = {"avg": (fan_in + fan_out) / 2.0, "in": fan_in,
             "out": fan_out}[self.factor_type]
        return float(np.sqrt(self.magnitude / n))

    def _init_weight(self, name, arr):
        if len(arr.shape) < 2:
            raise ValueError(f"the xavier initializer needs a weight with at "
                             f"least 2 dimensions (output, input, ...); "
                             f"{name} has shape {arr.shape}")
        c = self.bound(arr.shape)
        if self.rnd_type == "uniform":
            _random().uniform(-c, c, arr.shape, out=arr)
        else:
            _random().normal(0, c, arr.shape, out=arr)


@register("msraprelu")
class MSRAPrelu(Xavier):
    """He et al. 2015, "Delving Deep into Rectifiers": Xavier's gaussian with
    magnitude 2/(1 + slope²), for ReLU (slope 0) and PReLU layers."""

    def __init__(self, factor_type="avg", slope=0.25):
        slope = _checks.check_float32("slope", slope)
        super().__init__("gaussian", factor_type, 2.0 / (1 + slope ** 2))
        self._kwargs = {"factor_type": factor_type, "slope": slope}
        self.slope = slope


@register("orthogonal")
class Orthogonal(Initializer):
    """Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning
    in deep linear neural networks": scale times an orthonormal matrix.

    The weight, flattened to (out, in), is a factor of the SVD of a random
    matrix: its rows are orthonormal when out <= in (W·Wᵀ = scale²·I), its
    columns when out > in.
    """
    RAND_TYPES = ("uniform", "normal")

    def __init__(self, scale=1.414, rand_type="uniform"):
        scale = _checks.check_float32("scale", scale, minimum=0)
        _check_choice("rand_type", rand_type, self.RAND_TYPES)
        super().__init__(scale=scale, rand_type=rand_type)
        self.scale = scale
        self.rand_type = rand_type

    def _init_weight(self, _, arr):
        rows, cols = arr.shape[0], int(np.prod(arr.shape[1:]))
        if self.rand_type == "uniform":
            draw = mx.nd.random.uniform(-1.0, 1.0, shape=(rows, cols))
        else:
            draw = mx.nd.random.normal(0.0, 1.0, shape=(rows, cols))
        draw = draw.asnumpy()
        left, _, right = np.linalg.svd(draw, full_matrices=False)
        # left is (rows, k), right is (k, cols), k = min(rows, cols): take the
        # one with the weight's shape.
        orthonormal = left if left.shape == draw.shape else right
        arr[:] = self.scale * orthonormal.reshape(arr.shape)
