"""What a listing (``eventlist``, ``sessionlist``, ``reportlist``) shows, before it is
rendered as cards (``write/cardhtml.py``) or, outside HTML, as lines (``write/cards.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.cardmodel import Card, CardMaker

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.view import Archive


class ListingGroup(NamedTuple):
    #: (archive type to link to or "", its target, the text): a session list's group
    #: heading; ("", "", "") for a list without groups.
    heading: tuple[str, str, str]
    cards: tuple[Card, ...]


class ShownListing(NamedTuple):
    """What a listing shows: its class, what it says when nothing is selected, and its
    groups of cards (one group without a heading but for ``sessionlist``)."""

    kind: str
    cls: str
    empty: str
    groups: tuple[ListingGroup, ...]


def listing_model(archive: Archive, cards: CardMaker, kind: str, options: dict[str, str],
                  ) -> ShownListing:
    """The cards (and, for ``sessionlist``, the groups) a listing shows."""
    from sphinx_eventarchive.archive.listings import group_sessions, select_events, select_reports

    if kind == "eventlist":
        found = tuple(cards.event(event_id) for event_id in select_events(archive, options))
        return ShownListing(kind, "eventarchive-eventlist", str(_("No events yet.")),
                            (ListingGroup(("", "", ""), found),) if found else ())
    if kind == "reportlist":
        found = tuple(cards.report(docname) for docname in select_reports(archive, options))
        return ShownListing(kind, "eventarchive-reportlist", str(_("No reports yet.")),
                            (ListingGroup(("", "", ""), found),) if found else ())
    by = options.get("group-by", "event")
    groups = []
    for group in group_sessions(archive, options, cards.language):
        if by == "event" and group.key in archive.events:
            heading = ("event", group.key, group.title)
        elif by in ("speaker", "tag"):
            heading = (by, group.title, group.title)
        else:
            heading = ("", "", group.title)
        groups.append(ListingGroup(heading, tuple(
            cards.session(session_id, with_event=by != "event") for session_id in group.sessions)))
    return ShownListing(kind, "eventarchive-sessions", str(_("No sessions yet.")), tuple(groups))
