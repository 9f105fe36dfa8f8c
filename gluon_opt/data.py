"""Data: synthetic linear regression, minibatches, and the airfoil data set.

The chapter trains on two data sets: y = X·w + b + noise (synthetic, so the
learned parameters can be compared to the truth) and the NASA airfoil
self-noise measurements (real, small, and hard enough to tell optimizers apart).
"""
import hashlib
import os
import tempfile

import numpy as np
from mxnet import base, nd
from mxnet.gluon import utils as gutils

from . import _checks

AIRFOIL_URL = "http://d2l-data.s3-accelerate.amazonaws.com/airfoil_self_noise.dat"
AIRFOIL_FILE = "airfoil_self_noise.dat"
AIRFOIL_SHA1 = "76e5be1548fd8222e5074cf0faae75edff8cf93f"


def data_dir():
    """Where data files live: $GLUON_OPT_DATA, else MXNet's data folder."""
    return os.environ.get("GLUON_OPT_DATA") or os.path.join(
        base.data_dir(), "datasets")


def synthetic_linreg(num_examples=1000, true_w=(2, -3.4), true_b=4.2,
                     noise=0.01, seed=None):
    """Features X ~ N(0, 1) and labels y = X·true_w + true_b + noise·N(0, 1).

    With `seed` the data is the same on every call; without it, it comes from
    NumPy's global generator (which `gluon_opt.set_seed` seeds).
    """
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    _checks.check_number("noise", noise, minimum=0)
    rng = np.random if seed is None else np.random.RandomState(seed)
    true_w = np.asarray(true_w, dtype=np.float32).reshape(-1)
    features = rng.normal(size=(num_examples, true_w.size)).astype(np.float32)
    labels = features @ true_w + np.float32(true_b)
    labels += noise * rng.normal(size=num_examples).astype(np.float32)
    return nd.array(features), nd.array(labels)


def data_iter(batch_size, features, labels):
    """Yield shuffled minibatches (X, y) that cover the data once.

    The rows are shuffled once (two `take`s) and each batch is a contiguous
    slice of the shuffled copy: a view, no copy and no operator per batch.
    The last batch is smaller when batch_size does not divide the data.
    """
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    _checks.check_ndarray("features", features)
    _checks.check_ndarray("labels", labels)
    num_examples = features.shape[0]
    if labels.shape[0] != num_examples:
        raise ValueError(
            f"features and labels must have the same length, got "
            f"{num_examples} rows in features and {labels.shape[0]} in labels")
    order = nd.array(np.random.permutation(num_examples), ctx=features.context)
    features, labels = features.take(order), labels.take(order)
    for start in range(0, num_examples, batch_size):
        stop = min(start + batch_size, num_examples)
        yield features[start:stop], labels[start:stop]


def data_iter_first(batch_size, num_examples, features, labels):
    """The 2018 book's data_iter: shuffled minibatches of the first
    num_examples rows of (features, labels)."""
    _checks.check_ndarray("X", features)
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    if num_examples > features.shape[0]:
        raise ValueError(f"num_examples must be at most the number of rows "
                         f"of X ({features.shape[0]}), got {num_examples}")
    return data_iter(batch_size, features[:num_examples],
                     labels[:num_examples])


def _sha1(path):
    digest = hashlib.sha1()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(file_name, url, sha1, folder=None):
    """Path of a verified data file: found in `folder` or downloaded there.

    A download goes to a temporary name in the same folder and is renamed only
    once its hash matches, so an interrupted download leaves no half file.
    A file whose sha1 differs is refused with a message that says how to fix it.
    """
    folder = folder or data_dir()
    path = os.path.join(folder, file_name)
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=file_name + ".",
                                           suffix=".part", dir=folder)
        os.close(handle)
        try:
            gutils.download(url, path=partial, overwrite=True, sha1_hash=sha1)
            os.replace(partial, path)
        except Exception as error:
            raise OSError(
                f"{file_name} is not in {folder} and could not be downloaded "
                f"from {url} ({error}). Download it by hand into that folder, "
                f"or point GLUON_OPT_DATA at a folder that has it.") from None
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    actual = _sha1(path)
    if actual != sha1:
        raise ValueError(
            f"{path} has sha1 {actual}, expected {sha1}: the file is damaged "
            f"or not the right one. Delete it and run again to download a "
            f"fresh copy (from {url}).")
    return path


def read_airfoil(path, num_rows=1500):
    """Features (num_rows, 5) and labels (num_rows,) from an airfoil file.

    As the book does: every column is standardized over all rows of the file
    (in float64), then the first `num_rows` rows are kept.
    """
    try:
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
    return read_airfoil(fetch(AIRFOIL_FILE, AIRFOIL_URL, AIRFOIL_SHA1))
