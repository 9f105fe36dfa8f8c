"""notebooks/module-lr-scheduler.ipynb: committed clean, and it runs.

The notebook is executed from a copy in memory (the committed file is never
written), with cwd notebooks/ as a reader would run it. One extra cell,
appended to the copy only, prints the run's results as JSON for the asserts.
"""
import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "module-lr-scheduler.ipynb"
KERNEL = "python3"

nbformat = pytest.importorskip("nbformat")

RESULTS_CELL = """
import json
print('RESULTS ' + json.dumps({
    'updates': mxnet_run.updates,
    'mxnet_lrs': mxnet_run.learning_rates,
    'scratch_lrs': scratch_run.learning_rates,
    'mxnet_accuracy': mxnet_run.valid_accuracy,
    'scratch_accuracy': scratch_run.valid_accuracy,
    'weight_after_wd_mult_0': weight.asnumpy().tolist(),
    'executable': sys.executable,
}))
"""


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def stream_text(cell):
    return "".join(out.get("text", "") for out in cell.outputs
                   if out.output_type == "stream")


def test_committed_without_outputs_and_counts():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in code_cells(notebook):
        assert cell.outputs == [] and cell.execution_count is None


def test_first_cell_imports_from_repo_and_draws_inline():
    first = code_cells(nbformat.read(NOTEBOOK, as_version=4))[0].source
    assert "sys.path.insert(0, '..')" in first
    assert "%matplotlib inline" in first
    assert "gluon_opt.set_seed(0)" in first


def test_notebook_calls_the_library_and_defines_nothing():
    # Narrative plus calls: algorithms live in gluon_opt, not in the notebook.
    for cell in code_cells(nbformat.read(NOTEBOOK, as_version=4)):
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ")), line


def test_book_lines_are_in_the_notebook():
    source = "\n".join(cell.source for cell in code_cells(
        nbformat.read(NOTEBOOK, as_version=4)))
    for line in ("mx.sym.Variable('data')",
                 "mx.sym.FullyConnected(data, name='fc', num_hidden=10)",
                 "mx.sym.SoftmaxOutput(fc, name='softmax')",
                 "mod = mx.mod.Module(loss)",
                 "mod.init_params(mx.initializer.Uniform(scale=1.0))",
                 "mx.lr_scheduler.FactorScheduler(step=100, factor=0.9)",
                 "mx.optimizer.Optimizer.create_optimizer('sgd')",
                 "mx.optimizer.create('adam', learning_rate=.1)",
                 "set_learning_rate", "set_lr_mult", "set_wd_mult"):
        assert line in source, line


@pytest.fixture(scope="module")
def executed():
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    if KERNEL not in KernelSpecManager().find_kernel_specs():
        pytest.skip(f"no Jupyter kernel {KERNEL!r}; install one with "
                    f"`python -m ipykernel install --sys-prefix`")
    notebook = nbformat.read(NOTEBOOK, as_version=4)   # a copy in memory
    notebook.cells.append(nbformat.v4.new_code_cell(RESULTS_CELL))
    client = nbclient.NotebookClient(
        notebook, kernel_name=KERNEL, timeout=600,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    results_text = stream_text(notebook.cells[-1])
    results = json.loads(results_text.split("RESULTS ", 1)[1])
    return notebook, results


@pytest.mark.slow
def test_runs_without_errors_and_draws_figures(executed):
    notebook, results = executed
    assert results["executable"] == sys.executable   # this environment's kernel
    outputs = [out for cell in code_cells(notebook) for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    figures = [out for out in outputs if out.output_type == "display_data"
               and any(key.startswith("image/") for key in out.data)]
    assert len(figures) == 2


@pytest.mark.slow
def test_module_run_uses_factor_schedule_and_scratch_run_matches(executed):
    _, results = executed
    updates = results["updates"]
    assert updates == list(range(1, 501))          # 25 epochs of 20 batches
    mxnet_lrs, scratch_lrs = results["mxnet_lrs"], results["scratch_lrs"]
    # The rate each update used: 0.1·0.9^(⌈t/100⌉−1).
    for t, lr in zip(updates, mxnet_lrs):
        assert lr == pytest.approx(0.1 * 0.9 ** ((t - 1) // 100), rel=1e-9)
    assert scratch_lrs == pytest.approx(mxnet_lrs, rel=1e-6)
    assert results["scratch_accuracy"] == results["mxnet_accuracy"]
    assert results["mxnet_accuracy"] > 0.5         # chance is 0.1


@pytest.mark.slow
def test_printed_tour_shows_each_effect(executed):
    notebook, results = executed
    text = "\n".join(stream_text(cell) for cell in code_cells(notebook))
    assert "SGD learning rate 0.01" in text           # create_optimizer default
    assert "Adam learning rate 0.1" in text
    assert "adam learning rate now 0.05" in text      # set_learning_rate
    assert "refused:" in text                         # ... not with a scheduler
    assert "then update 10 -> 0.1\n" in text          # ours is pure
    assert results["weight_after_wd_mult_0"] == [1.0, 2.0, 3.0]


@pytest.mark.slow
def test_committed_file_unchanged_by_the_run(executed):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(cell.outputs == [] for cell in code_cells(notebook))
