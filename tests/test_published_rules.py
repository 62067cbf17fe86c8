"""What the archive publishes follows its readers' published rules (SPEC §6, §7), read as
they read it: extruct for JSON-LD and Open Graph, the sitemap as sitemaps.org 0.9 has it.

Google Search's Event (a ``location`` that is a ``Place`` with an address or a
``VirtualLocation`` whose ``url`` is where people join, never the report), its
VideoObject (complete or absent) and Clip, ProfilePage on speaker pages; X's
rule for ``summary_large_image``; a sitemap's URLs at the pages they name, and
no ``noindex`` page in it. ``eventarchive_seo_warnings`` reports the same at the
event's line.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from urllib.parse import unquote

import extruct
import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of

BASE = "https://archive.example.org/"
CONF = f"""\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Rules"
html_baseurl = "{BASE}"
"""

EVENTS = """\
# Events

```{toctree}
people
plain
```

```{event} Place only
:id: place-only
:date: 2024-04-19T19:00+09:00
:location: Grand Front Osaka, Osaka
```

```{event} Venue and place
:id: both
:date: 2024-04-20
:venue: Example Hall
:location: Chiyoda, Tokyo
:organizer: Example Community <https://example.org/community>
```

```{event} Online with a page
:id: online-url
:date: 2024-04-21
:format: online
:url: https://example.org/online
```

```{event} Online with nothing
:id: online-bare
:date: 2024-04-22
:format: online
:organizer: Just a name
```

```{event} Hybrid streamed
:id: hybrid
:date: 2024-04-23
:format: hybrid
:venue: Hall B
:location: Osaka
:video: https://www.youtube.com/watch?v=AAAAAAAAAAA
```

```{session} A talk in the stream
:event: hybrid
:speakers: Zoe Zed
:video: https://www.youtube.com/watch?v=AAAAAAAAAAA&t=1h2m3s
```

```{session} A talk elsewhere
:event: hybrid
:speakers: Zoe Zed
:video: https://vimeo.com/123456
```
"""

PEOPLE = """\
# People

```{speaker} Zoe Zed
:aliases: Z. Zed
:photo: images/zoe.png
:links: https://example.org/zoe

Zoe works on platforms.
```
"""


def png(path: Path, width: int, height: int) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x50\x60\x70" * width for _ in range(height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def built(project):
    proj = project({"index.md": EVENTS, "people.md": PEOPLE,
                    "plain.md": "# A plain page\n\nNo archive here.\n"}, conf=CONF)
    png(proj.srcdir / "images" / "zoe.png", 256, 256)
    app = proj.build()
    assert archive_warnings(app) == []
    return proj, app


def jsonld(app, page: str) -> list[dict]:
    text = (Path(app.outdir) / page).read_text(encoding="utf-8")
    return extruct.extract(text, base_url=BASE + page, syntaxes=["json-ld"])["json-ld"]


def meta(app, page: str) -> dict[str, str]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
    return {tag.get("property") or tag.get("name"): tag["content"]
            for tag in soup.find_all("meta") if tag.get("content") is not None}


def test_event_locations_follow_googles_rules(built) -> None:
    _proj, app = built
    names = {"Place only": "place-only", "Venue and place": "both",
             "Online with a page": "online-url", "Online with nothing": "online-bare",
             "Hybrid streamed": "hybrid"}
    events = {names[item["name"]]: item for item in jsonld(app, "index.html")
              if item.get("@type") == "Event"}
    # A location without a venue is still the place: named and addressed by it.
    assert events["place-only"]["location"] == {
        "@type": "Place", "name": "Grand Front Osaka, Osaka", "address": "Grand Front Osaka, Osaka"}
    assert events["both"]["location"] == {
        "@type": "Place", "name": "Example Hall", "address": "Chiyoda, Tokyo"}
    # Where people join is the event's own page or stream, never the report.
    assert events["online-url"]["location"] == {
        "@type": "VirtualLocation", "url": "https://example.org/online"}
    assert "location" not in events["online-bare"]
    hybrid = events["hybrid"]["location"]
    assert [place["@type"] for place in hybrid] == ["Place", "VirtualLocation"]
    assert hybrid[1]["url"] == "https://www.youtube.com/watch?v=AAAAAAAAAAA"
    for item in events.values():
        for place in item.get("location") if isinstance(item.get("location"), list) else [
                item.get("location")]:
            if place and place["@type"] == "VirtualLocation":
                assert not place["url"].startswith(BASE)
    # The organiser is the event's own, never its series.
    assert events["both"]["organizer"] == {"@type": "Organization", "name": "Example Community",
                                           "url": "https://example.org/community"}
    assert events["online-bare"]["organizer"] == {"@type": "Organization",
                                                  "name": "Just a name"}
    assert "organizer" not in events["place-only"]


def test_recordings_are_complete_video_objects_or_links(built) -> None:
    _proj, app = built
    [hybrid] = [item for item in jsonld(app, "index.html") if item.get("name") == "Hybrid streamed"]
    whole = hybrid["recordedIn"]
    assert whole == {"@type": "VideoObject", "name": "Hybrid streamed",
                     "url": "https://www.youtube.com/watch?v=AAAAAAAAAAA",
                     "thumbnailUrl": "https://i.ytimg.com/vi/AAAAAAAAAAA/hqdefault.jpg",
                     "uploadDate": "2024-04-23",
                     "embedUrl": "https://www.youtube-nocookie.com/embed/AAAAAAAAAAA"}
    stream, elsewhere = hybrid["subEvent"]
    video = stream["recordedIn"]
    assert (video["uploadDate"], video["thumbnailUrl"]) == (
        "2024-04-23", "https://i.ytimg.com/vi/AAAAAAAAAAA/hqdefault.jpg")
    # The talk starts an hour into the recording: a Clip of it.
    assert video["hasPart"] == [{"@type": "Clip", "name": "A talk in the stream",
                                 "startOffset": 3723,
                                 "url": "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=3723s"}]
    # No still at a known address: no VideoObject, the recording stays a link on the page.
    assert "recordedIn" not in elsewhere
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "https://vimeo.com/123456" in page


def test_speaker_pages_are_profile_pages(built) -> None:
    _proj, app = built
    [profile] = [item for item in jsonld(app, "speakers/zoe-zed.html")
                 if item.get("@type") == "ProfilePage"]
    person = profile["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Zoe Zed"
    assert person["alternateName"] == ["Z. Zed"]
    assert person["sameAs"] == ["https://example.org/zoe"]
    assert person["description"] == "Zoe works on platforms."
    assert person["image"].startswith(BASE + "_images/eventarchive/")


def test_x_cards_follow_the_size_of_the_picture(built) -> None:
    _proj, app = built
    # A 256×256 photo is under 300×157 and square: a summary card.
    speaker = meta(app, "speakers/zoe-zed.html")
    assert (speaker["og:image:width"], speaker["og:image:height"]) == ("256", "256")
    assert speaker["twitter:card"] == "summary"
    # A drawn card (1200×630) or no picture at all.
    report = meta(app, "index.html")
    expected = "summary_large_image" if "og:image" in report else "summary"
    assert report["twitter:card"] == expected


def test_every_archive_page_shares_with_a_card(built) -> None:
    _proj, app = built
    # A page of profiles only is an archive page: its tags are ours, with a picture.
    people = meta(app, "people.html")
    assert people["og:url"] == BASE + "people.html"
    assert people["twitter:card"] in ("summary", "summary_large_image")
    assert people["og:title"] == "People"
    # A page that is no archive page keeps what sphinxext-opengraph alone writes
    # (SPEC § 6): an absolute og:url from the site's address, and no card of ours.
    plain = meta(app, "plain.html")
    assert plain["og:url"] == BASE + "plain.html"
    assert "twitter:card" not in plain and "og:image" not in plain


SITEMAP_CONF = CONF + 'extensions.append("sphinx_sitemap")\nlanguage = "ja"\n'


def _sitemap(app) -> list[str]:
    root = ET.parse(Path(app.outdir) / "sitemap.xml").getroot()
    return [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_sitemap_names_pages_where_they_are_built(project) -> None:
    pytest.importorskip("sphinx_sitemap")
    proj = project({"index.md": EVENTS, "people.md": PEOPLE, "plain.md": "# Plain\n"},
                   conf=SITEMAP_CONF)
    png(proj.srcdir / "images" / "zoe.png", 256, 256)
    app = proj.build()
    urls = _sitemap(app)
    assert urls and all(url.startswith(BASE) for url in urls)
    outdir = Path(app.outdir)
    for url in urls:  # sitemaps.org: every URL a page of the site, as served
        assert (outdir / unquote(url.removeprefix(BASE))).is_file(), url
    assert BASE + "search.html" not in urls  # marked noindex
    assert BASE + "speakers/zoe-zed.html" in urls
    assert not [w for w in archive_warnings(app) if "sitemap_url_scheme" in w]


def test_a_scheme_of_the_users_that_names_no_built_page_warns(project) -> None:
    pytest.importorskip("sphinx_sitemap")
    conf = SITEMAP_CONF + 'sitemap_url_scheme = "{lang}{link}"\n'
    app = project({"index.md": EVENTS, "people.md": PEOPLE, "plain.md": "# Plain\n"},
                  conf=conf).build()
    assert all("/ja/" in url for url in _sitemap(app))  # theirs, as they wrote it
    warned = [w for w in warnings_of(app) if "sitemap_url_scheme" in w]
    assert len(warned) == 1 and "[eventarchive.config]" in warned[0]


def test_seo_warnings_report_what_google_requires_at_the_events_line(project) -> None:
    conf = CONF + "eventarchive_seo_warnings = True\n"
    app = project({"index.md": EVENTS, "people.md": PEOPLE, "plain.md": "# Plain\n"},
                  conf=conf).build()
    seo = [w for w in warnings_of(app) if "[eventarchive.seo]" in w]
    assert len(seo) == 1, seo
    assert "index.md:29:" in seo[0] and "event.location" in seo[0]  # Online with nothing
    quiet = project({"index.md": EVENTS, "people.md": PEOPLE, "plain.md": "# Plain\n"},
                    conf=CONF, name="quiet").build()
    assert not [w for w in warnings_of(quiet) if "[eventarchive.seo]" in w]
