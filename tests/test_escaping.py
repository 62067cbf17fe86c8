"""What users write never reaches the HTML unescaped (SPEC §9).

``roots/test-core-hostile`` puts one hostile payload into every field a user
fills in — names, titles, speakers, affiliations, venue, location, series,
tags, hashtag, session details, deck titles and the front matter (MyST YAML and
rST field list) — and every page the build writes is parsed and searched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_app, warnings_of
from sphinx.testing.util import SphinxTestApp

PAYLOAD = "<script>alert</script>\"><img src=x onerror=alert>'&</script>"
RAW_MARKERS = ("<script>alert", "<img src=x", '"><img', "onerror=alert>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> SphinxTestApp:
    return build_app("html", ROOTS / "test-core-hostile",
                     builddir=tmp_path_factory.mktemp("hostile"), freshenv=True)


def pages(app: SphinxTestApp) -> dict[str, str]:
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in out.rglob("*.html")}


def text(element) -> str:
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).rstrip("¶").strip()


def without_json_ld(raw: str) -> str:
    # JSON-LD may hold the payload as data (escaped so it cannot end the element);
    # if it could end the element, what follows the first </script> is left behind.
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", raw, flags=re.DOTALL)


def test_hostile_root_builds_without_warnings(hostile):
    assert warnings_of(hostile) == []


def test_every_field_of_the_hostile_root_was_read(hostile):
    # Guard against a vacuous pass: the payload really is in the records.
    domain = hostile.env.domains["eventarchive"]
    event = domain.events["hostile-md"]["hostile-md"]
    assert event.name == f"Event {PAYLOAD}"
    assert (event.series, event.venue, event.location) == (
        f"Series {PAYLOAD}", f"Venue {PAYLOAD}", f"Location {PAYLOAD}")
    assert event.tags == (f"Event tag {PAYLOAD}", "Plain")
    assert event.hashtag == f"H{PAYLOAD}"
    (session,) = [record for by_doc in domain.sessions.values() for record in by_doc.values()
                  if record.docname == "hostile-md"]
    assert session.title == f"Session {PAYLOAD}"
    assert [(s.name, s.affiliation, s.profile) for s in session.speakers] == [
        (f"Speaker {PAYLOAD}", f"Affiliation {PAYLOAD}", ""), ("Plain Speaker", "", "")]
    report = domain.reports["hostile-md"]
    assert (report.title, report.description, report.authors, report.tags) == (
        f"Title {PAYLOAD}", f"Description {PAYLOAD}", (f"Author {PAYLOAD}",),
        (f"Report tag {PAYLOAD}",))
    rst = domain.reports["hostile-rst"]
    assert rst.title == f"RST title {PAYLOAD}"
    assert rst.authors == (f"RST author {PAYLOAD}",)


def test_no_script_or_handler_from_user_text_in_any_page(hostile):
    found = pages(hostile)
    assert len(found) >= 8  # reports, index, generated pages
    for name, raw in found.items():
        soup = BeautifulSoup(raw, "html.parser")
        for element in soup.find_all(True):
            handlers = [attr for attr in element.attrs if attr.lower().startswith("on")]
            assert not handlers, (name, str(element)[:200])
        assert not [img for img in soup.find_all("img") if img.get("src") == "x"], name
        for script in soup.find_all("script"):
            if script.get("src"):
                continue
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # whole, not cut short by a </script> in a value
                continue
            assert "alert" not in script.get_text(), (name, str(script)[:200])
        visible = without_json_ld(raw)
        for marker in RAW_MARKERS:
            assert marker not in visible, (name, marker)


def test_no_payload_inside_a_tag_in_any_page(hostile):
    for name, raw in pages(hostile).items():
        # Every start tag as written, its quoted values taken out: what is left are
        # attribute names, and a payload that broke out of a value would be among them.
        for tag in re.findall(r"<[a-zA-Z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", without_json_ld(raw)):
            bare = re.sub(r"\"[^\"]*\"|'[^']*'", '""', tag)
            assert "<" not in bare[1:], (name, tag)
            assert "onerror" not in bare and "alert" not in bare, (name, tag)


def test_json_ld_keeps_the_text_and_cannot_end_its_element(hostile):
    for name, raw in pages(hostile).items():
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw,
                                flags=re.DOTALL):
            assert "</" not in block.replace("<\\/", ""), name
            assert "<script" not in block.lower(), name
            json.loads(block)


def test_text_is_shown_escaped_once(hostile):
    soup = BeautifulSoup(pages(hostile)["hostile-md.html"], "html.parser")
    anchor = hostile.env.domains["eventarchive"].events["hostile-md"]["hostile-md"].anchor
    card = soup.find(id=anchor).select_one(".eventarchive-card")
    assert text(card.select_one(".eventarchive-card-title")) == f"Event {PAYLOAD}"
    values = {text(dt).rstrip(":").strip(): dd for dt, dd in zip(
        card.select("dl > dt"), card.select("dl > dd"), strict=True)}
    place = [text(dd) for dd in values.values() if f"Venue {PAYLOAD}" in text(dd)]
    assert place == [f"Venue {PAYLOAD} (Location {PAYLOAD})"]
    tag_names = [text(a) for a in card.select("a") if "eventarchive-tag" in str(a)]
    assert tag_names == [f"Event tag {PAYLOAD}", "Plain"]
    assert f"#H{PAYLOAD}" in [text(a) for a in card.select("a")]
    heading = soup.select_one(".eventarchive-session-title")
    assert text(heading) == f"Session {PAYLOAD}"
    speakers = soup.select_one(".eventarchive-speakers")
    assert text(speakers) == f"Speaker {PAYLOAD} (Affiliation {PAYLOAD}), Plain Speaker"
    meta = text(soup.select_one(".eventarchive-session-meta"))
    for value in (f"Track {PAYLOAD}", f"Room {PAYLOAD}", f"Language {PAYLOAD}",
                  f"Session tag {PAYLOAD}"):
        assert value in meta
    frames = soup.select("iframe")
    assert f"Deck {PAYLOAD}" in [f["title"] for f in frames]


def test_rst_description_and_notes_are_escaped(hostile):
    soup = BeautifulSoup(pages(hostile)["hostile-rst.html"], "html.parser")
    assert text(soup.select_one(".eventarchive-description")) == f"Description {PAYLOAD}"
    assert text(soup.select_one(".eventarchive-notes")) == f"Notes {PAYLOAD}"


def test_hashtag_link_stays_on_the_hashtag_site(hostile):
    soup = BeautifulSoup(pages(hostile)["hostile-md.html"], "html.parser")
    (link,) = [a for a in soup.select(".eventarchive-card a") if text(a).startswith("#H")]
    assert link["href"].startswith("https://x.com/hashtag/")
    assert urlsplit(link["href"]).netloc == "x.com"


def test_meta_tags_hold_the_text_as_text(hostile):
    for name, raw in pages(hostile).items():
        for tag in re.findall(r"<meta [^>]*>", raw):
            assert "<script" not in tag[1:] and "<img" not in tag, (name, tag)
        soup = BeautifulSoup(raw, "html.parser")
        assert len(soup.find_all("title")) == 1, name


def test_exports_stay_well_formed(hostile):
    out = Path(hostile.outdir)
    feed = out / "atom.xml"
    if feed.exists():
        root = ElementTree.fromstring(feed.read_bytes())
        assert "<script" not in "".join(root.itertext()).replace(PAYLOAD, "")
    data = out / "archive.json"
    if data.exists():
        json.loads(data.read_text(encoding="utf-8"))
