"""The MNIST idx reader, the loader over the shared files, and the momentum
study (issue 5 §3): real MXNet, real data, idx files written by the tests."""
import gzip
import os
import pathlib
import shutil
import struct
import warnings

import numpy as np
import pytest
from mxnet import autograd, nd

import gluon_opt
from gluon_opt import mnist, models
from gluon_opt.experiments.registry import EXPERIMENTS, Result



def write_idx(path, array, type_code=None, compress=False, extra=b"",
              cut=0, magic=None):
    """Write `array` as an idx file (big-endian), optionally damaged."""
    codes = {np.uint8: 0x08, np.int32: 0x0C, np.float32: 0x0D}
    type_code = type_code or codes[array.dtype.type]
    header = magic if magic is not None else bytes([0, 0, type_code, array.ndim])
    header += struct.pack(f">{array.ndim}I", *array.shape)
    body = array.astype(array.dtype.newbyteorder(">")).tobytes() + extra
    raw = header + body
    raw = raw[:len(raw) - cut]
    with open(path, "wb") as stream:
        stream.write(gzip.compress(raw) if compress else raw)
    return str(path)


@pytest.fixture(scope="module")
def mnist_data():
    """The study's data from the shared files (8,000 / 2,000, seed 0)."""
    return gluon_opt.mnist_data.load_mnist()


# ------------------------------------------------------------- idx reader

@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gz"])
def test_read_idx_returns_the_images_that_were_written(tmp_path, compress):
    images = np.random.RandomState(0).randint(0, 256, (3, 28, 28)).astype(np.uint8)
    path = write_idx(tmp_path / "images-idx3-ubyte", images, compress=compress)
    read = gluon_opt.mnist_data.read_idx(path)
    assert read.shape == (3, 28, 28)
    assert read.dtype == np.uint8
    np.testing.assert_array_equal(read, images)


@pytest.mark.parametrize("dtype", [np.int32, np.float32])
def test_read_idx_turns_big_endian_values_into_native_ones(tmp_path, dtype):
    values = np.array([[1, -2, 300], [70000, 5, -6]], dtype=dtype)
    read = gluon_opt.mnist_data.read_idx(write_idx(tmp_path / "values.idx", values))
    assert read.dtype == np.dtype(dtype)  # native order, not '>i4'
    np.testing.assert_array_equal(read, values)


def test_read_idx_reads_labels_one_dimensional(tmp_path):
    labels = np.array([7, 2, 1, 0, 4], dtype=np.uint8)
    read = gluon_opt.mnist_data.read_idx(write_idx(tmp_path / "labels.gz", labels,
                                    compress=True))
    assert read.shape == (5,)
    np.testing.assert_array_equal(read, labels)


@pytest.mark.parametrize("magic", [b"\x08\x03\x00\x00",   # little-endian
                                   b"\x00\x00\x07\x03",   # unknown type
                                   b"\x00\x01\x08\x03"])  # not zero-led
def test_read_idx_refuses_a_bad_magic_number_naming_the_file(tmp_path, magic):
    path = write_idx(tmp_path / "bad-magic.idx",
                     np.zeros((2, 28, 28), np.uint8), magic=magic)
    with pytest.raises(ValueError, match="magic number") as error:
        gluon_opt.mnist_data.read_idx(path)
    assert path in str(error.value)


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gz"])
def test_read_idx_refuses_a_truncated_body_naming_the_file(tmp_path, compress):
    path = write_idx(tmp_path / "short.idx", np.ones((4, 28, 28), np.uint8),
                     compress=compress, cut=100)
    with pytest.raises(ValueError, match="truncated") as error:
        gluon_opt.mnist_data.read_idx(path)
    assert path in str(error.value)
    assert "3136 bytes" in str(error.value)  # what the header asked for


def test_read_idx_refuses_extra_bytes_after_the_body(tmp_path):
    path = write_idx(tmp_path / "long.idx", np.ones((4,), np.uint8),
                     extra=b"\x00")
    with pytest.raises(ValueError, match="longer than its header says"):
        gluon_opt.mnist_data.read_idx(path)


def test_read_idx_refuses_a_cut_gzip_stream(tmp_path):
    good = write_idx(tmp_path / "good.gz", np.ones((50, 28, 28), np.uint8),
                     compress=True)
    raw = pathlib.Path(good).read_bytes()
    cut = tmp_path / "cut.gz"
    cut.write_bytes(raw[:len(raw) // 2])
    with pytest.raises(ValueError, match="damaged gzip") as error:
        gluon_opt.mnist_data.read_idx(cut)
    assert str(cut) in str(error.value)


# ------------------------------------------------------ the shared files

def test_shared_files_load_as_ten_thousand_digits():
    images, labels = gluon_opt.mnist_data.read_mnist_idx()
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (10000,)
    assert sorted(np.unique(labels)) == list(range(10))
    assert images.max() == 255 and images.min() == 0


def test_a_file_with_the_wrong_sha1_is_refused(tmp_path):
    # A well-formed idx file under the right name is still refused: the
    # loader checks the hash before it reads.
    (tmp_path / "mnist").mkdir()
    shutil.copy(os.path.join(gluon_opt.data.SHIPPED_DIR, gluon_opt.mnist_data.TEST_IMAGES.name),
                tmp_path / "mnist")
    labels = tmp_path / gluon_opt.mnist_data.TEST_LABELS.name
    write_idx(labels, np.zeros(10000, np.uint8), compress=True)
    with pytest.raises(ValueError, match="sha1") as error:
        gluon_opt.mnist_data.read_mnist_idx(folder=str(tmp_path))
    assert str(labels) in str(error.value)
    assert gluon_opt.mnist_data.TEST_LABELS.sha1 in str(error.value)  # the expected hash


def test_load_mnist_splits_the_test_files_and_says_so(mnist_data):
    assert mnist_data.train_features.shape == (8000, 784)
    assert mnist_data.eval_features.shape == (2000, 784)
    assert mnist_data.train_labels.shape == (8000,)
    assert "8,000" in mnist_data.source and "2,000" in mnist_data.source
    assert "test split" in mnist_data.source
    assert 0 <= mnist_data.train_features.min().asscalar()
    assert mnist_data.train_features.max().asscalar() <= 1
    # The two parts together are the 10,000 digits, each used once.
    _, labels = gluon_opt.mnist_data.read_mnist_idx()
    together = np.concatenate([mnist_data.train_labels.asnumpy(),
                               mnist_data.eval_labels.asnumpy()])
    np.testing.assert_array_equal(np.bincount(together.astype(int)),
                                  np.bincount(labels))


def test_load_mnist_split_is_the_same_every_time(mnist_data):
    again = gluon_opt.mnist_data.load_mnist()
    np.testing.assert_array_equal(again.eval_labels.asnumpy(),
                                  mnist_data.eval_labels.asnumpy())


def test_without_the_training_split_the_shipped_test_split_is_used(tmp_path):
    loaded = gluon_opt.mnist_data.load_mnist(folder=str(tmp_path))  # download=False
    assert loaded.train_features.shape == (8000, 784)
    assert "copy the package ships" in loaded.source
    assert "download=False" in loaded.source and str(tmp_path) in loaded.source
    assert os.listdir(tmp_path) == []


def test_the_training_split_is_downloaded_from_a_mirror_and_verified(
        tmp_path, monkeypatch):
    """With download=True the training split comes from the first mirror
    that serves it with the right hash (a local server stands in for the
    mirrors: no traffic leaves 127.0.0.1)."""
    import functools
    import hashlib
    import http.server
    import threading
    served = tmp_path / "served"
    served.mkdir()
    images = np.random.RandomState(0).randint(0, 256, (30, 28, 28)).astype(np.uint8)
    labels = np.arange(30, dtype=np.uint8) % 10
    files = {}
    for name, array in (("train-images-idx3-ubyte.gz", images),
                        ("train-labels-idx1-ubyte.gz", labels)):
        path = write_idx(served / name, array, compress=True)
        files[name] = hashlib.sha1(pathlib.Path(path).read_bytes()).hexdigest()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for attr, name in (("TRAIN_IMAGES", "train-images-idx3-ubyte.gz"),
                           ("TRAIN_LABELS", "train-labels-idx1-ubyte.gz")):
            monkeypatch.setattr(gluon_opt.mnist_data, attr, gluon_opt.data.DataFile(
                f"mnist/{name}", files[name], mirrors=(
                    (f"{base}/gone/{name}", "sha1", files[name]),
                    (f"{base}/{name}", "sha1", files[name]))))
        loaded = gluon_opt.mnist_data.load_mnist(folder=str(tmp_path / "data"), download=True)
    finally:
        server.shutdown()
    assert loaded.train_features.shape == (30, 784)
    np.testing.assert_array_equal(loaded.train_labels.asnumpy(), labels)
    assert loaded.eval_features.shape == (10000, 784)  # the real test split
    assert "real MNIST splits" in loaded.source
    assert sorted(os.listdir(tmp_path / "data" / "mnist")) == sorted(files)


# --------------------------------------------------------------- the study

def test_gluon_parameter_data_grad_is_the_parameter_gradient():
    # The study hands [p.data() for p in params] to the scratch update,
    # which reads .grad: it must be the very memory backward() wrote.
    net = models.mlp()
    X = nd.random.uniform(shape=(4, 784))
    with autograd.record():
        loss = net(X).sum()
    loss.backward()
    for param in net.collect_params().values():
        param.data().grad[:] = 3
        assert (param.grad() == 3).asnumpy().all(), param.name


def test_momentum_loss_drops_below_sgd_after_the_same_steps(mnist_data):
    study = mnist.mnist_momentum_study(num_epochs=3, num_train=2000,
                                       log_every=16, mnist=mnist_data,
                                       plot=False)
    assert len(study.momentum.losses) == len(study.sgd.losses) == 6
    # Same start (same weights, same first batches): both near log 10.
    assert abs(study.momentum.losses[0] - np.log(10)) < 0.05
    assert abs(study.sgd.losses[0] - np.log(10)) < 0.05
    # After 96 steps momentum is well below, plain SGD still near log 10.
    assert study.momentum.final_loss < 0.8 * study.sgd.final_loss
    assert study.momentum.test_accuracy > study.sgd.test_accuracy
    assert not study.momentum.diverged and not study.sgd.diverged
    assert "first 2,000 training images" in study.source


def test_a_study_repeats_with_the_same_seed(mnist_data):
    runs = [mnist.mnist_momentum_study(num_epochs=1, num_train=640,
                                       log_every=5, mnist=mnist_data,
                                       plot=False) for _ in range(2)]
    assert runs[0].momentum.losses == runs[1].momentum.losses
    assert runs[0].sgd.test_accuracy == runs[1].sgd.test_accuracy


def test_study_draws_both_curves_on_one_log_plot(mnist_data):
    study = mnist.mnist_momentum_study(num_epochs=1, num_train=640,
                                       log_every=5, mnist=mnist_data)
    (ax,) = study.figure.axes
    assert ax.get_yscale() == "log"
    assert len(ax.get_lines()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "momentum 0.9", "sgd"]


@pytest.mark.parametrize("kwargs, error, words", [
    ({"num_epochs": 0}, ValueError, "num_epochs must be at least 1"),
    ({"batch_size": "64"}, TypeError, "batch_size must be an integer"),
    ({"lr": -0.1}, ValueError, "lr must be at least 0"),
    ({"momentum": 1.5}, ValueError, "momentum must be at most 1"),
    ({"log_every": 0}, ValueError, "log_every must be at least 1"),
    ({"num_train": 0}, ValueError, "num_train must be at least 1"),
    ({"mnist": "digits"}, TypeError, "mnist must be a MnistData"),
    ({"num_train": 64, "num_epochs": 1, "log_every": 30}, ValueError,
     "log_every=30 is more than the 1 batches"),
])
def test_study_arguments_are_checked_up_front(mnist_data, kwargs, error, words):
    kwargs.setdefault("mnist", mnist_data)
    with pytest.raises(error, match=words):
        mnist.mnist_momentum_study(**kwargs)


def test_load_mnist_refuses_a_split_that_leaves_nothing_to_train():
    with pytest.raises(ValueError, match="num_eval must leave images"):
        gluon_opt.mnist_data.load_mnist(num_eval=10000)


def test_mnist_momentum_experiment_is_registered_and_runs_quick():
    import gluon_opt.experiments.mnist_momentum  # noqa: F401  registers it
    gluon_opt.set_seed(0)
    result = EXPERIMENTS["mnist-momentum"].run(True)
    assert isinstance(result, Result)
    assert list(result.figures) == ["mnist-momentum"]
    rows = {row.quantity: row for row in result.rows}
    assert all(row.book is None for row in result.rows)
    assert rows["momentum final loss"].ours < rows["sgd final loss"].ours
    assert 0 < rows["momentum seconds per epoch"].ours < 60
    assert "8,000" in rows["data"].ours


def test_a_diverging_study_run_warns_from_the_callers_line(mnist_data):
    # Issue 12: lr=50 took the loss from about 117 to 72,812 and returned
    # diverged=True without a word.
    with pytest.warns(RuntimeWarning, match="diverged") as caught:
        study = mnist.mnist_momentum_study(num_epochs=1, num_train=640, lr=50,
                                           log_every=2, mnist=mnist_data,
                                           plot=False)
    assert study.momentum.diverged
    assert any("momentum 0.9" in str(w.message) for w in caught)
    assert all(w.filename == __file__ for w in caught)
