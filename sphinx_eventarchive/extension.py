"""The one place where the components are wired together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive._compat import (
    import_opengraph_quietly,
    quiet_myst_option_warnings,
    register_virtual_pages,
    sphinx_design_static,
    title_virtual_pages,
    toc_virtual_pages,
)
from sphinx_eventarchive.archive.domain import EventArchiveDomain, warn_missing_reference
from sphinx_eventarchive.archive.pages import index_pages, taken_by
from sphinx_eventarchive.archive.state import BuildState
from sphinx_eventarchive.config import setup_config
from sphinx_eventarchive.exports import setup_exports
from sphinx_eventarchive.messages import CATALOG
from sphinx_eventarchive.read import frontmatter, references, sources, speakerdeck
from sphinx_eventarchive.read.directives import DIRECTIVES, setup_directives
from sphinx_eventarchive.read.roles import setup_roles
from sphinx_eventarchive.search import setup_search
from sphinx_eventarchive.social.cardimages import setup_card_images
from sphinx_eventarchive.social.metatags import setup_social
from sphinx_eventarchive.write import assets
from sphinx_eventarchive.write.cards import ResolveArchive, ShowLinkTargets
from sphinx_eventarchive.write.html import HANDLERS
from sphinx_eventarchive.write.pages import setup_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

HERE = Path(__file__).parent


def setup_extension(app: Sphinx) -> None:
    # What we build on; listing them in conf.py too is harmless.
    app.setup_extension("sphinx_design")
    import_opengraph_quietly()
    app.setup_extension("sphinxext.opengraph")

    setup_config(app)
    app.add_message_catalog(CATALOG, str(HERE / "locale"))
    app.add_domain(EventArchiveDomain)
    app.connect("warn-missing-reference", warn_missing_reference)
    setup_directives(app)
    setup_roles(app)
    for node, (visit, depart) in HANDLERS.items():
        app.add_node(node, override=True, html=(visit, depart))
    app.add_post_transform(ResolveArchive)
    app.add_post_transform(ShowLinkTargets)

    quiet_myst_option_warnings(tuple(DIRECTIVES))
    app.connect("source-read", sources.source_read)
    app.connect("doctree-read", frontmatter.doctree_read)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", translations_of_the_site)
    app.connect("doctree-read", references.doctree_read)
    app.connect("config-inited", index_pages_in_toctrees, priority=900)  # after validation
    app.connect("env-before-read-docs", leave_index_pages_to_the_user)
    app.connect("env-updated", title_virtual_pages)
    app.connect("html-collect-pages", toc_virtual_pages, priority=400)  # before our pages
    app.connect("builder-inited", dedupe_static_path, priority=900)
    app.connect("write-started", assets.copy)
    app.connect("html-page-context", assets.link)

    # Build state has one owner; every output that depends on it is handed it.
    state = BuildState()
    app.connect("builder-inited", state.load)
    app.connect("env-purge-doc", state.purge)
    app.connect("env-before-read-docs", state.before_read)
    app.connect("env-get-updated", state.updated)
    setup_pages(app, state)
    setup_social(app)
    app.connect("html-page-context", seo_warnings, priority=450)  # after the social tags
    setup_card_images(app)
    setup_search(app, state)
    setup_exports(app, state)
    app.connect("build-finished", speakerdeck.save_answers)
    app.connect("build-finished", state.save, priority=900)  # after every writer


def seo_warnings(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """html-page-context: readers' rules as warnings, when asked for (the check command's
    rules are imported only then: a build that does not ask loads nothing of them)."""
    if app.config.eventarchive_seo_warnings:
        from sphinx_eventarchive.check.inbuild import seo_warnings as check_page

        check_page(app, pagename, templatename, context, doctree)


def add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, not builder-inited: the environment compares the config
    # with the pickled one before the builder exists, and a path added later
    # would look like a config change and force a full rebuild every time.
    # Our own files are not here: they are copied only when a page needs them
    # (write/assets.py).
    static = sphinx_design_static()
    if static and static not in config.html_static_path:
        config.html_static_path.append(static)


def translations_of_the_site(app: Sphinx, config: Config) -> None:
    """A site's own ``locale_dirs`` may translate our labels too
    (``<dir>/<language>/LC_MESSAGES/eventarchive.mo``): a language we ship keeps ours,
    another gets the site's."""
    for folder in config.locale_dirs:
        app.add_message_catalog(CATALOG, str(Path(app.srcdir, folder)))


def index_pages_in_toctrees(app: Sphinx, config: Config) -> None:
    """The generated index pages may be toctree entries (``events/index``), like ``genindex``."""
    register_virtual_pages({page.pagename: page.title for page in index_pages(config).values()})


def leave_index_pages_to_the_user(app: Sphinx, env: BuildEnvironment,
                                  docnames: list[str]) -> None:
    """env-before-read-docs: an index page a document of the user's takes (``speakers.md``
    lands where ``speakers/index`` would under dirhtml) is no toctree entry of ours."""
    register_virtual_pages({page.pagename: page.title
                            for page in index_pages(app.config).values()
                            if not taken_by(page.pagename, env.found_docs)})


def dedupe_static_path(app: Sphinx) -> None:
    paths = app.config.html_static_path
    paths[:] = list(dict.fromkeys(paths))
