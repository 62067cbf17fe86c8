"""``atom.xml``: an Atom feed (RFC 4287) of reports, newest first.

Written with :mod:`xml.etree`, which escapes every text and attribute value;
characters XML cannot hold at all are dropped. Choices the contract leaves open:

* A report's publication time is its front matter ``date`` (or
  ``publishDate``), else the date of its newest event; a report with neither
  (a page with front matter but nothing dated) is not in the feed. A bare
  date is midnight UTC; a date-time keeps its offset.
* ``updated`` equals ``published``: the sources say nothing about later edits,
  and the clock or file times would change the feed on every build.
* An entry's ``id`` is the page's absolute URL (the permalink readers know);
  without a base URL, a ``urn:uuid`` derived from the project and page name.
* Categories are the report's tags and its events' tags.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET

from sphinx_eventarchive.core.dates import language_tag
from sphinx_eventarchive.core.options import SCHEMA_STATUS
from sphinx_eventarchive.core.text import excerpt
from sphinx_eventarchive.core.version import GENERATOR
from sphinx_eventarchive.core.version import VERSION as __version__
from sphinx_eventarchive.doc.labels import status_label
from sphinx_eventarchive.site import Site

# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_NAME = "atom.xml"
GENERATOR_URI = "https://sphinx-eventarchive.readthedocs.io/"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def rfc3339(moment: dt.datetime) -> str:
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag,
                            {key: xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _urn(site: Site, name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{GENERATOR}:{site.name}/{name}"))


def entry_id(site: Site, docname: str) -> str:
    return site.page_url(docname) if site.base else _urn(site, docname)


#: The scheme of an entry's event status category (its term is schema.org's, EventCancelled …).
EVENT_STATUS = "https://schema.org/eventStatus"


def render(site: Site) -> bytes:
    archive = site.archive
    entries = [(name, when) for name, when in archive.reports_newest_first() if when is not None]
    entries = entries[: site.config.eventarchive_feed_length]

    # Plain names and an xmlns attribute: ElementTree's default_namespace
    # option refuses unqualified attributes, and register_namespace is global.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: language_tag(site.language)})
    _add(feed, "id", site.base or _urn(site, ""))
    _add(feed, "title", site.name or GENERATOR, type="text")
    newest = entries[0][1].moment if entries else EPOCH
    _add(feed, "updated", rfc3339(newest))
    _add(feed, "link", rel="self", type="application/atom+xml", href=site.file_url(FEED_NAME))
    _add(feed, "link", rel="alternate", type="text/html", href=site.home_url)
    author = _add(feed, "author")
    _add(author, "name", site.author or GENERATOR)
    _add(feed, "generator", GENERATOR, uri=GENERATOR_URI, version=__version__)

    for docname, when in entries:
        report = archive.reports[docname]
        events = [archive.events[e] for e in site.archive.events_of.get(docname, [])]
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(site, docname))
        _add(entry, "title", site.report_title(docname), type="text")
        _add(entry, "link", rel="alternate", type="text/html", href=site.page_url(docname))
        stamp = rfc3339(when.moment)
        _add(entry, "published", stamp)
        _add(entry, "updated", stamp)
        for name in report.authors:
            _add(_add(entry, "author"), "name", name)
        names = [*report.tags, *(tag for e in events for tag in e.event.tags)]
        for key in site.archive.tag_keys(names):
            _add(entry, "category", term=archive.tags[key].name)
        for status in dict.fromkeys(e.event.status for e in events if e.event.status):
            # A cancelled or postponed event, as feed readers can tell: schema.org's term.
            _add(entry, "category", term=SCHEMA_STATUS[status], scheme=EVENT_STATUS,
                 label=status_label(status))
        summary = report.description or next(
            (e.event.description for e in events if e.event.description), "")
        if summary:
            _add(entry, "summary", excerpt(summary, 500), type="text")

    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
