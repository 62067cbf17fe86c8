"""The importers pick slides and videos by the extension's own host rules."""

from __future__ import annotations

import pytest

from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.importers.links import (
    http_url,
    pick_slides,
    slides_rank,
    video_rank,
    video_url,
    youtube_url,
)

ID32 = "e1ec178de2c040309d9ddac894f9a3dc"
YT = "dQw4w9WgXcQ"

SLIDES = [
    f"https://speakerdeck.com/player/{ID32}",
    f"https://www.speakerdeck.com/player/{ID32}?slide=3",
    "https://speakerdeck.com/abby/platform-engineering",
    f"https://speakerdeck.com/player/{ID32[:-1]}",
    f"https://speakerdeck.com/player/{ID32}?slide=0",
    "https://speakerdeck.com/abby",
    "https://speakerdeck.com/c/technology",
    "https://m.speakerdeck.com/abby/deck",
    "https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell",
    "https://www.docswell.com/slide/LK7J5V/embed",
    "https://www.docswell.com/s/ku-suke/lk7j5v-hello",
    "https://www.docswell.com/user/takai",
    "https://www.slideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
    "https://de.slideshare.net/slideshow/embed_code/22423382",
    "https://www.slideshare.net/slideshow/embed_code/key/ab-cd_ef",
    "https://evilslideshare.net/slideshow/embed_code/key/bTko0mt1XCuuQT",
    f"https://speakerdeck.com.evil.example/player/{ID32}",
    f"https://evil.example\\@speakerdeck.com/player/{ID32}",
    f"https://speakerdeck.com@evil.example/player/{ID32}",
]


def embedded(url: str) -> bool:
    """Whether the extension embeds ``url`` (or would, once a presentation's id is known)."""
    try:
        return embeds.slides(url).kind != "link"
    except embeds.Unresolved:
        return True
    except embeds.EmbedError:
        return False


@pytest.mark.parametrize("url", SLIDES)
def test_slides_rank_agrees_with_the_extension(url: str) -> None:
    assert (slides_rank(url) in (0, 1, 2)) == embedded(url)


def test_slideshare_page_urls_are_slides_but_links() -> None:
    # Old page URLs carry no key: a deck the importer keeps, the extension links.
    url = "https://www.slideshare.net/jonlives/bring-the-noise"
    assert slides_rank(url) == 2
    assert embeds.slides(url).kind == "link"
    assert slides_rank("https://www.slideshare.net/jonlives") is None


VIDEOS = [
    f"https://www.youtube.com/watch?v={YT}",
    f"https://youtu.be/{YT}?t=90",
    f"https://m.youtube.com/shorts/{YT}",
    f"https://www.youtube-nocookie.com/embed/{YT}?start=10",
    f"https://www.youtube.com/watch?v={YT[:-1]}",
    "https://www.youtube.com/embed/videoseries?list=PLj6h78yzYM2Ncc3iQ9vF4zkEoPj3OkqZa",
    "https://www.youtube.com/@PyConJP",
    f"https://youtube.com.evil.example/watch?v={YT}",
    f"https://evil.example\\@www.youtube.com/watch?v={YT}",
    "https://vimeo.com/123456",
]


def watch_page(url: str) -> str:
    """The watch page the extension links under a video it embeds; "" otherwise."""
    try:
        embed = embeds.video(url)
    except embeds.EmbedError:
        return ""
    return embed.url if embed.kind == "youtube" and "/watch?" in embed.url else ""


@pytest.mark.parametrize("url", VIDEOS)
def test_youtube_url_agrees_with_the_extension(url: str) -> None:
    assert youtube_url(url) == watch_page(url)
    assert (video_rank(url) == 0) == bool(watch_page(url))


def test_youtube_url_keeps_the_start_as_written() -> None:
    watch = f"https://www.youtube.com/watch?v={YT}"
    assert youtube_url(f"https://youtu.be/{YT}?t=1h2m3s") == f"{watch}&t=1h2m3s"
    assert youtube_url(f"{watch}&t=90") == f"{watch}&t=90s"
    # A start time the extension cannot read is dropped, not the video.
    assert youtube_url(f"{watch}&t=soon") == watch
    assert youtube_url(f"{watch}&t=0") == watch


def test_video_url_drops_unreadable_youtube_and_keeps_the_rest() -> None:
    assert video_url(f"https://www.youtube.com/watch?v={YT[:-1]}") == ""
    assert video_url("https://youtu.be/") == ""
    playlist = "https://www.youtube.com/playlist?list=PLj6h78yzYM2Ncc3iQ9vF4zkEoPj3OkqZa"
    assert video_url(playlist) == playlist
    assert video_url("https://www.youtube.com/@PyConJP") == "https://www.youtube.com/@PyConJP"


@pytest.mark.parametrize(
    "value",
    [
        f"https://evil.example\\@speakerdeck.com/player/{ID32}",
        "https://speakerdeck.com\\.evil.example/",
        "https://speakerdeck.com@evil.example/",
        "https://ｓｐｅａｋｅｒｄｅｃｋ.com/abby/deck",
        "https://0x7f.1/",
        "https:speakerdeck.com/abby/deck",
    ],
)
def test_http_url_drops_what_the_extension_refuses(value: str) -> None:
    assert http_url(value) == ""
    with pytest.raises(embeds.EmbedError):
        embeds.check_url(value)


def test_pick_slides_ignores_lookalike_hosts() -> None:
    links = [
        (f"https://speakerdeck.com.evil.example/player/{ID32}", "Slides"),
        ("https://example.org/handout.pdf", ""),
    ]
    assert pick_slides(links) == "https://example.org/handout.pdf"
