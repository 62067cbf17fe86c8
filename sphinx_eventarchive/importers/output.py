"""Writing reports: never half a set, never over someone's edits by accident, never
outside the output folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from sphinx_eventarchive.core.filenames import distinct
from sphinx_eventarchive.core.files import write_atomic
from sphinx_eventarchive.importers.findings import InputError


def check_folder(folder: Path) -> None:
    """The output folder is a folder, or can become one."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is not a directory")


class Target(NamedTuple):
    """Where one file goes; ``shares`` is the name it gave up to an earlier record."""

    path: Path
    shares: str = ""

    @property
    def note(self) -> str:
        """The line that says a record was renamed, or nothing."""
        if not self.shares:
            return ""
        return (f"{self.path.with_name(self.shares)} is taken by an earlier record of this run; "
                f"written to {self.path.name}")


def plan(folder: Path, names: Sequence[str], force: bool) -> list[Target]:
    """Where each name is written in ``folder``, checked before anything is written.

    ``names`` come from :func:`~sphinx_eventarchive.core.filenames.safe_filename`
    (``migrate -o`` gives the user's own). Two records never share a file: a
    later one is numbered and :attr:`Target.note` says so. A path that leads
    out of the folder (a symlink there pointing elsewhere) is refused, even
    with ``force``. Without ``force``, an existing file refuses the whole run,
    so a report edited since the last import is never wiped, and a run never
    stops half-written.
    """
    check_folder(folder)
    given = distinct(names)
    targets = [Target(confine(folder, final), "" if name == final else name)
               for name, final in zip(names, given, strict=True)]
    for target in targets:
        if target.path.is_dir():
            raise InputError(f"{target.path} is a directory")
    if not force:
        # lexists: a symlink is someone's file too, even one that points nowhere.
        existing = [target.path for target in targets if os.path.lexists(target.path)]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise InputError(f"{existing[0]} exists{more}; use --force to overwrite")
    return targets


def confine(folder: Path, name: str) -> Path:
    """``folder / name``, when it stays in ``folder`` once every symlink is followed."""
    if name in ("", ".", "..") or Path(name).name != name:
        raise InputError(f"{name!r} is not a file name in {folder}; nothing was written")
    path = folder / name
    inside = folder.resolve()
    resolved = path.resolve()
    if resolved == inside or not resolved.is_relative_to(inside):
        raise InputError(f"{path} leads out of {folder} (to {resolved}); nothing was written")
    return path


def write_report(path: Path, data: bytes, folder: Path | None = None) -> None:
    """Write ``path`` in one step (a crash or a full disk midway must not leave a
    report cut in half), with the permissions it had, or a new file's usual ones.

    :func:`write_atomic`'s temporary file is private (0600); a report is not.
    With ``folder``, ``path`` is checked once more to stay in it: :func:`plan`
    checked it, but the folder may have changed since.
    """
    if folder is not None:
        confine(folder, path.name)
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
