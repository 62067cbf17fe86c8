"""What an event, session or report card shows: computed once, rendered once per format.

A :class:`Card` is plain data: a title and lines of :class:`Piece` (a date, a
badge, a link to an archive object, a plain text). Every HTML page renders it
with one renderer (``write/cardhtml.py``): the generated pages and the
listings of documents alike; other formats write one line per card
(``write/cards.py``). Which facts a card shows, in which order and with which
label, is decided here and nowhere else, so a listing in a report and the same
event on a tag page cannot drift apart.

HTML strings, not nodes through the builder's translator: that would cost
about 0.7 ms a card list, and at pyvideo's 16,000 speaker and tag pages ten
seconds more on every build that re-renders them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from sphinx_eventarchive.core.dates import (
    build_time,
    format_range_parts,
    upcoming,
    when_parts,
    zone,
)
from sphinx_eventarchive.core.embeds import Thumbnail, talk_thumbnail
from sphinx_eventarchive.doc.labels import (
    bracketed,
    count_label,
    format_label,
    label_colon,
    language_name,
    media_label,
    status_label,
    type_label,
    unpublished_label,
    upcoming_label,
)
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.calendarlinks import add_to_calendar

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.view import Archive, ArchiveEvent
    from sphinx_eventarchive.core.records import Event
    from sphinx_eventarchive.site import Site

class Piece(NamedTuple):
    """One fact on a card.

    ``kind`` says how it renders: ``text`` and ``badge`` (a span), ``date`` (its
    ``parts`` each kept on one line), ``upcoming`` (a badge that the reader's
    browser drops once ``start`` has passed), ``xref`` (``target`` is an archive
    object: ``(type, name)``), ``doc`` (``target`` is ``(docname, anchor)``),
    ``url`` (``target`` is ``(url,)``), ``group`` (``children`` joined by ``text``)
    and ``plain`` (text with no element of its own: a separator, a series' name).
    """

    kind: str
    text: str
    classes: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    start: str = ""
    children: tuple[Piece, ...] = ()

    def plain(self) -> str:
        """What it says as plain text."""
        if self.kind == "date":
            return format_range_parts(self.parts)
        if self.kind == "group":
            return self.text.join(child.plain() for child in self.children)
        return self.text


class Card(NamedTuple):
    kind: str  # "event", "session", "report"
    title: Piece
    meta: tuple[Piece, ...]
    #: Lines below the facts: (class, pieces written one after the other), such as a
    #: description or the write-ups.
    rows: tuple[tuple[str, tuple[Piece, ...]], ...] = ()
    classes: tuple[str, ...] = ()
    #: A talk's slide cover or video still, above the title (a speaker's page).
    thumbnail: Thumbnail | None = None


class Field(NamedTuple):
    """A labelled line of an event's header card: its pieces, one after the other."""

    label: str
    pieces: tuple[Piece, ...]


class HeaderCard(NamedTuple):
    """The card at the top of an event on the report that writes it up: the compact
    card's facts (date, venue, format, status), labelled, and what only the event's own
    page shows (links, calendar, tags, series neighbours, other write-ups)."""

    name: str
    status: tuple[Piece, ...]
    fields: tuple[Field, ...]
    classes: tuple[str, ...]


def between(pieces: Iterable[Piece], separator: str) -> tuple[Piece, ...]:
    """``pieces`` with ``separator`` (no element of its own) between each two."""
    out: list[Piece] = []
    for piece in pieces:
        if out:
            out.append(Piece("plain", separator))
        out.append(piece)
    return tuple(out)


class CardMaker:
    """Cards for one page being written, in the site's language and time zone."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive: Archive = site.archive
        self.language = site.config.language
        self.tz = zone(site.config.eventarchive_timezone)
        self.now = build_time()

    # -- pieces -------------------------------------------------------------------

    def date(self, start: str, end: str = "") -> Piece | None:
        parts = when_parts(start, end, self.language)
        return Piece("date", "", ("eventarchive-date",), parts=parts) if parts else None

    def status(self, event: Event) -> list[Piece]:
        """The badges that say whether an event takes place as announced."""
        found = []
        since = upcoming(event, self.tz, self.now)
        if since:
            found.append(Piece("upcoming", upcoming_label(),
                               ("eventarchive-badge", "eventarchive-upcoming"), start=since))
        if event.status:
            found.append(Piece("badge", status_label(event.status),
                               ("eventarchive-badge", f"eventarchive-status-{event.status}")))
        return found

    def format(self, event: Event) -> Piece | None:
        if not event.format:
            return None
        return Piece("badge", format_label(event.format),
                     ("eventarchive-badge", f"eventarchive-format-{event.format}"))

    def place(self, event: Event, *, full: bool = False) -> Piece | None:
        """The venue; with ``full``, its address in brackets after it (``会場（大阪）``)."""
        if full and event.venue and event.location:
            return Piece("text", event.venue + bracketed(event.location, self.language),
                         ("eventarchive-venue",))
        name = event.venue or event.location
        return Piece("text", name, ("eventarchive-venue",)) if name else None

    def count(self, number: int, what: str) -> Piece:
        return Piece("text", count_label(number, what), ("eventarchive-count",))

    def speakers(self, session_id: str) -> Piece:
        """A session's speakers with the affiliation each had at the time, each linking to
        their page (``target`` is what the session's own link names, ``("speaker", name)``
        or ``("profile", id)``, then the person's key)."""
        session = self.archive.sessions[session_id].session
        keys = self.archive.speaker_keys(session_id)
        children = []
        for index, written in enumerate(session.speakers):
            key = keys[index] if index < len(keys) else ""
            # The archive's spelling of the person (the profile's name, no honorific).
            link = Piece("xref", self._person_name(key, written.name), ("eventarchive-speaker",),
                         (*written.target, key))
            if written.affiliation:
                aside = Piece("text", bracketed(written.affiliation, self.language),
                              ("eventarchive-affiliation",))
                link = Piece("group", "", ("eventarchive-person",), children=(link, aside))
            children.append(link)
        return Piece("group", self.separator, ("eventarchive-speakers",), children=tuple(children))

    def _person_name(self, key: str, written: str) -> str:
        person = self.archive.speakers.get(key)
        return person.name if person is not None else written

    @property
    def separator(self) -> str:
        from sphinx_eventarchive.doc.labels import list_separator

        return list_separator(self.language)

    def media(self, role: str, url: str, unpublished: bool) -> Piece | None:
        """A slides or video mark: a link to it, or a label saying it is not out yet."""
        classes = ("eventarchive-mark", f"eventarchive-mark-{role}")
        if url:
            return Piece("url", media_label(role), classes, (url,))
        if unpublished:
            return Piece("text", unpublished_label(role),
                         (*classes, "eventarchive-mark-unpublished"))
        return None

    # -- cards --------------------------------------------------------------------

    def event(self, event_id: str, entry: ArchiveEvent | None = None) -> Card:
        entry = entry or self.archive.events[event_id]
        event = entry.event
        meta = [self.date(event.date, event.end), *self.status(event), self.format(event),
                self.place(event),
                Piece("text", event.series, ("eventarchive-series",)) if event.series else None,
                self.count(len(entry.sessions), "session") if entry.sessions else None]
        classes = ["eventarchive-ecard"]
        if upcoming(event, self.tz, self.now):
            classes.append("eventarchive-is-upcoming")
        if event.status:
            classes.append(f"eventarchive-is-{event.status}")
        return Card("event", Piece("xref", event.name, ("eventarchive-event-name",),
                                   ("event", event_id)),
                    tuple(piece for piece in meta if piece), classes=tuple(classes))

    def session(self, session_id: str, *, with_event: bool = True,
                with_thumbnail: bool = False) -> Card:
        """A session's card; ``with_thumbnail``: with its slides' cover or its video's
        still where the URLs name one (:func:`~sphinx_eventarchive.core.embeds.talk_thumbnail`)."""
        entry = self.archive.sessions[session_id]
        session = entry.session
        meta: list[Piece | None] = []
        if session.type != "talk":  # most sessions are talks: the badge marks the others
            meta.append(Piece("badge", type_label(session.type),
                              ("eventarchive-badge", f"eventarchive-type-{session.type}")))
        if session.speakers:
            meta.append(self.speakers(session_id))
        event = self.archive.events.get(session.event)
        if with_event and event is not None:
            meta.append(Piece("xref", event.event.name, ("eventarchive-event-name",),
                              ("event", session.event)))
        when = self.archive.session_when(session_id)
        meta.append(self.date(when[:10]) if when else None)
        if event is not None:
            meta.extend(self.status(event.event))
        if session.language:
            meta.append(Piece("text", language_name(session.language, self.language),
                              ("eventarchive-language",)))
        meta.append(self.media("slides", session.slides, "slides" in session.unpublished))
        meta.append(self.media("video", session.video, "video" in session.unpublished))
        rows = []
        if len(entry.writeups) > 1:  # the title links the first; all are named here
            label = str(_("Reports")) + label_colon(self.language)
            rows.append(("eventarchive-writeups", (
                Piece("text", label, ("eventarchive-row-label",)),
                Piece("group", self.separator, (), children=tuple(
                    Piece("doc", self.site.report_title(w.docname), ("eventarchive-writeup",),
                          (w.docname, w.anchor)) for w in entry.writeups)))))
        thumbnail = talk_thumbnail(session.slides, session.video) if with_thumbnail else None
        return Card("session", Piece("xref", session.title, ("eventarchive-session-name",),
                                     ("session", session_id)),
                    tuple(piece for piece in meta if piece), tuple(rows), ("eventarchive-scard",),
                    thumbnail)

    def report(self, docname: str) -> Card:
        report = self.archive.reports[docname]
        published = self.archive.published(docname)
        meta: list[Piece | None] = [self.date(published.text[:10]) if published else None]
        authors = self.archive.authors(docname)
        if authors:  # each links to the person's page, named as the archive spells them
            meta.append(Piece("group", self.separator, ("eventarchive-authors",), children=tuple(
                Piece("xref", self._person_name(key, written), ("eventarchive-author",),
                      ("speaker", written, key)) for written, key in authors)))
        elif report.authors:  # no one the people rule finds: the names as written
            meta.append(Piece("text", self.separator.join(report.authors),
                              ("eventarchive-authors",)))
        tags = [Piece("xref", tag, ("eventarchive-tag",), ("tag", tag)) for tag in report.tags]
        if tags:
            meta.append(Piece("group", " ", ("eventarchive-tags",), children=tuple(tags)))
        rows = []
        if report.description:
            rows.append(("eventarchive-description",
                         (Piece("text", report.description, ()),)))
        return Card("report", Piece("doc", self.site.report_title(docname),
                                    ("eventarchive-report-name",), (docname, "")),
                    tuple(piece for piece in meta if piece), tuple(rows), ("eventarchive-rcard",))

    def header(self, event_id: str, entry: ArchiveEvent, docname: str) -> HeaderCard:
        """An event's header card on ``docname``, merged from every write-up of it."""
        event = entry.event
        status = tuple(self.status(event))
        fields: list[Field] = []

        def field(label: str, *pieces: Piece | None) -> None:
            found = tuple(piece for piece in pieces if piece)
            if found:
                fields.append(Field(label, found))

        field(str(_("Date")), self.date(event.date, event.end))
        field(str(_("Venue")), self.place(event, full=True))
        field(str(_("Format")), self.format(event))
        if event.organizer:
            field(str(_("Organizer")), Piece("url", event.organizer, (), (event.organizer_url,))
                  if event.organizer_url else Piece("text", event.organizer))
        if entry.sessions:  # the label says what is counted
            field(str(_("Sessions")), Piece("text", str(len(entry.sessions)),
                                            ("eventarchive-count",)))
        links = []
        if event.url:
            links.append(Piece("url", str(_("Event page")), (), (event.url,)))
        if event.hashtag:
            tag = event.hashtag.lstrip("#")
            links.append(Piece("url", "#" + tag, (),
                               (f"https://x.com/hashtag/{quote(tag, safe='')}",)))
        if "video" in event.unpublished and not event.video:
            links.append(Piece("text", str(_("Video not published yet")), (
                "eventarchive-mark", "eventarchive-mark-video", "eventarchive-mark-unpublished")))
        field(str(_("Links")), *between(links, " · "))
        calendar = add_to_calendar(self.site, event_id) if self.site.kind.web else {}
        labels = {"google": str(_("Add to Google Calendar")), "ics": str(_("Calendar file (.ics)"))}
        field(str(_("Calendar")), *between((
            Piece("url", labels[kind], ("eventarchive-calendar-link",), (url,))
            for kind, url in calendar.items()), " · "))
        field(str(_("Tags")), *between((Piece("xref", tag, ("eventarchive-tag",), ("tag", tag))
                                        for tag in event.tags), " "))
        if event.series:
            field(str(_("Series")), Piece("plain", event.series), *self._neighbours(event_id))
        field(str(_("Other reports")), *between((
            Piece("doc", self.site.report_title(w.docname), (), (w.docname, w.anchor))
            for w in entry.writeups if w.docname != docname), self.separator))
        classes = ("eventarchive-card",
                   *(["eventarchive-is-upcoming"] if any(p.kind == "upcoming" for p in status)
                     else []),
                   *([f"eventarchive-is-{event.status}"] if event.status else []))
        return HeaderCard(event.name, status, tuple(fields), classes)

    def _neighbours(self, event_id: str) -> Iterator[Piece]:
        """The previous and next events of a series, each after its label."""
        before, after = self.archive.series_neighbours(event_id)
        for label, neighbour, cls in ((_("Previous"), before, "prev"), (_("Next"), after, "next")):
            if neighbour:
                yield Piece("plain", " · ")
                yield Piece("text", f"{label}: ", (f"eventarchive-series-{cls}",))
                yield Piece("xref", self.archive.events[neighbour].event.name, (),
                            ("event", neighbour))
