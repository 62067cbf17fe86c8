"""``import connpass``: saved API v2 answers → reports → a build whose archive holds them.

tests/data/connpass-*.json were written for these tests from the API's
published field list (connpass API v2: /events/ and /events/{id}/presentations/).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CONF, archive_warnings

from sphinx_eventarchive.cli import main

DATA = Path(__file__).parent / "data"
EVENTS = DATA / "connpass-events.json"
TALKS = DATA / "connpass-presentations-316339.json"


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(arg) for arg in argv])
    return code, capsys.readouterr().err


def test_import_then_build(project, capsys):
    proj = project({"index.md": "# Home\n\n```{toctree}\n:glob:\nreports/*\n```\n"})
    code, err = run(capsys, "import", "connpass", EVENTS, "--presentations", TALKS,
                    "-o", proj.srcdir / "reports", "--tag", "PFEM")
    assert code == 0, err
    assert "connpass-316339.md (2 sessions)" in err and "connpass-320001.md (0 sessions)" in err
    app = proj.build()
    assert archive_warnings(app) == []
    archive = app.env.domains["eventarchive"].archive

    osaka = archive.events["connpass-316339"].event
    assert (osaka.name, osaka.date, osaka.end) == (
        "Platform Engineering Meetup #8 in Osaka", "2024-04-19T19:00+09:00",
        "2024-04-19T21:30+09:00")
    assert (osaka.venue, osaka.series, osaka.hashtag, osaka.status) == (
        "gusuku Ashibinaa OSAKA", "Platform Engineering Meetup", "pfem", "")
    assert osaka.url == "https://platformengineering.connpass.com/event/316339/"
    assert osaka.tags == ("PFEM",)
    talks = [archive.sessions[s].session for s in archive.events["connpass-316339"].sessions]
    assert [(t.title, [s.name for s in t.speakers], bool(t.slides), bool(t.video))
            for t in talks] == [
        ("プラットフォームってつくることより計測できることが重要なんじゃないかという話",
         ["sasaki_t"], True, True),
        ("はてなにおけるメール基盤とDMARC対応", ["mysticdoll"], True, False)]

    cancelled = archive.events["connpass-320001"].event
    assert (cancelled.format, cancelled.venue) == ("online", "")
    assert ":status: cancelled" in (proj.srcdir / "reports/connpass-320001.md").read_text()
    assert cancelled.status == "cancelled"
    assert cancelled.name == "PFEM Online #2 <中止>"

    soup = BeautifulSoup((Path(app.outdir) / "reports/connpass-316339.html").read_text(),
                         "html.parser")
    assert len(soup.select("iframe[src^='https://speakerdeck.com/player/']")) == 2
    assert soup.find("script", string=lambda s: s and "alert" in s) is None
    blog = soup.find("a", href="https://blog.example.org/entry/pfem8")
    assert blog.get_text() == "PFEM #8 参加レポート"
    assert "Platform Engineering について語る会です。" in soup.get_text()


def test_presentations_need_an_event(capsys, tmp_path):
    other = tmp_path / "talks.json"
    shutil.copy(TALKS, other)
    code, err = run(capsys, "import", "connpass", EVENTS, "--presentations", other,
                    "-o", tmp_path / "out")
    assert code == 2 and "which event's presentations?" in err
    code, err = run(capsys, "import", "connpass", EVENTS, "--presentations",
                    f"999={other}", "-o", tmp_path / "out")
    assert code == 2 and "event 999 is not in the events file" in err
    code, err = run(capsys, "import", "connpass", EVENTS, "--presentations",
                    f"320001={other}", "-o", tmp_path / "out")
    assert code == 0, err
    assert "talk" in (tmp_path / "out" / "connpass-320001.md").read_text()


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not valid JSON"),
    ('{"events": "x"}', "holds no 'events' list"),
    ('{"events": []}', "holds no events"),
])
def test_bad_files(capsys, tmp_path, content, message):
    path = tmp_path / "events.json"
    path.write_text(content, encoding="utf-8")
    code, err = run(capsys, "import", "connpass", path, "-o", tmp_path / "out")
    assert code == 2 and message in err and "Traceback" not in err


def test_one_event_odd_values(capsys, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({
        "id": 5, "title": "", "url": "javascript:alert(1)", "started_at": "soon",
        "place": "Zoom", "address": "", "open_status": "open", "group": None,
    }), encoding="utf-8")
    code, err = run(capsys, "import", "connpass", path, "-o", tmp_path / "out")
    assert code == 0, err
    assert "no title" in err and "not an http(s) URL" in err and "no usable started_at" in err
    text = (tmp_path / "out" / "connpass-5.md").read_text()
    assert ":format: online" in text and "javascript" not in text
    assert CONF  # the default conf the build tests use
