"""archive.json, events.ics and atom.xml, read back with the libraries their consumers use."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NamedTuple

import feedparser
import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of

from sphinx_eventarchive.core.dates import is_before, span

BASE = "https://archive.example.org/ja/latest/"
SCHEMA = Path(__file__).parents[1] / "sphinx_eventarchive" / "schema" / "archive.schema.json"
EXPORTS = ("archive.json", "archive.schema.json", "events.ics", "atom.xml")
HOSTILE_TITLE = 'Tom & Jerry <script>alert("x")</script> ]]> end'
HOSTILE_TEXT = 'Less < more & "quotes" ]]> here'
HOSTILE_EVENT = 'Fish & Chips <meetup> "2024" ]]>'
JST = dt.timezone(dt.timedelta(hours=9))


class Built(NamedTuple):
    outdir: Path
    warnings: list[str]
    archive_warnings: list[str]

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def json(self) -> dict[str, Any]:
        return json.loads(self.read("archive.json"))

    def calendar(self) -> icalendar.Calendar:
        return icalendar.Calendar.from_ical((self.outdir / "events.ics").read_bytes())

    def vevents(self) -> dict[str, icalendar.Event]:
        return {str(e["uid"]).split("@")[0]: e for e in self.calendar().walk("VEVENT")}

    def feed(self) -> Any:
        return feedparser.parse((self.outdir / "atom.xml").read_bytes())


def build_root(srcdir: Path, buildername: str = "html", **kwargs: Any) -> Built:
    app = build_app(buildername, srcdir, **kwargs)
    return Built(Path(app.outdir), warnings_of(app), archive_warnings(app))


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The multi-report root, built once for the read-only tests of this module."""
    srcdir = tmp_path_factory.mktemp("multi") / "src"
    shutil.copytree(ROOTS / "test-exports-multi", srcdir)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
        return build_root(srcdir)


@pytest.fixture
def no_rtd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)


# -- archive.json ---------------------------------------------------------------


def test_multi_root_builds_clean(multi: Built) -> None:
    assert multi.archive_warnings == []
    for name in EXPORTS:
        assert (multi.outdir / name).is_file(), name


def test_archive_json_validates_against_the_shipped_schema(multi: Built) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = multi.json()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    # The copy beside archive.json is the shipped schema, and "$schema" points at it.
    assert (multi.outdir / "archive.schema.json").read_bytes() == SCHEMA.read_bytes()
    assert data["$schema"] == BASE + "archive.schema.json"
    # 2: speakers carry their profile (issue 14); 3: authors are people (issue 27).
    assert data["version"] == 3
    assert data["generator"]["name"] == "sphinx-eventarchive"
    assert data["site"] == {"name": "コミュニティ勉強会アーカイブ", "url": BASE, "language": "ja"}


def test_archive_json_has_a_record_per_line(multi: Built) -> None:
    # A changed record is a changed line: the file diffs and greps by record.
    data = multi.json()
    lines = (multi.outdir / "archive.json").read_text(encoding="utf-8").splitlines()
    for kind in ("events", "sessions", "speakers", "tags", "reports"):
        start = lines.index(f'  "{kind}": [')
        records = [json.loads(line.strip().removesuffix(","))
                   for line in lines[start + 1:start + 1 + len(data[kind])]]
        assert records == data[kind], kind
        assert lines[start + 1 + len(data[kind])].strip() in ("]", "],"), kind


def test_schema_rejects_what_it_does_not_describe(multi: Built) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = multi.json()
    data["events"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = multi.json()
    data["sessions"][0]["type"] = "sermon"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_archive_json_holds_every_record_with_absolute_urls(multi: Built) -> None:
    data = multi.json()
    events = {e["id"]: e for e in data["events"]}
    sessions = {s["id"]: s for s in data["sessions"]}
    speakers = {s["id"]: s for s in data["speakers"]}
    tags = {t["id"]: t for t in data["tags"]}
    reports = {r["id"]: r for r in data["reports"]}

    # Newest first.
    assert list(events) == ["cnd2024", "pfem8", "pfem-online1", "hostile"]
    assert len(sessions) == 4
    # The speakers, and the reports' authors: people too (issue 27).
    assert set(speakers) == {"abby bangser", "john smith", "佐藤 花子",
                             "furuya", "jane doe", "yoshikawa", "山田 太郎"}
    assert set(reports) == {"conference", "meetup", "online", "hostile"}  # not about, not draft
    assert [r["id"] for r in data["reports"]] == ["conference", "meetup", "online", "hostile"]

    cnd = events["cnd2024"]
    assert cnd["url"] == BASE + "conference.html#event-cnd2024"
    assert (cnd["date"], cnd["end"]) == ("2024-09-05", "2024-09-06")
    assert cnd["venue"] == "有明セントラルタワー"
    assert cnd["official_url"] == "https://event.example.jp/cnd2024/"
    assert cnd["tags"] == ["cloud native", "kubernetes"]
    assert cnd["writeups"] == [{"report": "conference", "url": cnd["url"]}]
    assert len(cnd["sessions"]) == 2
    # A local picture is copied into the site, under the URL og:image uses.
    assert cnd["image"].startswith(BASE + "_images/")
    assert (multi.outdir / cnd["image"][len(BASE):]).is_file()
    page = BeautifulSoup(multi.read("conference.html"), "html.parser")
    assert page.select_one('meta[property="og:image"]')["content"] == cnd["image"]
    # Dates keep the offset they were written with.
    assert events["pfem8"]["date"] == "2024-04-19T19:00+09:00"
    assert events["pfem-online1"]["end"] == "2024-03-22T20:30-07:00"
    assert events["pfem-online1"]["format"] == "online"
    assert events["pfem-online1"]["video"] == "https://www.youtube.com/watch?v=koMsUFOar88"

    keynote = sessions[cnd["sessions"][0]]
    assert keynote["type"] == "keynote"
    assert keynote["url"].startswith(BASE + "conference.html#session-")
    assert keynote["slides"] == "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6"
    assert keynote["video"] == "https://www.youtube.com/watch?v=koMsUFOar88"
    assert keynote["speakers"] == [
        {"speaker": "佐藤 花子", "name": "佐藤 花子", "affiliation": "株式会社サンプル"},
        {"speaker": "john smith", "name": "John Smith", "affiliation": "Example Corp"},
    ]

    # One person across events, with the affiliation of each time; pages by slug.
    sato = speakers["佐藤 花子"]
    assert sato["affiliations"] == ["株式会社サンプル", "コドモン"]
    assert len(sato["sessions"]) == 2
    assert sato["url"] == BASE + "speakers/%E4%BD%90%E8%97%A4-%E8%8A%B1%E5%AD%90.html"
    assert speakers["abby bangser"]["url"] == BASE + "speakers/abby-bangser.html"
    assert tags["kubernetes"]["url"] == BASE + "tags/kubernetes.html"
    assert tags["kubernetes"]["events"] == ["cnd2024"]

    conference = reports["conference"]
    assert conference["title"] == "Cloud Native Days 2024 参加レポート"
    assert conference["url"] == BASE + "conference.html"
    assert conference["date"] == "2024-09-10"
    assert conference["tags"] == ["conference", "クラウド"]
    assert conference["events"] == ["cnd2024"]
    # An author is a person as a speaker is: an id, and the reports on their record.
    assert reports["meetup"]["authors"] == [{"speaker": "furuya", "name": "Furuya"}]
    assert speakers["furuya"]["reports"] == ["meetup"]
    assert speakers["furuya"]["sessions"] == []
    assert reports["meetup"]["date"] == "2024-04-25T12:30+09:00"
    assert reports["meetup"]["image"] == "https://images.example.org/pfem8.png"
    assert reports["online"]["image"] is None
    # No front matter title: the page's own title.
    assert reports["online"]["title"] == "Online meetup"

    # Every reference points at a record that is there.
    for event in events.values():
        assert set(event["sessions"]) <= set(sessions)
        assert set(event["tags"]) <= set(tags)
    for session in sessions.values():
        assert session["event"] in events
        assert {s["speaker"] for s in session["speakers"]} <= set(speakers)
    for tag in tags.values():
        assert set(tag["reports"]) <= set(reports)
        assert set(tag["events"]) <= set(events)
        assert set(tag["sessions"]) <= set(sessions)


def test_drafts_appear_in_no_export(multi: Built) -> None:
    assert (multi.outdir / "draft.html").is_file()  # built, but not exported
    for name in ("archive.json", "events.ics", "atom.xml"):
        text = multi.read(name).casefold()
        assert "secret" not in text, name
        assert "draft" not in text.replace('"draft": false', ""), name


# -- events.ics -------------------------------------------------------------------


def test_calendar_has_one_vevent_per_event(multi: Built) -> None:
    calendar = multi.calendar()
    assert str(calendar["version"]) == "2.0"
    assert "sphinx-eventarchive" in str(calendar["prodid"])
    vevents = multi.vevents()
    assert list(vevents) == ["hostile", "pfem-online1", "pfem8", "cnd2024"]  # oldest first
    for event_id, vevent in vevents.items():
        assert str(vevent["uid"]) == f"{event_id}@archive.example.org"
        assert str(vevent["url"]).startswith(BASE)
        assert vevent.decoded("dtstamp").tzinfo is not None

    # A two-day conference: all-day dates, the end exclusive.
    cnd = vevents["cnd2024"]
    assert cnd.decoded("dtstart") == dt.date(2024, 9, 5)
    assert not isinstance(cnd.decoded("dtstart"), dt.datetime)
    assert cnd.decoded("dtend") == dt.date(2024, 9, 7)
    assert str(cnd["summary"]) == "Cloud Native Days 2024"
    assert str(cnd["location"]) == "有明セントラルタワー, 東京都江東区"
    assert [str(c) for c in cnd["categories"].cats] == ["Cloud Native", "Kubernetes"]
    assert str(cnd["url"]) == BASE + "conference.html#event-cnd2024"
    assert cnd.decoded("dtstamp") == dt.datetime(2024, 9, 10, tzinfo=dt.timezone.utc)

    # Times with offsets: the same instants, written in UTC.
    pfem8 = vevents["pfem8"]
    assert pfem8.decoded("dtstart") == dt.datetime(2024, 4, 19, 19, 0, tzinfo=JST)
    assert pfem8.decoded("dtend") == dt.datetime(2024, 4, 19, 21, 30, tzinfo=JST)
    assert "DTSTART:20240419T100000Z" in multi.read("events.ics")
    assert str(pfem8["location"]) == "gusuku Ashibinaa OSAKA, Grand Front Osaka, Osaka"
    # DTSTAMP from the report's publication time, not from the clock.
    assert pfem8.decoded("dtstamp") == dt.datetime(2024, 4, 25, 12, 30, tzinfo=JST)

    online = vevents["pfem-online1"]
    minus7 = dt.timezone(dt.timedelta(hours=-7))
    assert online.decoded("dtstart") == dt.datetime(2024, 3, 22, 19, 0, tzinfo=minus7)
    assert online.decoded("dtend") == dt.datetime(2024, 3, 22, 20, 30, tzinfo=minus7)
    assert str(online["location"])  # "Online", in the page's language
    assert str(online["description"]).startswith("An online meetup.")


@pytest.mark.parametrize(("date", "end", "expected"), [
    ("2024-09-05", "", (dt.date(2024, 9, 5), dt.date(2024, 9, 6))),
    ("2024-09-05", "2024-09-06T18:00+09:00", (dt.date(2024, 9, 5), dt.date(2024, 9, 7))),
    ("2024-09-05", "2024-09-01", (dt.date(2024, 9, 5), dt.date(2024, 9, 6))),
    ("2024-09-05T10:00+09:00", "2024-09-06",
     (dt.datetime(2024, 9, 5, 1, tzinfo=dt.timezone.utc),
      dt.datetime(2024, 9, 6, 15, tzinfo=dt.timezone.utc))),
    ("2024-09-05T10:00+09:00", "", (dt.datetime(2024, 9, 5, 1, tzinfo=dt.timezone.utc), None)),
    ("2024-09-05T10:00+09:00", "2024-09-05T09:00+09:00",
     (dt.datetime(2024, 9, 5, 1, tzinfo=dt.timezone.utc), None)),
    # No offset written: floating time, as written.
    ("2024-09-05T10:00", "2024-09-05T12:00",
     (dt.datetime(2024, 9, 5, 10), dt.datetime(2024, 9, 5, 12))),
    ("", "", None),
])
def test_calendar_spans(date: str, end: str, expected: Any) -> None:
    assert span(date, end) == expected


# -- atom.xml -----------------------------------------------------------------------


def test_feed_lists_reports_newest_first(multi: Built) -> None:
    feed = multi.feed()
    assert not feed.bozo
    assert feed.feed.title == "コミュニティ勉強会アーカイブ"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == BASE + "atom.xml"
    entries = feed.entries
    assert [e.link for e in entries] == [
        BASE + "conference.html", BASE + "meetup.html", BASE + "online.html",
        BASE + "hostile.html"]
    assert [e.id for e in entries] == [e.link for e in entries]
    published = [dt.datetime(*e.updated_parsed[:6]) for e in entries]
    assert published == sorted(published, reverse=True)
    conference, meetup, online, _hostile = entries
    assert conference.title == "Cloud Native Days 2024 参加レポート"
    assert [a.name for a in conference.authors][1] == "Jane Doe"
    assert len(conference.authors) == 2
    assert [t.term for t in conference.tags] == ["Conference", "クラウド", "Cloud Native",
                                                 "Kubernetes"]
    assert conference.summary == "二日間のカンファレンスのまとめ。"
    assert meetup.title == "Platform Engineering Meetup #8 report"
    assert meetup.published == "2024-04-25T12:30:00+09:00"
    assert meetup.author == "Furuya"
    # No front matter date: the event's date stands in.
    assert online.published == "2024-03-22T19:00:00-07:00"
    assert online.summary == "An online meetup."
    assert feed.feed.updated == conference.updated


def test_feed_link_in_every_page_head(multi: Built) -> None:
    pages = sorted(multi.outdir.rglob("*.html"))
    assert len(pages) > 8  # reports and generated pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.head.select('link[rel="alternate"][type="application/atom+xml"]')
        hrefs = [link["href"] for link in links]
        assert hrefs[0] == BASE + "atom.xml", page
        assert links[0]["title"] == "コミュニティ勉強会アーカイブ"
        # Speaker and tag pages announce their own feed too (exports/pagefeeds.py).
        own = page.parent.name in ("speakers", "tags") and page.stem != "index"
        assert hrefs[1:] == ([f"{page.stem}/atom.xml"] if own else []), page


def test_hostile_text_is_escaped_and_read_back_exactly(multi: Built) -> None:
    report = next(r for r in multi.json()["reports"] if r["id"] == "hostile")
    assert report["title"] == HOSTILE_TITLE
    assert report["description"] == HOSTILE_TEXT
    event = next(e for e in multi.json()["events"] if e["id"] == "hostile")
    assert event["name"] == HOSTILE_EVENT
    assert event["description"] == HOSTILE_TEXT

    entry = multi.feed().entries[-1]
    assert entry.title == HOSTILE_TITLE
    assert entry.summary == HOSTILE_TEXT
    assert [t.term for t in entry.tags] == ["C++ & <Rust>"]
    assert "<script>" not in multi.read("atom.xml")

    vevent = multi.vevents()["hostile"]
    assert str(vevent["summary"]) == HOSTILE_EVENT
    assert str(vevent["location"]) == 'Bar "The <Pub>" & Grill'
    assert str(vevent["description"]).startswith(HOSTILE_TEXT + "\n\n" + BASE)
    assert vevent.decoded("dtstart") == dt.datetime(2024, 2, 1, 18, tzinfo=dt.timezone.utc)


# -- builders, options, base URLs -------------------------------------------------------


@pytest.mark.parametrize("buildername", ["text", "latex", "epub"])
def test_no_exports_for_other_builders(copy_root, buildername: str) -> None:
    built = build_root(copy_root("exports-multi").srcdir, buildername)
    assert not any((built.outdir / name).exists() for name in EXPORTS)


def test_exports_turned_off_are_not_written_and_earlier_ones_go(copy_root, no_rtd) -> None:
    srcdir = copy_root("exports-multi").srcdir
    built = build_root(srcdir)
    assert all((built.outdir / name).is_file() for name in EXPORTS)
    # A file of the user's own under one of the names is never touched.
    theirs = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    (built.outdir / "events.ics").write_bytes(theirs)
    off = {"eventarchive_json": False, "eventarchive_ics": False, "eventarchive_feed": False}
    built = build_root(srcdir, confoverrides=off)
    assert not (built.outdir / "archive.json").exists()
    assert not (built.outdir / "archive.schema.json").exists()
    assert not (built.outdir / "atom.xml").exists()
    assert (built.outdir / "events.ics").read_bytes() == theirs
    page = built.read("meetup.html")
    assert "application/atom+xml" not in page


def test_each_export_turns_off_alone(copy_root, no_rtd) -> None:
    built = build_root(copy_root("exports-multi").srcdir,
                       confoverrides={"eventarchive_ics": False, "eventarchive_feed_length": 2})
    assert not (built.outdir / "events.ics").exists()
    assert (built.outdir / "archive.json").is_file()
    assert [e.link for e in built.feed().entries] == [BASE + "conference.html",
                                                      BASE + "meetup.html"]


def test_dirhtml_urls(copy_root, no_rtd) -> None:
    built = build_root(copy_root("exports-multi").srcdir, "dirhtml")
    data = built.json()
    event = next(e for e in data["events"] if e["id"] == "pfem8")
    assert event["url"] == BASE + "meetup/#event-pfem8"
    speaker = next(s for s in data["speakers"] if s["id"] == "john smith")
    assert speaker["url"] == BASE + "speakers/john-smith/"
    assert [e.link for e in built.feed().entries][0] == BASE + "conference/"
    assert str(built.vevents()["pfem8"]["url"]) == BASE + "meetup/#event-pfem8"


def test_singlehtml_links_to_sessions_for_speakers_and_has_no_tag_pages(copy_root, no_rtd):
    built = build_root(copy_root("exports-multi").srcdir, "singlehtml")
    data = built.json()
    sessions = {s["id"]: s for s in data["sessions"]}
    event = next(e for e in data["events"] if e["id"] == "pfem8")
    assert event["url"] == BASE + "index.html#event-pfem8"
    speaker = next(s for s in data["speakers"] if s["id"] == "john smith")
    assert speaker["url"] == sessions[speaker["sessions"][0]]["url"]
    assert all(tag["url"] is None for tag in data["tags"])
    report = next(r for r in data["reports"] if r["id"] == "meetup")
    assert report["url"] == BASE + "index.html#document-meetup"
    assert "application/atom+xml" in built.read("index.html")


NO_BASE_CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "No base"
"""
REPORT = """\
---
date: 2024-05-01
---

# Report

```{event} Meetup
:id: m1
:date: 2024-04-19
```

```{session} Talk
:speakers: Someone
```
"""


def test_without_base_url_warns_once_and_writes_relative_urls(project, no_rtd) -> None:
    proj = project({"index.md": "# Home\n\n```{toctree}\nsub/report\n```\n",
                    "sub/report.md": REPORT}, conf=NO_BASE_CONF)
    app = proj.build()
    baseurl = [w for w in warnings_of(app) if "[eventarchive.baseurl]" in w]
    assert len(baseurl) == 1
    data = json.loads(proj.out(app, "archive.json"))
    assert data["$schema"] == "archive.schema.json"
    assert data["site"]["url"] is None
    assert data["events"][0]["url"] == "sub/report.html#event-m1"
    assert data["speakers"][0]["url"] == "speakers/someone.html"
    feed = feedparser.parse(proj.out(app, "atom.xml"))
    assert feed.entries[0].id.startswith("urn:uuid:")
    vevent = icalendar.Calendar.from_ical(proj.out(app, "events.ics")).walk("VEVENT")[0]
    assert str(vevent["uid"]) == "m1@no-base.invalid"
    # Relative to each page.
    soup = BeautifulSoup(proj.out(app, "sub/report.html"), "html.parser")
    assert soup.select_one('link[type="application/atom+xml"]')["href"] == "../atom.xml"


def test_read_the_docs_url_keeps_the_version_path(project, monkeypatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://p.readthedocs.io/ja/stable/")
    proj = project({"index.md": REPORT}, conf=NO_BASE_CONF)
    app = proj.build()
    assert not [w for w in warnings_of(app) if "[eventarchive.baseurl]" in w]
    data = json.loads(proj.out(app, "archive.json"))
    assert data["events"][0]["url"] == "https://p.readthedocs.io/ja/stable/index.html#event-m1"
    feed = feedparser.parse(proj.out(app, "atom.xml"))
    assert feed.entries[0].link == "https://p.readthedocs.io/ja/stable/index.html"
    vevent = icalendar.Calendar.from_ical(proj.out(app, "events.ics")).walk("VEVENT")[0]
    assert str(vevent["uid"]) == "m1@p.readthedocs.io"


def test_include_drafts_exports_them_marked(copy_root, no_rtd) -> None:
    built = build_root(copy_root("exports-multi").srcdir,
                       confoverrides={"eventarchive_include_drafts": True})
    reports = {r["id"]: r for r in built.json()["reports"]}
    assert reports["draft"]["draft"] is True
    assert "secret-meetup" in built.vevents()
    assert built.feed().entries[0].title == "Secret draft report"


# -- rebuilds ---------------------------------------------------------------------------


def _mtimes(outdir: Path) -> dict[str, int]:
    return {name: (outdir / name).stat().st_mtime_ns for name in EXPORTS}


def test_clean_builds_give_byte_identical_exports(copy_root, no_rtd) -> None:
    first = build_root(copy_root("exports-multi", dest="one").srcdir)
    second = build_root(copy_root("exports-multi", dest="two").srcdir)
    for name in EXPORTS:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    assert list(first.vevents()) == list(second.vevents())


def test_incremental_builds_rewrite_only_what_changed(copy_root, no_rtd, tmp_path) -> None:
    proj = copy_root("exports-multi")
    app = proj.build()
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    old = {name: (outdir / name).read_bytes() for name in EXPORTS}

    proj.build()  # nothing changed
    assert _mtimes(outdir) == before

    meetup = proj.srcdir / "meetup.md"
    meetup.write_text(meetup.read_text(encoding="utf-8").replace(
        'title: "Platform Engineering Meetup #8 report"', "title: PFEM 8 in Osaka"),
        encoding="utf-8")
    app = proj.build()
    after = _mtimes(outdir)
    for name in ("archive.json", "atom.xml"):
        assert (outdir / name).read_bytes() != old[name], name
        assert after[name] != before[name], name
    # The calendar and the schema say nothing about report titles.
    assert after["events.ics"] == before["events.ics"]
    assert after["archive.schema.json"] == before["archive.schema.json"]
    assert feedparser.parse(proj.out(app, "atom.xml")).entries[1].title == "PFEM 8 in Osaka"
    reports = {r["id"]: r for r in json.loads(proj.out(app, "archive.json"))["reports"]}
    assert reports["meetup"]["title"] == "PFEM 8 in Osaka"

    # Removing a report takes it out, as a clean build would.
    proj.remove("online.md")
    (proj.srcdir / "index.md").write_text(
        (proj.srcdir / "index.md").read_text(encoding="utf-8").replace("online\n", ""),
        encoding="utf-8")
    app = proj.build()
    assert "pfem-online1" not in proj.out(app, "archive.json")
    assert "pfem-online1" not in proj.out(app, "events.ics")
    assert "online.html" not in proj.out(app, "atom.xml")

    # ... and gives exactly what a clean build of the same sources gives.
    clean = tmp_path / "clean"
    shutil.copytree(proj.srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    fresh = build_root(clean)
    for name in EXPORTS:
        assert (fresh.outdir / name).read_bytes() == (outdir / name).read_bytes(), name


def test_prose_edits_leave_exports_and_feeds_alone(copy_root, no_rtd, tmp_path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The exports and the speaker and tag feeds are made from the archive's records
    # alone: an edit of a report's prose reads it again but renders none of them.
    import sphinx_eventarchive.exports as exports
    from sphinx_eventarchive.exports import pagefeeds

    rendered: list[str] = []
    write, render = exports.write_if_changed, pagefeeds.render
    monkeypatch.setattr(exports, "write_if_changed", lambda path, data: (
        rendered.append(Path(path).name), write(path, data))[1])
    monkeypatch.setattr(pagefeeds, "render", lambda site, pagename, *args: (
        rendered.append(pagename), render(site, pagename, *args))[1])
    proj = copy_root("exports-multi")
    outdir = Path(proj.build().outdir)
    assert "archive.json" in rendered and any(n.startswith("speakers/") for n in rendered)
    rendered.clear()

    meetup = proj.srcdir / "meetup.md"
    meetup.write_text(meetup.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                      encoding="utf-8")
    proj.build()
    assert rendered == []
    assert "One more sentence." in (outdir / "meetup.html").read_text(encoding="utf-8")

    # A picture changed in place: its copy (named by its bytes) and the URL move.
    old = json.loads((outdir / "archive.json").read_text(encoding="utf-8"))
    picture = proj.srcdir / "images" / "cnd2024.png"
    picture.write_bytes(picture.read_bytes() + b"\0")
    proj.build()
    assert "archive.json" in rendered
    events = {e["id"]: e for e in json.loads((outdir / "archive.json").read_text(
        encoding="utf-8"))["events"]}
    assert events["cnd2024"]["image"] != {e["id"]: e for e in old["events"]}[
        "cnd2024"]["image"]

    clean = tmp_path / "clean"
    shutil.copytree(proj.srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    fresh = build_root(clean)
    for name in EXPORTS:
        assert (fresh.outdir / name).read_bytes() == (outdir / name).read_bytes(), name


def test_a_front_matter_picture_changed_in_place_moves_its_url(project, no_rtd,
                                                              tmp_path) -> None:
    # The report is read again when its picture changes, so the page's og:image and
    # archive.json point at the new copy, as a clean build would.
    Image = pytest.importorskip("PIL.Image", reason="Pillow (the [cards] extra) draws the "
                                                   "pictures")

    proj = project({"index.md": "---\nimage: ogp.png\n---\n\n" + REPORT})
    Image.new("RGB", (1200, 630), "white").save(proj.srcdir / "ogp.png")
    app = proj.build()

    def urls() -> tuple[str, str]:
        page = BeautifulSoup(proj.out(app, "index.html"), "html.parser")
        data = json.loads(proj.out(app, "archive.json"))
        return (page.find("meta", property="og:image")["content"],
                data["reports"][0]["image"])

    before = urls()
    assert before[0] == before[1] and "/_images/" in before[0]
    Image.new("RGB", (1200, 630), "black").save(proj.srcdir / "ogp.png")
    app = proj.build()
    after = urls()
    assert after[0] == after[1] and after[0] != before[0]
    clean = tmp_path / "clean"
    shutil.copytree(proj.srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    assert (build_root(clean).outdir / "archive.json").read_bytes() == (
        Path(app.outdir) / "archive.json").read_bytes()


# -- dates at the edges, empty archives, language tags --------------------------------------


EDGE_CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Edge dates"
html_baseurl = "https://archive.example.org/"
language = "ja"
"""

EDGE_PAGES = {
    "index.md": "# Edge\n\n```{toctree}\nfar\nearly\nbackwards\n```\n\n```{eventlist}\n```\n",
    # 9999-12-31 is a placeholder users write; its all-day end would be the day after.
    "far.md": """\
---
date: 9999-12-31
---
# Far

```{event} Placeholder meetup
:id: far
:date: 9999-12-31
:end: 9999-12-31
```

```{event} Far timed
:id: fartimed
:date: 9999-12-31T23:00-09:00
:end: 9999-12-31T23:30-09:00
```

```{session} Far talk
:event: fartimed
:start: 9999-12-31T23:00-09:00
:end: 9999-12-31T23:30-09:00
:speakers: Someone
```

```{event} Far day then time
:id: fardaytime
:date: 9999-12-30T10:00+09:00
:end: 9999-12-31
```
""",
    # Year 1 with an offset is in year 0 in UTC: astimezone(utc) overflows.
    "early.md": """\
---
date: 0001-01-01T00:00+09:00
---
# Early

```{event} Year one
:id: yearone
:date: 0001-01-01T00:00+09:00
:end: 0001-01-01T01:00+09:00
```

```{session} Early talk
:start: 0001-01-01T00:00+09:00
:speakers: Ancient
```
""",
    "backwards.md": """\
# Backwards

```{event} Backwards
:id: backwards
:date: 2024-04-19T19:00+09:00
:end: 2024-04-19T18:00+09:00
```

```{event} Offsets
:id: offsets
:date: 2024-04-19T19:00+09:00
:end: 2024-04-19T12:00+01:00
```
""",
}


def _schema_errors(data: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def _jsonld(html_text: str) -> list[Any]:
    soup = BeautifulSoup(html_text, "html.parser")
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def test_dates_at_the_edges_work_in_every_export(project, no_rtd) -> None:
    proj = project(EDGE_PAGES, conf=EDGE_CONF)
    app = proj.build()
    # The end before its start on the same day warns at its :end: line; nothing else warns.
    assert [w.split(" WARNING: ")[0].rsplit("/", 1)[-1] for w in warnings_of(app)] == [
        "backwards.md:6:"]
    assert "[eventarchive.date]" in warnings_of(app)[0]

    vevents = {str(e["uid"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(
        proj.out(app, "events.ics")).walk("VEVENT")}
    assert set(vevents) == {"far", "fartimed", "fardaytime", "yearone", "backwards", "offsets"}
    far = vevents["far"]
    assert far.decoded("dtstart") == dt.date(9999, 12, 31)
    assert "DTEND" not in far and far.decoded("duration") == dt.timedelta(days=1)
    # Beyond what UTC can write: the time as written, and how long it lasts.
    assert vevents["fartimed"].decoded("dtstart") == dt.datetime(9999, 12, 31, 23, 0)
    assert vevents["fartimed"].decoded("duration") == dt.timedelta(minutes=30)
    assert vevents["fardaytime"].decoded("dtstart") == dt.datetime(
        9999, 12, 30, 1, tzinfo=dt.timezone.utc)
    assert vevents["fardaytime"].decoded("duration") == dt.timedelta(hours=38)
    assert vevents["yearone"].decoded("dtstart") == dt.datetime(1, 1, 1, 0, 0)
    assert vevents["yearone"].decoded("duration") == dt.timedelta(hours=1)
    assert vevents["yearone"].decoded("dtstamp").tzinfo is not None
    # The end before its start is dropped: no negative duration.
    assert "DTEND" not in vevents["backwards"] and "DURATION" not in vevents["backwards"]
    # Offsets differ, the instants do not lie: 12:00+01:00 is an hour after 19:00+09:00.
    assert vevents["offsets"].decoded("dtend") == dt.datetime(
        2024, 4, 19, 11, tzinfo=dt.timezone.utc)

    data = json.loads(proj.out(app, "archive.json"))
    assert _schema_errors(data) == []
    events = {e["id"]: e for e in data["events"]}
    assert events["far"]["date"] == "9999-12-31" and events["far"]["end"] == "9999-12-31"
    assert events["yearone"]["date"] == "0001-01-01T00:00+09:00"
    assert events["backwards"]["end"] is None
    assert events["offsets"]["end"] == "2024-04-19T12:00+01:00"
    assert {r["date"] for r in data["reports"]} >= {"9999-12-31", "0001-01-01T00:00+09:00"}

    feed = feedparser.parse((Path(app.outdir) / "atom.xml").read_bytes())
    assert [e.published for e in feed.entries] == [
        "9999-12-31T00:00:00Z", "2024-04-19T19:00:00+09:00", "0001-01-01T00:00:00+09:00"]

    # Cards: the placeholder date in the page's language; no range that runs backwards.
    far_page = proj.out(app, "far.html")
    assert "9999年12月31日(金)" in far_page and "9999年12月30日(木)～" in far_page
    assert "1年1月1日(月)</span> <span class=\"eventarchive-nowrap\">0:00～1:00" in proj.out(
        app, "early.html")
    backwards = BeautifulSoup(proj.out(app, "backwards.html"), "html.parser")
    assert [w.get_text() for w in backwards.select(".eventarchive-date")] == [
        "2024年4月19日(金) 19:00", "2024年4月19日(金) 19:00～20:00"]
    for page in ("far.html", "early.html", "backwards.html"):
        for block in _jsonld(proj.out(app, page)):
            for event in [block, *block.get("subEvent", [])] if isinstance(block, dict) else []:
                if event.get("endDate") and event.get("startDate"):
                    assert not is_before(event["endDate"], event["startDate"]), event


def test_session_end_before_start_warns_and_is_dropped(project, no_rtd) -> None:
    proj = project({"index.md": """\
# Backwards session

```{event} Meetup
:id: m
:date: 2024-04-19T19:00+09:00
```

```{session} Backwards talk
:start: 2024-04-19T19:00+09:00
:end: 2024-04-19T18:30+09:00
:speakers: Someone
```
"""})
    app = proj.build()
    assert [w.split(" WARNING: ")[0].rsplit("/", 1)[-1] for w in warnings_of(app)] == [
        "index.md:10:"]
    (block,) = _jsonld(proj.out(app, "index.html"))
    assert "endDate" not in block["subEvent"][0]
    data = json.loads(proj.out(app, "archive.json"))
    assert data["sessions"][0]["end"] is None


@pytest.mark.parametrize("pages", [
    # A listing makes an archive site of it; a site with no archive content has no exports.
    pytest.param({"index.md": "# Nothing yet\n\n```{eventlist}\n```\n"}, id="empty"),
    pytest.param({"index.md": "# Home\n\n```{toctree}\ndraft\n```\n",
                  "draft.md": "---\ndate: 2024-01-01\ndraft: true\n---\n# Draft\n\n"
                              "```{event} Held back\n:id: held\n:date: 2024-01-01\n```\n"},
                 id="drafts-only"),
    pytest.param({"index.md": "---\ntags: [x]\n---\n# Undated\n\n"
                              "```{event} Some day\n:id: someday\n```\n\n"
                              "```{session} A talk\n:speakers: Someone\n```\n"},
                 id="no-dates"),
])
def test_feed_and_calendar_of_an_archive_with_nothing_dated(project, no_rtd, pages) -> None:
    proj = project(pages)
    app = proj.build()
    assert all("[eventarchive.date]" in w for w in warnings_of(app)), warnings_of(app)
    feed = feedparser.parse((Path(app.outdir) / "atom.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00Z"
    calendar = icalendar.Calendar.from_ical(proj.out(app, "events.ics"))
    assert calendar.walk("VEVENT") == []
    assert _schema_errors(json.loads(proj.out(app, "archive.json"))) == []


@pytest.mark.parametrize(("language", "tag"), [
    ("zh_CN", "zh-CN"), ("pt_BR", "pt-BR"), ("ja", "ja"), ("sr@latin", "sr"), (None, "en")])
def test_feed_and_archive_json_name_the_language_in_bcp47(project, no_rtd, language, tag):
    conf = CONF_WITH_LANGUAGE + f"language = {language!r}\n"
    proj = project({"index.md": REPORT}, conf=conf)
    app = proj.build()
    root = ET.fromstring((Path(app.outdir) / "atom.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == tag
    assert json.loads(proj.out(app, "archive.json"))["site"]["language"] == tag


CONF_WITH_LANGUAGE = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Languages"
html_baseurl = "https://archive.example.org/"
"""
