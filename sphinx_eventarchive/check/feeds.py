"""Atom feeds against RFC 4287 and calendars against RFC 5545.

A feed is any ``.xml``/``.atom`` file of the build in the Atom namespace; it is
read twice, as XML (lxml, no network, no entities) for the elements RFC 4287
requires, and as feed readers read it (feedparser, whose ``bozo`` flag is
what a reader stumbles on). A calendar is any ``.ics`` file, read with
icalendar for its components and as raw lines for CRLF and folding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    from sphinx_eventarchive.check.site import Site

ATOM = Reader("RFC 4287: Atom", "https://www.rfc-editor.org/rfc/rfc4287")
ICALENDAR = Reader("RFC 5545: iCalendar", "https://www.rfc-editor.org/rfc/rfc5545")
NS = "http://www.w3.org/2005/Atom"
_A = f"{{{NS}}}"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
                      re.IGNORECASE)
#: RFC 5545 3.1: a content line is folded before it is longer than this, CRLF excluded.
LINE_OCTETS = 75


# -- Atom -----------------------------------------------------------------------------------


@dataclass
class Feed:
    path: str
    root: Any = None
    errors: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Any]:
        return [] if self.root is None else self.root.findall(f"{_A}entry")


@dataclass
class Entry:
    element: Any
    feed: Feed


def _children(element: Any, name: str) -> list[Any]:
    return [] if element is None else element.findall(f"{_A}{name}")


def _element(subject: Feed | Entry) -> Any:
    return subject.root if isinstance(subject, Feed) else subject.element


def exactly_one(name: str, check_text: Any = None, what: str = "") -> Test:
    """RFC 4287: the element appears once, with text (that passes ``check_text``)."""
    def test(subject: Feed | Entry) -> Iterator[str]:
        element = _element(subject)
        if element is None:
            return
        found = _children(element, name)
        if not found:
            yield f"no atom:{name}"
        elif len(found) > 1:
            yield f"{len(found)} atom:{name} elements"
        else:
            text = (found[0].text or "").strip()
            if not text and not len(found[0]):
                yield f"an empty atom:{name}"
            elif check_text is not None and not check_text(text):
                yield f"atom:{name} {text!r} is not {what}"
    return test


def feed_author(feed: Feed) -> Iterator[str]:
    if feed.root is None:
        return
    def named(element: Any) -> bool:
        return any((name.text or "").strip()
                   for author in _children(element, "author") for name in _children(author, "name"))
    if not named(feed.root) and not all(named(entry) for entry in feed.entries):
        yield "no atom:author with a name on the feed, nor on every entry"


def self_link(feed: Feed) -> Iterator[str]:
    if feed.root is not None and not any(link.get("rel") == "self"
                                         for link in _children(feed.root, "link")):
        yield "no atom:link rel=\"self\""


def entry_link(entry: Entry) -> Iterator[str]:
    alternates = [link.get("href") or "" for link in _children(entry.element, "link")
                  if link.get("rel", "alternate") == "alternate"]
    if not alternates:
        yield "no atom:link rel=\"alternate\""
    for href in alternates:
        if not is_absolute(href):
            yield f"alternate link {href!r} is not absolute"


def unique_entry_ids(feed: Feed) -> Iterator[str]:
    ids = Counter((element.text or "").strip() for entry in feed.entries
                  for element in _children(entry, "id"))
    for entry_id, count in ids.items():
        if entry_id and count > 1:
            yield f"{count} entries share the id {entry_id}"


def parse_errors(subject: Feed | Calendar) -> Iterator[str]:
    yield from subject.errors


def _rule(rule_id: str, level: Level, reader: Reader, subject: str, why: str,
          test: Test) -> Rule:
    return Rule(rule_id, level, reader, subject, why, test)


def _rfc3339(text: str) -> bool:
    return bool(_RFC3339.match(text))


def _iri(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", text))


# -- iCalendar ------------------------------------------------------------------------------


@dataclass
class Calendar:
    path: str
    data: bytes
    calendar: Any = None
    errors: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[Any]:
        return [] if self.calendar is None else list(self.calendar.walk("VEVENT"))


@dataclass
class VEvent:
    component: Any
    calendar: Calendar


def lines(calendar: Calendar) -> Iterator[str]:
    if not calendar.data:
        return
    physical = calendar.data.split(b"\r\n")
    if physical[-1] != b"":
        yield "the last line does not end with CRLF"
    bare = sum(line.count(b"\n") for line in physical)
    if bare:
        yield f"{bare} lines end with LF alone, not CRLF"
    long = [number for number, line in enumerate(physical, 1) if len(line) > LINE_OCTETS]
    if long:
        yield f"{len(long)} lines longer than {LINE_OCTETS} octets (first: line {long[0]})"


def calendar_property(name: str, value: str = "") -> Test:
    def test(calendar: Calendar) -> Iterator[str]:
        if calendar.calendar is None:
            return
        found = calendar.calendar.get(name)
        if found is None:
            yield f"no {name}"
        elif value and str(found) != value:
            yield f"{name} is {str(found)!r}, not {value}"
    return test


def event_property(name: str) -> Test:
    def test(event: VEvent) -> Iterator[str]:
        if event.component.get(name) is None:
            yield f"no {name}"
    return test


def unique_uids(calendar: Calendar) -> Iterator[str]:
    uids = Counter(str(event.get("UID")) for event in calendar.events if event.get("UID"))
    for uid, count in uids.items():
        if count > 1:
            yield f"{count} VEVENTs share the UID {uid}"


RULES: tuple[Rule, ...] = (
    _rule("atom.parse", REQUIRED, ATOM, "Atom feed",
          "A feed that is not well-formed XML is dropped whole by feed readers.", parse_errors),
    _rule("atom.feed.id", REQUIRED, ATOM, "Atom feed",
          "RFC 4287: a feed has one atom:id, a permanent IRI readers know it by.",
          exactly_one("id", _iri, "an IRI")),
    _rule("atom.feed.title", REQUIRED, ATOM, "Atom feed",
          "RFC 4287: a feed has one atom:title, the name readers list it under.",
          exactly_one("title")),
    _rule("atom.feed.updated", REQUIRED, ATOM, "Atom feed",
          "RFC 4287: a feed has one atom:updated (RFC 3339); readers poll and sort by it.",
          exactly_one("updated", _rfc3339, "an RFC 3339 date-time")),
    _rule("atom.feed.author", REQUIRED, ATOM, "Atom feed",
          "RFC 4287: a feed names an author, unless every entry does.", feed_author),
    _rule("atom.feed.self", RECOMMENDED, ATOM, "Atom feed",
          "RFC 4287 advises a rel=\"self\" link: the URL a reader subscribes to.", self_link),
    _rule("atom.entry.id", REQUIRED, ATOM, "Atom entry",
          "RFC 4287: an entry has one atom:id, unique and permanent; readers show a "
          "changed id as a new entry and drop a repeated one.",
          exactly_one("id", _iri, "an IRI")),
    _rule("atom.entry.title", REQUIRED, ATOM, "Atom entry",
          "RFC 4287: an entry has one atom:title.", exactly_one("title")),
    _rule("atom.entry.updated", REQUIRED, ATOM, "Atom entry",
          "RFC 4287: an entry has one atom:updated (RFC 3339); readers order entries by it.",
          exactly_one("updated", _rfc3339, "an RFC 3339 date-time")),
    _rule("atom.entry.link", REQUIRED, ATOM, "Atom entry",
          "Readers open an entry at its rel=\"alternate\" link, which must be absolute to work "
          "outside the site (RFC 4287 requires it of an entry without content).", entry_link),
    _rule("atom.entry.unique", REQUIRED, ATOM, "Atom feed",
          "Two entries with one atom:id are one entry to a reader: one of them disappears.",
          unique_entry_ids),
    _rule("ics.parse", REQUIRED, ICALENDAR, "calendar",
          "A calendar that does not parse as VCALENDAR is refused by calendar applications.",
          parse_errors),
    _rule("ics.lines", REQUIRED, ICALENDAR, "calendar",
          "RFC 5545: lines end with CRLF and are folded at 75 octets; strict clients refuse "
          "others.", lines),
    _rule("ics.version", REQUIRED, ICALENDAR, "calendar",
          "RFC 5545: VERSION:2.0 says which iCalendar the file is.",
          calendar_property("VERSION", "2.0")),
    _rule("ics.prodid", REQUIRED, ICALENDAR, "calendar",
          "RFC 5545: PRODID names the product that wrote the calendar.",
          calendar_property("PRODID")),
    _rule("ics.event.uid", REQUIRED, ICALENDAR, "VEVENT",
          "RFC 5545: a VEVENT's UID is how a subscribed calendar updates it instead of "
          "adding it again.", event_property("UID")),
    _rule("ics.uid.unique", REQUIRED, ICALENDAR, "calendar",
          "Two events with one UID are one event to a calendar: one of them disappears.",
          unique_uids),
    _rule("ics.event.dtstamp", REQUIRED, ICALENDAR, "VEVENT",
          "RFC 5545: a VEVENT has a DTSTAMP.", event_property("DTSTAMP")),
    _rule("ics.event.dtstart", REQUIRED, ICALENDAR, "VEVENT",
          "RFC 5545: a VEVENT without DTSTART (in a calendar without METHOD) has no time "
          "to show.", event_property("DTSTART")),
)


# -- reading --------------------------------------------------------------------------------


def read_feed(site: Site, path: str) -> Feed:
    import feedparser
    from lxml import etree

    feed = Feed(path)
    data = (site.root / path).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        feed.errors.append(f"not well-formed XML: {error}")
        return feed
    if root.tag != f"{_A}feed":
        feed.errors.append(f"the root element is {root.tag}, not atom:feed")
        return feed
    feed.root = root
    parsed = feedparser.parse(data)
    if parsed.get("bozo"):
        feed.errors.append(f"feed readers stumble: {parsed.get('bozo_exception')}")
    return feed


def read_calendar(site: Site, path: str) -> Calendar:
    from icalendar import Calendar as ICalendar

    data = (site.root / path).read_bytes()
    calendar = Calendar(path, data)
    try:
        parsed = ICalendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        calendar.errors.append(f"does not parse: {error}")
        return calendar
    if not isinstance(parsed, ICalendar) or parsed.name != "VCALENDAR":
        calendar.errors.append("not a VCALENDAR")
        return calendar
    calendar.calendar = parsed
    for component in parsed.walk():
        for problem in getattr(component, "errors", []):
            calendar.errors.append(f"{component.name}: {problem}")
    return calendar


def _sniff(site: Site, path: str) -> bytes:
    with (site.root / path).open("rb") as file:
        return file.read(2048)


def feed_paths(site: Site) -> list[str]:
    return [path for path in site.files_named(".xml", ".atom")
            if NS.encode() in _sniff(site, path) or path.endswith(".atom")]


def feed_findings(site: Site, feed: Feed) -> Iterator[Finding]:
    yield from check(RULES, "Atom feed", feed, feed.path)
    for element in feed.entries:
        ids = _children(element, "id")
        label = f"entry {(ids[0].text or '').strip()}" if ids else "entry"
        yield from check(RULES, "Atom entry", Entry(element, feed), feed.path, label)


def feed_links(feed: Feed) -> list[tuple[str, str]]:
    if feed.root is None:
        return []
    return [("Atom link", link.get("href") or "") for element in (feed.root, *feed.entries)
            for link in _children(element, "link")]


def calendar_findings(calendar: Calendar) -> Iterator[Finding]:
    yield from check(RULES, "calendar", calendar, calendar.path)
    for component in calendar.events:
        uid = component.get("UID")
        label = f"VEVENT {uid}" if uid else f"VEVENT {component.get('SUMMARY', '')}".rstrip()
        yield from check(RULES, "VEVENT", VEvent(component, calendar), calendar.path, label)


def calendar_links(calendar: Calendar) -> list[tuple[str, str]]:
    return [("VEVENT URL", str(event.get("URL"))) for event in calendar.events
            if event.get("URL")]
