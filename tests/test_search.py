"""Static search with facets (extra ``search``): indexed by Pagefind, queried in Chromium.

A Japanese and an English archive are built with ``eventarchive_search = True``
and served on 127.0.0.1. The queries go through Pagefind's own JavaScript API
in the page, as its interface does: a Japanese word (no spaces around it) finds
its report, and every facet narrows the results. The search page itself is
held to the layout rules under the five themes, with screenshots.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browserkit import (
    SCREENSHOTS,
    THEME_NOISE,
    THEMES,
    WIDTHS,
    layout_problems,
    need_theme,
    screenshot,
    visit,
    wait_until,
)
from bs4 import BeautifulSoup
from conftest import archive_warnings

#: A page with archive content: a site without any gets no search (SPEC §1).
LISTING = "\n```{eventlist}\n```\n"

pytest.importorskip("pagefind", reason="the search extra installs Pagefind")
pytestmark = pytest.mark.browser

SEARCH = """async ([query, filters]) => {
  const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
  const found = await pf.search(query, {filters});
  const pages = await Promise.all(found.results.map((r) => r.data()));
  return {urls: pages.map((d) => d.url), filters: found.filters,
          unfiltered: found.unfilteredResultCount,
          meta: pages.map((d) => d.meta), subs: pages.map((d) => d.sub_results)};
}"""
FILTERS = """async () => {
  const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
  return await pf.filters();
}"""


def query(page, text, filters=None):
    return page.evaluate(SEARCH, [text, filters or {}])


@pytest.fixture(scope="module")
def japanese(site):
    return site("search-ja", "search-ja")


@pytest.fixture(scope="module")
def english(site):
    return site("search-en", "search-en")


def test_japanese_words_find_their_report(browser, japanese):
    with visit(browser, f"{japanese}/find/index.html", 1280) as seen:
        found = query(seen.page, "計測")
        assert any(url.endswith("/pfem8.html") for url in found["urls"]), found
        # A word inside a run of Japanese text, with no spaces around it.
        assert any("pfem8.html" in url for url in query(seen.page, "可観測性")["urls"])
        # Sessions are results of their own, at their anchor.
        assert any("/pfem8.html#session-" in url for url in found["urls"]), found
        assert not [url for url in query(seen.page, "Backstage")["urls"] if "pfem8" in url]
        assert seen.errors == []


def test_every_facet_narrows(browser, japanese):
    with visit(browser, f"{japanese}/find/index.html", 1280) as seen:
        facets = seen.page.evaluate(FILTERS)
        assert set(facets) == {"結果の種類", "年", "シリーズ", "タグ", "登壇者", "発表形式",
                               "言語", "資料"}, facets
        kinds = {"結果の種類": {"any": list(facets["結果の種類"])}}
        everything = query(seen.page, None, kinds)["urls"]
        assert everything
        for facet, values in facets.items():
            for value in values:
                narrowed = query(seen.page, None, {facet: value})["urls"]
                assert narrowed, (facet, value)
                assert set(narrowed) <= set(everything)
                if len(values) > 1 or facet != "シリーズ":
                    assert len(narrowed) < len(everything), (facet, value, narrowed)
        # What people ask pyvideo and pretalx for: talks with a recording, in a language.
        video = query(seen.page, None, {"資料": "動画"})["urls"]
        assert any("#session-" in url for url in video)
        english = query(seen.page, None, {"言語": "英語", "結果の種類": "セッション"})["urls"]
        assert len(english) == 1 and "pfem8.html#session-" in english[0]
        speaker = query(seen.page, None, {"登壇者": "佐々木", "結果の種類": "登壇者"})["urls"]
        assert [url.rsplit("/", 2)[-2:] for url in speaker] == [["speakers", "佐々木.html"]]


def test_english_archive(browser, english):
    with visit(browser, f"{english}/find/index.html", 1280) as seen:
        assert any(url.endswith("/pycon.html") for url in query(seen.page, "measured")["urls"])
        workshops = query(seen.page, None,
                          {"Talk format": "Workshop", "Result type": "Session"})["urls"]
        assert len(workshops) == 1 and "#session-" in workshops[0]
        slides = query(seen.page, "packaging", {"Has": "Slides", "Result type": "Session"})
        assert slides["urls"] == [] and slides["unfiltered"] > 0
        assert query(seen.page, None, {"Language": "Japanese", "Result type": "Session"})["urls"]
        # No two facets read alike (they sit side by side in the interface).
        names = set(seen.page.evaluate(FILTERS))
        assert {"Result type", "Talk format"} <= names
        assert not {"Kind", "Session type", "Type"} & names


def test_dates_in_the_index_as_pages_show_them(browser, english, served):
    """The report's date is shown as the archive's pages write dates, and so is a session
    record's (the index holds the shown form; results sort by the ISO date)."""
    folder, _base = served
    out = folder / "search-en" / "_build" / "html"
    report = BeautifulSoup((out / "pycon.html").read_text(encoding="utf-8"), "html.parser")
    shown = report.select_one('[data-pagefind-meta="Date"]')
    assert shown is not None and shown.get_text() == "Wed, Jul 20, 2022"
    search = BeautifulSoup((out / "find" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    holder = search.select_one("#eventarchive-search")
    assert search.select_one(f"#{holder['data-labelledby']}").name == "h1"
    assert not search.select("script#eventarchive-search-dates")  # no table of days
    with visit(browser, f"{english}/find/index.html", 1280) as seen:
        found = query(seen.page, None, {"Result type": "Session"})
        dates = {meta.get("Date") for meta in found["meta"]}
        assert "Fri, Jul 15, 2022" in dates, found
        assert not {date for date in dates if date and date[:1].isdigit()}, dates


def test_the_search_page_and_its_interface(browser, japanese):
    with visit(browser, f"{japanese}/find/index.html?query=計測", 375) as seen:
        page = seen.page
        assert wait_until(lambda: page.locator(".pagefind-ui__result").count() > 0, page), \
            seen.diagnosis()
        assert "計測" in page.locator(".pagefind-ui__search-input").input_value()
        # The input is named by the page's heading, not by a title alone (axe's
        # label-title-only), so a screen reader announces what it searches.
        heading = page.locator("h1#eventarchive-search-title").inner_text()
        assert heading == "アーカイブを検索"
        named = page.get_by_label(heading, exact=True)
        assert named.count() == 1
        assert named.evaluate("e => e.matches('input.pagefind-ui__search-input')")
        # A result's date as on every other page: the report's own (its page) and the
        # session's (a record of the index), in Japanese with the weekday.
        assert wait_until(lambda: page.locator(".pagefind-ui__result-tag").count() > 1, page)
        tags = page.locator(".pagefind-ui__result-tag").all_inner_texts()
        dates = sorted({" ".join(tag.split()) for tag in tags if tag.startswith("日時")})
        assert dates == ["日時: 2024年4月19日(金)", "日時: 2024年4月20日(土)"], tags
        assert seen.third_party == []  # no request leaves the site
        assert seen.errors == []


def test_not_indexed_drafts_or_listings(japanese, served):
    folder, _base = served
    out = folder / "search-ja" / "_build" / "html"
    marked = {path.relative_to(out).as_posix() for path in out.rglob("*.html")
              if "data-pagefind-body" in path.read_text(encoding="utf-8")}
    assert "pfem8.html" in marked and "speakers/佐々木.html" in marked
    assert not {"tags/sre.html", "speakers/index.html", "find/index.html", "search.html",
                "genindex.html"} & marked
    soup = BeautifulSoup((out / "pfem8.html").read_text(encoding="utf-8"), "html.parser")
    hidden = soup.select_one("[data-pagefind-body] > [data-pagefind-ignore][hidden]")
    assert hidden is not None
    filters = {(s["data-pagefind-filter"], s.get_text()) for s in hidden.select("span")
               if s.has_attr("data-pagefind-filter")}
    assert ("タグ", "SRE") in filters and ("年", "2024") in filters


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("width", WIDTHS)
def test_search_page_layout_in_every_theme(browser, site, theme, width):
    need_theme(theme)
    base = site("search-ja", f"search-{theme}", html_theme=theme)
    with visit(browser, f"{base}/find/index.html?query=プラットフォーム", width) as seen:
        page = seen.page
        assert wait_until(lambda: page.locator(".pagefind-ui__result").count() > 0, page), \
            seen.diagnosis()
        page.wait_for_timeout(200)
        assert layout_problems(browser, page, base, width) == []
        noise = THEME_NOISE.get(theme, ())
        assert [e for e in seen.errors if not any(n in e for n in noise)] == []
        screenshot(page, SCREENSHOTS / f"search-{theme}-{width}.png")


def test_without_pagefind_a_warning_and_sphinx_search(project, monkeypatch):
    from sphinx_eventarchive.search import index

    monkeypatch.setattr(index, "available", lambda: False)
    app = project({"index.md": "# Home\n"}).build(
        confoverrides={"eventarchive_search": True})
    assert any("Pagefind is not installed" in w for w in archive_warnings(app))
    assert not (Path(app.outdir) / "pagefind").exists()
    assert not (Path(app.outdir) / "find").exists()
    assert (Path(app.outdir) / "searchindex.js").is_file()


def test_indexed_only_when_something_changed(project):
    proj = project({"index.md": "# Home\n\nText about 計測.\n" + LISTING})
    app = proj.build(confoverrides={"eventarchive_search": True})
    entry = Path(app.outdir) / "pagefind" / "pagefind-entry.json"
    stamp = entry.stat().st_mtime_ns
    page = Path(app.outdir) / "find" / "index.html"
    page_stamp = page.stat().st_mtime_ns
    proj.build(confoverrides={"eventarchive_search": True})
    assert entry.stat().st_mtime_ns == stamp  # a no-op build does not index again
    assert page.stat().st_mtime_ns == page_stamp  # nor write the search page
    proj.write({"index.md": "# Home\n\nOther text.\n" + LISTING})
    proj.build(confoverrides={"eventarchive_search": True})
    assert entry.stat().st_mtime_ns != stamp
    assert json.loads(entry.read_text())["languages"]
    app = proj.build(confoverrides={"eventarchive_search": False})
    assert not (Path(app.outdir) / "pagefind").exists()
