"""The generated pages: events, speakers and tags, for the ``html`` and ``dirhtml`` builders.

They are written beside the documents, like Sphinx's own ``genindex`` and
``search`` pages, not read as documents (see ``docs/architecture.md``).
Sphinx writes every page an extension yields from ``html-collect-pages`` on
every build, which is why a peer rewrites its whole archive on a no-op build.
Each page is planned with the archive keys it shows (``write/pagebodies.py``);
the digest of those keys (``archive/freshness.py``) is compared with the one
the build state recorded when the page was last written, and only pages that
changed or whose file is missing are made and yielded. Pages that no longer
exist are deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.display import status_iterator
from sphinx.util.docutils import new_document
from sphinx.util.parallel import ParallelTasks, parallel_available

from sphinx_eventarchive._compat import (
    documents_in_inventory,
    indexed,
    keep_in_search_index,
    local_toctree,
    remember_stems,
    unindex,
)
from sphinx_eventarchive.archive.freshness import digest
from sphinx_eventarchive.archive.pages import index_pages, path_setting
from sphinx_eventarchive.archive.state import BuildState, config_digest
from sphinx_eventarchive.messages import warn
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.pagebodies import PAGE_CONTEXT, Page, PageWriter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["PAGE_CONTEXT", "GeneratedPages", "searchable"]


# -- which generated pages to write ----------------------------------------------


#: Bump when what a page's digest covers, or how a page is indexed, changes: an upgrade
#: then writes and indexes every page once.
PAGES_FORMAT = "3"


def _fingerprint(app: Sphinx) -> str:
    # When Sphinx rewrites every page for a change of config or theme, so do we (and for
    # -a, -E or an edited template: BuildState.rewrites_everything).
    info = getattr(app.builder, "build_info", None)
    return digest(PAGES_FORMAT, str(getattr(info, "config_hash", "")),
                  str(app.env.config_status), app.builder.get_target_uri("x"))


def _current_shape(written: dict[str, Any]) -> bool:
    """Whether a state file's pages are [digest, title, description, indexed] (older: 3)."""
    return all(len(entry) == 4 for entry in written.get("pages", {}).values())


def _written(app: Sphinx, pagename: str) -> bool:
    """Whether a page's file is there (asked of every page on every build: no Path made)."""
    return os.path.isfile(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]


def _outfile(app: Sphinx, pagename: str) -> Path:
    return Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]


class GeneratedPages:
    """``html-collect-pages``: write the generated pages that changed, and index them all.

    Bodies are made here, one at a time, their cards left as marks, to compare
    their digests with the state file; the cards of a page that changed are
    then rendered; the theme's rendering of a changed page (the costly part) is
    done by Sphinx, or under ``-j N`` by a pool of processes in chunks. Pages
    that changed are fed to Sphinx's search index again (:class:`SearchPages`).
    """

    #: Pages per task under -j N: large enough to pay for a fork, small enough to share.
    CHUNK = 200

    def __init__(self, state: BuildState) -> None:
        self.state = state

    def collect(self, app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        site = Site(app.env, app.builder)
        previous = self.state.written("pages")
        if not site.has_pages or not (site.is_archive or site.domain.named_pages()):
            for pagename in previous.get("pages", {}):
                _remove_page(app, pagename)  # turned off, or nothing to show: ours go too
            self.state.note_written("pages", {})
            return iter(())
        # The index pages are in objects.inv as documents are, for other projects' {doc}.
        documents_in_inventory(app.env, {
            page.pagename: str(page.title) for page in index_pages(app.config).values()
            if site.writes_page(page.pagename) and not site.user_page(page.pagename)})
        fingerprint = _fingerprint(app)
        old_pages: dict[str, list[Any]] = previous.get("pages", {}) if previous.get(
            "fingerprint") == fingerprint and _current_shape(previous) \
            and not self.state.rewrites_everything(app.env) else {}
        search = SearchPages(app, previous.get("pages", {}))
        # What every page is made from: the archive's contents, and which names are the
        # user's own documents (a page of theirs wins over a generated one).
        made_from = [self.state.content(site.domain, site.builder.name),
                     digest(*sorted(app.env.all_docs))]
        if old_pages and previous.get("made_from") == made_from and all(
                _written(app, name) for name in old_pages):
            # Nothing the pages show changed (an edit of prose, a no-op build): every page
            # would render as it did.
            self.state.note_written("pages", previous)
            search.update({name: (title, description) for name, (_digest, title, description,
                                                               indexed) in old_pages.items()
                           if indexed}, unchanged=set(old_pages))
            return iter(())
        writer = PageWriter(site)
        plans = [plan for plan in writer.plan() if site.writes_page(plan.pagename)]
        names = [plan.pagename for plan in plans]
        for pagename in set(previous.get("pages", {})) - set(names):
            _remove_page(app, pagename)
        pages: dict[str, list[Any]] = {}
        self.state.note_written("pages", {"fingerprint": fingerprint, "pages": pages,
                                          "made_from": made_from})
        digests = site.domain.digests(site.builder.name)
        settings = config_digest(app.config)

        def changed() -> Iterator[Page]:
            # One page at a time: bodies of thousands of speaker pages are never
            # all held at once, and a page whose digest did not change is not made.
            listed: dict[str, tuple[str, str]] = {}
            unchanged: set[str] = set()
            for plan in plans:
                if _taken_by_user(app, site, plan.pagename):
                    continue
                page_digest = digest(settings, plan.pagename, digests.of_all(plan.shows))
                old = old_pages.get(plan.pagename)
                if old is not None and old[0] == page_digest and _written(app, plan.pagename):
                    pages[plan.pagename] = old
                    unchanged.add(plan.pagename)
                else:
                    pagename, context = plan.make()
                    own = context[PAGE_CONTEXT]
                    # A speaker who asked for :noindex: stays out of the site's search too.
                    pages[pagename] = [page_digest, own["title"], own["description"],
                                       not own.get("noindex")]
                    yield pagename, context
                _digest, title, description, indexed = pages[plan.pagename]
                if indexed:
                    listed[plan.pagename] = (title, description)
            search.update(listed, unchanged)

        toctrees = FolderToctrees(app.builder, site)
        themed = ((name, {**context, "display_toc": False, "toc": "",
                          "toctree": toctrees.for_page(name)}, "page.html")
                  for name, context in status_iterator(
                      changed(), "writing archive pages... ", "darkgreen", len(names),
                      app.verbosity, stringify_func=lambda page: page[0]))
        if app.parallel > 1 and parallel_available and app.is_parallel_allowed("write"):
            _write_in_parallel(app, themed, self.CHUNK)
            return iter(())
        return themed


def _write_in_parallel(app: Sphinx, pages: Iterator[tuple[str, dict[str, Any], str]],
                       chunk: int) -> None:
    """Render and write pages in a pool of processes (the same bytes as one by one)."""
    builder = app.builder

    def write(batch: list[tuple[str, dict[str, Any], str]]) -> None:
        for pagename, context, template in batch:
            builder.handle_page(pagename, context, template)  # type: ignore[attr-defined]

    tasks = ParallelTasks(app.parallel)
    batch: list[tuple[str, dict[str, Any], str]] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= chunk:
            tasks.add_task(write, batch)
            batch = []
    if batch:
        tasks.add_task(write, batch)
    tasks.join()


class SearchPages:
    """The generated pages in Sphinx's search index: their title and what they are about.

    Sphinx's index keeps documents from one build to the next; our pages are
    kept through its loading too (:func:`keep_through_index_load`), so a page
    that did not change stays as it was indexed and only the others are fed.
    """

    def __init__(self, app: Sphinx, previous: dict[str, Any]) -> None:
        self.app = app
        self.indexer = getattr(app.builder, "indexer", None)
        # The pages the previous build wrote that are in the index as loaded.
        self.loaded = indexed(self.indexer) & set(previous) if self.indexer else set()

    def update(self, listed: dict[str, tuple[str, str]], unchanged: set[str]) -> None:
        """``listed``: every page to be searchable now, (title, description);
        ``unchanged``: pages that render as they did when last indexed."""
        if self.indexer is None:
            return
        kept = self.loaded & unchanged & set(listed)
        unindex(self.indexer, self.loaded - kept)
        remember_stems(self.indexer)  # before feeding: pages share most of their words
        for pagename, (title, description) in listed.items():
            if pagename not in kept:
                self.feed(pagename, title, description)
        keep_in_search_index(self.indexer, set(listed))

    def feed(self, pagename: str, title: str, description: str) -> None:
        doctree = new_document(pagename)
        section = nodes.section()
        section += nodes.title(title, title)
        section += nodes.paragraph(description, description)
        doctree += section
        filename = _outfile(self.app, pagename).relative_to(self.app.outdir).as_posix()
        self.indexer.feed(pagename, filename, title, doctree)  # type: ignore[union-attr]


def searchable(state: BuildState, app: Sphinx) -> set[str]:
    """The pages the previous build put in the search index, for keeping through its loading."""
    return {name for name, entry in state.written("pages").get("pages", {}).items()
            if entry[-1] is True and name not in app.env.all_docs}


class FolderToctrees:
    """The theme's ``toctree()`` for generated pages, drawn once per index and folder depth.

    A generated page is in no toctree; its navigation marks its index as the current
    section (a speaker page is under ``speakers/index``, a tag page under
    ``tags/index``) when the index is a toctree entry, and nothing when it is not.
    Every page of one index at one depth gets the same navigation (the relative
    links depend on the depth alone): drawing it once instead of once per speaker
    and tag page is most of what keeps a large archive's build near plain Sphinx.
    An index page itself is drawn on its own: it is the current entry.
    """

    def __init__(self, builder: Builder, site: Site) -> None:
        self.builder = builder
        self.cache: dict[tuple[str, str, str], str] = {}
        config = site.config
        self.indexes = {f"{folder}/": f"{folder}/index" for folder in (
            config.eventarchive_events_path, config.eventarchive_speakers_path,
            config.eventarchive_tags_path, config.eventarchive_search_path)}

    def parent(self, pagename: str) -> str:
        """The index a generated page belongs under; "" for an index page itself."""
        if pagename in self.indexes.values():
            return ""
        folder = pagename.rpartition("/")[0] + "/"
        return self.indexes.get(folder, "")

    def for_page(self, pagename: str) -> Callable[..., str]:
        parent = self.parent(pagename)
        depth = self.builder.get_relative_uri(pagename, self.builder.config.root_doc)
        # An index page's navigation is its own; its pages share one per depth.
        group = f"under {parent}" if parent else f"itself {pagename}"

        def toctree(**kwargs: Any) -> str:
            key = (group, depth, repr(sorted(kwargs.items())))
            if key not in self.cache:
                self.cache[key] = local_toctree(self.builder, pagename, parent, **kwargs)
            return self.cache[key]

        return toctree


def _taken_by_user(app: Sphinx, site: Site, pagename: str) -> bool:
    """A page of the user's own at a generated page's name wins, with a warning."""
    mine = site.user_page(pagename)
    if mine:
        warn(f"the generated page {pagename!r} would be written where your page {mine!r} is "
             f"(under html or dirhtml), so it is not written and links go to yours; rename "
             f"yours or set {path_setting(site.config, pagename)}", "path", mine)
        return True
    if not app.config.html_extra_path:
        return False
    target = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
    extra = site.user_extra_file(target.relative_to(app.outdir).as_posix())
    if extra:
        warn(f"{extra} (html_extra_path) replaces the generated page {pagename!r}; "
             f"rename it or set {path_setting(site.config, pagename)}", "path")
        return True
    return False


def _remove_page(app: Sphinx, pagename: str) -> None:
    outfile = _outfile(app, pagename)
    outfile.unlink(missing_ok=True)
    # Folders the generated pages made go with their last page (never the output root).
    folder = outfile.parent
    while folder != Path(app.outdir) and Path(app.outdir) in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break  # not empty: something else lives there
        folder = folder.parent
