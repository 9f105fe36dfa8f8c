"""notebooks/lr-scheduler.ipynb, checked from outside: it runs offline on the
MNIST split the package ships, and each schedule trains as it says."""
import pytest

from conftest import execute_notebook, notebook_images


@pytest.fixture(scope="module")
def lesson():
    return execute_notebook("lr-scheduler.ipynb", check=[
        "results", "max_update", "updates_per_epoch", "mnist.source"])


def test_every_schedule_trains_to_a_useful_accuracy(lesson):
    results = lesson.checked["results"]
    assert list(results) == ["constant", "square root", "factor",
                             "multi-factor", "cosine with warmup"]
    for name, runs in results.items():
        for label, (rates, accuracies) in runs.items():
            assert len(rates) == lesson.checked["max_update"], (name, label)
            assert len(accuracies) == 4
            assert accuracies[-1] > 0.85, (name, label, accuracies)


@pytest.mark.parametrize("name", ["factor", "multi-factor",
                                  "cosine with warmup"])
def test_mxnets_schedule_and_ours_train_alike(lesson, name):
    runs = lesson.checked["results"][name]
    (mx_rates, mx_accuracies), (our_rates, our_accuracies) = (
        runs["MXNet"], runs["gluon_opt"])
    assert our_rates == pytest.approx(mx_rates, rel=1e-12)
    assert our_accuracies == pytest.approx(mx_accuracies, abs=1e-9)
    assert len(set(our_rates)) > 2  # the rate does change


def test_the_rates_are_the_schedules(lesson):
    results = lesson.checked["results"]
    per_epoch = lesson.checked["updates_per_epoch"]
    constant, _ = results["constant"]["constant"]
    assert set(constant) == {0.3}
    square_root, _ = results["square root"]["the book's class"]
    assert square_root[:3] == pytest.approx(
        [0.6 * (t + 1) ** -0.5 for t in (1, 2, 3)])
    factor, _ = results["factor"]["gluon_opt"]
    assert factor[per_epoch - 1] == 0.6 and factor[per_epoch] == 0.3
    cosine, _ = results["cosine with warmup"]["gluon_opt"]
    peak = cosine.index(max(cosine))
    assert cosine[0] < cosine[peak] == pytest.approx(0.6)
    assert cosine[-1] == pytest.approx(0.01, abs=1e-3)
    assert all(later <= earlier for earlier, later in
               zip(cosine[peak:], cosine[peak + 1:]))


def test_it_runs_offline_and_draws_each_schedule(lesson):
    assert "the copy the package ships" in lesson.checked["mnist.source"]
    assert notebook_images(lesson) == 6  # five schedules and the summary


def test_the_solutions_work_each_exercise():
    solved = execute_notebook("solutions/lr-scheduler.ipynb", check=[
        "{name: run[1] for name, run in runs.items()}", "largest_gap",
        "every_epoch[0][-1]", "every_half_epoch[0][-1]",
        "every_half_epoch[1][-1]", "every_epoch[1][-1]"])
    accuracy = solved.checked["{name: run[1] for name, run in runs.items()}"]
    # Exercise 1: at 0.6 the warmup changes little; at 2.0 the constant rate
    # never recovers from its first updates while the warmed-up run does.
    assert abs(accuracy["constant 0.6"][0]
               - accuracy["cosine with warmup, peak 0.6"][0]) < 0.02
    assert max(accuracy["constant 2.0"]) < 0.5
    assert accuracy["cosine with warmup, peak 2.0"][-1] > 0.8
    # Exercise 2: halving every half epoch ends lowest, and is not the best.
    assert solved.checked["every_half_epoch[0][-1]"] == pytest.approx(0.6 / 2 ** 8)
    assert solved.checked["every_epoch[0][-1]"] == pytest.approx(0.6 / 2 ** 3)
    assert solved.checked["every_half_epoch[1][-1]"] < solved.checked["every_epoch[1][-1]"]
    # Exercise 3: the rates asked without training are the rates used.
    assert solved.checked["largest_gap"] == {"factor": 0.0,
                                             "cosine with warmup": 0.0}
