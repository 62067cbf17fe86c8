"""connpass API v2 responses saved to disk, as one report per event.

``GET /api/v2/events/`` answers ``{"results_returned": n, "events": [...]}``;
each event has ``id``, ``title``, ``catch``, ``description`` (HTML), ``url``,
``image_url``, ``hash_tag``, ``started_at``/``ended_at`` (ISO 8601 with the
offset), ``place`` (the venue), ``address``, ``open_status`` (``preopen``,
``open``, ``close``, ``cancelled``) and ``group`` (``title``, ``subdomain``).
``GET /api/v2/events/{id}/presentations/`` answers ``{"presentations": [...]}``,
each with ``name``, ``url``, ``presenter``/``user`` (``nickname``),
``presentation_type`` (``slide``, ``movie``, ``blog``) and ``created_at``.

The API needs a key, so nothing here goes online: the user saves the two
answers (``docs/howto/connpass.md``) and the importer reads the files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

from sphinx_eventarchive.core.filenames import safe_filename
from sphinx_eventarchive.core.records import Event, Session, Speaker
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.importers.findings import Findings, InputError, brief, read_json
from sphinx_eventarchive.importers.links import http_url
from sphinx_eventarchive.importers.mystwriter import ReportFile, one_line, unique_id
from sphinx_eventarchive.importers.when import format_datetime, parse_datetime

_ONLINE = re.compile(r"オンライン|online|zoom|youtube\s*live|teams|google\s*meet|discord",
                     re.IGNORECASE)
_NUMBER = re.compile(r"(\d+)")
# Block elements of connpass's description HTML that end a paragraph.
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                     "table", "tr", "blockquote", "pre", "hr"})


class _Text(HTMLParser):
    """connpass's description HTML as plain paragraphs (its words, no markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def description_text(html: object) -> str:
    if not isinstance(html, str) or not html.strip():
        return ""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.text()


def _load(path: Path, key: str) -> list[Any]:
    """The list under ``key`` of an API answer saved to ``path`` (or the list itself)."""
    data = read_json(path, "a saved API answer")
    if isinstance(data, dict) and isinstance(data.get(key), list):
        return list(data[key])
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and key == "events" and "title" in data:
        return [data]  # one event saved on its own
    raise InputError(f"{path} holds no {key!r} list: is it the answer of "
                     f"/api/v2/{'events' if key == 'events' else 'events/{id}/presentations'}/?")


def saved_events(path: Path) -> list[dict[str, Any]]:
    """The events of a saved ``/api/v2/events/`` answer (as ``import connpass`` reads it)."""
    events = [item for item in _load(path, "events") if isinstance(item, dict)]
    if not events:
        raise InputError(f"{path} holds no events")
    return events


def _text(value: Any) -> str:
    return one_line(value) if isinstance(value, str | int | float) and \
        not isinstance(value, bool) else ""


def _when(value: Any) -> str:
    moment = parse_datetime(value)
    return format_datetime(moment) if moment is not None else ""


def event_record(item: dict[str, Any], tags: tuple[str, ...], findings: Findings) -> Event:
    ident = _text(item.get("id"))
    where = f"event {ident or brief(item)}"
    title = _text(item.get("title"))
    if not title:
        title = f"connpass event {ident}"
        findings.notices.append(f"{where}: no title; named {title!r}")
    group: dict[str, Any] = item["group"] if isinstance(item.get("group"), dict) else {}
    place, address = _text(item.get("place")), _text(item.get("address"))
    online = bool(_ONLINE.search(f"{place} {address}"))
    status = "cancelled" if _text(item.get("open_status")).lower() == "cancelled" else ""
    catch = _text(item.get("catch"))
    body = "\n\n".join(part for part in (catch, description_text(item.get("description")))
                       if part)
    urls = {}
    for key in ("url", "image_url"):
        urls[key] = http_url(item.get(key))
        if item.get(key) and not urls[key]:
            findings.notices.append(f"{where}: left out {key} {brief(item.get(key))}: "
                                    "not an http(s) URL")
    date = _when(item.get("started_at"))
    if not date:
        findings.notices.append(f"{where}: no usable started_at ({brief(item.get('started_at'))})")
    return Event(
        id=f"connpass-{ident}" if ident else "connpass", name=title, date=date,
        end=_when(item.get("ended_at")), series=_text(group.get("title")),
        venue="" if online and place.lower() in ("オンライン", "online") else place,
        location="" if online and address.lower() in ("オンライン", "online") else address,
        format="online" if online else "", url=urls["url"], tags=tags,
        image=urls["image_url"], hashtag=_text(item.get("hash_tag")).lstrip("#＃"),
        status=status, description=body,
    )


class _Talk(NamedTuple):
    title: str
    speaker: str
    slides: str
    video: str
    blogs: tuple[str, ...]


def sessions(items: list[Any], event: Event, findings: Findings,
             ) -> tuple[tuple[Session, ...], list[str]]:
    """One session per talk (a slide and a movie of one title and presenter are one
    talk), and the blog posts that belong to no talk, as Markdown list items."""
    talks: dict[tuple[str, str], _Talk] = {}
    posts: list[tuple[str, str, str]] = []
    ordered = sorted((item for item in items if isinstance(item, dict)),
                     key=lambda item: _text(item.get("created_at")))
    for item in items:
        if not isinstance(item, dict):
            findings.notices.append(f"{event.id}: left out presentation {brief(item)}")
    for item in ordered:
        name = _text(item.get("name"))
        person: dict[str, Any] = next(
            (item[key] for key in ("presenter", "user") if isinstance(item.get(key), dict)), {})
        speaker = _text(person.get("nickname")) or _text(person.get("display_name"))
        url = http_url(item.get("url"))
        kind = _text(item.get("presentation_type")).lower()
        if not name or not url:
            findings.notices.append(f"{event.id}: left out presentation {brief(item)}: "
                                    "no name or no http(s) URL")
            continue
        key = (name.casefold(), speaker.casefold())
        if kind not in ("slide", "movie"):
            posts.append((name, speaker, url))
            continue
        talk = talks.get(key) or _Talk(name, speaker, "", "", ())
        if kind == "slide" and not talk.slides:
            talk = talk._replace(slides=url)
        elif kind == "movie" and not talk.video:
            talk = talk._replace(video=url)
        else:  # a second deck or video of the talk: a link in its notes
            talk = talk._replace(blogs=(*talk.blogs, url))
        talks[key] = talk
    loose: list[str] = []
    for name, speaker, url in posts:
        own = talks.get((name.casefold(), speaker.casefold()))
        if own is not None:  # the talk's own write-up
            talks[(name.casefold(), speaker.casefold())] = own._replace(
                blogs=(*own.blogs, url))
        else:
            by = f" ({speaker})" if speaker else ""
            loose.append(f"- [{name}]({url}){by}")
    taken: set[str] = set()
    found = []
    for order, talk in enumerate(talks.values(), 1):
        notes = "\n".join(f"- <{url}>" for url in talk.blogs)
        found.append(Session(
            id=unique_id(f"{event.id}/{id_slug(talk.title)}", taken), title=talk.title,
            event=event.id, speakers=(Speaker(talk.speaker),) if talk.speaker else (),
            slides=talk.slides, video=talk.video, notes=notes, order=order,
        ))
    return tuple(found), loose


def presentations_for(paths: list[str], event_ids: list[str]) -> dict[str, Path]:
    """Which event each ``--presentations`` file belongs to.

    ``ID=FILE`` says so; otherwise an event id in the file name
    (``presentations-316339.json``), or the only event there is.
    """
    found: dict[str, Path] = {}
    for spec in paths:
        ident, sep, name = spec.partition("=")
        if sep and ident.strip().isdigit():
            target = ident.strip()
        else:
            name = spec
            numbers = [n for n in _NUMBER.findall(Path(spec).name) if n in event_ids]
            if len(numbers) == 1:
                target = numbers[0]
            elif len(event_ids) == 1:
                target = event_ids[0]
            else:
                raise InputError(f"{spec}: which event's presentations? Name it ID={spec} "
                                 "or put the event id in the file name")
        if target not in event_ids:
            raise InputError(f"{spec}: event {target} is not in the events file")
        if target in found:
            raise InputError(f"{spec}: a second presentations file for event {target}")
        found[target] = Path(name)
    return found


def load(events_path: Path, presentation_paths: list[str], tags: tuple[str, ...],
         ) -> tuple[list[ReportFile], Findings]:
    findings = Findings()
    items = _load(events_path, "events")
    events = [item for item in items if isinstance(item, dict)]
    for item in items:
        if not isinstance(item, dict):
            findings.unreadable.append(f"event {brief(item)}: not an object")
    if not events:
        raise InputError(f"{events_path} holds no events")
    ids = [_text(item.get("id")) for item in events]
    extra = presentations_for(presentation_paths, ids)
    reports = []
    for item, ident in zip(events, ids, strict=True):
        event = event_record(item, tags, findings)
        talks, posts = sessions(_load(extra[ident], "presentations"), event, findings) \
            if ident in extra else ((), [])
        if posts:
            event = event._replace(description="\n\n".join(
                part for part in (event.description, "\n".join(posts)) if part))
        reports.append(ReportFile(
            filename=safe_filename(event.id, fallback="connpass"), event=event,
            sessions=talks, description=_text(item.get("catch")), tags=tags,
        ))
    return reports, findings
