"""One renderer for cards: a report's listing and a generated page show the same card.

The generated pages (events, speakers, tags) and the listings of documents are
written by one renderer (``write/cardhtml.py``); these tests read the built HTML
of ``tests/roots/test-pages-archive`` and compare a session's card in a report's
``sessionlist`` with the same session's card on its tag page, element by element,
links resolved to the file they reach.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, build_app
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    import shutil

    srcdir = tmp_path_factory.mktemp("one-renderer") / "src"
    shutil.copytree(ROOTS / "test-pages-archive", srcdir)
    return build_app("html", srcdir)


def soup_of(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def shape(card: Tag, page: str) -> list[tuple[str, tuple[str, ...], str, str]]:
    """Every element of a card: its name, classes, where its link lands (from the site's
    root) and its own text."""
    out = []
    for element in [card, *card.find_all(True)]:
        href = element.get("href", "")
        if href and not href.startswith(("http://", "https://", "#")):
            path, _, anchor = href.partition("#")
            href = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
            href += f"#{anchor}" if anchor else ""
        own = "".join(child for child in element.children if isinstance(child, str))
        out.append((element.name, tuple(element.get("class", ())), href, own))
    return out


def session_cards(soup: BeautifulSoup) -> dict[str, Tag]:
    return {card.select_one(".eventarchive-item-title").get_text(): card
            for card in soup.select("div.eventarchive-item.eventarchive-scard")}


def test_a_listing_and_a_tag_page_render_a_session_alike(built: SphinxTestApp) -> None:
    listing = soup_of(built, "listings.html").find(id="ss-by-tag")
    in_report = session_cards(listing)
    compared = 0
    for link in listing.select("p.eventarchive-group > a.reference"):
        page = posixpath.normpath(unquote(link["href"]))
        on_tag_page = session_cards(soup_of(built, page))
        for title, card in on_tag_page.items():
            assert title in in_report, (page, title)
            assert shape(in_report[title], "listings.html") == shape(card, page), title
            compared += 1
    assert compared >= 5  # every session of the root is tagged, some more than once


def test_cards_carry_no_copied_docutils_markup(built: SphinxTestApp) -> None:
    """Classes the HTML writer gives docutils' containers are not copied onto cards."""
    found = 0
    for path in Path(built.outdir).rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for card in soup.select(".eventarchive-item, .eventarchive-cards, "
                                ".eventarchive-sessionlist"):
            found += 1
            assert not {"docutils", "container"} & set(card["class"]), path
    assert found > 50


def test_sphinx_search_still_reads_listings(built: SphinxTestApp) -> None:
    """Sphinx's own search index reads doctrees, not HTML: a name that only a listing
    shows on a page still finds that page."""
    index = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(re.search(r"Search\.setIndex\((.*)\)", index, re.S).group(1))
    docnames = data["docnames"]
    pages = data["terms"]["brown"]
    pages = pages if isinstance(pages, list) else [pages]
    assert "listings" in {docnames[n] for n in pages}


def test_japanese_card_text_breaks_between_phrases(built: SphinxTestApp) -> None:
    """A card's Japanese words (a title, a name) break between phrases on a report's
    listing as on the generated pages: the renderer marks them, not a later transform."""
    listing = soup_of(built, "listings.html")
    names = [span.get_text() for span in listing.select(
        ".eventarchive-scard .eventarchive-speaker .eventarchive-phrases")]
    assert "ヤマダ" in names or "サイトウ" in names
    titles = listing.select(".eventarchive-scard .eventarchive-item-title > a > span")
    assert titles and all("eventarchive-phrases" in span["class"] for span in titles)
