"""An event card's "add to calendar" links, and the event's place as calendars show it.

The archive's ``events.ics`` (``exports/calendar.py``) and Google Calendar's
form take the same times (:func:`~sphinx_eventarchive.core.dates.span`) and the
same place line, so an event reads the same in either.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from sphinx_eventarchive.core.dates import span
from sphinx_eventarchive.doc.labels import format_label

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.view import ArchiveEvent
    from sphinx_eventarchive.site import Site

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"


def _google_time(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    return value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo is not None else "")


def add_to_calendar(site: Site, event_id: str) -> dict[str, str]:
    """What an "add to calendar" link on an event's card needs; empty without a usable date.

    ``google``: Google Calendar's "new event" form filled in (name, times,
    place, the page's URL), a plain link that works without any script;
    ``ics``: the archive's one calendar, ``events.ics``, which holds the event
    under its stable UID, for every other calendar app.
    """
    entry = site.archive.events.get(event_id)
    times = span(entry.event.date, entry.event.end) if entry else None
    if entry is None or times is None:
        return {}
    start, end = times
    links: dict[str, str] = {}
    try:
        if isinstance(end, dt.timedelta):
            end = start + end
        finish = end if end is not None else start
        dates = f"{_google_time(start)}/{_google_time(finish)}"
    except (OverflowError, ValueError):
        dates = ""  # a placeholder date at the edge of the calendar (9999-12-31)
    if dates:
        details = site.page_url(entry.event.docname, entry.event.anchor)
        query = {"action": "TEMPLATE", "text": entry.event.name, "dates": dates,
                 "details": details, "location": location(entry)}
        links["google"] = f"{GOOGLE_CALENDAR}?{urlencode(query, quote_via=quote)}"
    if site.config.eventarchive_ics:
        links["ics"] = site.file_url("events.ics")
    return links


def location(entry: ArchiveEvent) -> str:
    event = entry.event
    place = ", ".join(part for part in (event.venue, event.location) if part)
    if not place and event.format == "online":
        place = format_label("online")
    return place
