"""Files conf.py names (SPEC §9, issue 25): the card font and logo, the Speaker Deck cache.

A relative path is read from the project and may not leave it (by ``..`` or a
link); an absolute path is the user's choice. The file must be there, readable
and of a format we can use. Otherwise one warning at the value's line in
conf.py (``eventarchive.path`` for a path out of the project, else
``eventarchive.config``), the default is used, and the build goes on.
"""

from __future__ import annotations

import io
import json
import os
import types
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of

from sphinx_eventarchive.social import cardimages

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Files"
html_baseurl = "https://archive.example.org/"
"""
REPORT = """\
# Report

```{event} Meetup #8
:id: m8
:date: 2024-04-19
:venue: 会場
```

```{session} 計測の話
:speakers: Abby Bangser
```
"""
ROBOTO = Path(__import__("sphinxext.opengraph").opengraph.__file__).parent / "_static" \
    / "Roboto-Flex.ttf"


def png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#ff0000").save(out, "PNG")
    return out.getvalue()


def noto() -> Path | None:
    return cardimages.font_path(types.SimpleNamespace(eventarchive_card_font=""), ".")


def needs_cards() -> None:
    pytest.importorskip("PIL", reason="the cards extra installs Pillow")
    if noto() is None:
        pytest.skip("no font of the cards extra is installed")


def build(project, setting: str, value: str, files: dict[str, bytes] | None = None,
          outside: dict[str, bytes] | None = None, links: dict[str, str] | None = None):
    """Build with ``setting = value`` as the last line of conf.py; files beside the project
    (``outside``) and links in it (``links``: name → target relative to the project)."""
    proj = project({"index.md": REPORT}, conf=CONF + f"{setting} = {value!r}\n")
    for name, data in (files or {}).items():
        (proj.srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (proj.srcdir / name).write_bytes(data)
    for name, data in (outside or {}).items():
        (proj.srcdir.parent / name).write_bytes(data)
    for name, target in (links or {}).items():
        os.symlink(proj.srcdir / target, proj.srcdir / name)
    app = proj.build()
    return app, len(CONF.splitlines()) + 1


def og_image(app) -> str:
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    tag = soup.find("meta", property="og:image")
    return tag["content"] if tag else ""


def assert_refused(app, line: int, setting: str, subtype: str) -> None:
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    assert f"conf.py:{line}: WARNING: {setting} = " in warnings[0]
    assert warnings[0].endswith(f"[eventarchive.{subtype}]")
    assert getattr(app.config, setting) == ""


def damaged_font() -> bytes:
    path = noto()
    assert path is not None
    data = path.read_bytes()
    return data[:len(data) // 3]


# (value in conf.py, files in the project, files beside it, links in it, subtype)
FONTS = {
    "missing": ("fonts/missing.ttf", {}, {}, {}, "config"),
    "a folder": ("fonts", {"fonts/readme.txt": b"x"}, {}, {}, "config"),
    "climbs out": ("../outside.ttf", {}, {"outside.ttf": ROBOTO.read_bytes()}, {}, "path"),
    "climbs out deep": ("fonts/../../outside.ttf", {"fonts/x": b""},
                        {"outside.ttf": ROBOTO.read_bytes()}, {}, "path"),
    "a link out": ("linked.ttf", {}, {"outside.ttf": ROBOTO.read_bytes()},
                   {"linked.ttf": "../outside.ttf"}, "path"),
    "damaged": ("fonts/cut.otf", {"fonts/cut.otf": b"<damaged>"}, {}, {}, "config"),
    "a picture": ("fonts/logo.ttf", {"fonts/logo.ttf": b"<png>"}, {}, {}, "config"),
    "empty": ("fonts/empty.ttf", {"fonts/empty.ttf": b""}, {}, {}, "config"),
    "random bytes": ("fonts/r.ttf", {"fonts/r.ttf": b"\x00\x01\x00\x00" + bytes(range(256)) * 8},
                     {}, {}, "config"),
}


def _materialise(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: damaged_font() if data == b"<damaged>" else png() if data == b"<png>" else data
            for name, data in files.items()}


@pytest.mark.parametrize("case", FONTS, ids=list(FONTS))
def test_an_unusable_font_warns_and_cards_use_the_extras_font(project, case):
    needs_cards()
    value, files, outside, links, subtype = FONTS[case]
    app, line = build(project, "eventarchive_card_font", value, _materialise(files),
                      outside, links)
    assert_refused(app, line, "eventarchive_card_font", subtype)
    # The card is drawn, in the font of the extra: the page shares a picture.
    assert "/_images/eventarchive/cards/index/" in og_image(app)


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_a_usable_font_is_used(project, tmp_path, where):
    needs_cards()
    if where == "absolute":  # a system font: the user's choice, wherever it is
        (tmp_path / "system").mkdir()
        value = str(tmp_path / "system" / "Roboto.ttf")
        Path(value).write_bytes(ROBOTO.read_bytes())
        files = {}
    else:
        value, files = "fonts/Roboto.ttf", {"fonts/Roboto.ttf": ROBOTO.read_bytes()}
    app, _line = build(project, "eventarchive_card_font", value, files)
    assert archive_warnings(app) == []
    assert app.config.eventarchive_card_font == value
    assert "/_images/eventarchive/cards/index/" in og_image(app)


SECRET = b"<png>"
LOGOS = {
    "climbs out": ("../../secret.png", {}, {"../secret.png": SECRET}, {}, "path"),
    "climbs out beside": ("../secret.png", {}, {"secret.png": SECRET}, {}, "path"),
    "a link out": ("logo.png", {}, {"secret.png": SECRET}, {"logo.png": "../secret.png"}, "path"),
    "missing": ("images/logo.png", {}, {}, {}, "config"),
    "a folder": ("images", {"images/x.png": SECRET}, {}, {}, "config"),
    "not a picture": ("images/logo.png", {"images/logo.png": b"GIF89a, or so it says"}, {}, {},
                      "config"),
    "a cut picture": ("images/logo.png", {"images/logo.png": b"<cut>"}, {}, {}, "config"),
    "empty": ("images/logo.png", {"images/logo.png": b""}, {}, {}, "config"),
    "a font": ("images/logo.png", {"images/logo.png": ROBOTO.read_bytes()}, {}, {}, "config"),
}


@pytest.mark.parametrize("case", LOGOS, ids=list(LOGOS))
def test_an_unusable_logo_warns_and_cards_have_none(project, tmp_path, case):
    needs_cards()
    value, files, outside, links, subtype = LOGOS[case]
    files = {name: png()[:60] if data == b"<cut>" else png() if data == SECRET else data
             for name, data in files.items()}
    outside = {name: png(64, 64) for name in outside}
    if case == "climbs out":  # two folders up: beside the folder the project is in
        outside = {}
        (tmp_path.parent / "secret.png").write_bytes(png(64, 64))
    app, line = build(project, "eventarchive_card_logo", value, files, outside, links)
    assert_refused(app, line, "eventarchive_card_logo", subtype)
    # The card is the one drawn with no logo: its name is a digest of what it shows.
    plain, _line = build(project_in(project, "plain"), "eventarchive_card_logo", "")
    assert og_image(app).rsplit("/", 1)[-1] == og_image(plain).rsplit("/", 1)[-1]


def project_in(project, name: str):
    """The ``project`` fixture making its projects in another folder."""
    return lambda files, conf=None: project(files, conf=conf, name=name)


def test_a_usable_logo_is_drawn(project):
    needs_cards()
    app, _line = build(project, "eventarchive_card_logo", "images/logo.png",
                       {"images/logo.png": png(64, 64)})
    plain, _line = build(project_in(project, "plain"), "eventarchive_card_logo", "")
    assert archive_warnings(app) == []
    assert og_image(app).rsplit("/", 1)[-1] != og_image(plain).rsplit("/", 1)[-1]


@pytest.mark.parametrize(("setting", "value", "links", "subtype"), [
    ("eventarchive_card_font", "../outside.ttf", {}, "path"),
    ("eventarchive_card_logo", "logo.png", {"logo.png": "../secret.png"}, "path"),
    ("eventarchive_card_font", "fonts/missing.ttf", {}, "config"),
])
def test_without_pillow_only_what_needs_no_pillow_is_checked(project, monkeypatch, setting,
                                                             value, links, subtype):
    """The cards extra not installed: no card is drawn, so a file Pillow alone could judge
    is not judged; a path out of the project, or no file, is still refused."""
    monkeypatch.setattr(cardimages, "available", lambda: False)
    app, line = build(project, setting, value, {}, {"outside.ttf": b"?", "secret.png": b"?"},
                      links)
    assert_refused(app, line, setting, subtype)


@pytest.mark.parametrize(("setting", "value"), [
    ("eventarchive_card_font", "fonts/damaged.otf"),
    ("eventarchive_card_logo", "images/logo.png"),
])
def test_without_pillow_a_file_only_pillow_can_judge_is_left_alone(project, monkeypatch,
                                                                   setting, value):
    monkeypatch.setattr(cardimages, "available", lambda: False)
    app, _line = build(project, setting, value, {value: b"not a font, not a picture"})
    assert warnings_of(app) == []


CACHES = {
    "a file of the user's": ("index.md", None, "config"),
    "not JSON": ("decks.json", b"<<<<<<< HEAD\n{}", "config"),
    "a JSON list": ("decks.json", b"[1, 2]", "config"),
    "a wrong section": ("decks.json", b'{"speakerdeck": ["x"]}', "config"),
    "a link out": ("decks.json", "../outside.json", "path"),
}


@pytest.mark.parametrize("case", CACHES, ids=list(CACHES))
def test_a_cache_file_that_is_none_falls_back(project, case):
    value, content, subtype = CACHES[case]
    proj = project({"index.md": REPORT},
                   conf=CONF + f"eventarchive_cache_file = {value!r}\n")
    if isinstance(content, bytes):
        (proj.srcdir / value).write_bytes(content)
    elif isinstance(content, str):
        (proj.srcdir.parent / "outside.json").write_text('{"speakerdeck": {}}')
        os.symlink(proj.srcdir / content, proj.srcdir / value)
    before = {path: path.read_bytes() for path in proj.srcdir.iterdir() if path.is_file()}
    app = proj.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    assert f"conf.py:{len(CONF.splitlines()) + 1}: WARNING: eventarchive_cache_file" \
        in warnings[0] and warnings[0].endswith(f"[eventarchive.{subtype}]")
    assert app.config.eventarchive_cache_file == "eventarchive-cache.json"
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("content", [b"{not json", b'{"speakerdeck": 1}'])
def test_a_broken_default_cache_file_warns(project, content):
    proj = project({"index.md": REPORT, "eventarchive-cache.json": ""})
    (proj.srcdir / "eventarchive-cache.json").write_bytes(content)
    [warning] = warnings_of(proj.build())
    assert "eventarchive_cache_file = 'eventarchive-cache.json' is not a cache file" in warning
    assert warning.endswith("[eventarchive.config]")


@pytest.mark.parametrize("content", [None, b"{}", b'{"speakerdeck": {}}',
                                     json.dumps({"speakerdeck": {"u": "0" * 32}}).encode()])
def test_a_cache_file_that_is_one_or_not_yet_there_is_fine(project, content):
    proj = project({"index.md": REPORT})
    if content is not None:
        (proj.srcdir / "eventarchive-cache.json").write_bytes(content)
    assert warnings_of(proj.build()) == []

