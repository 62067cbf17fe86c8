"""Files the exports wrote: told apart from the user's own by the generator's name in them."""

from __future__ import annotations

from pathlib import Path

from sphinx_eventarchive.core.version import GENERATOR


def remove_ours(path: Path) -> None:
    """Remove an export an earlier build wrote; a file of the user's own is left alone."""
    try:
        if GENERATOR.encode() in path.read_bytes():
            path.unlink()
    except OSError:
        pass
