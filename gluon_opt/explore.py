"""Explorers: move a hyperparameter and watch the optimizer (ipywidgets).

    from gluon_opt.explore import explore_2d, explore_schedule
    explore_2d(optimizer="momentum", eta=0.4, gamma=0.5)
    explore_schedule(family="cosine", optimizer="sgd", lr=0.05)

An explorer is a plain function turned into an app, as `ipywidgets.interact`
does: the computing is done by the library and by the pure functions of this
module, which a test (or a reader) calls without any browser:

- `path_2d` walks a stepper of `gluon_opt.traces` (the book's equations on
  Python floats) on one of the `OBJECTIVES`; `mxnet_path_2d` walks the same
  path through MXNet's optimizer of the same name, on float32 NDArrays;
  `book_line` prints a path's end as the book does; `largest_stable_eta` is
  gradient descent's 2/L on a quadratic.
- `schedule_run` trains the linear model on the airfoil data
  (`training.run_gluon_ch7`) with a scratch optimizer of
  `gluon_opt.optimizers` under a schedule of `gluon_opt.schedules`.

The widgets only bind controls to those functions' arguments and redraw one
matplotlib figure, sent to the page as a PNG. A value the functions would
refuse (η <= 0, γ >= 1, NaN) is refused on the control: it springs back and
the explorer says why, in the widget.

Where no widget frontend runs (nbclient, nbconvert, a static viewer) the
explorer's output also carries its figure as a PNG, so an executed notebook
still shows the picture; JupyterLab prefers the live widget.
"""
import base64
import collections
import functools
import html
import inspect
import io
import math
import re

import mxnet as mx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import _checks, data, gradient_descent, optimizers, schedules, seed, traces, training
from ._factory import unknown_name_error
from .optimizers.book import EPS

# ---------------------------------------------------------------- objectives

Objective = collections.namedtuple(
    "Objective", "formula f f_grad start box curvature")
Objective.__doc__ = """A 2-D objective: its formula as text, f and its gradient,
the starting point, the drawn box (x1 low, x1 high, x2 low, x2 high) and, for a
quadratic, its largest curvature L (else None)."""

OBJECTIVES = {
    "ill-conditioned": Objective("0.1·x1² + 2·x2²", traces.ill_conditioned_2d,
                                 traces.ill_conditioned_gradient_2d, (-5.0, -2.0),
                                 (-5.5, 1.5, -3.0, 3.0), 4.0),
    "well-conditioned": Objective("x1² + 2·x2²", gradient_descent.well_conditioned_2d,
                                  gradient_descent.well_conditioned_gradient_2d, (-5.0, -2.0),
                                  (-5.5, 5.5, -3.0, 3.0), 4.0),
    "saddle": Objective("x1² − x2²", traces.saddle_2d, traces.saddle_gradient_2d,
                        (-5.0, 0.01), (-5.5, 5.5, -3.0, 3.0), 2.0),
    "rosenbrock": Objective("(1 − x1)² + 100·(x2 − x1²)²", traces.rosenbrock_2d,
                            traces.rosenbrock_gradient_2d, (-1.5, 2.0),
                            (-2.0, 2.0, -1.0, 3.0), None),
    "wavy": Objective("0.1·x1² + x2² − cos(2·x1)", traces.wavy_2d,
                      traces.wavy_gradient_2d, (-4.0, -2.0),
                      (-6.0, 6.0, -3.0, 3.0), None),
}

# ---------------------------------------------------------------- optimizers

Method = collections.namedtuple("Method", "stepper mxnet_name mxnet_arguments")
Method.__doc__ = """A 2-D optimizer: the traces stepper, MXNet's optimizer of
the same name, and how the stepper's hyperparameters become MXNet's."""

OPTIMIZERS = {
    "gd": Method(traces.gd_2d, "sgd", lambda h: dict(learning_rate=h["eta"])),
    "momentum": Method(traces.momentum_2d, "sgd", lambda h: dict(
        learning_rate=h["eta"], momentum=h["gamma"])),
    "nag": Method(traces.nag_2d, "nag", lambda h: dict(
        learning_rate=h["eta"], momentum=h["gamma"])),
    "adagrad": Method(traces.adagrad_2d, "adagrad", lambda h: dict(
        learning_rate=h["eta"], eps=EPS)),
    "rmsprop": Method(traces.rmsprop_2d, "rmsprop", lambda h: dict(
        learning_rate=h["eta"], gamma1=h["gamma"], epsilon=EPS, centered=False)),
    "adadelta": Method(traces.adadelta_2d, "adadelta", lambda h: dict(
        rho=h["rho"], epsilon=h["eps"])),
    "adam": Method(traces.adam_2d, "adam", lambda h: dict(
        learning_rate=h["eta"], beta1=h["beta1"], beta2=h["beta2"],
        epsilon=h["eps"])),
}

# name -> (the interval it must lie in, as _checks.check_in_interval's
# low, high, low_open, high_open; why).
HYPERPARAMETERS = {
    "eta": ((0, None, True, False), "the learning rate η must be positive"),
    "gamma": ((0, 1, False, True), "γ must be in [0, 1): at 1 the velocity "
              "(or the average) never forgets and the path never settles"),
    "beta1": ((0, 1, False, True), "β1 must be in [0, 1)"),
    "beta2": ((0, 1, False, True), "β2 must be in [0, 1)"),
    "rho": ((0, 1, False, True), "ρ must be in [0, 1)"),
    "eps": ((0, None, True, False), "ε must be positive"),
}

DIVERGED = 1e8  # a path stops once |x| passes this: it has left every picture


def hyperparameters_of(optimizer):
    """{name: default} of the optimizer's stepper, e.g. {'eta': 0.4, 'gamma': 0.5}."""
    stepper = _method(optimizer).stepper
    return {name: p.default for name, p in inspect.signature(stepper).parameters.items()
            if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty}


def check_hyperparameter(name, value):
    """`value` if it is a valid `name`, else a ValueError saying why."""
    if name not in HYPERPARAMETERS:
        raise ValueError(f"no hyperparameter {name!r}; the explorers know "
                         f"{sorted(HYPERPARAMETERS)}")
    (low, high, low_open, high_open), why = HYPERPARAMETERS[name]
    try:
        return _checks.check_in_interval(name, value, low, high, low_open, high_open)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{error} ({why})") from None


def _one_of(name, known, argument):
    """`name`, if it is one of `known`'s names, else the package's one
    unknown-name error (a list or other unhashable value included)."""
    if not isinstance(name, str) or name not in known:
        raise unknown_name_error(name, known, argument)
    return name


def _method(optimizer):
    return OPTIMIZERS[_one_of(optimizer, OPTIMIZERS, "optimizer")]


def _objective(objective):
    return OBJECTIVES[_one_of(objective, OBJECTIVES, "objective")]


def _settings(optimizer, objective, steps, start, sigma, seed_, hyperparameters):
    """Checked arguments of path_2d: (method, objective, steps, start, noise,
    all hyperparameters with the stepper's defaults filled in)."""
    method, objective = _method(optimizer), _objective(objective)
    steps = _checks.check_int("steps", steps, minimum=1)
    start = objective.start if start is None else start
    if not (isinstance(start, (tuple, list)) and len(start) == 2):
        raise TypeError(f"start must be a point (x1, x2), got {start!r}")
    start = tuple(float(_checks.check_number(name, value))
                  for name, value in zip(("start[0]", "start[1]"), start))
    sigma = _checks.check_number("sigma", sigma, minimum=0)
    known = hyperparameters_of(optimizer)
    unknown = set(hyperparameters) - set(known)
    if unknown:
        raise TypeError(f"{optimizer} takes the hyperparameters {sorted(known)}, "
                        f"got {sorted(unknown)}")
    values = {**known, **hyperparameters}
    for name, value in values.items():
        check_hyperparameter(name, value)
    return method, objective, steps, start, gradient_noise(steps, sigma, seed_), values


def gradient_noise(steps, sigma, seed_=0):
    """The noise added to each step's gradient, shape (steps, 2): N(0, σ²)
    from `seed_`, or None when σ = 0 (the exact gradient)."""
    if sigma == 0:
        return None
    _checks.check_seed("seed", seed_)
    return np.random.RandomState(seed_).normal(0.0, sigma, (steps, 2))


def _noisy(f_grad, noise, step):
    if noise is None:
        return f_grad
    n1, n2 = float(noise[step, 0]), float(noise[step, 1])

    def noisy_gradient(x1, x2):
        g1, g2 = f_grad(x1, x2)
        return g1 + n1, g2 + n2
    return noisy_gradient


def _left(x1, x2):
    return not (math.isfinite(x1) and math.isfinite(x2)
                and abs(x1) < DIVERGED and abs(x2) < DIVERGED)


def path_2d(optimizer="gd", objective="ill-conditioned", steps=20, start=None,
            sigma=0.0, seed=0, **hyperparameters):
    """The points (x1, x2) that `optimizer` visits in `steps` steps on
    `objective` (a name in OBJECTIVES), as an array of shape (steps + 1, 2).

    The steps are those of the stepper in gluon_opt.traces (gd_2d, momentum_2d,
    ...) with the given hyperparameters (the stepper's defaults otherwise).
    σ > 0 adds Gaussian noise to every gradient (seeded), which turns gradient
    descent into SGD. A path that runs off (|x| > 1e8, inf or NaN) stops
    there: it is shorter than steps + 1.
    """
    method, objective, steps, (x1, x2), noise, values = _settings(
        optimizer, objective, steps, start, sigma, seed, hyperparameters)
    s1 = s2 = 0
    points = [(x1, x2)]
    with np.errstate(all="ignore"):
        for step in range(steps):
            try:
                x1, x2, s1, s2 = method.stepper(
                    x1, x2, s1, s2, f_grad=_noisy(objective.f_grad, noise, step),
                    **values)
                x1, x2 = float(x1), float(x2)
            except (OverflowError, ZeroDivisionError):
                break
            if _left(x1, x2):
                break
            points.append((x1, x2))
    return np.array(points, dtype=np.float64)


def mxnet_path_2d(optimizer="gd", objective="ill-conditioned", steps=20, start=None,
                  sigma=0.0, seed=0, **hyperparameters):
    """path_2d's walk done by MXNet's own optimizer of the same name
    (`mx.optimizer.create`, e.g. 'sgd' with momentum for momentum, 'nag',
    'adam') on a float32 NDArray: same start, same gradients (the objective's,
    plus the same noise), same hyperparameters. Shape (steps + 1, 2), float32.
    """
    method, objective, steps, start, noise, values = _settings(
        optimizer, objective, steps, start, sigma, seed, hyperparameters)
    updater = mx.optimizer.create(method.mxnet_name, **method.mxnet_arguments(values))
    weight = mx.nd.array(start, dtype=np.float32)
    state = updater.create_state(0, weight)
    points = [weight.asnumpy()]
    with np.errstate(all="ignore"):
        for step in range(steps):
            x1, x2 = (float(v) for v in points[-1])
            try:
                g1, g2 = _noisy(objective.f_grad, noise, step)(x1, x2)
            except OverflowError:
                break
            updater.update(0, weight, mx.nd.array([g1, g2], dtype=np.float32), state)
            point = weight.asnumpy()
            if _left(*map(float, point)):
                break
            points.append(point)
    return np.array(points, dtype=np.float32)


def book_line(points):
    """The book's last line of train_2d for `points`: 'epoch 20, x1: ..., x2: ...'."""
    points = np.asarray(points, dtype=np.float64)
    x1, x2 = points[-1]
    return f"epoch {len(points) - 1}, x1: {x1:f}, x2: {x2:f}"


def largest_stable_eta(objective):
    """(η, why): gradient descent's largest stable rate 2/L on a quadratic,
    with L its largest curvature; (None, why not) on the other objectives."""
    found = _objective(objective)
    if found.curvature is None:
        return None, (f"{found.formula} is not a quadratic: its curvature changes "
                      f"from point to point, so no single η = 2/L holds everywhere")
    eta = 2 / found.curvature
    return eta, (f"η = 2/L = {eta:g}: the largest curvature of {found.formula} is "
                 f"L = {found.curvature:g}, and a gradient step multiplies that "
                 f"direction by (1 − η·L), which shrinks only while η < 2/L; at 2/L "
                 f"it flips sign without shrinking, above it it grows (with "
                 f"momentum γ the edge moves out to 2·(1 + γ)/L)")


# ---------------------------------------------------------------- schedules

SCHEDULE_FAMILIES = ("constant", "factor", "multifactor", "poly", "cosine")
SCHEDULE_OPTIMIZERS = ("sgd", "nag", "adagrad", "rmsprop", "adam")

ScheduleRun = collections.namedtuple(
    "ScheduleRun", "label learning_rates epochs losses")
ScheduleRun.__doc__ = """One run of schedule_run: its label, the learning rate
of updates 1, 2, ..., and the loss against the epoch."""

_AIRFOIL = []


def airfoil():
    """The chapter's airfoil features and labels (loaded once)."""
    if not _AIRFOIL:
        with mx.util.np_array(False), mx.util.np_shape(False):
            _AIRFOIL.append(data.get_data_ch7())
    return _AIRFOIL[0]


def make_schedule(family, lr, num_updates, warmup_steps=0, step=50, factor=0.9,
                  steps=(100, 200), pwr=2.0, final_lr=0.0):
    """The schedule of `family` as gluon_opt.schedules makes it, climbing from
    0 over `warmup_steps` updates; 'constant' is 'factor' with factor 1."""
    _one_of(family, SCHEDULE_FAMILIES, "family")
    warmup = dict(base_lr=lr, warmup_steps=warmup_steps)
    if family == "constant":
        return schedules.create("factor", step=1, factor=1, **warmup)
    if family == "factor":
        return schedules.create("factor", step=step, factor=factor, **warmup)
    if family == "multifactor":
        return schedules.create("multifactor", step=list(steps), factor=factor, **warmup)
    if family == "poly":
        return schedules.create("poly", max_update=num_updates, pwr=pwr,
                                final_lr=final_lr, **warmup)
    return schedules.create("cosine", max_update=num_updates, final_lr=final_lr, **warmup)


def schedule_run(family="constant", optimizer="sgd", lr=0.05, num_epochs=2,
                 batch_size=10, warmup_steps=0, **schedule_parameters):
    """Train the chapter's linear model on the airfoil data
    (training.run_gluon_ch7) with gluon_opt's scratch `optimizer` under the
    schedule `family` (make_schedule's parameters), from seed 0."""
    _one_of(optimizer, SCHEDULE_OPTIMIZERS, "optimizer")
    check_hyperparameter("eta", lr)
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    features, labels = airfoil()
    num_updates = num_epochs * math.ceil(len(features) / batch_size)
    schedule = make_schedule(family, lr, num_updates, warmup_steps, **schedule_parameters)
    rates = schedules.learning_rates(schedule, num_updates)
    seed.set_seed(0)
    updater = optimizers.create(optimizer, learning_rate=lr, lr_scheduler=schedule)
    # The chapter's loop runs on classic NDArrays, also in a notebook that
    # switched on NumPy mode (npx.set_np(), as the lr-scheduler lesson does).
    with mx.util.np_array(False), mx.util.np_shape(False):
        history = training.run_gluon_ch7(updater, None, features, labels,
                                         batch_size=batch_size, num_epochs=num_epochs)
    shown = [f"{name} {'/'.join(map(str, value)) if isinstance(value, (list, tuple)) else f'{value:g}'}"
             for name, value in schedule_parameters.items()]
    label = ", ".join([optimizer, family, f"lr {lr:.3g}"] + shown + (
        [f"warmup {warmup_steps}"] if warmup_steps else []))
    return ScheduleRun(label, rates, list(history.epochs), list(history.losses))


# ---------------------------------------------------------------- drawing

def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def _canvas_png(canvas):
    """The canvas as drawn so far, as PNG bytes (fast zlib level: a redraw
    is encoded every time a slider moves)."""
    from PIL import Image
    width, height = canvas.get_width_height()
    buffer = io.BytesIO()
    Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
                     ).convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _static_bundle(widget, figure, text):
    """The widget's output, plus for frontends without widgets the figure
    and the printed `text` under it: as HTML (an executed notebook viewed by
    nbconvert or on GitHub), as a PNG and as plain text. A live JupyterLab
    ranks the widget first and shows it instead."""
    bundle = widget._repr_mimebundle_()
    png = base64.b64encode(_png(figure)).decode("ascii")
    bundle["image/png"] = png
    bundle["text/html"] = (f'<img src="data:image/png;base64,{png}" alt="{html.escape(text)}"/>'
                           f'<pre>{html.escape(text)}</pre>')
    bundle["text/plain"] = text
    return bundle


def _widgets():
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - depends on the install
        raise ImportError("the explorers need ipywidgets: pip install "
                          "'gluon-opt[notebooks]' (or pip install ipywidgets)") from None
    return ipywidgets


COLORS = ("#ff7f0e", "#2ca02c")  # first and second optimizer
MXNET_COLOR = "#000000"


@functools.lru_cache(maxsize=None)
def _slider_classes():
    """FloatSlider and FloatLogSlider that let any number through to the
    explorer's check, which refuses a bad one with a message (ipywidgets'
    own would clamp it silently, and take NaN)."""
    import ipywidgets
    import traitlets

    class CheckedFloatSlider(ipywidgets.FloatSlider):
        @traitlets.validate("value")
        def _validate_value(self, proposal):
            return proposal["value"]

    class CheckedLogSlider(ipywidgets.FloatLogSlider):
        @traitlets.validate("value")
        def _validate_value(self, proposal):
            return proposal["value"]
    return CheckedFloatSlider, CheckedLogSlider


def set_log_slider(control, value, low=-4.0, high=1.0):
    """Set a FloatLogSlider to `value` exactly as the page will keep it.

    The page's slider snaps its exponent to min + k·step and, when it updates
    continuously, sends the snapped value back: 0.4 on the grid -0.40, -0.39,
    ... would come back as 0.398. So the grid is laid through log10(value)
    first (min and max moved by less than a step around [low, high]), in the
    same message as the value."""
    exponent = math.log10(value)
    below = math.floor(round((exponent - low) / control.step, 6))
    above = math.floor(round((high - exponent) / control.step, 6))
    with control.hold_sync():
        control.min = exponent - below * control.step
        control.max = exponent + above * control.step
        control.value = value


class _Explorer:
    """Controls, a message line, a printed line and one figure shown as an
    Image; subclasses say what the controls mean and how to draw."""

    def __init__(self):
        self._ipywidgets = ipywidgets = _widgets()
        self._float_slider, self._log_slider = _slider_classes()
        self.controls = {}
        self._reverting = False
        self.message = ipywidgets.HTML(value="")
        self.line = ipywidgets.HTML(value="")
        self.image = ipywidgets.Image(format="png")

    def _watch(self, name, control, check=None, redraw=True):
        """Redraw when `control` changes (unless its own observer does);
        refuse a value `check` rejects, with a message."""
        self.controls[name] = control

        def changed(change):
            if self._reverting:
                return
            if check is not None:
                try:
                    check(change["new"])
                except (TypeError, ValueError) as error:
                    self._say(f"refused: {error}", error=True)
                    self._reverting = True
                    try:
                        control.value = change["old"]
                    finally:
                        self._reverting = False
                    return
            self._say("")
            if redraw:
                self.update()
        control.observe(changed, names="value")
        return control

    def _say(self, text, error=False):
        color = "#b00020" if error else "#333333"
        self.message.value = (f'<span class="gluon-opt-message" style="color:{color}">'
                              f'{html.escape(text)}</span>' if text else "")

    def update(self):
        """Recompute from the controls and redraw."""
        try:
            self.redraw()
        except (TypeError, ValueError) as error:
            self._say(f"refused: {error}", error=True)

    def _show(self):
        self.figure.canvas.draw()
        self.image.value = _canvas_png(self.figure.canvas)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return _static_bundle(self.widget, self.figure, self.printed)

    @property
    def printed(self):
        """The text under the figure, as plain text."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.line.value)).strip()


class Explorer2D(_Explorer):
    """explore_2d's app: `controls` by name, `path` and `mxnet_path` of the
    first optimizer (and `second_path`), `figure`, `line`, `message`."""

    HYPERPARAMETER_NAMES = ("eta", "gamma", "beta1", "beta2", "rho", "eps")

    def __init__(self, optimizer="gd", objective="ill-conditioned", steps=20,
                 start=None, sigma=0.0, seed=0, second=None, mxnet=False,
                 **hyperparameters):
        super().__init__()
        w = self._ipywidgets
        # Every argument goes through path_2d's checks first: a bad setting
        # is an error here, before any widget is drawn.
        path_2d(optimizer, objective, steps, start, sigma, seed, **hyperparameters)
        if second is not None:
            _method(second)
        start = OBJECTIVES[objective].start if start is None else start
        def wide():  # a Layout each: hiding one slider must not hide the others
            return dict(continuous_update=True, style={"description_width": "initial"},
                        layout=w.Layout(width="300px"))
        self._watch("objective", w.Dropdown(options=list(OBJECTIVES), value=objective,
                                            description="objective"), redraw=False)
        self._watch("optimizer", w.Dropdown(options=list(OPTIMIZERS), value=optimizer,
                                            description="optimizer"), redraw=False)
        self._watch("second", w.Dropdown(options=["none"] + list(OPTIMIZERS),
                                         value=second or "none",
                                         description="overlay"), redraw=False)
        sliders = {
            "eta": lambda: self._log_slider(min=-4, max=1, base=10, step=0.01,
                                            value=0.4, description="η",
                                            readout_format=".4g", **wide()),
            "gamma": lambda: self._float_slider(min=0, max=1, step=0.01, value=0.5,
                                                description="γ", **wide()),
            "beta1": lambda: self._float_slider(min=0, max=1, step=0.01, value=0.9,
                                                description="β1", **wide()),
            "beta2": lambda: self._float_slider(min=0.9, max=1, step=0.001, value=0.999,
                                                description="β2", readout_format=".3f",
                                                **wide()),
            "rho": lambda: self._float_slider(min=0, max=1, step=0.01, value=0.9,
                                              description="ρ", **wide()),
            "eps": lambda: self._log_slider(min=-10, max=-1, base=10, step=0.1,
                                            value=1e-6, description="ε",
                                            readout_format=".1e", **wide()),
        }
        for slot in ("", "second_"):
            for name in self.HYPERPARAMETER_NAMES:
                control = sliders[name]()
                if slot:
                    control.description += " (overlay)"
                self._watch(slot + name, control,
                            check=lambda value, name=name: check_hyperparameter(name, value))
        box = OBJECTIVES[objective].box
        self._watch("x1", self._float_slider(min=box[0], max=box[1], step=0.1,
                                             value=start[0], description="start x1", **wide()),
                    check=lambda v: _checks.check_number("start x1", v))
        self._watch("x2", self._float_slider(min=box[2], max=box[3], step=0.01,
                                             value=start[1], description="start x2", **wide()),
                    check=lambda v: _checks.check_number("start x2", v))
        self._watch("steps", w.IntSlider(min=1, max=max(200, steps), value=steps, description="steps",
                                         **wide()))
        self._watch("sigma", self._float_slider(min=0, max=2, step=0.05, value=sigma,
                                                description="noise σ", **wide()),
                    check=lambda v: _checks.check_number("sigma", v, minimum=0))
        self._watch("seed", w.BoundedIntText(min=0, max=2 ** 31 - 1, value=seed,
                                             description="seed",
                                             layout=w.Layout(width="160px")))
        self._watch("mxnet", w.Checkbox(value=mxnet, description="MXNet's optimizer, dashed"))
        self.stable_button = w.Button(description="η = 2/L",
                                      tooltip="the largest stable rate on a quadratic")
        self.stable_button.on_click(lambda _: self.set_largest_stable_eta())
        self.controls["objective"].observe(self._objective_changed, names="value")
        self.controls["optimizer"].observe(lambda c: self._defaults("", c["new"]),
                                           names="value")
        self.controls["second"].observe(lambda c: self._defaults("second_", c["new"]),
                                        names="value")
        self._hold = True
        self._defaults("", optimizer, keep_eta=False)
        self._defaults("second_", second or "none", keep_eta=False)
        for name, value in hyperparameters.items():
            self._set(name, value)
        for slot in ("", "second_"):  # lay the log sliders' grids through their values
            for name in ("eta", "eps"):
                self._set(slot + name, self.controls[slot + name].value)
        self._hold = False

        self.figure = Figure(figsize=(5.8, 3.4), dpi=100)
        FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_subplot()
        # The legend goes right of the axes, clear of the paths.
        self.figure.subplots_adjust(left=0.11, right=0.68, bottom=0.15, top=0.9)
        self._background = None
        self._contours_of = None
        self._lines = {}
        self.path = self.second_path = self.mxnet_path = None
        self.mxnet_difference = None
        c = self.controls
        left = w.VBox([c["objective"], c["optimizer"]]
                      + [c[n] for n in self.HYPERPARAMETER_NAMES]
                      + [self.stable_button, c["second"]]
                      + [c["second_" + n] for n in self.HYPERPARAMETER_NAMES])
        right = w.VBox([c["x1"], c["x2"], c["steps"], c["sigma"], c["seed"], c["mxnet"]])
        self.widget = w.VBox([w.HBox([left, right]), self.message, self.image, self.line])
        self.widget.add_class("gluon-opt-explore-2d")
        self.redraw()

    # -- controls ----------------------------------------------------------

    EXPONENTS = {"eta": (-4.0, 1.0), "eps": (-10.0, -1.0)}  # the log sliders' ranges

    def _set(self, name, value):
        """Set the control `name` from the kernel (a log slider on a grid
        through the value, so that the page keeps it exactly)."""
        control = self.controls[name]
        bare = name[len("second_"):] if name.startswith("second_") else name
        if bare in self.EXPONENTS and isinstance(value, (int, float)) and value > 0 \
                and math.isfinite(value):
            set_log_slider(control, value, *self.EXPONENTS[bare])
        else:
            control.value = value

    def _defaults(self, slot, optimizer, keep_eta=True):
        """Show the sliders of `optimizer`'s hyperparameters, at its defaults
        (η stays where the reader left it)."""
        defaults = {} if optimizer == "none" else hyperparameters_of(optimizer)
        hold, self._hold = self._hold, True
        try:
            for name in self.HYPERPARAMETER_NAMES:
                control = self.controls[slot + name]
                control.layout.display = None if name in defaults else "none"
                if name in defaults and not (keep_eta and name == "eta"):
                    self._set(slot + name, defaults[name])
        finally:
            self._hold = hold
        self.update()

    def _objective_changed(self, change):
        objective = OBJECTIVES[change["new"]]
        hold, self._hold = self._hold, True
        try:
            for name, low, high, value in (("x1", objective.box[0], objective.box[1],
                                            objective.start[0]),
                                           ("x2", objective.box[2], objective.box[3],
                                            objective.start[1])):
                control = self.controls[name]
                with control.hold_sync():
                    control.min, control.max = min(low, control.min), max(high, control.max)
                    control.value = value
                    control.min, control.max = low, high
        finally:
            self._hold = hold
        self.update()

    def set_largest_stable_eta(self):
        """The 2/L button: η = 2/L on a quadratic, and why (or why not)."""
        eta, why = largest_stable_eta(self.controls["objective"].value)
        if eta is not None:
            hold, self._hold = self._hold, True
            self._set("eta", eta)
            self._hold = hold
            self.update()
        self._say(why)
        return eta

    def settings(self, slot=""):
        """path_2d's arguments as the controls set them (slot "second_" for
        the overlay)."""
        c = self.controls
        optimizer = c["optimizer" if not slot else "second"].value
        return dict(optimizer=optimizer, objective=c["objective"].value,
                    steps=c["steps"].value, start=(c["x1"].value, c["x2"].value),
                    sigma=c["sigma"].value, seed=c["seed"].value,
                    **{name: c[slot + name].value for name in hyperparameters_of(optimizer)})

    # -- drawing -----------------------------------------------------------

    def update(self):
        if not getattr(self, "_hold", False) and hasattr(self, "figure"):
            super().update()

    def _draw_contours(self, name):
        objective = OBJECTIVES[name]
        self.axes.clear()
        self._lines = {}
        low1, high1, low2, high2 = objective.box
        x1, x2 = np.meshgrid(np.linspace(low1, high1, 160), np.linspace(low2, high2, 120))
        heights = objective.f(x1, x2)
        levels = (np.logspace(-1, 3.5, 12) if name == "rosenbrock" else 14)
        self.axes.contour(x1, x2, heights, levels=levels, colors="#1f77b4",
                          linewidths=0.6, alpha=0.7)
        self.axes.set_xlim(low1, high1)
        self.axes.set_ylim(low2, high2)
        self.axes.set_xlabel("x1")
        self.axes.set_ylabel("x2")
        self.axes.set_title(objective.formula, fontsize=10)
        self._contours_of = name
        self._background = None

    def _line(self, key, **style):
        if key not in self._lines:
            self._lines[key], = self.axes.plot([], [], **style)
        return self._lines[key]

    def redraw(self):
        """Recompute the paths from the controls and redraw the figure."""
        first = self.settings()
        if self._contours_of != first["objective"]:
            self._draw_contours(first["objective"])
        self.path = path_2d(**first)
        lines = [f"{first['optimizer']}: {book_line(self.path)}"]
        self._line("first", color=COLORS[0], marker="o", markersize=3, linewidth=1.2
                   ).set_data(self.path[:, 0], self.path[:, 1])
        self._lines["first"].set_label(first["optimizer"])
        if len(self.path) <= first["steps"]:
            lines.append(f"{first['optimizer']} ran off after {len(self.path) - 1} steps "
                         f"(|x| > {DIVERGED:g})")
        second = self.controls["second"].value
        self.second_path = None
        if second != "none":
            settings = self.settings("second_")
            self.second_path = path_2d(**settings)
            lines.append(f"{second} (overlay): {book_line(self.second_path)}")
        self._line("second", color=COLORS[1], marker="s", markersize=3, linewidth=1.2
                   ).set_data(*(self.second_path.T if self.second_path is not None
                                else ([], [])))
        self._lines["second"].set_label(f"{second} (overlay)" if second != "none"
                                        else "_nolegend_")
        self.mxnet_path = self.mxnet_difference = None
        if self.controls["mxnet"].value:
            self.mxnet_path = mxnet_path_2d(**first)
            shared = min(len(self.mxnet_path), len(self.path))
            self.mxnet_difference = float(np.max(np.abs(
                self.mxnet_path[:shared].astype(np.float64) - self.path[:shared])))
            name = OPTIMIZERS[first["optimizer"]].mxnet_name
            lines.append(f"MXNet's {name} (dashed): {book_line(self.mxnet_path)}; "
                         f"largest difference from scratch {self.mxnet_difference:.2g}")
            if first["optimizer"] == "adam":
                lines.append("(MXNet's Adam adds ε to √s before the bias correction, the "
                             "book's after it: the paths part by about ε/√ŝ per step)")
        self._line("mxnet", color=MXNET_COLOR, linestyle="--", linewidth=1.0,
                   dashes=(3, 2)).set_data(*(self.mxnet_path.T if self.mxnet_path
                                             is not None else ([], [])))
        self._lines["mxnet"].set_label(
            f"MXNet {OPTIMIZERS[first['optimizer']].mxnet_name}"
            if self.mxnet_path is not None else "_nolegend_")
        labels = [line.get_label() for line in self._lines.values()]
        if labels != getattr(self, "_legend_labels", None) or self.axes.get_legend() is None:
            legend = self.axes.get_legend()
            if legend is not None:
                legend.remove()
            self.axes.legend(loc="lower left", bbox_to_anchor=(1.01, 0.0), fontsize=8,
                             frameon=False, borderaxespad=0)
            self._legend_labels = labels
        self.line.value = "<pre class='gluon-opt-line'>" + html.escape(
            "\n".join(lines)) + "</pre>"
        self._show()

    def _show(self):
        """Blit: the contours are drawn once per objective and kept as a
        background; a redraw paints only the paths and the legend on it."""
        canvas = self.figure.canvas
        moving = list(self._lines.values()) + [self.axes.get_legend()]
        if self._background is None:
            for artist in moving:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for artist in moving:
                artist.set_visible(True)
        canvas.restore_region(self._background)
        for artist in moving:
            self.axes.draw_artist(artist)
        self.image.value = _canvas_png(canvas)


def explore_2d(optimizer="gd", objective="ill-conditioned", steps=20, start=None,
               sigma=0.0, seed=0, second=None, mxnet=False, **hyperparameters):
    """An app: the path of `optimizer` on a 2-D `objective`, redrawn as its
    controls move (objective, optimizer and an overlay, hyperparameters, start,
    steps, gradient noise σ and its seed, MXNet's optimizer dashed, η = 2/L).

    Under the figure, the book's line 'epoch 20, x1: ..., x2: ...'. The
    arguments are the first settings, path_2d's, e.g.
    explore_2d('momentum', eta=0.6, gamma=0.5). Returns the Explorer2D
    (displayed when it is a cell's last value).
    """
    return Explorer2D(optimizer, objective, steps, start, sigma, seed, second, mxnet,
                      **hyperparameters)


class ExploreSchedule(_Explorer):
    """explore_schedule's app: `controls`, `runs` (the last ones, newest
    last), `figure`, `line`, `message`."""

    KEEP = 4  # the current run and the 3 before it, drawn faintly

    def __init__(self, family="constant", optimizer="sgd", lr=0.05, num_epochs=2,
                 warmup_steps=0, step=50, factor=0.9, steps=(100, 200), pwr=2.0,
                 final_lr=0.0):
        super().__init__()
        w = self._ipywidgets
        def wide():  # a Layout each: hiding one slider must not hide the others
            return dict(continuous_update=False, style={"description_width": "initial"},
                        layout=w.Layout(width="300px"))
        self._watch("family", w.Dropdown(options=list(SCHEDULE_FAMILIES), value=family,
                                         description="schedule"))
        self._watch("optimizer", w.Dropdown(options=list(SCHEDULE_OPTIMIZERS),
                                            value=optimizer, description="optimizer"))
        self._watch("lr", self._log_slider(min=-3, max=0, base=10, step=0.05, value=lr,
                                           description="lr", readout_format=".3g", **wide()),
                    check=lambda v: check_hyperparameter("eta", v))
        self._watch("num_epochs", w.IntSlider(min=1, max=5, value=num_epochs,
                                              description="epochs", **wide()))
        self._watch("warmup_steps", w.IntSlider(min=0, max=300, step=10, value=warmup_steps,
                                                description="warmup steps", **wide()))
        self._watch("step", w.IntSlider(min=10, max=300, step=10, value=step,
                                        description="step", **wide()))
        self._watch("factor", self._float_slider(min=0.05, max=1, step=0.05, value=factor,
                                                 description="factor", **wide()),
                    check=lambda v: _checks.check_in_interval("factor", v, 0, 1, True))
        self._watch("steps", w.Text(value=", ".join(str(s) for s in steps),
                                    description="steps (list)", continuous_update=False),
                    check=self._parse_steps)
        self._watch("pwr", self._float_slider(min=0.5, max=4, step=0.5, value=pwr,
                                              description="power", **wide()),
                    check=lambda v: _checks.check_number("pwr", v, minimum=0))
        self._watch("final_lr", self._float_slider(min=0, max=0.05, step=0.005,
                                                   value=final_lr, description="final lr",
                                                   readout_format=".3f", **wide()),
                    check=lambda v: _checks.check_number("final_lr", v, minimum=0))
        self.controls["family"].observe(lambda c: self._show_parameters(), names="value")
        self.runs = collections.deque(maxlen=self.KEEP)
        self.figure = Figure(figsize=(8, 3), dpi=100)
        FigureCanvasAgg(self.figure)
        self.rate_axes, self.loss_axes = self.figure.subplots(1, 2)
        c = self.controls
        self.widget = w.VBox([
            w.HBox([w.VBox([c["family"], c["optimizer"], c["lr"], c["num_epochs"],
                            c["warmup_steps"]]),
                    w.VBox([c["step"], c["factor"], c["steps"], c["pwr"], c["final_lr"]])]),
            self.message, self.image, self.line])
        self.widget.add_class("gluon-opt-explore-schedule")
        self._show_parameters()
        self.redraw()

    @staticmethod
    def _parse_steps(text):
        try:
            steps = [int(part) for part in str(text).replace(" ", "").split(",") if part]
        except ValueError:
            raise ValueError(f"steps must be update numbers separated by commas, "
                             f"e.g. 100, 200, got {text!r}") from None
        if not steps or any(b <= a for a, b in zip(steps, steps[1:])) or steps[0] < 1:
            raise ValueError(f"steps must be increasing update numbers from 1 on, "
                             f"e.g. 100, 200, got {text!r}")
        return steps

    PARAMETERS = {"constant": (), "factor": ("step", "factor"),
                  "multifactor": ("steps", "factor"), "poly": ("pwr", "final_lr"),
                  "cosine": ("final_lr",)}

    def _show_parameters(self):
        shown = self.PARAMETERS[self.controls["family"].value]
        for name in ("step", "factor", "steps", "pwr", "final_lr"):
            self.controls[name].layout.display = None if name in shown else "none"

    def settings(self):
        """schedule_run's arguments as the controls set them."""
        c = self.controls
        family = c["family"].value
        parameters = {"step": c["step"].value, "factor": c["factor"].value,
                      "steps": self._parse_steps(c["steps"].value), "pwr": c["pwr"].value,
                      "final_lr": c["final_lr"].value}
        return dict(family=family, optimizer=c["optimizer"].value, lr=c["lr"].value,
                    num_epochs=c["num_epochs"].value,
                    warmup_steps=c["warmup_steps"].value,
                    **{name: parameters[name] for name in self.PARAMETERS[family]})

    def redraw(self):
        """Train with the controls' settings and draw it over the last runs."""
        run = schedule_run(**self.settings())
        self.runs.append(run)
        for axes in (self.rate_axes, self.loss_axes):
            axes.clear()
        for age, past in enumerate(reversed(self.runs)):
            current = age == 0
            style = (dict(color="#1f77b4", linewidth=1.6, label=past.label) if current
                     else dict(color="0.5", linewidth=0.9, alpha=0.45 - 0.1 * age,
                               label="earlier runs" if age == 1 else "_nolegend_"))
            self.rate_axes.plot(np.arange(1, len(past.learning_rates) + 1),
                                past.learning_rates, **style)
            self.loss_axes.plot(past.epochs, past.losses, **style)
        self.rate_axes.set_xlabel("update")
        self.rate_axes.set_ylabel("learning rate")
        self.rate_axes.set_ylim(bottom=0)
        self.loss_axes.set_xlabel("epoch")
        self.loss_axes.set_ylabel("loss")
        self.loss_axes.legend(fontsize=8, loc="upper right", frameon=False)
        self.figure.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.95,
                                    wspace=0.3)
        self.line.value = "<pre class='gluon-opt-line'>" + html.escape(
            f"{run.label}: final loss {run.losses[-1]:f}, last lr "
            f"{run.learning_rates[-1]:g}") + "</pre>"
        self._show()


def explore_schedule(family="constant", optimizer="sgd", lr=0.05, num_epochs=2,
                     warmup_steps=0, **schedule_parameters):
    """An app: train on the airfoil data under a learning-rate schedule
    (constant, factor, multifactor, poly or cosine, each with warmup) and a
    scratch optimizer; draws the learning rate against the update and the loss
    against the epoch, the last 3 runs faintly. Returns the ExploreSchedule."""
    return ExploreSchedule(family, optimizer, lr, num_epochs, warmup_steps,
                           **schedule_parameters)
