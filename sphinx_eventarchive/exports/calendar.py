"""``events.ics``: one VEVENT per event (RFC 5545), written with :mod:`icalendar`.

Choices the contract leaves open:

* Date-times with an offset are written in UTC (``…Z``). Records keep a fixed
  offset, not a zone name, so a ``TZID`` would need a made-up VTIMEZONE that
  calendars handle poorly; UTC is exact and every client shows it in the
  reader's own zone. A date-time without an offset stays floating (the same
  wall-clock time everywhere), which is what was written.
* Bare dates are all-day events: ``VALUE=DATE`` with ``DTEND`` the day after
  the last day (RFC 5545 ends are exclusive).
* ``UID`` is ``<event id>@<host of the base URL>``: stable across builds and
  across Read the Docs versions of one project (``/ja/latest/`` and
  ``/ja/stable/`` share it), so a calendar subscribed to either sees one event.
* ``DTSTAMP`` is the newest publication date of the event's write-ups, else
  the event's start: derived from the sources only, never from the clock or
  file times, so an unchanged archive gives a byte-identical file even in a
  fresh checkout.
* ``DESCRIPTION`` ends with the page's URL: several calendar apps ignore ``URL``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode, urlsplit

from sphinx_eventarchive import GENERATOR, __version__
from sphinx_eventarchive.archive.view import ArchiveEvent
from sphinx_eventarchive.core.dates import (
    DateError,
    When,
    day_of,
    instant,
    is_before,
    parse_when,
    utc,
)
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.labels import format_label

#: An event's :status: as VEVENT STATUS (RFC 5545 3.8.1.11).
CALENDAR_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE",
                   "rescheduled": "CONFIRMED", "moved-online": "CONFIRMED"}

PRODID = f"-//{GENERATOR}//{GENERATOR} {__version__}//EN"
_DAY = dt.timedelta(days=1)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_FIRST = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
_LAST = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
# What may stay as it is in a URI; everything else (Japanese slugs) is percent-encoded.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"

def uri(url: str) -> str:
    """An IRI as the URI the URL property requires."""
    return quote(url, safe=_URI_SAFE)


def _parse(text: str) -> When | None:
    try:
        return parse_when(text) if text else None
    except DateError:
        return None


def span(date: str, end: str) -> tuple[When, When | dt.timedelta | None] | None:
    """DTSTART and DTEND (or a DURATION) of an event, or None when it has no usable date.

    An end before the start is dropped (:func:`is_before`, the directive warned).
    A DURATION stands in for a DTEND that Python cannot write, beyond
    9999-12-31 (the all-day end after a ``9999-12-31`` placeholder) or beyond
    year 1 in UTC; a start whose UTC form is out of range is written as the
    floating time it was written as.
    """
    start = _parse(date)
    if start is None:
        return None
    last = _parse(end)
    if last is not None and is_before(last, start):
        last = None
    if not isinstance(start, dt.datetime):
        last_day = start if last is None else day_of(last)
        try:
            return start, last_day + _DAY  # RFC 5545: an all-day end is exclusive
        except OverflowError:
            return start, (last_day - start) + _DAY
    first = utc(start) or start.replace(tzinfo=None)
    if last is None:
        return first, None
    if not isinstance(last, dt.datetime):
        # Ends on a day but started at a time: it runs to the end of that day.
        length = dt.datetime.combine(last, dt.time(), start.tzinfo) - start + _DAY
    else:
        if (last.tzinfo is None) != (start.tzinfo is None):
            # One without an offset: the wall-clock times as written, in the start's offset.
            last = last.replace(tzinfo=start.tzinfo)
        length = last - start
    if length <= dt.timedelta(0):
        return first, None
    if first.tzinfo is None and start.tzinfo is not None:
        return first, length  # a floating start: an end in UTC would not match it
    try:
        closing = start + length
    except OverflowError:
        return first, length
    return first, utc(closing) or length


def uid(site: Site, event_id: str) -> str:
    host = urlsplit(site.base).hostname if site.base else ""
    return f"{event_id}@{host or id_slug(site.name or 'archive') + '.invalid'}"


def stamp(site: Site, entry: ArchiveEvent) -> dt.datetime:
    reports = [site.archive.reports.get(w.docname) for w in entry.writeups]
    moments = [instant(report.date) for report in reports if report and report.date]
    found = [m for m in moments if m is not None]
    moment = (max(found) if found else instant(entry.event.date)) or EPOCH
    # DTSTAMP must be UTC: beyond Python's range, the nearest instant it can write.
    return utc(moment) or (_FIRST if moment.year == 1 else _LAST)


def location(entry: ArchiveEvent) -> str:
    event = entry.event
    place = ", ".join(part for part in (event.venue, event.location) if part)
    if not place and event.format == "online":
        place = format_label("online")
    return place


def render(site: Site) -> bytes:
    import icalendar  # here, not at import: a build that writes no calendar skips its 30 ms

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if site.name:
        calendar.add("x-wr-calname", site.name)
    # Oldest first, like a calendar reads; ties by id so the order never wobbles.
    for event_id in reversed(site.archive.events_newest_first()):
        entry = site.archive.events[event_id]
        event = entry.event
        times = span(event.date, event.end)
        if times is None:
            continue  # the directive already warned about the missing date
        url = site.page_url(event.docname, event.anchor)
        vevent = icalendar.Event()
        vevent.add("uid", uid(site, event_id))
        vevent.add("dtstamp", stamp(site, entry))
        vevent.add("dtstart", times[0])
        if isinstance(times[1], dt.timedelta):
            vevent.add("duration", times[1])
        elif times[1] is not None:
            vevent.add("dtend", times[1])
        vevent.add("summary", event.name)
        if event.status:  # RFC 5545 has no "postponed": a date no longer certain is tentative
            vevent.add("status", CALENDAR_STATUS[event.status])
        vevent.add("url", uri(url))
        place = location(entry)
        if place:
            vevent.add("location", place)
        description = event.description
        if site.base:
            description = f"{description}\n\n{url}" if description else url
        if description:
            vevent.add("description", description)
        if event.tags:
            vevent.add("categories", list(event.tags))
        calendar.add_component(vevent)
    return calendar.to_ical()


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
