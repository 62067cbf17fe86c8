"""schema.org JSON-LD for pages with events (``Event``) and speaker pages (``ProfilePage``).

What Google Search reads is held to its published rules (``sphinx-eventarchive
check`` reports the rest); choices where schema.org leaves room:

* ``url`` is the archive page with the event's (or session's) anchor; the
  official event page is ``sameAs``.
* A series is an ``EventSeries`` given as ``superEvent``, not an
  ``organizer``; the organiser is the event's ``:organizer:``.
* A session is a ``subEvent`` whose ``startDate`` is its own start, else the
  event's; its speakers are ``performer`` ``Person``\\ s with their affiliation
  at the time as an ``Organization``, named as their profile names them, with
  the profile's links as ``sameAs`` and its photo as ``image`` (not for a
  person who asked to stay out of search engines); the slides are
  ``workFeatured`` (a ``PresentationDigitalDocument``).
* ``location``: a ``Place`` (``name`` the venue, else the location; ``address``
  the location as written) wherever a place is given; for online and hybrid
  events a ``VirtualLocation`` whose ``url`` is where people join or watch
  (the event's ``:url:``, else its ``:video:``), never the report itself, and
  left out when there is none.
* A recording is ``recordedIn`` a ``VideoObject`` only when it can be complete
  (``name``, ``thumbnailUrl``, ``uploadDate``, ``embedUrl``): on a host whose
  stills are at a known address (YouTube). Its ``uploadDate`` is the session's
  or the event's date, the video's own being unknown. A start time (``t=``)
  makes the session's part of a longer recording a ``Clip``. Any other
  recording stays a link on the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.view import Writeup
from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.options import SCHEMA_STATUS
from sphinx_eventarchive.core.people import alias_names, shown_name
from sphinx_eventarchive.core.records import Event, Session, SpeakerProfile

if TYPE_CHECKING:
    from sphinx_eventarchive.site import Site

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

    def __init__(self, site: Site, pagename: str,
                 image_of: Callable[[str], Any] = lambda reference: None) -> None:
        self.site = site
        self.pagename = pagename
        self.domain = site.domain
        self.image_of = image_of

    def url(self, docname: str, anchor: str = "") -> str:
        return self.site.page_url(docname, anchor)

    def writeup_url(self, writeups: tuple[Writeup, ...]) -> str:
        here = [w for w in writeups if w.docname == self.pagename]
        chosen = (here or list(writeups))[0]
        return self.url(chosen.docname, chosen.anchor)

    def performer(self, name: str, affiliation: str) -> dict[str, Any]:
        """A speaker of a session as a ``Person``: the profile's name, links and photo."""
        speaker = self.domain.archive.speaker(name, affiliation)
        profile = speaker.profile if speaker is not None else None
        return _drop_empty({
            "@type": "Person",
            "name": speaker.name if speaker is not None else shown_name(
                name, self.site.config.eventarchive_honorifics),
            "affiliation": {"@type": "Organization", "name": affiliation}
            if affiliation else None,
            "url": self.url(self.site.speaker_page(speaker.key))
            if speaker is not None and self.site.has_pages else "",
            **(self.public(profile) if profile is not None else {}),
        })

    def public(self, profile: SpeakerProfile) -> dict[str, Any]:
        """What a profile adds to a ``Person``, unless the person asked for ``noindex``."""
        if profile.noindex:
            return {}
        image = self.image_of(profile.photo) if profile.photo else None
        # The build state's digest copies no file (image_of gives None): the photo as
        # written stands for it there, so a new photo rewrites the page.
        return {"sameAs": list(profile.links),
                "image": image.url if image is not None else profile.photo}


def events(site: Site, pagename: str, page_events: list[Event], page_image: str,
           image_of: Callable[[str], Any]) -> list[dict[str, Any]]:
    """One ``Event`` per event written up on the page."""
    page = _Page(site, pagename, image_of)
    return [_event(page, event, page_image, image_of) for event in page_events]


def _event(page: _Page, event: Event, page_image: str,
           image_of: Callable[[str], Any]) -> dict[str, Any]:
    shown = page.domain.event_shown_on(page.pagename, event.id)
    writeups = shown[0].writeups if shown else (Writeup(event.docname, event.anchor),)
    session_items = [(s.session, s.writeups) for s in shown[1]] if shown else []

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
        "eventStatus": f"{SCHEMA}/{SCHEMA_STATUS[(shown[0].event if shown else event).status]}",
        "eventAttendanceMode": ATTENDANCE.get(event.format, ""),
        "location": _location(event),
        "organizer": _organizer(event),
        "image": [image] if image else [],
        "description": event.description,
        "sameAs": event.url,
        "keywords": list(event.tags),
        "superEvent": {"@type": "EventSeries", "name": event.series} if event.series else None,
        "recordedIn": _video(event.video, event.name, event.date),
        "subEvent": [_session(page, session, where, event) for session, where in session_items],
    }
    return _drop_empty(data)


def _location(event: Event) -> Any:
    place = _drop_empty({"@type": "Place", "name": event.venue or event.location,
                         "address": event.location}) if event.venue or event.location else None
    joined = event.url or event.video
    virtual = {"@type": "VirtualLocation", "url": joined} if joined else None
    if event.format == "online":
        return virtual
    if event.format == "hybrid":
        return [found for found in (place, virtual) if found] or None
    return place


def _organizer(event: Event) -> dict[str, Any] | None:
    if not event.organizer:
        return None
    return _drop_empty({"@type": "Organization", "name": event.organizer,
                        "url": event.organizer_url})


def _video(url: str, name: str, uploaded: str) -> dict[str, Any] | None:
    """A complete ``VideoObject`` of a recording, or None where it cannot be one."""
    if not url or not uploaded:
        return None
    try:
        embed = embeds.video(url)
    except embeds.EmbedError:
        return None
    if not embed.thumbnail:
        return None  # no still Google could show: the recording stays a link
    data: dict[str, Any] = {"@type": "VideoObject", "name": name, "url": embed.url,
                            "thumbnailUrl": embed.thumbnail, "uploadDate": uploaded,
                            "embedUrl": embed.src.partition("?")[0]}
    if embed.start:
        # The talk is a part of a longer recording, from its start.
        data["hasPart"] = [{"@type": "Clip", "name": name, "startOffset": embed.start,
                            "url": embed.url}]
    return data


def _session(page: _Page, session: Session, where: tuple[Writeup, ...],
             event: Event) -> dict[str, Any]:
    performers = [page.performer(speaker.name, speaker.affiliation)
                  for speaker in session.speakers]
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
        "recordedIn": _video(session.video, session.title, session.start or event.date),
        "workFeatured": {"@type": "PresentationDigitalDocument", "name": session.title,
                         "url": session.slides} if session.slides else None,
    })


def profile(site: Site, pagename: str, title: str, page_url: str) -> list[dict[str, Any]]:
    """A ``ProfilePage`` whose ``mainEntity`` is the speaker, on a speaker page."""
    from sphinx_eventarchive.write.people import bio_text, photo_of

    folder = site.config.eventarchive_speakers_path
    slug = pagename[len(folder) + 1:] if pagename.startswith(folder + "/") else ""
    speaker = site.archive.speakers_by_slug.get(slug)
    name = speaker.name if speaker else title
    affiliations = list(speaker.affiliations) if speaker else []
    found = speaker.profile if speaker else None
    person: dict[str, Any] = {"@type": "Person", "name": name, "url": page_url}
    if found is not None:
        current = found.affiliation
        if current:
            person["worksFor"] = {"@type": "Organization", "name": current}
            affiliations = [current, *(a for a in affiliations if a != current)]
        person["alternateName"] = [] if found.noindex else alias_names(found.aliases)
        person["description"] = bio_text(found.bio)
        photo = photo_of(site, found) if not found.noindex else None
        person.update(sameAs=[] if found.noindex else list(found.links),
                      image=photo.url if photo else "")
    person["affiliation"] = [{"@type": "Organization", "name": a} for a in affiliations]
    return [_drop_empty({"@context": SCHEMA, "@type": "ProfilePage", "url": page_url,
                         "name": title, "mainEntity": _drop_empty(person)})]
