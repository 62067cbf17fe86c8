"""Dates as users write them, and as readers read them in the page's language."""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_time

# ISO 8601 dates and date-times, with or without seconds and offset, plus the
# Jekyll form ``2024-05-06 12:00:00 +0000`` that blog front matter carries.
_WHEN = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})
        (?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)
           \s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$""",
    re.VERBOSE,
)


class DateError(ValueError):
    pass


def parse_when(value: object) -> dt.date | dt.datetime:
    """Parse a date or date-time; YAML may already have made it a date."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    match = _WHEN.match(text)
    if not match:
        raise DateError(f"{text!r} is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00)")
    try:
        day = dt.date.fromisoformat(match["date"])
        if not match["time"]:
            return day
        clock = dt.time.fromisoformat(match["time"])
    except ValueError as error:
        raise DateError(f"{text!r} is not a real date: {error}") from None
    tzinfo = None
    if tz := match["tz"]:
        if tz == "Z":
            tzinfo = dt.timezone.utc
        else:
            digits = tz[1:].replace(":", "")
            delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if delta >= dt.timedelta(hours=24):
                raise DateError(f"{text!r} has an impossible offset")
            tzinfo = dt.timezone(-delta if tz[0] == "-" else delta)
    return dt.datetime.combine(day, clock, tzinfo)


def iso(value: dt.date | dt.datetime) -> str:
    """Canonical ISO text: what records keep (strings pickle small and compare simply)."""
    if isinstance(value, dt.datetime):
        text = value.isoformat(timespec="minutes" if not value.second else "seconds")
        return text.replace("+00:00", "Z") if value.tzinfo == dt.timezone.utc else text
    return value.isoformat()


def sort_key(text: str) -> str:
    """Events sort by the moment as written; a bare date sorts at its start."""
    return text or "0000"


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@functools.lru_cache(maxsize=4096)  # many sessions share an event's date
def format_range(start: str, end: str = "", language: str | None = None) -> str:
    """``2024-04-19T19:00+09:00``–``21:30`` as ``2024年4月19日 19:00～21:30`` in ``ja``.

    Times are shown as written (in the event's own offset): a Tokyo meetup
    started at 19:00 for everyone who was there.
    """
    locale = _locale(language)
    first = parse_when(start)
    last = parse_when(end) if end else None
    first_day = first.date() if isinstance(first, dt.datetime) else first
    if last is None:
        text = format_date(first_day, "long", locale=locale)
        if isinstance(first, dt.datetime):
            text += " " + format_time(first.replace(tzinfo=None), "short", locale=locale)
        return text
    last_day = last.date() if isinstance(last, dt.datetime) else last
    if isinstance(first, dt.datetime) and isinstance(last, dt.datetime) and first_day == last_day:
        pattern = locale.interval_formats.get(None, "{0} – {1}")
        times = pattern.format(format_time(first.replace(tzinfo=None), "short", locale=locale),
                               format_time(last.replace(tzinfo=None), "short", locale=locale))
        return format_date(first_day, "long", locale=locale) + " " + times
    if first_day == last_day:
        return format_date(first_day, "long", locale=locale)
    return format_interval(first_day, last_day, "yMMMd", locale=locale)


def year_of(text: str) -> int:
    return int(text[:4])


def when_text(start: str, end: str, language: str | None) -> str:
    """A date range for readers; a date that cannot be read is shown as written."""
    try:
        return format_range(start, end, language) if start else ""
    except ValueError:  # a date the directive already warned about
        return start


def instant(text: str) -> dt.datetime | None:
    """A moment to sort and stamp by: a bare date is its midnight, no offset means UTC."""
    if not text:
        return None
    try:
        value = parse_when(text)
    except DateError:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), dt.timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value
