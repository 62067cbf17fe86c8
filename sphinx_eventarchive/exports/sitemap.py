"""The generated pages in sphinx-sitemap's ``sitemap.xml``, when the user enables it.

sphinx-sitemap lists a page when the page is written, with the time git last
changed its source as ``lastmod``. Generated pages have no source and are
written only when they change, so on an incremental build it would drop every
unchanged speaker and tag page, and it could give them no ``lastmod``. So the
generated pages' folders are left out of its own collection, and at
``build-finished`` (before it writes the file) every generated page is handed
to it, with ``lastmod`` the newest date of what the page lists (a report's
publication date, an event's or session's date): it changes when the content
does, never with the build time. Speakers with ``:noindex:`` and draft
reports stay out (docs/reference/directives.md, docs/howto/front-matter.md).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from sphinx_eventarchive._compat import sitemap_queue
from sphinx_eventarchive.archive.pages import speaker_page, tag_page
from sphinx_eventarchive.messages import warn
from sphinx_eventarchive.site import PATH_SAFE, Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _enabled(app: Sphinx) -> bool:
    site = Site(app.env, app.builder)
    return "sphinx_sitemap" in app.extensions and site.kind.web and (
        site.is_archive or bool(site.domain.named_pages()))


def link(app: Sphinx, pagename: str) -> str:
    """The page's link as sphinx-sitemap (2.x) spells it before joining the base URL."""
    if type(app.builder).__name__ == "DirectoryHTMLBuilder":
        if pagename == "index":
            return ""
        return pagename[:-6] + "/" if pagename.endswith("/index") else pagename + "/"
    return pagename + (app.config.html_file_suffix or ".html")


def _folders(site: Site) -> list[str]:
    config = site.config
    return [config.eventarchive_events_path, config.eventarchive_speakers_path,
            config.eventarchive_tags_path]


def _ours(app: Sphinx, site: Site) -> list[str]:
    """The patterns that keep sphinx-sitemap off the generated pages, the drafts and
    Sphinx's own search page (marked noindex: no page that says so is in a sitemap)."""
    patterns = [f"{fnmatch_escape(folder)}/*" for folder in _folders(site)] \
        if site.has_pages else []
    return patterns + [fnmatch_escape(link(app, "search"))] + [
        fnmatch_escape(link(app, name)) for name, report in site.domain.reports.items()
        if report.draft and not app.config.eventarchive_include_drafts]


#: sphinx-sitemap's own default (2.x): a language and version folder before every page.
DEFAULT_SCHEME = "{lang}{version}{link}"


def url_scheme(app: Sphinx) -> None:
    """Where the sitemap's URLs point. ``html_baseurl`` (like Read the Docs' address)
    already names the root the pages are built for, so an archive site whose
    ``sitemap_url_scheme`` is left at sphinx-sitemap's default gets ``{link}``
    (``/ja/…`` would name pages that do not exist); a scheme the user set is theirs,
    and one that puts a folder before the built paths warns once."""
    config = app.config
    if config.sitemap_url_scheme == DEFAULT_SCHEME:
        config.sitemap_url_scheme = "{link}"
        return
    version = f"{config.version}/" if config.version else ""
    language = f"{config.language}/" if config.language else ""
    prefix = str(config.sitemap_url_scheme).format(lang=language, version=version, link="")
    if prefix:
        warn(f"sitemap_url_scheme = {config.sitemap_url_scheme!r} puts {prefix!r} before "
             f"every page, while html_baseurl names the root the pages are built for, so "
             f"the sitemap's URLs name no built page; set sitemap_url_scheme = '{{link}}'",
             "config")


def leave_out_generated(app: Sphinx, env: object) -> None:
    """env-updated (drafts are known, no page written yet): sphinx-sitemap collects no
    generated page and no draft; :func:`hand_in` gives it the generated pages."""
    if _enabled(app):
        site = Site(app.env, app.builder)
        theirs = list(app.config.sitemap_excludes)
        app.builder.eventarchive_sitemap_excludes = theirs  # type: ignore[attr-defined]
        # A new list: the user's own is left as they wrote it.
        app.config.sitemap_excludes = [*theirs, *_ours(app, site)]
        url_scheme(app)


def fnmatch_escape(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[]" else char for char in text)


class Lastmod:
    """The newest date of what a generated page lists, each report's date worked out once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive = site.archive
        self.reports: dict[str, dt.datetime | None] = {}

    def report(self, docname: str) -> dt.datetime | None:
        if docname not in self.reports:
            published = self.archive.published(docname)
            self.reports[docname] = published.moment if published else None
        return self.reports[docname]

    def session(self, session_id: str) -> Iterator[dt.datetime | None]:
        entry = self.archive.sessions[session_id]
        yield self.archive.session_moment(session_id)
        for writeup in entry.writeups:
            yield self.report(writeup.docname)

    def event(self, event_id: str) -> Iterator[dt.datetime | None]:
        entry = self.archive.events[event_id]
        yield entry.event.moment
        for writeup in entry.writeups:
            yield self.report(writeup.docname)

    def speaker(self, key: str) -> str:
        speaker = self.archive.speakers[key]
        return newest([*(m for a in speaker.appearances for m in self.session(a.session)),
                       *(self.report(docname) for docname in speaker.reports)])

    def tag(self, key: str) -> str:
        tag = self.archive.tags[key]
        return newest([*(self.report(d) for d in tag.reports),
                       *(m for e in tag.events for m in self.event(e)),
                       *(m for s in tag.sessions for m in self.session(s))])

    def everything(self) -> str:
        return newest([*(self.report(d) for d in self.archive.reports),
                       *(m for e in self.archive.events for m in self.event(e))])


def newest(moments: Iterable[dt.datetime | None]) -> str:
    found = [moment for moment in moments if moment is not None]
    if not found:
        return ""
    utc = max(found).astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def pages(site: Site) -> Iterator[tuple[str, str]]:
    """(pagename, lastmod) of every generated page that belongs in the sitemap: the pages
    the page writer writes (index pages split in parts included), in its order."""
    from sphinx_eventarchive.write.pagebodies import PageWriter

    archive = site.archive
    lastmod = Lastmod(site)
    speakers = {speaker_page(site.config, speaker.slug): key
                for key, speaker in archive.speakers.items()}
    tags = {tag_page(site.config, tag.slug): key for key, tag in archive.tags.items()}
    overall = lastmod.everything()
    for pagename in PageWriter(site).pagenames():
        if pagename in speakers:
            if not getattr(archive.speakers[speakers[pagename]], "noindex", False):
                yield pagename, lastmod.speaker(speakers[pagename])
        elif pagename in tags:
            yield pagename, lastmod.tag(tags[pagename])
        else:  # an index page, or a part of one
            yield pagename, overall


def hand_in(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished, before sphinx-sitemap writes: every generated page, with its lastmod."""
    queue = sitemap_queue(app)
    if exception is not None or queue is None or not _enabled(app):
        return
    site = Site(app.env, app.builder)
    folders = tuple(f"{folder}/" for folder in _folders(site))
    theirs = getattr(app.builder, "eventarchive_sitemap_excludes", [])

    def put(page: str, lastmod: str | None) -> None:
        if not any(fnmatch.fnmatch(page, pattern) for pattern in theirs):
            # Percent-encoded, as the sitemap protocol asks (a Japanese slug stays readable
            # in browsers, which decode it).
            queue.put((quote(page, safe=PATH_SAFE), lastmod))

    if site.has_pages:
        for pagename, lastmod in pages(site):
            if not site.user_page(pagename):
                put(link(app, pagename), lastmod or None)
    # The user's own pages in those folders were left out with ours: back they go.
    for docname in sorted(app.env.all_docs):
        if docname.startswith(folders) and not site.domain.is_draft(docname):
            put(link(app, docname), None)
