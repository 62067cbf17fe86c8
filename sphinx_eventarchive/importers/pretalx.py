"""A pretalx (or any frab-compatible) ``schedule.json`` as one report.

The format is pretalx's "JSON (frab compatible)" export, which follows the
c3voc schedule schema: ``schedule.conference`` has the event and
``days[].rooms{name: [talk, ...]}`` the talks, each with its ``date`` (ISO,
with the event's offset), ``duration`` (``HH:MM``), ``persons``, ``links`` and
``attachments`` (URLs that may be relative to ``schedule.base_url``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx_eventarchive.core.filenames import safe_filename
from sphinx_eventarchive.core.records import Event, Session, Speaker
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.importers.findings import Findings, InputError, brief, read_json
from sphinx_eventarchive.importers.links import http_url, pick_slides, pick_video
from sphinx_eventarchive.importers.mystwriter import ReportFile, one_line, unique_id
from sphinx_eventarchive.importers.when import (
    format_datetime,
    parse_date,
    parse_datetime,
    parse_duration,
)

# Submission types are free text chosen by each event's organisers
# ("Keynote", "Lightning Talk (5 min)", "ハンズオン", …); the first group whose
# words appear wins, so "Opening Keynote" is a keynote and not "other".
_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("keynote", re.compile(r"keynote|基調講演|キーノート", re.IGNORECASE)),
    ("lightning", re.compile(r"lightning|\blts?\b|ライトニング|flash talk", re.IGNORECASE)),
    ("panel", re.compile(r"panel|round ?table|fishbowl|パネル", re.IGNORECASE)),
    (
        "workshop",
        re.compile(
            r"workshop|tutorial|hands[- ]on|training|ワークショップ|ハンズオン|チュートリアル",
            re.IGNORECASE,
        ),
    ),
    (
        "other",
        re.compile(
            r"poster|break|lunch|social|party|sprint|\bbof\b|birds of a feather|open space"
            r"|opening|closing|ceremony|休憩|懇親会",
            re.IGNORECASE,
        ),
    ),
]
# Slots that are not talks: a frab generator may list them as "talks"
# without speakers; they have no place in an archive of sessions.
_BREAK = re.compile(r"^(?:coffee |lunch |tea )?(?:break|lunch|pause|dinner|休憩|昼食)\b", re.I)


def session_type(submission_type: str) -> str:
    """One of the directive's types for a pretalx submission type; ``talk`` by default."""
    for name, pattern in _TYPES:
        if pattern.search(submission_type):
            return name
    return "talk"


def _text(value: Any) -> str:
    """A string from a value that may be a string, a translated mapping or null."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        # pretalx's i18n fields: prefer English, else whichever comes first.
        for key in ("en", *value.keys()):
            if isinstance(value.get(key), str) and value[key]:
                return str(value[key])
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _speaker(person: Any, where: str, findings: Findings) -> Speaker | None:
    if isinstance(person, str):
        # Some frab generators list persons by name only.
        return Speaker(one_line(person)) if one_line(person) else None
    if not isinstance(person, dict):
        if person is not None:
            findings.notices.append(f"{where}: left out speaker {brief(person)}: not a name")
        return None
    name = one_line(_text(person.get("public_name")) or _text(person.get("name")))
    if not name:
        findings.notices.append(f"{where}: left out a speaker with no name ({brief(person)})")
        return None
    # The frab export has no affiliation; some generators add one.
    affiliation = ""
    for key in ("affiliation", "organization", "organisation", "company"):
        affiliation = one_line(_text(person.get(key)))
        if affiliation:
            break
    return Speaker(name, affiliation)


def _zone(name: str) -> dt.tzinfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _start(talk: dict[str, Any], day: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    moment = parse_datetime(talk.get("date"))
    if moment is None:
        # Older frab files give only the day's date and an ``HH:MM`` start.
        clock = _text(talk.get("start"))
        moment = parse_datetime(f"{day}T{clock}") if day and clock else None
    if moment is not None and moment.tzinfo is None and zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _links(
    talk: dict[str, Any], base: str, where: str, findings: Findings
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for key in ("links", "attachments"):
        items = talk.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            findings.notices.append(f"{where}: left out {key} {brief(items)}: not a list")
            continue
        for item in items:
            raw: Any
            if isinstance(item, str):
                raw, label = item, ""
            elif isinstance(item, dict):
                raw = item.get("url") or item.get("href")
                label = " ".join((_text(item.get("type")), _text(item.get("title"))))
            else:
                findings.notices.append(f"{where}: left out {key} entry {brief(item)}")
                continue
            url = http_url(raw, base)
            if url:
                found.append((url, label))
            elif raw:
                findings.notices.append(
                    f"{where}: left out {key} entry {brief(raw)}: not an http(s) URL"
                )
    return found


def _tags(talk: dict[str, Any], where: str, findings: Findings) -> tuple[str, ...]:
    tags = talk.get("tags")
    if not isinstance(tags, list):
        if tags:
            findings.notices.append(f"{where}: left out tags {brief(tags)}: not a list")
        return ()
    names: list[str] = []
    for tag in tags:
        name = one_line(_text(tag.get("tag") or tag.get("name")) if isinstance(tag, dict)
                        else _text(tag))
        if name:
            names.append(name)
        elif tag:
            findings.notices.append(f"{where}: left out tag {brief(tag)}: no name")
    return tuple(names)


def _notes(talk: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in ("subtitle", "abstract", "description"):
        text = _text(talk.get(key)).strip()
        if text and text not in parts:
            parts.append(text)
    return "\n\n".join(parts)


def _session(
    talk: dict[str, Any], day: str, room: str, zone: dt.tzinfo | None, base: str,
    event_id: str, taken: set[str], where: str, findings: Findings,
) -> Session | None:
    persons = talk.get("persons")
    if persons is not None and not isinstance(persons, list):
        findings.notices.append(f"{where}: left out persons {brief(persons)}: not a list")
    speakers = tuple(
        speaker
        for speaker in (_speaker(person, where, findings)
                        for person in (persons if isinstance(persons, list) else []))
        if speaker is not None
    )
    title = one_line(_text(talk.get("title")))
    kind = _text(talk.get("type"))
    if not speakers and _BREAK.match(title or kind):
        findings.notices.append(f"{where}: left out {title or kind!r}: a break with no speakers")
        return None
    if not title:
        title = one_line(_text(talk.get("slug"))) or "Untitled"
        findings.notices.append(f"{where}: the talk has no title; written as {title!r}")
    start_text = end_text = ""
    start = _start(talk, day, zone)
    if start is not None:
        start_text = format_datetime(start)
        duration = parse_duration(talk.get("duration"))
        if duration and start_text != start.date().isoformat():
            end_text = format_datetime(start + duration)
        elif talk.get("duration") and duration is None:
            findings.notices.append(
                f"{where}: left out duration {brief(talk.get('duration'))}: not HH:MM"
            )
    elif talk.get("date") or talk.get("start"):
        given = talk.get("date") or talk.get("start")
        findings.notices.append(f"{where}: left out start {brief(given)}: not a date-time")
    links = _links(talk, base, where, findings)
    url = http_url(talk.get("url"), base)
    if not url and talk.get("url"):
        findings.notices.append(f"{where}: left out url {brief(talk.get('url'))}: "
                                "not an http(s) URL")
    return Session(
        id=unique_id(f"{event_id}/{id_slug(title)}", taken),
        title=title,
        speakers=speakers,
        type=session_type(kind),
        start=start_text,
        end=end_text,
        track=one_line(_text(talk.get("track"))),
        room=one_line(_text(talk.get("room"))) or room,
        slides=pick_slides(links),
        video=pick_video(url for url, _ in links),
        url=url,
        tags=_tags(talk, where, findings),
        language=one_line(_text(talk.get("language"))).replace("_", "-"),
        notes=_notes(talk),
    )


def _schedule(data: Any, source: str) -> dict[str, Any]:
    if isinstance(data, dict) and isinstance(data.get("schedule"), dict):
        data = data["schedule"]
    if not isinstance(data, dict):
        data = {}
    schedule: dict[str, Any] = data
    conference = schedule.get("conference")
    if not isinstance(conference, dict) or not isinstance(conference.get("days"), list):
        raise InputError(
            f"{source} is not a pretalx/frab schedule: no schedule.conference.days "
            "(export it from pretalx as “JSON (frab compatible)”)"
        )
    return schedule


def load(path: Path) -> tuple[ReportFile, Findings]:
    """Read ``path`` and build its report; ``InputError`` says what is wrong."""
    return convert(read_json(path, "a schedule.json file"), str(path))


def convert(data: Any, source: str = "schedule") -> tuple[ReportFile, Findings]:
    """The report of a parsed schedule, and what of it could not be carried over."""
    findings = Findings()
    schedule = _schedule(data, source)
    conference: dict[str, Any] = schedule["conference"]
    base = http_url(schedule.get("base_url"))
    title = one_line(_text(conference.get("title"))) or one_line(_text(conference.get("acronym")))
    acronym = one_line(_text(conference.get("acronym")))
    event_id = id_slug(acronym or title, fallback="event")
    if not title:
        title = acronym or "Untitled event"
    zone = _zone(_text(conference.get("time_zone_name")))

    sessions: list[Session] = []
    rooms: list[str] = []
    taken: set[str] = set()
    for number, day in enumerate(conference["days"]):
        where = f"days[{number}]"
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            findings.unreadable.append(f"{where}: not a day with its rooms ({brief(day)})")
            continue
        date = _text(day.get("date"))
        for room, talks in day["rooms"].items():
            in_room = f"{where}.rooms[{json.dumps(room, ensure_ascii=False)}]"
            if not isinstance(talks, list):
                findings.unreadable.append(f"{in_room}: not a list of talks ({brief(talks)})")
                continue
            for index, talk in enumerate(talks):
                if not isinstance(talk, dict):
                    findings.unreadable.append(
                        f"{in_room}[{index}]: not a talk (a JSON object): {brief(talk)}"
                    )
                    continue
                session = _session(talk, date, one_line(room), zone, base, event_id, taken,
                                   f"{in_room}[{index}]", findings)
                if session is None:
                    continue
                sessions.append(session)
                if session.room and session.room not in rooms:
                    rooms.append(session.room)
    if not sessions:
        if findings.unreadable:
            raise InputError(f"{source} has no talks that can be read ({findings.unreadable[0]})")
        raise InputError(f"{source} has no talks (has the schedule been released?)")
    sessions.sort(key=lambda s: (_sort_moment(s.start), s.room, s.title.casefold()))

    start = parse_date(_text(conference.get("start")))
    end = parse_date(_text(conference.get("end")))
    for key, parsed in (("start", start), ("end", end)):
        if parsed is None and conference.get(key):
            findings.notices.append(
                f"conference: left out {key} {brief(conference.get(key))}: not a date"
            )
    if start is None:
        start = min((d for d in (parse_date(s.start) for s in sessions) if d), default=None)
    if end is not None and start is not None and end < start:
        findings.notices.append(f"conference: left out end {end.isoformat()}: before the start")
    elif end is not None and start is None:
        findings.notices.append(f"conference: left out end {end.isoformat()}: no start")
    description = _text(conference.get("description")).strip()
    if rooms:
        # Rooms are where the programme happened, not the venue's name: the
        # description is the one place that says so without guessing.
        description = "\n\n".join(filter(None, [description, "Rooms: " + ", ".join(rooms) + "."]))
    url = http_url(conference.get("url"))
    if not url and conference.get("url"):
        findings.notices.append(f"conference: left out url {brief(conference.get('url'))}: "
                                "not an http(s) URL")
    event = Event(
        id=event_id,
        name=title,
        date=start.isoformat() if start else "",
        end=end.isoformat() if end and start and end > start else "",
        url=url or base,
        description=description,
    )
    report = ReportFile(
        filename=safe_filename(event_id, fallback="event"),
        event=event,
        sessions=tuple(sessions),
        description=f"Talks of {title}.",
    )
    return report, findings


def _sort_moment(start: str) -> str:
    # Sessions sort by their instant, not by how their offset is written.
    moment = parse_datetime(start)
    if moment is None or moment.tzinfo is None:
        return start or "9999"
    return moment.astimezone(dt.timezone.utc).isoformat()
