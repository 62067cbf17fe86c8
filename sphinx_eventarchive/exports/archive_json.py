"""``archive.json``: the whole archive as data, described by ``schema/archive.schema.json``.

Every record is an object with every key present (``null`` or ``[]`` when the
sources say nothing), so consumers never need to guess whether a key is
missing or empty. Records refer to each other by id; tag and speaker ids are
the keys the archive uses (the name after NFKC, case folding and collapsing
white space).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.core.dates import language_tag, usable_end
from sphinx_eventarchive.core.version import GENERATOR
from sphinx_eventarchive.core.version import VERSION as __version__
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.images import PageImages

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.speakers import ArchiveSpeaker

#: Bump when a consumer written against the schema could break (a key removed,
#: renamed or retyped); adding a key is compatible and needs a schema update only.
#: 2: speakers carry their profile (required keys a strict v1 reader would refuse).
VERSION = 3
SCHEMA = Path(__file__).parents[1] / "schema" / "archive.schema.json"
SCHEMA_NAME = "archive.schema.json"


def _or_none(value: str) -> str | None:
    return value or None


def event_image(site: Site, reference: str) -> str | None:
    """An event's picture as the URL its pages' ``og:image`` uses (the same copied file)."""
    image = PageImages(site).event(reference) if reference else None
    return image.url if image else None


def report_image(site: Site, docname: str, reference: str) -> str | None:
    image = PageImages(site).front_matter(reference, docname) if reference else None
    return image.url if image else None


def speaker_profile(site: Site, speaker: ArchiveSpeaker) -> dict[str, Any]:
    """What the person's ``speaker`` profile says; null and [] without one."""
    from sphinx_eventarchive.write.people import bio_text, photo_of

    profile = speaker.profile
    photo = photo_of(site, profile) if profile is not None else None
    return {
        "profile": site.page_url(profile.docname, profile.anchor) if profile else None,
        "reading": _or_none(speaker.reading),
        "reading_guessed": speaker.guessed,
        "aliases": list(profile.aliases) if profile else [],
        "affiliation": _or_none(speaker.affiliation),
        "links": list(profile.links) if profile else [],
        "photo": photo.url if photo else None,
        "bio": _or_none(bio_text(profile.bio)) if profile else None,
    }


def archive_data(site: Site) -> dict[str, Any]:
    """The archive as JSON data; each list of records is made one record at a time as it
    is written (pyvideo's 37,000 records as dicts at once held 190 MiB)."""
    archive = site.archive

    def writeups(entries: tuple[Any, ...]) -> list[dict[str, str]]:
        return [{"report": w.docname, "url": site.page_url(w.docname, w.anchor)} for w in entries]

    def events() -> Iterator[dict[str, Any]]:
        for event_id in archive.events_newest_first():
            entry = archive.events[event_id]
            event = entry.event
            yield {
                "id": event_id,
                "name": event.name,
                "url": site.page_url(event.docname, event.anchor),
                "date": _or_none(event.date),
                "end": _or_none(usable_end(event.date, event.end)),
                "series": _or_none(event.series),
                "venue": _or_none(event.venue),
                "location": _or_none(event.location),
                "format": _or_none(event.format),
                "official_url": _or_none(event.url),
                "video": _or_none(event.video),
                "image": event_image(site, event.image),
                "hashtag": _or_none(event.hashtag),
                "status": _or_none(event.status),
                "unpublished": [m for m in event.unpublished if not getattr(event, m)],
                "description": _or_none(event.description),
                "tags": site.archive.tag_keys(event.tags),
                "sessions": list(entry.sessions),
                "writeups": writeups(entry.writeups),
            }

    public = {key for key, speaker in archive.speakers.items() if not speaker.noindex}

    def sessions() -> Iterator[dict[str, Any]]:
        for session_id in archive.sessions_newest_first(archive.sessions):
            session_entry = archive.sessions[session_id]
            session = session_entry.session
            yield {
                "id": session_id,
                "title": session.title,
                "event": session.event if session.event in archive.events else None,
                "url": site.page_url(session.docname, session.anchor),
                "type": session.type,
                "start": _or_none(session.start),
                "end": _or_none(usable_end(session.start, session.end)),
                "track": _or_none(session.track),
                "room": _or_none(session.room),
                "language": _or_none(session.language),
                # A person who asked for noindex or no page is left out (a 公開NG request).
                "speakers": [
                    # The name as written (a profile id written after it was read apart).
                    {"speaker": key, "name": s.name,
                     "affiliation": _or_none(s.affiliation)}
                    for s, key in zip(session.speakers, archive.speaker_keys(session_id),
                                      strict=True) if key in public
                ],
                "slides": _or_none(session.slides),
                "video": _or_none(session.video),
                "unpublished": [m for m in session.unpublished if not getattr(session, m)],
                "official_url": _or_none(session.url),
                "tags": site.archive.tag_keys(session.tags),
                "notes": _or_none(session.notes),
                "writeups": writeups(session_entry.writeups),
            }

    def speakers() -> Iterator[dict[str, Any]]:
        for key, speaker in archive.speakers.items():
            if key not in public:
                continue
            yield {
                "id": key,
                "name": speaker.name,
                "slug": speaker.slug,
                "url": site.speaker_url(key),
                "affiliations": list(speaker.affiliations),
                "sessions": list(dict.fromkeys(a.session for a in speaker.appearances)),
                "reports": list(speaker.reports),
                **speaker_profile(site, speaker),
            }

    def tags() -> Iterator[dict[str, Any]]:
        for key, tag in archive.tags.items():
            yield {
                "id": key,
                "name": tag.name,
                "slug": tag.slug,
                "url": site.tag_url(key),
                "reports": list(tag.reports),
                "events": list(tag.events),
                "sessions": list(tag.sessions),
            }

    def reports() -> Iterator[dict[str, Any]]:
        for docname, _published in site.archive.reports_newest_first():
            report = archive.reports[docname]
            yield {
                "id": docname,
                "url": site.page_url(docname),
                "title": site.report_title(docname),
                "description": _or_none(report.description),
                "date": _or_none(report.date),
                # Authors are people as speakers are (version 3): the same ids.
                "authors": [{"speaker": key, "name": name}
                            for name, key in archive.authors(docname) if key in public],
                "tags": site.archive.tag_keys(report.tags),
                "image": report_image(site, docname, report.image),
                "canonical": _or_none(report.canonical),
                "draft": report.draft,
                "events": site.archive.events_of.get(docname, []),
                "sessions": site.archive.sessions_of.get(docname, []),
            }

    return {
        "$schema": site.file_url(SCHEMA_NAME),
        "version": VERSION,
        "generator": {"name": GENERATOR, "version": __version__},
        "site": {"name": site.name, "url": site.base or None,
                 "language": language_tag(site.language)},
        "events": events(),
        "sessions": sessions(),
        "speakers": speakers(),
        "tags": tags(),
        "reports": reports(),
    }


def render(site: Site) -> bytes:
    # Each piece encoded on its own: one str of the whole file would take four bytes a
    # character as soon as one character needs them.
    return b"".join(piece.encode("utf-8") for piece in layout(archive_data(site)))


def layout(data: dict[str, Any]) -> Iterator[str]:
    """JSON with one record per line: readable, a changed record is a changed line, and
    written by the standard library's C encoder (``indent`` would force its pure-Python
    one: at pyvideo's 21,715 sessions that was half of the three seconds an edit spent
    here). Lists of records (lists or iterators) are written one record at a time."""
    def dumps(value: object) -> str:
        # ensure_ascii=False: Japanese names stay readable; JSON escapes quotes and controls.
        return json.dumps(value, ensure_ascii=False)

    yield "{\n"
    for number, (key, value) in enumerate(data.items(), start=1):
        comma = "," if number < len(data) else ""
        if isinstance(value, (list, Iterator)):
            records = iter(value)
            first = next(records, _NOTHING)
            if first is _NOTHING:
                yield f"  {dumps(key)}: []{comma}\n"
                continue
            yield f"  {dumps(key)}: [\n    {dumps(first)}"
            for record in records:
                yield f",\n    {dumps(record)}"
            yield f"\n  ]{comma}\n"
        else:
            yield f"  {dumps(key)}: {dumps(value)}{comma}\n"
    yield "}\n"


_NOTHING = object()


def schema_bytes() -> bytes:
    return SCHEMA.read_bytes()
