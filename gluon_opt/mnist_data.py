"""MNIST data: the idx file reader, where the files come from, and load_mnist.

Where the data comes from (`load_mnist`):

1. both real splits (60,000 training images, 10,000 test images), when the
   training split is in the data folder ($GLUON_OPT_DATA or MXNet's
   ~/.mxnet/datasets) or, with download=True, can be downloaded there
   (Gluon's mirror, then yann.lecun.com, then the mirror torchvision uses;
   each file checked by its hash);
2. otherwise the real test split the package ships (10,000 images), split
   (seeded) into a training part and an evaluation part; the result says so.

The idx files are read by this module's `read_idx` (Fashion-MNIST uses the
same format): Gluon's MNIST class checks other hashes (its mirror
recompressed the files).
"""
import dataclasses
import gzip
import math
import os
import struct

import numpy as np
from mxnet import nd

from . import _checks
from .data import DataFile, data_folder, locate

GLUON_MIRROR = ("https://apache-mxnet.s3-accelerate.dualstack.amazonaws.com/"
                "gluon/dataset/mnist/")
LECUN_MIRROR = "http://yann.lecun.com/exdb/mnist/"
TORCHVISION_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/"


def _mnist_file(name, sha1, gluon_sha1, original_md5, shipped=False):
    """An MNIST idx file: Gluon's mirror publishes sha1s of its recompressed
    copies; the original files (LeCun's site and torchvision's mirror) are
    published with their md5 only."""
    return DataFile(f"mnist/{name}", sha1, shipped=shipped, mirrors=(
        (GLUON_MIRROR + name, "sha1", gluon_sha1),
        (LECUN_MIRROR + name, "md5", original_md5),
        (TORCHVISION_MIRROR + name, "md5", original_md5)))


# The test split ships with the package (these sha1s are of its copies).
TEST_IMAGES = _mnist_file("t10k-images-idx3-ubyte.gz",
                          "dd5ac0f089b8e0b68c44525e60fb50487e8465aa",
                          "c3a25af1f52dad7f726cce8cacb138654b760d48",
                          "9fb629c4189551a2d022fa330f9573f3", shipped=True)
TEST_LABELS = _mnist_file("t10k-labels-idx1-ubyte.gz",
                          "08da2a4b10150e076dffbf6201afce3b38b4b2a2",
                          "763e7fa3757d93b0cdec073cef058b2004252c17",
                          "ec29112dd5afa0611ce80d1b7f02629c", shipped=True)
# The training split is downloaded where a network exists.
TRAIN_IMAGES = _mnist_file("train-images-idx3-ubyte.gz",
                           "6c95f4b05d2bf285e1bfb0e7960c31bd3b3f8a7d",
                           "6c95f4b05d2bf285e1bfb0e7960c31bd3b3f8a7d",
                           "f68b3c2dcbeaaa9fbdd348bbdeb94873")
TRAIN_LABELS = _mnist_file("train-labels-idx1-ubyte.gz",
                           "2a80914081dc54586dbdf242f9805a6b8d2a15fc",
                           "2a80914081dc54586dbdf242f9805a6b8d2a15fc",
                           "d53e105ee54ea40749a09fcbcd1e9432")

# idx type codes (third byte of the magic number) -> big-endian NumPy dtype.
IDX_DTYPES = {
    0x08: np.dtype(">u1"), 0x09: np.dtype(">i1"), 0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8"),
}
GZIP_MAGIC = b"\x1f\x8b"


def read_idx(path):
    """The array stored in an idx file (gzip-compressed or plain).

    An idx file is a magic number (two zero bytes, a type code, the number of
    dimensions), each dimension as a big-endian uint32, then the values in C
    order. A bad magic number, a short header, a body shorter or longer than
    the dimensions say, or a broken gzip stream raise ValueError naming the
    file. Returns a NumPy array in native byte order (uint8 for MNIST).
    """
    path = _checks.check_path("path", path)
    with open(path, "rb") as stream:
        raw = stream.read()
    if raw[:2] == GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            raise ValueError(f"{path} is a damaged gzip file ({error}); "
                             f"fetch a fresh copy") from error
    if len(raw) < 4:
        raise ValueError(f"{path} is too short to be an idx file: "
                         f"{len(raw)} bytes, the magic number alone is 4")
    zeros, type_code, ndim = raw[:2], raw[2], raw[3]
    if zeros != b"\x00\x00" or type_code not in IDX_DTYPES or ndim == 0:
        raise ValueError(
            f"{path} has a bad idx magic number {raw[:4].hex()}: expected "
            f"0000 then a type code in "
            f"{{{', '.join(f'{c:02x}' for c in IDX_DTYPES)}}} and at least "
            f"one dimension (MNIST images start 00000803, labels 00000801)")
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{path} is truncated in its header: {ndim} "
                         f"dimensions need {header} bytes, the file has "
                         f"{len(raw)}")
    shape = struct.unpack(f">{ndim}I", raw[4:header])
    dtype = IDX_DTYPES[type_code]
    if ndim > 32:  # NumPy's limit on dimensions
        raise ValueError(f"{path} claims {ndim} dimensions; an idx array "
                         f"here may have at most 32 (MNIST has 1 or 3)")
    expected = math.prod(shape) * dtype.itemsize  # exact: no overflow
    body = len(raw) - header
    if body != expected:
        what = "truncated" if body < expected else "longer than its header says"
        raise ValueError(f"{path} is {what}: shape {shape} of {dtype.name} "
                         f"needs {expected} bytes after the header, the file "
                         f"has {body}")
    try:  # an empty body may claim other dimensions too big for NumPy
        array = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    except ValueError as error:
        raise ValueError(f"{path} has a header shape {shape} NumPy cannot "
                         f"make ({error})") from None
    return array.astype(dtype.newbyteorder("="))


def read_mnist_idx(folder=None, train=False):
    """Images (n, 28, 28) uint8 and labels (n,) uint8 of an MNIST split: the
    test split (10,000) or, with train=True, the training split (60,000).

    Each file comes from `data.locate` (the data folder `folder`, default
    $GLUON_OPT_DATA, else the package's copy, else a download), its hash
    checked before it is read.
    """
    images_file, labels_file = ((TRAIN_IMAGES, TRAIN_LABELS) if train
                                else (TEST_IMAGES, TEST_LABELS))
    images = read_idx(locate(images_file, folder))
    labels = read_idx(locate(labels_file, folder))
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"{images_file.name} must hold 28x28 images, got "
                         f"shape {images.shape}")
    if labels.shape != images.shape[:1]:
        raise ValueError(f"{labels_file.name} has {labels.shape} labels for "
                         f"{images.shape[0]} images")
    return images, labels


@dataclasses.dataclass
class MnistData:
    """Training and evaluation data, flattened to 784 floats in [0, 1].

    source: one sentence on where the data came from and how it was split.
    """
    train_features: nd.NDArray
    train_labels: nd.NDArray
    eval_features: nd.NDArray
    eval_labels: nd.NDArray
    source: str


def _to_nd(images, labels):
    features = nd.array(images.reshape(images.shape[0], -1)) / 255
    return features, nd.array(labels.astype(np.float32))


def _split_test_files(folder, num_eval, split_seed, why):
    images, labels = read_mnist_idx(folder)
    if num_eval >= images.shape[0]:
        raise ValueError(f"num_eval must leave images to train on: got "
                         f"{num_eval} of the {images.shape[0]} test images")
    order = np.random.RandomState(split_seed).permutation(images.shape[0])
    train, held_out = order[num_eval:], order[:num_eval]
    source = (f"the real MNIST test split ({images.shape[0]:,} images, the "
              f"copy the package ships), split with seed {split_seed} into "
              f"{train.size:,} images for training and {held_out.size:,} "
              f"for evaluation ({why})")
    return MnistData(*_to_nd(images[train], labels[train]),
                     *_to_nd(images[held_out], labels[held_out]), source)


def _both_splits(folder):
    """Both real splits: the training split from the data folder or a
    download (OSError when neither has it)."""
    train_x, train_y = read_mnist_idx(folder, train=True)
    test_x, test_y = read_mnist_idx(folder)
    source = (f"the real MNIST splits: {len(train_y):,} training images, "
              f"{len(test_y):,} test images for evaluation")
    return MnistData(*_to_nd(train_x, train_y), *_to_nd(test_x, test_y), source)


def load_mnist(num_eval=2000, split_seed=0, folder=None, download=False):
    """MNIST as flattened features in [0, 1] and float labels.

    With the training split in the data folder (`folder`, default
    $GLUON_OPT_DATA, else ~/.mxnet/datasets), or downloaded there with
    download=True where a network exists: both real splits. (Off by
    default: a call never reaches outside the machine unless asked.) Otherwise
    the test split the package ships, shuffled with `split_seed`, `num_eval`
    images held out for evaluation and the rest for training. Returns
    MnistData; its `source` says which way was taken and why.
    """
    num_eval = _checks.check_int("num_eval", num_eval, minimum=1)
    split_seed = _checks.check_seed("split_seed", split_seed)
    if not isinstance(download, bool):
        raise TypeError(f"download must be True or False, got {download!r}")
    folder = data_folder(folder)
    present = all(os.path.exists(os.path.join(folder, f.name))
                  for f in (TRAIN_IMAGES, TRAIN_LABELS))
    if present or download:
        try:
            return _both_splits(folder)
        except OSError as error:  # offline: no mirror answered
            why = f"the 60,000-image training split could not be downloaded: {error}"
    else:
        why = ("the 60,000-image training split is not in "
               f"{os.path.abspath(folder)} and download=False")
    return _split_test_files(folder, num_eval, split_seed, why)
