"""The archive as readers see it: write-ups merged, drafts left out, people and tags gathered.

Built from the domain's per-document records on demand and cached on the
domain until its data changes. Nothing here is pickled into the environment.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple, TypeVar

from sphinx_eventarchive.archive.speakers import (
    Appearance,
    ArchiveSpeaker,
    Speakers,
    display,
    page_slug,
    profiles_in,
)
from sphinx_eventarchive.core import options
from sphinx_eventarchive.core.dates import sort_key
from sphinx_eventarchive.core.kana import Readings
from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS
from sphinx_eventarchive.core.records import Event, Report, Session, SpeakerProfile
from sphinx_eventarchive.core.text import identity

__all__ = ["Appearance", "Archive", "ArchiveEvent", "ArchiveSession", "ArchiveSpeaker",
           "ArchiveTag", "Writeup", "conflicts", "merge", "page_slug", "unpublished_but_given"]

R = TypeVar("R", Event, Session)

# Fields that say where a record was written, not what it says.
_PLACE_FIELDS = frozenset({"docname", "lineno", "anchor", "order", "given", "only"})
# Fields read from another when the directive ran: they come with the write-up that gave it.
_DERIVED = {"moment": {"Event": "date", "Session": "start"}}
# Fields whose values add up across write-ups instead of conflicting.
_UNION_FIELDS = frozenset({"tags"})
# Fields that are directive options (the rest: the argument, description, notes).
_OPTIONS = frozenset(option.name for option in (*options.EVENT, *options.SESSION))
# Free text: each write-up may describe the event in its own words.
_PROSE_FIELDS = frozenset({"description", "notes"})


class Published(NamedTuple):
    text: str  # as written (ISO, with its offset)
    moment: dt.datetime  # aware, for sorting


class Writeup(NamedTuple):
    docname: str
    anchor: str


class ArchiveEvent(NamedTuple):
    event: Event  # merged; docname/anchor are the primary write-up's
    writeups: tuple[Writeup, ...]
    sessions: tuple[str, ...]


class ArchiveSession(NamedTuple):
    session: Session
    writeups: tuple[Writeup, ...]


class ArchiveTag(NamedTuple):
    key: str
    slug: str
    name: str
    reports: tuple[str, ...]
    events: tuple[str, ...]
    sessions: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.reports) + len(self.events) + len(self.sessions)


def gives(record: Event | Session, field: str) -> bool:
    """Whether a write-up gives a usable value for a field.

    An option counts only where the write-up wrote it: a default (``type``
    left out is a talk) is no value and never outvotes another report.
    """
    value = getattr(record, field)
    if not value:
        return False
    return field in record.given or field not in _OPTIONS or not record.given


def merge(records: list[R]) -> R:
    """One record from several write-ups: the first given value of each field wins.

    ``records`` come sorted by document name, so the result does not depend on
    the order documents were read in (``-j 2`` equals ``-j 1``). A field no
    write-up gives keeps the first write-up's default.
    """
    first = records[0]
    if len(records) == 1 and not any(getattr(first, role, "") for role in first.unpublished):
        return first  # one write-up: its record as it is (no copy per session held)
    values = first._asdict()
    for field in first._fields:
        if field in _PLACE_FIELDS or len(records) == 1:
            continue
        if field in _UNION_FIELDS:
            values[field] = _union(tag for record in records for tag in getattr(record, field))
            continue
        given = _DERIVED[field][type(first).__name__] if field in _DERIVED else field
        values[field] = next((getattr(record, field) for record in records
                              if gives(record, given)), values[field])
    # One answer per fact: a deck or video one write-up gives is published, whatever
    # another said (the domain warns of the contradiction).
    values["unpublished"] = tuple(role for role in values["unpublished"] if not values.get(role))
    return type(first)(**values)


def conflicts(records: list[R], person: Callable[[str, str], str] = lambda name, _aff: identity(
        name)) -> list[tuple[str, R, object, object]]:
    """Fields that two write-ups give different values: (field, later record, first, second).

    ``person`` says who a speaker as written is (name, affiliation → key): two
    write-ups naming one person two ways (an honorific, an alias) agree.
    """
    found = []
    for field in records[0]._fields:
        if field in _PLACE_FIELDS | _UNION_FIELDS | _PROSE_FIELDS or field in _DERIVED:
            continue
        first = None
        for record in records:
            if not gives(record, field):
                continue
            value = _comparable(field, getattr(record, field), person)
            if first is None:
                first = value
            elif value != first:
                found.append((field, record, first, value))
                break
    return found


def unpublished_but_given(records: list[R]) -> list[tuple[str, R, R]]:
    """Media one write-up marks ``unpublished`` and another gives:
    (``slides`` or ``video``, the first write-up marking it, the first giving it)."""
    found = []
    for role in ("slides", "video"):
        given = next((record for record in records if getattr(record, role, "")), None)
        marked = next((record for record in records if role in record.unpublished), None)
        if given is not None and marked is not None:
            found.append((role, marked, given))
    return found


def _comparable(field: str, value: object, person: Callable[[str, str], str]) -> object:
    # "Abby Bangser" and "abby  bangser" are one person, not a conflict.
    if field == "speakers":
        return tuple((person(s.name, s.affiliation), s.affiliation)  # type: ignore[attr-defined]
                     for s in value)  # type: ignore[attr-defined]
    return value


def _union(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(identity(name), name)
    return tuple(seen.values())


class Archive:
    def __init__(
        self,
        events: Mapping[str, Mapping[str, Event]],
        sessions: Mapping[str, Mapping[str, Session]],
        reports: Mapping[str, Report],
        *,
        include_drafts: bool = False,
        in_output: Callable[[str], bool] = lambda condition: True,
        profiles: Mapping[str, Iterable[SpeakerProfile]] | None = None,
        honorifics: Iterable[str] = DEFAULT_HONORIFICS,
        readings: Readings | None = None,
    ) -> None:
        def visible(docname: str) -> bool:
            report = reports.get(docname)
            return include_drafts or report is None or not report.draft

        def kept(record: Event | Session | SpeakerProfile) -> bool:
            # Written inside {only}: in the archive only of the outputs it is for.
            return visible(record.docname) and (not record.only or in_output(record.only))

        self.reports: dict[str, Report] = {
            name: report for name, report in sorted(reports.items()) if visible(name)
        }
        self.events: dict[str, ArchiveEvent] = {}
        self.sessions: dict[str, ArchiveSession] = {}

        session_lists: dict[str, list[Session]] = {}
        for session_id, session_docs in sessions.items():
            records = [session_docs[name] for name in sorted(session_docs)
                       if kept(session_docs[name])]
            if records:
                session_lists[session_id] = records
        for session_id, records in session_lists.items():
            self.sessions[session_id] = ArchiveSession(
                merge(records), tuple(Writeup(r.docname, r.anchor) for r in records)
            )

        by_event: dict[str, list[Session]] = {}
        for entry in self.sessions.values():
            by_event.setdefault(entry.session.event, []).append(entry.session)
        for event_id, by_doc in events.items():
            event_records = [by_doc[name] for name in sorted(by_doc) if kept(by_doc[name])]
            if not event_records:
                continue
            programme = sorted(
                by_event.get(event_id, ()),
                key=lambda s: (sort_key(s.start), s.docname, s.order),
            )
            self.events[event_id] = ArchiveEvent(
                merge(event_records),
                tuple(Writeup(r.docname, r.anchor) for r in event_records),
                tuple(s.id for s in programme),
            )

        # Each report's events and sessions, in page order.
        self.events_of = _page_order(events, self.events, kept, lambda e: e.lineno)
        self.sessions_of = _page_order(sessions, self.sessions, kept, lambda s: s.order)

        self.people = Speakers(self, [p for p in profiles_in(profiles or {}) if kept(p)],
                               honorifics, readings)
        #: Every speaker with a page; ``people.unlisted`` holds those who asked for none.
        self.speakers: dict[str, ArchiveSpeaker] = self.people.listed
        self.speakers_by_slug = {speaker.slug: speaker for speaker in self.speakers.values()}
        self.tags = self._gather_tags()
        self.series: dict[str, list[str]] = {}
        for event_id in self.events_newest_first()[::-1]:
            series = self.events[event_id].event.series
            if series:
                self.series.setdefault(identity(series), []).append(event_id)

    # -- ordering ---------------------------------------------------------

    def session_moment(self, session_id: str) -> dt.datetime | None:
        """:meth:`session_when` as a moment to sort and stamp by."""
        session = self.sessions[session_id].session
        if session.start:
            return session.moment
        event = self.events.get(session.event)
        return event.event.moment if event else None

    def session_when(self, session_id: str) -> str:
        """When a session happened: its own start, else its event's date."""
        session = self.sessions[session_id].session
        if session.start:
            return session.start
        event = self.events.get(session.event)
        return event.event.date if event else ""

    def events_newest_first(self) -> list[str]:
        return sorted(
            self.events,
            key=lambda i: (sort_key(self.events[i].event.date), i),
            reverse=True,
        )

    def sessions_newest_first(self, session_ids: Iterable[str]) -> list[str]:
        return sorted(
            session_ids,
            key=lambda i: (sort_key(self.session_when(i)), self.sessions[i].session.docname,
                           -self.sessions[i].session.order, i),
            reverse=True,
        )

    def series_neighbours(self, event_id: str) -> tuple[str | None, str | None]:
        """The previous and next event of the same series, by date."""
        if event_id not in self.events:  # a draft's own card
            return None, None
        series = self.events[event_id].event.series
        members = self.series.get(identity(series), []) if series else []
        if event_id not in members:
            return None, None
        index = members.index(event_id)
        before = members[index - 1] if index > 0 else None
        after = members[index + 1] if index + 1 < len(members) else None
        return before, after

    # -- reports -----------------------------------------------------------

    def published(self, docname: str) -> Published | None:
        """When a report appeared: its front matter date, else its newest event's date."""
        report = self.reports.get(docname)
        if report and report.date:
            candidates = [(report.date, report.moment)]
        else:
            candidates = sorted(((event.date, event.moment) for event in (
                self.events[e].event for e in self.events_of.get(docname, ()))), reverse=True,
                key=lambda found: found[0])
        for text, moment in candidates:
            if moment is not None:
                return Published(text, moment)
        return None

    def reports_newest_first(self) -> list[tuple[str, Published | None]]:
        """Every report, newest first; undated ones last, by name."""
        found = [(name, self.published(name)) for name in self.reports]
        return sorted(found, key=lambda item: (
            -item[1].moment.timestamp() if item[1] else float("inf"), item[0]))

    def tag_keys(self, names: Iterable[str]) -> list[str]:
        """Tag ids (the keys of ``tags``) of names as written, once each."""
        keys: dict[str, None] = {}
        for name in names:
            key = identity(name)
            if key in self.tags:
                keys.setdefault(key, None)
        return list(keys)

    # -- people and tags ---------------------------------------------------

    def speaker(self, written: str, affiliation: str = "", *, bare_id: bool = False,
                profile: str = "") -> ArchiveSpeaker | None:
        """The listed person a name as written names (a profile's name or alias, an
        honorific aside); ``bare_id``: a role's target may be a profile id alone."""
        found = self.people.find(written, affiliation, bare_id=bare_id, profile=profile)
        return found if found is not None and found.key in self.speakers else None

    def speaker_keys(self, session_id: str) -> tuple[str, ...]:
        """The key of each speaker of a session, in order (unlisted people included)."""
        return self.people.keys_of.get(session_id, ())

    def authors(self, docname: str) -> tuple[tuple[str, str], ...]:
        """(name as written, person's key) of each author of a report, in order, each
        person once (unlisted people included)."""
        return self.people.authors_of.get(docname, ())

    def author_keys(self, docname: str) -> tuple[str, ...]:
        return tuple(key for _name, key in self.authors(docname))

    def _gather_tags(self) -> dict[str, ArchiveTag]:
        forms: dict[str, Counter[str]] = {}
        found: dict[str, tuple[list[str], list[str], list[str]]] = {}

        def note(name: str, slot: int, what: str) -> None:
            key = identity(name)
            if not key:
                return
            forms.setdefault(key, Counter())[name] += 1
            bucket = found.setdefault(key, ([], [], []))[slot]
            if what not in bucket:
                bucket.append(what)

        for docname, report in self.reports.items():
            for tag in report.tags:
                note(tag, 0, docname)
        for event_id in self.events_newest_first():
            for tag in self.events[event_id].event.tags:
                note(tag, 1, event_id)
        for session_id in self.sessions_newest_first(self.sessions):
            for tag in self.sessions[session_id].session.tags:
                note(tag, 2, session_id)
        return {
            key: ArchiveTag(key, page_slug(key), display(forms[key]),
                            tuple(found[key][0]), tuple(found[key][1]), tuple(found[key][2]))
            for key in sorted(forms)
        }


def _page_order(records: Mapping[str, Mapping[str, R]], shown: Mapping[str, object],
                kept: Callable[[R], bool], position: Callable[[R], int],
                ) -> dict[str, list[str]]:
    """Ids by the report they are written in, in the order the report gives them."""
    found: dict[str, list[tuple[int, str]]] = {}
    for key, by_doc in records.items():
        if key not in shown:
            continue
        for docname, record in by_doc.items():
            if kept(record):
                found.setdefault(docname, []).append((position(record), key))
    return {docname: [key for _position, key in sorted(items)]
            for docname, items in found.items()}
