"""``sphinx-eventarchive resolve``: presentation URLs looked up once, then offline -W builds."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import archive_warnings
from test_speakerdeck_cache import DECK, DECK_ID, REPORT, OEmbed, frames, oembed  # noqa: F401

from sphinx_eventarchive.cli import main


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(arg) for arg in argv])
    return code, capsys.readouterr().err


def test_resolve_then_build_offline(project, oembed, capsys):  # noqa: F811
    proj = project({"index.md": REPORT, "other.rst": f"Other\n=====\n\nSee {DECK}.\n",
                    "conf.py": "extensions = ['myst_parser', 'sphinx_eventarchive']\n"
                               "eventarchive_cache_file = 'data/decks.json'\n"
                               "html_baseurl = 'https://a.example/'\n"})
    (proj.srcdir / "data").mkdir()
    code, err = run(capsys, "resolve", proj.srcdir, "--check")
    assert code == 1 and "index.md:" in err and "not in the cache file" in err
    assert OEmbed.asked == []  # --check asks nobody

    code, err = run(capsys, "resolve", proj.srcdir, "--endpoint", oembed)
    assert code == 0, err
    assert len(OEmbed.asked) == 1  # one deck, written three times
    cache = proj.srcdir / "data" / "decks.json"
    assert json.loads(cache.read_text()) == {"speakerdeck": {DECK: DECK_ID}}
    assert "1 Speaker Deck presentation URLs: 0 in" in err

    code, err = run(capsys, "resolve", proj.srcdir, "--check")
    assert code == 0 and "1 in" in err and "0 unresolved" in err

    app = proj.build()  # offline, the default: no warning, real frames
    assert archive_warnings(app) == []
    assert frames(app) == [f"https://speakerdeck.com/player/{DECK_ID}"] * 2


def test_failures_are_reported_and_nothing_written(project, capsys):
    proj = project({"index.md": REPORT})
    code, err = run(capsys, "resolve", proj.srcdir, "--endpoint", "http://127.0.0.1:9/x",
                    "--timeout", "0.5")
    assert code == 1 and "Speaker Deck could not resolve" in err
    assert not (proj.srcdir / "eventarchive-cache.json").exists()


def test_not_a_folder(capsys, tmp_path: Path):
    code, err = run(capsys, "resolve", tmp_path / "missing")
    assert code == 2 and "is not a directory" in err
