"""What every export needs to know about the site being built: URLs, titles, dates.

One :class:`Site` per build, made at ``build-finished`` from the merged archive
(drafts already left out), so the three exports agree with each other and with
the pages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from sphinx_eventarchive import site as urls
from sphinx_eventarchive.core.dates import DateError, parse_when
from sphinx_eventarchive.core.text import identity

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain
    from sphinx_eventarchive.archive.view import Archive
    from sphinx_eventarchive.social.metatags import PageImages

GENERATOR = "sphinx-eventarchive"
_UNSET_AUTHOR = "Author name not set"  # Sphinx's default ``author``
# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


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


class Published(NamedTuple):
    text: str  # as written (ISO, with its offset)
    moment: dt.datetime  # aware, for sorting


class Site:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.config = app.config
        self.builder = app.builder
        self.env = app.env
        self.domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
        self.archive: Archive = self.domain.archive
        self.base = urls.base_url(self.config)
        self.has_pages = self.domain.has_pages(self.builder)
        self._page_images: PageImages | None = None
        self.events_of: dict[str, list[str]] = {}
        self.sessions_of: dict[str, list[str]] = {}
        for event_id, entry in self.archive.events.items():
            for writeup in entry.writeups:
                self.events_of.setdefault(writeup.docname, []).append(event_id)
        for session_id, session_entry in self.archive.sessions.items():
            for writeup in session_entry.writeups:
                self.sessions_of.setdefault(writeup.docname, []).append(session_id)
        # Page order, whatever order an incremental build re-read the pages in.
        for docname, event_ids in self.events_of.items():
            event_ids.sort(key=lambda i: self.domain.events[i][docname].lineno)
        for docname, session_ids in self.sessions_of.items():
            session_ids.sort(key=lambda i: self.domain.sessions[i][docname].order)

    # -- names ----------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self.config.project or "")

    @property
    def author(self) -> str:
        author = str(self.config.author or "")
        return author if author and author != _UNSET_AUTHOR else self.name

    @property
    def language(self) -> str:
        return str(self.config.language or "en")

    def title(self, docname: str) -> str:
        """A report's title: its front matter ``title``, else the page's first heading."""
        report = self.archive.reports.get(docname)
        if report and report.title:
            return report.title
        node = self.env.titles.get(docname)
        return node.astext() if node is not None and node.astext() else docname

    # -- URLs -------------------------------------------------------------------

    def page(self, docname: str, anchor: str = "") -> str:
        """Absolute URL of a page or an anchor on it (relative to the output root without a base).

        ``singlehtml`` puts every document on the root page behind a
        ``#document-…`` fragment; an anchor replaces that fragment rather than
        following it.
        """
        if self.builder.name == "singlehtml":
            fragment = anchor or f"document-{docname}"
            root = self.config.root_doc + getattr(self.builder, "out_suffix", ".html")
            return urls.file_url(self.config, f"{root}#{fragment}")
        url = urls.page_url(self.config, self.builder, docname)
        return f"{url.partition('#')[0]}#{anchor}" if anchor else url

    @property
    def home(self) -> str:
        return self.page(self.config.root_doc).partition("#")[0]

    def file(self, name: str) -> str:
        return urls.file_url(self.config, name)

    def speaker_url(self, key: str) -> str:
        """The speaker's page; without generated pages, their newest session."""
        if self.has_pages:
            return self.page(self.domain.speaker_page(key))
        session = self.archive.sessions[self.archive.speakers[key].appearances[0].session].session
        return self.page(session.docname, session.anchor)

    def tag_url(self, key: str) -> str | None:
        return self.page(self.domain.tag_page(key)) if self.has_pages else None

    def event_image(self, reference: str) -> str | None:
        """An event's picture as the URL its pages' ``og:image`` uses."""
        if not reference:
            return None
        image = self._images().event(reference)
        return image.url if image else None

    def report_image(self, docname: str, reference: str) -> str | None:
        if not reference:
            return None
        image = self._images().front_matter(reference, docname, self.page(docname))
        return image.url if image else None

    def _images(self) -> PageImages:
        # The social module copies local pictures into the output under a
        # content hash; asking it gives the same file and URL as og:image.
        from sphinx_eventarchive.social.metatags import PageImages

        if self._page_images is None:
            self._page_images = PageImages(self.app)
        return self._page_images

    # -- reports ------------------------------------------------------------------

    def published(self, docname: str) -> Published | None:
        """When a report appeared: its front matter date, else its newest event's date."""
        report = self.archive.reports.get(docname)
        candidates = [report.date] if report and report.date else []
        if not candidates:
            candidates = sorted((self.archive.events[e].event.date
                                 for e in self.events_of.get(docname, ())), reverse=True)
        for text in candidates:
            moment = instant(text)
            if moment is not None:
                return Published(text, moment)
        return None

    def reports_newest_first(self) -> list[tuple[str, Published | None]]:
        """Every report, newest first; undated ones last, by name."""
        found = [(name, self.published(name)) for name in self.archive.reports]
        return sorted(found, key=lambda item: (
            -item[1].moment.timestamp() if item[1] else float("inf"), item[0]))

    def tag_keys(self, names: tuple[str, ...] | list[str]) -> list[str]:
        """Tag ids (the keys of ``archive.tags``) of names as written, once each."""
        keys: dict[str, None] = {}
        for name in names:
            key = identity(name)
            if key in self.archive.tags:
                keys.setdefault(key, None)
        return list(keys)
