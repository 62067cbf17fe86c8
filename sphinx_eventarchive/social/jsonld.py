"""schema.org JSON-LD for pages with events (``Event``) and speaker pages (``ProfilePage``).

Choices where schema.org leaves room:

* ``url`` is the archive page with the event's (or session's) anchor; the
  official event page is ``sameAs``.
* A series is an ``EventSeries`` given as ``superEvent``, not an
  ``organizer``: the archive does not know who organised an event.
* A session is a ``subEvent`` whose ``startDate`` is its own start, else the
  event's; its speakers are ``performer`` ``Person``\\ s with their affiliation
  at the time as an ``Organization``; the recording is ``recordedIn`` (a
  ``VideoObject``) and the slides ``workFeatured`` (a ``PresentationDigitalDocument``).
* ``location`` is a ``Place`` (``name`` the venue, ``address`` the location
  as written) for in-person events, a ``VirtualLocation`` (the event's page,
  else its recording, else the archive page) for online ones, both for hybrid.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx_eventarchive import site as urls
from sphinx_eventarchive.archive.view import Archive, ArchiveSpeaker, Writeup, merge
from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.records import Event, Session
from sphinx_eventarchive.core.text import identity

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

SCHEMA = "https://schema.org"

ATTENDANCE = {
    "in-person": f"{SCHEMA}/OfflineEventAttendanceMode",
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "hybrid": f"{SCHEMA}/MixedEventAttendanceMode",
}

# Inside <script>, "</script" ends the element and "<!--" changes how it is
# parsed; JSON lets us write these characters as escapes instead.
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                          "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data: Any) -> str:
    """JSON that no value can break out of a ``<script>`` element with."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def script(data: Any) -> str:
    return f'<script type="application/ld+json">{dumps(data)}</script>'


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


class _Page:
    """URLs as seen from one page being written."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.pagename = pagename
        self.domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]

    def url(self, docname: str, anchor: str = "") -> str:
        url = urls.page_url(self.app.config, self.app.builder, docname)
        if not anchor:
            return url
        # singlehtml puts every page in one file ("index.html#document-x"): the
        # anchor replaces the page's. Anchors keep non-Latin scripts, so encode them.
        return f"{url.split('#', 1)[0]}#{quote(anchor, safe='')}"

    def writeup_url(self, writeups: tuple[Writeup, ...]) -> str:
        here = [w for w in writeups if w.docname == self.pagename]
        chosen = (here or list(writeups))[0]
        return self.url(chosen.docname, chosen.anchor)

    def speaker_url(self, name: str) -> str:
        key = identity(name)
        if key in self.domain.archive.speakers and self.domain.has_pages(self.app.builder):
            return self.url(self.domain.speaker_page(key))
        return ""


def events(app: Sphinx, pagename: str, page_events: list[Event], page_image: str,
           image_of: Callable[[str], Any]) -> list[dict[str, Any]]:
    """One ``Event`` per event written up on the page."""
    page = _Page(app, pagename)
    return [_event(page, event, page_image, image_of) for event in page_events]


def _event(page: _Page, event: Event, page_image: str,
           image_of: Callable[[str], Any]) -> dict[str, Any]:
    domain = page.domain
    entry = domain.archive.events.get(event.id)
    if entry is not None:
        writeups = entry.writeups
        sessions = [domain.archive.sessions[s] for s in entry.sessions]
        session_items = [(s.session, s.writeups) for s in sessions]
    else:
        # A draft page: its events are left out of the archive, but the page
        # itself still says what it says.
        records = [by_doc[page.pagename] for by_doc in domain.sessions.values()
                   if page.pagename in by_doc and by_doc[page.pagename].event == event.id]
        records.sort(key=lambda s: s.order)
        writeups = (Writeup(event.docname, event.anchor),)
        session_items = [(merge([s]), (Writeup(s.docname, s.anchor),)) for s in records]

    url = page.writeup_url(writeups)
    image = ""
    if event.image:
        found = image_of(event.image)
        image = getattr(found, "url", "") if found else ""
    image = image or page_image
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": url,
        "name": event.name,
        "url": url,
        "startDate": event.date,
        "endDate": event.end,
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.get(event.format, ""),
        "location": _location(event, url),
        "image": [image] if image else [],
        "description": event.description,
        "sameAs": event.url,
        "keywords": list(event.tags),
        "superEvent": {"@type": "EventSeries", "name": event.series} if event.series else None,
        "recordedIn": _video(event.video, event.name),
        "subEvent": [_session(page, session, where, event) for session, where in session_items],
    }
    return _drop_empty(data)


def _location(event: Event, url: str) -> Any:
    place = None
    if event.venue or event.location:
        place = _drop_empty({
            "@type": "Place",
            "name": event.venue or event.location,
            "address": event.location if event.venue else "",
        })
    virtual = {"@type": "VirtualLocation", "url": event.url or event.video or url}
    if event.format == "online":
        return virtual
    if event.format == "hybrid":
        return [place, virtual] if place else virtual
    return place


def _video(url: str, name: str) -> dict[str, Any] | None:
    if not url:
        return None
    try:
        embed = embeds.video(url)
    except embeds.EmbedError:
        return None
    data: dict[str, Any] = {"@type": "VideoObject", "name": name, "url": embed.url}
    if embed.kind == "youtube":
        data["embedUrl"] = embed.src
        video_id = embed.src.rsplit("/", 1)[-1].split("?", 1)[0]
        if video_id != "videoseries":
            data["thumbnailUrl"] = f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"
    return data


def _session(page: _Page, session: Session, where: tuple[Writeup, ...],
             event: Event) -> dict[str, Any]:
    performers = [
        _drop_empty({
            "@type": "Person",
            "name": speaker.name,
            "affiliation": {"@type": "Organization", "name": speaker.affiliation}
            if speaker.affiliation else None,
            "url": page.speaker_url(speaker.name),
        })
        for speaker in session.speakers
    ]
    url = page.writeup_url(where)
    return _drop_empty({
        "@type": "Event",
        "@id": url,
        "name": session.title,
        "url": url,
        "startDate": session.start or event.date,
        "endDate": session.end,
        "performer": performers,
        "inLanguage": session.language,
        "keywords": list(session.tags),
        "sameAs": session.url,
        "recordedIn": _video(session.video, session.title),
        "workFeatured": {"@type": "PresentationDigitalDocument", "name": session.title,
                         "url": session.slides} if session.slides else None,
    })


_SLUGS: weakref.WeakKeyDictionary[Archive, dict[str, ArchiveSpeaker]] = \
    weakref.WeakKeyDictionary()


def _by_slug(archive: Archive) -> dict[str, ArchiveSpeaker]:
    """Speakers by URL slug, once per archive view (there can be thousands of speaker pages)."""
    if archive not in _SLUGS:
        _SLUGS[archive] = {speaker.slug: speaker for speaker in archive.speakers.values()}
    return _SLUGS[archive]


def profile(app: Sphinx, pagename: str, title: str, page_url: str) -> list[dict[str, Any]]:
    """A ``ProfilePage`` whose ``mainEntity`` is the speaker, on a speaker page."""
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    folder = app.config.eventarchive_speakers_path
    slug = pagename[len(folder) + 1:] if pagename.startswith(folder + "/") else ""
    speaker = _by_slug(domain.archive).get(slug)
    name = speaker.name if speaker else title
    affiliations = list(speaker.affiliations) if speaker else []
    person = _drop_empty({
        "@type": "Person",
        "name": name,
        "url": page_url,
        "affiliation": [{"@type": "Organization", "name": a} for a in affiliations],
    })
    return [_drop_empty({"@context": SCHEMA, "@type": "ProfilePage", "url": page_url,
                         "name": title, "mainEntity": person})]
