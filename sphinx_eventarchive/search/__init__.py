"""Static full-text search with facets (``eventarchive_search``, extra ``search``).

With ``pip install sphinx-eventarchive[search]`` and ``eventarchive_search =
True``, HTML builds get a search page (``find/``, ``eventarchive_search_path``)
over reports, sessions and speakers that handles Japanese and filters by year,
series, tag, speaker, session type, language and has slides / video. It is
Pagefind's own interface on a page of ours; the index is built after the site
(``search/index.py``). Without the extra, a warning says so and Sphinx's own
search, which finds events, sessions and the generated pages, is all there is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.pages import PAGE_BUILDERS
from sphinx_eventarchive.messages import warn
from sphinx_eventarchive.search import index
from sphinx_eventarchive.search.markup import document_facets, speaker_facets
from sphinx_eventarchive.search.page import enabled
from sphinx_eventarchive.search.parts import BODY_END, BODY_START
from sphinx_eventarchive.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain
    from sphinx_eventarchive.archive.state import BuildState


def check_installed(app: Sphinx) -> None:
    """builder-inited: search asked for without the extra warns once; the build goes on."""
    if app.config.eventarchive_search and app.builder.name in PAGE_BUILDERS:
        if not index.available():
            warn("eventarchive_search = True, but Pagefind is not installed: pip install "
                 "'sphinx-eventarchive[search]'; only Sphinx's own search is built", "config")
        elif not index.segments_japanese() and str(app.config.language or "").startswith(
                ("ja", "zh", "ko")):
            warn("Pagefind's extended binary (pagefind[extended]) is not installed, so "
                 "Japanese, Chinese and Korean words are not split and whole runs of text "
                 "must match: pip install 'sphinx-eventarchive[search]'", "config")


def _speaker_key(site: Site, pagename: str) -> str | None:
    """The speaker a generated page is about, from the slug in its name."""
    folder = f"{site.config.eventarchive_speakers_path}/"
    if not pagename.startswith(folder):
        return None
    speaker = site.archive.speakers_by_slug.get(pagename[len(folder):])
    return speaker.key if speaker is not None else None


def mark_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: Any) -> None:
    """html-page-context: what Pagefind indexes on this page, and its facets."""
    from sphinx_eventarchive.write.pages import PAGE_CONTEXT

    if not enabled(app) or "body" not in context:
        return
    site = Site(app.env, app.builder)
    domain: EventArchiveDomain = site.domain
    if doctree is not None:
        if domain.is_draft(pagename):
            return  # held back from every index
        facets = document_facets(site, pagename)
    else:
        own = context.get(PAGE_CONTEXT) or {}
        key = _speaker_key(site, pagename) if own.get("kind") == "speaker" else None
        if key is None or getattr(site.archive.speakers[key], "noindex", False):
            return  # listings and index pages are not results of their own
        facets = speaker_facets(site, key)
    context["body"] = f"{BODY_START}{facets.html()}\n{context['body']}{BODY_END}"


def build_index(app: Sphinx, exception: BaseException | None, state: BuildState) -> None:
    """build-finished: index the site, or remove an index search no longer wants."""
    if exception is not None or app.builder.name not in PAGE_BUILDERS:
        return
    if not enabled(app):
        index.remove(Path(app.outdir), state)
        return
    index.build(Site(app.env, app.builder), state)
