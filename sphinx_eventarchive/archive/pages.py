"""Where the generated pages live: their names, for every builder and layer that names them.

The domain resolves roles to them, the page writer writes them, feeds and
the sitemap name them: each asks these rules, which depend on the
configuration alone.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sphinx.config import Config

#: Builders that get the generated events, speakers and tags pages.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


def has_pages(builder: str, config: Config) -> bool:
    """Whether a builder (by name) writes the events, speakers and tags pages."""
    return builder in PAGE_BUILDERS and bool(config.eventarchive_generate_pages)


class IndexPage(NamedTuple):
    pagename: str
    title: Any  # lazy: the page's language is known only once the builder exists


def index_pages(config: Config) -> dict[str, IndexPage]:
    """The generated index pages by the short name the {archive-page} role takes."""
    from sphinx_eventarchive.messages import _

    pages = {"events": IndexPage(f"{config.eventarchive_events_path}/index", _("Events")),
             "speakers": IndexPage(f"{config.eventarchive_speakers_path}/index",
                                   _("Speakers")),
             "tags": IndexPage(f"{config.eventarchive_tags_path}/index", _("Tags"))}
    if config.eventarchive_search:
        pages["search"] = IndexPage(f"{config.eventarchive_search_path}/index",
                                    _("Search the archive"))
    return pages


def speaker_page(config: Config, slug: str) -> str:
    """The name of a speaker's generated page (whatever the builder)."""
    return f"{config.eventarchive_speakers_path}/{slug}"


def tag_page(config: Config, slug: str) -> str:
    return f"{config.eventarchive_tags_path}/{slug}"


def taken_by(pagename: str, documents: Container[str]) -> str:
    """The user's document a generated page would land on under any builder, or "".

    ``html`` writes ``speakers/index`` to ``speakers/index.html``; ``dirhtml`` writes a
    document ``speakers`` there too, and ``tags/x/index`` where ``tags/x`` goes. A page
    that collides under one builder is the user's under all, so the site is the same
    whichever builds it.
    """
    if pagename in documents:
        return pagename
    folder = pagename.removesuffix("/index")
    if folder != pagename and folder in documents:
        return folder
    below = f"{pagename}/index"
    return below if below in documents else ""


def path_setting(config: Config, pagename: str) -> str:
    """The ``eventarchive_*_path`` setting that moves a generated page."""
    folder = pagename.partition("/")[0]
    for name in ("events", "speakers", "tags", "search"):
        if getattr(config, f"eventarchive_{name}_path") == folder:
            return f"eventarchive_{name}_path"
    return "eventarchive_*_path"
