"""``sphinx-eventarchive check BUILD_DIR`` (SPEC §8, issue 26).

A small built site written by hand passes every rule; for each rule in the
table (parametrized over it, so a rule added later needs its own break
here), one change to that site breaks it, and ``check`` must report that
rule. Real Sphinx builds (html and dirhtml, with sphinx-sitemap) show that
``check`` reads what the extension writes: URLs map back to the built files,
and what the build gets right today is not reported.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import build_app

from sphinx_eventarchive.check.rules import REQUIRED
from sphinx_eventarchive.check.runner import run
from sphinx_eventarchive.check.table import all_rules
from sphinx_eventarchive.cli import main
from sphinx_eventarchive.exports.archive_json import VERSION

BASE = "https://archive.example.org/"
SCHEMA = Path(__file__).parents[1] / "sphinx_eventarchive" / "schema" / "archive.schema.json"
RULES = {rule.id: rule for rule in all_rules()}


# -- a built site, by hand ------------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    """A real PNG (1-bit grey), small on disk whatever its size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + bytes((width + 7) // 8) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@dataclass
class Head:
    """One page's head: ``<meta property>`` (Open Graph), ``<meta name>``, links, JSON-LD."""

    og: list[tuple[str, str]]
    named: list[tuple[str, str]] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    #: dicts are written as JSON, strings as they are
    jsonld: list[Any] = field(default_factory=list)

    def set(self, key: str, value: str | None) -> None:
        """Set (None: remove) an og:* tag, or a named tag such as twitter:card."""
        tags = self.og if ":" in key and not key.startswith("twitter:") else self.named
        index = next((i for i, (name, _) in enumerate(tags) if name == key), None)
        if value is None:
            assert index is not None, f"no {key} to remove"
            del tags[index]
        elif index is None:
            tags.append((key, value))
        else:
            tags[index] = (key, value)

    def html(self) -> str:
        from html import escape

        lines = ['<meta charset="utf-8" />']
        lines += [f'<meta property="{k}" content="{escape(v)}" />' for k, v in self.og]
        lines += [f'<meta name="{k}" content="{escape(v)}" />' for k, v in self.named]
        lines += [f'<link rel="canonical" href="{escape(href)}" />' for href in self.canonical]
        lines += [f'<link rel="alternate" type="application/atom+xml" href="{escape(href)}" />'
                  for href in self.feeds]
        lines += ['<script type="application/ld+json">'
                  + (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False))
                  + "</script>" for item in self.jsonld]
        return ("<!DOCTYPE html>\n<html><head>\n" + "\n".join(lines)
                + "\n<title>t</title></head><body><p>x</p></body></html>\n")


def video() -> dict[str, Any]:
    return {
        "@type": "VideoObject", "name": "Meetup #8, the recording",
        "description": "The whole evening.",
        "thumbnailUrl": "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
        "uploadDate": "2024-04-20T10:00:00+09:00", "duration": "PT2H30M",
        "embedUrl": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "hasPart": [{"@type": "Clip", "name": "Measure the platform", "startOffset": 120,
                     "endOffset": 1800,
                     "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120"}],
    }


def event() -> dict[str, Any]:
    return {
        "@context": "https://schema.org", "@type": "Event",
        "@id": BASE + "index.html#event-m8", "url": BASE + "index.html#event-m8",
        "name": "Meetup #8", "description": "The first meetup in Osaka.",
        "startDate": "2024-04-19T19:00+09:00", "endDate": "2024-04-19T21:30+09:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "location": [{"@type": "Place", "name": "Hall", "address": "Grand Front Osaka"},
                     {"@type": "VirtualLocation", "url": "https://example.connpass.com/event/1/"}],
        "image": [BASE + "_images/card.png"],
        "offers": {"@type": "Offer", "price": "0", "priceCurrency": "JPY",
                   "url": "https://example.connpass.com/event/1/"},
        "organizer": {"@type": "Organization", "name": "PFEM", "url": "https://pfem.example/"},
        "performer": [{"@type": "Person", "name": "Abby Bangser"}],
        "recordedIn": video(),
    }


def profile() -> dict[str, Any]:
    return {
        "@context": "https://schema.org", "@type": "ProfilePage",
        "url": BASE + "speakers/abby.html", "name": "Abby Bangser",
        "mainEntity": {"@type": "Person", "name": "Abby Bangser", "alternateName": ["@abby"],
                       "description": "Platform engineer.",
                       "image": BASE + "_images/abby.png",
                       "sameAs": ["https://x.com/abby"]},
    }


def index_head() -> Head:
    return Head(
        og=[("og:title", "Meetup #8"), ("og:type", "article"), ("og:url", BASE + "index.html"),
            ("og:description", "The first meetup in Osaka."),
            ("og:image", BASE + "_images/card.png"), ("og:image:width", "1200"),
            ("og:image:height", "630"), ("og:image:alt", "Meetup #8")],
        named=[("twitter:card", "summary_large_image")],
        canonical=[BASE + "index.html"], feeds=["atom.xml"], jsonld=[event()])


def speaker_head() -> Head:
    return Head(
        og=[("og:title", "Abby Bangser"), ("og:type", "profile"),
            ("og:url", BASE + "speakers/abby.html"), ("og:description", "Talks by Abby."),
            ("og:image", BASE + "_images/abby.png"), ("og:image:width", "400"),
            ("og:image:height", "400"), ("og:image:alt", "Abby Bangser")],
        named=[("twitter:card", "summary")],
        canonical=[BASE + "speakers/abby.html"], jsonld=[profile()])


ENTRY = """\
  <entry>
    <id>{url}</id>
    <title type="text">{title}</title>
    <link rel="alternate" type="text/html" href="{url}" />
    <updated>2024-05-01T12:00:00+09:00</updated>
  </entry>
"""
FEED = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>{base}</id>
  <title type="text">Test archive</title>
  <updated>2024-05-01T12:00:00+09:00</updated>
  <link rel="self" type="application/atom+xml" href="{base}atom.xml" />
  <author><name>Archive Team</name></author>
{entries}</feed>
"""
VEVENT = ["BEGIN:VEVENT", "SUMMARY:Meetup #8", "DTSTART:20240419T100000Z",
          "DTEND:20240419T123000Z", "DTSTAMP:20240501T030000Z", "UID:m8@archive.example.org",
          "DESCRIPTION:A long description that is folded at seventy-five octets as R",
          " FC 5545 says\\, so that no line is longer.", f"URL:{BASE}index.html#event-m8",
          "END:VEVENT"]
CALENDAR = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sphinx-eventarchive//test//EN",
            *VEVENT, "END:VCALENDAR"]


@dataclass
class Site:
    """A built site as Python data; ``write`` puts it in a folder."""

    heads: dict[str, Head] = field(default_factory=lambda: {
        "index.html": index_head(), "speakers/abby.html": speaker_head(),
        # a draft: marked noindex, not in the sitemap
        "draft.html": Head(og=[], named=[("robots", "noindex")]),
    })
    images: dict[str, tuple[int, int]] = field(default_factory=lambda: {
        "_images/card.png": (1200, 630), "_images/abby.png": (400, 400),
        "_images/tiny.png": (100, 100), "_images/small.png": (150, 150)})
    entries: list[tuple[str, str]] = field(default_factory=lambda: [
        (BASE + "index.html", "Meetup #8"), (BASE + "speakers/abby.html", "Abby")])
    feed: str = FEED
    calendar: list[str] = field(default_factory=lambda: list(CALENDAR))
    calendar_newline: str = "\r\n"
    sitemap: list[tuple[str, str]] = field(default_factory=lambda: [
        (BASE + "index.html", "2024-05-01T03:00:00Z"),
        (BASE + "speakers/abby.html", "2024-05-01")])
    sitemap_extra: str = ""
    archive: dict[str, Any] = field(default_factory=lambda: {
        "$schema": BASE + "archive.schema.json", "version": VERSION,
        "generator": {"name": "sphinx-eventarchive", "version": "0.1.0"},
        "site": {"name": "Test archive", "url": BASE, "language": "en"},
        "events": [], "sessions": [], "speakers": [], "tags": [], "reports": []})
    #: text replacements applied to a written file: (file, old, new)
    edits: list[tuple[str, str, str]] = field(default_factory=list)

    def write(self, root: Path) -> Path:
        files: dict[str, str | bytes] = {path: head.html() for path, head in self.heads.items()}
        files["search.html"] = Head(og=[], named=[("robots", "noindex")]).html()
        files["genindex.html"] = Head(og=[]).html()
        # a moved report (sphinx-reredirects): it sends browsers on and is no page of its own
        files["old/report.html"] = Head(og=[], named=[("refresh", "0; url=../index.html")]) \
            .html().replace('<meta name="refresh"', '<meta http-equiv="refresh"')
        files["_static/basic.css"] = "body {}"
        files.update({path: png(*size) for path, size in self.images.items()})
        files["atom.xml"] = self.feed.format(base=BASE, entries="".join(
            ENTRY.format(url=url, title=title) for url, title in self.entries))
        files["events.ics"] = (self.calendar_newline.join(self.calendar)
                               + self.calendar_newline).encode()
        urls = "".join(f"  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>\n"
                       for loc, lastmod in self.sitemap)
        files["sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                                '"http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                f"{urls}{self.sitemap_extra}</urlset>\n")
        files["archive.json"] = json.dumps(self.archive, ensure_ascii=False)
        files["archive.schema.json"] = SCHEMA.read_text(encoding="utf-8")
        for name, old, new in self.edits:
            text = files[name]
            assert isinstance(text, str) and old in text, f"{old!r} is not in {name}"
            files[name] = text.replace(old, new, 1)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    # the parts breaks change

    @property
    def index(self) -> Head:
        return self.heads["index.html"]

    @property
    def speaker(self) -> Head:
        return self.heads["speakers/abby.html"]

    @property
    def event(self) -> dict[str, Any]:
        return self.index.jsonld[0]

    @property
    def video(self) -> dict[str, Any]:
        return self.event["recordedIn"]

    @property
    def clip(self) -> dict[str, Any]:
        return self.video["hasPart"][0]

    @property
    def person(self) -> dict[str, Any]:
        return self.speaker.jsonld[0]["mainEntity"]


def without(part: Callable[[Site], dict[str, Any]], key: str) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        del part(site)[key]
    return breaking


def setting(part: Callable[[Site], dict[str, Any]], key: str,
            value: Any) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        part(site)[key] = value
    return breaking


def tag(page: Callable[[Site], Head], key: str, value: str | None) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        page(site).set(key, value)
    return breaking


def edit(name: str, old: str, new: str) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        site.edits.append((name, old, new))
    return breaking


def calendar_lines(change: Callable[[list[str]], None]) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        change(site.calendar)
    return breaking


def _drop_line(prefix: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        lines.remove(next(line for line in lines if line.startswith(prefix)))
    return change


def _both(*breaks: Callable[[Site], None]) -> Callable[[Site], None]:
    def breaking(site: Site) -> None:
        for one in breaks:
            one(site)
    return breaking


def _second_event(lines: list[str]) -> None:
    at = lines.index("END:VCALENDAR")
    lines[at:at] = [line.replace("SUMMARY:Meetup #8", "SUMMARY:Meetup #9") for line in VEVENT]


def EVENT(site: Site) -> dict[str, Any]:
    return site.event


def VIDEO(site: Site) -> dict[str, Any]:
    return site.video


def CLIP(site: Site) -> dict[str, Any]:
    return site.clip


def PERSON(site: Site) -> dict[str, Any]:
    return site.person


def INDEX(site: Site) -> Head:
    return site.index


def SPEAKER(site: Site) -> Head:
    return site.speaker


#: One way to break each rule. A rule without an entry fails its test.
BREAKS: dict[str, Callable[[Site], None]] = {
    "jsonld.parse": lambda site: site.index.jsonld.append('{"@type": "Event", "name": '),
    "event.name": without(EVENT, "name"),
    "event.startDate": setting(EVENT, "startDate", "19 April 2024"),
    # a location without a venue that lost its address (issue 26)
    "event.location": setting(EVENT, "location", {"@type": "Place", "name": "Osaka"}),
    "event.location.url": setting(EVENT, "location", [
        {"@type": "Place", "name": "Hall", "address": "Osaka"},
        {"@type": "VirtualLocation", "url": BASE + "index.html#event-m8"}]),
    "event.description": without(EVENT, "description"),
    "event.endDate": without(EVENT, "endDate"),
    "event.eventStatus": setting(EVENT, "eventStatus", "Scheduled"),
    "event.eventAttendanceMode": without(EVENT, "eventAttendanceMode"),
    "event.image": without(EVENT, "image"),
    "event.offers": without(EVENT, "offers"),
    "event.organizer": setting(EVENT, "organizer", {"@type": "Organization"}),
    "event.performer": without(EVENT, "performer"),
    "video.name": without(VIDEO, "name"),
    "video.thumbnailUrl": without(VIDEO, "thumbnailUrl"),
    "video.uploadDate": without(VIDEO, "uploadDate"),
    "video.description": without(VIDEO, "description"),
    "video.duration": setting(VIDEO, "duration", "2:30:00"),
    "video.embedUrl": without(VIDEO, "embedUrl"),
    "clip.name": without(CLIP, "name"),
    "clip.startOffset": setting(CLIP, "startOffset", "2m"),
    "clip.url": setting(CLIP, "url", "watch?v=dQw4w9WgXcQ&t=120"),
    "clip.endOffset": without(CLIP, "endOffset"),
    "profile.mainEntity": lambda site: site.speaker.jsonld[0]["mainEntity"].update(
        {"@type": "Thing"}),
    "profile.name": without(PERSON, "name"),
    "profile.alternateName": without(PERSON, "alternateName"),
    "profile.description": without(PERSON, "description"),
    "profile.image": without(PERSON, "image"),
    "profile.sameAs": without(PERSON, "sameAs"),
    "profile.page": lambda site: site.speaker.jsonld.clear(),
    "og.title": tag(INDEX, "og:title", None),
    "og.type": tag(INDEX, "og:type", "blog"),
    # sphinxext-opengraph alone on a page with only a speaker profile (issue 26)
    "og.image": tag(INDEX, "og:image", "_images/card.png"),
    "og.url": tag(INDEX, "og:url", "index.html"),
    "og.duplicate": lambda site: site.index.og.append(("og:title", "Meetup #8, again")),
    "og.image.size": _both(tag(SPEAKER, "og:image", BASE + "_images/small.png"),
                           tag(SPEAKER, "og:image:width", "150"),
                           tag(SPEAKER, "og:image:height", "150")),
    "og.image.dimensions": tag(INDEX, "og:image:width", "1000"),
    "og.description": tag(INDEX, "og:description", None),
    "og.image.alt": tag(INDEX, "og:image:alt", None),
    "twitter.card": tag(INDEX, "twitter:card", None),
    # a 400×400 profile photo declared summary_large_image (issue 26)
    "twitter.card.large": tag(SPEAKER, "twitter:card", "summary_large_image"),
    "twitter.card.summary": tag(SPEAKER, "twitter:image", BASE + "_images/tiny.png"),
    "page.canonical": lambda site: site.index.canonical.append(BASE + "other.html"),
    "atom.parse": edit("atom.xml", "</feed>", ""),
    "atom.feed.id": edit("atom.xml", f"<id>{BASE}</id>", ""),
    "atom.feed.title": edit("atom.xml", '<title type="text">Test archive</title>', ""),
    "atom.feed.updated": edit("atom.xml", "<updated>2024-05-01T12:00:00+09:00</updated>",
                              "<updated>2024-05-01</updated>"),
    "atom.feed.author": edit("atom.xml", "<author><name>Archive Team</name></author>", ""),
    "atom.feed.self": edit("atom.xml", 'rel="self"', 'rel="via"'),
    "atom.entry.id": edit("atom.xml", f"<id>{BASE}index.html</id>", ""),
    "atom.entry.title": edit("atom.xml", '<title type="text">Meetup #8</title>',
                             '<title type="text"></title>'),
    "atom.entry.updated": edit("atom.xml", "  <updated>2024-05-01T12:00:00+09:00</updated>\n"
                               "  </entry>", "  </entry>"),
    "atom.entry.link": edit("atom.xml", f'href="{BASE}index.html"', 'href="index.html"'),
    "atom.entry.unique": lambda site: site.entries.append((BASE + "index.html", "Again")),
    "ics.parse": calendar_lines(lambda lines: lines.__setitem__(0, "BEGIN:VCARD")),
    "ics.lines": lambda site: setattr(site, "calendar_newline", "\n"),
    "ics.version": calendar_lines(lambda lines: lines.__setitem__(1, "VERSION:1.0")),
    "ics.prodid": calendar_lines(_drop_line("PRODID")),
    "ics.event.uid": calendar_lines(_drop_line("UID")),
    "ics.uid.unique": calendar_lines(_second_event),
    "ics.event.dtstamp": calendar_lines(_drop_line("DTSTAMP")),
    "ics.event.dtstart": calendar_lines(_drop_line("DTSTART")),
    "sitemap.format": lambda site: setattr(
        site, "sitemap_extra", f"  <url><loc>{BASE}index.html</loc><priority>2</priority></url>\n"),
    "sitemap.loc": lambda site: site.sitemap.append(("https://elsewhere.example/a.html", "")),
    "sitemap.lastmod": lambda site: site.sitemap.append((BASE + "index.html", "1 May 2024")),
    # sphinx-sitemap's {lang}{version}{link} under a base URL that names the root (issue 26)
    "sitemap.resolve": lambda site: site.sitemap.append((BASE + "ja/index.html", "2024-05-01")),
    "sitemap.noindex": lambda site: site.sitemap.append((BASE + "draft.html", "2024-05-01")),
    "url.resolve": _both(tag(INDEX, "og:image", BASE + "_images/cards/gone.png"),
                         tag(INDEX, "og:image:width", None), tag(INDEX, "og:image:height", None)),
    "archive.schema": lambda site: site.archive.update(version=VERSION + 1),
}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site()


def found(site: Site, root: Path) -> dict[str, set[str]]:
    """Rule id → the pages it was reported on."""
    report = run(site.write(root))
    pages: dict[str, set[str]] = {}
    for finding in report.findings:
        pages.setdefault(finding.rule.id, set()).add(finding.page)
    return pages


def test_the_site_as_written_passes_every_rule(site: Site, tmp_path: Path) -> None:
    report = run(site.write(tmp_path))
    assert report.base_url == BASE
    assert [(f.page, f.rule.id, f.subject, f.problem) for f in report.findings] == []
    # the draft is noindex, old/report.html a redirect, search and genindex Sphinx's own
    assert report.checked == {"pages": 2, "feeds": 1, "calendars": 1, "sitemaps": 1,
                              "exports": 1}
    assert report.exit_code == 0


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_rule_reports_its_break(rule_id: str, site: Site, tmp_path: Path) -> None:
    assert rule_id in BREAKS, f"no test breaks {rule_id}: add one to BREAKS"
    BREAKS[rule_id](site)
    report = run(site.write(tmp_path))
    reported = [f for f in report.findings if f.rule.id == rule_id]
    assert reported, f"{rule_id} not reported; found {[f.rule.id for f in report.findings]}"
    assert report.exit_code == (1 if RULES[rule_id].level is REQUIRED else
                                int(any(f.rule.level is REQUIRED for f in report.findings)))


@pytest.mark.parametrize(("url", "path"), [
    (BASE, "index.html"),
    (BASE + "index.html#event-m8", "index.html"),
    (BASE + "speakers/abby.html?utm=x", "speakers/abby.html"),
    (BASE + "speakers/%E4%BD%90%E3%80%85%E6%9C%A8/", "speakers/佐々木/index.html"),  # dirhtml
    (BASE + "speakers/佐々木", "speakers/佐々木/index.html"),  # a server adds the slash
    (BASE + "speakers/gone.html", None),
    (BASE + "speakers/../index.html", "index.html"),  # as browsers resolve it
    (BASE + "../index.html", "index.html"),  # nothing is above the root
    ("https://elsewhere.example/index.html", None),
    ("http://archive.example.org/index.html", None),
])
def test_urls_map_back_to_built_files(url: str, path: str | None, site: Site,
                                      tmp_path: Path) -> None:
    from sphinx_eventarchive.check.site import Site as Built

    root = site.write(tmp_path)
    (root / "speakers" / "佐々木").mkdir()
    (root / "speakers" / "佐々木" / "index.html").write_text("<html></html>")
    assert Built(root).file_for(url) == path


def test_no_break_for_a_rule_that_is_gone() -> None:
    assert set(BREAKS) <= set(RULES)


def test_every_rule_says_why_and_where_its_reader_says_so() -> None:
    for rule in RULES.values():
        assert rule.why.strip() and "\n" not in rule.why and rule.why.endswith("."), rule.id
        assert rule.reader.url.startswith("https://"), rule.id


# -- the command ----------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run_cli(*argv: str | Path) -> Run:
        code = main(["check", *(str(arg) for arg in argv)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)
    return run_cli


def test_exit_0_with_only_recommended_missing_1_with_required(
        site: Site, tmp_path: Path, cli: Callable[..., Run]) -> None:
    assert cli(site.write(tmp_path / "good")).code == 0
    BREAKS["event.offers"](site)
    recommended = cli(site.write(tmp_path / "recommended"))
    assert recommended.code == 0 and "event.offers (recommended)" in recommended.out
    BREAKS["event.location"](site)
    required = cli(site.write(tmp_path / "required"))
    assert required.code == 1 and "event.location (required)" in required.out


def test_text_groups_findings_by_page_required_first(site: Site, tmp_path: Path,
                                                     cli: Callable[..., Run]) -> None:
    for rule_id in ("event.offers", "event.location", "og.description", "twitter.card",
                    "twitter.card.large", "atom.feed.title"):
        BREAKS[rule_id](site)
    out = cli(site.write(tmp_path)).out
    blocks = {block.split("\n", 1)[0]: block for block in out.split("\n\n")}
    shown = [line.split()[1] for line in blocks["index.html"].splitlines()
             if line.startswith("  ✗") or line.startswith("  ·")]
    # required first, then the table's order (og.description comes before twitter.card there)
    # event.location twice: the Place has no address, and the hybrid event no VirtualLocation
    assert shown == ["event.location", "event.location", "twitter.card", "event.offers",
                     "og.description"]
    assert "✗ event.location (required): Event “Meetup #8”; Place 'Osaka' has no address" \
        in blocks["index.html"]
    assert RULES["event.location"].why in blocks["index.html"]
    assert "twitter.card.large" in blocks["speakers/abby.html"]
    assert "atom.feed.title" in blocks["atom.xml"]
    assert out.rstrip().splitlines()[-1].startswith(
        "checked 2 pages, 1 feed, 1 calendar, 1 sitemap, 1 export: 5 required, 2 recommended")


def test_json_for_ci(site: Site, tmp_path: Path, cli: Callable[..., Run]) -> None:
    BREAKS["event.offers"](site)
    BREAKS["sitemap.resolve"](site)
    result = cli(site.write(tmp_path), "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["version"] == 1 and data["base_url"] == BASE
    assert data["summary"] == {"required": 1, "recommended": 1, "pages": 2,
                               "rules": {"event.offers": 1, "sitemap.resolve": 1}}
    pages = {page["page"]: page for page in data["pages"]}
    assert pages["index.html"]["url"] == BASE + "index.html"
    rule = RULES["sitemap.resolve"]
    assert pages["sitemap.xml"]["findings"] == [{
        "rule": "sitemap.resolve", "level": "required", "reader": rule.reader.name,
        "subject": f"URL {BASE}ja/index.html", "problem": f"{BASE}ja/index.html is no built file",
        "why": rule.why, "see": rule.reader.url}]
    only = json.loads(cli(tmp_path, "--json", "--required-only").out)
    assert [page["page"] for page in only["pages"]] == ["sitemap.xml"]


def test_rules_listed_without_a_build(cli: Callable[..., Run]) -> None:
    listed = json.loads(cli("--rules", "--json").out)
    assert [row["rule"] for row in listed] == list(RULES)
    assert all(row["level"] in ("required", "recommended") for row in listed)
    assert set(cli("--rules").out.split()) >= set(RULES)


def test_base_url_given_when_no_page_says_it(site: Site, tmp_path: Path,
                                             cli: Callable[..., Run]) -> None:
    for head in (site.index, site.speaker):
        head.canonical.clear()
        head.set("og:url", None)
    BREAKS["sitemap.resolve"](site)
    root = site.write(tmp_path)
    unknown = json.loads(cli(root, "--json").out)
    assert unknown["base_url"] is None
    assert "sitemap.resolve" not in unknown["summary"]["rules"]  # nothing to map URLs with
    given = json.loads(cli(root, "--json", "--base-url", BASE.rstrip("/")).out)
    assert given["base_url"] == BASE
    assert given["summary"]["rules"]["sitemap.resolve"] == 1


def test_exit_2_without_build_dir(cli: Callable[..., Run]) -> None:
    result = cli()
    assert result.code == 2 and "check needs BUILD_DIR" in result.err


@pytest.mark.parametrize("what", ["missing", "file", "empty", "parent"])
def test_exit_2_for_a_folder_that_is_not_a_built_site(
        what: str, site: Site, tmp_path: Path, cli: Callable[..., Run]) -> None:
    target = tmp_path / "build"
    if what == "file":
        target.write_text("x")
    elif what == "empty":
        target.mkdir()
    elif what == "parent":
        site.write(target / "html")
    result = cli(target)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("sphinx-eventarchive: error: ")
    if what == "parent":
        assert f"did you mean {target / 'html'}?" in result.err


def test_exit_2_without_the_extra(site: Site, tmp_path: Path, cli: Callable[..., Run],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("extruct", "feedparser"):
        monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError
    result = cli(site.write(tmp_path))
    assert result.code == 2
    assert "pip install 'sphinx-eventarchive[check]'" in result.err
    assert "extruct, feedparser" in result.err


def test_the_extension_imports_nothing_of_check(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_eventarchive"]\nhtml_baseurl = "https://a.example/"\n')
    (tmp_path / "src" / "index.md").write_text(
        "# Home\n\n```{event} Meetup\n:date: 2024-04-19\n```\n")
    code = (
        "import sys\nfrom sphinx.cmd.build import build_main\n"
        f"assert build_main(['-q', '-b', 'html', {str(tmp_path / 'src')!r}, "
        f"{str(tmp_path / 'out')!r}]) == 0\n"
        "import sphinx_eventarchive.cli\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('sphinx_eventarchive.check')"
        " or m.split('.')[0] in ('extruct', 'feedparser', 'jsonschema'))\n"
        "assert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stderr


# -- real builds ----------------------------------------------------------------------------


REPORT = """\
---
date: 2024-05-01T12:00:00+09:00
tags: [SRE]
---
# Meetup 8

```{event} Meetup 8
:id: m8
:date: 2024-04-19T19:00+09:00
:venue: Hall
:location: Grand Front Osaka
:format: in-person
```

```{session} Measure the platform
:speakers: Abby Bangser (Syntasso)
:tags: SRE
```
"""
#: An event whose source gives no place: the build has none to publish, check says so.
NOWHERE = "# Meetup 9\n\n```{event} Meetup 9\n:id: m9\n:date: 2024-06-01\n```\n"
#: What the build got right before issue 26 and must keep: check reports none of it.
KEPT = ("jsonld.parse", "og.duplicate", "og.image.dimensions", "page.canonical",
        "url.resolve", "sitemap.format", "sitemap.loc", "sitemap.lastmod", "sitemap.resolve",
        "archive.schema", *(rule for rule in RULES if rule.startswith(("atom.", "ics."))))


def sitemap_conf(scheme: str = "{link}", language: str = "en") -> str:
    return (f'extensions = ["myst_parser", "sphinx_eventarchive", "sphinx_sitemap"]\n'
            f'project = "Check"\nhtml_baseurl = "{BASE}"\nlanguage = "{language}"\n'
            f'sitemap_url_scheme = "{scheme}"\n')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("sphinx_sitemap")
    src = tmp_path_factory.mktemp("check") / "src"
    src.mkdir()
    index = "# Home\n\n```{toctree}\nm8\nm9\n```\n"
    for name, text in {"conf.py": sitemap_conf(), "index.md": index, "m8.md": REPORT,
                       "m9.md": NOWHERE}.items():
        (src / name).write_text(text, encoding="utf-8")
    return {builder: Path(build_app(builder, src, builddir=src.parent / builder).outdir)
            for builder in ("html", "dirhtml")}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_real_build_maps_back_to_its_files(built: dict[str, Path], builder: str) -> None:
    report = run(built[builder])
    assert report.base_url == BASE
    pages = {f.page for f in report.findings if f.rule.id == "event.location"}
    assert pages == {"m9.html" if builder == "html" else "m9/index.html"}
    generated = "speakers/abby-bangser" + (".html" if builder == "html" else "/index.html")
    assert report.urls[generated] == BASE + generated.removesuffix("index.html")
    assert report.checked["sitemaps"] == 1 and report.checked["feeds"] >= 3
    kept = [(f.page, f.rule.id, f.problem) for f in report.findings if f.rule.id in KEPT]
    assert kept == []


def test_a_real_sitemap_under_a_scheme_that_is_not_the_built_paths(
        tmp_path: Path, built: dict[str, Path]) -> None:
    src = tmp_path / "src"
    shutil.copytree(built["html"].parents[1] / "src", src)
    (src / "conf.py").write_text(sitemap_conf("{lang}{link}", "ja"), encoding="utf-8")
    out = Path(build_app("html", src, builddir=tmp_path / "build").outdir)
    report = run(out)
    missing = [f for f in report.findings if f.rule.id == "sitemap.resolve"]
    assert missing and all(f.page == "sitemap.xml" and "/ja/" in f.problem for f in missing)
    assert report.exit_code == 1


def test_a_copy_of_the_site_is_not_changed_by_check(site: Site, tmp_path: Path) -> None:
    root = site.write(tmp_path / "a")
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    run(root)
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before
