"""schema.org JSON-LD as Google Search reads it: Event, VideoObject (and Clip), ProfilePage.

The page's JSON-LD is extracted with extruct, one ``<script>`` at a time, so
one script that does not parse is reported and the others are still read.
Google looks for an ``Event`` (or a subtype) as a top-level item, a
``VideoObject`` wherever it is nested (``recordedIn`` of an event or a
session), a ``Clip`` in a video's ``hasPart`` and a ``ProfilePage`` as a
top-level item; the sessions an event holds as ``subEvent`` are not rich
results of their own and are not held to the Event rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.check.jsonldvalues import (
    ADDRESS_PARTS,
    ATTENDANCE,
    EVENT_STATUS,
    EVENT_TYPES,
    ISO_DURATION,
    LINK_KEYS,
    Item,
    enum_name,
    filled,
    iso_date,
    nodes_of,
    text_of,
    types_of,
)
from sphinx_eventarchive.check.rules import (
    RECOMMENDED,
    REQUIRED,
    Finding,
    Level,
    Reader,
    Rule,
    Test,
    check,
)
from sphinx_eventarchive.check.site import is_absolute

if TYPE_CHECKING:
    from sphinx_eventarchive.check.site import Page

_GOOGLE = "https://developers.google.com/search/docs/appearance/structured-data/"
EVENT = Reader("Google Search: Event", _GOOGLE + "event")
VIDEO = Reader("Google Search: Video", _GOOGLE + "video")
PROFILE = Reader("Google Search: Profile page", _GOOGLE + "profile-page")
JSONLD = Reader("Google Search: structured data", _GOOGLE + "intro-structured-data")

# -- tests: each says, line by line, what is wrong ------------------------------------------


def present(key: str) -> Test:
    def test(item: Item) -> Iterator[str]:
        if not filled(item.get(key)):
            yield f"no {key}"
    return test


def date(key: str, *, needed: bool = True) -> Test:
    def test(item: Item) -> Iterator[str]:
        value = item.get(key)
        if not filled(value):
            if needed:
                yield f"no {key}"
        elif not iso_date(value):
            yield f"{key} {text_of(value)!r} is not an ISO 8601 date or date-time"
    return test


def one_of(key: str, members: frozenset[str]) -> Test:
    def test(item: Item) -> Iterator[str]:
        value = item.get(key)
        if not filled(value):
            yield f"no {key}"
        elif enum_name(value) not in members:
            yield f"{key} {text_of(value)!r} is not https://schema.org/" + \
                " or https://schema.org/".join(sorted(members))
    return test


def named(key: str) -> Test:
    """An object (organizer, performer) that Google shows by its name."""
    def test(item: Item) -> Iterator[str]:
        values = nodes_of(item.get(key))
        if not any(filled(value) for value in values):
            yield f"no {key}"
        for value in values:
            if isinstance(value, dict) and not text_of(value.get("name")):
                yield f"{key} without a name"
    return test


def _address(place: dict[str, Any]) -> bool:
    address = place.get("address")
    if isinstance(address, dict):
        return any(text_of(address.get(part)) for part in ADDRESS_PARTS)
    return bool(text_of(address))


def event_location(item: Item) -> Iterator[str]:
    locations = nodes_of(item.get("location"))
    if not locations:
        yield "no location"
        return
    # Each location written is judged once; what the attendance mode needs and no
    # location of that kind was written for is said after.
    place = virtual = False
    for location in locations:
        kinds = types_of(location)
        if "VirtualLocation" in kinds:
            virtual = True
            if not is_absolute(text_of(location.get("url"))):
                yield "a VirtualLocation without an absolute url"
        elif "PostalAddress" in kinds:
            place = True
            yield "location is a PostalAddress, not a Place with it as address"
        elif isinstance(location, dict):  # a Place, or one of its many subtypes
            place = True
            if not _address(location):
                yield f"Place {text_of(location.get('name'))!r} has no address"
        else:
            yield f"location {text_of(location)!r} is text, not a Place or VirtualLocation"
    mode = enum_name(item.get("eventAttendanceMode"))
    if mode in ("OnlineEventAttendanceMode", "MixedEventAttendanceMode") and not virtual:
        yield f"no VirtualLocation, though eventAttendanceMode is {mode}"
    if mode in ("OfflineEventAttendanceMode", "MixedEventAttendanceMode") and not place:
        yield f"no Place, though eventAttendanceMode is {mode}"


def virtual_url_elsewhere(item: Item) -> Iterator[str]:
    page = item.page
    for location in nodes_of(item.get("location")):
        if "VirtualLocation" in types_of(location):
            url = text_of(location.get("url"))
            if url and page.site.file_for(page.absolute(url)) == page.path:
                yield f"VirtualLocation url {url} is this page"


def embed_or_content(item: Item) -> Iterator[str]:
    if not (text_of(item.get("embedUrl")) or text_of(item.get("contentUrl"))):
        yield "neither embedUrl nor contentUrl"


def duration(item: Item) -> Iterator[str]:
    value = text_of(item.get("duration"))
    if not value:
        yield "no duration"
    elif not ISO_DURATION.match(value):
        yield f"duration {value!r} is not an ISO 8601 duration (PT1H2M3S)"


def offset(key: str, *, needed: bool = True) -> Test:
    def test(item: Item) -> Iterator[str]:
        value = item.get(key)
        if value is None or value == "":
            if needed:
                yield f"no {key}"
            return
        try:
            seconds = float(text_of(value))
        except ValueError:
            seconds = -1
        if seconds < 0:
            yield f"{key} {value!r} is not a number of seconds"
    return test


def absolute_url(key: str) -> Test:
    def test(item: Item) -> Iterator[str]:
        value = text_of(item.get(key))
        if not value:
            yield f"no {key}"
        elif not is_absolute(value):
            yield f"{key} {value!r} is not an absolute URL"
    return test


def main_entity(item: Item) -> Iterator[str]:
    entity = item.get("mainEntity")
    if not isinstance(entity, dict):
        yield "no mainEntity"
    elif not types_of(entity) & {"Person", "Organization"}:
        yield f"mainEntity is a {'/'.join(sorted(types_of(entity))) or 'node without @type'}, " \
            "not a Person or Organization"


def of_entity(key: str, test: Test) -> Test:
    """A rule about a profile page's person, run on its ``mainEntity``."""
    def on_entity(item: Item) -> Iterator[str]:
        entity = item.get("mainEntity")
        if isinstance(entity, dict):
            for problem in test(Item(entity, item.page)):
                yield f"mainEntity: {problem}"
    return on_entity


def profile_page_missing(subject: Structured) -> Iterator[str]:
    og_type = next((value for key, value in subject.page.head_meta if key == "og:type"), "")
    if og_type.strip() == "profile" and not subject.profiles:
        yield "og:type is profile, but there is no ProfilePage"


def parse_errors(subject: Structured) -> Iterator[str]:
    yield from subject.errors


def _rule(rule_id: str, level: Level, reader: Reader, subject: str, why: str,
          test: Test) -> Rule:
    return Rule(rule_id, level, reader, subject, why, test)


RULES: tuple[Rule, ...] = (
    _rule("jsonld.parse", REQUIRED, JSONLD, "page",
          "A JSON-LD script that does not parse is ignored whole: none of its items is read.",
          parse_errors),
    # Google Search: Event
    _rule("event.name", REQUIRED, EVENT, "Event",
          "Google shows no event result without the event's name.", present("name")),
    _rule("event.startDate", REQUIRED, EVENT, "Event",
          "Google shows no event result without an ISO 8601 start.", date("startDate")),
    _rule("event.location", REQUIRED, EVENT, "Event",
          "Google needs a Place with an address or a VirtualLocation with a url, matching "
          "eventAttendanceMode, to show where the event is.", event_location),
    _rule("event.location.url", REQUIRED, EVENT, "Event",
          "Google shows a VirtualLocation's url as where people join; the report is not that.",
          virtual_url_elsewhere),
    _rule("event.description", RECOMMENDED, EVENT, "Event",
          "Google shows the description under the event.", present("description")),
    _rule("event.endDate", RECOMMENDED, EVENT, "Event",
          "Without endDate Google shows no end time or duration.",
          date("endDate")),
    _rule("event.eventStatus", RECOMMENDED, EVENT, "Event",
          "Google marks cancelled, postponed and moved-online events from eventStatus.",
          one_of("eventStatus", EVENT_STATUS)),
    _rule("event.eventAttendanceMode", RECOMMENDED, EVENT, "Event",
          "Google tells online, in-person and hybrid events apart by eventAttendanceMode.",
          one_of("eventAttendanceMode", ATTENDANCE)),
    _rule("event.image", RECOMMENDED, EVENT, "Event",
          "Google shows the event's image in its result.", present("image")),
    _rule("event.offers", RECOMMENDED, EVENT, "Event",
          "Google shows tickets (price, availability, where to get them) from offers.",
          present("offers")),
    _rule("event.organizer", RECOMMENDED, EVENT, "Event",
          "Google shows who runs the event from organizer (with its name and url).",
          named("organizer")),
    _rule("event.performer", RECOMMENDED, EVENT, "Event",
          "Google shows who performs or speaks from the event's performer.",
          named("performer")),
    # Google Search: Video
    _rule("video.name", REQUIRED, VIDEO, "VideoObject",
          "Google shows no video result without the video's title.", present("name")),
    _rule("video.thumbnailUrl", REQUIRED, VIDEO, "VideoObject",
          "Google shows no video result without a thumbnail.", present("thumbnailUrl")),
    _rule("video.uploadDate", REQUIRED, VIDEO, "VideoObject",
          "Google shows no video result without the date the video was published.",
          date("uploadDate")),
    _rule("video.description", RECOMMENDED, VIDEO, "VideoObject",
          "Google shows the description with the video.", present("description")),
    _rule("video.duration", RECOMMENDED, VIDEO, "VideoObject",
          "Google shows the video's length from duration.", duration),
    _rule("video.embedUrl", RECOMMENDED, VIDEO, "VideoObject",
          "Google fetches the video (key moments, previews) from embedUrl or contentUrl.",
          embed_or_content),
    _rule("clip.name", REQUIRED, VIDEO, "Clip",
          "Google shows no key moment without the clip's name.", present("name")),
    _rule("clip.startOffset", REQUIRED, VIDEO, "Clip",
          "Google links a key moment to its start, in seconds from the video's start.",
          offset("startOffset")),
    _rule("clip.url", REQUIRED, VIDEO, "Clip",
          "Google links a key moment to the clip's absolute url (the video with its start time).",
          absolute_url("url")),
    _rule("clip.endOffset", RECOMMENDED, VIDEO, "Clip",
          "Google shows where a key moment ends from endOffset.",
          offset("endOffset")),
    # Google Search: Profile page
    _rule("profile.mainEntity", REQUIRED, PROFILE, "ProfilePage",
          "Google reads a profile page only with a Person or Organization as its mainEntity.",
          main_entity),
    _rule("profile.name", REQUIRED, PROFILE, "ProfilePage",
          "Google shows no profile without the person's name.",
          of_entity("name", present("name"))),
    _rule("profile.alternateName", RECOMMENDED, PROFILE, "ProfilePage",
          "Google matches a person's other names (handles, romanised names) from alternateName.",
          of_entity("alternateName", present("alternateName"))),
    _rule("profile.description", RECOMMENDED, PROFILE, "ProfilePage",
          "Google shows the person's description (the bio) with the profile.",
          of_entity("description", present("description"))),
    _rule("profile.image", RECOMMENDED, PROFILE, "ProfilePage",
          "Google shows the person's image with the profile.",
          of_entity("image", present("image"))),
    _rule("profile.sameAs", RECOMMENDED, PROFILE, "ProfilePage",
          "Google links the person's other profiles (X, GitHub, a homepage) from sameAs.",
          of_entity("sameAs", present("sameAs"))),
    _rule("profile.page", RECOMMENDED, PROFILE, "page",
          "A person's page (og:type profile) without ProfilePage data is no profile to Google.",
          profile_page_missing),
)


# -- reading a page -------------------------------------------------------------------------


@dataclass
class Structured:
    """What Google reads of one page's JSON-LD."""

    page: Page
    errors: list[str] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)
    videos: list[Item] = field(default_factory=list)
    #: (clip, the video it is part of)
    clips: list[tuple[Item, Item]] = field(default_factory=list)
    profiles: list[Item] = field(default_factory=list)
    #: (where, URL) of every link in the JSON-LD
    links: list[tuple[str, str]] = field(default_factory=list)


def read(page: Page) -> Structured:
    from extruct.jsonld import JsonLdExtractor

    found = Structured(page)
    extractor = JsonLdExtractor()
    top: list[Any] = []
    for number, script in enumerate(
            page.tree.xpath('//script[@type="application/ld+json"]'), 1):
        try:
            top.extend(extractor.extract_items(script))
        except ValueError as error:
            found.errors.append(f"JSON-LD script {number}: {error}")
    for node in _top_level(top):
        kinds = types_of(node)
        if kinds & EVENT_TYPES:
            found.events.append(Item(node, page))
        if "ProfilePage" in kinds:
            found.profiles.append(Item(node, page))
    for node in _walk(top):
        if "VideoObject" in types_of(node):
            video = Item(node, page)
            found.videos.append(video)
            found.clips += [(Item(part, page), video) for part in nodes_of(node.get("hasPart"))
                            if "Clip" in types_of(part)]
        for key in LINK_KEYS & node.keys():
            found.links += [(f"JSON-LD {key}", value) for value in nodes_of(node[key])
                            if isinstance(value, str)]
    return found


def _top_level(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for node in items:
        if isinstance(node, dict):
            yield node
            yield from _top_level(nodes_of(node.get("@graph")))


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _label(kind: str, item: Item) -> str:
    name = text_of(item.get("name"))
    return f"{kind} “{name}”" if name else kind


def findings(page: Page, structured: Structured) -> Iterator[Finding]:
    yield from check(RULES, "page", structured, page.path)
    for event in structured.events:
        yield from check(RULES, "Event", event, page.path, _label("Event", event))
    for video in structured.videos:
        yield from check(RULES, "VideoObject", video, page.path, _label("VideoObject", video))
    for clip, video in structured.clips:
        yield from check(RULES, "Clip", clip, page.path,
                         f"{_label('Clip', clip)} of {_label('VideoObject', video)}")
    for profile in structured.profiles:
        yield from check(RULES, "ProfilePage", profile, page.path,
                         _label("ProfilePage", profile))
