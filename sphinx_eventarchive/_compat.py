"""Shims for other packages' quirks and private APIs, each with the versions it is for.

Everything the extension needs from another package beyond its public API
goes through here, so a new release of that package is checked in one place.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def app_of(env: BuildEnvironment) -> Sphinx:
    """The application of an environment.

    Sphinx 9 deprecates ``env.app`` in favour of the private ``env._app``;
    Sphinx 8 has only ``env.app``.
    """
    return getattr(env, "_app", None) or env.app


def builder_of(env: BuildEnvironment) -> Builder:
    return app_of(env).builder


def local_toctree(builder: Builder, pagename: str, section: str = "", **kwargs: Any) -> str:
    """The HTML builder's ``toctree()`` for a page, drawn as its ``_get_local_toctree``
    (private, Sphinx 7.2–9) draws it, from the public ``global_toctree_for_doc`` and
    ``render_partial``; with ``section``'s entry marked current as Sphinx marks the
    branch of the page being read: a generated page is in no toctree, and its index is
    the section it belongs to. The entry keeps its link (only the page itself is ``#``)."""
    from docutils import nodes
    from sphinx.environment.adapters.toctree import global_toctree_for_doc

    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    kwargs.setdefault("includehidden", False)
    kwargs.setdefault("collapse", True)
    toctree = global_toctree_for_doc(builder.env, pagename, builder,  # type: ignore[arg-type]
                                     tags=builder.tags, **kwargs)
    if toctree is not None and section:
        target = builder.get_relative_uri(pagename, section)
        for ref in toctree.findall(nodes.reference):
            if ref.get("refuri") == target and not ref.get("anchorname"):
                branch: Any = ref
                while branch is not None:
                    branch["classes"].append("current")
                    branch = branch.parent
                break
    return builder.render_partial(toctree)["fragment"]  # type: ignore[attr-defined]


def documents_in_inventory(env: BuildEnvironment, pages: dict[str, str]) -> None:
    """Let ``objects.inv`` list pages written beside the documents as ``std:doc`` entries
    (page -> title), so another project's ``{doc}`` reaches them through intersphinx.

    Sphinx (7–9) writes ``std:doc`` for ``env.all_docs`` only, from
    ``StandardDomain.get_objects``; this build's std domain yields ours too. Set after
    the environment is pickled (the page writer runs at html-collect-pages), so never
    saved.
    """
    std = env.domains["std"]
    objects = type(std).get_objects

    def with_pages(self: Any = std) -> Any:
        yield from objects(std)
        for page, title in sorted(pages.items()):
            yield page, title, "doc", page, "", -1

    std.get_objects = with_pages  # type: ignore[method-assign]


def sphinx_design_static() -> str:
    """sphinx-design's static folder (``sphinx_design.extension.STATIC_DIR``, 0.5–0.8).

    sphinx-design appends it to ``html_static_path`` at builder-inited, which
    makes every build look like a config change and rewrite every page; we add
    it at config-inited instead and drop the duplicate it adds later.
    """
    try:
        from sphinx_design.extension import STATIC_DIR
    except ImportError:
        return ""
    return str(STATIC_DIR)


def opengraph_draws_card(config: Any, image: str) -> bool:
    """Whether sphinxext-opengraph (0.9–0.13) draws a social card for a page, and so
    writes its own ``twitter:card``: with matplotlib, no image and cards not disabled."""
    try:
        from sphinxext.opengraph import create_social_card
    except ImportError:
        return False
    settings = getattr(config, "ogp_social_cards", None) or {}
    return (create_social_card is not None and not image
            and not getattr(config, "ogp_use_first_image", False)
            and settings.get("enable") is not False)


def document_data(env: BuildEnvironment) -> Any:
    """Sphinx's per-document data: ``env.current_document`` (8.2+), ``env.temp_data`` before."""
    data = getattr(env, "current_document", None)
    return env.temp_data if data is None else data


def quiet_myst_option_warnings(directive_names: tuple[str, ...]) -> None:
    """Drop myst-parser's (4–5) option warnings for our directives: we read their
    options ourselves (``read/options.py``) and warn with our own types.

    MyST warns through the ``sphinx.myst_parser.warnings_`` logger with messages
    ``'<directive>': …`` and subtypes ``directive_option`` / ``directive_comments``.
    """
    import logging

    target = logging.getLogger("sphinx.myst_parser.warnings_")
    prefixes = tuple(f"{name!r}: " for name in directive_names)

    class QuietOurOptions(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return not (getattr(record, "type", None) == "myst"
                        and getattr(record, "subtype", None) in {"directive_option",
                                                                 "directive_comments"}
                        and str(record.msg).startswith(prefixes))

    for existing in list(target.filters):
        if type(existing).__name__ == QuietOurOptions.__name__:
            target.removeFilter(existing)
    target.addFilter(QuietOurOptions())


# Pages we made toctree entries for, so a later build in the same process (a test
# suite, sphinx-autobuild) can take back what an earlier one added.
_VIRTUAL_PAGES: set[str] = set()


def register_virtual_pages(pages: dict[str, Any]) -> None:
    """Let toctrees list pages written beside the documents, as ``genindex`` is.

    Sphinx (5.2–9) keeps the pages a toctree may name without a document in the
    class attribute ``StandardDomain._virtual_doc_names`` (page -> (page, title)),
    and reads it from the class (``directives/other.py``, the toctree adapter), so
    only the class can carry ours. They are there from config-inited to
    build-finished (:func:`release_virtual_pages`): another build in the same
    process (a test suite, sphinx-autobuild) sees Sphinx's own list.
    """
    from sphinx.domains.std import StandardDomain

    virtual = getattr(StandardDomain, "_virtual_doc_names", None)
    if not isinstance(virtual, dict):
        return
    for page in _VIRTUAL_PAGES - set(pages):
        virtual.pop(page, None)
    ours = set(_VIRTUAL_PAGES)  # what an earlier build in this process added
    _VIRTUAL_PAGES.clear()
    for page, title in pages.items():
        if page not in virtual or page in ours:
            virtual[page] = (page, title)
            _VIRTUAL_PAGES.add(page)


def release_virtual_pages() -> None:
    """build-finished: take back the pages :func:`register_virtual_pages` added."""
    from sphinx.domains.std import StandardDomain

    virtual = getattr(StandardDomain, "_virtual_doc_names", None)
    if isinstance(virtual, dict):
        for page in _VIRTUAL_PAGES:
            virtual.pop(page, None)
    _VIRTUAL_PAGES.clear()


def title_virtual_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: give the pages of :func:`register_virtual_pages` a title in ``env.titles``.

    pydata-sphinx-theme (0.13–0.20, and sphinx-book-theme built on it) reads
    ``env.titles[page]`` for every entry of the root document's toctrees written
    without a title, and fails on a page that is no document (``genindex`` too).
    A document of the user's at that name keeps its own title.
    """
    from docutils import nodes
    from sphinx.domains.std import StandardDomain

    virtual = getattr(StandardDomain, "_virtual_doc_names", None) or {}
    for page in _VIRTUAL_PAGES:
        if page in virtual and page not in env.all_docs:
            title = str(virtual[page][1])
            env.titles[page] = nodes.title(title, title)


def toc_virtual_pages(app: Sphinx) -> list[Any]:
    """html-collect-pages: an empty ``env.tocs`` entry for each page of
    :func:`register_virtual_pages`, while those pages are written.

    pydata-sphinx-theme (0.13–0.20) draws a page's sidebar from ``env.tocs`` of
    its top-level ancestor, which for an index page named in the root toctree
    is the page itself. The environment is pickled before the write phase, so
    the entries never reach a later build (where LaTeX would take them for
    documents to include).
    """
    from docutils import nodes

    for page in _VIRTUAL_PAGES:
        if page not in app.env.all_docs:
            app.env.tocs.setdefault(page, nodes.bullet_list())
    return []


def keep_in_search_index(indexer: Any, pagenames: set[str]) -> None:
    """Let pages written beside the documents stay in Sphinx's search index.

    Sphinx (7–9) prunes the index to ``env.all_docs`` just before dumping it
    (``StandaloneHTMLBuilder.dump_search_index``), which would drop every page
    fed that is not a document. This build's indexer keeps ours too.
    """
    prune = indexer.prune

    def prune_keeping_ours(docnames: Any) -> None:
        prune(set(docnames) | pagenames)

    indexer.prune = prune_keeping_ours


def keep_through_index_load(builder: Any, pagenames: Callable[[], set[str]]) -> None:
    """Let the pages written beside the documents last time survive the loading of
    Sphinx's previous search index, so that only pages that changed are fed again.

    Sphinx (7–9) loads the previous index (``StandaloneHTMLBuilder.load_indexer``) and
    prunes it to the documents it will not write again, which drops every such page:
    feeding all of them again on each build was 2 of a pyvideo-sized edit's 20 s. The
    page writer drops the entries of pages that changed or went (:func:`unindex`).
    """
    load = getattr(builder, "load_indexer", None)
    if load is None or getattr(load, "eventarchive_keeps", False):
        return

    def load_keeping(docnames: Any) -> None:
        indexer = builder.indexer
        prune = indexer.prune
        indexer.prune = lambda keep: prune(set(keep) | pagenames())
        try:
            load(docnames)
        finally:
            indexer.prune = prune

    load_keeping.eventarchive_keeps = True  # type: ignore[attr-defined]
    builder.load_indexer = load_keeping


def indexed(indexer: Any) -> set[str]:
    """The pages and documents Sphinx's search index holds now (``IndexBuilder._titles``,
    Sphinx 7–9)."""
    return set(getattr(indexer, "_titles", ()))


def unindex(indexer: Any, pagenames: set[str]) -> None:
    """Drop pages from Sphinx's search index (its own ``prune`` keeps what it is given)."""
    if pagenames:
        type(indexer).prune(indexer, indexed(indexer) - pagenames)


def remember_stems(indexer: Any) -> None:
    """Let Sphinx's search index stem each word once per build, not once per page.

    ``IndexBuilder.feed`` (Sphinx 7–9) memoises stems within one page only. Thousands of
    speaker and tag pages share most of their words, and stemming them again was half
    of a pyvideo-sized edit's time spent feeding the index (5.9 of 10 s profiled). A
    stem depends only on the word, so this build's language remembers them.
    """
    language = getattr(indexer, "lang", None)
    if language is None or getattr(language, "eventarchive_stems", False):
        return
    language.stem = functools.lru_cache(maxsize=1 << 16)(language.stem)
    language.eventarchive_stems = True


def parsing_into(directive: Any) -> Any:
    """The node a directive's output goes into: docutils' ``state.parent``; MyST
    (4–5) mocks the state and keeps it as ``state._renderer.current_node``."""
    state = directive.state
    renderer = vars(state).get("_renderer")  # MyST's mock raises on attributes it lacks
    if renderer is not None:
        return getattr(renderer, "current_node", None)
    return getattr(state, "parent", None)


def import_opengraph_quietly() -> None:
    """Import sphinxext-opengraph without the line it prints on every build.

    sphinxext-opengraph (0.9–0.13) calls ``print("matplotlib is not installed,
    social cards will not be generated")`` at import when matplotlib is
    missing: a bare print, so ``-q`` cannot hide it. Importing it here with
    stdout captured puts it in ``sys.modules``; Sphinx's own import of the
    extension then prints nothing. What it said is kept at ``-v``. It only
    helps when our extension is set up first (it sets up opengraph itself, so
    listing ``sphinxext.opengraph`` is not needed).
    """
    if "sphinxext.opengraph" in sys.modules:
        return
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        try:
            importlib.import_module("sphinxext.opengraph")
        except ImportError:
            return  # Sphinx reports the missing extension itself
    from sphinx.util import logging

    for line in said.getvalue().splitlines():
        logging.getLogger(__name__).verbose("sphinxext-opengraph: %s", line)


def sitemap_queue(app: Sphinx) -> Any:
    """sphinx-sitemap's (2.0–2.9) queue of (link, lastmod) pairs it writes at build-finished.

    It keeps it as ``app.sitemap_links`` (a multiprocessing queue, so pages
    written under ``-j N`` reach it), set at builder-inited; None without it.
    """
    queue = getattr(app, "sitemap_links", None)
    return queue if queue is not None and hasattr(queue, "put") else None
