"""Data: the airfoil loader (real file, small files in its format, verified
downloads from a local server), synthetic data and minibatches."""
import functools
import hashlib
import http.server
import os
import pathlib
import shutil
import threading
import warnings

import numpy as np
import pytest

import gluon_opt
from gluon_opt import data

SHIPPED_AIRFOIL = pathlib.Path(data.SHIPPED_DIR) / data.AIRFOIL_FILE


def test_get_data_ch7_is_the_standardized_airfoil_data():
    features, labels = gluon_opt.get_data_ch7()
    assert features.shape == (1500, 5) and labels.shape == (1500,)
    table = np.loadtxt(SHIPPED_AIRFOIL, delimiter="\t")
    assert table.shape == (1503, 6)
    standardized = (table - table.mean(0)) / table.std(0)
    np.testing.assert_allclose(features.asnumpy(), standardized[:1500, :5],
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(labels.asnumpy(), standardized[:1500, 5],
                               rtol=1e-5, atol=1e-6)


def write_table(path, rows):
    path.write_text("\n".join("\t".join(str(v) for v in row) for row in rows)
                    + "\n")


def test_read_airfoil_standardizes_each_column_then_keeps_the_first_rows(tmp_path):
    path = tmp_path / "small.dat"
    write_table(path, [[i, 2 * i, 5, 0, 1 + i, 10 * i] for i in range(4)])
    # Column 2 (all 5) has zero spread: refused rather than NaN.
    with pytest.raises(ValueError, match="column 2"):
        data.read_airfoil(path, num_rows=3)
    write_table(path, [[i, 2 * i, i % 2, 0.5 * i, 1 + i, 10 * i]
                       for i in range(4)])
    features, labels = data.read_airfoil(path, num_rows=3)
    assert features.shape == (3, 5) and labels.shape == (3,)
    z = np.array([-3, -1, 1]) / np.sqrt(5)  # (i - 1.5) / std of 0..3
    np.testing.assert_allclose(labels.asnumpy(), z, rtol=1e-6)
    np.testing.assert_allclose(features.asnumpy()[:, 0], z, rtol=1e-6)
    np.testing.assert_allclose(features.asnumpy()[:, 2], [-1, 1, -1], rtol=1e-6)


@pytest.mark.parametrize("content,message", [
    ("1\t2\t3\n4\t5\t6\n", "6 tab-separated columns"),
    ("1\t2\t3\t4\t5\tx\n" * 4, "not a number"),
])
def test_read_airfoil_rejects_other_tables(tmp_path, content, message):
    path = tmp_path / "bad.dat"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        data.read_airfoil(path, num_rows=2)


def test_an_empty_airfoil_file_gets_our_error_and_no_numpy_warning(tmp_path):
    path = tmp_path / "empty.dat"
    path.write_text("")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genfromtxt's "Empty input file"
        with pytest.raises(ValueError, match=r"6 tab-separated columns .* "
                                             r"got shape \(0,\)"):
            data.read_airfoil(path, num_rows=2)


def test_read_airfoil_needs_enough_rows(tmp_path):
    path = tmp_path / "short.dat"
    write_table(path, [[i, i, i, i, i, i] for i in range(3)])
    with pytest.raises(ValueError, match="has 3 rows, need 1500"):
        data.read_airfoil(path)


def test_a_file_with_another_sha1_is_refused(tmp_path, monkeypatch):
    shutil.copy(SHIPPED_AIRFOIL, tmp_path / data.AIRFOIL_FILE)
    with open(tmp_path / data.AIRFOIL_FILE, "a") as stream:
        stream.write("800\t0\t0.3048\t71.3\t0.00266337\t126.201\n")
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    with pytest.raises(ValueError) as error:
        gluon_opt.get_data_ch7()
    message = str(error.value)
    assert data.AIRFOIL_FILE in message and data.AIRFOIL_SHA1 in message
    assert "Delete it" in message


def test_the_data_folder_comes_from_gluon_opt_data(tmp_path, monkeypatch):
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    assert data.data_dir() == str(tmp_path)
    monkeypatch.delenv("GLUON_OPT_DATA")
    assert data.data_dir().endswith(os.path.join(".mxnet", "datasets"))


@pytest.fixture
def file_server(tmp_path):
    """An HTTP server on 127.0.0.1 serving tmp_path/served."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_missing_file_is_downloaded_and_verified(tmp_path, file_server):
    served, base = file_server
    shutil.copy(SHIPPED_AIRFOIL, served / data.AIRFOIL_FILE)
    folder = tmp_path / "data"
    path = data.fetch(data.AIRFOIL_FILE, f"{base}/{data.AIRFOIL_FILE}",
                      data.AIRFOIL_SHA1, folder=str(folder))
    assert hashlib.sha1(pathlib.Path(path).read_bytes()).hexdigest() \
        == data.AIRFOIL_SHA1
    assert os.listdir(folder) == [data.AIRFOIL_FILE]
    features, _ = data.read_airfoil(path)
    assert features.shape == (1500, 5)


def test_a_download_with_the_wrong_hash_leaves_no_file(tmp_path, file_server):
    served, base = file_server
    (served / data.AIRFOIL_FILE).write_text("not the airfoil data\n")
    folder = tmp_path / "data"
    with pytest.raises(OSError, match="could not be downloaded"):
        data.fetch(data.AIRFOIL_FILE, f"{base}/{data.AIRFOIL_FILE}",
                   data.AIRFOIL_SHA1, folder=str(folder))
    assert not folder.exists()  # no folder unless a download succeeds


def test_no_file_and_no_download_says_how_to_fix_it(tmp_path, file_server):
    _, base = file_server  # serves nothing: 404
    with pytest.raises(OSError, match="GLUON_OPT_DATA"):
        data.fetch(data.AIRFOIL_FILE, f"{base}/{data.AIRFOIL_FILE}",
                   data.AIRFOIL_SHA1, folder=str(tmp_path))
    assert os.listdir(tmp_path) == ["served"]


def test_synthetic_linreg_follows_the_model_and_its_seed():
    X, y = gluon_opt.synthetic_linreg(2000, (2, -3.4), 4.2, noise=0.01, seed=7)
    assert X.shape == (2000, 2) and y.shape == (2000,)
    residual = y.asnumpy() - (X.asnumpy() @ [2, -3.4] + 4.2)
    assert abs(residual.std() - 0.01) < 0.001
    X2, y2 = gluon_opt.synthetic_linreg(2000, (2, -3.4), 4.2, seed=7)
    np.testing.assert_array_equal(X.asnumpy(), X2.asnumpy())
    X3, _ = gluon_opt.synthetic_linreg(2000, (2, -3.4), 4.2, seed=8)
    assert not np.array_equal(X.asnumpy(), X3.asnumpy())


def test_data_iter_yields_slices_of_one_shuffle(seeded):
    X, y = gluon_opt.synthetic_linreg(23, seed=0)
    batches = list(gluon_opt.data_iter(5, X, y))
    assert [len(b[1]) for b in batches] == [5, 5, 5, 5, 3]
    got = np.concatenate([b[1].asnumpy() for b in batches])
    np.testing.assert_array_equal(np.sort(got), np.sort(y.asnumpy()))
    stacked = np.concatenate([b[0].asnumpy() for b in batches])
    reference = dict(zip(y.asnumpy().tolist(), X.asnumpy().tolist()))
    for row, label in zip(stacked, got):  # features stay with their label
        np.testing.assert_array_equal(row, reference[label])


# ------------------------------------------- shipped data and data folders

def test_the_package_ships_the_airfoil_file_and_needs_no_folder(
        tmp_path, monkeypatch):
    monkeypatch.delenv("GLUON_OPT_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # an empty home directory
    monkeypatch.setenv("MXNET_HOME", str(tmp_path / ".mxnet"))
    features, labels = gluon_opt.get_data_ch7()
    assert features.shape == (1500, 5) and labels.shape == (1500,)
    assert os.listdir(tmp_path) == []  # nothing created, nothing downloaded
    assert data.sha1(SHIPPED_AIRFOIL) == data.AIRFOIL_SHA1


def test_a_damaged_shipped_copy_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "datasets"
    fake.mkdir()
    (fake / data.AIRFOIL_FILE).write_text("1\t2\t3\t4\t5\t6\n")
    monkeypatch.setattr(data, "SHIPPED_DIR", str(fake))
    monkeypatch.delenv("GLUON_OPT_DATA", raising=False)
    with pytest.raises(ValueError, match=data.AIRFOIL_SHA1):
        gluon_opt.get_data_ch7()


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_bad_data_folder_gets_one_message_with_its_absolute_path(
        tmp_path, monkeypatch, kind):
    target = tmp_path / "nowhere"
    if kind == "file":
        target.write_text("not a folder")
    monkeypatch.setenv("GLUON_OPT_DATA", str(target))
    with pytest.raises(ValueError, match="GLUON_OPT_DATA") as error:
        gluon_opt.get_data_ch7()
    assert str(target) in str(error.value)
    assert ("does not exist" if kind == "missing" else "is a file") \
        in str(error.value)


@pytest.mark.parametrize("names, load", [
    ([data.AIRFOIL_FILE], lambda: gluon_opt.get_data_ch7()),
    (["mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz"],
     lambda: gluon_opt.load_mnist()),
    (["mnist/t10k-labels-idx1-ubyte.gz"], lambda: gluon_opt.load_mnist()),
])
def test_a_folder_where_a_data_file_should_be_is_named(
        tmp_path, monkeypatch, names, load):
    # (a hostile user's GLUON_OPT_DATA: folders with data files' names)
    for name in names:
        (tmp_path / name).mkdir(parents=True)
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    with pytest.raises(ValueError) as error:
        load()
    message = str(error.value)
    assert str(tmp_path / names[0]) in message and "is a folder" in message
    assert "GLUON_OPT_DATA" in message


def test_a_relative_data_folder_names_the_directory_it_is_read_from(
        tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setenv("GLUON_OPT_DATA", "../shared/data")
    with pytest.raises(ValueError) as error:
        data.data_dir()
    message = str(error.value)
    assert str(tmp_path / "shared" / "data") in message
    assert "relative" in message and str(tmp_path / "notebooks") in message


def test_the_override_folder_wins_and_may_lack_shipped_files(
        tmp_path, monkeypatch):
    monkeypatch.setenv("GLUON_OPT_DATA", str(tmp_path))
    # Without the file there: the shipped copy.
    assert data.locate(data.AIRFOIL) == str(SHIPPED_AIRFOIL)
    shutil.copy(SHIPPED_AIRFOIL, tmp_path / data.AIRFOIL_FILE)
    assert data.locate(data.AIRFOIL) == str(tmp_path / data.AIRFOIL_FILE)


def test_mirrors_are_tried_in_turn_each_with_its_own_hash(
        tmp_path, file_server):
    served, base = file_server
    payload = b"recompressed copy"
    (served / "copy.bin").write_bytes(payload)
    wanted = data.DataFile("sub/copy.bin", "0" * 40, mirrors=(
        (f"{base}/missing.bin", "sha1", "0" * 40),       # 404
        (f"{base}/copy.bin", "sha1", "1" * 40),          # wrong hash
        (f"{base}/copy.bin", "md5", hashlib.md5(payload).hexdigest())))
    folder = tmp_path / "data"
    path = data.locate(wanted, folder=str(folder))
    assert pathlib.Path(path).read_bytes() == payload
    assert path == str(folder / "sub" / "copy.bin")
    assert os.listdir(folder / "sub") == ["copy.bin"]  # no .part left
    # The copy now in the folder is accepted by its mirror's digest.
    assert data.locate(wanted, folder=str(folder)) == path


def test_a_download_that_cannot_be_written_says_where_and_what_to_do(
        tmp_path, file_server):
    served, base = file_server
    (served / "f.bin").write_bytes(b"x")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should go")
    wanted = data.DataFile("f.bin", hashlib.sha1(b"x").hexdigest(),
                           mirrors=((f"{base}/f.bin", "sha1",
                                     hashlib.sha1(b"x").hexdigest()),))
    with pytest.raises(OSError, match="writable") as error:
        data.locate(wanted, folder=str(blocker / "data"))
    assert str(blocker / "data") in str(error.value)


def test_a_downloaded_file_honours_the_umask(tmp_path, file_server):
    served, base = file_server
    (served / "f.bin").write_bytes(b"x")
    digest = hashlib.sha1(b"x").hexdigest()
    wanted = data.DataFile("f.bin", digest,
                           mirrors=((f"{base}/f.bin", "sha1", digest),))
    old = os.umask(0o022)
    try:
        path = data.locate(wanted, folder=str(tmp_path / "data"))
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == 0o644
