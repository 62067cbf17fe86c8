"""What is wrong across reports, said once every document is read (``check_consistency``).

Two write-ups that disagree, an event with no date in any of them, a session that
names no event, the people's problems and listings that name nothing: each a
(message, warning subtype, location) for the domain to warn with.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.speakers import problems as people_problems
from sphinx_eventarchive.archive.view import conflicts, unpublished_but_given
from sphinx_eventarchive.core.text import identity, split_list
from sphinx_eventarchive.messages import Subtype

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.domain import EventArchiveDomain

Problem = tuple[str, Subtype, tuple[str, int]]  # message, warning subtype, (docname, line)


def problems(domain: EventArchiveDomain) -> Iterator[Problem]:
    yield from _write_ups(domain)
    for event_id, by_doc in sorted(domain.events.items()):
        # Judged on the merged event: one write-up giving the date is enough.
        records = [by_doc[name] for name in sorted(by_doc)]
        if not any("date" in record.given for record in records):
            yield (f"event {event_id!r} has no :date: in any report that writes it up",
                   "date", (records[0].docname, records[0].lineno))
    for _key, written in sorted(domain.sessions.items()):
        for docname in sorted(written):
            session = written[docname]
            if not session.event:
                yield (f"session {session.title!r} belongs to no event: put it below an event "
                       f"directive or give :event:", "ref", (docname, session.lineno))
            elif session.event not in domain.events:
                yield (f"session {session.title!r} names unknown event {session.event!r}",
                       "ref", (docname, session.lineno))
    yield from people_problems(domain.archive)
    yield from _listings(domain)


def _write_ups(domain: EventArchiveDomain) -> Iterator[Problem]:
    """Two write-ups of one event or session that give one field two values."""
    people = domain.archive.people.people
    tables: tuple[tuple[dict[str, Any], str], ...] = (
        (domain.events, "event"), (domain.sessions, "session"))
    for table, what in tables:
        for key, by_doc in sorted(table.items()):
            records = [by_doc[name] for name in sorted(by_doc)]
            for field, record, first, second in conflicts(records, people.key):
                yield (f"{what} {key!r} has {field} {second!r} here but {first!r} in "
                       f"{records[0].docname!r}", "conflict", (record.docname, record.lineno))
            for role, marked, given in unpublished_but_given(records):
                # One answer per fact: the media are shown everywhere (view.merge).
                yield (f"{what} {key!r} says :{role}: unpublished here, but {given.docname!r} "
                       f"gives {getattr(given, role)}: it is shown as the {what}'s {role}",
                       "conflict", (marked.docname, marked.lineno))


def _listings(domain: EventArchiveDomain) -> Iterator[Problem]:
    """A listing filtering on an event, speaker or tag nobody wrote is a dangling reference."""
    archive = domain.archive
    known = {"event": set(domain.events), "tags": set(archive.tags),
             "series": set(archive.series)}
    for docname, listings in sorted(domain.listings.items()):
        for listing in listings:
            for key, value in listing.options:
                if key == "tags":
                    missing = [t for t in split_list(value) if identity(t) not in known[key]]
                elif key == "speaker":
                    found = archive.people.find(value, bare_id=True)
                    missing = [] if found is not None else [value]
                elif key in ("event", "series"):
                    wanted = value if key == "event" else identity(value)
                    missing = [] if wanted in known[key] else [value]
                else:
                    continue
                for name in missing:
                    yield (f"{listing.kind} :{key}: names unknown "
                           f"{'tag' if key == 'tags' else key} {name!r}", "ref",
                           (docname, listing.lineno))
