"""The one place where the components are wired together.

Each Sphinx event the extension listens to has one handler here, which calls the
components in a written order: what one writes that another reads (the social
tags before the readers' rules, the exports before the state that remembers
them) is ordered in this file, not by priorities spread over modules.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive._compat import (
    import_opengraph_quietly,
    keep_through_index_load,
    quiet_myst_option_warnings,
    register_virtual_pages,
    release_virtual_pages,
    sphinx_design_static,
    title_virtual_pages,
    toc_virtual_pages,
)
from sphinx_eventarchive.archive.domain import EventArchiveDomain
from sphinx_eventarchive.archive.pages import index_pages, taken_by
from sphinx_eventarchive.archive.state import BuildState
from sphinx_eventarchive.archive.targets import warn_missing_reference
from sphinx_eventarchive.config import OPTIONS, check_config
from sphinx_eventarchive.exports import Exports, add_feed_link, pagefeeds, sitemap
from sphinx_eventarchive.messages import CATALOG
from sphinx_eventarchive.read import frontmatter, references, sources, speakerdeck
from sphinx_eventarchive.read.directives import DIRECTIVES
from sphinx_eventarchive.read.roles import ROLES, ArchiveRole
from sphinx_eventarchive.social import cardimages, metatags
from sphinx_eventarchive.write import assets
from sphinx_eventarchive.write.cards import ResolveArchive, ShowLinkTargets
from sphinx_eventarchive.write.collector import Collector
from sphinx_eventarchive.write.html import HANDLERS
from sphinx_eventarchive.write.pagebodies import PAGE_CONTEXT
from sphinx_eventarchive.write.pages import GeneratedPages, searchable
from sphinx_eventarchive.write.phrasing import MarkPhrases

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

HERE = Path(__file__).parent


def setup_extension(app: Sphinx) -> None:
    # What we build on; listing them in conf.py too is harmless.
    app.setup_extension("sphinx_design")
    import_opengraph_quietly()
    app.setup_extension("sphinxext.opengraph")

    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild,  # type: ignore[arg-type]
                             types=frozenset(option.types), description=option.help)
    app.add_message_catalog(CATALOG, str(HERE / "locale"))
    app.add_domain(EventArchiveDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    for name, typ in ROLES.items():
        app.add_role(name, ArchiveRole(typ))
    for node, (visit, depart) in HANDLERS.items():
        app.add_node(node, override=True, html=(visit, depart))
    app.add_post_transform(ResolveArchive)
    app.add_post_transform(ShowLinkTargets)
    app.add_post_transform(MarkPhrases)
    quiet_myst_option_warnings(tuple(DIRECTIVES))

    handlers = Handlers()
    for event, handler, priority in (
        ("config-inited", handlers.config_inited, 500),
        ("builder-inited", handlers.builder_inited, 900),  # after sphinx-design's
        ("env-purge-doc", handlers.env_purge_doc, 500),
        ("env-before-read-docs", handlers.env_before_read_docs, 500),
        ("source-read", sources.source_read, 500),
        ("doctree-read", handlers.doctree_read, 500),
        ("env-updated", handlers.env_updated, 500),
        ("env-get-updated", handlers.env_get_updated, 500),
        ("warn-missing-reference", warn_missing_reference, 500),
        ("doctree-resolved", handlers.doctree_resolved, 500),
        ("write-started", handlers.write_started, 500),
        # Before sphinxext-opengraph (500), which takes the page's og:* values from us.
        ("html-page-context", handlers.html_page_context, 400),
        ("html-collect-pages", handlers.html_collect_pages, 500),
        # Before sphinx-sitemap writes its file (500), which we hand the generated pages.
        ("build-finished", handlers.build_finished, 400),
    ):
        app.connect(event, handler, priority=priority)


class Handlers:
    """One handler per Sphinx event, calling the components in order. Build state has
    one owner; every output that depends on it is handed it."""

    def __init__(self) -> None:
        self.state = BuildState()
        self.pages = GeneratedPages(self.state)
        self.exports = Exports(self.state)
        self.feeds = pagefeeds.PageFeeds(self.state)
        self.collector = Collector()

    def config_inited(self, app: Sphinx, config: Config) -> None:
        check_config(app, config)  # first: what follows reads the values it checked
        cardimages.check_font(app, config)
        add_static_path(config)
        for folder in config.locale_dirs:
            # A site's own translations of our labels, for a language we do not ship.
            app.add_message_catalog(CATALOG, str(Path(app.srcdir, folder)))
        # The generated index pages may be toctree entries, as genindex is.
        register_virtual_pages({page.pagename: page.title
                                for page in index_pages(config).values()})

    def builder_inited(self, app: Sphinx) -> None:
        self.state.load(app)
        paths = app.config.html_static_path  # sphinx-design adds its folder a second time
        paths[:] = list(dict.fromkeys(paths))
        keep_through_index_load(app.builder, lambda: searchable(self.state, app))
        search = _search()
        if search is not None:
            search.check_installed(app)

    def env_purge_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.state.purge(app, env, docname)

    def env_before_read_docs(self, app: Sphinx, env: BuildEnvironment,
                             docnames: list[str]) -> None:
        self.state.before_read(app, env, docnames)
        # An index page a document of the user's takes (speakers.md lands where
        # speakers/index would under dirhtml) is no toctree entry of ours.
        register_virtual_pages({page.pagename: page.title
                                for page in index_pages(app.config).values()
                                if not taken_by(page.pagename, env.found_docs)})

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        frontmatter.doctree_read(app, doctree)
        references.doctree_read(app, doctree)

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> None:
        title_virtual_pages(app, env)
        sitemap.leave_out_generated(app, env)

    def env_get_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return self.state.updated(app, env)

    def doctree_resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        self.state.resolved.add(docname)  # in the main process under -j N too

    def write_started(self, app: Sphinx, builder: Builder) -> None:
        assets.copy(app, builder)
        metatags.archive_site_defaults(app, builder)
        cardimages.register_with_matplotlib(app, builder)
        self.collector.hold(app, self.state)  # last: what reading built, off the collector

    def html_page_context(self, app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: nodes.document | None) -> None:
        own = context.get(PAGE_CONTEXT)  # a generated page's own values (write/pages.py)
        assets.link(app, pagename, context, doctree, own)
        metatags.page_context(app, pagename, context, doctree, own)
        if app.config.eventarchive_seo_warnings:  # after the tags it reads back
            # The check command's rules are imported only when asked for.
            from sphinx_eventarchive.check.inbuild import seo_warnings

            seo_warnings(app, pagename, context, doctree)
        add_feed_link(app, context)
        pagefeeds.announce(app, pagename, context, doctree, own)
        search = _search()
        if search is not None:
            search.mark_page(app, pagename, templatename, context, doctree)

    def html_collect_pages(self, app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        self.collector.release()  # the documents are written: their doctrees can go
        toc_virtual_pages(app)  # before the pages: a theme reads them as it draws them
        yield from self.pages.collect(app)
        search = _search()
        if search is not None:
            from sphinx_eventarchive.search.page import search_page

            yield from search_page(app, self.state)

    def build_finished(self, app: Sphinx, exception: BaseException | None) -> None:
        try:
            self.exports.write(app, exception)
            self.feeds.write(app, exception)
            search = _search()
            if search is not None:
                search.build_index(app, exception, self.state)
            sitemap.hand_in(app, exception)  # after the search page, a page of its own
            cardimages.remove_orphans(app, exception)
            speakerdeck.save_answers(app, exception)
            self.state.save(app, exception)  # last: it remembers what every writer wrote
        finally:
            release_virtual_pages()  # the build is over: the process's toctrees are Sphinx's
            self.collector.release()  # a builder without html-collect-pages, or a failure


def _search() -> Any:
    """The static search (``search/``), imported when a build first asks for it."""
    from sphinx_eventarchive import search

    return search


def add_static_path(config: Config) -> None:
    # At config-inited, not builder-inited: the environment compares the config
    # with the pickled one before the builder exists, and a path added later
    # would look like a config change and force a full rebuild every time.
    # Our own files are not here: they are copied only when a page needs them
    # (write/assets.py).
    static = sphinx_design_static()
    if static and static not in config.html_static_path:
        config.html_static_path.append(static)
