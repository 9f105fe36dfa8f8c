"""Writing files atomically: an interrupted run never leaves a half file."""
import contextlib
import json
import os
import tempfile


def file_mode():
    """The mode a new file gets from open(): 0o666 less the umask. (mkstemp
    makes 0600 files, which other users and tools could not read.)"""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside `path`; rename it to `path` on success,
    with the permissions the umask gives a new file."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(
        prefix="." + os.path.basename(path) + ".", suffix=".part", dir=folder)
    os.close(handle)
    try:
        yield partial
        os.chmod(partial, file_mode())
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def write_text(path, text):
    """Write `text` to `path` atomically."""
    with atomic_path(path) as partial:
        with open(partial, "w", encoding="utf-8") as stream:
            stream.write(text)


def write_json(path, value):
    """Write `value` as JSON to `path` atomically."""
    write_text(path, json.dumps(value, indent=2, sort_keys=True) + "\n")
