"""An Atom feed per speaker and per tag, beside their generated pages
(docs/reference/archive-json.md).

``speakers/<slug>/atom.xml`` holds the speaker's sessions, ``tags/<slug>/atom.xml`` the
reports, events and sessions with the tag, newest first, at most
``eventarchive_feed_length`` of them. They exist with the generated pages
(``html`` and ``dirhtml``) and are announced on them with
``<link rel="alternate">`` and a visible link.

An archive of pyvideo's size has 15,000 such feeds, so they are written the
way the generated pages are: skipped outright when the archive did not change
since the last build, otherwise each rendered (plain strings, no XML tree)
and written only when its digest differs from the one the build state holds.
A speaker with ``:noindex:`` has no feed (docs/reference/directives.md). Feeds whose page is gone
are removed.

Entries follow the site feed's rules (``exports/feed.py``): ``published`` and
``updated`` from the sources, never the clock; ids are absolute URLs when a
base URL is known, else ``urn:uuid``\\ s.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from sphinx_eventarchive.archive.freshness import digest, speaker_shows, tag_shows
from sphinx_eventarchive.archive.pages import speaker_page, tag_page
from sphinx_eventarchive.archive.state import config_digest
from sphinx_eventarchive.core.dates import language_tag
from sphinx_eventarchive.core.files import write_if_changed
from sphinx_eventarchive.core.text import excerpt
from sphinx_eventarchive.core.version import GENERATOR
from sphinx_eventarchive.core.version import VERSION as __version__
from sphinx_eventarchive.exports.feed import ATOM, EPOCH, GENERATOR_URI, _urn, rfc3339, xml_text
from sphinx_eventarchive.exports.ours import remove_ours
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.cardhtml import link_html

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.freshness import Key
    from sphinx_eventarchive.archive.state import BuildState


class Entry(NamedTuple):
    moment: dt.datetime
    title: str
    url: str
    summary: str = ""
    categories: tuple[str, ...] = ()


def feed_file(pagename: str) -> str:
    """The feed of a generated page, in the output folder: in the page's own folder under
    ``dirhtml`` (``tags/sre/index.html``, ``tags/sre/atom.xml``), beside it under ``html``."""
    return f"{pagename}/atom.xml"


def wanted(site: Site) -> bool:
    return site.has_pages and site.is_archive and bool(site.config.eventarchive_feed) \
        and bool(site.config.eventarchive_feed_pages)


def _t(value: str) -> str:
    return escape(xml_text(value))


def _a(value: str) -> str:
    return quoteattr(xml_text(value))


def _session_entry(site: Site, session_id: str) -> Entry | None:
    archive = site.archive
    session = archive.sessions[session_id].session
    moment = archive.session_moment(session_id)
    if moment is None:
        return None
    event = archive.events.get(session.event)
    where = event.event.name if event else ""
    names = ", ".join(speaker.name for speaker in session.speakers)
    summary = " — ".join(part for part in (names, where, excerpt(session.notes, 300)) if part)
    return Entry(moment, session.title, site.page_url(session.docname, session.anchor),
                 summary, session.tags)


SessionEntry = Callable[[str], "Entry | None"]


def session_entries(site: Site) -> SessionEntry:
    """A session's entry, made once per build however many feeds (its speakers', its
    tags') carry it."""
    return functools.cache(lambda session_id: _session_entry(site, session_id))


def speaker_entries(site: Site, key: str, session_entry: SessionEntry | None = None,
                    ) -> list[Entry]:
    session_entry = session_entry or session_entries(site)
    speaker = site.archive.speakers[key]
    entries = [*(session_entry(a.session) for a in speaker.appearances),
               *(_report_entry(site, docname) for docname in speaker.reports)]
    return [entry for entry in entries if entry is not None]


def _report_entry(site: Site, docname: str) -> Entry | None:
    published = site.archive.published(docname)
    if published is None:
        return None
    report = site.archive.reports[docname]
    return Entry(published.moment, site.report_title(docname), site.page_url(docname),
                 report.description, report.tags)


def tag_entries(site: Site, key: str, session_entry: SessionEntry | None = None,
                ) -> list[Entry]:
    session_entry = session_entry or session_entries(site)
    archive = site.archive
    tag = archive.tags[key]
    found: list[Entry] = [entry for entry in map(functools.partial(_report_entry, site),
                                                  tag.reports) if entry is not None]
    for event_id in tag.events:
        event = archive.events[event_id].event
        moment = event.moment
        if moment is not None:
            found.append(Entry(moment, event.name, site.page_url(event.docname, event.anchor),
                               excerpt(event.description, 300), event.tags))
    for session_id in tag.sessions:
        entry = session_entry(session_id)
        if entry is not None:
            found.append(entry)
    return found


def render(site: Site, pagename: str, title: str, entries: list[Entry]) -> bytes:
    """One feed, newest first; every value escaped, characters XML cannot hold dropped."""
    entries = sorted(entries, key=lambda e: (e.moment.timestamp(), e.url), reverse=True)
    entries = entries[: site.config.eventarchive_feed_length]
    page_url = site.page_url(pagename)
    newest = entries[0].moment if entries else EPOCH
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang={_a(language_tag(site.language))}>',
        f"  <id>{_t(page_url if site.base else _urn(site, pagename))}</id>",
        f'  <title type="text">{_t(f"{site.name} — {title}" if site.name else title)}</title>',
        f"  <updated>{rfc3339(newest)}</updated>",
        f'  <link rel="self" type="application/atom+xml" '
        f"href={_a(site.file_url(feed_file(pagename)))} />",
        f'  <link rel="alternate" type="text/html" href={_a(page_url)} />',
        f"  <author><name>{_t(site.author or GENERATOR)}</name></author>",
        f"  <generator uri={_a(GENERATOR_URI)} version={_a(__version__)}>{GENERATOR}</generator>",
    ]
    for entry in entries:
        stamp = rfc3339(entry.moment)
        ident = entry.url if site.base else _urn(site, entry.url)
        lines += ["  <entry>", f"    <id>{_t(ident)}</id>",
                  f'    <title type="text">{_t(entry.title)}</title>',
                  f'    <link rel="alternate" type="text/html" href={_a(entry.url)} />',
                  f"    <published>{stamp}</published>", f"    <updated>{stamp}</updated>"]
        lines += [f"    <category term={_a(name)} />" for name in dict.fromkeys(entry.categories)]
        if entry.summary:
            lines.append(f'    <summary type="text">{_t(excerpt(entry.summary, 500))}</summary>')
        lines.append("  </entry>")
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def feeds(site: Site) -> Iterator[tuple[str, str, tuple[Key, ...], Any]]:
    """(pagename, title, what it shows, entries()) of every feed this archive has: a feed
    shows what its page shows (``write/pagebodies.py``)."""
    archive = site.archive
    entry = session_entries(site)
    for key, speaker in archive.speakers.items():
        if not getattr(speaker, "noindex", False):  # kept out of feeds on request
            yield (speaker_page(site.config, speaker.slug), speaker.name,
                   speaker_shows(archive, key),
                   lambda key=key: speaker_entries(site, key, entry))
    for key, tag in archive.tags.items():
        yield (tag_page(site.config, tag.slug), str(_("Tag: %s")) % tag.name,
               tag_shows(archive, key), lambda key=key: tag_entries(site, key, entry))


class PageFeeds:
    """build-finished: the speaker and tag feeds that changed; the ones gone removed."""

    def __init__(self, state: BuildState) -> None:
        self.state = state

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        site = Site(app.env, app.builder)
        if exception is not None or not site.kind.web:
            return
        outdir = Path(app.outdir)
        previous = self.state.written("feeds")
        old: dict[str, str] = previous.get("feeds", {})
        if not wanted(site):
            for name in old:
                _remove(outdir, name)
            self.state.note_written("feeds", {})
            return
        stamp = [self.state.content(site.domain, site.builder.name), digest(
            site.base, site.name, site.author, site.language,
            str(site.config.eventarchive_feed_length))]
        if self.state.current("feeds", stamp, (outdir / name for name in old)):
            self.state.note_written("feeds", previous)
            return
        now: dict[str, str] = {}
        digests = site.domain.digests(site.builder.name)
        settings = digest(config_digest(site.config), __version__, site.base)
        for pagename, title, shows, entries in feeds(site):
            name = feed_file(pagename)
            # A feed is made from what its page shows (and the settings): when that is
            # what it was written from, its entries are not even gathered (pyvideo:
            # 15,689 feeds).
            now[name] = digest(settings, pagename, digests.of_all(shows))
            if old.get(name) != now[name] or not (outdir / name).is_file():
                write_if_changed(outdir / name, render(site, pagename, title, entries()))
        for name in set(old) - set(now):
            _remove(outdir, name)
        self.state.note_written("feeds", {"stamp": stamp, "feeds": now})


def _remove(outdir: Path, name: str) -> None:
    remove_ours(outdir / name)
    # Folders left empty go with it (the one made for the feed alone under html, the
    # speakers/ folder once pages are off), never the output folder; a folder where a
    # page or anything else still lives stays.
    folder = (outdir / name).parent
    while folder != outdir and outdir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def announce(app: Sphinx, pagename: str, context: dict[str, Any], doctree: Any,
             own: dict[str, Any] | None) -> None:
    """html-page-context: a speaker or tag page links its feed, in the head and visibly;
    ``own``: a generated page's own values."""
    if doctree is not None or not own or own.get("kind") not in ("speaker", "tag"):
        return
    site = Site(app.env, app.builder)
    if not wanted(site) or pagename not in feed_pages(site):
        return
    name = feed_file(pagename)
    pathto = context.get("pathto")
    href = pathto(name, resource=True) if pathto else site.file_url(name)
    title = str(_("Atom feed: %s")) % own.get("title", "")
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{html.escape(href)}" />')
    label = html.escape(str(_("Atom feed")))
    link = (f'<p class="eventarchive-feed-link">'
            f"{link_html(href, label, external=True, type='application/atom+xml')}</p>")
    # Under the page's heading, where feed readers' users look for it.
    body = str(context.get("body") or "")
    heading = body.find("</h1>")
    context["body"] = body[:heading + 5] + "\n" + link + body[heading + 5:] \
        if heading >= 0 else link + body


def feed_pages(site: Site) -> frozenset[str]:
    """The pages that have a feed, worked out once per archive (not once per page)."""
    archive = site.archive
    cached = getattr(archive, "_eventarchive_feed_pages", None)
    if cached is None:
        cached = frozenset(pagename for pagename, _title, _shows, _entries in feeds(site))
        archive._eventarchive_feed_pages = cached  # type: ignore[attr-defined]
    return cached
