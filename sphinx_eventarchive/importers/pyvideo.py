"""Events of a pyvideo/data tree as reports, one per event.

The layout is ``<event>/category.json`` (``title``, ``description``, ``url``,
``start_date``/``end_date``) and ``<event>/videos/*.json``, one talk each
(``title``, ``speakers``, ``recorded``, ``tags``, ``videos``,
``related_urls``, ``language`` as ISO 639-3, ``description``/``summary``).
The whole data set is 540 events and 21,715 talks, so this reads each file
once and does no per-talk work beyond building its record.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_eventarchive.core.filenames import safe_filename
from sphinx_eventarchive.core.records import Event, Session, Speaker
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.importers.findings import Findings, InputError, brief
from sphinx_eventarchive.importers.links import http_url, pick_slides, video_url, youtube_url
from sphinx_eventarchive.importers.mystwriter import ReportFile, one_line, unique_id
from sphinx_eventarchive.importers.when import format_datetime, parse_date, parse_datetime

# ISO 639-3 (pyvideo) to the two-letter codes the directive and HTML ``lang``
# use; every language in the data set is here, and a few more likely ones.
LANGUAGES = {
    "ara": "ar", "ben": "bn", "bul": "bg", "cat": "ca", "ces": "cs", "dan": "da",
    "deu": "de", "ell": "el", "eng": "en", "est": "et", "eus": "eu", "fas": "fa",
    "fin": "fi", "fra": "fr", "glg": "gl", "heb": "he", "hin": "hi", "hrv": "hr",
    "hun": "hu", "ind": "id", "ita": "it", "jpn": "ja", "kor": "ko", "lav": "lv",
    "lit": "lt", "msa": "ms", "nld": "nl", "nor": "no", "pol": "pl", "por": "pt",
    "ron": "ro", "rus": "ru", "slk": "sk", "slv": "sl", "spa": "es", "srp": "sr",
    "swe": "sv", "tha": "th", "tur": "tr", "ukr": "uk", "vie": "vi", "zho": "zh",
}
# Talk titles say what pyvideo records do not: which were keynotes and
# lightning talks. Other words ("panel", "tutorial") are too often library
# names or topics to be read as a type.
_KEYNOTE = re.compile(r"\bkeynote\b|基調講演", re.IGNORECASE)
_LIGHTNING = re.compile(r"\blightning talks?\b|ライトニングトーク", re.IGNORECASE)
_FOLDER_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass
class Outcome:
    """What importing one event gave: a report, or why there is none."""

    slug: str
    report: ReportFile | None = None
    skipped: str = ""
    #: Files that could not be read, and what was left out of those that could.
    findings: Findings = field(default_factory=Findings)


def find_events(data_dir: Path, only: list[str] | None = None) -> list[Path]:
    """The event folders under ``data_dir`` (or ``data_dir`` itself), sorted."""
    if not data_dir.exists():
        raise InputError(f"{data_dir}: no such directory")
    if not data_dir.is_dir():
        raise InputError(f"{data_dir} is not a directory (give the pyvideo/data folder)")
    if (data_dir / "category.json").is_file():
        events = [data_dir]
    else:
        with os.scandir(data_dir) as entries:
            events = sorted(
                Path(entry.path)
                for entry in entries
                # ``.schemas`` holds a category.json too: the schema, not an event.
                if not entry.name.startswith(".")
                and entry.is_dir()
                and os.path.isfile(os.path.join(entry.path, "category.json"))
            )
    if not events:
        raise InputError(f"no pyvideo events in {data_dir} (no <event>/category.json)")
    if only:
        by_name = {path.name: path for path in events}
        missing = [name for name in only if name not in by_name]
        if missing:
            raise InputError(f"no event {missing[0]!r} in {data_dir}")
        events = [by_name[name] for name in dict.fromkeys(only)]
    return events


def event_id(event_dir: Path) -> str:
    """The folder name, pyvideo's own slug for the event, when it is one."""
    name = event_dir.name
    return name if _FOLDER_SLUG.fullmatch(name) else id_slug(name, fallback="event")


def report_filename(event_dir: Path) -> str:
    """``<event-slug>.md``, named like the folder that ``--event`` selects."""
    return safe_filename(event_id(event_dir), fallback="event")


def _read_json(path: str) -> Any:
    with open(path, "rb") as handle:
        return json.load(handle)


def _strings(value: Any, key: str, where: str, findings: Findings) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        findings.notices.append(f"{where}: left out {key} {brief(value)}: not a list")
        return ()
    kept: list[str] = []
    for item in value:
        if isinstance(item, str):
            if one_line(item):
                kept.append(one_line(item))
        elif item is not None:
            findings.notices.append(f"{where}: left out {key} entry {brief(item)}: not text")
    return tuple(kept)


def _related(value: Any, where: str, findings: Findings) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if not isinstance(value, list):
        findings.notices.append(f"{where}: left out related_urls {brief(value)}: not a list")
        return
    for item in value:
        raw: Any
        if isinstance(item, str):
            raw, label = item, ""
        elif isinstance(item, dict):
            raw, label = item.get("url"), one_line(item.get("label"))
        else:
            findings.notices.append(f"{where}: left out related_urls entry {brief(item)}")
            continue
        url = http_url(raw)
        if url:
            yield url, label
        elif raw:
            findings.notices.append(
                f"{where}: left out related_urls entry {brief(raw)}: not an http(s) URL"
            )


def _video(value: Any, where: str, findings: Findings) -> str:
    """The first YouTube recording, else the first recording with an http(s) URL."""
    if value is None:
        return ""
    if not isinstance(value, list):
        findings.notices.append(f"{where}: left out videos {brief(value)}: not a list")
        return ""
    urls: list[str] = []
    for item in value:
        raw = item.get("url") if isinstance(item, dict) else item
        url = video_url(http_url(raw))
        if url:
            urls.append(url)
        elif raw:
            findings.notices.append(
                f"{where}: left out videos entry {brief(item)}: not a usable video URL"
            )
    for url in urls:
        if youtube := youtube_url(url):
            return youtube
    return urls[0] if urls else ""


def _notes(talk: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in ("summary", "description", "abstract"):
        text = talk.get(key)
        if isinstance(text, str) and text.strip():
            text = text.strip()
            if not any(text in part for part in parts):
                parts.append(text)
    return "\n\n".join(parts)


def _type(title: str) -> str:
    if _KEYNOTE.search(title):
        return "keynote"
    if _LIGHTNING.search(title):
        return "lightning"
    return "talk"


def _language(code: Any) -> str:
    if not isinstance(code, str):
        return ""
    lowered: str = code.strip().lower()
    return LANGUAGES.get(lowered, lowered)


def _start(recorded: Any) -> str:
    moment = parse_datetime(recorded)
    if moment is not None:
        return format_datetime(moment)
    day = parse_date(recorded)
    return day.isoformat() if day else ""


def _session(
    stem: str, talk: dict[str, Any], event: str, taken: set[str], where: str,
    findings: Findings,
) -> Session:
    title = one_line(talk.get("title"))
    if not title:
        title = stem
        findings.notices.append(f"{where}: the talk has no title; written as {title!r}")
    slug = talk.get("slug") if isinstance(talk.get("slug"), str) else ""
    start = _start(talk.get("recorded"))
    if not start and talk.get("recorded"):
        findings.notices.append(
            f"{where}: left out recorded {brief(talk.get('recorded'))}: not a date"
        )
    return Session(
        id=unique_id(f"{event}/{id_slug(slug or stem)}", taken),
        title=title,
        speakers=tuple(
            Speaker(name) for name in _strings(talk.get("speakers"), "speakers", where, findings)
        ),
        type=_type(title),
        start=start,
        slides=pick_slides(_related(talk.get("related_urls"), where, findings)),
        video=_video(talk.get("videos"), where, findings),
        tags=_strings(talk.get("tags"), "tags", where, findings),
        language=_language(talk.get("language")),
        notes=_notes(talk),
    )


def load_event(path: Path) -> Outcome:
    """One event folder as a report; unreadable talk files are listed, not fatal."""
    outcome = Outcome(path.name)
    findings = outcome.findings
    try:
        category = _read_json(os.path.join(path, "category.json"))
    except (OSError, ValueError) as error:
        outcome.skipped = f"category.json cannot be read: {error}"
        findings.unreadable.append(f"{path / 'category.json'}: {error}")
        return outcome
    if not isinstance(category, dict):
        outcome.skipped = "category.json is not an object"
        findings.unreadable.append(f"{path / 'category.json'}: not a JSON object")
        return outcome

    videos_dir = os.path.join(path, "videos")
    try:
        with os.scandir(videos_dir) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".json"))
    except OSError:
        names = []
    ident = event_id(path)
    taken: set[str] = set()
    keyed: list[tuple[tuple[str, str, str], Session]] = []
    for name in names:
        where = str(path / "videos" / name)
        try:
            talk = _read_json(os.path.join(videos_dir, name))
        except (OSError, ValueError) as error:
            findings.unreadable.append(f"{where}: {error}")
            continue
        if not isinstance(talk, dict):
            findings.unreadable.append(f"{where}: not a JSON object")
            continue
        stem = name[: -len(".json")]
        session = _session(stem, talk, ident, taken, where, findings)
        # Sorted by the day recorded, then title; undated talks go last.
        day = parse_date(talk.get("recorded"))
        keyed.append(((day.isoformat() if day else "9999", session.title.casefold(), stem),
                      session))
    if not keyed:
        outcome.skipped = "no videos"
        return outcome
    keyed.sort(key=lambda pair: pair[0])
    sessions = tuple(session for _, session in keyed)

    where = str(path / "category.json")
    days = sorted(key[0] for key, _ in keyed if key[0] != "9999")
    start = parse_date(category.get("start_date"))
    end = parse_date(category.get("end_date"))
    for key, parsed in (("start_date", start), ("end_date", end)):
        if parsed is None and category.get(key):
            findings.notices.append(f"{where}: left out {key} {brief(category.get(key))}: "
                                    "not a date")
    first = start.isoformat() if start else (days[0] if days else "")
    last = end.isoformat() if end else (days[-1] if days else "")
    if last and first and last < first:
        findings.notices.append(f"{where}: left out end {last}: before the start {first}")
    title = one_line(category.get("title"))
    if not title:
        title = path.name
        findings.notices.append(f"{where}: the event has no title; written as {title!r}")
    description = category.get("description")
    if description is not None and not isinstance(description, str):
        findings.notices.append(f"{where}: left out description {brief(description)}: not text")
    description = description.strip() if isinstance(description, str) else ""
    url = http_url(category.get("url"))
    if not url and category.get("url"):
        findings.notices.append(
            f"{where}: left out url {brief(category.get('url'))}: not an http(s) URL"
        )
    event = Event(
        id=ident,
        name=title,
        date=first,
        end=last if last and last > first else "",
        url=url,
        description=description,
    )
    outcome.report = ReportFile(
        filename=report_filename(path),
        event=event,
        sessions=sessions,
        description=f"Talks of {title}.",
    )
    return outcome
