"""archive.json, events.ics and the Atom feed (docs/reference/archive-json.md).

The exports are written at ``build-finished`` from the merged archive, for
web builders (HTML, not e-books). Each file is written only when its bytes
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


EXPORTS = (
    Export("eventarchive_json", (
        (archive_json.SCHEMA_NAME, lambda site: archive_json.schema_bytes()),
        ("archive.json", archive_json.render),
    )),
    Export("eventarchive_ics", (("events.ics", calendar.render),)),
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
        files = sorted(name for export in wanted for name, _render in export.files)
        stamp = [self.state.content(site.domain, site.builder.name), str(outdir), files]
        current = self.state.current("exports", stamp, (outdir / name for name in files))
        self.state.note_written("exports", {"stamp": stamp})
        if current:
            return  # written from this very archive and configuration already
        written = []
        for export in EXPORTS:
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
