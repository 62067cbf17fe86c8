"""Writing reports: never half a set, never over someone's edits by accident."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sphinx_eventarchive.core.files import write_atomic
from sphinx_eventarchive.importers import InputError


def check_folder(folder: Path) -> None:
    """The output folder is a folder, or can become one."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is not a directory")


def check_free(paths: Sequence[Path], force: bool) -> None:
    """Refuse before writing anything if a report would replace an existing file.

    A report is edited after it is imported; a second import must not wipe
    those edits unless the user says so.
    """
    for folder in {path.parent for path in paths}:
        check_folder(folder)
    if force:
        return
    existing = [path for path in paths if path.exists()]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise InputError(f"{existing[0]} exists{more}; use --force to overwrite")


def write_report(path: Path, data: bytes) -> None:
    """Write ``path`` in one step (a crash or a full disk midway must not leave a
    report cut in half), with the permissions it had, or a new file's usual ones.

    :func:`write_atomic`'s temporary file is private (0600); a report is not.
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    write_atomic(path, data)
    os.chmod(path, mode)


def _umask() -> int:
    # Reading the umask means setting it; the command line has one thread.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
