"""schema.org values as a reader of JSON-LD takes them: types, enumerations, text, dates.

What ``structured.py``'s rules and the in-build warnings (``inbuild.py``) both
ask of a JSON-LD node: schema.org names with or without their prefix, a value
that may be a list, a string or a node with ``@value``, an ISO 8601 date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx_eventarchive.check.site import Page

SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
#: Event and its schema.org subtypes; an ``EventSeries`` is not an event Google shows.
EVENT_TYPES = frozenset({
    "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance", "DanceEvent",
    "DeliveryEvent", "EducationEvent", "ExhibitionEvent", "Festival", "FoodEvent", "Hackathon",
    "LiteraryEvent", "MusicEvent", "PublicationEvent", "BroadcastEvent", "OnDemandEvent",
    "SaleEvent", "ScreeningEvent", "SocialEvent", "SportsEvent", "TheaterEvent",
    "VisualArtsEvent",
})
EVENT_STATUS = frozenset({"EventScheduled", "EventCancelled", "EventPostponed",
                          "EventRescheduled", "EventMovedOnline"})
ATTENDANCE = frozenset({"OfflineEventAttendanceMode", "OnlineEventAttendanceMode",
                        "MixedEventAttendanceMode"})
ADDRESS_PARTS = ("streetAddress", "addressLocality", "addressRegion", "postalCode",
                 "addressCountry")
#: JSON-LD keys whose values are URLs a reader follows (checked to resolve when on the site).
LINK_KEYS = frozenset({"url", "@id", "image", "thumbnailUrl", "contentUrl", "embedUrl", "logo"})

ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                       r"(Z|[+-]\d{2}:?\d{2})?)?$", re.IGNORECASE)
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?"
                           r"(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")


@dataclass
class Item:
    """One JSON-LD node and the page it is on."""

    data: dict[str, Any]
    page: Page

    def get(self, key: str) -> Any:
        return self.data.get(key)


def types_of(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    written = node.get("@type")
    names = written if isinstance(written, list) else [written]
    found = set()
    for name in names:
        if isinstance(name, str):
            for prefix in SCHEMA_PREFIXES:
                name = name.removeprefix(prefix)
            found.add(name)
    return found


def enum_name(value: Any) -> str:
    """An enumeration member as its bare name (``https://schema.org/EventScheduled``)."""
    name = text_of(value)
    for prefix in SCHEMA_PREFIXES:
        name = name.removeprefix(prefix)
    return name


def text_of(value: Any) -> str:
    if isinstance(value, list):
        return next((text for text in map(text_of, value) if text), "")
    if isinstance(value, dict):
        return text_of(value.get("@value") or value.get("url") or value.get("@id"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def nodes_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(filled(item) for key, item in value.items() if not key.startswith("@"))
    if isinstance(value, list):
        return any(filled(item) for item in value)
    return bool(text_of(value))


def iso_date(value: Any) -> bool:
    written = text_of(value)
    match = ISO_DATE.match(written)
    if not match:
        return False
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return False
    return True
