"""The search page (``find/``): Pagefind's interface, themed like every other page."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.freshness import digest
from sphinx_eventarchive.archive.pages import PAGE_BUILDERS
from sphinx_eventarchive.messages import _, warn
from sphinx_eventarchive.search.index import BUNDLE, available, pagename
from sphinx_eventarchive.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.state import BuildState


def enabled(app: Sphinx) -> bool:
    """Search is on, this builder writes a site that can hold it, and Pagefind is there."""
    return bool(app.config.eventarchive_search) and app.builder.name in PAGE_BUILDERS \
        and Site(app.env, app.builder).writes_page(pagename(app.config)) and available()


def search_page(app: Sphinx, state: BuildState) -> Iterator[tuple[str, dict[str, Any], str]]:
    """html-collect-pages: the search page, when search is on."""
    from sphinx_eventarchive.write.pages import PAGE_CONTEXT, _fingerprint

    if not enabled(app):
        return
    site = Site(app.env, app.builder)
    name = pagename(app.config)
    if site.user_page(name):
        warn(f"{name!r} is a page of your own, so the search page is not written there; "
             "change eventarchive_search_path", "path", name)
        return
    outfile = Path(app.builder.get_outfilename(name))  # type: ignore[attr-defined]
    root = "../" * (len(outfile.relative_to(app.outdir).parts) - 1)
    bundle, script = f"{root}{BUNDLE}/", root
    title = str(_("Search the archive"))
    description = str(_("Search every report, session and speaker, by year, series, tag, "
                         "speaker, type, language and slides or video."))
    body = "\n".join([
        '<section class="eventarchive-page eventarchive-search-page">',
        f'<h1 id="eventarchive-search-title">{escape(title)}</h1>',
        f'<link rel="stylesheet" href="{escape(bundle)}pagefind-ui.css" />',
        # The search input is named by the heading (Pagefind gives it only a title).
        f'<div id="eventarchive-search" class="eventarchive-search" '
        f'data-bundle="{escape(bundle)}" data-labelledby="eventarchive-search-title"></div>',
        f"<noscript><p>{escape(str(_('Search needs JavaScript.')))}</p></noscript>",
        f'<script src="{escape(bundle)}pagefind-ui.js"></script>',
        f'<script src="{escape(script)}_static/eventarchive-search.js"></script>',
        "</section>",
    ])
    # Written again only when it would change, as the other generated pages are.
    stamp = digest(body, title, description, _fingerprint(app))
    unchanged = state.current("search_page", stamp, [outfile])
    state.note_written("search_page", {"stamp": stamp})
    if unchanged:
        return
    yield name, {"title": escape(title), "body": body, "display_toc": False, "toc": "",
                 PAGE_CONTEXT: {"kind": "search", "title": title,
                                "description": description}}, "page.html"
