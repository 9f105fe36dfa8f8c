"""notebooks/distributed.ipynb and its solutions, checked from outside; the
lesson runs the large-batch experiment's light form."""
from conftest import execute_notebook, notebook_images, notebook_text

WORKERS_FROM_SINGLE = ("max(float(np.abs(a - b).max()) for run in workers "
                       "for a, b in zip(run.weights, single.weights))")
ACCURACY = "{f'{k[0]} {k[2]}': v for k, v in study.accuracy.items()}"


def test_the_distributed_lesson_runs_a_job_equal_to_one_process():
    notebook = execute_notebook("distributed.ipynb", check=[
        "job.ok", "sorted(run.rank for run in workers)", WORKERS_FROM_SINGLE,
        "single.losses[0] - single.losses[-1]", ACCURACY])
    checked = notebook.checked
    assert checked["job.ok"] is True
    assert checked["sorted(run.rank for run in workers)"] == [0, 1]
    assert checked[WORKERS_FROM_SINGLE] <= 1e-5
    assert checked["single.losses[0] - single.losses[-1]"] > 0.5  # it trained
    accuracy = checked[ACCURACY]
    assert set(accuracy) == {f"{name} {batch}" for name in ("sgd", "lamb")
                             for batch in (128, 512)}
    # One epoch on 1,024 images: at least twice chance (0.1) for every run.
    assert all(0.2 < value <= 1 for value in accuracy.values())
    text = notebook_text(notebook)
    assert "[worker 0]" in text and "[worker 1]" in text
    assert "def _trust_ratio" in text
    assert notebook_images(notebook) == 1  # the large-batch figure


def test_the_distributed_solutions_work_every_exercise():
    got = execute_notebook("solutions/distributed.ipynb", check=[
        "async_spread", "async_from_single", "shard_against_global",
        "shard_against_doubled", "weight_ratios", "worker_side_from_single"]).checked
    # 1. Asynchronous workers end apart, and away from synchronous training.
    assert got["async_spread"] > 1e-4 and got["async_from_single"] > 1e-3
    # 2. Stepping with the shard size is stepping with twice the rate.
    assert got["shard_against_global"] > 1e-3
    assert got["shard_against_doubled"] <= 1e-6
    # 3. The output layer's ratio is several times smaller.
    hidden, output = got["weight_ratios"]
    assert hidden > 3 * output
    # 4. The optimizer on the workers still equals one process.
    assert got["worker_side_from_single"] <= 1e-5
