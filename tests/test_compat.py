"""What ``_compat.py`` leans on in Sphinx and the packages we build on: a test per shim.

Each shim works around a private API or a quirk of one release range. When a
test here fails, a new release changed what that shim relies on: read the
shim's docstring in ``sphinx_eventarchive/_compat.py`` (it names the versions
it is for) and change the shim, not the test. The behaviour each shim gives
users is tested elsewhere, with built projects; these tests say *which*
assumption broke, instead of a toctree or a search result going quietly wrong.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.domains.std import StandardDomain
from sphinx.search import IndexBuilder

from sphinx_eventarchive import _compat

pytestmark = pytest.mark.sphinx

ARCHIVE = "# Home\n\n```{event} Meetup\n:date: 2024-04-19\n```\n"


def _source(obj: object) -> str:
    return inspect.getsource(obj)  # type: ignore[arg-type]


# -- register_virtual_pages, release_virtual_pages, title_ and toc_virtual_pages ---------


def test_toctrees_read_the_pages_without_documents_from_the_class() -> None:
    virtual = StandardDomain._virtual_doc_names
    assert isinstance(virtual, dict) and virtual["genindex"][0] == "genindex"
    from sphinx.directives import other
    from sphinx.environment.adapters import toctree

    assert "StandardDomain._virtual_doc_names" in _source(other.TocTree.parse_content)
    assert "_virtual_doc_names" in _source(toctree)


DURING = """
extensions = ["myst_parser", "sphinx_eventarchive"]


def setup(app):
    def during(app, env):
        import json
        from pathlib import Path

        from sphinx.domains.std import StandardDomain

        seen = sorted(StandardDomain._virtual_doc_names)
        Path(app.srcdir, "virtual.json").write_text(json.dumps(seen))
        return []

    app.connect("env-get-updated", during)
"""


def test_the_index_pages_are_toctree_entries_during_the_build_only(project) -> None:
    import json

    before = dict(StandardDomain._virtual_doc_names)
    proj = project({"index.md": ARCHIVE + "\n```{toctree}\nevents/index\n```\n"},
                   conf=DURING)
    app = proj.build()
    seen = json.loads((proj.srcdir / "virtual.json").read_text())
    assert "events/index" in seen and "speakers/index" in seen
    assert StandardDomain._virtual_doc_names == before
    # Themes (pydata-sphinx-theme) read a toctree entry's title and its page's toc here.
    assert isinstance(app.env.titles, dict) and isinstance(app.env.tocs, dict)
    assert isinstance(app.env.titles["index"], nodes.title)


# -- local_toctree, documents_in_inventory ----------------------------------------------


def test_the_local_toctree_is_drawn_from_public_parts() -> None:
    from sphinx.environment.adapters.toctree import global_toctree_for_doc

    parameters = inspect.signature(global_toctree_for_doc).parameters
    assert {"tags", "collapse", "includehidden", "maxdepth", "titles_only"} <= set(parameters)
    assert hasattr(StandaloneHTMLBuilder, "render_partial")
    # What it draws like: the builder's own toctree() for a page.
    assert "global_toctree_for_doc" in _source(StandaloneHTMLBuilder._get_local_toctree)


def test_objects_inv_is_written_from_each_domains_get_objects() -> None:
    from sphinx.util.inventory import InventoryFile

    assert ".get_objects()" in _source(InventoryFile)
    std_objects = inspect.signature(StandardDomain.get_objects)
    assert list(std_objects.parameters) == ["self"]


# -- the search index: keep_in_search_index, keep_through_index_load, indexed, unindex,
#    remember_stems ---------------------------------------------------------------------


def test_the_search_index_is_pruned_where_the_shims_expect() -> None:
    assert "indexer.prune(" in _source(StandaloneHTMLBuilder.dump_search_index)
    load = StandaloneHTMLBuilder.load_indexer
    assert list(inspect.signature(load).parameters) == ["self", "docnames"]
    assert "indexer.prune(" in _source(load)
    assert list(inspect.signature(IndexBuilder.prune).parameters) == ["self", "docnames"]


def test_the_search_index_keeps_its_pages_in_titles_and_stems_through_the_language() -> None:
    assert "self._titles" in _source(IndexBuilder.prune)
    feed = _source(IndexBuilder.feed)
    # feed() takes the language's stem once per page: a cache set on the language
    # instance is what every later page's feed uses.
    assert "self.lang.stem" in feed


def test_remembered_stems_are_used_by_the_next_page(project) -> None:
    app = project({"index.md": ARCHIVE}).build()
    indexer = app.builder.indexer
    _compat.remember_stems(indexer)
    stem = indexer.lang.stem
    assert hasattr(stem, "cache_info")
    before = stem.cache_info().hits
    for name in ("a", "b"):
        doctree = app.env.get_doctree("index")
        indexer.feed(name, f"{name}.html", "Home", doctree)
    assert stem.cache_info().hits > before
    assert {"a", "b"} <= _compat.indexed(indexer)
    _compat.unindex(indexer, {"a"})
    assert "a" not in _compat.indexed(indexer) and "b" in _compat.indexed(indexer)


# -- app_of, document_data -----------------------------------------------------------------


def test_the_environment_names_its_application_and_current_document(project) -> None:
    app = project({"index.md": ARCHIVE}).build()
    assert _compat.app_of(app.env) is app
    data = _compat.document_data(app.env)
    assert hasattr(data, "docname") or isinstance(data, dict)


# -- sphinx-design, sphinxext-opengraph, MyST-Parser, sphinx-sitemap ---------------------


def test_sphinx_design_keeps_its_static_folder_where_we_look() -> None:
    folder = Path(_compat.sphinx_design_static())
    assert folder.is_dir() and any(folder.glob("*.css"))


def test_opengraph_says_whether_it_draws_cards_where_we_look() -> None:
    import sphinxext.opengraph as opengraph

    assert hasattr(opengraph, "create_social_card")  # None without matplotlib
    assert "ogp_social_cards" in _source(opengraph)


def test_myst_warns_of_options_with_the_types_we_quiet() -> None:
    from myst_parser import warnings_

    assert warnings_.MystWarnings.DIRECTIVE_OPTION.value == "directive_option"
    assert warnings_.MystWarnings.DIRECTIVE_OPTION_COMMENTS.value == "directive_comments"
    assert "getLogger(__name__)" in _source(warnings_)
    assert warnings_.__name__ == "myst_parser.warnings_"


def test_myst_keeps_the_node_being_parsed_into_where_we_look() -> None:
    from myst_parser import mocking

    assert "self._renderer = renderer" in _source(mocking.MockState)
    assert "current_node" in _source(mocking.MockState)


def test_sphinx_sitemap_keeps_its_queue_where_we_look() -> None:
    sitemap = pytest.importorskip("sphinx_sitemap")  # an optional extra
    assert "sitemap_links" in _source(sitemap)
