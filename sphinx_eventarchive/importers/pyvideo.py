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

from sphinx_eventarchive.importers import InputError
from sphinx_eventarchive.importers.links import http_url, pick_slides, video_url, youtube_url
from sphinx_eventarchive.importers.model import Event, Report, Session, Speaker
from sphinx_eventarchive.importers.mystwriter import id_slug, one_line, unique_id
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
    report: Report | None = None
    skipped: str = ""
    problems: list[str] = field(default_factory=list)


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
    return f"{event_id(event_dir)}.md"


def _read_json(path: str) -> Any:
    with open(path, "rb") as handle:
        return json.load(handle)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [one_line(item) for item in value if isinstance(item, str) and one_line(item)]


def _related(value: Any) -> Iterator[tuple[str, str]]:
    if not isinstance(value, list):
        return
    for item in value:
        if isinstance(item, str):
            url, label = http_url(item), ""
        elif isinstance(item, dict):
            url, label = http_url(item.get("url")), one_line(item.get("label"))
        else:
            continue
        if url:
            yield url, label


def _video(value: Any) -> str:
    """The first YouTube recording, else the first recording with an http(s) URL."""
    urls = [
        http_url(item.get("url")) for item in value if isinstance(item, dict)
    ] if isinstance(value, list) else []
    urls = [url for url in map(video_url, urls) if url]
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


def _session(stem: str, talk: dict[str, Any], event: str, taken: set[str]) -> Session:
    title = one_line(talk.get("title")) or stem
    slug = talk.get("slug") if isinstance(talk.get("slug"), str) else ""
    return Session(
        title=title,
        id=unique_id(f"{event}/{id_slug(slug or stem)}", taken),
        speakers=[Speaker(name) for name in _strings(talk.get("speakers"))],
        type=_type(title),
        start=_start(talk.get("recorded")),
        slides=pick_slides(_related(talk.get("related_urls"))),
        video=_video(talk.get("videos")),
        tags=_strings(talk.get("tags")),
        language=_language(talk.get("language")),
        notes=_notes(talk),
    )


def load_event(path: Path) -> Outcome:
    """One event folder as a report; unreadable talk files are listed, not fatal."""
    outcome = Outcome(path.name)
    try:
        category = _read_json(os.path.join(path, "category.json"))
    except (OSError, ValueError) as error:
        outcome.skipped = f"category.json cannot be read: {error}"
        outcome.problems.append(f"{path / 'category.json'}: {error}")
        return outcome
    if not isinstance(category, dict):
        outcome.skipped = "category.json is not an object"
        outcome.problems.append(f"{path / 'category.json'}: not a JSON object")
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
        try:
            talk = _read_json(os.path.join(videos_dir, name))
        except (OSError, ValueError) as error:
            outcome.problems.append(f"{path / 'videos' / name}: {error}")
            continue
        if not isinstance(talk, dict):
            outcome.problems.append(f"{path / 'videos' / name}: not a JSON object")
            continue
        stem = name[: -len(".json")]
        session = _session(stem, talk, ident, taken)
        # Sorted by the day recorded, then title; undated talks go last.
        day = parse_date(talk.get("recorded"))
        keyed.append(((day.isoformat() if day else "9999", session.title.casefold(), stem),
                      session))
    if not keyed:
        outcome.skipped = "no videos"
        return outcome
    keyed.sort(key=lambda pair: pair[0])
    sessions = [session for _, session in keyed]

    days = sorted(key[0] for key, _ in keyed if key[0] != "9999")
    start = parse_date(category.get("start_date"))
    end = parse_date(category.get("end_date"))
    first = start.isoformat() if start else (days[0] if days else "")
    last = end.isoformat() if end else (days[-1] if days else "")
    title = one_line(category.get("title")) or path.name
    description = category.get("description")
    description = description.strip() if isinstance(description, str) else ""
    event = Event(
        title=title,
        id=ident,
        date=first,
        end=last if last and last > first else "",
        url=http_url(category.get("url")),
        description=description,
    )
    outcome.report = Report(
        filename=report_filename(path),
        event=event,
        sessions=sessions,
        description=f"Talks of {title}.",
    )
    return outcome
