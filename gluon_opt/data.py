"""Data: synthetic linear regression, minibatches, and the airfoil data set.

The chapter trains on two data sets: y = X·w + b + noise (synthetic, so the
learned parameters can be compared to the truth) and the NASA airfoil
self-noise measurements (real, small, and hard enough to tell optimizers apart).
"""
import dataclasses
import hashlib
import os
import shutil
import tempfile
import urllib.request
import warnings

import numpy as np
from mxnet import base, nd

from . import _checks, atomic

# The package ships the small data files (the airfoil table and the MNIST test
# split) here, so that a fresh clone runs everything offline.
SHIPPED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "datasets")
DOWNLOAD_TIMEOUT = 30  # seconds without data before a mirror is given up


@dataclasses.dataclass(frozen=True)
class DataFile:
    """A data file the package reads.

    name: its path inside a data folder ('mnist/t10k-images-idx3-ubyte.gz').
    sha1: the sha1 of the copy the package ships (or of the usual download).
    shipped: whether the package holds a copy (in SHIPPED_DIR).
    mirrors: where to download it, each (url, hash name, digest); mirrors
        recompress files, so each has its own digest, and a local copy from
        any of them is accepted.
    """
    name: str
    sha1: str
    shipped: bool = False
    mirrors: tuple = ()

    def digests(self):
        """(hash name, hex digest) pairs a good copy may have."""
        return {("sha1", self.sha1)} | {(algo, digest)
                                        for _, algo, digest in self.mirrors}


AIRFOIL_URL = "http://d2l-data.s3-accelerate.amazonaws.com/airfoil_self_noise.dat"
AIRFOIL_FILE = "airfoil_self_noise.dat"
AIRFOIL_SHA1 = "76e5be1548fd8222e5074cf0faae75edff8cf93f"
AIRFOIL = DataFile(AIRFOIL_FILE, AIRFOIL_SHA1, shipped=True,
                   mirrors=((AIRFOIL_URL, "sha1", AIRFOIL_SHA1),))


def default_data_dir():
    """Where downloads go without GLUON_OPT_DATA: MXNet's data folder."""
    return os.path.join(base.data_dir(), "datasets")


def data_dir():
    """The data folder: $GLUON_OPT_DATA (checked, absolute), else MXNet's.

    A GLUON_OPT_DATA that does not exist or is a file raises ValueError with
    its absolute path; a relative one is read from the current directory,
    which the message names (from notebooks/, '../shared/data' is not the
    folder it is from the project root).
    """
    override = os.environ.get("GLUON_OPT_DATA")
    if not override:
        return default_data_dir()
    folder = os.path.abspath(override)
    where = (f"GLUON_OPT_DATA={override!r}" if os.path.isabs(override) else
             f"GLUON_OPT_DATA={override!r} (relative, so read from the "
             f"current directory {os.getcwd()})")
    if not os.path.exists(folder):
        raise ValueError(f"{where} names {folder}, which does not exist. "
                         f"Point GLUON_OPT_DATA at an existing folder (an "
                         f"absolute path), or unset it to use the data the "
                         f"package ships.")
    if not os.path.isdir(folder):
        raise ValueError(f"{where} names {folder}, which is a file, not a "
                         f"folder. Point GLUON_OPT_DATA at the folder that "
                         f"holds the data files, or unset it.")
    return folder


def _digest(path, algo):
    digest = hashlib.new(algo)
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha1(path):
    """The sha1 hex digest of the file at `path`."""
    return _digest(path, "sha1")


def matches(path, datafile):
    """Whether the file at `path` has one of `datafile`'s known digests."""
    return any(_digest(path, algo) == digest for algo, digest in
               sorted(datafile.digests()))


def data_folder(folder=None):
    """The data folder: `folder` (checked as a path), else $GLUON_OPT_DATA or
    MXNet's (data_dir())."""
    return data_dir() if folder is None else _checks.check_path("folder", folder)


def local_copy(datafile, folder=None):
    """The path of `datafile` in the data folder (`folder`, else
    $GLUON_OPT_DATA or MXNet's), or None when it is not there. Something
    else under that name (a folder) raises ValueError naming the path."""
    local = os.path.join(data_folder(folder), datafile.name)
    if not os.path.exists(local):
        return None
    if not os.path.isfile(local):
        kind = "a folder" if os.path.isdir(local) else "not a regular file"
        raise ValueError(
            f"{local} is {kind}, where the data file "
            f"{os.path.basename(datafile.name)} should be. Remove or rename "
            f"it, or point GLUON_OPT_DATA at a folder that holds the file "
            f"itself.")
    return local


def _verified(path, datafile):
    """`path`, after checking it is a good copy of `datafile`."""
    if matches(path, datafile):
        return path
    raise ValueError(
        f"{path} has sha1 {sha1(path)}, expected {datafile.sha1}: the file "
        f"is damaged or not the right one. Delete it and run again (the "
        f"package then uses its own copy or downloads a fresh one).")


def locate(datafile, folder=None):
    """The path of a verified copy of `datafile`, in this order:

    1. the data folder (`folder`, else $GLUON_OPT_DATA), when it has the file;
    2. the copy the package ships;
    3. a download from each mirror in turn into the data folder (default:
       MXNet's, ~/.mxnet/datasets). Nothing is created there unless a
       download succeeds and its hash matches.
    A local file with the wrong hash is refused (ValueError naming it).
    """
    folder = data_folder(folder)
    local = local_copy(datafile, folder)
    if local is not None:
        return _verified(local, datafile)
    if datafile.shipped:
        return _verified(os.path.join(SHIPPED_DIR, datafile.name), datafile)
    return download(datafile, folder)


def download(datafile, folder):
    """Download `datafile` into `folder`, trying its mirrors in turn.

    Each download goes to a temporary folder, is checked against the
    mirror's digest, and only then moved into `folder` (created at that
    point): an interrupted or wrong download leaves nothing behind.
    """
    failures = []
    scratch = tempfile.mkdtemp(prefix="gluon-opt-download-")
    try:
        for url, algo, digest in datafile.mirrors:
            partial = os.path.join(scratch, "download")
            try:
                with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) \
                        as response, open(partial, "wb") as stream:
                    shutil.copyfileobj(response, stream, 1 << 20)
            except Exception as error:  # any network failure: next mirror
                failures.append(f"{url}: {type(error).__name__}: {error}")
                continue
            actual = _digest(partial, algo)
            if actual != digest:
                failures.append(f"{url}: {algo} {actual}, expected {digest}")
                continue
            return _install(partial, folder, datafile.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    tried = "; ".join(failures) or "no mirror is known"
    error = OSError(
        f"{datafile.name} is not in {os.path.abspath(folder)} and could not "
        f"be downloaded ({tried}). Download it by hand into that folder, or "
        f"point GLUON_OPT_DATA at a folder that has it.")
    error.failures = tuple(failures)  # (for callers that explain it their way)
    raise error


def _install(partial, folder, name):
    """Move a verified download to folder/name (atomically within folder)."""
    target = os.path.join(os.path.abspath(folder), name)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix="." + os.path.basename(name),
                                          suffix=".part",
                                          dir=os.path.dirname(target))
        os.close(handle)
        shutil.move(partial, staged)
        os.chmod(staged, atomic.file_mode())
        os.replace(staged, target)
    except OSError as error:
        raise OSError(f"the download of {name} succeeded but cannot be "
                      f"written to {os.path.dirname(target)} ({error}). "
                      f"Point GLUON_OPT_DATA at a writable folder.") from None
    return target


def synthetic_linreg(num_examples=1000, true_w=(2, -3.4), true_b=4.2,
                     noise=0.01, seed=None):
    """Features X ~ N(0, 1) and labels y = X·true_w + true_b + noise·N(0, 1).

    With `seed` the data is the same on every call; without it, it comes from
    NumPy's global generator (which `gluon_opt.set_seed` seeds).
    """
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    # As floats: a huge Python int would make NumPy compute with objects.
    noise = float(_checks.check_number("noise", noise, minimum=0))
    true_b = float(_checks.check_number("true_b", true_b))
    seed = None if seed is None else _checks.check_seed("seed", seed)
    # NDArrays as NumPy arrays: NumPy would index an NDArray (whose items
    # are NDArrays again) 32 levels deep, warning, before failing.
    if hasattr(true_w, "asnumpy"):
        true_w = true_w.asnumpy()
    elif isinstance(true_w, (list, tuple)):
        true_w = [w.asnumpy() if hasattr(w, "asnumpy") else w for w in true_w]
    if np.iscomplexobj(true_w):
        raise TypeError(f"true_w must hold real numbers, got {true_w!r}")
    try:
        true_w = np.asarray(true_w, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise TypeError(f"true_w must be a list of numbers such as (2, -3.4), "
                        f"got {true_w!r}") from None
    if true_w.size == 0:
        raise ValueError("true_w must hold at least one weight, got none")
    if not np.isfinite(true_w).all():
        raise ValueError(f"true_w must be finite, got {true_w.tolist()}")
    true_w = true_w.astype(np.float32)
    rng = np.random if seed is None else np.random.RandomState(seed)
    features = rng.normal(size=(num_examples, true_w.size)).astype(np.float32)
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below
        labels = features @ true_w + np.float32(true_b)
        labels += np.float32(noise) * rng.normal(size=num_examples).astype(
            np.float32)
    if not np.isfinite(labels).all():
        raise ValueError(f"true_w, true_b and noise are too large: the labels "
                         f"overflow float32 (got true_w={true_w.tolist()}, "
                         f"true_b={true_b}, noise={noise})")
    return nd.array(features), nd.array(labels)


def data_iter(batch_size, features, labels, *rest):
    """Shuffled minibatches (X, y) that cover the data once.

    `data_iter(batch_size, features, labels)`, as d2l and gluonbook spell it;
    the 2018 form `data_iter(batch_size, num_examples, features, labels)`
    takes the first num_examples rows. The rows are shuffled once (two
    `take`s) and each batch is a contiguous slice of the shuffled copy: a
    view, no copy and no operator per batch. The last batch is smaller when
    batch_size does not divide the data.
    """
    if rest:
        if len(rest) > 1:
            raise TypeError(f"data_iter takes (batch_size, features, labels) "
                            f"or (batch_size, num_examples, features, labels), "
                            f"got {3 + len(rest)} arguments")
        return data_iter_first(batch_size, features, labels, rest[0])
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    _checks.check_ndarray("features", features)
    _checks.check_ndarray("labels", labels)
    num_examples = features.shape[0]
    if labels.shape[0] != num_examples:
        raise ValueError(
            f"features and labels must have the same length, got "
            f"{num_examples} rows in features and {labels.shape[0]} in labels")
    return _batches(batch_size, features, labels)


def _batches(batch_size, features, labels):
    order = nd.array(np.random.permutation(features.shape[0]),
                     ctx=features.context)
    features, labels = features.take(order), labels.take(order)
    for start in range(0, features.shape[0], batch_size):
        yield features[start:start + batch_size], labels[start:start + batch_size]


def data_iter_first(batch_size, num_examples, features, labels):
    """The 2018 book's data_iter: shuffled minibatches of the first
    num_examples rows of (features, labels)."""
    _checks.check_ndarray("X", features)
    _checks.check_ndarray("y", labels)
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    if num_examples > features.shape[0]:
        raise ValueError(f"num_examples must be at most the number of rows "
                         f"of X ({features.shape[0]}), got {num_examples}")
    return data_iter(batch_size, features[:num_examples],
                     labels[:num_examples])


def fetch(file_name, url, sha1, folder=None):
    """Path of a verified file `file_name` in `folder` (default: the data
    folder), downloaded from `url` when it is missing (see `locate`)."""
    return locate(DataFile(file_name, sha1, mirrors=((url, "sha1", sha1),)),
                  folder)


def read_airfoil(path, num_rows=1500):
    """Features (num_rows, 5) and labels (num_rows,) from an airfoil file.

    As the book does: every column is standardized over all rows of the file
    (in float64), then the first `num_rows` rows are kept.
    """
    num_rows = _checks.check_int("num_rows", num_rows, minimum=1)
    path = _checks.check_path("path", path)
    try:
        with warnings.catch_warnings():  # an empty file: said below, once
            warnings.filterwarnings("ignore", "genfromtxt: Empty input file")
            table = np.genfromtxt(path, delimiter="\t", dtype=np.float64)
    except ValueError as error:
        raise ValueError(f"{path} is not a tab-separated table of numbers: "
                         f"{error}") from error
    if table.ndim != 2 or table.shape[1] != 6:
        raise ValueError(f"{path} must hold 6 tab-separated columns (5 "
                         f"features and the target), got shape {table.shape}")
    if table.shape[0] < num_rows:
        raise ValueError(f"{path} has {table.shape[0]} rows, need {num_rows}")
    if not np.isfinite(table).all():
        raise ValueError(f"{path} has a value that is not a number")
    spread = table.std(axis=0)
    if (spread == 0).any():
        raise ValueError(f"{path}: column {int(np.argmin(spread))} has the "
                         f"same value in every row and cannot be standardized")
    table = (table - table.mean(axis=0)) / spread
    return nd.array(table[:num_rows, :-1]), nd.array(table[:num_rows, -1])


def get_data_ch7():
    """The airfoil data of the chapter: the first 1500 rows, each column
    standardized; features (1500, 5) and labels (1500,) as NDArrays."""
    return read_airfoil(locate(AIRFOIL))
