"""The basic root builds clean and shows what its reports say."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of


@pytest.mark.sphinx("html", testroot="basic")
def test_basic_root_builds_without_warnings(app):
    app.build()
    assert warnings_of(app) == []
    soup = BeautifulSoup((app.outdir / "pfem8.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one(".eventarchive-card")
    title = card.select_one(".eventarchive-card-title").get_text()
    assert title == "Platform Engineering Meetup #8"
    assert [a.get_text() for a in soup.select(".eventarchive-speakers a")] == [
        "坂本", "MysticDoll", "佐々木"]
    frames = soup.select("iframe")
    assert [f["src"] for f in frames] == [
        "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6",
        "https://speakerdeck.com/player/573ebde7645141f9b15d34c637371033",
        "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc",
    ]
    assert all(f["loading"] == "lazy" and f.get("title") for f in frames)
    assert archive_warnings(app) == []
