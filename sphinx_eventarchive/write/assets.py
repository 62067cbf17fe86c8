"""Our CSS and script: on the pages that need them, and copied only when a page does.

A site that adds the extension and has no archive content is built byte for
byte as without it (docs/reference/config.md), so nothing of ours goes into ``html_static_path``
or onto every page. The files are copied into ``_static`` before any page is
written (Sphinx reads them then, for the ``?v=`` checksum of their links), and
a page links them when it holds one of our directives or is a generated page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.pages import PAGE_BUILDERS
from sphinx_eventarchive.core.files import write_if_changed
from sphinx_eventarchive.site import builder_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

STATIC = Path(__file__).parent.parent / "static"
CSS = "eventarchive.css"
SCRIPT = "eventarchive.js"
SEARCH_SCRIPT = "eventarchive-search.js"


def _domain(app: Sphinx) -> EventArchiveDomain:
    return app.env.domains["eventarchive"]  # type: ignore[return-value]


def site_needs_them(app: Sphinx) -> bool:
    """Some page of this build shows our markup: a directive of ours, or a generated page."""
    domain = _domain(app)
    generated = app.builder.name in PAGE_BUILDERS and app.config.eventarchive_generate_pages \
        and (domain.has_content() or domain.named_pages())
    return bool(domain.data["markup"] or generated)


def copy(app: Sphinx, builder: Builder) -> None:
    """write-started: the files into ``_static``, when a page of this build needs them."""
    if not builder_kind(builder).html or not site_needs_them(app):
        return
    names = [CSS, SCRIPT] + ([SEARCH_SCRIPT] if app.config.eventarchive_search else [])
    for name in names:
        write_if_changed(Path(builder.outdir, "_static", name), (STATIC / name).read_bytes())


def link(app: Sphinx, pagename: str, context: dict[str, Any], doctree: Any,
         own: dict[str, Any] | None) -> None:
    """html-page-context: link them from this page when it needs them (Sphinx adds a file
    given here to this page only)."""
    if not builder_kind(app.builder).html:
        return
    domain = _domain(app)
    if doctree is None:
        wanted = bool(own)
    elif app.builder.name == "singlehtml":  # every document on one page
        wanted = bool(domain.data["markup"])
    else:
        wanted = domain.has_markup(pagename)
    if wanted:
        app.add_css_file(CSS)
        # Besides loading embeds on a click (eventarchive_embed_consent), it drops
        # "upcoming" badges whose date has passed since the build and copies share links.
        app.add_js_file(SCRIPT, defer="defer")
