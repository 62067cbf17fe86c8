"""archive.json, events.ics and the Atom feed (docs/reference/archive-json.md).

The exports are written at ``build-finished`` from the merged archive, for
web builders (HTML, not e-books). Each export is rendered only when what it
shows changed (its stamp in the build state), and written only when its bytes
change, so a no-op incremental build leaves them (and their mtimes) alone and
a server or CDN sees nothing new. An export turned off removes the file an
earlier build wrote (only one that says it was written by us), so an
incremental build ends up with what a clean one would.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_eventarchive.archive.freshness import digest
from sphinx_eventarchive.archive.state import config_digest
from sphinx_eventarchive.core.files import write_if_changed
from sphinx_eventarchive.core.version import GENERATOR
from sphinx_eventarchive.exports import archive_json, calendar, feed
from sphinx_eventarchive.exports.ours import remove_ours
from sphinx_eventarchive.messages import LOGGER, warn
from sphinx_eventarchive.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.state import BuildState


class Export(NamedTuple):
    option: str
    files: tuple[tuple[str, Callable[[Site], bytes]], ...]
    #: A digest of what its files show: they are rendered again only when it changes.
    #: None: everything the archive is made of (``BuildState.content``).
    shows: Callable[[Site], str] | None = None


def calendar_shows(site: Site) -> str:
    """What events.ics shows: each event as its pages show it and, for DTSTAMP, its
    write-ups' reports (an edit of a session, such as a speaker's affiliation, is not in
    the calendar)."""
    archive = site.archive
    keys = [("event", event_id) for event_id in archive.events_newest_first()]
    keys += [("report", w.docname) for _key, event_id in keys
             for w in archive.events[event_id].writeups]
    return digest(GENERATOR, site.builder.name, config_digest(site.config),
                  site.domain.digests(site.builder.name).of_all(keys))


EXPORTS = (
    Export("eventarchive_json", (
        (archive_json.SCHEMA_NAME, lambda site: archive_json.schema_bytes()),
        ("archive.json", archive_json.render),
    )),
    Export("eventarchive_ics", (("events.ics", calendar.render),), calendar_shows),
    Export("eventarchive_feed", ((feed.FEED_NAME, feed.render),)),
)


class Exports:
    """build-finished: the export files, from the archive as it is now."""

    def __init__(self, state: BuildState) -> None:
        self.state = state

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        site = Site(app.env, app.builder)
        if exception is not None or not site.kind.web:
            return
        outdir = Path(app.outdir)
        wanted = [export for export in EXPORTS
                  if getattr(app.config, export.option) and site.is_archive]
        content = self.state.content(site.domain, site.builder.name)
        stamp = [content, str(outdir), sorted(name for export in wanted
                                              for name, _render in export.files)]
        before = self.state.written("exports")
        there = {export.option: all((outdir / name).exists() for name, _render in export.files)
                 for export in wanted}
        if before.get("stamp") == stamp and all(there.values()):
            self.state.note_written("exports", before)
            return  # written from this very archive and configuration already
        # Something changed: each export is rendered again only if what it shows did.
        same_place = before.get("stamp", [None])[1:] == stamp[1:]
        stamps = {export.option: export.shows(site) if export.shows else content
                  for export in wanted}
        self.state.note_written("exports", {"stamp": stamp, "stamps": stamps})
        written = []
        for export in EXPORTS:
            if export in wanted and same_place and there[export.option] and before.get(
                    "stamps", {}).get(export.option) == stamps[export.option]:
                continue  # written from what it shows as it is now already
            for name, render in export.files:
                path = outdir / name
                if export not in wanted:
                    remove_ours(path)
                elif site.user_extra_file(name):
                    warn(f"{site.user_extra_file(name)} (html_extra_path) is written to {name}, "
                         f"so the archive's own {name} is not; rename the file or set "
                         f"{export.option} = False", "path")
                elif write_if_changed(path, render(site)):
                    written.append(name)
        if written:
            LOGGER.info("eventarchive: wrote %s", ", ".join(written))


def feed_link(site: Site, pathto: Callable[..., str] | None) -> str:
    """The ``<link rel="alternate">`` that lets browsers and readers find the feed."""
    if site.base or pathto is None:
        href = site.file_url(feed.FEED_NAME)
    else:
        href = pathto(feed.FEED_NAME, resource=True)
    title = site.name or GENERATOR
    return (f'<link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(title)}" href="{html.escape(href)}" />')


def add_feed_link(app: Sphinx, context: dict[str, Any]) -> None:
    """html-page-context: on an archive site, every page names the feed."""
    site = Site(app.env, app.builder)
    if not app.config.eventarchive_feed or not site.kind.web or not site.is_archive:
        return
    context["metatags"] = context.get("metatags", "") + "\n" + feed_link(
        site, context.get("pathto"))
