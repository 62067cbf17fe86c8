"""Pictures are published only when they exist (SPEC §5, §9, issue 25).

A local front-matter ``image`` or event ``:image:`` is a file in the source
tree (copied into the output), or one ``html_extra_path`` or
``html_static_path`` publishes at that place on the site (Astro's ``public/``,
Hugo's ``static/``). Anything else warns at its line (``eventarchive.image``;
``eventarchive.path`` when it leaves the source folder) and the page shares
its drawn card, or the site's ``ogp_image``, never an address that 404s. An
``https`` URL is used as written.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

from sphinx_eventarchive.social import cardimages

BASE = "https://archive.example.org/"
CONF = f"""\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Pictures"
html_baseurl = "{BASE}"
"""
INDEX = "# Index\n\n```{toctree}\n:glob:\n\nblog/*\n```\n"


def png(width: int, height: int) -> bytes:
    row = b"\x00" + b"\x80\x80\x80" * width
    body = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def cards_drawn() -> bool:
    import types

    return cardimages.available() and cardimages.font_path(
        types.SimpleNamespace(eventarchive_card_font=""), ".") is not None


def front(image: str) -> str:
    return f"---\ntitle: Post\nimage: {image}\n---\n\n# Post\n\n```{{reportlist}}\n```\n"


def event(image: str) -> str:
    return f"# Post\n\n```{{event}} Meetup\n:id: m\n:date: 2024-04-19\n:image: {image}\n```\n"


# Where a picture is, as (files in the project, conf.py lines); 1200×630 each.
PLACES = {
    "nowhere": ({}, ""),
    "in the source tree": ({"images/x.png"}, ""),
    "beside the report": ({"blog/x.png"}, ""),
    "in html_extra_path": ({"public/images/x.png"}, 'html_extra_path = ["public"]\n'),
    "html_extra_path without it": ({"public/other.png"}, 'html_extra_path = ["public"]\n'),
    "in html_static_path": ({"static/x.png"}, 'html_static_path = ["static"]\n'),
    "html_static_path names the file": ({"x.png"}, 'html_static_path = ["x.png"]\n'),
    "in html_extra_path and the source tree": (
        {"images/x.png", "public/images/x.png"}, 'html_extra_path = ["public"]\n'),
}
# (reference, place) → what is shared: "copied" (into _images/eventarchive), a URL, or
# None (it warns, with its subtype, and the page shares its card).
CASES = [
    ("/images/x.png", "in the source tree", "copied"),
    ("x.png", "beside the report", "copied"),
    ("/images/x.png", "in html_extra_path", BASE + "images/x.png"),
    ("/_static/x.png", "in html_static_path", BASE + "_static/x.png"),
    ("/_static/x.png", "html_static_path names the file", BASE + "_static/x.png"),
    ("/images/x.png", "in html_extra_path and the source tree", "copied"),
    ("../images/x.png", "in html_extra_path", BASE + "images/x.png"),
    ("/images/x.png", "nowhere", "image"),
    ("x.png", "nowhere", "image"),
    ("/pek2024/blog/pfem8-report/ogp.png", "nowhere", "image"),
    ("/images/x.png", "html_extra_path without it", "image"),
    ("/x.png", "in html_static_path", "image"),  # a static file is published under _static/
    ("/images/x.png", "in html_static_path", "image"),
    ("../../secret.png", "nowhere", "path"),
    ("https://cdn.example.org/x.png", "nowhere", "https://cdn.example.org/x.png"),
]


def build(project, files: dict[str, str], place: str):
    names, conf = PLACES[place]
    proj = project({"index.md": INDEX, **files}, conf=CONF + conf)
    for name in names:
        (proj.srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (proj.srcdir / name).write_bytes(png(1200, 630))
    (proj.srcdir.parent / "secret.png").write_bytes(png(1200, 630))
    return proj.build()


def shared(app, page: str) -> dict[str, str]:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"),
                         "html.parser")
    return {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)
            if tag["property"].startswith("og:image")}


def assert_shared(app, page: str, expected: str) -> None:
    tags = shared(app, page)
    url = tags.get("og:image", "")
    if expected == "copied":
        assert url.startswith(BASE + "_images/eventarchive/") and "/cards/" not in url, url
        assert (Path(app.outdir) / url[len(BASE):]).is_file()
    elif expected in ("image", "path"):
        # What did not resolve is not shared: the page's drawn card is, or nothing.
        if cards_drawn():
            assert url.startswith(f"{BASE}_images/eventarchive/cards/{page}/"), url
        else:
            assert url == ""
    else:
        assert url == expected
    if expected.startswith(BASE) and expected != BASE:
        # Served files are measured from the file that is published.
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")


def assert_warned(app, page: str, line: int, expected: str) -> None:
    warnings = archive_warnings(app)
    if expected in ("image", "path"):
        assert len(warnings) == 1, warnings
        assert f"{page}.md:{line}: WARNING: " in warnings[0]
        assert warnings[0].endswith(f"[eventarchive.{expected}]")
    else:
        assert warnings == []


@pytest.mark.parametrize(("reference", "place", "expected"), CASES,
                         ids=[f"{r} {p}" for r, p, _e in CASES])
def test_a_front_matter_image(project, reference, place, expected):
    app = build(project, {"blog/post.md": front(reference)}, place)
    assert_warned(app, "blog/post", 3, expected)
    assert_shared(app, "blog/post", expected)
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    [report] = data["reports"]
    assert report["image"] == (shared(app, "blog/post").get("og:image") if expected not in (
        "image", "path") else None)


@pytest.mark.parametrize(("reference", "place", "expected"), CASES,
                         ids=[f"{r} {p}" for r, p, _e in CASES])
def test_an_event_image(project, reference, place, expected):
    app = build(project, {"blog/post.md": event(reference)}, place)
    assert_warned(app, "blog/post", 6, expected)
    assert_shared(app, "blog/post", expected)
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    [record] = data["events"]
    assert record["image"] == (shared(app, "blog/post").get("og:image") if expected not in (
        "image", "path") else None)


@pytest.mark.parametrize("page", [front, event], ids=["front matter", "event"])
def test_a_missing_picture_gives_way_to_the_sites_default(project, page):
    """Without a card drawn, the site's default picture (ogp_image) is shared."""
    proj = project({"index.md": INDEX, "blog/post.md": page("/images/gone.png")},
                   conf=CONF + 'html_static_path = ["static"]\nogp_image = "_static/site.png"\n'
                   "eventarchive_card_images = False\n")
    (proj.srcdir / "static").mkdir()
    (proj.srcdir / "static" / "site.png").write_bytes(png(1200, 630))
    app = proj.build()
    assert [w.rsplit("[", 1)[-1] for w in archive_warnings(app)] == ["eventarchive.image]"]
    assert shared(app, "blog/post")["og:image"] == BASE + "_static/site.png"


def test_an_og_image_field_is_sphinxext_opengraphs_and_taken_as_written(project):
    """The page's own ``og:image`` field is read as sphinxext-opengraph reads it."""
    proj = project({"index.md": INDEX, "blog/post.md": "---\nog:image: /elsewhere/x.png\n---\n\n"
                    + event("https://cdn.example.org/e.png").replace(":image:", ":url:")})
    app = proj.build()
    assert archive_warnings(app) == []
    assert shared(app, "blog/post")["og:image"] == BASE + "elsewhere/x.png"
