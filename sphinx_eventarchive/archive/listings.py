"""What the ``eventlist`` and ``sessionlist`` directives select, as plain data.

Kept apart from rendering so the same selection gives both the nodes of a
listing and the digest that says whether a page must be rewritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from sphinx_eventarchive.archive.view import Archive
from sphinx_eventarchive.core.text import identity, split_list
from sphinx_eventarchive.messages import _


class Group(NamedTuple):
    key: str
    title: str
    sessions: tuple[str, ...]


def _limit(options: Mapping[str, str]) -> int | None:
    value = options.get("limit", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _tag_keys(options: Mapping[str, str]) -> set[str]:
    return {identity(tag) for tag in split_list(options.get("tags", ""))}


def select_events(archive: Archive, options: Mapping[str, str]) -> list[str]:
    tags = _tag_keys(options)
    series = identity(options.get("series", ""))
    year = options.get("year", "")
    fmt = options.get("format", "")
    selected = []
    for event_id in archive.events_newest_first():
        event = archive.events[event_id].event
        if series and identity(event.series) != series:
            continue
        if year and not event.date.startswith(year):
            continue
        if fmt and event.format != fmt:
            continue
        if tags and not tags & {identity(t) for t in event.tags}:
            continue
        selected.append(event_id)
    if options.get("sort") == "oldest":
        selected.reverse()
    limit = _limit(options)
    return selected[:limit] if limit else selected


def _speaker_key(archive: Archive, written: str) -> str:
    """The person ``:speaker:`` names: by name, alias or profile id (honorifics aside)."""
    if not written.strip():
        return ""
    found = archive.people.find(written, bare_id=True)
    return found.key if found is not None else archive.people.people.key(written)


def select_sessions(archive: Archive, options: Mapping[str, str]) -> list[str]:
    tags = _tag_keys(options)
    event = options.get("event", "")
    speaker = _speaker_key(archive, options.get("speaker", ""))
    typ = options.get("type", "")
    selected = []
    for session_id in archive.sessions_newest_first(archive.sessions):
        session = archive.sessions[session_id].session
        if event and session.event != event:
            continue
        if speaker and speaker not in archive.speaker_keys(session_id):
            continue
        if typ and session.type != typ:
            continue
        if tags and not tags & {identity(t) for t in session.tags}:
            continue
        selected.append(session_id)
    limit = _limit(options)
    return selected[:limit] if limit else selected


def group_sessions(archive: Archive, options: Mapping[str, str],
                   language: str | None = None) -> list[Group]:
    selected = select_sessions(archive, options)
    by = options.get("group-by", "event")
    groups: dict[str, tuple[str, list[str]]] = {}
    for session_id in selected:
        session = archive.sessions[session_id].session
        if by == "speaker":
            keys = [(key, archive.speakers[key].name) for key in archive.speaker_keys(session_id)
                    if key in archive.speakers] or [("", str(_("No speaker")))]
        elif by == "tag":
            keys = [(identity(t), archive.tags[identity(t)].name) for t in session.tags] \
                or [("", str(_("No tag")))]
        elif by == "year":
            when = archive.session_when(session_id)
            keys = [(when[:4], when[:4])] if when else [("", str(_("Undated")))]
        else:
            event = archive.events.get(session.event)
            keys = [(session.event, event.event.name if event else session.event or
                     str(_("No event")))]
        for key, title in keys:
            groups.setdefault(key, (title, []))[1].append(session_id)
    ordered = list(groups.items())
    if by == "speaker":
        # As the speakers index orders people: 50音 by reading, A–Z with accents folded.
        from sphinx_eventarchive.archive.speakers import placing

        def person(item: tuple[str, tuple[str, list[str]]]) -> tuple[object, ...]:
            if not item[0]:
                return (1,)
            where = placing(archive.speakers[item[0]], language)
            return (0, where.group.order, where.key)

        ordered.sort(key=person)
    elif by == "tag":
        ordered.sort(key=lambda item: (item[0] == "", identity(item[1][0])))
    # "event" and "year" keep the newest-first order of their first session.
    return [Group(key, title, tuple(ids)) for key, (title, ids) in ordered]


def select_reports(archive: Archive, options: Mapping[str, str]) -> list[str]:
    """Reports newest first by publication date (undated last), as ``reportlist`` shows them."""
    tags = _tag_keys(options)
    written = options.get("author", "")
    # Whoever the name is, by the rule that finds speakers (an honorific, an alias).
    author = archive.people.people.key(written) if written.strip() else ""
    year = options.get("year", "")
    selected = []
    for docname, published in archive.reports_newest_first():
        report = archive.reports[docname]
        if tags and not tags & {identity(t) for t in report.tags}:
            continue
        if author and author not in archive.author_keys(docname):
            continue
        if year and not (published and published.text.startswith(year)):
            continue
        selected.append(docname)
    limit = _limit(options)
    return selected[:limit] if limit else selected
