"""Writing reports: never half a set, never over someone's edits by accident."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

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


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 with ``\\n`` line ends, whatever the platform."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def replace_bytes(path: Path, data: bytes) -> None:
    """Rewrite ``path`` in one step, keeping its permissions.

    A crash or a full disk midway must not leave a report cut in half.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
