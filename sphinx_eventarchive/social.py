"""Social metadata (OGP, X cards, article tags, JSON-LD). Stub until issue 4 lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_social(app: Sphinx) -> None:
    pass
