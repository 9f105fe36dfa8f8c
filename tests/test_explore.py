"""The explorers, driven as a reader drives them, without a browser: a
control's value set from Python runs what a slider move runs in the kernel.
The browser's side (the page, the keyboard) is tests/test_explore_browser.py."""
import io
import math
from contextlib import redirect_stdout

import numpy as np
import pytest

pytest.importorskip("ipywidgets", reason="the explorers need ipywidgets: "
                    "pip install -e '.[test]'")

from gluon_opt import d2l, explore, schedules, traces  # noqa: E402

FLOAT32_EPS = float(np.finfo(np.float32).eps)

# The book's printed lines (d2l-en 1.0 prints them with colons) at its settings.
BOOK_LINES = [
    ("gd", dict(eta=0.4), "epoch 20, x1: -0.943467, x2: -0.000073"),
    ("momentum", dict(eta=0.4, gamma=0.5), "epoch 20, x1: -0.062843, x2: 0.001202"),
    ("momentum", dict(eta=0.6, gamma=0.5), "epoch 20, x1: 0.007188, x2: 0.002553"),
    ("adagrad", dict(eta=0.4), "epoch 20, x1: -2.382563, x2: -0.158591"),
    ("adagrad", dict(eta=2), "epoch 20, x1: -0.002295, x2: -0.000000"),
    ("rmsprop", dict(eta=0.4, gamma=0.9), "epoch 20, x1: -0.010599, x2: 0.000000"),
]


@pytest.mark.parametrize("optimizer, hyperparameters, line", BOOK_LINES)
def test_the_books_settings_print_the_books_line(optimizer, hyperparameters, line):
    assert explore.book_line(explore.path_2d(optimizer, **hyperparameters)) == line
    explorer = explore.explore_2d(optimizer, **hyperparameters)
    assert f"{optimizer}: {line}" in explorer.line.value


@pytest.mark.parametrize("optimizer", sorted(explore.OPTIMIZERS))
def test_the_line_is_what_the_books_train_2d_prints(optimizer):
    stepper = explore.OPTIMIZERS[optimizer].stepper
    out = io.StringIO()
    with redirect_stdout(out):
        results = d2l.train_2d(stepper)
    path = explore.path_2d(optimizer)
    assert explore.book_line(path) == out.getvalue().strip()
    np.testing.assert_array_equal(path, np.array(results, dtype=float))


@pytest.fixture(scope="module")
def momentum_explorer():
    return explore.explore_2d("momentum", eta=0.4, gamma=0.5)


@pytest.mark.parametrize("control, value, argument", [
    ("eta", 0.2, dict(eta=0.2)),
    ("gamma", 0.9, dict(gamma=0.9)),
    ("steps", 35, dict(steps=35)),
    ("x1", -3.0, dict(start=(-3.0, -2.0))),
    ("x2", 1.5, dict(start=(-5.0, 1.5))),
    ("sigma", 0.5, dict(sigma=0.5)),
    ("objective", "saddle", dict(objective="saddle", start=(-5.0, 0.01))),
    ("optimizer", "nag", dict(optimizer="nag")),
])
def test_setting_a_control_changes_the_path_to_path_2ds(momentum_explorer, control,
                                                        value, argument):
    explorer = momentum_explorer
    defaults = {name: explorer.controls[name].value for name in explorer.controls}
    before = explorer.path.copy()
    line_before = explorer.line.value
    try:
        explorer.controls[control].value = value
        settings = dict(dict(optimizer="momentum", eta=0.4, gamma=0.5), **argument)
        expected = explore.path_2d(**settings)
        np.testing.assert_array_equal(explorer.path, expected)
        assert explorer.path.shape != before.shape or not np.array_equal(explorer.path, before)
        assert explorer.line.value != line_before
        assert explorer.message.value == ""
    finally:
        for name in ("objective", "optimizer", "steps", "sigma", "x1", "x2", "eta",
                     "gamma"):
            explorer.controls[name].value = defaults[name]
    np.testing.assert_array_equal(explorer.path, before)


def test_the_seed_changes_a_noisy_path_only():
    explorer = explore.explore_2d("gd")
    exact = explorer.path.copy()
    explorer.controls["seed"].value = 3
    np.testing.assert_array_equal(explorer.path, exact)  # σ = 0: no noise to reseed
    explorer.controls["sigma"].value = 0.5
    noisy_3 = explorer.path.copy()
    explorer.controls["seed"].value = 4
    assert not np.array_equal(explorer.path, noisy_3)
    np.testing.assert_array_equal(
        explorer.path, explore.path_2d("gd", sigma=0.5, seed=4))


def test_the_overlay_draws_a_second_optimizer_with_its_own_hyperparameters():
    explorer = explore.explore_2d("gd", second="adagrad")
    np.testing.assert_array_equal(explorer.second_path, explore.path_2d("adagrad"))
    explorer.controls["second_eta"].value = 2.0
    np.testing.assert_array_equal(explorer.second_path, explore.path_2d("adagrad", eta=2))
    assert "adagrad (overlay): epoch 20, x1: -0.002295, x2: -0.000000" in explorer.line.value
    np.testing.assert_array_equal(explorer.path, explore.path_2d("gd"))  # untouched


def _float32_tolerance(path, steps):
    """A few float32 roundings per step, on the path's scale."""
    return 4 * steps * FLOAT32_EPS * float(np.max(np.abs(path)))


def _settings_for(optimizer, objective):
    settings = {} if optimizer == "adadelta" else dict(eta=0.4)
    if objective == "rosenbrock" and settings:
        settings["eta"] = 1e-3
    if optimizer == "adam":
        # MXNet's Adam adds ε to √s before its bias correction, the book's
        # (and traces.adam_2d) after it: at the book's ε = 1e-6 the paths part
        # by about ε/√ŝ, far above float32 rounding. With a small ε the two
        # are the same update.
        settings["eps"] = 1e-10
    return settings


@pytest.mark.parametrize("sigma", [0.0, 0.5])
@pytest.mark.parametrize("objective", sorted(explore.OBJECTIVES))
@pytest.mark.parametrize("optimizer", sorted(explore.OPTIMIZERS))
def test_mxnets_optimizer_walks_the_scratch_path_within_float32(optimizer, objective,
                                                                sigma):
    settings = dict(_settings_for(optimizer, objective), sigma=sigma)
    scratch = explore.path_2d(optimizer, objective, **settings)
    mxnet = explore.mxnet_path_2d(optimizer, objective, **settings)
    assert mxnet.dtype == np.float32 and mxnet.shape == scratch.shape
    difference = np.max(np.abs(mxnet.astype(np.float64) - scratch))
    assert difference <= _float32_tolerance(scratch, 20)
    assert difference > 0 or np.all(scratch == scratch.astype(np.float32))


def test_the_checkbox_draws_mxnets_path_and_prints_the_largest_difference():
    explorer = explore.explore_2d("nag", eta=0.1, gamma=0.9)
    assert explorer.mxnet_path is None and "MXNet" not in explorer.line.value
    explorer.controls["mxnet"].value = True
    np.testing.assert_array_equal(
        explorer.mxnet_path, explore.mxnet_path_2d("nag", eta=0.1, gamma=0.9))
    expected = float(np.max(np.abs(explorer.mxnet_path - explorer.path)))
    assert explorer.mxnet_difference == pytest.approx(expected)
    assert 0 < explorer.mxnet_difference <= _float32_tolerance(explorer.path, 20)
    assert f"largest difference from scratch {expected:.2g}" in explorer.line.value
    dashed = explorer._lines["mxnet"]
    assert dashed.get_linestyle() == "--"
    np.testing.assert_array_equal(dashed.get_xdata(), explorer.mxnet_path[:, 0])


# (control, bad value, words the message must hold)
BAD_VALUES = [
    ("eta", 0.0, "eta"), ("eta", -0.1, "eta"), ("eta", math.nan, "eta"),
    ("eta", math.inf, "eta"), ("gamma", 1.0, "gamma"), ("gamma", 1.5, "gamma"),
    ("gamma", math.nan, "gamma"), ("beta1", 1.0, "beta1"), ("rho", math.nan, "rho"),
    ("eps", 0.0, "eps"), ("second_gamma", 1.0, "gamma"), ("sigma", -1.0, "sigma"),
    ("sigma", math.nan, "sigma"), ("x1", math.nan, "start x1"),
]


@pytest.mark.parametrize("control, value, words", BAD_VALUES)
def test_a_bad_value_is_refused_on_the_control_with_a_message(control, value, words):
    explorer = explore.explore_2d("adam", second="momentum")
    before_value = explorer.controls[control].value
    before_path, before_line = explorer.path.copy(), explorer.line.value
    explorer.controls[control].value = value  # no exception reaches the kernel
    assert explorer.controls[control].value == before_value
    assert "refused" in explorer.message.value and words in explorer.message.value
    np.testing.assert_array_equal(explorer.path, before_path)
    assert explorer.line.value == before_line
    # The next good value clears the message and redraws.
    explorer.controls["steps"].value = 10
    assert explorer.message.value == "" and len(explorer.path) == 11


@pytest.mark.parametrize("argument, value", [
    ("eta", 0), ("eta", math.nan), ("gamma", 1.0), ("steps", 0), ("sigma", -1),
])
def test_a_bad_argument_to_the_explorer_names_it(argument, value):
    settings = {"gamma": 0.5, argument: value}
    with pytest.raises(ValueError, match=argument):
        explore.explore_2d("momentum", **settings)


def test_an_unknown_name_says_what_there_is():
    with pytest.raises(ValueError, match="optimizer must be one of"):
        explore.path_2d("adamw")
    with pytest.raises(ValueError, match="objective must be one of"):
        explore.path_2d("gd", "himmelblau")
    with pytest.raises(TypeError, match="gd takes the hyperparameters"):
        explore.path_2d("gd", gamma=0.5)
    # a value no dict can hold gets the same message, not a bare TypeError
    with pytest.raises(ValueError, match="optimizer must be one of .*, got list"):
        explore.path_2d(["gd"])
    with pytest.raises(ValueError, match="family must be one of"):
        explore.make_schedule({"cosine": 1}, 0.05, 100)


@pytest.mark.parametrize("objective", ["ill-conditioned", "well-conditioned"])
def test_two_over_l_is_the_edge_of_gradient_descents_stability(objective):
    eta, why = explore.largest_stable_eta(objective)
    assert eta == 2 / explore.OBJECTIVES[objective].curvature == 0.5
    assert "2/L" in why and "L = 4" in why
    steepest = [abs(explore.path_2d("gd", objective, steps=40, eta=eta * factor)[-1, 1])
                for factor in (0.99, 1.0, 1.01)]
    # From x2 = -2: shrinks below 2/L, flips sign without shrinking at it,
    # grows above it.
    assert steepest[0] < 1.0 and steepest[2] > 4.0
    assert steepest[1] == pytest.approx(2.0)


def test_the_button_sets_two_over_l_and_says_why():
    explorer = explore.explore_2d("gd", eta=0.1)
    explorer.stable_button.click()
    assert explorer.controls["eta"].value == 0.5
    np.testing.assert_array_equal(explorer.path, explore.path_2d("gd", eta=0.5))
    assert "η = 2/L = 0.5" in explorer.message.value
    explorer.controls["objective"].value = "rosenbrock"
    explorer.stable_button.click()
    assert explorer.controls["eta"].value == 0.5  # left alone
    assert "not a quadratic" in explorer.message.value


@pytest.mark.parametrize("name", ["saddle", "rosenbrock", "wavy", "well-conditioned"])
def test_each_objectives_gradient_is_its_derivative(name):
    objective = explore.OBJECTIVES[name]
    h = 1e-6
    for x1, x2 in [(-1.3, 0.7), (0.4, -2.1), (2.0, 1.0)]:
        numeric = ((objective.f(x1 + h, x2) - objective.f(x1 - h, x2)) / (2 * h),
                   (objective.f(x1, x2 + h) - objective.f(x1, x2 - h)) / (2 * h))
        np.testing.assert_allclose(objective.f_grad(x1, x2), numeric, rtol=1e-6, atol=1e-5)


def test_a_path_that_runs_off_stops_and_says_so():
    path = explore.path_2d("gd", "rosenbrock", eta=0.4)
    assert len(path) < 21 and np.all(np.isfinite(path))
    explorer = explore.explore_2d("gd", "rosenbrock", eta=0.4)
    assert "ran off after" in explorer.line.value


def test_nag_2d_is_mxnets_nesterov_form():
    # v ← γ·v + g; x ← x − η·(g + γ·v), written out for one step from (−5, −2).
    x1, x2, v1, v2 = traces.nag_2d(-5.0, -2.0, 0.0, 0.0, eta=0.1, gamma=0.9)
    g1, g2 = 0.2 * -5.0, 4 * -2.0
    assert (v1, v2) == (g1, g2)
    assert (x1, x2) == (-5.0 - 0.1 * (g1 + 0.9 * g1), -2.0 - 0.1 * (g2 + 0.9 * g2))


# ---------------------------------------------------------------- schedules

@pytest.fixture(scope="module")
def schedule_explorer():
    return explore.explore_schedule("cosine", "sgd", lr=0.05, warmup_steps=30)


def test_the_schedule_plotted_is_the_libraries(schedule_explorer):
    run = schedule_explorer.runs[-1]
    expected = schedules.learning_rates(
        schedules.create("cosine", max_update=300, base_lr=0.05, warmup_steps=30), 300)
    assert run.learning_rates == expected
    assert run.learning_rates[0] < run.learning_rates[28] == pytest.approx(0.05 * 29 / 30)
    assert run.epochs[-1] == 2 and run.losses[-1] < run.losses[0]
    assert f"final loss {run.losses[-1]:f}" in schedule_explorer.line.value


def test_a_control_retrains_and_the_last_three_runs_stay_faint(schedule_explorer):
    explorer = schedule_explorer
    for family in ("factor", "multifactor", "poly", "constant", "cosine"):
        explorer.controls["family"].value = family
        assert explorer.runs[-1].label.startswith(f"sgd, {family}, lr 0.05")
    assert len(explorer.runs) == 4
    rate_lines = explorer.rate_axes.get_lines()
    assert len(rate_lines) == 4
    alphas = [line.get_alpha() for line in explorer.rate_axes.get_lines()]
    assert sorted(a for a in alphas if a is not None) == sorted(
        [0.45 - 0.1 * age for age in (1, 2, 3)])
    assert alphas.count(None) == 1  # the current run, drawn solid
    constant = explorer.runs[-2].learning_rates
    assert constant[40:] == [0.05] * (len(constant) - 40)


def test_a_bad_schedule_value_is_refused_in_the_widget(schedule_explorer):
    explorer = schedule_explorer
    runs = len(explorer.runs)
    explorer.controls["lr"].value = 0.0
    assert "refused" in explorer.message.value and "eta" in explorer.message.value
    assert explorer.controls["lr"].value == 0.05 and len(explorer.runs) == runs
    explorer.controls["family"].value = "multifactor"
    explorer.controls["steps"].value = "200, 100"
    assert "steps must be increasing" in explorer.message.value
    assert explorer.controls["steps"].value == "100, 200"


def test_the_schedule_explorer_runs_in_numpy_mode_and_leaves_it_on():
    # The lr-scheduler lesson calls npx.set_np() before its explorer.
    from mxnet import npx
    npx.set_np()
    try:
        explorer = explore.explore_schedule("factor", lr=0.3, step=150, factor=0.5)
        assert npx.is_np_array() and npx.is_np_shape()
    finally:
        npx.reset_np()
    assert explorer.runs[-1].learning_rates[-1] == 0.15
    assert explorer.runs[-1] == explore.schedule_run("factor", lr=0.3, step=150, factor=0.5)


# ---------------------------------------------------------------- no frontend

def test_the_output_carries_the_figure_for_frontends_without_widgets():
    import base64

    explorer = explore.explore_2d("momentum")
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "momentum: epoch 20, x1: -0.062843, x2: 0.001202"
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    # The same picture the widget shows (drawn fully, not blitted).
    from PIL import Image
    static = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    live = np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"),
                      dtype=int)
    assert static.shape == live.shape
    assert np.mean(np.abs(static - live)) < 1.0


@pytest.mark.slow
def test_an_executed_notebook_keeps_both_pictures(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in (
        "from gluon_opt.explore import explore_2d, explore_schedule",
        "explore_2d('momentum', eta=0.4, gamma=0.5)",
        "explore_schedule('cosine', lr=0.05, warmup_steps=30)")])
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    for cell, words in zip(notebook.cells[1:], (
            "momentum: epoch 20, x1: -0.062843, x2: 0.001202", "sgd, cosine, lr 0.05")):
        (output,) = [out for out in cell.outputs if out.output_type == "execute_result"]
        assert output.data["image/png"]
        assert "application/vnd.jupyter.widget-view+json" in output.data
        # A viewer without widgets shows the picture and the printed line.
        assert output.data["text/html"].startswith('<img src="data:image/png;base64,')
        assert words in output.data["text/html"] and words in output.data["text/plain"]
    # nbclient keeps the widgets' state, so a viewer with widgets can show them too
    assert "application/vnd.jupyter.widget-state+json" in notebook.metadata.get("widgets", {})
