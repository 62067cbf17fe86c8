"""The header card of an event on the report that writes it up (the ``event`` directive's card).

The compact cards of listings and generated pages come from the same facts
(``write/cardmodel.py``: date, status, format, venue); this card adds what
only the event's own page shows: the links, tags, series neighbours, other
write-ups, the share links and the recording.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from sphinx_eventarchive.core.embeds import EmbedError, embed_for
from sphinx_eventarchive.doc.labels import list_separator
from sphinx_eventarchive.doc.nodes import (
    embed_nodes,
    phrases_node,
    session_heading,
    source_link,
    xref,
)
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.calendarlinks import add_to_calendar

if TYPE_CHECKING:
    from sphinx_eventarchive.write.cards import Renderer


def _field(name: str, *body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph()
    paragraph.extend(body)
    field = nodes.field()
    field += nodes.field_name(name, name)
    field += nodes.field_body("", paragraph)
    return field


def _joined(items: Iterable[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(separator))
        out.append(item)
    return out


def link(title: str, url: str, classes: list[str] | None = None) -> nodes.reference:
    return nodes.reference(title, title, refuri=url, classes=classes or [])


def header_card(r: Renderer, event_id: str) -> list[nodes.Node]:
    """The card at the top of an event, merged from every write-up of it."""
    entry = r.event_entry(event_id)
    if entry is None:
        return []
    event = entry.event
    status = r.cards.status(event)
    card = nodes.container(classes=["eventarchive-card", *(
        ["eventarchive-is-upcoming"] if any(p.kind == "upcoming" for p in status) else []),
        *([f"eventarchive-is-{event.status}"] if event.status else [])])
    # A real heading in HTML, one level below the section the card sits in, as a session's
    # is (write/html.py): screen-reader users jump between events as between sessions.
    title = session_heading("", "", classes=["eventarchive-card-title"])
    title += phrases_node(event.name, event.name)
    for piece in status:
        title += nodes.Text(" ")
        title.extend(r.piece(piece))
    card += title
    fields = nodes.field_list(classes=["eventarchive-fields"])
    date = r.cards.date(event.date, event.end)
    if date:
        fields += _field(str(_("Date")), *r.piece(date))
    place = r.cards.place(event, full=True)
    if place:
        fields += _field(str(_("Venue")), *r.piece(place))
    fmt = r.cards.format(event)
    if fmt:
        fields += _field(str(_("Format")), *r.piece(fmt))
    if event.organizer:
        who: nodes.Node = link(event.organizer, event.organizer_url) if event.organizer_url \
            else nodes.inline(event.organizer, event.organizer)
        fields += _field(str(_("Organizer")), who)
    if entry.sessions:
        count = str(len(entry.sessions))  # the label says what is counted
        fields += _field(str(_("Sessions")),
                         nodes.inline(count, count, classes=["eventarchive-count"]))
    links: list[nodes.Node] = []
    if event.url:
        links.append(link(str(_("Event page")), event.url))
    if event.hashtag:
        tag = event.hashtag.lstrip("#")
        links.append(link("#" + tag, f"https://x.com/hashtag/{quote(tag, safe='')}"))
    if "video" in event.unpublished and not event.video:
        label = str(_("Video not published yet"))
        links.append(nodes.inline(label, label, classes=[
            "eventarchive-mark", "eventarchive-mark-video", "eventarchive-mark-unpublished"]))
    if links:
        fields += _field(str(_("Links")), *_joined(links, " · "))
    calendar = add_to_calendar(r.site, event_id) if r.site.kind.web else {}
    if calendar:
        labels = {"google": str(_("Add to Google Calendar")), "ics": str(_("Calendar file (.ics)"))}
        fields += _field(str(_("Calendar")), *_joined(
            (link(labels[kind], url, ["eventarchive-calendar-link"])
             for kind, url in calendar.items()), " · "))
    if event.tags:
        fields += _field(str(_("Tags")), *_joined(
            (xref("tag", t, t, r.docname, ["eventarchive-tag"]) for t in event.tags),
            " "))
    if event.series:
        fields += _field(str(_("Series")), *series_nav(r, event_id, event.series))
    others = [w for w in entry.writeups if w.docname != r.docname]
    if others:
        fields += _field(str(_("Other reports")), *_joined(
            (r.doc_link(w, r.site.report_title(w.docname)) for w in others),
            list_separator(r.language)))
    card += fields
    card.extend(r.share(event.hashtag))
    if event.video:
        card += embed(event.video, "video", str(_("Recording: %s")) % event.name)
    return [card]


def series_nav(r: Renderer, event_id: str, series: str) -> list[nodes.Node]:
    out: list[nodes.Node] = [nodes.Text(series)]
    before, after = r.archive.series_neighbours(event_id)
    for label, neighbour, cls in ((_("Previous"), before, "prev"), (_("Next"), after, "next")):
        if neighbour:
            name = r.archive.events[neighbour].event.name
            out.append(nodes.Text(" · "))
            out.append(nodes.inline("", f"{label}: ", classes=[f"eventarchive-series-{cls}"]))
            out.append(xref("event", neighbour, name, r.docname, []))
    return out


def embed(url: str, role: str, title: str) -> nodes.Node:
    try:
        return embed_nodes(embed_for(url, role=role), title)
    except EmbedError:
        # The directive already warned when it read the URL.
        return source_link(title, url)

