"""Freshness from data: every option of every archive directive reaches every page showing it.

The options come from the declarations (``core/options.py``), so an option added
later is covered here without a new line: for each one, the report that writes
it is edited and rebuilt incrementally, and the whole output (reports showing
the event through a listing, a role, a second write-up or a series neighbour;
the speaker, tag and index pages; feeds and exports) must equal a clean build.
A field the build state's digests miss (``archive/freshness.py``) leaves some
page stale, and this fails naming the option.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import build_app, warnings_of
from test_incremental_pages import differences

from sphinx_eventarchive.core import options

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Freshness"
html_baseurl = "https://archive.example.org/"
"""

INDEX = "# Home\n\n```{toctree}\n:glob:\n\n*\n```\n"

#: A report that shows event ``fx`` without writing it up: through listings, roles, and
#: its own event of the same series.
SHOWS = """\
# A

```{event} Event Y
:id: fy
:series: Alpha
:date: 2024-05-01
```

```{eventlist}
```

```{sessionlist}
:group-by: speaker
```

```{reportlist}
```

See {event}`fx`, {session}`fx/talk`, {speaker}`Zoe Zed` and {tag}`T1`.
"""

#: A second write-up of ``fx``: its header card is merged from both.
SECOND = """\
---
title: C report
---
# C

```{event} Event X
:id: fx
```
"""

#: Two values of each kind of option: the first is written, then replaced by the second.
SAMPLES: dict[str, tuple[str, str]] = {
    "text": ("Alpha", "Beta"),
    "date": ("2024-04-19T19:00+09:00", "2024-04-20T18:00+09:00"),
    "url": ("https://example.org/a", "https://example.org/b"),
    "media": ("https://www.youtube.com/watch?v=AAAAAAAAAAA",
              "https://www.youtube.com/watch?v=BBBBBBBBBBB"),
    "list": ("T1, T2", "T1, T3"),
    "speakers": ("Zoe Zed (Acme), Yuki Yamada", "Zoe Zed (Globex), Yuki Yamada"),
    "path": ("images/a.png", "images/b.png"),
    "hashtag": ("#alpha", "#beta"),
    "urls": ("https://example.org/zoe", "https://example.org/zed"),
    "id": ("", "renamed"),
    "flag": ("", "on"),
    "organizer": ("Alpha Org", "Beta Org <https://example.org/beta>"),
}
#: Options whose samples must fit what they mean.
SPECIAL: dict[tuple[str, str], tuple[str, str]] = {
    ("event", "end"): ("2024-04-19T21:00+09:00", "2024-04-19T22:00+09:00"),
    ("session", "start"): ("2024-04-19T19:10+09:00", "2024-04-19T19:20+09:00"),
    ("session", "end"): ("2024-04-19T19:40+09:00", "2024-04-19T19:50+09:00"),
    ("session", "event"): ("fx", "fy"),
    ("session", "slides"): ("https://speakerdeck.com/player/00000000000000000000000000000001",
                            "unpublished"),
    ("session", "language"): ("en", "ja"),
    ("speaker", "reading"): ("ぞえ", "ぜど"),
    ("speaker", "affiliation"): ("Acme", "Globex"),
    ("speaker", "aliases"): ("Z. Zed", "Zed"),
    ("speaker", "photo"): ("images/z.png", "images/b.png"),
}
HEADS = {"event": "Event X", "session": "Talk X", "speaker": "Zoe Zed"}
DECLARED = {"event": options.EVENT, "session": options.SESSION, "speaker": options.SPEAKER}


def sample(directive: str, option: options.Option) -> tuple[str, str]:
    if (directive, option.name) in SPECIAL:
        return SPECIAL[directive, option.name]
    if option.kind == "choice":
        return option.choices[0], option.choices[1]
    assert option.kind in SAMPLES, (
        f"add two sample values of kind {option.kind!r} to tests/test_freshness.py")
    return SAMPLES[option.kind]


def values(changed: tuple[str, str] | None = None) -> dict[str, dict[str, str]]:
    """Every option of each directive at its first sample; ``changed`` at its second."""
    found: dict[str, dict[str, str]] = {}
    for directive, declared in DECLARED.items():
        found[directive] = {}
        for option in declared:
            first, second = sample(directive, option)
            found[directive][option.name] = second if (directive, option.name) == changed \
                else first
    found["event"]["id"] = found["event"]["id"] or "fx"
    found["session"]["id"] = found["session"]["id"] or "fx/talk"
    found["speaker"]["id"] = found["speaker"]["id"] or "zoe"
    return found


def report(written: dict[str, dict[str, str]]) -> str:
    """The report that writes everything up."""
    blocks = ["---\ntitle: B report\ntags: [Rt]\n---\n# B\n"]
    for directive, given in written.items():
        lines = [f"```{{{directive}}} {HEADS[directive]}"]
        for name, value in given.items():
            if value == "on":
                lines.append(f":{name}:")
            elif value:
                lines.append(f":{name}: {value}")
        blocks.append("\n".join([*lines, "```", ""]))
    return "\n".join(blocks)


def png(path: Path, shade: int) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([shade, 80, 120]) * 4 for _ in range(4))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0,
                                                                      0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("directive", sorted(DECLARED))
def test_every_option_reaches_every_page_showing_it(tmp_path: Path, directive: str) -> None:
    srcdir = tmp_path / "src"
    files = {"conf.py": CONF, "index.md": INDEX, "a.md": SHOWS, "c.md": SECOND,
             "b.md": report(values())}
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    for shade, name in enumerate(("a.png", "b.png", "z.png")):
        png(srcdir / "images" / name, 40 * shade)
    build = tmp_path / "build"
    app = build_app("html", srcdir, builddir=build)
    assert warnings_of(app) == [], warnings_of(app)
    stale = []
    for number, option in enumerate(DECLARED[directive]):
        (srcdir / "b.md").write_text(report(values((directive, option.name))),
                                     encoding="utf-8")
        incremental = Path(build_app("html", srcdir, builddir=build).outdir)
        clean_src = tmp_path / f"clean-{number}"
        shutil.copytree(srcdir, clean_src)
        clean = Path(build_app("html", clean_src, builddir=tmp_path / f"cb-{number}",
                               freshenv=True).outdir)
        # A picture's old copy stays behind when the picture changes, in Sphinx's own
        # _images as in ours beside it: no page names it any more.
        found = [line for line in differences(incremental, clean)
                 if not line.startswith("only in the incremental build: _images/")
                 or "/cards/" in line]
        if found:
            stale.append(f":{option.name}: {found}")
        # Back to the first values, so each option is tried on its own.
        (srcdir / "b.md").write_text(report(values()), encoding="utf-8")
        build_app("html", srcdir, builddir=build)
    assert stale == [], "\n".join(stale)
