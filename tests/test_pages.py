"""Generated pages (SPEC §4): events/index, speakers/index and pages, tags/index and pages.

Most tests read one archive (``tests/roots/test-pages-archive``) built once per
module and builder into a temporary folder, with the build folder outside the
source folder so that anything written into the sources shows.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of
from sphinx.testing.util import SphinxTestApp

DOCS_TITLE = "Pages archive documentation"
REPORTS = ["cnd2023", "draft", "index", "kansai", "listings", "online1", "pfem8", "pfem8-notes"]
SPEAKER_FILES = {
    "abby-bangser", "brian-brown", "zoe-zed", "さとう", "サイトウ", "ヤマダ", "佐々木",
}
DRAFT_WORDS = ["Secret Meetup", "Unreleased talk", "Drafty", "DraftTag", "DraftReportTag",
               "Draft report", "Hidden"]


# -- building -------------------------------------------------------------------


def snapshot_tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``root`` with its size and mtime."""
    found = {}
    for path in sorted(root.rglob("*")):
        stat = path.stat()
        found[path.relative_to(root).as_posix()] = (stat.st_size if path.is_file() else -1,
                                                    stat.st_mtime_ns)
    return found


class Site:
    """One copy of a root, built on demand by any builder and configuration."""

    def __init__(self, base: Path, root: str) -> None:
        self.base = base
        self.srcdir = base / "src"
        shutil.copytree(ROOTS / f"test-{root}", self.srcdir)
        self.source_before = snapshot_tree(self.srcdir)
        self.apps: dict[tuple[str, bool], SphinxTestApp] = {}

    def app(self, buildername: str = "html", *, drafts: bool = False) -> SphinxTestApp:
        key = (buildername, drafts)
        if key not in self.apps:
            # SphinxTestApp swaps alabaster (Sphinx's default) for "basic" unless asked.
            overrides = {"html_theme": "alabaster"}
            if drafts:
                overrides["eventarchive_include_drafts"] = True
            self.apps[key] = build_app(
                buildername, self.srcdir, confoverrides=overrides,
                builddir=self.base / ("build-drafts" if drafts else "build"))
        return self.apps[key]

    def soup(self, page: str, buildername: str = "html", *, drafts: bool = False
             ) -> BeautifulSoup:
        path = Path(self.app(buildername, drafts=drafts).outdir) / page
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(tmp_path_factory.mktemp("pages"), "pages-archive")


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def main(soup: BeautifulSoup):
    """The generated page's own content (not the theme's chrome)."""
    section = soup.select_one("section.eventarchive-page")
    assert section is not None
    return section


def card_line(card) -> str:
    """A card read as one line: title — fact · fact, then its further rows."""
    facts = [text_of(fact) for fact in card.select_one(".eventarchive-item-meta").find_all(
        recursive=False) if "eventarchive-sep" not in fact.get("class", [])]
    line = text_of(card.select_one(".eventarchive-item-title"))
    line += f" — {' · '.join(facts)}" if facts else ""
    return " ".join([line, *(text_of(row) for row in card.select(".eventarchive-item-row"))])


def items_after(heading) -> list[str]:
    """The entries of the first list after a heading: list items, or cards as lines."""
    listing = heading.find_next_sibling(["ul", "div"])
    if listing.name == "div":
        return [card_line(card) for card in listing.find_all("div", class_="eventarchive-item",
                                                             recursive=False)]
    return [text_of(li) for li in listing.find_all("li", recursive=False)]


def link_targets(node) -> list[str]:
    return [unquote(a["href"]) for a in node.find_all("a", href=True)]


# -- events/index ------------------------------------------------------------------


def test_archive_builds_without_warnings(site: Site) -> None:
    app = site.app("html")
    assert warnings_of(app) == []
    assert archive_warnings(app) == []


def test_speaker_pages_carry_share_links(site: Site) -> None:
    outdir = Path(site.app("html").outdir)
    pages = list((outdir / "speakers").rglob("*.html"))
    assert len(pages) > 5
    assert any('class="eventarchive-share' in p.read_text(encoding="utf-8") for p in pages)


def test_events_index_lists_every_event_newest_first_by_year(site: Site) -> None:
    page = main(site.soup("events/index.html"))
    assert text_of(page.h1) == "Events"
    years = page.find_all("h2")
    assert [text_of(h) for h in years] == ["2025", "2024", "2023"]
    assert [h["id"] for h in years] == ["year-2025", "year-2024", "year-2023"]
    assert [items_after(h) for h in years] == [
        ["Platform Engineering Meetup Online 1 — Mon, Feb 3, 2025 7:00 PM · Online · "
         "Platform Engineering Meetup · 1 session"],
        ["Kansai Meetup — Tue, Sep 10, 2024 · In person",
         "Platform Engineering Meetup 8 — Fri, Apr 19, 2024 7:00 PM · Hybrid · "
         "Platform Engineering Meetup · 2 sessions"],
        ["Cloud Native Days 2023 — Mon, Dec 11 – Tue, Dec 12, 2023 · In person · "
         "Yokohama Hall · Cloud Native Days · 3 sessions"],
    ]
    # Each event links to its primary write-up, at the event's anchor.
    assert [link_targets(h.find_next_sibling("div")) for h in years] == [
        ["../online1.html#event-online1"],
        ["../kansai.html#event-kansai1", "../pfem8.html#event-pfem8"],
        ["../cnd2023.html#event-cnd2023"],
    ]


def test_events_index_bar_list_per_year(site: Site) -> None:
    page = main(site.soup("events/index.html"))
    bars = page.select("ul.eventarchive-yearbars > li")
    assert [[text_of(child) for child in li.children if child.name] for li in bars] == [
        ["2025", "", "1 event"], ["2024", "", "2 events"], ["2023", "", "1 event"]]
    assert [li.a["href"] for li in bars] == ["#year-2025", "#year-2024", "#year-2023"]
    widths = [[c for c in li.select_one(".eventarchive-yearbar-bar")["class"]
               if re.fullmatch(r"eventarchive-w\d+", c)] for li in bars]
    # The busiest year is the full width, the others in proportion.
    assert widths == [["eventarchive-w50"], ["eventarchive-w100"], ["eventarchive-w50"]]


# -- speakers ---------------------------------------------------------------------


def speaker_groups(page) -> list[tuple[str, list[str]]]:
    return [(text_of(h), items_after(h)) for h in page.find_all("h2")]


def test_speakers_index_groups_names_by_initial(site: Site) -> None:
    page = main(site.soup("speakers/index.html"))
    assert text_of(page.h1) == "Speakers"
    groups = speaker_groups(page)
    # Latin initials first, A–Z, each name once with its affiliations and session count.
    assert groups[:3] == [
        ("A", ["Abby Bangser (Independent, Syntasso) — 2 sessions"]),
        ("B", ["Brian Brown — 1 session"]),
        ("Z", ["Zoe Zed (Acme) — 1 session"]),
    ]
    rest = dict(groups[3:])
    assert len(rest) == len(groups) - 3, "a group heading appears twice"
    everyone = sorted(item for _, items in groups for item in items)
    assert everyone == sorted([
        "Abby Bangser (Independent, Syntasso) — 2 sessions", "Brian Brown — 1 session",
        "Zoe Zed (Acme) — 1 session", "さとう (Example) — 1 session", "サイトウ — 1 session",
        "ヤマダ (Example) — 1 session", "佐々木 (コドモン) — 1 session",
    ])
    # Japanese names are grouped too: hiragana and katakana spellings of the same
    # sound share a group, a different sound gets its own.
    group_of = {item.split(" ")[0]: name for name, items in groups for item in items}
    assert group_of["さとう"] == group_of["サイトウ"]
    assert group_of["ヤマダ"] != group_of["さとう"]
    assert group_of["佐々木"] not in {"A", "B", "Z"}
    # The initials navigation jumps to every group.
    nav = page.select_one("nav.eventarchive-initials")
    assert [text_of(a) for a in nav.find_all("a")] == [name for name, _ in groups]
    assert [a["href"][1:] for a in nav.find_all("a")] == [h["id"] for h in page.find_all("h2")]


def test_speakers_index_links_every_speaker_page(site: Site) -> None:
    page = main(site.soup("speakers/index.html"))
    links = [unquote(a["href"]) for h in page.find_all("h2")
             for a in h.find_next_sibling("ul").find_all("a")]
    assert sorted(links) == sorted(f"{name}.html" for name in SPEAKER_FILES)
    out = Path(site.app("html").outdir)
    assert {p.stem for p in (out / "speakers").glob("*.html")} == SPEAKER_FILES | {"index"}


def test_speaker_page_lists_sessions_across_events_newest_first(site: Site) -> None:
    # "Abby Bangser" at one event and "abby  bangser" at another: one person, one page.
    soup = site.soup("speakers/abby-bangser.html")
    page = main(soup)
    assert text_of(page.h1) == "Abby Bangser"
    # Where she is now, once (the newest talk's affiliation); each card says where she was.
    assert [text_of(p) for p in page.select(".eventarchive-profile-affiliation")] == [
        "Independent"]
    items = page.select("ul.eventarchive-speaker-sessions > li")
    # Each session as a card: the affiliation at the time, the event, slides and video.
    assert [card_line(li.div) for li in items] == [
        "Golden paths — Abby Bangser (Independent) · Platform Engineering Meetup 8 · "
        "Fri, Apr 19, 2024 · Video Reports: PFEM 8 report, PFEM 8 notes",
        "Platform Engineering at scale — Keynote · Abby Bangser (Syntasso) · "
        "Cloud Native Days 2023 · Mon, Dec 11, 2023 · Slides · Video",
    ]
    # The session written up twice (same :id:) is listed once, with both write-ups linked.
    # Her own name is no link: it would lead to the page it is on.
    assert link_targets(items[0]) == [
        "../pfem8.html#session-pfem8_2f_golden_-paths",
        "../pfem8.html#event-pfem8",
        "https://www.youtube.com/watch?v=BBBBBBBBBBB",
        "../pfem8.html#session-pfem8_2f_golden_-paths",
        "../pfem8-notes.html#session-pfem8_2f_golden_-paths",
        "../pfem8.html#session-pfem8_2f_golden_-paths",  # the video's still (issue 27)
    ]
    assert link_targets(items[1]) == [
        "../cnd2023.html#session-cnd2023_2f_pe_-at_-scale",
        "../cnd2023.html#event-cnd2023",
        "https://speakerdeck.com/player/0123456789abcdef0123456789abcdef",
        "https://www.youtube.com/watch?v=AAAAAAAAAAA",
        "../cnd2023.html#session-cnd2023_2f_pe_-at_-scale",  # the deck's cover
    ]
    assert unquote(page.find_all("a")[-1]["href"]) == "index.html"


def test_speaker_page_of_a_japanese_name(site: Site) -> None:
    out = Path(site.app("html").outdir)
    assert (out / "speakers" / "佐々木.html").is_file()
    page = main(site.soup("speakers/佐々木.html"))
    assert text_of(page.h1) == "佐々木"
    assert [card_line(li.div) for li in page.select("ul.eventarchive-speaker-sessions > li")] == [
        "Kubernetes と C++ — 佐々木 (コドモン) · Cloud Native Days 2023 · Mon, Dec 11, 2023",
    ]


def test_session_with_several_speakers_is_on_each_speaker_page(site: Site) -> None:
    for name in ("ヤマダ", "brian-brown", "サイトウ"):
        page = main(site.soup(f"speakers/{name}.html"))
        titles = [text_of(li.a) for li in page.select("ul.eventarchive-speaker-sessions > li")]
        assert titles == ["Backstage 入門"], name


# -- tags -----------------------------------------------------------------------


def test_tags_index_lists_every_tag_with_count_and_size(site: Site) -> None:
    page = main(site.soup("tags/index.html"))
    assert text_of(page.h1) == "Tags"
    items = page.select("ul.eventarchive-tagcloud > li")
    counts = {text_of(li.a): text_of(li.select_one(".eventarchive-count")) for li in items}
    assert counts == {
        "Backstage": "(2)", "C#": "(1)", "C++": "(1)", "Conference": "(1)",
        "Kubernetes": "(3)", "PFEM": "(2)", "Platform Engineering": "(2)", "SRE": "(1)",
        "ガイド": "(2)",
    }
    assert len(items) == len(counts)
    sizes = {}
    for li in items:
        classes = [c for c in li["class"] if re.fullmatch(r"eventarchive-size\d+", c)]
        assert len(classes) == 1, li
        sizes[text_of(li.a)] = int(classes[0].removeprefix("eventarchive-size"))
    by_count = {}
    for name, count in counts.items():
        by_count.setdefault(count, set()).add(sizes[name])
    # One size per count, and more entries never means a smaller size.
    assert {count: len(s) for count, s in by_count.items()} == {"(1)": 1, "(2)": 1, "(3)": 1}
    assert sizes["SRE"] < sizes["PFEM"] < sizes["Kubernetes"]


def test_tag_pages_list_reports_events_and_sessions(site: Site) -> None:
    page = main(site.soup("tags/kubernetes.html"))
    assert text_of(page.h1) == "Tag: Kubernetes"
    sections = {text_of(h): items_after(h) for h in page.find_all("h2")}
    assert sections == {
        "Reports": ["Kansai Meetup report — Thu, Sep 12, 2024 · Kubernetes"],
        "Events": ["Kansai Meetup — Tue, Sep 10, 2024 · In person",
                   "Cloud Native Days 2023 — Mon, Dec 11 – Tue, Dec 12, 2023 · In person · "
                   "Yokohama Hall · Cloud Native Days · 3 sessions"],
    }
    page = main(site.soup("tags/ガイド.html"))
    assert text_of(page.h1) == "Tag: ガイド"
    sections = {text_of(h): items_after(h) for h in page.find_all("h2")}
    assert sections["Sessions"] == [
        "Backstage 入門 — Lightning talk · ヤマダ (Example), Brian Brown, サイトウ · "
        "Platform Engineering Meetup Online 1 · Mon, Feb 3, 2025"]
    # One "Reports" heading, not a "Reports:" label on every line.
    assert [text_of(h) for h in page.find_all("h2")] == ["Reports", "Sessions"]
    assert sections["Reports"][0].startswith("PFEM 8 notes — ")
    page = main(site.soup("tags/platform-engineering.html"))
    sessions = page.find("h2", string="Sessions")
    assert [text_of(card.p.a) for card in sessions.find_next_sibling("div").find_all(
        "div", class_="eventarchive-item")] == ["Golden paths", "Platform Engineering at scale"]


def test_tag_links_lead_to_tag_pages_with_that_tag(site: Site) -> None:
    page = main(site.soup("tags/index.html"))
    out = Path(site.app("html").outdir)
    for a in page.select("ul.eventarchive-tagcloud a"):
        target = out / "tags" / unquote(a["href"])
        tag_page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        assert text_of(main(tag_page).h1) == f"Tag: {text_of(a)}"


# -- every generated page --------------------------------------------------------


def generated_pages(outdir: Path, suffix: str = ".html") -> list[str]:
    pages = []
    for folder in ("events", "speakers", "tags"):
        pages += sorted(p.relative_to(outdir).as_posix() for p in (outdir / folder).rglob(
            f"*{suffix}"))
    return pages


def sidebar_toctree(soup: BeautifulSoup) -> list[str]:
    sidebar = soup.select_one("div.sphinxsidebar")
    return [text_of(a) for a in sidebar.select("li.toctree-l1 > a")]


def test_generated_pages_have_own_title_and_theme_navigation(site: Site) -> None:
    out = Path(site.app("html").outdir)
    pages = generated_pages(out)
    assert len(pages) == 3 + len(SPEAKER_FILES) + 9
    report = site.soup("cnd2023.html")
    report_nav = sidebar_toctree(report)
    assert "Cloud Native Days 2023" in report_nav
    titles = set()
    for page in pages:
        soup = site.soup(page)
        heading = text_of(main(soup).h1)
        assert text_of(soup.title) == f"{heading} — {DOCS_TITLE}", page
        titles.add(text_of(soup.title))
        # alabaster: the logo links home, the sidebar has the site's navigation and
        # the related-topics block.
        assert soup.select_one("div.sphinxsidebar h1.logo a")["href"] == (
            "../index.html"), page
        assert sidebar_toctree(soup) == report_nav, page
        assert soup.select_one("div.sphinxsidebar div.relations") is not None, page
        assert soup.select_one("div.sphinxsidebar #searchbox") is not None, page
    assert len(titles) == len(pages)


def test_nothing_is_written_into_the_source_tree(site: Site) -> None:
    site.app("html")
    site.app("dirhtml")
    site.app("text")
    site.app("html", drafts=True)
    assert snapshot_tree(site.srcdir) == site.source_before


# -- slugs ------------------------------------------------------------------------


def test_slugs_keep_japanese_and_tell_cpp_from_csharp(site: Site) -> None:
    out = Path(site.app("html").outdir)
    assert (out / "tags" / "ガイド.html").is_file()
    assert (out / "speakers" / "さとう.html").is_file()
    page = main(site.soup("tags/index.html"))
    hrefs = {text_of(a): unquote(a["href"]) for a in page.select("a.eventarchive-tag")}
    assert hrefs["C++"] != hrefs["C#"]
    assert len(set(hrefs.values())) == len(hrefs)
    # The pages are different pages with different content.
    cpp = main(site.soup(f"tags/{hrefs['C++']}"))
    csharp = main(site.soup(f"tags/{hrefs['C#']}"))
    assert [text_of(p.a) for p in cpp.select(".eventarchive-item-title")] == ["Kubernetes と C++"]
    assert [text_of(p.a) for p in csharp.select(".eventarchive-item-title")] == ["計測の話"]


SLUG_REPORT = """\
# {title}

```{{event}} {title}
:id: {id}
:date: {date}
```

```{{session}} Talk at {title}
:speakers: {speakers}
:tags: {tags}
```
"""


def index_hrefs(outdir: Path, page: str, selector: str) -> dict[str, str]:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return {text_of(a): unquote(a["href"]) for a in main(soup).select(selector)}


def test_slugs_do_not_change_when_others_are_added(project) -> None:
    proj = project({
        "index.md": "# Home\n\n```{toctree}\n:glob:\n\n*\n```\n",
        "one.md": SLUG_REPORT.format(
            title="One", id="one", date="2024-01-01",
            speakers="Abby Bangser, 佐々木, ガイド太郎, O'Brien", tags="C++, Go, ガイド"),
    })
    app = proj.build()
    assert archive_warnings(app) == []
    out = Path(app.outdir)
    speakers_before = index_hrefs(out, "speakers/index.html", "li > a")
    tags_before = index_hrefs(out, "tags/index.html", "a.eventarchive-tag")
    assert set(speakers_before) == {"Abby Bangser", "佐々木", "ガイド太郎", "O'Brien"}
    assert speakers_before["佐々木"] == "佐々木.html"
    assert speakers_before["ガイド太郎"] == "ガイド太郎.html"  # the dakuten stays
    assert tags_before["ガイド"] == "ガイド.html"

    # Names that a naive slug would fold onto the existing ones.
    proj.write({"two.md": SLUG_REPORT.format(
        title="Two", id="two", date="2024-02-01",
        speakers="Abby-Bangser; abby_bangser; Abby.Bangser; 佐々木 (Other Co); ｶﾞｲﾄﾞ太郎; OBrien",
        tags="C#, C, C+, Go!, ガイト, go")})
    app = proj.build()
    assert archive_warnings(app) == []
    speakers_after = index_hrefs(out, "speakers/index.html", "li > a")
    tags_after = index_hrefs(out, "tags/index.html", "a.eventarchive-tag")
    for name, href in speakers_before.items():
        assert speakers_after[name] == href, name
    for name, href in tags_before.items():
        assert tags_after[name] == href, name
    # 佐々木 and ｶﾞｲﾄﾞ太郎 (half-width) are people already known; "go" is the tag Go.
    assert len(speakers_after) == 4 + 4
    assert len(tags_after) == 3 + 5
    assert len(set(speakers_after.values())) == len(speakers_after)
    assert len(set(tags_after.values())) == len(tags_after)
    # No two names share a file, also on case-insensitive file systems.
    assert len({h.casefold() for h in tags_after.values()}) == len(tags_after)
    assert len({h.casefold() for h in speakers_after.values()}) == len(speakers_after)
    for href in speakers_after.values():
        assert (out / "speakers" / href).is_file(), href
    for href in tags_after.values():
        assert (out / "tags" / href).is_file(), href


# -- drafts ---------------------------------------------------------------------


def test_drafts_are_left_out_of_every_index_and_page(site: Site) -> None:
    out = Path(site.app("html").outdir)
    assert (out / "draft.html").is_file()  # built, but listed nowhere
    shown = [main(site.soup(page)) for page in generated_pages(out)]
    # The home page's toctree is the user's own; its listing is ours.
    shown.append(site.soup("index.html").find(id="latest-events"))
    shown.append(site.soup("listings.html").select_one("div.body"))
    for node in shown:
        for word in DRAFT_WORDS:
            assert word not in text_of(node), (node, word)
        assert not any(h.startswith(("draft.html", "../draft.html")) for h in link_targets(node))
    assert not any("draft" in p for p in generated_pages(out))
    # The draft also writes up Golden paths: only the published write-ups are linked.
    abby = main(site.soup("speakers/abby-bangser.html"))
    assert [text_of(w) for w in abby.select(".eventarchive-writeups")] == [
        "Reports: PFEM 8 report, PFEM 8 notes"]
    # C# is also on the draft's session: it counts only the published one.
    page = main(site.soup("tags/index.html"))
    assert text_of(page.find("a", string="C#").parent) == "C# (1)"


def test_drafts_are_listed_when_asked_for(site: Site) -> None:
    app = site.app("html", drafts=True)
    assert archive_warnings(app) == []
    out = Path(app.outdir)
    events = main(site.soup("events/index.html", drafts=True))
    assert items_after(events.find("h2"))[0] == (
        "Secret Meetup — Sun, Jun 1, 2025 7:00 PM · Online · Platform Engineering Meetup · "
        "1 session")
    assert [text_of(li.a) + ": " + text_of(li.find_all("span")[-1])
            for li in events.select(".eventarchive-yearbar")] == [
        "2025: 2 events", "2024: 2 events", "2023: 1 event"]
    abby = main(site.soup("speakers/abby-bangser.html", drafts=True))
    items = abby.select("ul.eventarchive-speaker-sessions > li")
    assert [text_of(li.a) for li in items] == [
        "Unreleased talk", "Golden paths", "Platform Engineering at scale"]
    # The draft's write-up of Golden paths joins the other two.
    assert text_of(items[1].select_one(".eventarchive-writeups")) == (
        "Reports: Draft report, PFEM 8 report, PFEM 8 notes")
    assert (out / "speakers" / "drafty-mcdraft.html").is_file()
    speakers = main(site.soup("speakers/index.html", drafts=True))
    assert "Drafty McDraft (Hidden) — 1 session" in [text_of(li) for li in speakers.find_all("li")]
    tags = main(site.soup("tags/index.html", drafts=True))
    counts = {text_of(li.a): text_of(li.select_one(".eventarchive-count"))
              for li in tags.select("ul.eventarchive-tagcloud > li")}
    assert counts["C#"] == "(2)"
    assert counts["DraftTag"] == "(2)"
    assert counts["DraftReportTag"] == "(1)"
    listings = site.soup("listings.html", drafts=True)
    assert "Unreleased talk" in text_of(listings.find(id="ss-all"))
    assert "Secret Meetup" in text_of(listings.find(id="all-events"))
    assert "Secret Meetup" in text_of(site.soup("index.html", drafts=True).find(id="latest-events"))


DRAFT_IN_SERIES = """\
---
draft: true
---

# Draft

```{event} Secret Meetup
:id: secret
:series: Series
:date: 2024-06-01
```

```{session} Unreleased
:speakers: Drafty McDraft
```
"""

PUBLISHED_IN_SERIES = """\
# Published

```{event} Public Meetup
:id: public
:series: Series
:date: 2024-05-01
```
"""


def test_draft_event_in_a_series_builds(project) -> None:
    proj = project({
        "index.md": "# Home\n\n```{toctree}\n:glob:\n\n*\n```\n",
        "draft.md": DRAFT_IN_SERIES,
        "public.md": PUBLISHED_IN_SERIES,
    })
    app = proj.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    draft = BeautifulSoup((out / "draft.html").read_text(encoding="utf-8"), "html.parser")
    assert text_of(draft.select_one(".eventarchive-card-title")) == "Secret Meetup"
    public = (out / "public.html").read_text(encoding="utf-8")
    assert "Secret Meetup" not in public
    assert "Secret Meetup" not in (out / "events" / "index.html").read_text(encoding="utf-8")


# -- links ------------------------------------------------------------------------


def page_url(relpath: str, buildername: str) -> str:
    """The URL path a file is served at."""
    if buildername == "dirhtml" and relpath.endswith("index.html"):
        return "/" + relpath[: -len("index.html")]
    return "/" + relpath


def resolve(outdir: Path, url_path: str) -> Path | None:
    path = unquote(url_path).lstrip("/")
    candidate = outdir / path
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def check_links(outdir: Path, buildername: str, pages: list[str]) -> list[str]:
    """Every relative link of the pages, resolved like a browser does; returns the broken ones."""
    broken = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids[path]

    for page in pages:
        soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
        base = "http://site.invalid" + page_url(page, buildername)
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if urlsplit(href).scheme in ("http", "https", "mailto"):
                continue
            target = urlsplit(urljoin(base, href))
            assert target.netloc == "site.invalid", (page, href)
            path = resolve(outdir, target.path)
            if path is None:
                broken.append(f"{page}: {href} (no file)")
            elif target.fragment and unquote(target.fragment) not in ids_of(path):
                broken.append(f"{page}: {href} (no id)")
    return broken


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_every_link_in_generated_pages_and_listings_resolves(site: Site, buildername) -> None:
    app = site.app(buildername)
    assert warnings_of(app) == []
    out = Path(app.outdir)
    pages = generated_pages(out)
    if buildername == "dirhtml":
        assert "speakers/佐々木/index.html" in pages
        assert "tags/index.html" in pages
        pages += ["index.html", "listings/index.html", "pfem8/index.html",
                  "online1/index.html", "cnd2023/index.html"]
    else:
        assert "speakers/佐々木.html" in pages
        pages += ["index.html", "listings.html", "pfem8.html", "online1.html", "cnd2023.html"]
    assert len(pages) == 3 + len(SPEAKER_FILES) + 9 + 5
    assert check_links(out, buildername, pages) == []


def test_dirhtml_writes_each_generated_page_as_a_folder(site: Site) -> None:
    out = Path(site.app("dirhtml").outdir)
    assert sorted(p.name for p in (out / "speakers").iterdir()) == sorted(
        [*SPEAKER_FILES, "index.html"])
    for name in SPEAKER_FILES:
        assert (out / "speakers" / name / "index.html").is_file()
    page = BeautifulSoup((out / "speakers" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert sorted(unquote(a["href"]) for a in main(page).select("li > a")) == sorted(
        f"{name}/" for name in SPEAKER_FILES)


def test_pages_are_generated_for_html_builders_only(site: Site) -> None:
    out = Path(site.app("text").outdir)
    assert not (out / "speakers").exists()
    assert not (out / "tags").exists()
    assert not (out / "events").exists()
    assert sorted(p.stem for p in out.glob("*.txt")) == REPORTS
    assert os.path.getsize(out / "listings.txt") > 0


# -- odd input -------------------------------------------------------------------------

HOSTILE = """\
---
tags: ["<b>bold</b>"]
---

# Hostile

```{event} Meetup <i>one</i> & "two"
:id: hostile
:date: 2024-01-01
:series: <script>alert(1)</script>
```

```{session} Talk </section><h1>x</h1>
:speakers: <img src=x onerror=alert> (Acme & <Co>)
:tags: x"><svg onload=alert(1)>
```
"""


def test_names_are_escaped_in_generated_pages(project) -> None:
    proj = project({"index.md": "# Home\n\n```{toctree}\nhostile\n```\n", "hostile.md": HOSTILE})
    app = proj.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    pages = generated_pages(out)
    assert len(pages) == 3 + 1 + 2
    for page in pages:
        soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        section = main(soup)
        assert section.find_all(["b", "i", "script", "img", "svg", "h1"]) == [section.h1], page
        assert len(soup.find_all("section", class_="eventarchive-page")) == 1, page
    events = main(BeautifulSoup((out / "events/index.html").read_text(encoding="utf-8"),
                                "html.parser"))
    assert items_after(events.h2) == [
        'Meetup <i>one</i> & "two" — Mon, Jan 1, 2024 · <script>alert(1)</script> · 1 session']
    speakers = main(BeautifulSoup((out / "speakers/index.html").read_text(encoding="utf-8"),
                                  "html.parser"))
    assert [text_of(li) for li in speakers.find_all("li")] == [
        "<img src=x onerror=alert> (Acme & <Co>) — 1 session"]
    tags = main(BeautifulSoup((out / "tags/index.html").read_text(encoding="utf-8"),
                              "html.parser"))
    assert sorted(text_of(a) for a in tags.select("a.eventarchive-tag")) == [
        "<b>bold</b>", 'x"><svg onload=alert(1)>']


UNDATED = """\
# Undated

```{event} Someday Meetup
:id: someday
```

```{event} Dated Meetup
:id: dated
:date: 2022-05-05
```

```{eventlist}
```
"""


def test_undated_events_come_last_in_their_own_group(project) -> None:
    proj = project({"index.md": "# Home\n\n```{toctree}\nundated\n```\n", "undated.md": UNDATED})
    app = proj.build()
    [warning] = archive_warnings(app)
    assert "undated.md:3" in warning and "[eventarchive.date]" in warning
    page = main(BeautifulSoup((Path(app.outdir) / "events/index.html").read_text(
        encoding="utf-8"), "html.parser"))
    assert [(text_of(h), items_after(h)) for h in page.find_all("h2")] == [
        ("2022", ["Dated Meetup — Thu, May 5, 2022"]),
        ("Undated", ["Someday Meetup"]),
    ]
    # Every bar's link jumps to its group.
    ids = {h["id"] for h in page.find_all("h2")}
    assert {a["href"][1:] for a in page.select(".eventarchive-yearbars a")} == ids
    # A listing has nothing to say after the name either.
    report = BeautifulSoup((Path(app.outdir) / "undated.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert [card_line(card) for card in report.select(".eventarchive-eventlist > div")] == [
        "Dated Meetup — Thu, May 5, 2022", "Someday Meetup"]


FOLDERS_CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Folders"
html_baseurl = "https://archive.example.org/"
eventarchive_events_path = "archive/events"
eventarchive_speakers_path = "people"
eventarchive_tags_path = "topics"
"""


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_folders_of_generated_pages_follow_the_config(project, buildername) -> None:
    proj = project({
        "index.md": "# Home\n\n```{toctree}\none\n```\n\n```{sessionlist}\n:group-by: tag\n```\n",
        "one.md": SLUG_REPORT.format(title="One", id="one", date="2024-01-01",
                                     speakers="Abby Bangser, 佐々木", tags="C++, ガイド"),
    }, conf=FOLDERS_CONF)
    app = proj.build(buildername)
    assert warnings_of(app) == []
    out = Path(app.outdir)
    html = buildername == "html"
    expected = {
        "archive/events/index.html", "people/index.html", "topics/index.html",
        "people/abby-bangser.html" if html else "people/abby-bangser/index.html",
        "people/佐々木.html" if html else "people/佐々木/index.html",
        "topics/ガイド.html" if html else "topics/ガイド/index.html",
    }
    found = {p.relative_to(out).as_posix() for folder in ("archive", "people", "topics")
             for p in (out / folder).rglob("*.html")}
    assert expected <= found
    assert len(found) == 3 + 2 + 2
    for folder in ("events", "speakers", "tags"):
        assert not (out / folder).exists()
    pages = sorted(found) + ["index.html", "one.html" if html else "one/index.html"]
    assert check_links(out, buildername, pages) == []
