"""The directives and roles as users write them, in MyST and in reStructuredText (SPEC §2–§4).

Most tests read one build of ``roots/test-core-archive`` (five events in six
reports, one event and one session written up twice, roles and listings
pages); the MyST/rST equivalence and the merge rules build small projects.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import CONF, ROOTS, archive_warnings, build_app, warnings_of
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_eventarchive.core.records import Event, Speaker

# -- helpers -------------------------------------------------------------------------------------


def build_root(tmp_path_factory: pytest.TempPathFactory, name: str, **kwargs) -> SphinxTestApp:
    """Build a root once for a whole module (the root is read in place, output goes to tmp)."""
    builddir = tmp_path_factory.mktemp(f"{name}-build")
    return build_app("html", ROOTS / f"test-{name}", builddir=builddir, freshenv=True, **kwargs)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    # Only ASCII white space: dates keep their narrow and thin spaces.
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).rstrip("¶").strip()


def card_of(soup: BeautifulSoup, event_anchor: str):
    return soup.find(id=event_anchor).select_one(".eventarchive-card")


def fields(card) -> dict:
    """Card fields by label: label -> <dd>."""
    dts = card.select("dl.eventarchive-fields > dt")
    dds = card.select("dl.eventarchive-fields > dd")
    assert len(dts) == len(dds)
    return {dt.get_text().strip().rstrip(":").strip(): dd for dt, dd in zip(dts, dds, strict=True)}


def links(element) -> list[tuple[str, str]]:
    return [(text(a), unquote(a["href"])) for a in element.find_all("a")]


def session_block(soup: BeautifulSoup, title: str):
    found = [div for div in soup.select("div.eventarchive-session")
             if text(div.select_one(".eventarchive-session-title")) == title]
    assert len(found) == 1, f"{title!r} found {len(found)} times"
    return found[0]


def event_cards(section) -> list:
    return section.select("div.eventarchive-eventlist > div.eventarchive-ecard")


def event_lines(section) -> list[str]:
    """The events a listing shows, by name (each card's title)."""
    return [text(card.select_one(".eventarchive-item-title a")) for card in event_cards(section)]


def card_line(card) -> str:
    """A card read as one line, the way other builders write it: title — fact · fact."""
    facts = [text(fact) for fact in card.select_one(".eventarchive-item-meta").find_all(
        recursive=False) if "eventarchive-sep" not in fact.get("class", [])]
    return f"{text(card.select_one('.eventarchive-item-title'))} — {' · '.join(facts)}"


def session_groups(section) -> list[tuple[str, list[str]]]:
    container = section.select_one("div.eventarchive-sessionlist")
    groups = []
    for heading in container.select("p.eventarchive-group"):
        cards = heading.find_next_sibling("div").select("div.eventarchive-scard")
        groups.append((text(heading), [text(card.select_one(".eventarchive-item-title a"))
                                       for card in cards]))
    return groups


def anchor_of(app: SphinxTestApp, event_id: str) -> str:
    return app.env.domains["eventarchive"].archive.events[event_id].event.anchor


def session_anchor(app: SphinxTestApp, session_id: str) -> str:
    return app.env.domains["eventarchive"].archive.sessions[session_id].session.anchor


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> SphinxTestApp:
    return build_root(tmp_path_factory, "core-archive")


@pytest.fixture(scope="module")
def archive_ja(tmp_path_factory) -> SphinxTestApp:
    return build_root(tmp_path_factory, "core-archive", confoverrides={"language": "ja"})


# -- the archive root ----------------------------------------------------------------------------


def test_archive_root_builds_without_warnings(archive, archive_ja):
    assert warnings_of(archive) == []
    assert warnings_of(archive_ja) == []


def test_event_card_shows_every_field(archive):
    soup = page(archive, "pfem8.html")
    card = card_of(soup, anchor_of(archive, "pfem8"))
    assert text(card.select_one(".eventarchive-card-title")) == "Platform Engineering Meetup #8"
    got = fields(card)
    assert text(got["Date"]) == "Fri, Apr 19, 2024 7:00\u202fPM\u2009–\u20099:30\u202fPM"
    # The place's name, its address in brackets after it (no comma running them together).
    assert text(got["Venue"]) == "gusuku Ashibinaa OSAKA (Grand Front Osaka, Osaka)"
    badge = got["Format"].select_one(".eventarchive-badge")
    assert text(badge) == "Hybrid"
    assert "eventarchive-format-hybrid" in badge["class"]
    assert text(got["Sessions"]) == "2"
    assert links(got["Links"]) == [
        ("Event page", "https://platformengineering.connpass.com/event/000000/"),
        ("#pfem", "https://x.com/hashtag/pfem"),
    ]
    # Tags of both write-ups, each linking to its tag page.
    assert links(got["Tags"]) == [("PFEM", "tags/pfem.html"),
                                  ("Platform Engineering", "tags/platform-engineering.html"),
                                  ("Osaka", "tags/osaka.html")]
    for _name, href in links(got["Tags"]):
        assert (Path(archive.outdir) / href).is_file()
    assert text(got["Series"]).startswith("Platform Engineering Meetup")
    # The recording comes from the second write-up.
    frame = card.select_one("iframe")
    assert frame["src"] == "https://www.youtube-nocookie.com/embed/XXXXXXXXXXX"
    assert frame["title"] == "Recording: Platform Engineering Meetup #8"
    description = soup.find(id=anchor_of(archive, "pfem8")).select_one(".eventarchive-description")
    assert text(description) == "The first meetup held in Osaka."


def test_event_card_links_the_other_write_ups(archive):
    first = fields(card_of(page(archive, "pfem8.html"), "event-pfem8"))
    second = fields(card_of(page(archive, "pfem8-second.html"), "event-pfem8"))
    assert links(first["Other reports"]) == [
        ("Another view of Platform Engineering Meetup #8", "pfem8-second.html#event-pfem8")]
    # A report is named by one rule everywhere: its front matter title, else its heading
    # (pfem8.md has a front matter title; pfem8-second.md has none).
    assert links(second["Other reports"]) == [
        ("Platform Engineering Meetup#8 Osaka report", "pfem8.html#event-pfem8")]
    # The second write-up shows the merged event: the venue only the first report gives.
    assert text(second["Venue"]) == "gusuku Ashibinaa OSAKA (Grand Front Osaka, Osaka)"


def test_series_links_previous_and_next(archive):
    def series(docname: str, event_id: str) -> list[tuple[str, str]]:
        return links(fields(card_of(page(archive, f"{docname}.html"),
                                    anchor_of(archive, event_id)))["Series"])

    assert series("pfem7", "pfem7") == [
        ("Platform Engineering Meetup Online#1",
         f"online1.html#{anchor_of(archive, 'pfem-online1')}")]
    assert series("online1", "pfem-online1") == [
        ("Platform Engineering Meetup #7", f"pfem7.html#{anchor_of(archive, 'pfem7')}"),
        ("Platform Engineering Meetup #8", f"pfem8.html#{anchor_of(archive, 'pfem8')}"),
    ]
    online1 = fields(card_of(page(archive, "online1.html"), anchor_of(archive, "pfem-online1")))
    assert text(online1["Series"]) == (
        "Platform Engineering Meetup · Previous: Platform Engineering Meetup #7 · "
        "Next: Platform Engineering Meetup #8")
    # No series, no series field.
    assert "Series" not in fields(card_of(page(archive, "pek2024.html"), "event-pek2024"))


def test_multi_day_event_and_date_only_event(archive):
    got = fields(card_of(page(archive, "pek2024.html"), "event-pek2024"))
    assert text(got["Date"]) == "Tue, Jul 9\u2009–\u2009Wed, Jul 10, 2024"
    assert text(got["Venue"]) == "TODA HALL & CONFERENCE TOKYO"
    assert text(got["Format"]) == "In person"
    assert "Links" not in got


def test_event_card_dates_follow_the_page_language(archive_ja):
    def when(docname: str, event_id: str) -> str:
        card = card_of(page(archive_ja, f"{docname}.html"), anchor_of(archive_ja, event_id))
        return text(card.select_one(".eventarchive-date"))

    # With the weekday, as connpass writes it.
    assert when("pfem8", "pfem8") == "2024年4月19日(金) 19:00～21:30"
    assert when("pek2024", "pek2024") == "2024年7月9日(火)～10日(水)"
    assert when("online1", "pfem-online1") == "2024年3月22日(金) 19:00"
    measuring = session_block(page(archive_ja, "pfem8.html"), "Measuring platforms")
    assert "2024年4月19日(金) 20:00～20:30" in text(
        measuring.select_one(".eventarchive-session-meta"))


def _japanese(label: str) -> bool:
    return any("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" for char in label)


def test_card_labels_follow_the_page_language(archive_ja):
    # SPEC §1: with language = "ja", labels follow it (not only the dates).
    soup = page(archive_ja, "pfem8.html")
    card = card_of(soup, "event-pfem8")
    labels = list(fields(card))
    assert labels and all(_japanese(label) for label in labels), labels
    assert _japanese(text(card.select_one(".eventarchive-badge")))
    measuring = session_block(soup, "Measuring platforms")
    assert _japanese(text(measuring.select_one(".eventarchive-type-talk")))


def test_session_block_shows_every_field(archive):
    soup = page(archive, "pfem8.html")
    block = session_block(soup, "Measuring platforms")
    anchor = session_anchor(archive, "pfem8/measuring-platforms")
    heading = block.select_one(".eventarchive-session-title")
    # A heading one level below the "Sessions" section it sits in, with a permalink.
    assert heading.name == "h3"
    assert heading["id"] == anchor
    assert heading.select_one("a.headerlink")["href"] == f"#{anchor}"
    speakers = block.select_one(".eventarchive-speakers")
    assert links(speakers) == [("佐々木", "speakers/佐々木.html")]
    assert (Path(archive.outdir) / "speakers" / "佐々木.html").is_file()
    assert [text(s) for s in speakers.select(".eventarchive-affiliation")] == ["(コドモン)"]
    meta = block.select_one(".eventarchive-session-meta")
    badge = meta.select_one(".eventarchive-badge")
    assert text(badge) == "Talk" and "eventarchive-type-talk" in badge["class"]
    assert text(meta).startswith(
        "Talk · Fri, Apr 19, 2024 8:00\u202fPM\u2009–\u20098:30\u202fPM · A · Hall 1 · "
        "Japanese · Programme")
    assert links(meta) == [
        ("Programme", "https://platformengineering.connpass.com/event/000000/programme/3"),
        ("Platform Engineering", "tags/platform-engineering.html"),
        ("metrics", "tags/metrics.html"),
    ]
    frames = block.select("iframe")
    assert [f["src"] for f in frames] == [
        "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3723",
    ]
    assert [f["title"] for f in frames] == ["Slides: Measuring platforms",
                                           "Video: Measuring platforms"]
    assert all(f["loading"] == "lazy" and f.has_attr("allowfullscreen") for f in frames)
    assert not any(f.has_attr("style") for f in frames)
    # Each embed is followed by a plain link to the deck or recording.
    assert [(text(a), a["href"]) for a in block.select(".eventarchive-embed-link a")] == [
        ("Slides: Measuring platforms",
         "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc"),
        ("Video: Measuring platforms", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3723s"),
    ]
    assert text(block.select_one(".eventarchive-notes")) == (
        "Measure what the platform does for its users.")


def test_speakerdeck_directive_options(archive):
    soup = page(archive, "pfem8.html")
    title = "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない"
    block = session_block(soup, title)
    embed = block.select_one(".eventarchive-embed-speakerdeck")
    frame = embed.select_one("iframe")
    assert frame["src"] == "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6?slide=3"
    # Default title: the enclosing session's.
    assert frame["title"] == title
    assert "eventarchive-r133" in frame.parent["class"]  # 4:3
    assert frame["loading"] == "lazy" and frame.has_attr("allowfullscreen")
    assert [(text(a), a["href"]) for a in embed.select(".eventarchive-embed-link a")] == [
        (title, "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6")]
    assert text(block.select_one(".eventarchive-notes")).endswith("Notes about the talk.")


@pytest.mark.parametrize(
    ("docname", "title", "badge"),
    [("pfem7", "Golden paths", "keynote"),
     ("online1", "Backstage plugins for visualisation", "lightning"),
     ("pek2024", "The future of platforms", "panel"),
     ("pek2024", "Hands-on Backstage", "workshop"),
     ("cnd2023", "Kubernetes at scale", "talk")],
)
def test_session_type_badge(archive, docname, title, badge):
    labels = {"keynote": "Keynote", "lightning": "Lightning talk", "panel": "Panel",
              "workshop": "Workshop", "talk": "Talk"}
    block = session_block(page(archive, f"{docname}.html"), title)
    element = block.select_one(".eventarchive-badge")
    assert element["class"] == ["eventarchive-badge", f"eventarchive-type-{badge}"]
    assert text(element) == labels[badge]


def test_several_speakers_with_affiliations(archive):
    soup = page(archive, "pek2024.html")
    panel = session_block(soup, "The future of platforms").select_one(".eventarchive-speakers")
    # Semicolon mode: the comma belongs to the affiliation.
    assert text(panel) == "Whitney Lee (VMware, Austin), 佐々木 (コドモン)"
    assert links(panel) == [("Whitney Lee", "speakers/whitney-lee.html"),
                            ("佐々木", "speakers/佐々木.html")]
    # Japanese separators: two speakers.
    workshop = session_block(soup, "Hands-on Backstage").select_one(".eventarchive-speakers")
    assert links(workshop) == [("田中", "speakers/田中.html"), ("岡", "speakers/岡.html")]


def test_lists_and_speaker_identity_in_the_domain(archive):
    domain = archive.env.domains["eventarchive"]
    assert domain.events["pfem-online1"]["online1"].tags == ("PFEM", "Backstage")
    assert domain.sessions["pek2024/hands-on-backstage"]["pek2024"].speakers == (
        Speaker("田中"), Speaker("岡"))
    assert domain.sessions["pek2024/the-future-of-platforms"]["pek2024"].speakers == (
        Speaker("Whitney Lee", "VMware, Austin"), Speaker("佐々木", "コドモン"))
    speakers = domain.archive.speakers
    # Report authors are people too (front matter `author`), found by the same rule.
    assert sorted(speakers) == ["abby bangser", "furuya", "whitney lee", "yoshikawa",
                                "佐々木", "坂本", "岡", "田中"]
    assert not speakers["furuya"].appearances and speakers["furuya"].reports
    abby = speakers["abby bangser"]
    # "Abby Bangser", "abby  bangser" and "Ａｂｂｙ Bangser" are one person.
    assert abby.name == "Abby Bangser"
    assert abby.slug == "abby-bangser"
    assert [(a.session, a.affiliation) for a in abby.appearances] == [
        ("pek2024/platform-as-a-product", "Syntasso Ltd"),
        ("pfem-online1/backstage-plugins-for-visualisation", "Syntasso"),
        ("pfem7/golden-paths", "Syntasso"),
    ]
    assert abby.affiliations == ("Syntasso Ltd", "Syntasso")
    # A session written up twice counts once.
    assert [a.session for a in speakers["佐々木"].appearances] == [
        "pek2024/the-future-of-platforms", "pfem8/measuring-platforms"]


def test_sessions_belong_to_the_event_above(archive):
    archive_view = archive.env.domains["eventarchive"].archive
    assert sorted(archive_view.events["pfem8"].sessions) == [
        "pfem8/chatworkのsre部って実は半分くらいplatform-engineering部かもしれない",
        "pfem8/measuring-platforms",
    ]
    assert sorted(archive_view.events["pek2024"].sessions) == [
        "pek2024/hands-on-backstage", "pek2024/platform-as-a-product",
        "pek2024/the-future-of-platforms"]
    assert archive_view.events["pfem7"].sessions == ("pfem7/golden-paths",)


def test_the_same_event_and_session_in_two_reports_merge(archive):
    domain = archive.env.domains["eventarchive"]
    assert sorted(domain.events["pfem8"]) == ["pfem8", "pfem8-second"]
    merged = domain.archive.events["pfem8"]
    assert [w.docname for w in merged.writeups] == ["pfem8", "pfem8-second"]
    assert merged.event.venue == "gusuku Ashibinaa OSAKA"
    assert merged.event.video == "https://www.youtube.com/watch?v=XXXXXXXXXXX"
    assert merged.event.tags == ("PFEM", "Platform Engineering", "Osaka")
    session = domain.archive.sessions["pfem8/measuring-platforms"]
    assert [w.docname for w in session.writeups] == ["pfem8", "pfem8-second"]
    assert session.session.tags == ("Platform Engineering", "metrics")
    assert session.session.track == "A"
    assert archive_warnings(archive) == []


@pytest.mark.parametrize("docname", ["roles-md", "roles-rst"])
def test_roles_link_with_and_without_titles(archive, docname):
    soup = page(archive, f"{docname}.html")
    measuring = f"pfem8.html#{session_anchor(archive, 'pfem8/measuring-platforms')}"
    got = [links(p) for p in soup.select("div.body section > p")]
    assert got == [
        [("Platform Engineering Meetup #8", "pfem8.html#event-pfem8")],
        [("PFEM 8", "pfem8.html#event-pfem8")],
        [("Measuring platforms", measuring)],
        [("The talk", measuring)],
        [("Abby Bangser", "speakers/abby-bangser.html")],
        [("Abby", "speakers/abby-bangser.html")],
        [("Abby Bangser", "speakers/abby-bangser.html")],
        [("Backstage", "tags/backstage.html")],
        [("Tag", "tags/backstage.html")],
    ]


@pytest.mark.parametrize("docname", ["roles-md", "roles-rst"])
def test_role_with_explicit_title_looks_like_one_without(archive, docname):
    # {speaker}`Abby <Abby Bangser>` is a name, like {speaker}`Abby Bangser`: not code.
    paragraphs = page(archive, f"{docname}.html").select("div.body section > p")
    implicit, explicit = paragraphs[4].find("a"), paragraphs[5].find("a")
    assert implicit.find("code") is None
    assert explicit.find("code") is None
    assert [child.name for child in explicit.children] == [
        child.name for child in implicit.children]


# -- listings ------------------------------------------------------------------------------------

PEK = "Platform Engineering Kaigi 2024"
PFEM8 = "Platform Engineering Meetup #8"
ONLINE1 = "Platform Engineering Meetup Online#1"
PFEM7 = "Platform Engineering Meetup #7"
CND = "CloudNative Days Tokyo 2023"


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("all-events", [PEK, PFEM8, ONLINE1, PFEM7, CND]),
        ("series-oldest", [PFEM7, ONLINE1, PFEM8]),
        ("tagged-backstage", [ONLINE1]),
        ("tagged-kubernetes-or-osaka", [PFEM8, CND]),
        ("year-2023", [CND]),
        ("hybrid", [PFEM8, CND]),
        ("limit-2", [PEK, PFEM8]),
        ("oldest-limit-2", [CND, PFEM7]),
    ],
)
def test_eventlist_options(archive, section, expected):
    assert event_lines(page(archive, "listings.html").find("section", id=section)) == expected


def test_eventlist_line_and_empty_result(archive):
    soup = page(archive, "listings.html")
    cards = event_cards(soup.find("section", id="all-events"))
    assert card_line(cards[1]) == (
        "Platform Engineering Meetup #8 — Fri, Apr 19, 2024 "
        "7:00\u202fPM\u2009–\u20099:30\u202fPM · Hybrid · gusuku Ashibinaa OSAKA · "
        "Platform Engineering Meetup · 2 sessions")
    assert links(cards[1]) == [(PFEM8, "pfem8.html#event-pfem8")]
    none = soup.find("section", id="none")
    assert event_cards(none) == []
    assert text(none.select_one(".eventarchive-empty")) == "No events yet."
    # The index page lists every event too.
    assert event_lines(page(archive, "index.html")) == [PEK, PFEM8, ONLINE1, PFEM7, CND]


def test_sessionlist_grouped_by_event(archive):
    groups = session_groups(page(archive, "listings.html").find("section", id="sessions-by-event"))
    assert [title for title, _ in groups] == [PEK, PFEM8, ONLINE1, PFEM7, CND]
    assert {title: sorted(items) for title, items in groups} == {
        PEK: ["Hands-on Backstage", "Platform as a product", "The future of platforms"],
        PFEM8: ["ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない",
                "Measuring platforms"],
        ONLINE1: ["Backstage plugins for visualisation", "Hello World, Backstage!"],
        PFEM7: ["Golden paths"],
        CND: ["Kubernetes at scale"],
    }


def test_sessionlist_filters(archive):
    soup = page(archive, "listings.html")
    pek = session_groups(soup.find("section", id="sessions-of-pek2024"))
    assert [(t, sorted(items)) for t, items in pek] == [
        (PEK, ["Hands-on Backstage", "Platform as a product", "The future of platforms"])]
    # :speaker: matches every spelling of the person; grouped by year.
    assert session_groups(soup.find("section", id="sessions-of-abby")) == [
        ("2024", ["Platform as a product", "Backstage plugins for visualisation", "Golden paths"])]
    # :tags: is case-insensitive; grouped by tag.
    assert session_groups(soup.find("section", id="sessions-tagged-backstage")) == [
        ("Backstage", ["Hands-on Backstage", "Hello World, Backstage!", "Golden paths"])]
    keynotes = session_groups(soup.find("section", id="keynotes"))
    assert keynotes == [(PEK, ["Platform as a product"]), (PFEM7, ["Golden paths"])]
    limited = session_groups(soup.find("section", id="sessions-limit-2"))
    assert sum(len(items) for _, items in limited) == 2
    assert limited == [(PEK, ["Hands-on Backstage", "The future of platforms"])]


def test_sessionlist_grouped_by_speaker(archive):
    pytest.importorskip("sudachipy", reason="the kanji names' 50音 order needs the [ja] extra")
    section = page(archive, "listings.html").find("section", id="sessions-by-speaker")
    groups = session_groups(section)
    # In the speakers index's order: A–Z, then 50音 by reading (おか, ささき, たなか).
    assert groups == [
        ("Abby Bangser", ["Platform as a product"]),
        ("Whitney Lee", ["The future of platforms"]),
        ("岡", ["Hands-on Backstage"]),
        ("佐々木", ["The future of platforms"]),
        ("田中", ["Hands-on Backstage"]),
    ]
    headings = page(archive, "listings.html").find("section", id="sessions-by-speaker").select(
        "p.eventarchive-group")
    assert links(headings[0]) == [("Abby Bangser", "speakers/abby-bangser.html")]


# -- MyST and rST give one doctree ---------------------------------------------------------------

EVENT_OPTIONS = [
    ("id", "pfem8"),
    ("series", "Platform Engineering Meetup"),
    ("date", "2024-04-19T19:00+09:00"),
    ("end", "2024-04-19T21:30+09:00"),
    ("venue", "gusuku Ashibinaa OSAKA"),
    ("location", "Grand Front Osaka, Osaka"),
    ("format", "hybrid"),
    ("url", "https://platformengineering.connpass.com/event/000000/"),
    ("video", "https://www.youtube.com/watch?v=koMsUFOar88"),
    ("tags", "PFEM, Platform Engineering"),
    ("image", "images/pfem8.png"),
    ("hashtag", "#pfem"),
]
SESSION_OPTIONS = [
    ("speakers", "佐々木 (コドモン), Abby Bangser (Syntasso)"),
    ("type", "keynote"),
    ("start", "2024-04-19T20:00+09:00"),
    ("end", "2024-04-19T20:30+09:00"),
    ("track", "A"),
    ("room", "Hall 1"),
    ("slides", "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc"),
    ("video", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s"),
    ("url", "https://example.org/programme/3"),
    ("tags", "Platform Engineering, metrics"),
    ("language", "ja"),
]
SECOND_SESSION_OPTIONS = [("id", "measuring"), ("event", "pfem8"), ("speakers", "Whitney Lee")]
DECK_OPTIONS = [("title", "The deck"), ("ratio", "4:3"), ("slide", "3")]
EVENTLIST_OPTIONS = [("series", "Platform Engineering Meetup"), ("tags", "PFEM"), ("year", "2024"),
                     ("format", "hybrid"), ("limit", "5"), ("sort", "oldest")]
SESSIONLIST_OPTIONS = [("event", "pfem8"), ("speaker", "Abby Bangser"), ("tags", "metrics"),
                       ("type", "keynote"), ("limit", "3"), ("group-by", "speaker")]


def _md(name: str, argument: str, options: list[tuple[str, str]], body: str = "", *,
        yaml: bool = False, fence: str = "```") -> str:
    lines = [f"{fence}{{{name}}} {argument}".rstrip()]
    if yaml:
        # In YAML a bare "#" starts a comment, so a YAML user quotes the hashtag.
        lines += ["---", *(f'{k}: "{v}"' if k == "hashtag" else f"{k}: {v}" for k, v in options),
                  "---"]
    else:
        lines += [f":{k}: {v}" for k, v in options]
    if body:
        lines += ["", body]
    return "\n".join([*lines, fence, ""])


def _rst(name: str, argument: str, options: list[tuple[str, str]], body: str = "") -> str:
    lines = [f".. {name}:: {argument}".rstrip(), *(f"   :{k}: {v}" for k, v in options)]
    if body:
        lines += ["", *("   " + line if line else "" for line in body.splitlines())]
    return "\n".join([*lines, ""])


def _myst_page(title: str, *, yaml: bool) -> str:
    deck = _md("speakerdeck", "66ff0884adf14862b6019fc4bcc5c5f6", DECK_OPTIONS, yaml=yaml)
    return "\n".join([
        f"# {title}", "",
        _md("event", "Platform Engineering Meetup #8", EVENT_OPTIONS,
            "The first meetup held in Osaka.", yaml=yaml),
        _md("session", "Measuring platforms", SESSION_OPTIONS,
            "Notes on the talk.\n\n" + deck, yaml=yaml, fence="````"),
        _md("session", "Second talk", SECOND_SESSION_OPTIONS, yaml=yaml),
        _md("eventlist", "", EVENTLIST_OPTIONS, yaml=yaml),
        _md("sessionlist", "", SESSIONLIST_OPTIONS, yaml=yaml),
    ])


def _rst_page(title: str) -> str:
    deck = _rst("speakerdeck", "66ff0884adf14862b6019fc4bcc5c5f6", DECK_OPTIONS)
    return "\n".join([
        title, "=" * len(title) * 2, "",
        _rst("event", "Platform Engineering Meetup #8", EVENT_OPTIONS,
             "The first meetup held in Osaka."),
        _rst("session", "Measuring platforms", SESSION_OPTIONS, "Notes on the talk.\n\n" + deck),
        _rst("session", "Second talk", SECOND_SESSION_OPTIONS),
        _rst("eventlist", "", EVENTLIST_OPTIONS),
        _rst("sessionlist", "", SESSIONLIST_OPTIONS),
    ])


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def _directive_doctree(app: SphinxTestApp, docname: str) -> str:
    section = app.env.get_doctree(docname).next_node(nodes.section)
    parts = [child.pformat() for child in section.children if not isinstance(child, nodes.title)]
    return re.sub(r' (?:source|line|refdoc)="[^"]*"', "", "".join(parts))


def _directive_html(app: SphinxTestApp, docname: str) -> list[str]:
    # Links to the event's primary write-up ("myst") are "#…" there and "myst.html#…" elsewhere.
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html.replace('href="myst.html#', 'href="#'), "html.parser")
    out = []
    for element in soup.select("div.body section > *"):
        if element.name in ("h1", "h2"):
            continue
        for dt in element.select("dl.eventarchive-fields > dt"):
            if dt.get_text().startswith("Other reports"):
                dt.find_next_sibling("dd").decompose()
                dt.decompose()
        # Each page shares itself, and links the write-ups relative to itself.
        for own in element.select("p.eventarchive-share, p.eventarchive-writeups"):
            own.decompose()
        out.append(str(element))
    return out


@pytest.fixture(scope="module")
def three_forms(tmp_path_factory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp("three-forms")
    files = {
        "conf.py": CONF,
        "index.md": "# Index\n\n```{toctree}\nmyst\nyaml\nrest\n```\n",
        "myst.md": _myst_page("Same snippet", yaml=False),
        "yaml.md": _myst_page("Same snippet", yaml=True),
        "rest.rst": _rst_page("Same snippet"),
    }
    for name, content in files.items():
        (srcdir / name).write_text(content, encoding="utf-8")
    (srcdir / "images").mkdir()
    (srcdir / "images" / "pfem8.png").write_bytes(PNG)
    return build_app("html", srcdir, builddir=srcdir / "_build", freshenv=True)


def test_myst_yaml_block_and_rst_give_the_same_doctree(three_forms):
    app = three_forms
    assert warnings_of(app) == []
    myst = _directive_doctree(app, "myst")
    assert "event_node" in myst and "session_node" in myst and "listing_node" in myst
    assert "embed_node" in myst
    assert _directive_doctree(app, "yaml") == myst
    assert _directive_doctree(app, "rest") == myst


def test_myst_yaml_block_and_rst_render_the_same_html(three_forms):
    app = three_forms
    myst = _directive_html(app, "myst")
    assert len(myst) == 5  # event, two sessions, two listings
    assert _directive_html(app, "yaml") == myst
    assert _directive_html(app, "rest") == myst


def test_every_option_reaches_the_records(three_forms):
    domain = three_forms.env.domains["eventarchive"]
    assert sorted(domain.events["pfem8"]) == ["myst", "rest", "yaml"]
    records = {docname: event._replace(docname="", lineno=0)
               for docname, event in domain.events["pfem8"].items()}
    assert records["myst"] == records["yaml"] == records["rest"] == Event(
        id="pfem8", name="Platform Engineering Meetup #8", docname="", lineno=0,
        anchor="event-pfem8", date="2024-04-19T19:00+09:00", end="2024-04-19T21:30+09:00",
        series="Platform Engineering Meetup", venue="gusuku Ashibinaa OSAKA",
        location="Grand Front Osaka, Osaka", format="hybrid",
        url="https://platformengineering.connpass.com/event/000000/",
        video="https://www.youtube.com/watch?v=koMsUFOar88",
        tags=("PFEM", "Platform Engineering"), image="images/pfem8.png", hashtag="pfem",
        description="The first meetup held in Osaka.",
        # Every option was written, so each is a value when write-ups merge.
        given=("id", "series", "date", "end", "venue", "location", "format", "url", "video",
               "tags", "image", "hashtag"),
        # The date, read once: the moment to sort and stamp by.
        moment=datetime.datetime(2024, 4, 19, 19, 0,
                                 tzinfo=datetime.timezone(datetime.timedelta(hours=9))),
    )
    sessions = domain.sessions["pfem8/measuring-platforms"]
    assert sorted(sessions) == ["myst", "rest", "yaml"]
    session = sessions["rest"]
    assert session.speakers == (Speaker("佐々木", "コドモン"), Speaker("Abby Bangser", "Syntasso"))
    assert (session.type, session.start, session.end, session.track, session.room,
            session.language) == ("keynote", "2024-04-19T20:00+09:00", "2024-04-19T20:30+09:00",
                                  "A", "Hall 1", "ja")
    assert session.slides == "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc"
    assert session.video == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s"
    assert session.url == "https://example.org/programme/3"
    assert session.tags == ("Platform Engineering", "metrics")
    assert sessions["myst"]._replace(docname="", lineno=0) == session._replace(docname="",
                                                                               lineno=0)
    # :id: and :event: given explicitly.
    assert sorted(domain.sessions["measuring"]) == ["myst", "rest", "yaml"]
    assert domain.sessions["measuring"]["myst"].event == "pfem8"
    assert dict(domain.listings["rest"][0].options) == dict(EVENTLIST_OPTIONS)
    assert dict(domain.listings["yaml"][1].options) == dict(SESSIONLIST_OPTIONS)


def test_speakerdeck_title_ratio_and_slide_in_every_form(three_forms):
    for docname in ("myst", "yaml", "rest"):
        block = session_block(page(three_forms, f"{docname}.html"), "Measuring platforms")
        deck = block.select_one(".eventarchive-notes .eventarchive-embed-speakerdeck")
        frame = deck.select_one("iframe")
        assert frame["src"] == (
            "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6?slide=3"), docname
        assert frame["title"] == "The deck"
        assert "eventarchive-r133" in frame.parent["class"]
        assert text(deck.select_one(".eventarchive-embed-link a")) == "The deck"


def test_listing_options_in_every_form(three_forms):
    soup = page(three_forms, "rest.html")
    # series + tags + year + format match pfem8; the keynote of Abby tagged metrics too.
    assert event_lines(soup) == ["Platform Engineering Meetup #8"]
    groups = session_groups(soup)
    assert groups[0] == ("Abby Bangser", ["Measuring platforms"])
    assert {title for _, items in groups for title in items} == {"Measuring platforms"}


# -- where sessions go, and two reports of one event ----------------------------------------------


def test_session_attaches_to_the_nearest_event_above_unless_told(project):
    app = project({
        "index.md": "# Index\n\n```{toctree}\na\nb\n```\n",
        "a.md": (
            "# A\n\n"
            "```{event} First\n:id: first\n:date: 2024-01-10\n```\n\n"
            "```{session} One\n```\n\n"
            "```{event} Second\n:id: second\n:date: 2024-02-10\n```\n\n"
            "```{session} Two\n```\n\n"
            "```{session} Three\n:event: first\n```\n"
        ),
        "b.rst": (
            "B\n=\n\n"
            ".. session:: Four\n   :event: second\n\n"
            ".. event:: Third\n   :id: third\n   :date: 2024-03-10\n\n"
            ".. session:: Five\n"
        ),
    }).build()
    assert warnings_of(app) == []
    domain = app.env.domains["eventarchive"]
    assert {sid: next(iter(by_doc.values())).event for sid, by_doc in domain.sessions.items()} == {
        "first/one": "first", "second/two": "second", "first/three": "first",
        "second/four": "second", "third/five": "third"}
    view = domain.archive
    assert sorted(view.events["first"].sessions) == ["first/one", "first/three"]
    assert sorted(view.events["second"].sessions) == ["second/four", "second/two"]
    # The card counts them.
    card = card_of(page(app, "a.html"), "event-second")
    assert text(fields(card)["Sessions"]) == "2"


def test_two_reports_of_one_event_merge_and_conflicts_warn_at_the_second(project):
    a = (
        "# A\n\n"
        "```{event} Meetup\n:id: m1\n:date: 2024-04-19T19:00+09:00\n:venue: Hall A\n"
        ":tags: PFEM\n```\n\n"
        "```{session} Talk\n:speakers: Abby Bangser (Syntasso)\n:track: A\n```\n"
    )
    b = (
        "# B\n\n"
        "```{event} Meetup\n"        # line 3
        ":id: m1\n"                  # line 4
        ":date: 2024-04-20T19:00+09:00\n"  # line 5
        ":format: online\n"          # line 6
        ":venue: Hall B\n"           # line 7
        ":tags: Backstage\n"
        "```\n\n"
        "```{session} Talk\n"        # line 11
        ":event: m1\n"               # line 12
        ":speakers: Abby Bangser (Syntasso)\n"
        ":track: B\n"                # line 14
        "```\n"
    )
    proj = project({"index.md": "# Index\n\n```{toctree}\na\nb\n```\n", "a.md": a, "b.md": b})
    app = proj.build()
    src = str(proj.srcdir)
    found = {}
    for line in archive_warnings(app):
        match = re.match(r"^(.*?):(\d+): WARNING: \w+ '[^']+' has (\w+) .*\[(eventarchive\.\w+)\]$",
                         line.replace(src + "/", ""))
        assert match, line
        found[match[3]] = (match[1], int(match[2]), match[4], line)
    assert sorted(found) == ["date", "track", "venue"]
    assert found["date"][:3] in {("b.md", 3, "eventarchive.conflict"),
                                 ("b.md", 5, "eventarchive.conflict")}
    assert found["venue"][:3] in {("b.md", 3, "eventarchive.conflict"),
                                  ("b.md", 7, "eventarchive.conflict")}
    assert found["track"][:3] in {("b.md", 11, "eventarchive.conflict"),
                                  ("b.md", 14, "eventarchive.conflict")}
    date = found["date"][3]
    assert "2024-04-20T19:00+09:00" in date and "2024-04-19T19:00+09:00" in date
    domain = app.env.domains["eventarchive"]
    event = domain.archive.events["m1"].event
    # Fields merge: the first report's value wins a conflict, a field only one gives is kept.
    assert (event.date, event.venue, event.format, event.tags) == (
        "2024-04-19T19:00+09:00", "Hall A", "online", ("PFEM", "Backstage"))
    # The same session id in two reports: one session, two write-ups.
    session = domain.archive.sessions["m1/talk"]
    assert [w.docname for w in session.writeups] == ["a", "b"]
    assert len(domain.archive.events["m1"].sessions) == 1
    assert [a.session for a in domain.archive.speakers["abby bangser"].appearances] == ["m1/talk"]


def test_one_speaker_spelled_two_ways_is_no_conflict(project):
    session = "```{{session}} Talk\n:event: m1\n:speakers: {}\n```\n"
    event = "```{event} Meetup\n:id: m1\n:date: 2024-04-19\n```\n\n"
    app = project({
        "index.md": "# Index\n\n```{toctree}\na\nb\n```\n",
        "a.md": "# A\n\n" + event + session.format("Abby Bangser (Syntasso), 佐々木"),
        "b.md": "# B\n\n" + event + session.format("abby  bangser (Syntasso)、佐々木"),
    }).build()
    # Speaker identity (SPEC §2): these are the same two people with the same affiliation.
    assert archive_warnings(app) == []
    speakers = app.env.domains["eventarchive"].archive.speakers
    assert sorted(speakers) == ["abby bangser", "佐々木"]


def test_full_width_separators_in_options(project):
    app = project({
        "index.md": "# Index\n\n```{toctree}\na\n```\n",
        "a.md": ("# A\n\n```{event} Meetup\n:id: m\n:date: 2024-01-01\n"
                 ":tags: 東京，大阪、名古屋\n```\n\n"
                 "```{session} Talk\n:speakers: 佐々木（コドモン，東京）；Abby Bangser (Syntasso)\n"
                 ":tags: A；B\n```\n"),
    }).build()
    assert archive_warnings(app) == []
    domain = app.env.domains["eventarchive"]
    assert domain.events["m"]["a"].tags == ("東京", "大阪", "名古屋")
    session = domain.sessions["m/talk"]["a"]
    assert [s.name for s in session.speakers] == ["佐々木", "Abby Bangser"]
    assert session.tags == ("A", "B")
