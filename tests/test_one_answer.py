"""One answer per fact (issue 25): a deck or video beats an ``unpublished`` mark.

A session marked ``:slides: unpublished`` (or ``未公開``) that holds a
``speakerdeck``, or whose other write-up gives the slides or the video, shows
the media everywhere (its own block, cards, speaker page, archive.json,
JSON-LD) and the contradiction warns once, at the marking session's line.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

DECK = "66ff0884adf14862b6019fc4bcc5c5f6"
PLAYER = f"https://speakerdeck.com/player/{DECK}"
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
INDEX = "# Home\n\n```{toctree}\nfirst\nsecond\n```\n"
EVENT = "# {title}\n\n```{{event}} Meetup\n:id: m\n:date: 2024-04-19\n```\n\n"


def session(mark: str = "", body: str = "", fence: str = "```") -> str:
    """A session of Abby's, with an option line (``mark``) and notes."""
    return (f"{fence}{{session}} Platform talk\n:speakers: Abby Bangser\n{mark}"
            f"{chr(10) + body if body else ''}{fence}\n")


def deck() -> str:
    return f"```{{speakerdeck}} {DECK}\n```\n"


# (first report, second report or None, the role, the URL shown, the marking line)
CASES = {
    "a deck inside": (session(":slides: unpublished\n", deck(), "````"), None,
                      "slides", PLAYER, 8),
    "a deck inside, 未公開": (session(":slides: 未公開\n", deck(), "````"), None,
                            "slides", PLAYER, 8),
    "slides in another write-up": (session(":slides: unpublished\n"),
                                   session(f":slides: {PLAYER}\n"), "slides", PLAYER, 8),
    "a deck in another write-up": (session(":slides: 未公開\n"),
                                   session("", deck(), "````"), "slides", PLAYER, 8),
    "a video in another write-up": (session(":video: unpublished\n"),
                                    session(f":video: {VIDEO}\n"), "video", VIDEO, 8),
    "a video in another write-up, 未公開": (session(":video: 未公開\n"),
                                          session(f":video: {VIDEO}\n"), "video", VIDEO, 8),
    "marked in the second write-up": (session(f":video: {VIDEO}\n"),
                                      session(":video: unpublished\n"), "video", VIDEO, 8),
}


def build(project, first: str, second: str | None):
    files = {"index.md": INDEX, "first.md": EVENT.format(title="First") + first,
             "second.md": EVENT.format(title="Second") + (second or "")}
    proj = project(files)
    return proj, proj.build()


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def marks(block, role: str) -> list[str]:
    return [mark.get_text() for mark in block.select(f".eventarchive-mark-{role}")
            if "eventarchive-mark-unpublished" in mark["class"]]


def urls_in(block) -> set[str]:
    found = {a["href"] for a in block.find_all("a", href=True)}
    found |= {frame["src"] for frame in block.find_all("iframe", src=True)}
    return found


def media_shown(urls: set[str], url: str) -> bool:
    video_id = url.rsplit("=", 1)[-1].rsplit("/", 1)[-1]
    return any(video_id in found for found in urls)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_media_win_everywhere_and_the_contradiction_warns_once(project, case):
    first, second, role, url, line = CASES[case]
    marked = "second" if "unpublished" not in first and "未公開" not in first else "first"
    _proj, app = build(project, first, second)
    [warning] = archive_warnings(app)
    assert f"{marked}.md:{line}: WARNING: session " in warning
    assert warning.endswith("[eventarchive.conflict]")
    # Each write-up's own session block.
    for page in ("first.html", "second.html"):
        for block in soup(app, page).select("div.eventarchive-session"):
            assert marks(block, role) == [], page
            assert media_shown(urls_in(block), url), page
    # The speaker page and the event's cards.
    speaker = soup(app, "speakers/abby-bangser.html")
    assert marks(speaker, role) == [] and media_shown(urls_in(speaker), url)
    # archive.json
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    [record] = data["sessions"]
    assert record[role] == url and role not in record["unpublished"]
    # JSON-LD of each write-up
    for page in ("first.html", "second.html"):
        scripts = soup(app, page).find_all("script", type="application/ld+json")
        assert media_shown(set(re.findall(r'"(https://[^"]+)"', " ".join(
            script.string for script in scripts))), url), page


@pytest.mark.parametrize("mark", [":slides: unpublished\n", ":video: 未公開\n"])
def test_a_mark_with_no_media_anywhere_stays_and_says_nothing(project, mark):
    _proj, app = build(project, session(mark), session(""))
    assert archive_warnings(app) == []
    role = "slides" if "slides" in mark else "video"
    for page in ("first.html", "speakers/abby-bangser.html"):
        assert len(marks(soup(app, page), role)) == 1, page


@pytest.mark.parametrize("event_here", [True, False], ids=["event here", "event elsewhere"])
def test_the_mark_comes_back_when_the_other_write_up_drops_its_video(project, event_here):
    """An incremental build: the page that said "unpublished" is rewritten both ways,
    whether or not the session's event is on that page."""
    proj, app = build(project, session(":video: unpublished\n"), session(f":video: {VIDEO}\n"))
    if not event_here:
        proj.write({"first.md": "# First\n\n" + session(":event: m\n:video: unpublished\n")})
        app = proj.build()
    block = soup(app, "first.html").select_one("div.eventarchive-session")
    assert marks(block, "video") == [] and media_shown(urls_in(block), VIDEO)
    time.sleep(0.01)
    proj.write({"second.md": EVENT.format(title="Second") + session("")})
    app = proj.build()
    assert archive_warnings(app) == []
    block = soup(app, "first.html").select_one("div.eventarchive-session")
    assert len(marks(block, "video")) == 1 and not media_shown(urls_in(block), VIDEO)
    time.sleep(0.01)
    proj.write({"second.md": EVENT.format(title="Second") + session(f":video: {VIDEO}\n")})
    app = proj.build()
    block = soup(app, "first.html").select_one("div.eventarchive-session")
    assert marks(block, "video") == [] and media_shown(urls_in(block), VIDEO)


def test_an_event_video_wins_over_an_unpublished_mark(project):
    first = "# First\n\n```{event} Meetup\n:id: m\n:date: 2024-04-19\n:video: 未公開\n```\n"
    second = f"# Second\n\n```{{event}} Meetup\n:id: m\n:video: {VIDEO}\n```\n"
    app = project({"index.md": INDEX, "first.md": first, "second.md": second}).build()
    [warning] = archive_warnings(app)
    assert "first.md:3: WARNING: event 'm' says :video: unpublished here" in warning
    assert warning.endswith("[eventarchive.conflict]")
    for page in ("first.html", "second.html"):
        card = soup(app, page)
        assert marks(card, "video") == [] and media_shown(urls_in(card), VIDEO)
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    assert data["events"][0]["video"] == VIDEO and data["events"][0]["unpublished"] == []
