"""archive.json, events.ics and the Atom feed (SPEC §7).

The exports are written at ``build-finished`` from the merged archive, for
HTML-format builders other than EPUB. Each file is written only when its bytes
change, so a no-op incremental build leaves them (and their mtimes) alone and
a server or CDN sees nothing new. An export turned off removes the file an
earlier build wrote (only one that says it was written by us), so an
incremental build ends up with what a clean one would.

The three formats live in ``exports_json``, ``exports_ics`` and
``exports_atom``; what they share about the site in ``exports_site``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_eventarchive import site as urls
from sphinx_eventarchive.exports import archive_json as exports_json
from sphinx_eventarchive.exports import calendar as exports_ics
from sphinx_eventarchive.exports import feed as exports_atom
from sphinx_eventarchive.exports.site import GENERATOR, Site
from sphinx_eventarchive.messages import LOGGER

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config


class Export(NamedTuple):
    option: str
    files: tuple[tuple[str, Callable[[Site], bytes]], ...]


EXPORTS = (
    Export("eventarchive_json", (
        (exports_json.SCHEMA_NAME, lambda site: exports_json.schema_bytes()),
        ("archive.json", exports_json.render),
    )),
    Export("eventarchive_ics", (("events.ics", exports_ics.render),)),
    Export("eventarchive_feed", ((exports_atom.FEED_NAME, exports_atom.render),)),
)


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
    app.connect("html-page-context", add_feed_link)


def applies(builder: Builder) -> bool:
    """Exports belong to web sites: HTML-format builders, but not e-books."""
    return builder.format == "html" and not builder.name.startswith("epub")


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.write_bytes(data)
    return True


def remove_ours(path: Path) -> None:
    """Remove an export an earlier build wrote; a file of the user's own is left alone."""
    try:
        if GENERATOR.encode() in path.read_bytes():
            path.unlink()
    except OSError:
        pass


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not applies(app.builder):
        return
    outdir = Path(app.outdir)
    wanted = [export for export in EXPORTS if getattr(app.config, export.option)]
    revision = app.env.domains["eventarchive"].revision  # type: ignore[attr-defined]
    state = Path(app.doctreedir) / f"eventarchive-exports-{app.builder.name}.json"
    done = {"revision": revision, "outdir": str(outdir),
            "files": sorted(name for export in wanted for name, _render in export.files)}
    try:
        current = json.loads(state.read_text(encoding="utf-8")) == done
    except (OSError, ValueError):
        current = False
    if current and all((outdir / name).is_file() for name in done["files"]):
        return  # written from this very archive and configuration already
    site = None
    if wanted:
        urls.require_base_url(app.config)
        site = Site(app)
    written = []
    for export in EXPORTS:
        for name, render in export.files:
            path = outdir / name
            if site is not None and export in wanted:
                if write_if_changed(path, render(site)):
                    written.append(name)
            else:
                remove_ours(path)
    if written:
        LOGGER.info("eventarchive: wrote %s", ", ".join(written))
    state.write_text(json.dumps(done), encoding="utf-8")


def feed_link(config: Config, pathto: Callable[..., str] | None) -> str:
    """The ``<link rel="alternate">`` that lets browsers and readers find the feed."""
    if urls.base_url(config) or pathto is None:
        href = urls.file_url(config, exports_atom.FEED_NAME)
    else:
        href = pathto(exports_atom.FEED_NAME, resource=True)
    title = config.project or GENERATOR
    return (f'<link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(title)}" href="{html.escape(href)}" />')


def add_feed_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    if not app.config.eventarchive_feed or not applies(app.builder):
        return
    context["metatags"] = context.get("metatags", "") + "\n" + feed_link(
        app.config, context.get("pathto"))
