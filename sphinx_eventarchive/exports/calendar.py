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
from urllib.parse import quote, urlsplit

from sphinx_eventarchive.archive.view import ArchiveEvent
from sphinx_eventarchive.core.dates import span, utc
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.core.version import GENERATOR
from sphinx_eventarchive.core.version import VERSION as __version__
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.calendarlinks import location

#: An event's :status: as VEVENT STATUS (RFC 5545 3.8.1.11).
CALENDAR_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE",
                   "rescheduled": "CONFIRMED", "moved-online": "CONFIRMED"}

PRODID = f"-//{GENERATOR}//{GENERATOR} {__version__}//EN"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_FIRST = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
_LAST = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
# What may stay as it is in a URI; everything else (Japanese slugs) is percent-encoded.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"

def uri(url: str) -> str:
    """An IRI as the URI the URL property requires."""
    return quote(url, safe=_URI_SAFE)


def uid(site: Site, event_id: str) -> str:
    host = urlsplit(site.base).hostname if site.base else ""
    return f"{event_id}@{host or id_slug(site.name or 'archive') + '.invalid'}"


def stamp(site: Site, entry: ArchiveEvent) -> dt.datetime:
    reports = [site.archive.reports.get(w.docname) for w in entry.writeups]
    found = [report.moment for report in reports if report and report.moment is not None]
    moment = (max(found) if found else entry.event.moment) or EPOCH
    # DTSTAMP must be UTC: beyond Python's range, the nearest instant it can write.
    return utc(moment) or (_FIRST if moment.year == 1 else _LAST)


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
