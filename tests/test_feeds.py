"""Per-speaker and per-tag Atom feeds, read by feedparser; the calendar's name and categories."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

ONE = """\
---
date: 2024-04-20
tags: [SRE]
description: The Osaka meetup.
---
# PFEM 8

```{event} Platform Engineering Meetup #8
:id: pfem8
:date: 2024-04-19T19:00+09:00
:venue: gusuku Ashibinaa OSAKA
:tags: PFEM
```

```{session} 計測の話 <&>
:speakers: 佐々木 (コドモン), Abby Bangser (Syntasso)
:tags: SRE, metrics

Notes about measuring.
```
"""

TWO = """\
# PFEM online

```{event} PFEM online #1
:id: pfem-online1
:date: 2023-10-05
:tags: PFEM
```

```{session} Backstage入門
:speakers: 佐々木
:tags: SRE
```
"""


def parse(app, name: str):
    return feedparser.parse((Path(app.outdir) / name).read_bytes())


@pytest.fixture
def archive(project):
    return project({"index.md": "# Home\n", "one.md": ONE, "two.md": TWO})


def test_speaker_and_tag_feeds(archive):
    app = archive.build()
    assert archive_warnings(app) == []
    feed = parse(app, "speakers/佐々木/atom.xml")
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Test archive — 佐々木"
    assert feed.feed.link == "https://archive.example.org/speakers/" + quote("佐々木") + ".html"
    assert [e.title for e in feed.entries] == ["計測の話 <&>", "Backstage入門"]
    first = feed.entries[0]
    assert first.link.startswith("https://archive.example.org/one.html#session-")
    assert first.published == "2024-04-19T19:00:00+09:00"
    assert "Platform Engineering Meetup #8" in first.summary
    assert {t.term for t in first.tags} == {"SRE", "metrics"}

    tag = parse(app, "tags/sre/atom.xml")
    assert not tag.bozo, tag.bozo_exception
    # The report, and both sessions tagged SRE, newest first.
    assert [e.title for e in tag.entries] == ["PFEM 8", "計測の話 <&>", "Backstage入門"]
    assert tag.entries[0].link == "https://archive.example.org/one.html"


def test_feeds_are_announced_on_their_pages(archive):
    app = archive.build()
    for page, feed in (("speakers/佐々木.html", "佐々木/atom.xml"),
                       ("tags/sre.html", "sre/atom.xml")):
        soup = BeautifulSoup((Path(app.outdir) / page).read_text(), "html.parser")
        links = soup.select('link[rel=alternate][type="application/atom+xml"]')
        assert feed in [link["href"] for link in links], links
        visible = soup.select_one(".eventarchive-feed-link a")
        assert visible["href"] == feed and visible.get_text() == "Atom feed"
    # A report page has only the site's feed.
    soup = BeautifulSoup((Path(app.outdir) / "one.html").read_text(), "html.parser")
    assert [link["href"] for link in soup.select('link[type="application/atom+xml"]')] == [
        "https://archive.example.org/atom.xml"]


def test_dirhtml_feed_links(archive):
    app = archive.build("dirhtml")
    soup = BeautifulSoup((Path(app.outdir) / "tags/sre/index.html").read_text(), "html.parser")
    href = soup.select_one(".eventarchive-feed-link a")["href"]
    assert (Path(app.outdir) / "tags/sre/index.html").parent.joinpath(href).resolve() == \
        (Path(app.outdir) / "tags/sre/atom.xml").resolve()
    assert parse(app, "tags/sre/atom.xml").entries[0].link == "https://archive.example.org/one/"


def test_incremental_equals_clean(archive, tmp_path):
    app = archive.build()
    out = Path(app.outdir)
    assert (out / "speakers/abby-bangser/atom.xml").is_file()
    before = (out / "tags/pfem/atom.xml").stat().st_mtime_ns
    archive.write({"two.md": TWO.replace("Backstage入門", "Backstage 入門 2")})
    archive.remove("one.md")
    app = archive.build()
    assert not (out / "speakers/abby-bangser/atom.xml").exists()
    assert not (out / "tags/metrics/atom.xml").exists()
    assert [e.title for e in parse(app, "speakers/佐々木/atom.xml").entries] == ["Backstage 入門 2"]
    assert (out / "tags/pfem/atom.xml").stat().st_mtime_ns != before  # the event left it
    clean = archive.build(freshenv=True, outdir=None)
    for name in ("speakers/佐々木/atom.xml", "tags/sre/atom.xml", "tags/pfem/atom.xml"):
        assert (Path(clean.outdir) / name).read_bytes() == (out / name).read_bytes()
    # A build with nothing changed writes no feed.
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("atom.xml")}
    archive.build()
    assert {p: p.stat().st_mtime_ns for p in out.rglob("atom.xml")} == stamps
    assert not (out / "speakers/abby-bangser").exists()  # the feed's folder went with it


def test_turned_off(archive):
    app = archive.build()
    assert (Path(app.outdir) / "tags/sre/atom.xml").is_file()
    app = archive.build(confoverrides={"eventarchive_feed_pages": False})
    assert not (Path(app.outdir) / "tags/sre/atom.xml").exists()
    soup = BeautifulSoup((Path(app.outdir) / "tags/sre.html").read_text(), "html.parser")
    assert soup.select_one(".eventarchive-feed-link") is None


def test_calendar_name_and_categories(archive):
    app = archive.build()
    calendar = icalendar.Calendar.from_ical((Path(app.outdir) / "events.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Test archive"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    categories = events["pfem8@archive.example.org"]["CATEGORIES"]
    assert [str(c) for c in categories.cats] == ["PFEM"]


def test_add_to_calendar_links(archive):
    from urllib.parse import parse_qs, urlsplit

    from sphinx_eventarchive.site import Site
    from sphinx_eventarchive.write.calendarlinks import add_to_calendar

    app = archive.build()
    site = Site(app.env, app.builder)
    links = add_to_calendar(site, "pfem8")
    assert links["ics"] == "https://archive.example.org/events.ics"
    google = urlsplit(links["google"])
    assert (google.scheme, google.netloc) == ("https", "calendar.google.com")
    query = parse_qs(google.query)
    assert query["text"] == ["Platform Engineering Meetup #8"]
    assert query["dates"] == ["20240419T100000Z/20240419T100000Z"]
    assert query["location"] == ["gusuku Ashibinaa OSAKA"]
    assert query["details"][0].startswith("https://archive.example.org/one.html#event-")
    all_day = parse_qs(urlsplit(add_to_calendar(site, "pfem-online1")["google"]).query)
    assert all_day["dates"] == ["20231005/20231006"]
    assert add_to_calendar(site, "no-such-event") == {}


def test_a_noindex_speaker_has_no_feed(archive):
    archive.write({"people.md": "# People\n\n```{speaker} Abby Bangser\n:noindex:\n\nBio.\n```\n",
                   "index.md": "# Home\n\n```{toctree}\npeople\n```\n"})
    app = archive.build()
    out = Path(app.outdir)
    assert (out / "speakers/abby-bangser.html").is_file()  # the page, held out of indexes
    assert not (out / "speakers/abby-bangser/atom.xml").exists()
    soup = BeautifulSoup((out / "speakers/abby-bangser.html").read_text(), "html.parser")
    assert soup.select_one(".eventarchive-feed-link") is None
    assert (out / "speakers/佐々木/atom.xml").is_file()


def test_only_feeds_whose_entries_changed_are_rendered(archive, monkeypatch):
    from sphinx_eventarchive.exports import pagefeeds

    archive.build()
    rendered: list[str] = []
    real = pagefeeds.render
    monkeypatch.setattr(pagefeeds, "render", lambda site, pagename, title, entries: (
        rendered.append(pagename), real(site, pagename, title, entries))[1])
    archive.write({"two.md": TWO.replace("Backstage入門", "Backstage入門 (改)")})
    app = archive.build()
    # The edited session is in 佐々木's feed and SRE's; Abby Bangser's and metrics' are as
    # they were, and are not rendered again.
    assert sorted(rendered) == ["speakers/佐々木", "tags/sre"], rendered
    titles = [e.title for e in parse(app, "speakers/佐々木/atom.xml").entries]
    assert "Backstage入門 (改)" in titles
