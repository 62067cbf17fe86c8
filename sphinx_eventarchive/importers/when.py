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
    zones, and the directives ask for one (SPEC §2), so such a moment is
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
