"""URL handling for slides and recordings (``sphinx_eventarchive.embeds``)."""

from __future__ import annotations

import ast
import http.server
import ipaddress
import json
import os
import pathlib
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.embeds import (
    SPEAKERDECK_ID,
    Embed,
    EmbedError,
    Unresolved,
    check_url,
    embed_for,
    load_cache,
    parse_ratio,
    resolve_speakerdeck_oembed,
    save_cache,
    slides,
    speakerdeck,
    video,
)

ID32 = "e1ec178de2c040309d9ddac894f9a3dc"
ID24 = "4f926da9cb4cd0001f00a1ff"
PLAYER = f"https://speakerdeck.com/player/{ID32}"
DECK = "https://speakerdeck.com/abby/platform-engineering"
YT = "dQw4w9WgXcQ"


def error_of(call: object, *args: object, **kwargs: object) -> EmbedError:
    assert callable(call)
    with pytest.raises(EmbedError) as info:
        call(*args, **kwargs)
    return info.value


# -- check_url -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("  http://example.org/\n", "http://example.org/"),
        ("HTTPS://Example.org/Path", "HTTPS://Example.org/Path"),
        ("https://例え.jp/パス", "https://例え.jp/パス"),
        ("https://127.0.0.1:8080/x", "https://127.0.0.1:8080/x"),
    ],
)
def test_check_url_accepts_http_and_https(value: str, expected: str) -> None:
    assert check_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript://example.org/%0Aalert(1)",  # has a "host", still script
        "data://example.org/text/html,x",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/deck.pdf",
        "file:///etc/passwd",
        "mailto:someone@example.org",
        "/relative/path",
        "relative/path",
        "//example.org/scheme-relative",
        "https://",
        "https:///path-only",
        "https://exa mple.org/",
        "https://example.org/a b",
        "https://example.org/\tb",
        "https://example.org/a\nb",
        "https://example.org/a\u3000b",  # ideographic space from a Japanese IME
        "https://example.org/a\x00b",
        "https://[::1/",
        "https://example.org:port/",
    ],
)
def test_check_url_rejects(value: str) -> None:
    assert error_of(check_url, value).subtype == "url"


def test_embed_error_defaults_to_url_subtype() -> None:
    error = EmbedError("x")
    assert isinstance(error, ValueError)
    assert (str(error), error.subtype) == ("x", "url")
    assert EmbedError("y", "embed").subtype == "embed"


# -- parse_ratio -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16:9", 16 / 9),
        ("4:3", 4 / 3),
        ("16/9", 16 / 9),
        (" 9 : 16 ", 9 / 16),
        ("１６：９", 16 / 9),  # full-width, as typed on a Japanese keyboard
        ("1.7777", 1.7777),
        ("2", 2.0),
        (".5", 0.5),
        ("0.2", 0.2),
        ("5", 5.0),
        ("1:5", 0.2),
    ],
)
def test_parse_ratio(value: str, expected: float) -> None:
    assert parse_ratio(value) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "value",
    ["", "wide", "16x9", "16:", ":9", "0:9", "16:0", "-1.5", "0", "0.19", "5.01", "6:1",
     "1:6", "nan", "inf", "1e0", "16:9:1", "16,9"],
)  # fmt: skip
def test_parse_ratio_rejects(value: str) -> None:
    assert error_of(parse_ratio, value).subtype == "embed"


# -- Speaker Deck ----------------------------------------------------------------------------


def test_speakerdeck_id_pattern() -> None:
    assert SPEAKERDECK_ID.fullmatch(ID32)
    assert SPEAKERDECK_ID.fullmatch(ID24)
    assert not SPEAKERDECK_ID.fullmatch(ID32.upper())
    assert not SPEAKERDECK_ID.fullmatch(ID32[:-1])
    assert not SPEAKERDECK_ID.fullmatch(ID24 + "0")


def test_speakerdeck_bare_id() -> None:
    assert speakerdeck(ID32) == Embed(
        kind="speakerdeck",
        url=PLAYER,
        src=PLAYER,
        ratio=16 / 9,
        host="Speaker Deck",
        allowfullscreen=True,
        ident=ID32,
    )
    cover = f"https://files.speakerdeck.com/presentations/{ID32}/slide_0.jpg"
    assert speakerdeck(ID32).thumbnail == cover


def test_speakerdeck_old_24_digit_id_with_slide_and_ratio() -> None:
    embed = speakerdeck(f"  {ID24} ", slide=3, ratio=4 / 3)
    assert embed.src == f"https://speakerdeck.com/player/{ID24}?slide=3"
    assert embed.url == f"https://speakerdeck.com/player/{ID24}"
    assert embed.ratio == 4 / 3


@pytest.mark.parametrize(
    "value",
    [
        PLAYER,
        PLAYER + "/",
        f"http://speakerdeck.com/player/{ID32}",
        f"https://www.speakerdeck.com/player/{ID32}",
        f"https://SpeakerDeck.com/player/{ID32}?utm_source=x",
        f"https://speakerdeck.com/player/{ID32}#top",
    ],
)
def test_speakerdeck_player_url_forms(value: str) -> None:
    embed = speakerdeck(value)
    assert (embed.kind, embed.src, embed.url) == ("speakerdeck", PLAYER, PLAYER)


def test_speakerdeck_player_url_slide_query() -> None:
    assert speakerdeck(PLAYER + "?slide=7").src == PLAYER + "?slide=7"
    # The option wins over the URL.
    assert speakerdeck(PLAYER + "?slide=7", slide=2).src == PLAYER + "?slide=2"


def test_speakerdeck_presentation_url_from_cache() -> None:
    cache = {DECK: ID32}
    embed = speakerdeck(DECK, cache=cache)
    assert (embed.kind, embed.src, embed.url) == ("speakerdeck", PLAYER, DECK)
    # Every spelling of the deck finds the one cache entry.
    for spelling in (
        DECK + "/",
        DECK + "?slide=4",
        DECK.replace("https://", "http://"),
        DECK.replace("speakerdeck.com", "www.speakerdeck.com"),
    ):
        assert speakerdeck(spelling, cache=cache).url == DECK
    assert speakerdeck(DECK + "?slide=4", cache=cache).src == PLAYER + "?slide=4"


def test_speakerdeck_presentation_url_unresolved() -> None:
    for cache in (None, {}, {"https://speakerdeck.com/other/deck": ID32}, {DECK: "NOT-AN-ID"}):
        with pytest.raises(Unresolved) as info:
            speakerdeck(DECK + "/?slide=2", cache=cache)
        assert info.value.url == DECK
        assert info.value.subtype == "speakerdeck"
        assert isinstance(info.value, EmbedError)


def test_unresolved_message() -> None:
    assert Unresolved(DECK, "custom").args == ("custom",)
    assert DECK in str(Unresolved(DECK))


@pytest.mark.parametrize(
    "value",
    [
        ID32.upper(),
        ID32[:-1],
        ID32 + "0",
        "z" * 32,
        "66ff0884adf14862b6019fc4bcc5c5f",
        "hello",
        f"https://speakerdeck.com/player/{ID32.upper()}",
        f"https://speakerdeck.com/player/{ID32[:20]}",
        "https://speakerdeck.com/player/",
        "https://speakerdeck.com/abby",
        "https://speakerdeck.com/",
        f"https://speakerdeck.com/abby/deck/{ID32}",
        "https://speakerdeck.com/c/technology",
        f"https://example.org/player/{ID32}",
        f"https://speakerdeck.com.example.org/player/{ID32}",
        PLAYER + "?slide=0",
        PLAYER + "?slide=two",
    ],
)
def test_speakerdeck_malformed(value: str) -> None:
    assert error_of(speakerdeck, value).subtype == "embed"


@pytest.mark.parametrize(
    "value",
    ["", "  ", f"javascript:alert('{ID32}')", f"data:text/html,{ID32}", f"ftp://speakerdeck.com/player/{ID32}",
     f"https://speakerdeck.com/player/ {ID32}", f"//speakerdeck.com/player/{ID32}"],
)  # fmt: skip
def test_speakerdeck_bad_url(value: str) -> None:
    assert error_of(speakerdeck, value).subtype == "url"


@pytest.mark.parametrize("slide", [0, -1])
def test_speakerdeck_bad_slide_option(slide: int) -> None:
    assert error_of(speakerdeck, ID32, slide=slide).subtype == "embed"


# -- slides ----------------------------------------------------------------------------------


def test_slides_speakerdeck() -> None:
    assert slides(PLAYER) == speakerdeck(PLAYER)
    assert slides(ID32).src == PLAYER
    assert slides(DECK, cache={DECK: ID24}).src == f"https://speakerdeck.com/player/{ID24}"
    with pytest.raises(Unresolved):
        slides(DECK)
    assert error_of(slides, f"https://speakerdeck.com/player/{ID32[:-2]}").subtype == "embed"


@pytest.mark.parametrize(
    ("value", "url", "src"),
    [
        (
            "https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell",
            "https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell",
            "https://www.docswell.com/slide/LK7J5V/embed",
        ),
        (
            "https://docswell.com/s/ku-suke/LK7J5V-hello-docswell/",
            "https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell",
            "https://www.docswell.com/slide/LK7J5V/embed",
        ),
        (
            "http://www.docswell.com/s/MasatoshiTada/KGVY9K-spring-security-intro#p38",
            "https://www.docswell.com/s/MasatoshiTada/KGVY9K-spring-security-intro#p38",
            "https://www.docswell.com/slide/KGVY9K/embed#p38",
        ),
        (
            "https://www.docswell.com/s/usami-k/5ENQN8",
            "https://www.docswell.com/s/usami-k/5ENQN8",
            "https://www.docswell.com/slide/5ENQN8/embed",
        ),
        (
            "https://www.docswell.com/s/3465680103/ZWPN45-2022-12-07-091431?utm=x",
            "https://www.docswell.com/s/3465680103/ZWPN45-2022-12-07-091431",
            "https://www.docswell.com/slide/ZWPN45/embed",
        ),
        (
            "https://www.docswell.com/slide/LK7J5V/embed",
            "https://www.docswell.com/slide/LK7J5V/embed",
            "https://www.docswell.com/slide/LK7J5V/embed",
        ),
        (
            "https://www.docswell.com/slide/LK7J5V/embed#p3",
            "https://www.docswell.com/slide/LK7J5V/embed#p3",
            "https://www.docswell.com/slide/LK7J5V/embed#p3",
        ),
    ],
)
def test_slides_docswell(value: str, url: str, src: str) -> None:
    assert slides(value) == Embed(kind="docswell", url=url, src=src, ratio=16 / 9, host="Docswell")


@pytest.mark.parametrize(
    "value",
    [
        "https://www.docswell.com/s/ku-suke/lk7j5v-hello",  # lower case id
        "https://www.docswell.com/s/ku-suke/LK7-hello",  # too short
        "https://www.docswell.com/s/ku-suke/",
        "https://www.docswell.com/s/",
        "https://www.docswell.com/s/ku-suke/LK7J5V-x/extra",
        "https://www.docswell.com/slide/lk7j5v/embed",
        "https://www.docswell.com/slide/LK7J5V/other",
        "https://www.docswell.com/s/ku-suke/LK7J5V-hello#p0",
    ],
)
def test_slides_docswell_malformed(value: str) -> None:
    assert error_of(slides, value).subtype == "embed"


def test_slides_docswell_other_pages_are_links() -> None:
    assert slides("https://www.docswell.com/user/takai") == Embed(
        kind="link", url="https://www.docswell.com/user/takai", host="www.docswell.com"
    )


@pytest.mark.parametrize(
    ("value", "url", "src"),
    [
        (
            "https://www.slideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
            "https://www.slideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
            "https://www.slideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
        ),
        (
            "https://www.slideshare.net/slideshow/embed_code/key/8vAot3sUxL22L"
            "?hostedIn=slideshare&page=upload",
            "https://www.slideshare.net/slideshow/embed_code/key/8vAot3sUxL22L",
            "https://www.slideshare.net/slideshow/embed_code/key/8vAot3sUxL22L",
        ),
        (
            "http://de.slideshare.net/slideshow/embed_code/key/ddB3Ym1ynsNqhc?startSlide=111",
            "https://www.slideshare.net/slideshow/embed_code/key/ddB3Ym1ynsNqhc?startSlide=111",
            "https://www.slideshare.net/slideshow/embed_code/key/ddB3Ym1ynsNqhc?startSlide=111",
        ),
        (
            "https://www.slideshare.net/slideshow/embed_code/22423382?rel=0",
            "https://www.slideshare.net/slideshow/embed_code/22423382",
            "https://www.slideshare.net/slideshow/embed_code/22423382",
        ),
        (
            "https://www.slideshare.net/slideshow/chapter-9-morphological-image-processing-78558068/78558068",
            "https://www.slideshare.net/slideshow/chapter-9-morphological-image-processing-78558068/78558068",
            "https://www.slideshare.net/slideshow/embed_code/78558068",
        ),
        (
            "https://slideshare.net/slideshow/research-with-childrencasestudy/10183336/",
            "https://www.slideshare.net/slideshow/research-with-childrencasestudy/10183336",
            "https://www.slideshare.net/slideshow/embed_code/10183336",
        ),
    ],
)  # fmt: skip
def test_slides_slideshare(value: str, url: str, src: str) -> None:
    assert slides(value) == Embed(
        kind="slideshare", url=url, src=src, ratio=476 / 400, host="SlideShare"
    )


@pytest.mark.parametrize(
    "value",
    [
        "https://www.slideshare.net/jonlives/bring-the-noise",
        "https://www.slideshare.net/josephj/introduction-14734059",
        "https://www.slideshare.net/jonlives",
        "https://www.slideshare.net/",
    ],
)
def test_slides_slideshare_without_key_is_a_link(value: str) -> None:
    embed = slides(value)
    assert (embed.kind, embed.url, embed.src) == ("link", value, "")
    assert embed.host == "www.slideshare.net"


@pytest.mark.parametrize(
    "value",
    [
        "https://www.slideshare.net/slideshow/embed_code/key/ab-cd_ef",
        "https://www.slideshare.net/slideshow/embed_code/key/",
        "https://www.slideshare.net/slideshow/embed_code/",
        "https://www.slideshare.net/slideshow/embed_code/12x45",
        "https://www.slideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT?startSlide=0",
    ],
)
def test_slides_slideshare_malformed(value: str) -> None:
    assert error_of(slides, value).subtype == "embed"


def test_slides_other_hosts_are_links() -> None:
    assert slides("https://docs.google.com/presentation/d/abc/edit") == Embed(
        kind="link",
        url="https://docs.google.com/presentation/d/abc/edit",
        src="",
        host="docs.google.com",
    )
    assert slides(" http://example.org/talk.pdf ").url == "http://example.org/talk.pdf"


@pytest.mark.parametrize(
    "value", ["", "javascript:alert(1)", "data:text/html,x", "https://example.org/a b", "deck.pdf"]
)
def test_slides_bad_url(value: str) -> None:
    assert error_of(slides, value).subtype == "url"


# -- video -----------------------------------------------------------------------------------

WATCH = f"https://www.youtube.com/watch?v={YT}"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{YT}"


@pytest.mark.parametrize(
    ("value", "url", "src"),
    [
        (WATCH, WATCH, NOCOOKIE),
        (f"https://youtube.com/watch?v={YT}&feature=share", WATCH, NOCOOKIE),
        (f"http://m.youtube.com/watch?v={YT}", WATCH, NOCOOKIE),
        (f"https://www.youtube.com/watch?list=PLx&v={YT}", WATCH, NOCOOKIE),
        (f"https://youtu.be/{YT}", WATCH, NOCOOKIE),
        (f"https://youtu.be/{YT}?si=abcdef", WATCH, NOCOOKIE),
        (f"https://www.youtube.com/live/{YT}", WATCH, NOCOOKIE),
        (f"https://www.youtube.com/embed/{YT}", WATCH, NOCOOKIE),
        (f"https://www.youtube-nocookie.com/embed/{YT}", WATCH, NOCOOKIE),
        (f"{WATCH}&t=1h2m3s", f"{WATCH}&t=3723s", f"{NOCOOKIE}?start=3723"),
        (f"{WATCH}&t=90", f"{WATCH}&t=90s", f"{NOCOOKIE}?start=90"),
        (f"https://youtu.be/{YT}?t=90s", f"{WATCH}&t=90s", f"{NOCOOKIE}?start=90"),
        (f"{WATCH}&t=2m", f"{WATCH}&t=120s", f"{NOCOOKIE}?start=120"),
        (f"{WATCH}&t=1m30s", f"{WATCH}&t=90s", f"{NOCOOKIE}?start=90"),
        (f"https://www.youtube.com/embed/{YT}?start=90", f"{WATCH}&t=90s", f"{NOCOOKIE}?start=90"),
        (f"https://www.youtube.com/live/{YT}?t=45", f"{WATCH}&t=45s", f"{NOCOOKIE}?start=45"),
        (f"{WATCH}#t=30", f"{WATCH}&t=30s", f"{NOCOOKIE}?start=30"),
        (f"{WATCH}&t=0", WATCH, NOCOOKIE),
    ],
)
def test_video_youtube(value: str, url: str, src: str) -> None:
    start = int(src.partition("?start=")[2] or 0)
    embed = video(value)
    assert embed == Embed(
        kind="youtube", url=url, src=src, ratio=16 / 9, host="YouTube", ident=YT, start=start
    )
    assert embed.thumbnail == f"https://i.ytimg.com/vi/{YT}/hqdefault.jpg"


def test_video_youtube_shorts_are_upright() -> None:
    assert video(f"https://www.youtube.com/shorts/{YT}") == Embed(
        kind="youtube", url=WATCH, src=NOCOOKIE, ratio=9 / 16, host="YouTube", ident=YT
    )


def test_video_youtube_playlist() -> None:
    playlist = "PLj6h78yzYM2Ncc3iQ9vF4zkEoPj3OkqZa"
    expected = Embed(
        kind="youtube",
        url=f"https://www.youtube.com/playlist?list={playlist}",
        src=f"https://www.youtube-nocookie.com/embed/videoseries?list={playlist}",
        host="YouTube",
    )
    assert video(f"https://www.youtube.com/playlist?list={playlist}") == expected
    assert video(f"https://www.youtube.com/embed/videoseries?list={playlist}") == expected


@pytest.mark.parametrize(
    "value",
    [
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",
        "https://www.youtube.com/watch?v=dQw4w9WgX%21Q",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/watch?feature=share",
        "https://youtu.be/",
        "https://youtu.be/abc",
        f"https://youtu.be/{YT}/extra",
        "https://www.youtube.com/shorts/tooShort",
        "https://www.youtube.com/embed/",
        "https://www.youtube.com/playlist",
        "https://www.youtube.com/playlist?list=a b".replace(" ", "%20"),
        "https://www.youtube-nocookie.com/",
        f"{WATCH}&t=abc",
        f"{WATCH}&t=1h2x",
        f"{WATCH}&t=-5",
    ],
)
def test_video_youtube_malformed(value: str) -> None:
    assert error_of(video, value).subtype == "embed"


@pytest.mark.parametrize(
    "value",
    [
        "https://www.youtube.com/@PyConJP",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/123456",
        "https://www.youtube.com.example.org/watch?v=dQw4w9WgXcQ",
    ],
)
def test_video_other_urls_are_links(value: str) -> None:
    embed = video(value)
    assert (embed.kind, embed.url, embed.src) == ("link", value, "")
    assert embed.host == urllib.parse.urlsplit(value).hostname


@pytest.mark.parametrize(
    "value", ["", "javascript:alert(1)", f"data:video/mp4,{YT}", f"youtu.be/{YT}", f"{WATCH} "]
)
def test_video_bad_url(value: str) -> None:
    if value == f"{WATCH} ":
        # Surrounding white space is trimmed, not an error.
        assert video(value).url == WATCH
        return
    assert error_of(video, value).subtype == "url"


def test_embed_for_dispatches_on_role() -> None:
    assert embed_for(WATCH, role="video") == video(WATCH)
    assert embed_for(PLAYER, role="slides") == slides(PLAYER)
    assert embed_for(DECK, role="slides", cache={DECK: ID32}).src == PLAYER
    # A YouTube URL under :slides: is a link: only :video: embeds players.
    assert embed_for(WATCH, role="slides").kind == "link"
    assert embed_for(PLAYER, role="video").kind == "link"
    with pytest.raises(ValueError) as info:
        embed_for(WATCH, role="audio")
    assert not isinstance(info.value, EmbedError)


def test_embed_is_frozen() -> None:
    embed = video(WATCH)
    with pytest.raises(AttributeError):
        embed.src = "https://evil.example/"  # type: ignore[misc]


# -- oEmbed ----------------------------------------------------------------------------------

OEMBED_HTML = (
    '<iframe id="talk_frame_282032" class="speakerdeck-iframe" '
    f'src="https://speakerdeck.com/player/{ID32}" width="710" height="399" '
    'style="aspect-ratio:710/399; border:0; padding:0; margin:0; background:transparent;" '
    'frameborder="0" allowtransparency="true" allowfullscreen="allowfullscreen"></iframe>'
)
# The answer Speaker Deck gives, as recorded by projects that use it.
GOOD_ANSWER = {
    "type": "rich",
    "version": "1.0",
    "provider_name": "Speaker Deck",
    "provider_url": "https://speakerdeck.com/",
    "title": "Platform Engineering",
    "author_name": "Abby",
    "author_url": "https://speakerdeck.com/abby",
    "html": OEMBED_HTML,
    "width": 710,
    "height": 399,
    "ratio": 1.7777777777777777,
}


class OEmbedServer:
    def __init__(self, server: http.server.ThreadingHTTPServer) -> None:
        self.server = server
        self.requests: list[str] = []
        self.release = threading.Event()

    def endpoint(self, name: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/{name}/oembed.json"


def _answers() -> dict[str, tuple[int, bytes]]:
    def as_json(value: object) -> bytes:
        return json.dumps(value).encode("utf-8")

    old = dict(GOOD_ANSWER, html=OEMBED_HTML.replace("https://", "//").replace(ID32, ID24))
    script = dict(
        GOOD_ANSWER,
        html=f'<script async class="speakerdeck-embed" data-id="{ID32}" '
        'data-ratio="1.77777777777778" src="//speakerdeck.com/assets/embed.js"></script>',
    )
    return {
        "good": (200, as_json(GOOD_ANSWER)),
        "old": (200, as_json(old)),
        "script": (200, as_json(script)),
        "missing": (404, b'{"error": "Not Found"}'),
        "broken": (500, b"Internal Server Error"),
        "badjson": (200, b"<html>not json</html>"),
        "notutf8": (200, b"\xff\xfe\x00"),
        "list": (200, b"[1, 2, 3]"),
        "noid": (200, as_json(dict(GOOD_ANSWER, html="<p>No embed for you</p>"))),
        "nohtml": (200, as_json({k: v for k, v in GOOD_ANSWER.items() if k != "html"})),
        "htmlnotstr": (200, as_json(dict(GOOD_ANSWER, html=["x"]))),
        "badid": (
            200,
            as_json(dict(GOOD_ANSWER, html=OEMBED_HTML.replace(ID32, ID32.upper()))),
        ),
        "shortid": (200, as_json(dict(GOOD_ANSWER, html=OEMBED_HTML.replace(ID32, ID32[:30])))),
    }


@pytest.fixture
def oembed(monkeypatch: pytest.MonkeyPatch) -> Iterator[OEmbedServer]:
    # A proxy from the environment would send loopback requests elsewhere.
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    answers = _answers()
    state: dict[str, OEmbedServer] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            record = state["server"]
            record.requests.append(self.path)
            name = self.path.split("/")[1]
            if name == "slow":
                # Longer than any time-out the tests pass; released at teardown.
                record.release.wait(5)
                status, body = answers["good"]
            else:
                status, body = answers[name]
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (time-out test)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state["server"] = OEmbedServer(server)
    # A short poll keeps shutdown() at teardown quick.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        state["server"].release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_oembed_good_answer(oembed: OEmbedServer) -> None:
    assert resolve_speakerdeck_oembed(DECK, endpoint=oembed.endpoint("good"), timeout=2) == ID32
    # The presentation URL travels quoted in ``url=``.
    (path,) = oembed.requests
    assert path == "/good/oembed.json?url=" + urllib.parse.quote(DECK, safe="")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(path).query) == {"url": [DECK]}


def test_oembed_endpoint_with_query(oembed: OEmbedServer) -> None:
    endpoint = oembed.endpoint("good") + "?maxwidth=710"
    assert resolve_speakerdeck_oembed(DECK, endpoint=endpoint, timeout=2) == ID32
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(oembed.requests[0]).query)
    assert query == {"maxwidth": ["710"], "url": [DECK]}


@pytest.mark.parametrize(("name", "expected"), [("old", ID24), ("script", ID32)])
def test_oembed_older_answer_shapes(oembed: OEmbedServer, name: str, expected: str) -> None:
    assert resolve_speakerdeck_oembed(DECK, endpoint=oembed.endpoint(name), timeout=2) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing", "HTTP 404"),
        ("broken", "HTTP 500"),
        ("badjson", "not JSON"),
        ("notutf8", "not JSON"),
        ("list", "no player id"),
        ("noid", "no player id"),
        ("nohtml", "no player id"),
        ("htmlnotstr", "no player id"),
        ("badid", "no player id"),
        ("shortid", "no player id"),
    ],
)
def test_oembed_failures(oembed: OEmbedServer, name: str, message: str) -> None:
    error = error_of(resolve_speakerdeck_oembed, DECK, endpoint=oembed.endpoint(name), timeout=2)
    assert error.subtype == "speakerdeck"
    assert message in str(error)
    assert DECK in str(error)


def test_oembed_timeout(oembed: OEmbedServer) -> None:
    started = time.monotonic()
    error = error_of(
        resolve_speakerdeck_oembed, DECK, endpoint=oembed.endpoint("slow"), timeout=0.3
    )
    elapsed = time.monotonic() - started
    assert error.subtype == "speakerdeck"
    assert "timed out" in str(error)
    assert elapsed < 3, elapsed


def test_oembed_connection_refused() -> None:
    # Bind, note the port, close: nothing listens there any more.
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    endpoint = f"http://127.0.0.1:{port}/oembed.json"
    error = error_of(resolve_speakerdeck_oembed, DECK, endpoint=endpoint, timeout=1)
    assert error.subtype == "speakerdeck"


@pytest.mark.parametrize(
    "endpoint", ["file:///etc/passwd", "data:application/json,{}", "", "not a url"]
)
def test_oembed_refuses_non_http_endpoints(endpoint: str) -> None:
    error = error_of(resolve_speakerdeck_oembed, DECK, endpoint=endpoint, timeout=1)
    assert error.subtype == "speakerdeck"


def test_oembed_then_speakerdeck(oembed: OEmbedServer) -> None:
    # What the directive does with an Unresolved: ask once, cache, embed.
    with pytest.raises(Unresolved) as info:
        speakerdeck(DECK + "/")
    deck_id = resolve_speakerdeck_oembed(info.value.url, endpoint=oembed.endpoint("good"))
    assert speakerdeck(DECK + "/", cache={info.value.url: deck_id}).src == PLAYER


# -- cache -----------------------------------------------------------------------------------


def test_cache_missing_file(tmp_path: pathlib.Path) -> None:
    assert load_cache(tmp_path / "absent.json") == {}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b'"speakerdeck"',
        b'{"speakerdeck": []}',
        b'{"speakerdeck": "x"}',
        b'{"other": {}}',
    ],
)
def test_cache_corrupt_file_is_empty(tmp_path: pathlib.Path, content: bytes) -> None:
    path = tmp_path / "cache.json"
    path.write_bytes(content)
    assert load_cache(path) == {}


def test_cache_directory_is_empty(tmp_path: pathlib.Path) -> None:
    assert load_cache(tmp_path) == {}


def test_cache_drops_malformed_entries(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text(
        json.dumps({"speakerdeck": {DECK: ID32, "https://speakerdeck.com/a/b": "NOPE", "x": 3}}),
        encoding="utf-8",
    )
    assert load_cache(path) == {DECK: ID32}


def test_cache_round_trip(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sub" / "eventarchive-cache.json"
    japanese = "https://speakerdeck.com/sasaki/puratutohomu"
    entries = {DECK: ID32, japanese: ID24, "https://speakerdeck.com/a/%E3%81%82": ID32}
    save_cache(path, entries)
    assert load_cache(path) == entries
    assert path.read_text(encoding="utf-8") == (
        "{\n"
        '  "speakerdeck": {\n'
        f'    "https://speakerdeck.com/a/%E3%81%82": "{ID32}",\n'
        f'    "{DECK}": "{ID32}",\n'
        f'    "{japanese}": "{ID24}"\n'
        "  }\n"
        "}\n"
    )
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


def test_cache_keeps_non_ascii_readable(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    save_cache(path, {"https://speakerdeck.com/佐々木/deck": ID32})
    assert "佐々木" in path.read_text(encoding="utf-8")
    assert load_cache(path) == {"https://speakerdeck.com/佐々木/deck": ID32}


def test_cache_unchanged_content_is_not_rewritten(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    save_cache(path, {DECK: ID32})
    # An old mtime, so a rewrite could not go unnoticed within the clock's resolution.
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = os.stat(path)
    save_cache(path, {DECK: ID32})
    save_cache(path, dict(load_cache(path)))
    after = os.stat(path)
    assert after.st_mtime_ns == before.st_mtime_ns == 1_000_000_000
    assert after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json"]  # no temporary left

    save_cache(path, {DECK: ID24})
    assert os.stat(path).st_mtime_ns != 1_000_000_000
    assert load_cache(path) == {DECK: ID24}


def test_cache_rewrites_a_corrupt_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("{broken", encoding="utf-8")
    save_cache(path, {DECK: ID32})
    assert json.loads(path.read_text(encoding="utf-8")) == {"speakerdeck": {DECK: ID32}}


def test_cache_keeps_other_sections(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text(json.dumps({"docswell": {"a": "b"}, "speakerdeck": {}}), encoding="utf-8")
    save_cache(path, {DECK: ID32})
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "docswell": {"a": "b"},
        "speakerdeck": {DECK: ID32},
    }


def test_cache_keeps_the_file_mode(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cache.json"
    save_cache(path, {DECK: ID32})
    os.chmod(path, 0o640)
    save_cache(path, {DECK: ID24})
    assert path.stat().st_mode & 0o777 == 0o640


def test_module_has_no_sphinx_import() -> None:
    source = pathlib.Path(embeds.__file__).read_text(encoding="utf-8")
    assert "import sphinx" not in source
    assert "from sphinx" not in source
    assert "docutils" not in source


def test_core_modules_have_no_sphinx_import() -> None:
    # The rules the CLI shares with the extension must load without Sphinx.
    core = pathlib.Path(embeds.__file__).parent
    for module in sorted(core.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("sphinx", "docutils", "myst_parser"), module


# -- URLs as browsers read them (WHATWG) -----------------------------------------------------

# Each is read by urllib.parse as one host and by browsers as another (or as
# no URL at all), so labelling or recognising it by urllib's host would lie.
BROWSER_TRICKS = [
    # "\" is "/" to a browser: the host ends at it.
    ("https://evil.example\\@speakerdeck.com/player/" + ID32, "backslash"),
    ("https://speakerdeck.com\\.evil.example/", "backslash"),
    ("https://speakerdeck.com\\@evil.example/", "backslash"),
    ("http:\\\\evil.example\\speakerdeck.com/", "backslash"),
    ("https:/\\evil.example/", "backslash"),
    ("https://speakerdeck.com/player\\" + ID32, "backslash"),
    # Any run of slashes starts the host.
    ("https:speakerdeck.com/player/" + ID32, "no host"),
    ("https:///speakerdeck.com/player/" + ID32, "no host"),
    # User names: legal, but here only ever a trick or a leaked password.
    ("https://speakerdeck.com@evil.example/player/" + ID32, "before its host"),
    ("https://speakerdeck.com:443@evil.example/", "before its host"),
    ("https://a@b@evil.example/", "before its host"),
    # The host is percent-decoded and IDNA-mapped by browsers.
    ("https://speakerdeck%2Ecom/player/" + ID32, "percent-encoded"),
    ("https://ｓｐｅａｋｅｒｄｅｃｋ.com/player/" + ID32, "'speakerdeck.com'"),
    ("https://speakerdeck。com/player/" + ID32, "'speakerdeck.com'"),
    ("https://例え．jp/", "'例え.jp'"),
    # A host ending in a number is an IPv4 address, in any base, or nothing.
    ("https://0x7f.1/", "'127.0.0.1'"),
    ("https://2130706433/", "'127.0.0.1'"),
    ("https://127.0.0.1./", "'127.0.0.1'"),
    ("https://1.2.3/", "'1.2.0.3'"),
    ("https://example.123/", "no IPv4"),
    ("https://256.1.1.1/", "no IPv4"),
    ("https://[fe80::1%25eth0]/", "IPv6"),
    ("https://a^b.example/", "not a host name"),
    ("https://xn--0.example/", "not a valid host name"),
    # Dot segments are resolved away: this is the player, not a presentation.
    ("https://speakerdeck.com/../player", "'..'"),
    ("https://speakerdeck.com/abby/%2E%2E/player/" + ID32, "'..'"),
    ("https://speakerdeck.com/./abby/deck", "'..'"),
    # Browsers drop tabs and newlines anywhere.
    ("https://speaker\tdeck.com/", "white space"),
    ("https://speakerdeck.com\n.evil.example/", "white space"),
]


@pytest.mark.parametrize(("value", "said"), BROWSER_TRICKS)
def test_check_url_refuses_what_browsers_read_differently(value: str, said: str) -> None:
    error = error_of(check_url, value)
    assert error.subtype == "url"
    assert said in str(error)


@pytest.mark.parametrize(("value", "said"), BROWSER_TRICKS)
def test_tricks_are_never_embedded_or_linked(value: str, said: str) -> None:
    # The one judgement serves every path a URL can take.
    for call in (slides, video, speakerdeck):
        assert error_of(call, value).subtype == "url"


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("https://例え.jp/パス", "例え.jp"),
        ("https://ÉCOLE.fr/", "école.fr"),
        ("https://straße.de/", "straße.de"),  # UTS 46 keeps ß (IDNA 2003 made it ss)
        ("https://xn--r8jz45g.jp/", "xn--r8jz45g.jp"),
        ("https://[::1]:8080/x", "::1"),
        ("https://127.0.0.1/", "127.0.0.1"),
        ("https://speakerdeck.com./x", "speakerdeck.com."),
        ("https://example.org:/x", "example.org"),
        ("https://example.org/a?b=\\c#d\\e", "example.org"),  # "\" stays "\" after the path
        ("https://www.youtube.com/@PyConJP", "www.youtube.com"),  # "@" in the path
    ],
)
def test_parse_url_host_is_the_browsers(value: str, host: str) -> None:
    from sphinx_eventarchive.core.urls import parse_url

    assert parse_url(value).host == host
    assert check_url(value) == value


def test_lookalike_hosts_are_links_not_embeds() -> None:
    # Recognition uses the same host: only speakerdeck.com itself is Speaker Deck.
    for value in (
        f"https://speakerdeck.com.evil.example/player/{ID32}",
        f"https://evilspeakerdeck.com/player/{ID32}",
        "https://evilslideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
        f"https://youtube.com.evil.example/watch?v={YT}",
    ):
        assert slides(value).kind == video(value).kind == "link"


# Checked against a real WHATWG parser when one is installed (ada-url, the
# parser Node.js uses): every URL we accept, browsers accept with the same host
# and path; what we refuse may be fine for browsers, never the reverse.
AGREEMENT = [value for value, _ in BROWSER_TRICKS] + [
    "https://例え.jp/パス",
    "https://ÉCOLE.fr/",
    "https://straße.de/",
    "https://[0:0::1]/",
    "https://a_b.example/",
    "https://-a.example/",
    "https://a..b/",
    "https://xn--a.com/",
    "https://example.org:65535/",
    f"https://speakerdeck.com/player/{ID32}?slide=3",
    "https://speakerdeck.com/%E4%BD%90/deck/",
    "https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p3",
    f"https://youtu.be/{YT}?t=1h2m3s",
    "https://example.org/a?b\\c",
    "https://example.org/...",
    "https://a\"b.example/",
]


@pytest.mark.parametrize("value", AGREEMENT)
def test_check_url_agrees_with_a_whatwg_parser(value: str) -> None:
    import ada_url  # the test extra installs it: these tests never skip

    from sphinx_eventarchive.core.urls import parse_url

    try:
        ours = parse_url(value)
    except EmbedError:
        return
    browser = ada_url.URL(value)
    if ":" in ours.host:
        host = str(ipaddress.ip_address(ours.host))  # browsers write IPv6 compressed
    else:
        host = ada_url.idna_to_ascii(ours.host).decode("ascii")
    assert host == browser.hostname.strip("[]")
    assert [urllib.parse.unquote(s) for s in ours.segments] == [
        urllib.parse.unquote(s) for s in browser.pathname.split("/") if s
    ]


# -- The placeholder under a frame (HTML) -------------------------------------------------------

_HOSTILE = 'Deck <script>alert(1)</script> & "quotes" \'too\''
_DECK = "66ff0884adf14862b6019fc4bcc5c5f6"
_VIDEO = "koMsUFOar88"
_EMBEDS = f"""\
# Embeds

```{{event}} Meetup
:id: meetup
:date: 2024-03-19
```

```{{session}} {_HOSTILE}
:slides: https://speakerdeck.com/player/{_DECK}
:video: https://www.youtube.com/watch?v={_VIDEO}
```

```{{session}} Elsewhere
:slides: https://www.docswell.com/slide/LK7J5V/embed
```
"""


def _embeds_page(tmp_path: pathlib.Path, **overrides: object):
    from bs4 import BeautifulSoup
    from conftest import CONF, archive_warnings, build_app

    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text(_EMBEDS, encoding="utf-8")
    app = build_app("html", tmp_path, builddir=tmp_path / "_build", confoverrides=overrides)
    assert archive_warnings(app) == []
    html = (pathlib.Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return html, BeautifulSoup(html, "html.parser")


def test_placeholder_names_title_and_host_under_the_frame(tmp_path: pathlib.Path) -> None:
    html, soup = _embeds_page(tmp_path)
    assert "<script>alert(1)</script>" not in html  # the title is escaped everywhere
    frames = soup.select(".eventarchive-frame")
    assert len(frames) == 3
    seen = []
    for frame in frames:
        holder = frame.select_one(":scope > .eventarchive-placeholder")
        assert holder is not None, frame
        # Under the frame: first in the holder, the frame after it; out of the reading order.
        assert [child.name for child in frame.find_all(recursive=False)] == ["div", "iframe"]
        assert holder["aria-hidden"] == "true"
        title = holder.select_one(".eventarchive-placeholder-title").get_text()
        assert title == frame.iframe["title"]
        image = holder.select_one("img")
        seen.append((holder.select_one(".eventarchive-placeholder-host").get_text(),
                     image and (image["src"], image["alt"], image["loading"],
                                image["width"], image["height"])))
    assert frames[0].select_one(".eventarchive-placeholder-title").get_text() == \
        f"Slides: {_HOSTILE}"
    assert seen == [
        ("Speaker Deck", (f"https://files.speakerdeck.com/presentations/{_DECK}/slide_0.jpg",
                          "", "lazy", "480", "270")),
        ("YouTube", (f"https://i.ytimg.com/vi/{_VIDEO}/hqdefault.jpg", "", "lazy", "480", "270")),
        ("Docswell", None),  # no picture at an address known from the URL
    ]


def test_with_consent_no_third_party_picture_before_the_click(tmp_path: pathlib.Path) -> None:
    html, soup = _embeds_page(tmp_path, eventarchive_embed_consent=True)
    assert "<script>alert(1)</script>" not in html
    assert soup.select("iframe") == []
    third_party = [img["src"] for img in soup.select("img")
                   if urllib.parse.urlsplit(img["src"]).netloc]
    assert third_party == []
    for data in soup.select('script[type="application/ld+json"]'):
        data.decompose()  # structured data names the thumbnail; no browser loads it from there
    assert "ytimg" not in str(soup) and "files.speakerdeck.com" not in str(soup)
    holders = soup.select(".eventarchive-consent")
    assert [(h["data-title"], h["data-host"]) for h in holders][:2] == [
        (f"Slides: {_HOSTILE}", "Speaker Deck"), (f"Video: {_HOSTILE}", "YouTube")]
    for holder in holders:  # its button names the title and the host
        label = holder.select_one("button.eventarchive-consent-button").get_text()
        assert holder["data-title"] in label and holder["data-host"] in label
