"""Dates and times as the directives take them: ISO 8601, with an offset when timed."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DURATION = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")


def parse_datetime(text: object) -> dt.datetime | None:
    """An ISO date-time (``Z`` or an offset allowed), or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    value = text.strip()
    if value.endswith(("Z", "z")):
        # Python 3.10's fromisoformat does not read the ``Z`` suffix.
        value = value[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_date(text: object) -> dt.date | None:
    """The date at the start of ``text`` (a date or a date-time), or None."""
    if not isinstance(text, str):
        return None
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(0))
    except ValueError:
        return None


def format_datetime(moment: dt.datetime) -> str:
    """``2019-09-16T10:00+09:00``: minutes unless the seconds matter.

    A moment without an offset is ambiguous for an archive read across time
    zones, and the directives ask for one (docs/reference/directives.md), so such a moment is
    written as its date only.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def parse_duration(text: object) -> dt.timedelta | None:
    """A frab duration: ``00:30``, ``1:30`` or ``01:30:00``."""
    if not isinstance(text, str):
        return None
    match = _DURATION.fullmatch(text.strip())
    if not match:
        return None
    first, second, third = match.groups()
    if first is None:
        return dt.timedelta(hours=int(second), minutes=int(third))
    return dt.timedelta(hours=int(first), minutes=int(second), seconds=int(third))


# -- a day as a post writes it ---------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = {**{day: n for n, day in enumerate("月火水木金土日")},
             **{day: n for n, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}}
_JA_WEEKDAY = r"(?:\s*[（(]\s*(?P<weekday>[月火水木金土日])(?:曜日?)?\s*[)）])"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_EN_WEEKDAY = r"(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
_DAYS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<day>\d{1,2})"
               rf"(?!\d){_JA_WEEKDAY}?"),
    re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
               rf"{_JA_WEEKDAY}?"),
    re.compile(r"(?<![\d/.])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日" rf"{_JA_WEEKDAY}?"),
    # 4/19 alone could be a fraction or a score: only with its day of the week.
    re.compile(r"(?<![\d/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])" rf"{_JA_WEEKDAY}"),
    re.compile(rf"\b{_EN_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
               r"(?:,?\s+(?P<year>\d{4})\b)?", re.IGNORECASE),
    re.compile(rf"\b{_EN_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}"
               r"(?:,?\s+(?P<year>\d{4})\b)?", re.IGNORECASE),
)
#: Words saying a sentence is about when the event took place.
HELD = re.compile(r"開催|行われ|実施|held|took place|hosted", re.IGNORECASE)


def day_in_prose(text: str, published: dt.date | None) -> dt.date | None:
    """The first day ``text`` names, as a date, or None when it cannot be read for sure.

    A day written without its year (「4/19(金)」, "April 19") is the last such
    day on or before ``published`` (a report follows its event), and a day of
    the week written beside a day must agree with it.
    """
    found = [match for pattern in _DAYS if (match := pattern.search(text))]
    if not found:
        return None
    match = min(found, key=lambda match: match.start())
    parts = match.groupdict()
    month_text = parts["month"].lower()
    month = _MONTHS.index(month_text[:3]) + 1 if month_text[:3] in _MONTHS else int(month_text)
    day = int(parts["day"])
    try:
        if parts.get("year"):
            when = dt.date(int(parts["year"]), month, day)
        elif published is None:
            return None
        else:
            when = dt.date(published.year, month, day)
            if when > published:
                when = dt.date(published.year - 1, month, day)
    except ValueError:
        return None
    weekday = parts.get("weekday")
    if weekday and _WEEKDAYS[weekday.lower()[:3] if weekday.isascii() else weekday] \
            != when.weekday():
        return None
    return when
