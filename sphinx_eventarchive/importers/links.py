"""Which of a talk's links are its slides and which its recording.

Schedules and pyvideo records list links loosely (a label, a type, or just
a URL); the extension embeds Speaker Deck, Docswell, SlideShare and YouTube
(SPEC §2), so those hosts come first when a talk has several links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

_YOUTUBE_HOSTS = {"youtube.com", "youtube-nocookie.com", "youtu.be"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_SLIDE_WORDS = re.compile(r"slide|スライド|資料|deck", re.IGNORECASE)


def http_url(value: object, base: str = "") -> str:
    """``value`` as an absolute http(s) URL, or ``""``.

    The extension warns on any other scheme and on white space in a URL
    (SPEC §9); an importer has nothing better to offer, so it drops them.
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if base and url and "://" not in url and not url.startswith("//"):
        # pretalx gives attachments and logos relative to its base_url.
        url = urljoin(base, url)
    if url.startswith("//"):
        url = "https:" + url
    if not url or any(char.isspace() for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def host(url: str) -> str:
    """The host without ``www.``/``m.``: what a link is recognised by."""
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    for prefix in ("www.", "m."):
        name = name.removeprefix(prefix)
    return name


def youtube_url(url: str) -> str:
    """A YouTube link in its canonical ``watch?v=`` form, keeping its start time.

    ``youtu.be/ID``, ``/embed/ID``, ``/live/ID`` and ``/shorts/ID`` all name
    the same video; one form makes the same talk compare equal everywhere.
    Returns ``""`` for a URL that is not a YouTube video.
    """
    name = host(url)
    if name not in _YOUTUBE_HOSTS:
        return ""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    video = ""
    if name == "youtu.be":
        video = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        video = (query.get("v") or [""])[0]
    else:
        segments = parts.path.strip("/").split("/")
        if len(segments) >= 2 and segments[0] in ("embed", "v", "live", "shorts"):
            video = segments[1]
    if not _YOUTUBE_ID.fullmatch(video):
        return ""
    params = {"v": video}
    start = (query.get("t") or query.get("start") or [""])[0]
    if re.fullmatch(r"\d+s?|(?:\d+h)?(?:\d+m)?(?:\d+s)?", start) and start:
        params["t"] = start if not start.isdigit() else f"{start}s"
    return "https://www.youtube.com/watch?" + urlencode(params)


def slides_rank(url: str, label: str = "") -> int | None:
    """How good a slides link ``url`` is (lower is better), or None if it isn't one."""
    name = host(url)
    if name == "speakerdeck.com":
        return 0
    if name == "docswell.com":
        return 1
    if name.endswith("slideshare.net"):
        return 2
    path = urlsplit(url).path.lower()
    if path.endswith(".pdf") or (name == "docs.google.com" and path.startswith("/presentation")):
        return 3
    if label and _SLIDE_WORDS.search(label):
        return 4
    return None


def video_rank(url: str) -> int | None:
    """How good a recording link ``url`` is (lower is better), or None if it isn't one."""
    if youtube_url(url):
        return 0
    if host(url) in ("vimeo.com", "player.vimeo.com"):
        return 1
    return None


def pick_slides(links: Iterable[tuple[str, str]]) -> str:
    """The best slides URL among ``(url, label)`` pairs, first one on a tie."""
    best, best_rank = "", None
    for url, label in links:
        rank = slides_rank(url, label)
        if rank is not None and (best_rank is None or rank < best_rank):
            best, best_rank = url, rank
    return best


def pick_video(urls: Iterable[str]) -> str:
    """The best recording URL among ``urls``: YouTube, then Vimeo."""
    best, best_rank = "", None
    for url in urls:
        rank = video_rank(url)
        if rank is not None and (best_rank is None or rank < best_rank):
            best, best_rank = url, rank
    return (youtube_url(best) or best) if best else ""
