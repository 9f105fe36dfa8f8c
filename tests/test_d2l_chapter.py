"""The current book's chapter (MXNet, NumPy mode) on gluon_opt.d2l, in both
current editions, d2l-en 1.0.3 and d2l-zh 2.0.0: every section's code runs,
in a plain Python process with the Agg backend, and prints the book's
numbers.

The code is our own (benchmarks.d2l_sections), making each edition's
section's calls: the same helpers, argument forms and array kinds. Eight sections make
the same calls in both editions and run once; gd and minibatch-sgd run once
per edition. The lr-scheduler section trains on small Fashion-MNIST-format
files this test writes (the real data is a download); no test reaches for
the network (downloads would go to a closed port on 127.0.0.1).

Each run is a subprocess: npx.set_np() is global, and a script is what CI and
readers' scripts are (no Jupyter, no IPython shell). The script is seeded, so
the airfoil losses are the same on every run.

One cell runs smaller than in the book: minibatch-sgd's element-by-element
matrix product times MXNet's indexing 65,536 times, uses no helper of ours,
and takes about half of the chapter's time; here it covers 4 of the 256
rows. The benchmark (`python -m benchmarks`, case d2l-book) runs it whole.
"""
import gzip
import pathlib
import re
import struct
import subprocess
import sys

import numpy
import pytest

from benchmarks import d2l_sections

ROOT = pathlib.Path(__file__).resolve().parent.parent
EN, ZH = d2l_sections.EN, d2l_sections.ZH
NOWHERE = "http://127.0.0.1:9"  # a closed port: a download fails at once

# After each section: save every open figure (one PNG per figure) and close
# them, so that the test can see that each section drew.
SAVE_FIGURES = """
for _number in d2l.plt.get_fignums():
    d2l.plt.figure(_number).savefig(
        f'{_FIGURES}/{_SECTION}-{_number}.png', dpi=40)
d2l.plt.close('all')
"""


def run_script(code, tmp_path, timeout=600, env=None):
    script = tmp_path / "script.py"
    script.write_text(code)
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=timeout,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path), "http_proxy": NOWHERE,
                               # this checkout's gluon_opt, installed or not
                               "PYTHONPATH": str(ROOT),
                               "https_proxy": NOWHERE, **(env or {})})
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def write_fashion_files(folder, train=12, test=5):
    """Fashion-MNIST's four idx files, small and random: `train` and `test`
    28x28 uint8 images with labels 0-9, in folder/fashion-mnist/."""
    rng = numpy.random.RandomState(0)
    (folder / "fashion-mnist").mkdir(parents=True)
    for split, count in (("train", train), ("t10k", test)):
        for kind, array in (
                ("images-idx3", rng.randint(0, 256, (count, 28, 28))),
                ("labels-idx1", rng.randint(0, 10, count))):
            header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
            header += struct.pack(f">{array.ndim}I", *array.shape)
            (folder / "fashion-mnist" / f"{split}-{kind}-ubyte.gz").write_bytes(
                gzip.compress(header + array.astype("u1").tobytes()))


def runs():
    """(edition, section) of every distinct section's code: each of d2l-en's,
    and d2l-zh's where they make other calls."""
    pairs = [(EN, name) for name in d2l_sections.EDITIONS[EN]]
    return pairs + [(ZH, name) for name, cells in
                    d2l_sections.EDITIONS[ZH].items()
                    if cells is not d2l_sections.EDITIONS[EN][name]]


@pytest.fixture(scope="module")
def chapter(tmp_path_factory):
    """What each run printed (by 'EDITION/section'), and the figures saved."""
    tmp_path = tmp_path_factory.mktemp("chapter")
    figures = tmp_path / "figures"
    figures.mkdir()
    write_fashion_files(tmp_path / "data")
    parts = [f"_FIGURES = {str(figures)!r}",
             "import mxnet, numpy\nmxnet.random.seed(0)\nnumpy.random.seed(0)"]
    smaller = {d2l_sections.ELEMENTWISE_PRODUCT:
               d2l_sections.ELEMENTWISE_PRODUCT.replace("range(256):\n    for",
                                                        "range(4):\n    for")}
    assert smaller[d2l_sections.ELEMENTWISE_PRODUCT] != \
        d2l_sections.ELEMENTWISE_PRODUCT
    for edition, name in runs():
        parts.append(f"_SECTION = {(edition[:6] + '-' + name)!r}")
        parts.append(d2l_sections.script([name], d2l_sections.OURS_IMPORT,
                                         between=SAVE_FIGURES,
                                         replace=smaller, edition=edition))
    out = run_script("\n".join(parts), tmp_path,
                     env={"GLUON_OPT_DATA": str(tmp_path / "data")})
    printed = dict(re.findall(r"# section (.+?)\n(.*?)(?=# section |\Z)",
                              out, re.S))
    return printed, sorted(path.name for path in figures.iterdir())


def test_both_editions_have_the_eleven_sections():
    for edition in (EN, ZH):
        assert list(d2l_sections.EDITIONS[edition]) == list(
            d2l_sections.SECTIONS) + ["lr-scheduler"]


def test_every_section_runs_to_its_end(chapter):
    printed, _ = chapter
    assert list(printed) == [f"{edition}/{name}" for edition, name in runs()]
    assert [name for edition, name in runs() if edition == ZH] == [
        "gd", "minibatch-sgd"]


def printed_lines(chapter, edition, section):
    """What `section` printed in `edition` (its run, or d2l-en's when both
    make the same calls)."""
    printed, _ = chapter
    key = f"{edition}/{section}"
    return printed.get(key, printed[f"{EN}/{section}"]).splitlines()


# Every line of the chapter that does not depend on random numbers or time,
# in the order printed; the same in both editions.
DETERMINISTIC = {
    "gd": ["epoch 10, x: 0.060466", "epoch 10, x: 3.486784",
           "epoch 10, x: 61.917364", "epoch 10, x: -1.528165",
           "epoch 20, x1: -0.057646, x2: -0.000073", "epoch 10, x: 0.0",
           "epoch 10, x: 26.834133", "epoch 10, x: 7.26986"],
    "momentum": ["epoch 20, x1: -0.943467, x2: -0.000073",
                 "epoch 20, x1: -0.387814, x2: -1673.365109",
                 "epoch 20, x1: 0.007188, x2: 0.002553",
                 "epoch 20, x1: -0.126340, x2: -0.186632"],
    "adagrad": ["epoch 20, x1: -2.382563, x2: -0.158591",
                "epoch 20, x1: -0.002295, x2: -0.000000"],
    "rmsprop": ["epoch 20, x1: -0.010599, x2: 0.000000"],
    "lr-scheduler": ["learning rate is now 0.10"],
}


@pytest.mark.parametrize("edition", [EN, ZH])
@pytest.mark.parametrize("section", sorted(DETERMINISTIC))
def test_the_books_deterministic_numbers(chapter, edition, section):
    lines = [line for line in printed_lines(chapter, edition, section)
             if line.startswith(("epoch", "learning rate"))]
    assert lines == DETERMINISTIC[section]


@pytest.mark.parametrize("edition", [EN, ZH])
def test_sgd_prints_the_last_point_of_each_noisy_run(chapter, edition):
    lines = printed_lines(chapter, edition, "sgd")
    assert [line.split(",")[0] for line in lines] == [
        "epoch 50", "epoch 1000", "epoch 50"]
    assert all(re.fullmatch(r"epoch \d+, x1: -?\d+\.\d{6}, x2: -?\d+\.\d{6}",
                            line) for line in lines)


# train_ch11 / train_concise_ch11 calls per section (minibatch-sgd defines
# its own copies of both, which use our evaluate_loss, Animator and Timer).
AIRFOIL_RUNS = {"minibatch-sgd": 5, "momentum": 4, "adagrad": 2,
                "rmsprop": 2, "adadelta": 2, "adam": 3}


@pytest.mark.parametrize("edition", [EN, ZH])
@pytest.mark.parametrize("section", sorted(AIRFOIL_RUNS))
def test_airfoil_losses_end_near_the_books(chapter, edition, section):
    lines = re.findall(r"^loss: (\d+\.\d{3}), \d+\.\d{3} sec/epoch$",
                       "\n".join(printed_lines(chapter, edition, section)),
                       re.M)
    assert len(lines) == AIRFOIL_RUNS[section]
    losses = [float(v) for v in lines]
    if section == "minibatch-sgd":  # gradient descent: 10 epochs, slower
        assert 0.24 <= losses[0] <= 0.26
        losses = losses[1:]
    assert all(abs(loss - 0.243) <= 0.01 for loss in losses), losses


@pytest.mark.parametrize("edition", [EN, ZH])
def test_minibatch_sgd_prints_its_gigaflops(chapter, edition):
    lines = printed_lines(chapter, edition, "minibatch-sgd")
    assert re.fullmatch(r"performance in Gigaflops: element [\d.]+, column "
                        r"[\d.]+, full [\d.]+", lines[0])
    assert re.fullmatch(r"performance in Gigaflops: block [\d.]+", lines[1])


def test_lr_scheduler_trains_five_times_on_the_files_given(chapter):
    lines = printed_lines(chapter, EN, "lr-scheduler")
    trained = [line for line in lines if line.startswith("train loss")]
    assert len(trained) == 5
    assert all(re.fullmatch(r"train loss \d+\.\d{3}, train acc \d\.\d{3}, "
                            r"test acc \d\.\d{3}", line) for line in trained)


def test_every_section_draws(chapter):
    _, figures = chapter
    # (in a script, a section's plots share the current figure: at least one)
    assert {name.rsplit("-", 1)[0] for name in figures} == {
        edition[:6] + "-" + name for edition, name in runs()}


@pytest.mark.parametrize("section", sorted(d2l_sections.SECTIONS))
def test_the_benchmarks_floor_is_the_sections_code_without_d2l(section):
    """The floor notebook holds the section's cells that no d2l package can
    make faster, verbatim but for the d2l import and d2l.Timer."""
    floor = [cell.source for cell in
             d2l_sections.floor_notebook(section).cells]
    ours = d2l_sections.cells(section, d2l_sections.OURS_IMPORT)
    assert not any("d2l" in cell for cell in floor)
    assert floor[0] == "\n".join(line for line in ours[0].splitlines()
                                 if line and line != d2l_sections.OURS_IMPORT)
    assert floor[0].startswith("%matplotlib inline\nfrom mxnet import ")
    if section == "minibatch-sgd":
        before_training = ours[1:ours.index(
            d2l_sections.MINIBATCH_SGD_TRAINING)]
        assert floor[1:] == before_training  # d2l-en times with its own Timer
        assert d2l_sections.ELEMENTWISE_PRODUCT in floor
    else:
        assert len(floor) == 1


def test_the_floor_of_minibatch_sgd_runs_and_times_like_d2l_timer(tmp_path):
    code = "\n".join(cell.source for cell in d2l_sections.floor_notebook(
        "minibatch-sgd").cells).replace("%matplotlib inline\n", "")
    code = code.replace(d2l_sections.ELEMENTWISE_PRODUCT,
                        d2l_sections.ELEMENTWISE_PRODUCT.replace(
                            "range(256):\n    for", "range(2):\n    for"))
    out = run_script(code, tmp_path)
    assert re.search(r"^performance in Gigaflops: element [\d.]+, column "
                     r"[\d.]+, full [\d.]+$", out, re.M), out
    assert re.search(r"^performance in Gigaflops: block [\d.]+$", out, re.M)


def test_headless_script_never_starts_an_ipython_shell(tmp_path):
    """The official package creates an IPython shell in use_svg_display,
    and with IPython >= 9.16 matplotlib 3.7 then fails on the removed
    backend2gui. Ours only draws."""
    import IPython
    major, minor = (int(part) for part in IPython.__version__.split(".")[:2])
    # IPython 9 needs Python 3.11; on 3.10 (IPython 8) the script must still
    # run headless without a shell.
    if sys.version_info >= (3, 11):
        assert (major, minor) >= (9, 16), "the test needs IPython >= 9.16"
    out = run_script("""
import matplotlib
from gluon_opt import d2l
from mxnet import np, npx
npx.set_np()
d2l.use_svg_display()
d2l.set_figsize()
animator = d2l.Animator(xlabel='epoch', legend=['loss'])
for epoch in range(5):
    animator.add(epoch, 1.0 / (epoch + 1))
animator.fig.savefig('animator.png')
data_iter, feature_dim = d2l.get_data_ch11(batch_size=100)
d2l.train_concise_ch11('sgd', {'learning_rate': 0.05}, data_iter, 1)
d2l.plt.gcf().savefig('training.png')
from IPython.core.interactiveshell import InteractiveShell
import sys
print('backend', matplotlib.get_backend())
print('shell', InteractiveShell.initialized())
""", tmp_path, timeout=120)
    assert "backend agg" in out.lower()
    assert "shell False" in out
    assert re.search(r"^loss: \d+\.\d{3}, ", out, re.M)
    for name in ("animator.png", "training.png"):
        assert (tmp_path / name).stat().st_size > 5000
