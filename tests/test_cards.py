"""Cards (issue 15): what they say in HTML and in every other builder, unpublished media,
a nested speakerdeck as the session's slides, share links, navigation to the generated
pages, indexes paged by initial, and ``-j 2`` against ``-j 1``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of

from sphinx_eventarchive.write import paging

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Cards"
html_baseurl = "https://archive.example.org/"
"""

INDEX = """\
# Home

```{toctree}
:caption: Reports

osaka
```

```{toctree}
:caption: Archive

events/index
speakers/index
All tags <tags/index>
```

See {archive-page}`events`, {archive-page}`every speaker <speakers>` and
{archive-page}`tags`.

Also [all events](events/index.md), {doc}`tags/index` and [people](speakers/).

```{sessionlist}
```
"""

OSAKA = """\
---
title: Tom & Jerry's <Osaka> "report" 大阪
---
# Osaka

```{event} Meetup #8
:id: pfem8
:date: 2024-04-19T19:00+09:00
:venue: gusuku
:location: Osaka
:format: hybrid
:hashtag: #pfem
:video: 未公開

Notes.
```

```{session} Decks to come
:speakers: 佐々木 (コドモン)
:slides: 未公開
:video: unpublished
:language: ja
```

```{session} A deck inside
:speakers: Abby Bangser (Syntasso), Whitney Lee (VMware)
:type: keynote

```{speakerdeck} 66ff0884adf14862b6019fc4bcc5c5f6
```
```
"""


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text().split())


def scard(page: BeautifulSoup, title: str):
    [card] = [c for c in page.select("div.eventarchive-scard")
              if words(c.select_one(".eventarchive-item-title")) == title]
    return card


@pytest.fixture
def cards(project):
    return project({"index.md": INDEX, "osaka.md": OSAKA}, conf=CONF)


# -- not published yet, and a deck inside a session ---------------------------------------


def test_unpublished_is_a_label_not_a_warning(cards):
    app = cards.build()
    assert warnings_of(app) == []
    block = soup(app, "osaka.html").select("div.eventarchive-session")[0]
    assert [words(m) for m in block.select(".eventarchive-mark-unpublished")] == [
        "Slides not published yet", "Video not published yet"]
    assert block.select("iframe") == [] and block.select("a.eventarchive-source") == []
    card = scard(soup(app, "index.html"), "Decks to come")
    assert [words(m) for m in card.select(".eventarchive-mark")] == [
        "Slides not published yet", "Video not published yet"]
    assert card.select("a.eventarchive-mark") == []
    # The event's recording, too.
    event = soup(app, "osaka.html").select_one(".eventarchive-card")
    assert "Video not published yet" in words(event)
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    sessions = {s["id"]: s for s in data["sessions"]}
    assert sessions["pfem8/decks-to-come"]["unpublished"] == ["slides", "video"]
    assert sessions["pfem8/decks-to-come"]["slides"] is None
    assert data["events"][0]["unpublished"] == ["video"]


def test_a_url_in_another_write_up_wins_over_unpublished(cards):
    cards.write({"later.md": "# Later\n\n```{session} Decks to come\n:id: pfem8/decks-to-come\n"
                             ":event: pfem8\n:slides: https://speakerdeck.com/player/"
                             "0123456789abcdef0123456789abcdef\n```\n",
                 "index.md": INDEX.replace("osaka\n```", "osaka\nlater\n```", 1)})
    app = cards.build()
    card = scard(soup(app, "index.html"), "Decks to come")
    [slides] = card.select("a.eventarchive-mark-slides")
    assert slides["href"] == "https://speakerdeck.com/player/0123456789abcdef0123456789abcdef"
    assert [words(m) for m in card.select(".eventarchive-mark-unpublished")] == [
        "Video not published yet"]


def test_a_speakerdeck_inside_a_session_is_its_slides(cards):
    app = cards.build()
    player = "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6"
    card = scard(soup(app, "index.html"), "A deck inside")
    assert [(words(a), a["href"]) for a in card.select("a.eventarchive-mark")] == [
        ("Slides", player)]
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    assert {s["id"]: s["slides"] for s in data["sessions"]}["pfem8/a-deck-inside"] == player
    blocks = [json.loads(s.string) for s in soup(app, "osaka.html").select(
        'script[type="application/ld+json"]')]
    assert player in json.dumps(blocks)
    # The deck is embedded once, where it was written.
    block = soup(app, "osaka.html").select("div.eventarchive-session")[1]
    assert [f["src"] for f in block.select("iframe")] == [player]


# -- what a card says ------------------------------------------------------------------------


def test_session_card_facts(cards):
    app = cards.build()
    card = scard(soup(app, "index.html"), "A deck inside")
    meta = card.select_one(".eventarchive-item-meta")
    facts = [words(f) for f in meta.find_all(recursive=False)
             if "eventarchive-sep" not in f.get("class", [])]
    assert facts == ["Keynote", "Abby Bangser (Syntasso), Whitney Lee (VMware)",
                     "Fri, Apr 19, 2024", "Slides"]
    assert [unquote(a["href"]) for a in card.select(".eventarchive-speakers a")] == [
        "speakers/abby-bangser.html", "speakers/whitney-lee.html"]
    # The title links the session where it is written up.
    assert card.select_one(".eventarchive-item-title a")["href"] == (
        "osaka.html#session-pfem8_2f_a_-deck_-inside")


def test_japanese_pages_write_japanese(cards):
    cards.write({"conf.py": CONF + 'language = "ja"\n'})
    app = cards.build()
    assert warnings_of(app) == []
    card = scard(soup(app, "index.html"), "Decks to come")
    assert words(card.select_one(".eventarchive-speakers")) == "佐々木（コドモン）"
    assert words(card.select_one(".eventarchive-date")) == "2024年4月19日(金)"
    assert words(card.select_one(".eventarchive-language")) == "日本語"
    keynote = scard(soup(app, "index.html"), "A deck inside")
    assert words(keynote.select_one(".eventarchive-speakers")) == (
        "Abby Bangser（Syntasso）、Whitney Lee（VMware）")
    event = soup(app, "osaka.html").select_one(".eventarchive-card")
    venue = [dd for dt, dd in zip(event.select("dt"), event.select("dd"), strict=True)
             if "会場" in dt.get_text()]
    assert [words(dd) for dd in venue] == ["gusuku（Osaka）"]
    # A date and its time each stay whole on a line: pieces marked as such.
    assert [p.get_text() for p in event.select(".eventarchive-date .eventarchive-nowrap")] == [
        "2024年4月19日(金)", "19:00"]
    block = soup(app, "osaka.html").select("div.eventarchive-session")[0]
    assert "日本語" in words(block.select_one(".eventarchive-session-meta"))


def test_other_builders_keep_one_line_per_entry(cards):
    app = cards.build("text")
    # The toctree entries of the generated pages warn, as genindex's do; links do not.
    assert [w for w in warnings_of(app) if "toctree" not in w] == []
    text = " ".join((Path(app.outdir) / "index.txt").read_text(encoding="utf-8").split())
    assert ("* Decks to come — 佐々木 (コドモン) · Fri, Apr 19, 2024 · Japanese · "
            "Slides not published yet · Video not published yet") in text
    assert "* A deck inside — Keynote · Abby Bangser (Syntasso), Whitney Lee (VMware) · " \
           "Fri, Apr 19, 2024 · Slides" in text
    # No share links outside the web.
    assert "Hatena" not in (Path(app.outdir) / "osaka.txt").read_text(encoding="utf-8")


# -- share links -----------------------------------------------------------------------------


def shares(page: BeautifulSoup) -> dict[str, str]:
    return {service.removeprefix("eventarchive-share-"): a["href"]
            for a in page.select("p.eventarchive-share a") for service in a["class"]
            if service.startswith("eventarchive-share-") and service != "eventarchive-share-link"}


def test_share_links_are_plain_links_escaped_and_encoded(cards):
    app = cards.build()
    page = soup(app, "osaka.html")
    links = shares(page)
    assert list(links) == ["x", "line", "hatena", "facebook", "bluesky", "copy"]
    title = 'Tom & Jerry\'s <Osaka> "report" 大阪'
    url = "https://archive.example.org/osaka.html"
    x = urlsplit(links["x"])
    assert (x.scheme, x.netloc, x.path) == ("https", "x.com", "/intent/post")
    assert parse_qs(x.query) == {"text": [title], "url": [url], "hashtags": ["pfem"]}
    assert parse_qs(urlsplit(links["line"]).query) == {"url": [url]}
    assert parse_qs(urlsplit(links["hatena"]).query) == {"mode": ["confirm"], "url": [url],
                                                         "title": [title]}
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["bluesky"]).query) == {"text": [f"{title} #pfem {url}"]}
    assert links["copy"] == url
    # Encoded in the URL, escaped in the attribute: no raw markup or spaces anywhere.
    raw = (Path(app.outdir) / "osaka.html").read_text(encoding="utf-8")
    for href in links.values():
        assert " " not in href and "<" not in href and '"' not in href
    assert "<Osaka>" not in raw
    # No third-party script: the links are all there is.
    assert not any("x.com" in (s.get("src") or "") or "line.me" in (s.get("src") or "")
                   for s in page.find_all("script"))


def test_share_links_follow_the_setting(cards):
    cards.write({"conf.py": CONF + 'eventarchive_share = ["line", "copy"]\n'})
    app = cards.build()
    assert list(shares(soup(app, "osaka.html"))) == ["line", "copy"]
    cards.write({"conf.py": CONF + "eventarchive_share = []\n"})
    app = cards.build()
    assert soup(app, "osaka.html").select("p.eventarchive-share") == []


def test_an_unknown_share_service_warns(cards):
    cards.write({"conf.py": CONF + 'eventarchive_share = ["x", "mastodon"]\n'})
    app = cards.build()
    [warning] = archive_warnings(app)
    assert "eventarchive_share" in warning and "mastodon" in warning
    assert "[eventarchive.config]" in warning
    assert len(shares(soup(app, "osaka.html"))) == 6  # the default


def test_no_share_links_without_an_absolute_url(cards):
    cards.write({"conf.py": CONF.replace('html_baseurl = "https://archive.example.org/"\n', "")})
    app = cards.build()
    assert soup(app, "osaka.html").select("p.eventarchive-share") == []


def test_a_report_without_an_event_shares_at_its_end(project):
    app = project({"index.md": "# Home\n\n```{toctree}\nnote\n```\n",
                   "note.md": "---\ntitle: A note\n---\n# A note\n\nText.\n\n"
                              "```{reportlist}\n```\n"}, conf=CONF).build()
    bar = soup(app, "note.html").select_one("div.body section > p.eventarchive-share:last-child")
    assert bar is not None
    assert parse_qs(urlsplit(shares(soup(app, "note.html"))["x"]).query)["text"] == ["A note"]


# -- navigation to the generated pages -------------------------------------------------------


@pytest.mark.parametrize(("builder", "suffix"), [("html", ".html"), ("dirhtml", "/")])
def test_generated_pages_in_toctrees_and_roles(cards, builder, suffix):
    app = cards.build(builder)
    assert warnings_of(app) == []
    home = soup(app, "index.html")
    out = Path(app.outdir)

    def exists(href: str) -> bool:
        path = out / unquote(href).partition("#")[0]
        return (path / "index.html").is_file() if href.endswith("/") else path.is_file()

    toctree = [(words(a), a["href"]) for a in home.select("div.toctree-wrapper a")
               if "events" in a["href"] or "speakers" in a["href"] or "tags" in a["href"]]
    assert toctree == [("Events", f"events/index{suffix}".replace("index/", "")),
                       ("Speakers", f"speakers/index{suffix}".replace("index/", "")),
                       ("All tags", f"tags/index{suffix}".replace("index/", ""))]
    [see] = [p for p in home.select("div.body p") if words(p).startswith("See ")]
    roles = [(words(a), a["href"]) for a in see.find_all("a")]
    assert [text for text, _ in roles] == ["Events", "every speaker", "Tags"]
    assert all(exists(href) for _, href in toctree + roles), toctree + roles
    # Markdown links and {doc} to the pages work as the role does (no warning above).
    [also] = [p for p in home.select("div.body p") if words(p).startswith("Also ")]
    links = [(words(a), a["href"]) for a in also.find_all("a")]
    assert [text for text, _ in links] == ["all events", "Tags", "people"]
    assert [href for _, href in links] == [roles[0][1], roles[2][1], roles[1][1]]
    # From a generated page, the same entries lead back to the reports.
    events = soup(app, "events/index.html" if builder == "html" else "events/index.html")
    assert events.select_one("section.eventarchive-page h1").get_text() == "Events"


# -- an index too large for one page --------------------------------------------------------


def test_an_index_of_a_thousand_entries_is_paged_by_initial(project, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_LIMIT", 4)
    tags = ["Alpha", "Apple", "Beta", "Béton", "ガイド", "C++"]
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-01-01\n"
              f":tags: {', '.join(tags)}\n```\n")
    proj = project({"index.md": "# Home\n\n```{toctree}\nr\n```\n", "r.md": report},
                   conf=CONF)
    app = proj.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    index = soup(app, "tags/index.html").select_one("section.eventarchive-page")
    nav = [(words(a), unquote(a["href"])) for a in index.select("nav.eventarchive-initials a")]
    assert nav == [("A", "index_a.html#initial-0"), ("B", "index_b.html#initial-1"),
                   ("C", "index_c.html#initial-2"), ("か行", "index_か行.html#initial-3")]
    # The index page holds no tag itself; each initial's page does.
    assert index.select("ul.eventarchive-tagcloud") == []
    a_page = soup(app, "tags/index_a.html").select_one("section.eventarchive-page")
    assert [words(a) for a in a_page.select("ul.eventarchive-tagcloud a")] == ["Alpha", "Apple"]
    assert a_page.select_one("a[aria-current]").get_text() == "A"
    b_page = soup(app, "tags/index_b.html").select_one("section.eventarchive-page")
    assert [words(a) for a in b_page.select("ul.eventarchive-tagcloud a")] == ["Beta", "Béton"]
    for page in out.glob("tags/index*.html"):
        assert page.stat().st_size < 1_000_000
    # Fewer tags than the limit again: one page, and the initials' pages are gone.
    proj.write({"r.md": report.replace(", ".join(tags), "Alpha, Beta")})
    app = proj.build()
    assert sorted(p.name for p in out.glob("tags/index*.html")) == ["index.html"]
    index = soup(app, "tags/index.html").select_one("section.eventarchive-page")
    assert [words(a) for a in index.select("ul.eventarchive-tagcloud a")] == ["Alpha", "Beta"]
    assert [a["href"] for a in index.select("nav.eventarchive-initials a")] == [
        "#initial-0", "#initial-1"]


# -- parallel ------------------------------------------------------------------------------


def test_parallel_build_gives_the_same_pages(cards, project):
    serial = cards.build()
    parallel = project({"index.md": INDEX, "osaka.md": OSAKA}, conf=CONF,
                       name="parallel").build(parallel=2)
    def read(app, page: str) -> str:
        # Static files' checksums (?v=…) say nothing about the page itself.
        return re.sub(r"\?v=[0-9a-f]+", "", (Path(app.outdir) / page).read_text(encoding="utf-8"))

    for page in ("index.html", "osaka.html", "events/index.html", "tags/index.html",
                 "speakers/abby-bangser.html"):
        assert read(serial, page) == read(parallel, page), page
