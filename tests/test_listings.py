"""``eventlist`` and ``sessionlist`` (SPEC §4): filters, order, limits and grouping.

The same listings (``listings.md`` of ``tests/roots/test-pages-archive``) are read
from the html and the text builder and must say the same thing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of
from sphinx.testing.util import SphinxTestApp

# -- expectations ------------------------------------------------------------------

ONLINE1 = "Platform Engineering Meetup Online 1"
PFEM8 = "Platform Engineering Meetup 8"
CND = "Cloud Native Days 2023"

EV_ONLINE1 = (f"{ONLINE1} — Mon, Feb 3, 2025 7:00 PM · Online · Platform Engineering Meetup · "
              "1 session")
EV_KANSAI = "Kansai Meetup — Tue, Sep 10, 2024 · In person"
EV_PFEM8 = (f"{PFEM8} — Fri, Apr 19, 2024 7:00 PM · Hybrid · Platform Engineering Meetup · "
            "2 sessions")
EV_CND = (f"{CND} — Mon, Dec 11 – Tue, Dec 12, 2023 · In person · Yokohama Hall · "
          "Cloud Native Days · 3 sessions")

EVENTLISTS = {
    "all-events": [EV_ONLINE1, EV_KANSAI, EV_PFEM8, EV_CND],
    "ev-series": [EV_ONLINE1, EV_PFEM8],  # matched without regard to case
    "ev-tags": [EV_ONLINE1, EV_KANSAI, EV_CND],  # any of the tags
    "ev-year": [EV_KANSAI, EV_PFEM8],
    "ev-format": [EV_ONLINE1],
    "ev-oldest-limit": [EV_CND, EV_PFEM8],
    "ev-newest-limit": [EV_ONLINE1],
}


def plain(title: str, speakers: str, event: str | None, date: str, kind: str = "",
          marks: tuple[str, ...] = ()) -> str:
    """A session as a card says it: type (talks have none), speakers with their
    affiliation at the time, event, date, slides and video."""
    return f"{title} — " + " · ".join(fact for fact in (kind, speakers, event, date, *marks)
                                      if fact)


def backstage(with_event: bool) -> str:
    return plain("Backstage 入門", "ヤマダ (Example), Brian Brown, サイトウ",
                 ONLINE1 if with_event else None, "Mon, Feb 3, 2025", "Lightning talk")


def measure(e: bool) -> str:
    return plain("計測の話", "さとう (Example)", PFEM8 if e else None, "Fri, Apr 19, 2024",
                 marks=("Slides",))


def golden(e: bool) -> str:
    return plain("Golden paths", "Abby Bangser (Independent)", PFEM8 if e else None,
                 "Fri, Apr 19, 2024", marks=("Video",))


def at_scale(e: bool) -> str:
    return plain("Platform Engineering at scale", "Abby Bangser (Syntasso)", CND if e else None,
                 "Mon, Dec 11, 2023", "Keynote", ("Slides", "Video"))


def cpp(e: bool) -> str:
    return plain("Kubernetes と C++", "佐々木 (コドモン)", CND if e else None, "Mon, Dec 11, 2023")


def zig(e: bool) -> str:
    return plain("Zig for SREs", "Zoe Zed (Acme)", CND if e else None, "Mon, Dec 11, 2023")


SESSIONLISTS = {
    "ss-all": [(ONLINE1, [backstage(False)]), (PFEM8, [measure(False), golden(False)]),
               (CND, [at_scale(False), cpp(False), zig(False)])],
    "ss-event": [(PFEM8, [measure(False), golden(False)])],
    "ss-speaker": [("2024", [golden(True)]), ("2023", [at_scale(True)])],
    "ss-tags": [("C#", [measure(True)]), ("C++", [cpp(True)])],
    "ss-type": [("Brian Brown", [backstage(True)]), ("サイトウ", [backstage(True)]),
                ("ヤマダ", [backstage(True)])],
    "ss-limit": [(ONLINE1, [backstage(False)]), (PFEM8, [measure(False)])],
    "ss-by-tag": [("Backstage", [backstage(True)]), ("C#", [measure(True)]),
                  ("C++", [cpp(True)]), ("Platform Engineering", [golden(True), at_scale(True)]),
                  ("SRE", [zig(True)]), ("ガイド", [backstage(True)])],
    "ss-by-year": [("2025", [backstage(True)]), ("2024", [measure(True), golden(True)]),
                   ("2023", [at_scale(True), cpp(True), zig(True)])],
}


def one_spelling(text: str) -> str:
    # The session at PFEM 8 spells the speaker "abby  bangser"; a listing may show
    # the spelling of the write-up or the archive's display name, both are fine.
    return text.replace("abby bangser", "Abby Bangser")


# -- building ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    base = tmp_path_factory.mktemp("listings")
    srcdir = base / "src"
    shutil.copytree(ROOTS / "test-pages-archive", srcdir)
    apps = {}
    for buildername in ("html", "text"):
        apps[buildername] = build_app(buildername, srcdir, builddir=base / "build")
    return apps


def text_of(node) -> str:
    return one_spelling(" ".join(node.get_text().split()))


def html_sections(app: SphinxTestApp) -> dict[str, object]:
    soup = BeautifulSoup((Path(app.outdir) / "listings.html").read_text(encoding="utf-8"),
                         "html.parser")
    return {section["id"]: section for section in soup.select("div.body section section")}


def card_line(card) -> str:
    """A card read as one line, the way other builders write it: title — fact · fact."""
    facts = [text_of(fact) for fact in card.select_one(".eventarchive-item-meta").find_all(
        recursive=False) if "eventarchive-sep" not in fact.get("class", [])]
    title = text_of(card.select_one(".eventarchive-item-title"))
    return f"{title} — {' · '.join(facts)}" if facts else title


def html_eventlist(section) -> list[str]:
    return [card_line(card) for card in section.select(
        "div.eventarchive-eventlist > div.eventarchive-item")]


def html_sessionlist(section) -> list[tuple[str, list[str]]]:
    container = section.select_one("div.eventarchive-sessionlist")
    groups = []
    for heading in container.find_all("p", class_="eventarchive-group", recursive=False):
        cards = heading.find_next_sibling("div").find_all("div", class_="eventarchive-item",
                                                          recursive=False)
        groups.append((text_of(heading), [card_line(card) for card in cards]))
    return groups


def text_sections(app: SphinxTestApp) -> dict[str, list[str]]:
    """The listings page of the text builder: section title -> its paragraphs, one line each."""
    text = (Path(app.outdir) / "listings.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    parts = re.split(r"^(\S.*)\n=+\n", text, flags=re.MULTILINE)
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        # The text writer wraps lines inside Japanese words (サイ / トウ): no space there.
        body = re.sub(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])\n\s*(?=[\u3040-\u30ff\u4e00-\u9fff])",
                      "", body)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        sections[title] = [one_spelling(p) for p in paragraphs]
    return sections


def text_sessionlist(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        if paragraph.startswith("* "):
            groups[-1][1].append(paragraph[2:])
        else:
            groups.append((paragraph.strip("*"), []))
    return groups


# -- html ----------------------------------------------------------------------------


def test_listings_build_without_warnings(built) -> None:
    for app in built.values():
        assert warnings_of(app) == []


@pytest.mark.parametrize("name", EVENTLISTS)
def test_eventlist_html(built, name: str) -> None:
    section = html_sections(built["html"])[name]
    assert html_eventlist(section) == EVENTLISTS[name]


@pytest.mark.parametrize("name", SESSIONLISTS)
def test_sessionlist_html(built, name: str) -> None:
    section = html_sections(built["html"])[name]
    assert html_sessionlist(section) == SESSIONLISTS[name]


def test_empty_eventlist_says_so(built) -> None:
    section = html_sections(built["html"])["ev-empty"]
    assert section.select("li") == []
    assert text_of(section.select_one(".eventarchive-empty")) == "No events yet."
    assert text_sections(built["text"])["ev-empty"] == ["No events yet."]


def test_listing_links_point_at_events_sessions_speakers_and_tags(built) -> None:
    sections = html_sections(built["html"])
    event_links = [a["href"] for a in sections["ev-year"].select(".eventarchive-item-title a")]
    assert event_links == ["kansai.html#event-kansai1", "pfem8.html#event-pfem8"]
    by_speaker = sections["ss-type"]
    headings = [a["href"] for p in by_speaker.select("p.eventarchive-group") for a in p("a")]
    assert headings == ["speakers/brian-brown.html", "speakers/%E3%82%B5%E3%82%A4%E3%83%88%E3%82%A6"
                        ".html", "speakers/%E3%83%A4%E3%83%9E%E3%83%80.html"]
    card = by_speaker.select_one("div.eventarchive-scard")
    assert [a["href"] for a in card("a")] == [
        "online1.html#session-online1_2f_backstage",
        "speakers/%E3%83%A4%E3%83%9E%E3%83%80.html", "speakers/brian-brown.html",
        "speakers/%E3%82%B5%E3%82%A4%E3%83%88%E3%82%A6.html", "online1.html#event-online1"]
    by_tag = sections["ss-tags"]
    assert [a["href"] for p in by_tag.select("p.eventarchive-group") for a in p("a")] == [
        "tags/c_23_.html", "tags/c_2b__2b_.html"]
    by_event = sections["ss-event"]
    assert [a["href"] for p in by_event.select("p.eventarchive-group") for a in p("a")] == [
        "pfem8.html#event-pfem8"]
    # Both spellings of one speaker lead to the same page.
    speaker_links = {a["href"] for a in sections["ss-speaker"].select("a")
                     if "speakers/" in a["href"]}
    assert speaker_links == {"speakers/abby-bangser.html"}


def test_home_page_eventlist(built) -> None:
    soup = BeautifulSoup((Path(built["html"].outdir) / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert html_eventlist(soup.find(id="latest-events")) == EVENTLISTS["all-events"]


# -- text ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTLISTS)
def test_eventlist_text(built, name: str) -> None:
    paragraphs = text_sections(built["text"])[name]
    assert paragraphs == [f"* {line}" for line in EVENTLISTS[name]]


@pytest.mark.parametrize("name", SESSIONLISTS)
def test_sessionlist_text(built, name: str) -> None:
    paragraphs = text_sections(built["text"])[name]
    assert text_sessionlist(paragraphs) == SESSIONLISTS[name]


def test_text_builder_has_every_listing(built) -> None:
    assert list(text_sections(built["text"])) == [*EVENTLISTS, "ev-empty", *SESSIONLISTS]


# -- bad options -------------------------------------------------------------------------

REPORT = """\
# Report

```{event} Meetup
:id: meetup
:date: 2024-03-01
:format: online
```

```{session} A talk
:speakers: Ann Example
:tags: Go
```
"""

BAD_VALUES = """\
# Bad

```{eventlist}
:format: hybird
:sort: random
:limit: zero
:year: 24
```

```{sessionlist}
:type: talkk
:group-by: venue
:limit: 0
```
"""


def test_unknown_option_values_warn_and_are_ignored(project) -> None:
    proj = project({"index.md": "# Home\n\n```{toctree}\nreport\nbad\n```\n",
                    "report.md": REPORT, "bad.md": BAD_VALUES})
    app = proj.build()
    found = sorted(
        (re.search(r"bad\.md:(\d+)", line)[1], re.search(r":(\S+): '", line)[1])
        for line in archive_warnings(app))
    assert found == sorted([("4", "format"), ("5", "sort"), ("6", "limit"), ("7", "year"),
                            ("11", "type"), ("12", "group-by"), ("13", "limit")])
    assert all("[eventarchive.option]" in line for line in archive_warnings(app))
    assert warnings_of(app) == archive_warnings(app)
    # What is left of each listing still shows the archive.
    soup = BeautifulSoup((Path(app.outdir) / "bad.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert html_eventlist(soup) == ["Meetup — Fri, Mar 1, 2024 · Online · 1 session"]
    assert [text_of(p) for p in soup.select("p.eventarchive-group")] == ["Meetup"]


UNKNOWN_TARGETS = """\
# Unknown

```{sessionlist}
:event: no-such-event
```

```{sessionlist}
:speaker: Nobody Known
```

```{eventlist}
:tags: NoSuchTag
```

```{sessionlist}
:event: meetup
:speaker: ann example
:tags: go
```
"""


def test_listing_naming_an_unknown_event_speaker_or_tag_warns(project) -> None:
    # SPEC §9: a reference to an unknown event, speaker or tag is a warning, so a typo in a
    # listing's filter does not silently give an empty list.
    proj = project({"index.md": "# Home\n\n```{toctree}\nreport\nunknown\n```\n",
                    "report.md": REPORT, "unknown.md": UNKNOWN_TARGETS})
    app = proj.build()
    warnings = archive_warnings(app)
    # One warning per listing, at the directive or at the option, naming the value.
    assert len(warnings) == 3, warnings
    by_line = {int(re.search(r"unknown\.md:(\d+)", w)[1]): w for w in warnings}
    for lines, value in (((3, 4), "no-such-event"), ((7, 8), "Nobody Known"),
                         ((11, 12), "NoSuchTag")):
        [warning] = [by_line[n] for n in lines if n in by_line]
        assert value in warning
        assert re.search(r"\[eventarchive\.(ref|option)\]$", warning), warning
    # The listing whose filters all exist shows its session.
    soup = BeautifulSoup((Path(app.outdir) / "unknown.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert [card_line(card) for card in soup.select("div.eventarchive-scard")] == [
        "A talk — Ann Example · Fri, Mar 1, 2024"]
