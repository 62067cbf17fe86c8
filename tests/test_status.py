"""Event status (SPEC §2 ``:status:``) and "upcoming" (an event after the build date).

Status shows as a badge on every card and in every export; "upcoming" is judged
against ``SOURCE_DATE_EPOCH`` (fixed here, so builds are reproducible), a bare
date in ``eventarchive_timezone``, and the first build after the start rewrites
every page that called the event upcoming, with nothing else changed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of

from sphinx_eventarchive.core.dates import build_time, starts_at, upcoming_since, zone

SCHEMA = Path(__file__).parents[1] / "sphinx_eventarchive" / "schema" / "archive.schema.json"

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Status"
html_baseurl = "https://archive.example.org/"
"""

INDEX = """\
# Home

```{toctree}
cancelled
future
tokyo
```

```{eventlist}
```

```{sessionlist}
:group-by: year
```
"""

CANCELLED = """\
---
date: 2024-03-01
---
# Cancelled report

```{event} Cancelled Meetup
:id: gone
:date: 2024-03-08T19:00+09:00
:status: cancelled
:format: online
```

```{event} Postponed Meetup
:id: later
:date: 2031-05-01
:status: postponed
```

```{event} Moved Meetup
:id: moved
:date: 2024-02-01
:status: moved-online
```
"""

FUTURE = """\
# Future report

```{event} Future Meetup
:id: future
:date: 2030-06-01T19:00+09:00
```

```{session} A talk still to come
:speakers: Ann Example
```
"""

TOKYO = """\
# Tokyo report

```{event} Tokyo Meetup
:id: tokyo
:date: 2024-04-19
```
"""

#: 2024-04-18T15:30Z: still the 18th in UTC, already the 19th in Tokyo.
BEFORE_TOKYO = "1713454200"
#: 2030-06-01T12:00Z: after the Future Meetup's start (10:00Z).
AFTER_FUTURE = "1906545600"


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def badges(node) -> list[str]:
    return [" ".join(b.get_text().split()) for b in node.select(".eventarchive-badge")]


def ecard(page: BeautifulSoup, name: str):
    [card] = [c for c in page.select("div.eventarchive-ecard")
              if c.select_one(".eventarchive-item-title").get_text(strip=True) == name]
    return card


@pytest.fixture
def statuses(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_TOKYO)
    return project({"index.md": INDEX, "cancelled.md": CANCELLED, "future.md": FUTURE,
                    "tokyo.md": TOKYO}, conf=CONF)


# -- the rules, without Sphinx -------------------------------------------------------------


def test_build_time_is_source_date_epoch_when_set():
    assert build_time({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    now = dt.datetime.now(dt.UTC)
    for unusable in ("", "soon", "-5", "1e9"):
        assert build_time({"SOURCE_DATE_EPOCH": unusable}) >= now


def test_a_bare_date_starts_at_midnight_in_the_archive_time_zone():
    now = build_time({"SOURCE_DATE_EPOCH": BEFORE_TOKYO})
    assert upcoming_since("2024-04-19", zone("UTC"), now) == "2024-04-19T00:00:00Z"
    assert upcoming_since("2024-04-19", zone("Asia/Tokyo"), now) == ""
    # A time with an offset is an instant wherever the archive is.
    assert upcoming_since("2024-04-19T09:00+09:00", zone("UTC"), now) == "2024-04-19T00:00:00Z"
    assert starts_at("2024-04-19T09:00", zone("Asia/Tokyo")) == dt.datetime(
        2024, 4, 19, 0, 0, tzinfo=dt.UTC)
    assert upcoming_since("not a date", zone("UTC"), now) == ""


# -- status ----------------------------------------------------------------------------------


def test_status_is_a_badge_on_every_card(statuses):
    app = statuses.build()
    assert warnings_of(app) == []
    report = soup(app, "cancelled.html")
    cards = report.select(".eventarchive-card")
    titles = [badges(card.select_one(".eventarchive-card-title")) for card in cards]
    # A cancelled or postponed event is not "upcoming", whatever its date.
    assert titles == [["Cancelled"], ["Postponed"], ["Moved online"]]
    assert "eventarchive-status-cancelled" in cards[0].select_one(".eventarchive-badge")["class"]
    assert "eventarchive-is-cancelled" in cards[0]["class"]
    for page in (soup(app, "index.html"), soup(app, "events/index.html")):
        assert badges(ecard(page, "Cancelled Meetup")) == ["Cancelled", "Online"]
        assert badges(ecard(page, "Postponed Meetup")) == ["Postponed"]
        assert badges(ecard(page, "Moved Meetup")) == ["Moved online"]


def test_status_in_every_export(statuses):
    app = statuses.build()
    out = Path(app.outdir)
    data = json.loads((out / "archive.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    status = {event["id"]: event["status"] for event in data["events"]}
    assert status == {"gone": "cancelled", "later": "postponed", "moved": "moved-online",
                      "future": None, "tokyo": None}
    calendar = icalendar.Calendar.from_ical((out / "events.ics").read_bytes())
    ics = {str(e["uid"]).split("@")[0]: e.get("status") for e in calendar.walk("VEVENT")}
    assert ics == {"gone": "CANCELLED", "later": "TENTATIVE", "moved": "CONFIRMED",
                   "future": None, "tokyo": None}
    [entry] = [e for e in feedparser.parse((out / "atom.xml").read_bytes()).entries
               if e.title == "Cancelled report"]
    terms = {(t.term, t.scheme, t.label) for t in entry.tags}
    assert terms == {("EventCancelled", "https://schema.org/eventStatus", "Cancelled"),
                     ("EventPostponed", "https://schema.org/eventStatus", "Postponed"),
                     ("EventMovedOnline", "https://schema.org/eventStatus", "Moved online")}
    blocks = [json.loads(s.string) for s in soup(app, "cancelled.html").select(
        'script[type="application/ld+json"]')]
    events = [b for block in blocks for b in (block if isinstance(block, list) else [block])
              if b.get("@type") == "Event"]
    assert [e["eventStatus"] for e in events] == [
        "https://schema.org/EventCancelled", "https://schema.org/EventPostponed",
        "https://schema.org/EventMovedOnline"]
    future = [json.loads(s.string) for s in soup(app, "future.html").select(
        'script[type="application/ld+json"]')]
    assert "https://schema.org/EventScheduled" in json.dumps(future)


def test_an_unknown_status_warns_and_the_event_stays(project):
    report = "# R\n\n```{event} E\n:id: e\n:date: 2024-01-01\n:status: canceled\n```\n"
    app = project({"index.md": "# Home\n\n```{toctree}\nr\n```\n", "r.md": report},
                  conf=CONF).build()
    [warning] = archive_warnings(app)
    assert "r.md:6" in warning and "canceled" in warning and "[eventarchive.option]" in warning
    assert badges(soup(app, "r.html").select_one(".eventarchive-card-title")) == []


# -- upcoming --------------------------------------------------------------------------------


def test_an_event_after_the_build_date_is_upcoming(statuses):
    app = statuses.build()
    future = soup(app, "future.html").select_one(".eventarchive-card")
    [badge] = future.select(".eventarchive-upcoming")
    assert badge.get_text() == "Upcoming"
    # The reader's browser drops the badge once this instant has passed.
    assert badge["data-eventarchive-start"] == "2030-06-01T10:00:00Z"
    assert "eventarchive-is-upcoming" in future["class"]
    home = soup(app, "index.html")
    assert badges(ecard(home, "Future Meetup")) == ["Upcoming"]
    # A session of an upcoming event says so too.
    [session] = home.select("div.eventarchive-scard")
    assert badges(session) == ["Upcoming"]
    assert badges(ecard(soup(app, "events/index.html"), "Future Meetup")) == ["Upcoming"]
    # 2024-04-19 in UTC has not begun at 2024-04-18T15:30Z.
    assert badges(ecard(home, "Tokyo Meetup")) == ["Upcoming"]


def test_a_bare_date_is_read_in_the_archive_time_zone(statuses):
    statuses.write({"conf.py": CONF + 'eventarchive_timezone = "Asia/Tokyo"\n'})
    app = statuses.build()
    assert warnings_of(app) == []
    assert badges(ecard(soup(app, "index.html"), "Tokyo Meetup")) == []


def test_an_unknown_time_zone_warns_and_falls_back_to_utc(statuses):
    statuses.write({"conf.py": CONF + 'eventarchive_timezone = "Asia/Tokio"\n'})
    app = statuses.build()
    [warning] = archive_warnings(app)
    assert "eventarchive_timezone" in warning and "[eventarchive.config]" in warning
    assert badges(ecard(soup(app, "index.html"), "Tokyo Meetup")) == ["Upcoming"]


def written_since(outdir: Path, mark: int) -> set[str]:
    """Pages written since ``freeze`` (Sphinx writes its index and search pages every time)."""
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
            if p.stat().st_mtime_ns != mark} - {"genindex.html", "search.html"}


def freeze(outdir: Path) -> int:
    mark = time.time_ns() + 10**9
    for path in outdir.rglob("*.html"):
        os.utime(path, ns=(mark, mark))
    return mark


def test_the_first_build_after_the_start_rewrites_what_called_it_upcoming(statuses, monkeypatch):
    app = statuses.build()
    out = Path(app.outdir)
    mark = freeze(out)
    statuses.build()
    assert written_since(out, mark) == set(), "same build date, nothing to write"

    # Nothing in the sources changed; only the date has passed.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_FUTURE)
    mark = freeze(out)
    app = statuses.build()
    rewritten = written_since(out, mark)
    assert {"future.html", "index.html", "tokyo.html", "events/index.html"} <= rewritten
    assert "cancelled.html" not in rewritten
    assert not soup(app, "future.html").select(".eventarchive-upcoming")
    assert not soup(app, "index.html").select(".eventarchive-upcoming")
    assert not soup(app, "events/index.html").select(".eventarchive-upcoming")

    mark = freeze(out)
    statuses.build()
    assert written_since(out, mark) == set(), "the date passed once"


def test_upcoming_is_the_same_in_a_clean_build(statuses, project, monkeypatch):
    statuses.build()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_FUTURE)
    incremental = statuses.build()
    clean = project({"index.md": INDEX, "cancelled.md": CANCELLED, "future.md": FUTURE,
                     "tokyo.md": TOKYO}, conf=CONF, name="clean").build()
    for page in ("index.html", "future.html", "events/index.html", "cancelled.html"):
        assert (Path(incremental.outdir) / page).read_text(encoding="utf-8") == (
            Path(clean.outdir) / page).read_text(encoding="utf-8"), page
