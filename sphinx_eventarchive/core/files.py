"""Writing files: atomically, and only when their bytes change.

A file rewritten with the same bytes still changes its modification time,
which makes servers, CDNs and feed readers see news where there is none; a
file written in place can be read half-written by a parallel writer.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = _umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path``, then move into place: readers see the old or the new file.

    The file keeps the mode it had, or gets the usual one (``0o666`` less the
    umask): a temporary file is private, and a web server must read exports.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def in_tree(root: Path, path: Path) -> Path | None:
    """``path`` when it is a file inside ``root`` (links resolved), else None: a picture a
    report names is published only from the project, never from outside it."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        return None
    return path if inside and path.is_file() else None
