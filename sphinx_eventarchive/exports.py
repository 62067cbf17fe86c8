"""archive.json, events.ics and the Atom feed. Stub until issue 6 lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_exports(app: Sphinx) -> None:
    pass
