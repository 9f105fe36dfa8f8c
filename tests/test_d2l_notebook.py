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
