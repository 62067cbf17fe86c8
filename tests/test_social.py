"""Social metadata as link previews and search engines read it (SPEC §6).

Pages are read the way consumers read them: the <head> through an HTML parser,
JSON-LD cut out of the raw HTML the way a browser ends a <script> element (at
the first ``</script``), Open Graph through extruct.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import struct
import zlib
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_eventarchive.core.text import twitter_handle
from sphinx_eventarchive.social import cardimages, jsonld, metatags
from sphinx_eventarchive.social import page as social
from sphinx_eventarchive.write import images

BASE = "https://archive.example.org/"
#: A page is an archive page when it holds an archive directive (SPEC §1): front matter
#: alone makes none.
LISTING = "\n```{reportlist}\n```\n"
HOSTILE = "</script><script>alert`1`</script>\"><img src=x onerror=alert`2`> 'q' & &copy x"
HOSTILE_URL = "=\"><script>alert`1`</script>&b='q'"
SINGLE = ("og:title", "og:type", "og:url", "og:description", "og:site_name", "og:locale",
          "og:image", "og:image:alt", "twitter:card", "description")
AT_MOST_ONE = ("twitter:site", "og:image:width", "og:image:height", "og:image:type", "robots",
               "article:published_time")
CJK = "[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]"

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Test archive"
eventarchive_json = False
eventarchive_ics = False
eventarchive_feed = False
"""


# -- reading pages ---------------------------------------------------------------------------


def read(app: SphinxTestApp, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def head_meta(page_html: str) -> list[tuple[str, str]]:
    """(property or name, content) of every <meta> in <head>, in order."""
    head = BeautifulSoup(page_html, "html.parser").head
    return [(str(m.get("property") or m.get("name")), str(m.get("content")))
            for m in head.find_all("meta") if m.get("property") or m.get("name")]


def values(page_html: str, key: str) -> list[str]:
    return [content for name, content in head_meta(page_html) if name == key]


def one(page_html: str, key: str) -> str:
    found = values(page_html, key)
    assert len(found) == 1, (key, found)
    return found[0]


def canonical(page_html: str) -> list[str]:
    soup = BeautifulSoup(page_html, "html.parser")
    return [str(link["href"]) for link in soup.find_all("link", rel="canonical")]


def ld_json(page_html: str) -> list[dict]:
    """Each ld+json element as a browser delimits it, parsed."""
    chunks = re.findall(r'<script type="application/ld\+json">(.*?)</script', page_html,
                        flags=re.DOTALL | re.IGNORECASE)
    return [json.loads(chunk) for chunk in chunks]


def assert_single_valued(page_html: str, *, skip: tuple[str, ...] = ()) -> None:
    names = [name for name, _content in head_meta(page_html)]
    for key in SINGLE:
        if key not in skip:
            assert names.count(key) == 1, (key, names)
    for key in AT_MOST_ONE:
        assert names.count(key) <= 1, (key, names)
    assert len(canonical(page_html)) <= 1


def png(path: Path, width: int, height: int) -> None:
    raw = b"".join(b"\x00" + b"\x10\x20\x30" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# -- one build of the social root, read by many tests ------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    srcdir = tmp_path_factory.mktemp("social") / "src"
    shutil.copytree(ROOTS / "test-social-basic", srcdir)
    return build_app("html", srcdir, builddir=srcdir / "_build")


def test_root_builds_without_warnings(site):
    assert warnings_of(site) == []


def test_report_has_one_of_each_and_article_tags(site):
    page = read(site, "report")
    assert_single_valued(page)
    assert one(page, "og:type") == "article"
    assert one(page, "og:title") == "Platform Engineering Meetup#8 大阪会レポート"
    assert one(page, "og:description") == one(page, "description") \
        == "4/19(金)にPlatform Engineering Meetup #8 を開催しました。"
    assert one(page, "og:locale") == "ja_JP"
    assert one(page, "og:site_name") == "Social archive"
    assert one(page, "twitter:site") == "@pfem_jp"
    assert dt.datetime.fromisoformat(one(page, "article:published_time")) == dt.datetime(
        2024, 5, 14, 10, tzinfo=dt.timezone.utc)
    assert values(page, "article:author") == ["ふるや", "よしかわ"]
    # The report's tags, then its event's.
    assert values(page, "article:tag") == ["PFEM", "Platform Engineering"]
    # The front matter's canonical: one link, and og:url agrees with it.
    assert canonical(page) == ["https://www.cnia.io/pek2024/blog/pfem8-report/"]
    assert one(page, "og:url") == "https://www.cnia.io/pek2024/blog/pfem8-report/"


def test_event_image_is_copied_and_measured(site):
    page = read(site, "report")
    url = one(page, "og:image")
    assert url.startswith(BASE + images.IMAGE_DIR + "/") and url.endswith(".png")
    copied = Path(site.outdir) / url[len(BASE):]
    assert copied.read_bytes() == (ROOTS / "test-social-basic/images/pfem8.png").read_bytes()
    assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("1200", "630")
    assert one(page, "og:image:alt") == "Platform Engineering Meetup #8"
    assert one(page, "twitter:card") == "summary_large_image"


def test_front_matter_image_from_the_source_root(site):
    page = read(site, "online")
    url = one(page, "og:image")
    copied = Path(site.outdir) / url[len(BASE):]
    assert copied.read_bytes() == (ROOTS / "test-social-basic/images/ogp.png").read_bytes()
    assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("800", "418")
    # No front matter description: the event's, its two lines joined without a space.
    assert one(page, "og:description") == "オンラインのみのスピンオフ回。"


def test_plain_page(site):
    # No event, session, listing or report front matter: sphinxext-opengraph's page (SPEC §6).
    page = read(site, "index")
    assert values(page, "og:locale") == [] and values(page, "twitter:card") == []
    assert one(page, "og:type") == "website"
    assert one(page, "og:description") == one(page, "description")
    assert values(page, "og:image") == [] and values(page, "article:author") == []
    assert canonical(page) == [BASE + "index.html"]
    assert ld_json(page) == []


def test_plain_pages_have_what_opengraph_alone_writes(project):
    plain = "# Home\n\nLorem ipsum dolor sit amet.\n\n## Later\n\n- one\n- two\n"
    by_hand = "---\nhtml_meta:\n  description: Set by hand\n---\n# Hand\n\nText.\n"
    field = "---\nog:title: Overridden Title\nog:image: https://x.example.org/i.png\n---\n\n"
    heads = {}
    for flavour in ("alone", "with us"):
        ours = ', "sphinx_eventarchive"' if flavour == "with us" else ""
        conf = (f'extensions = ["myst_parser", "sphinxext.opengraph"{ours}]\nproject = "P"\n'
                f'ogp_site_url = "{BASE}"\nogp_description_length = 20\n'
                'eventarchive_feed = False\n')
        files = {"index.md": plain, "other.md": field + "# Other\n\nText here.\n",
                 "hand.md": by_hand}
        if ours:
            files["report.md"] = ("---\norphan: true\n---\n# R\n\n"
                                  "```{event} E\n:date: 2024-04-19\n```\n")
        app = project(files, conf=conf, name=flavour.replace(" ", "-")).build()
        heads[flavour] = {name: head_meta(read(app, name)) for name in ("index", "other", "hand")}
    assert heads["with us"] == heads["alone"]
    assert ("description", "Set by hand") in heads["alone"]["hand"]


def test_page_fields_win_on_archive_pages(project):
    conf = CONF + f'html_baseurl = "{BASE}"\nogp_description_length = 30\n'
    app = project({"index.md": (
        "---\nog:title: Overridden Title\nog:image:alt: Its own alt\n"
        "og:image: https://cdn.example.org/i.png\nhtml_meta:\n  description: Set by hand\n"
        "---\n\n# Meetup report\n\n"
        "```{event} Meetup\n:date: 2024-04-19\n\n"
        "An event description that is long enough.\n```\n")},
        conf=conf).build()
    page = read(app, "index")
    assert_single_valued(page)
    assert one(page, "og:type") == "article"
    assert one(page, "og:title") == "Overridden Title"
    assert one(page, "og:image") == "https://cdn.example.org/i.png"
    assert one(page, "og:image:alt") == "Its own alt"
    assert one(page, "og:description") == "An event description that i..."
    assert one(page, "description") == "Set by hand"  # set by hand, kept


def test_generated_speaker_page(site):
    page = read(site, "speakers/test")
    assert_single_valued(page, skip=("og:image", "og:image:alt"))
    assert one(page, "og:type") == "profile"
    assert one(page, "og:title") == "T"
    assert one(page, "og:description") == one(page, "description") == "Talks by T."
    assert one(page, "og:url") == BASE + "speakers/test.html"
    assert one(page, "og:locale") == "ja_JP"
    [profile] = ld_json(page)
    assert profile["@type"] == "ProfilePage"
    assert profile["mainEntity"] == {"@type": "Person", "name": "T",
                                     "url": BASE + "speakers/test.html"}


def test_real_speaker_page(site):
    page = read(site, "speakers/abby-bangser")
    assert_single_valued(page, skip=("og:image", "og:image:alt"))
    assert one(page, "og:type") == "profile"
    assert one(page, "og:url") == BASE + "speakers/abby-bangser.html"
    [profile] = ld_json(page)
    assert profile["mainEntity"]["name"] == "Abby Bangser"
    assert profile["mainEntity"]["affiliation"] == [{"@type": "Organization", "name": "Syntasso"}]


def test_drafts_carry_noindex(site):
    assert one(read(site, "draft"), "robots") == "noindex"
    assert one(read(site, "draft"), "og:type") == "article"
    for page in ("report", "index", "speakers/test"):
        assert values(read(site, page), "robots") == []


def test_event_json_ld(site):
    [event] = ld_json(read(site, "report"))
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["name"] == "Platform Engineering Meetup #8"
    assert event["url"] == BASE + "report.html#event-pfem8"
    assert (event["startDate"], event["endDate"]) == ("2024-04-19T19:00+09:00",
                                                      "2024-04-19T21:30+09:00")
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    place, virtual = event["location"]
    assert place == {"@type": "Place", "name": "gusuku Ashibinaa OSAKA",
                     "address": "Grand Front Osaka, Osaka"}
    assert virtual == {"@type": "VirtualLocation",
                       "url": "https://platformengineering.connpass.com/event/000000/"}
    assert event["image"] == [one(read(site, "report"), "og:image")]
    assert event["description"] == "大阪での初めての開催。"
    assert event["superEvent"] == {"@type": "EventSeries", "name": "Platform Engineering Meetup"}
    talk, panel = event["subEvent"]
    assert talk["name"].startswith("ChatworkのSRE部")
    assert talk["url"].startswith(BASE + "report.html#session-pfem8")
    assert talk["performer"][0]["name"] == "坂本"
    assert talk["performer"][0]["affiliation"] == {"@type": "Organization", "name": "Chatwork"}
    assert talk["workFeatured"] == {
        "@type": "PresentationDigitalDocument", "name": talk["name"],
        "url": "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6"}
    assert talk["recordedIn"]["@type"] == "VideoObject"
    # The whole recording is the video; the talk, from 60 s on, is a Clip of it.
    video = talk["recordedIn"]
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/koMsUFOar88"
    assert video["thumbnailUrl"] == "https://i.ytimg.com/vi/koMsUFOar88/hqdefault.jpg"
    assert video["hasPart"] == [{"@type": "Clip", "name": talk["name"], "startOffset": 60,
                                 "url": "https://www.youtube.com/watch?v=koMsUFOar88&t=60s"}]
    assert (panel["startDate"], panel["endDate"]) == ("2024-04-19T20:00+09:00",
                                                      "2024-04-19T20:30+09:00")
    assert [(p["name"], p.get("affiliation")) for p in panel["performer"]] == [
        ("Abby Bangser", {"@type": "Organization", "name": "Syntasso"}), ("Whitney Lee", None)]


def test_online_event_json_ld(site):
    [event] = ld_json(read(site, "online"))
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation",
                                 "url": "https://platformengineering.connpass.com/event/311665/"}
    assert event["recordedIn"]["url"] == "https://www.youtube.com/watch?v=koMsUFOar88"


def test_consumers_read_the_same(site):
    page = read(site, "report")
    data = extruct.extract(page, base_url=BASE + "report.html",
                           syntaxes=["json-ld", "opengraph"], uniform=True)
    [graph] = data["opengraph"]
    assert graph["og:title"] == "Platform Engineering Meetup#8 大阪会レポート"
    assert graph["@type"] == "article"  # extruct's uniform form of og:type
    assert [item["@type"] for item in data["json-ld"]] == ["Event"]


def test_hostile_text_stays_text(site):
    page = read(site, "hostile")
    assert_single_valued(page)
    for key in ("og:title", "og:description", "og:image:alt", "description",
                "article:author", "article:tag"):
        assert one(page, key) == HOSTILE, key
    assert one(page, "og:url") == "https://example.org/x?a" + HOSTILE_URL
    assert one(page, "og:image") == "https://cdn.example.org/i.png?a" + HOSTILE_URL
    assert canonical(page) == ["https://example.org/x?a" + HOSTILE_URL]
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all(attrs={"onerror": True}) == []
    assert [s for s in soup.find_all("script") if "alert" in s.get_text()
            and s.get("type") != "application/ld+json"] == []

    [event] = ld_json(page)
    assert "<" not in re.search(r'ld\+json">(.*?)</script', page, re.DOTALL)[1]
    assert event["name"] == event["superEvent"]["name"] == HOSTILE
    assert event["location"][0] == {"@type": "Place", "name": HOSTILE, "address": HOSTILE}
    assert event["keywords"] == [HOSTILE]
    assert event["sameAs"] == "https://example.org/e?a" + HOSTILE_URL
    [session] = event["subEvent"]
    assert session["name"] == HOSTILE
    assert session["performer"][0]["name"] == HOSTILE
    assert session["performer"][0]["affiliation"]["name"] == HOSTILE
    assert session["workFeatured"]["url"] == "https://example.org/s?a" + HOSTILE_URL


def test_hostile_generated_page(site):
    page = read(site, "tags/hostile")
    assert_single_valued(page, skip=("og:image", "og:image:alt"))
    assert one(page, "og:type") == "website"
    assert one(page, "og:title") == one(page, "og:description") == HOSTILE
    assert BeautifulSoup(page, "html.parser").find_all(attrs={"onerror": True}) == []


def test_no_space_between_cjk_characters(site):
    # index is a plain page: its description is sphinxext-opengraph's, spaces and all.
    for name in ("report", "online", "draft"):
        for key in ("og:description", "description", "og:title"):
            for value in values(read(site, name), key):
                assert not re.search(f"{CJK} {CJK}", value), (name, key, value)


# -- the shared examples, verbatim -----------------------------------------------------------


def test_shared_examples(project, shared):
    examples = shared / "examples"
    files = {name: (examples / name).read_text(encoding="utf-8") + LISTING
             for name in ("pfem8-osaka-report.md", "pfem-online1-report.md")}
    index = "# Reports\n\n```{toctree}\npfem8-osaka-report\npfem-online1-report\n```\n"
    conf = CONF + 'html_baseurl = "https://archive.example.org/"\nlanguage = "ja"\n'
    app = project({"index.md": index, **files}, conf=conf).build()
    expected = {
        "pfem8-osaka-report": ("Platform Engineering Meetup#8 大阪会レポート",
                               "4/19(金)にPlatform Engineering Meetup #8 を開催しました。",
                               "ふるや", 14, "pfem8-report"),
        "pfem-online1-report": ("Platform Engineering Meetup Online#1 開催レポート",
                                "2024/03/22(金)に開催した Platform Engineering Meetup Online#1 "
                                "のレポートです。", "よしかわ", 15, "pfemonline1-report"),
    }
    for name, (title, description, author, day, slug) in expected.items():
        page = read(app, name)
        assert_single_valued(page)
        graph = {}
        for key, value in extruct.extract(page, syntaxes=["opengraph"])["opengraph"][0][
                "properties"]:
            graph.setdefault(key, []).append(value)
        assert graph["og:title"] == [title]
        assert graph["og:description"] == [description] == values(page, "description")
        assert graph["og:type"] == ["article"]
        assert graph["article:author"] == [author]
        assert graph["article:tag"] == ["PFEM"]
        assert [dt.datetime.fromisoformat(v) for v in graph["article:published_time"]] == [
            dt.datetime(2024, 5, day, 10, tzinfo=dt.timezone.utc)]
        url = f"https://www.cnia.io/pek2024/blog/{slug}/"
        assert canonical(page) == [url] and graph["og:url"] == [url]
        # Not in the source tree, nor published by html_extra_path: an address that would
        # not resolve is not shared; the card drawn for the page is, with the cards extra.
        assert f"pek2024/blog/{slug}/ogp.png" not in page
        shared = graph.get("og:image", [])
        if cardimages.available() and cardimages.font_path(app.config, app.srcdir):
            assert len(shared) == 1
            assert shared[0].startswith(f"{BASE}_images/eventarchive/cards/{name}/")
        else:
            assert shared == []
        assert not re.search(f"{CJK} {CJK}", description)
    warnings = sorted(archive_warnings(app))
    assert [w.split("WARNING: ")[0].rsplit("/", 1)[-1] for w in warnings] == [
        "pfem-online1-report.md:9: ", "pfem8-osaka-report.md:9: "]
    assert all(w.endswith("[eventarchive.image]") for w in warnings)


# -- sphinxext-opengraph's settings -----------------------------------------------------------


def test_ogp_settings_still_work(project):
    conf = CONF + f"""
html_baseurl = "https://archive.example.org/"
html_static_path = ["_static"]
ogp_site_name = {HOSTILE!r}
ogp_image = "_static/card.png"
ogp_description_length = 20
ogp_custom_meta_tags = ['<meta name="twitter:site" content="@custom" />',
                        '<meta property="fb:app_id" content="123" />']
eventarchive_twitter_site = "@ours"
# ogp_image is the site's default picture: where a card is drawn, the card wins.
eventarchive_card_images = False
"""
    proj = project({
        "index.md": "---\ntags: [home]\n---\n# Home\n\nA long opening paragraph that goes on "
                    "well past twenty characters.\n\n```{toctree}\nfield\n```\n" + LISTING,
        "field.md": "---\nog:image: https://cdn.example.org/field.png\n---\n\n# Field\n\nText.\n",
    }, conf=conf)
    png(proj.srcdir / "_static" / "card.png", 600, 315)
    app = proj.build()
    for name in ("index",):
        page = read(app, name)
        assert_single_valued(page)
        assert one(page, "og:site_name") == HOSTILE
        assert one(page, "og:image") == BASE + "_static/card.png"
        assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("600", "315")
        assert one(page, "og:image:alt") == HOSTILE  # sphinxext-opengraph's default: the site
        assert one(page, "twitter:site") == "@custom"
        assert one(page, "fb:app_id") == "123"
    description = one(read(app, "index"), "og:description")
    assert len(description) == 20 and description.startswith("A long")
    # Sphinx's own index page has no doctree: sphinxext-opengraph writes nothing there, nor do we.
    assert [key for key, _value in head_meta(read(app, "genindex"))
            if key.startswith(("og:", "twitter:"))] == []
    # A page's own og:image field wins over ogp_image, and env.metadata keeps it.
    assert one(read(app, "field"), "og:image") == "https://cdn.example.org/field.png"
    assert app.env.metadata["field"]["og:image"] == "https://cdn.example.org/field.png"


def test_ogp_use_first_image(project):
    conf = CONF + 'html_baseurl = "https://archive.example.org/"\nogp_use_first_image = True\n'
    proj = project({"index.md": "---\ntags: [home]\n---\n# Home\n\n![A picture](img/pic.png)"
                                "\n\nText.\n" + LISTING}, conf=conf)
    png(proj.srcdir / "img" / "pic.png", 300, 200)
    page = read(proj.build(), "index")
    assert one(page, "og:image") == BASE + "_images/pic.png"
    assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("300", "200")
    assert one(page, "og:image:alt") == "A picture"


def test_read_the_docs_url(project, monkeypatch):
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://p.readthedocs.io/ja/latest/")
    app = project({"index.md": "---\ntags: [home]\n---\n# Home\n\nHello.\n" + LISTING},
                  conf=CONF).build()
    page = read(app, "index")
    assert one(page, "og:url") == "https://p.readthedocs.io/ja/latest/index.html"
    assert canonical(page) == ["https://p.readthedocs.io/ja/latest/index.html"]
    assert not [w for w in warnings_of(app) if "eventarchive.baseurl" in w]


def test_no_base_url_warns_once(project, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    app = project({
        "index.md": "# Home\n\nHello.\n\n```{toctree}\nother\n```\n",
        "other.md": "---\ntags: [other]\n---\n# Other\n\nThere.\n" + LISTING,
    }, conf=CONF).build()
    assert len([w for w in warnings_of(app) if "[eventarchive.baseurl]" in w]) == 1
    page = read(app, "other")
    assert_single_valued(page, skip=("og:image", "og:image:alt"))
    assert one(page, "og:url") == "other.html"
    assert canonical(page) == []


# -- the pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", "ja_JP"), ("en", "en_US"), (None, "en_US"), ("fr", "fr_FR"), ("pt", "pt_BR"),
    ("zh_TW", "zh_TW"), ("zh-Hant", "zh_TW"), ("de_AT", "de_AT"), ("qq", "qq_QQ"),
])
def test_og_locale(language, expected):
    assert social.og_locale(language) == expected


def test_json_ld_cannot_end_the_script():
    data = {"name": HOSTILE, "other": "\u2028<!--"}
    text = jsonld.script(data)
    body = text[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == data


@pytest.mark.parametrize(("value", "expected"), [
    ("@pfem", "@pfem"), ("pfem", "@pfem"), ("https://x.com/pfem", "@pfem"), ("", ""),
])
def test_twitter_handle(value, expected):
    assert twitter_handle(value) == expected


def test_meta_tags_are_read_as_html():
    text = ('<meta property="og:title" content="a > b" />\n<script>"<meta name=x>"</script>'
            '<meta name="Description" content="d">')
    assert metatags.meta_keys(text) == {"og:title", "description"}


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("short", 10, "short"),
    ("exactly ten", 11, "exactly ten"),
    ("a description that is too long", 20, "a description tha..."),
    ("このアーカイブは\n勉強会の記録です。", 12, "このアーカイブは勉..."),
])
def test_descriptions_are_cut_as_opengraph_cuts(text, limit, expected):
    cut = social.cut(text, limit)
    assert cut == expected and len(cut) <= limit
