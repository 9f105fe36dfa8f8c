"""The benchmark suite runs and reports every case; its baselines (the book's
loops) compute what the chapter computes; its fast-path prototypes compute
what our optimizers compute. No test here asserts a time.

The suite lives beside the library, in the repository's `benchmarks/`
package (it is not installed with gluon_opt); its command runs from the
repository's root."""
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from mxnet import nd

import gluon_opt
from gluon_opt import optimizers
from gluon_opt.training import optimize, run_ch7

from benchmarks import chapter, notebooks, reference, suite, torch_peer

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def airfoil():
    return gluon_opt.get_data_ch7()


def _all_variant_names():
    names = []
    for case in suite.CASES:
        if case.key.startswith("step-"):
            variants = case.variants(shape=(2, 2), calls=1)
        elif case.key == "notebooks":
            variants = case.variants(quick=True)
        else:
            continue  # (their names are checked through the table below)
        names += [v.name for v in variants]
    return names


def test_quick_command_writes_a_table_with_every_case(tmp_path):
    out = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    assert table in done.stdout
    for case in suite.CASES:
        assert f"## {case.title}" in table
        for target in case.targets:
            assert f"| {case.key} | {target.variant} |" in table
    for name in [suite.CH7_BOOK, suite.CH7_OURS, suite.CH7_OURS_BOOK,
                 suite.CH7_TORCH, suite.OPT_BOOK, suite.OPT_OURS,
                 suite.MLP_TORCH, suite.MLP_GLUON, suite.MLP_STUDY,
                 *_all_variant_names()]:
        assert f"| {name} |" in table, name
    torch_rows = [line for line in table.splitlines()
                  if line.startswith("| PyTorch")]
    assert torch_rows
    if torch_peer.torch() is None:
        assert all(torch_peer.SKIP in line for line in torch_rows)
    else:
        assert not any("skipped" in line for line in torch_rows)


def test_torch_cases_are_marked_skipped_when_torch_is_absent(monkeypatch):
    monkeypatch.setattr(torch_peer, "torch", lambda threads=None: None)
    results = suite.run(["ch7", "step-adam"], quick=True)
    table = suite.markdown(results, repeats=1, quick=True)
    torch_rows = [line for line in table.splitlines()
                  if line.startswith("| PyTorch")]
    assert len(torch_rows) == 4  # train_ch7 and three Adam steps
    assert all(f"| skipped | | | | {torch_peer.SKIP} |" in line
               for line in torch_rows)
    # a target against a skipped peer is reported as not measured
    assert ("| ch7 | gluon_opt run_ch7 + gluon_opt adagrad | ≤ 1.5× PyTorch "
            "train_ch7 + d2l torch adagrad | not measured |") in table


def test_without_the_notebooks_the_table_says_where_they_were_sought(
        tmp_path, monkeypatch):
    # An installed package has no notebooks/ beside it (only a clone has).
    monkeypatch.setattr(notebooks, "NOTEBOOKS", tmp_path)
    table = suite.markdown(suite.run(["notebooks"], quick=True), repeats=1,
                           quick=True)
    (row,) = [line for line in table.splitlines()
              if line.startswith("| notebooks | skipped |")]
    assert f"no notebooks in {tmp_path}" in row
    assert "source checkout" in row
    assert "| notebooks | total | < 120 s | not measured |" in table


def test_unknown_case_is_named():
    with pytest.raises(ValueError, match=r"only must be one of \[.*'ch7'.*\], got 'nope'"):
        suite.select(["nope"])


def test_target_ratios():
    medians = {"ours": 1.0, "book": 6.0, "torch": 0.5}
    assert suite.Target("ours", "faster", 3, "book").ratio_to_target(
        medians) == pytest.approx(0.5)
    assert suite.Target("ours", "at_most", 1.5, "torch").ratio_to_target(
        medians) == pytest.approx(2 / 1.5)
    assert suite.Target("ours", "seconds", 120).ratio_to_target(
        medians) == pytest.approx(1 / 120)
    assert suite.Target("ours", "at_most", 1, "absent").ratio_to_target(
        medians) is None


def test_a_target_above_the_floor_compares_what_is_left_above_it():
    medians = {"ours": 5.0, "book": 12.0, "ours floor": 4.0, "book floor": 4.5}
    above = suite.Target("ours", "faster", 3, "book",
                         floors=("ours floor", "book floor"))
    # 7.5 s above the book's floor against 1 s above ours: 7.5x, on a 3x goal
    assert above.ratio_to_target(medians) == pytest.approx(3 / 7.5)
    assert "above the floor" in above.describe(str)
    assert suite.Target("ours", "faster", 3, "book").ratio_to_target(
        medians) == pytest.approx(3 / 2.4)  # whole times: missed
    assert above.ratio_to_target({**medians, "ours": 3.9}) == 0.0
    assert above.ratio_to_target({"ours": 5.0, "book": 12.0}) is None


def test_book_train_ch7_logs_the_same_losses_as_ours(airfoil):
    """The DataLoader and data_iter draw the same permutation from NumPy's
    generator, so under one seed the two loops log identical losses."""
    features, labels = airfoil
    gluon_opt.set_seed(0)
    book, _ = reference.train_ch7(
        reference.adagrad, reference.init_adagrad_states(features),
        {"lr": 0.1}, features, labels)
    gluon_opt.set_seed(0)
    ours = run_ch7(reference.adagrad, reference.init_adagrad_states(features),
                   {"lr": 0.1}, features, labels).losses
    assert len(book) == len(ours) == 31
    np.testing.assert_allclose(book, ours, rtol=1e-6)
    assert book[-1] == pytest.approx(0.243, abs=0.005)


def test_book_optimize_logs_the_same_losses_as_ours():
    X, y, net, trainer = chapter._seed_setup()
    book = reference.optimize(10, trainer, 3, 2, 10, X, y, net)
    X, y, net, trainer = chapter._seed_setup()
    ours = optimize(10, trainer, 3, 2, 10, X, y, net, plot=False,
                    verbose=False).losses
    assert len(book) == len(ours) == 301
    np.testing.assert_allclose(book, ours, rtol=1e-5)
    assert book[-1] < 1e-4  # at the noise floor, 0.01² / 2


def test_torch_train_ch7_reaches_the_chapters_loss(airfoil):
    torch = torch_peer.torch()
    if torch is None:
        pytest.skip(torch_peer.SKIP)
    features, labels = airfoil
    torch.manual_seed(0)
    losses = chapter.torch_train_ch7(
        chapter.torch_adagrad, {"lr": 0.1},
        torch.from_numpy(features.asnumpy()),
        torch.from_numpy(labels.asnumpy()))
    assert len(losses) == 31
    assert losses[-1] == pytest.approx(0.243, abs=0.01)


def _arrays(seed, shape=(7, 3)):
    rng = np.random.RandomState(seed)
    return [nd.array(rng.normal(size=shape)) for _ in range(4)]


def test_fused_adagrad_reference_logs_our_adagrads_losses(airfoil):
    """The fused reference takes the same steps as our AdaGrad in run_ch7."""
    features, labels = airfoil
    runs = []
    for update in (optimizers.adagrad, chapter.fused_adagrad):
        gluon_opt.set_seed(0)
        runs.append(run_ch7(update, optimizers.init_adagrad_states,
                            {"lr": 0.1}, features, labels, num_epochs=1).losses)
    np.testing.assert_allclose(runs[1], runs[0], rtol=1e-5)


def test_fused_sgd_momentum_prototype_takes_the_books_steps():
    from benchmarks import mlp
    weights = _arrays(0)[:2]
    fast = [w.copy() for w in weights]
    for params in (weights, fast):
        for param in params:
            param.attach_grad()
    states = optimizers.init_momentum_states(weights)
    fast_states = optimizers.init_momentum_states(fast)
    hyper = {"lr": 0.1, "momentum": 0.9}
    for t in range(1, 6):
        for param, fast_param, grad in zip(weights, fast, _arrays(t)):
            param.grad[:] = grad
            fast_param.grad[:] = grad
        optimizers.sgd_momentum(weights, states, hyper)
        mlp.fused_sgd_momentum(fast, fast_states, hyper)
    for param, fast_param in zip(weights, fast):
        np.testing.assert_allclose(fast_param.asnumpy(), param.asnumpy(),
                                   rtol=1e-5, atol=1e-6)


def test_variant_option_runs_only_the_named_variants_and_writes_their_rounds(
        tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "optimize",
         "--variant", suite.OPT_OURS, "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"| {suite.OPT_OURS} |" in done.stdout
    assert f"| {suite.OPT_BOOK} |" not in done.stdout
    import json
    import platform
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["python"] == platform.python_version()
    assert results["numpy"] == np.__version__
    (case,) = results["cases"]
    assert case["key"] == "optimize"
    (variant,) = case["variants"]
    assert variant["name"] == suite.OPT_OURS
    assert len(variant["seconds"]) == 1 and variant["seconds"][0] > 0
    assert [path.name for path in tmp_path.iterdir()] == ["results.json"]


def test_an_unknown_variant_is_named_before_anything_runs(monkeypatch):
    monkeypatch.setattr(suite, "interleave", lambda *a, **k: pytest.fail(
        "a case ran before the names were checked"))
    with pytest.raises(ValueError, match=r"variant must be one of \[.*"
                       r"'gluon_opt\.optimize'.*\], got 'nope'"):
        suite.run(["optimize"], quick=True, names=[suite.OPT_OURS, "nope"])


def test_per_python_puts_each_python_side_by_side(tmp_path):
    from benchmarks import per_python
    out = tmp_path / "table.md"
    per_python.main(["--python", sys.executable, "--python", sys.executable,
                     "--rounds", "2", "--out", str(out), "--quick",
                     "--only", "optimize"])
    table = out.read_text(encoding="utf-8")
    import platform
    # one version twice: each column also names its interpreter
    label = (f"{platform.python_version()}, numpy {np.__version__} "
             f"({sys.executable}) ms")
    assert f"| variant | {label} | {label} |" in table
    for name in (suite.OPT_BOOK, suite.OPT_OURS):
        (row,) = [line for line in table.splitlines()
                  if line.startswith(f"| {name} |")]
        first, second = row.strip("| ").split(" | ")[1:]
        assert float(first.replace(",", "")) > 0
        assert second.endswith("×)") or second.endswith("×, slower)")


def test_per_python_marks_a_python_more_than_ten_percent_slower():
    from benchmarks import per_python
    table = per_python.markdown(
        ["3.11", "3.12", "3.13"],
        {("case", "a"): [1.0, 1.05, 1.2], ("case", "b"): [2.0, None, 2.0]},
        rounds=1, arguments=["--only", "ch7"])
    assert ("| a | 1,000.0 | 1,050.0 (1.05×) | 1,200.0 (1.20×, slower) |"
            in table)
    assert "| b | 2,000.0 | skipped | 2,000.0 (1.00×) |" in table


@pytest.mark.parametrize("arguments, named", [
    (["--python", sys.executable, "--official", "-", "--official", "-"],
     "--official must be given once per --python (1), got 2"),
    (["--python", "/nonexistent/python"], "--python must be an executable"),
    (["--python", "/"], "--python must be an executable interpreter, got '/'"),
    (["--python", sys.executable, "--rounds", "0"],
     "--rounds must be at least 1"),
    (["--python", sys.executable, "--json", "x.json"],
     "--json is this command's own"),
])
def test_per_python_names_a_bad_argument(arguments, named, capsys):
    from benchmarks import per_python
    with pytest.raises(SystemExit) as exit_:
        per_python.main(arguments)
    assert exit_.value.code == 2
    assert named in capsys.readouterr().err


def test_per_python_reports_a_failing_python_and_goes_on(tmp_path):
    from benchmarks import per_python
    out = tmp_path / "table.md"
    code = per_python.main(["--python", sys.executable,
                            "--python", "/bin/false", "--rounds", "1",
                            "--out", str(out), "--quick", "--only", "optimize"])
    assert code == 1
    table = out.read_text(encoding="utf-8")
    (row,) = [line for line in table.splitlines()
              if line.startswith(f"| {suite.OPT_OURS} |")]
    assert row.endswith("| failed |")
    assert "/bin/false failed:" in table
    assert "/bin/false -m benchmarks failed (exit 1)" in table


def test_per_python_reports_a_file_that_cannot_be_run(tmp_path):
    from benchmarks import per_python
    text = tmp_path / "notes.txt"
    text.write_text("not a program\n")
    text.chmod(0o755)
    with pytest.raises(RuntimeError, match="could not be started"):
        per_python.run_once(str(text), ["--quick"])
