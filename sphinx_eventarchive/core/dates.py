"""Dates as users write them, and as readers read them in the page's language.

Any date Python can hold is a date users may write (``9999-12-31`` is a common
placeholder, ``0001-01-01`` another), so nothing here steps outside years
1–9999: instants are compared without converting them (:func:`is_before`),
and a conversion to UTC that would leave that range says so (:func:`utc`)
instead of raising.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, format_time

if TYPE_CHECKING:
    from sphinx_eventarchive.core.records import Event

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


When = dt.date | dt.datetime


def _when(value: str | When) -> When | None:
    if not isinstance(value, str):
        return value
    try:
        return parse_when(value) if value else None
    except DateError:
        return None


def day_of(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def is_before(end: str | When, start: str | When) -> bool:
    """Whether an end lies before its start: the one rule for "an end before its start".

    Two date-times with offsets compare as instants (``11:00+01:00`` is after
    ``19:00+09:00`` that day); a date-time without an offset against one with
    an offset compares the times as written; a bare date compares by day, since
    it stands for the whole day. An end equal to its start is not before it. A
    value that cannot be read is before nothing (whoever read it warned).
    """
    first, last = _when(start), _when(end)
    if first is None or last is None:
        return False
    if isinstance(first, dt.datetime) and isinstance(last, dt.datetime):
        if (first.tzinfo is None) != (last.tzinfo is None):
            first, last = first.replace(tzinfo=None), last.replace(tzinfo=None)
        # Aware datetimes compare through their offsets, never by converting: no overflow.
        return last < first
    return day_of(last) < day_of(first)


def usable_end(start: str, end: str) -> str:
    """The end as written, or nothing when it lies before the start (never a negative span)."""
    return "" if is_before(end, start) else end


def utc(moment: dt.datetime) -> dt.datetime | None:
    """The same instant in UTC, or None when that instant is outside the years Python holds.

    ``0001-01-01T00:00+09:00`` is the last day of year 0 in UTC, and
    ``9999-12-31T23:00-09:00`` the first of year 10000: ``astimezone`` raises
    for both. A date-time without an offset (floating) is returned as it is.
    """
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(dt.timezone.utc)
    except OverflowError:
        return None


def sort_key(text: str) -> str:
    """Events sort by the moment as written; a bare date sorts at its start."""
    return text or "0000"


_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(language: str | None) -> str:
    """Sphinx's ``language`` (``zh_CN``, ``sr@latin``) as a BCP 47 tag (``zh-CN``, ``sr``).

    What ``xml:lang``, HTML's ``lang`` and JSON consumers expect; Sphinx writes
    ``<html lang>`` the same way. Something no tag can be made of is ``und``.
    """
    tag = (language or "en").partition("@")[0].replace("_", "-").strip("-")
    return tag if _TAG.fullmatch(tag) else "und"


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# Where a range may break: after its separator, never inside a date or a time.
_RANGE_SEPARATORS = ("\u2009–\u2009", " – ", "～", "〜", "–", "至", " - ")


def _day(day: dt.date, locale: Locale) -> str:
    # With the weekday, as connpass writes it: 2024年4月19日(金); Fri, Apr 19, 2024.
    return format_skeleton("yMMMEd", day, locale=locale)


def _split_range(text: str) -> tuple[str, ...]:
    for separator in _RANGE_SEPARATORS:
        first, found, rest = text.partition(separator)
        if found and first and rest:
            return first + found, rest
    return (text,)


@functools.lru_cache(maxsize=4096)  # many sessions share an event's date
def range_parts(start: str, end: str = "", language: str | None = None) -> tuple[str, ...]:
    """A date range as the pieces a line may break between (never inside one).

    ``2024-04-19T19:00+09:00``–``21:30`` in ``ja`` is ``("2024年4月19日(金)",
    "19:00～21:30")``; readers see the pieces joined by :func:`format_range`.
    Times are shown as written (in the event's own offset): a Tokyo meetup
    started at 19:00 for everyone who was there.
    """
    locale = _locale(language)
    first = parse_when(start)
    last = parse_when(end) if end else None
    if last is not None and is_before(last, first):
        last = None  # the directive warned; a range never runs backwards
    if (isinstance(first, dt.datetime) and isinstance(last, dt.datetime)
            and first.tzinfo is not None and last.tzinfo is not None
            and first.utcoffset() != last.utcoffset()):
        # One clock for the range: the end on the start's, as those who were there read it.
        with contextlib.suppress(OverflowError):
            last = last.astimezone(first.tzinfo)
    first_day = first.date() if isinstance(first, dt.datetime) else first
    if last is None:
        if isinstance(first, dt.datetime):
            return (_day(first_day, locale),
                    format_time(first.replace(tzinfo=None), "short", locale=locale))
        return (_day(first_day, locale),)
    last_day = last.date() if isinstance(last, dt.datetime) else last
    if isinstance(first, dt.datetime) and isinstance(last, dt.datetime) and first_day == last_day:
        pattern = locale.interval_formats.get(None, "{0} – {1}")
        times = pattern.format(format_time(first.replace(tzinfo=None), "short", locale=locale),
                               format_time(last.replace(tzinfo=None), "short", locale=locale))
        return _day(first_day, locale), times
    if first_day == last_day:
        return (_day(first_day, locale),)
    return _split_range(format_interval(first_day, last_day, "yMMMEd", locale=locale))


def format_range(start: str, end: str = "", language: str | None = None) -> str:
    """A date range for readers: ``2024年4月19日(金) 19:00～21:30`` in ``ja``."""
    return format_range_parts(range_parts(start, end, language))


def year_of(text: str) -> int:
    return int(text[:4])


def when_text(start: str, end: str, language: str | None) -> str:
    """A date range for readers; a date that cannot be read is shown as written."""
    return format_range_parts(when_parts(start, end, language))


def when_parts(start: str, end: str, language: str | None) -> tuple[str, ...]:
    """:func:`range_parts`, or the date as written when it cannot be read."""
    try:
        return range_parts(start, end, language) if start else ()
    except ValueError:  # a date the directive already warned about
        return (start,)


def format_range_parts(parts: tuple[str, ...]) -> str:
    """The pieces as one text: a range's first piece ends with its separator; a date
    and its time are parted by a space."""
    return "".join((joiner(parts[index - 1]) if index else "") + part
                   for index, part in enumerate(parts))


_ENDS_SEPARATED = frozenset(" \u2009～〜–至-")


def joiner(previous: str) -> str:
    """What comes between a piece of a date range and the next: nothing after a range's
    separator, a space between a date and its time."""
    return "" if previous[-1:] in _ENDS_SEPARATED else " "


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


# -- the build date: what is still to come ------------------------------------------


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The moment this build stands for: ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds), else now. A value that is no whole number of seconds counts as unset."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        with contextlib.suppress(OverflowError, OSError, ValueError):
            return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


@functools.lru_cache(maxsize=64)
def zone(name: str) -> dt.tzinfo:
    """A time zone by its IANA name (``Asia/Tokyo``); UTC for ``""`` or ``UTC``."""
    if not name or name.upper() == "UTC":
        return dt.timezone.utc
    return zoneinfo.ZoneInfo(name)


def zone_problem(name: str) -> str:
    """Why ``name`` is no time zone this machine knows, or ""."""
    try:
        zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "is not a time zone name such as Asia/Tokyo or UTC"
    return ""


def starts_at(text: str, tz: dt.tzinfo) -> dt.datetime | None:
    """The instant an event starts, in UTC: a date or a time without an offset is read
    in the archive's time zone ``tz`` (a meetup on 2024-04-19 starts that day in Tokyo)."""
    value = _when(text)
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return utc(value)


def upcoming_since(text: str, tz: dt.tzinfo, now: dt.datetime) -> str:
    """For an event still to come at ``now``: the UTC instant it starts
    (``2024-04-19T10:00:00Z``), which the reader's browser compares with its own
    clock; "" for one that started (or whose start cannot be read)."""
    start = starts_at(text, tz)
    if start is None or start <= now:
        return ""
    return start.strftime("%Y-%m-%dT%H:%M:%SZ")


_DAY = dt.timedelta(days=1)


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


#: Statuses under which an event is not still to come, whatever its date says.
NOT_TAKING_PLACE = frozenset({"cancelled", "postponed"})


def upcoming(event: Event, tz: dt.tzinfo, now: dt.datetime) -> str:
    """The one rule for "still to come": the UTC instant the event starts, when that is
    after ``now`` and the event is neither cancelled nor postponed; else ""."""
    if event.status in NOT_TAKING_PLACE:
        return ""
    return upcoming_since(event.date, tz, now)


def upcoming_records(events: Mapping[str, Mapping[str, Event]], timezone: str,
                     now: dt.datetime) -> list[tuple[str, str]]:
    """(event id, document) of every write-up of an event still to come at ``now``.

    What the build date changes, for the build state (``archive/state.py``): read
    from the records as written, with no merged archive to build, so a build with
    nothing to read stays cheap. Any change of a merged event's "upcoming" is a
    change of this list.
    """
    tz = zone(timezone)
    return sorted((event_id, docname) for event_id, by_doc in events.items()
                  for docname, event in by_doc.items() if upcoming(event, tz, now))
