"""notebooks/distributed.ipynb, checked from outside, and the large-batch
experiment's light form (which the notebook runs)."""
from conftest import execute_notebook, notebook_images, notebook_text


def test_the_distributed_lesson_runs_a_job_equal_to_one_process():
    notebook = execute_notebook("distributed.ipynb", check=[
        "job.ok",
        "sorted(run.rank for run in workers)",
        "max(float(np.abs(a - b).max()) for run in workers "
        "for a, b in zip(run.weights, single.weights))",
        "single.losses[0] - single.losses[-1]",
        "{f'{k[0]} {k[2]}': v for k, v in study.accuracy.items()}",
    ])
    checked = notebook.checked
    assert checked["job.ok"] is True
    assert checked["sorted(run.rank for run in workers)"] == [0, 1]
    difference = checked["max(float(np.abs(a - b).max()) for run in workers "
                         "for a, b in zip(run.weights, single.weights))"]
    assert difference <= 1e-5
    assert checked["single.losses[0] - single.losses[-1]"] > 0.5  # it trained
    accuracy = checked["{f'{k[0]} {k[2]}': v for k, v in study.accuracy.items()}"]
    assert set(accuracy) == {f"{name} {batch}" for name in ("sgd", "lars", "lamb")
                             for batch in (128, 512)}
    # One epoch on 1,024 images: well above chance (0.1) for every run.
    assert all(0.3 < value <= 1 for value in accuracy.values())
    text = notebook_text(notebook)
    assert "[worker 0]" in text and "[worker 1]" in text
    assert "def _trust_ratio" in text
    assert notebook_images(notebook) == 1  # the large-batch figure
