"""Which links in a post are the event's official page, and which one talk's page.

Reports link the event where people signed up (connpass, Doorkeeper, TECH
PLAY, Peatix) or where its programme lives (sched, pretalx); a talk is linked
at its page in the programme (pretalx, sched, Sessionize, fortee, or a
conference's own schedule site). ``migrate`` takes the first event page as
the ``event``'s ``:url:`` and each talk page as a ``session``'s.
"""

from __future__ import annotations

import re

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.urls import EmbedError, Url, parse_url

# A conference's own site: a path segment naming the programme, then the talk.
_PROGRAMME_SEGMENTS = frozenset({
    "talk", "talks", "session", "sessions", "proposal", "proposals", "timetable",
    "schedule", "program", "programme", "programs", "presentation", "presentations",
})
_DIGITS = re.compile(r"\d+")


def parse(url: str) -> Url | None:
    try:
        return parse_url(url)
    except EmbedError:
        return None


def _on(url: Url, domain: str) -> bool:
    return url.host == domain or url.host.endswith("." + domain)


def connpass_event_id(url: Url) -> str:
    """The id of the connpass event a URL names (``…connpass.com/event/311665/``), or ""."""
    parts = url.segments
    if _on(url, "connpass.com") and len(parts) >= 2 and parts[0] == "event" \
            and _DIGITS.fullmatch(parts[1]):
        return parts[1]
    return ""


def event_page(url: Url) -> bool:
    """The official page of one event, on a site where people sign up or read the programme."""
    parts = url.segments
    if _on(url, "connpass.com"):
        return bool(connpass_event_id(url)) and len(parts) == 2
    if _on(url, "doorkeeper.jp"):
        return len(parts) == 2 and parts[0] == "events" and bool(_DIGITS.fullmatch(parts[1]))
    if _on(url, "techplay.jp") or _on(url, "peatix.com"):
        return len(parts) == 2 and parts[0] == "event" and bool(_DIGITS.fullmatch(parts[1]))
    if _on(url, "sched.com"):
        return not parts or parts[0] != "event"
    if url.host == "pretalx.com":
        return len(parts) == 1 or (len(parts) == 2 and parts[1] == "schedule")
    return False


def talk_page(url: Url) -> bool:
    """One talk's page in a programme (not a deck or a recording)."""
    if hosts.host_kind(url):
        return False
    parts = url.segments
    if _on(url, "sched.com"):
        return len(parts) >= 2 and parts[0] == "event"
    if _on(url, "sessionize.com"):
        return "session" in parts or (len(parts) >= 3 and parts[0] == "s")
    if _on(url, "connpass.com"):
        return len(parts) >= 3 and connpass_event_id(url) != "" and parts[2] == "presentation"
    # pretalx (``/<event>/talk/<code>/``), fortee (``/<event>/proposal/<id>``), and
    # conference sites (``/cndt2023/talks/2012``, ``/timetable/12``).
    if any(part.lower() in _PROGRAMME_SEGMENTS for part in parts[:-1]):
        return True
    return bool(url.fragment) and any(part.lower() in _PROGRAMME_SEGMENTS for part in parts)


def programme_page(url: Url) -> bool:
    """A talk's page, or a page of an event site, which a list in a talks section may link."""
    return talk_page(url) or event_page(url) or _on(url, "connpass.com") \
        or _on(url, "sessionize.com") or _on(url, "fortee.jp")
