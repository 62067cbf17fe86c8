"""Where a card's links go: one answer for documents and generated pages alike.

A card's piece names what it links to (``write/cardmodel.Piece``: an archive
object, a report, a URL); the domain says which page and anchor that is for
this builder (a speaker's generated page, or their profile where the builder
writes no generated pages), and the builder makes the relative link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx_eventarchive.site import Site
    from sphinx_eventarchive.write.cardmodel import Piece


class Links:
    """The links of cards on the pages of one build."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.domain = site.domain
        self.builder = site.builder

    def target(self, piece: Piece) -> tuple[str, str] | None:
        """(docname, anchor) a piece links to, whatever page it is on; None for none."""
        if piece.kind == "doc":
            return piece.target[0], piece.target[1]
        if piece.kind != "xref":
            return None
        typ, target = piece.target[:2]
        if typ in ("speaker", "profile") and len(piece.target) > 2:
            # The card knows whom it names (an alias may be claimed for one affiliation
            # only): the person's key, not the name to look up again.
            found = self.domain.person_target(piece.target[2], self.builder)
        else:
            found = self.domain.target(typ, target, self.builder)
        return (found[0], found[1]) if found and found[0] else None

    def href(self, pagename: str, piece: Piece) -> str:
        """Where a piece links to from ``pagename``; "" where there is no page for it."""
        found = self.target(piece)
        return self.site.href(pagename, *found) if found else ""
