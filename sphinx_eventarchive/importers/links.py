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
_START = re.compile(r"\d+s?|(?:\d+h)?(?:\d+m)?(?:\d+s)?")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_SPEAKERDECK_ID = re.compile(r"[0-9a-f]{24}|[0-9a-f]{32}")
# First path segments of speakerdeck.com that are not user names.
_SPEAKERDECK_RESERVED = frozenset({"player", "u", "c", "p", "search", "assets", "oembed.json"})
_DOCSWELL_ID = re.compile(r"[0-9A-Z]{4,12}")
_YOUTUBE_VIDEO_PATHS = frozenset({"watch", "embed", "live", "shorts", "v"})
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
    if not url or _SPACE_OR_CONTROL.search(url):
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
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
    if start and _START.fullmatch(start):
        params["t"] = f"{start}s" if start.isdigit() else start
    return "https://www.youtube.com/watch?" + urlencode(params)


def video_url(url: str) -> str:
    """``url`` as a recording link: YouTube in its canonical form, others as they are.

    A YouTube video URL whose id cannot be read is dropped: the extension
    could neither embed nor trust it. Playlists and channels stay links.
    """
    if youtube := youtube_url(url):
        return youtube
    name = host(url)
    first = (_segments(url) or [""])[0]
    if name == "youtu.be" or (name in _YOUTUBE_HOSTS and first in _YOUTUBE_VIDEO_PATHS):
        return ""
    return url


def _segments(url: str) -> list[str]:
    return [segment for segment in urlsplit(url).path.split("/") if segment]


def _speakerdeck_deck(segments: list[str]) -> bool:
    """A player URL with an id, or ``/<user>/<slug>``: not a profile or search page."""
    if len(segments) != 2:
        return False
    if segments[0] == "player":
        return bool(_SPEAKERDECK_ID.fullmatch(segments[1]))
    return segments[0] not in _SPEAKERDECK_RESERVED


def _docswell_deck(segments: list[str]) -> bool:
    """``/s/<user>/<ID>-<slug>`` or ``/slide/<ID>[/embed]``."""
    if len(segments) == 3 and segments[0] == "s":
        return bool(_DOCSWELL_ID.fullmatch(segments[2].split("-", 1)[0]))
    if len(segments) in (2, 3) and segments[0] == "slide":
        return bool(_DOCSWELL_ID.fullmatch(segments[1])) and segments[2:] in ([], ["embed"])
    return False


def _slideshare_deck(segments: list[str]) -> bool:
    if segments[:2] == ["slideshow", "embed_code"]:
        rest = segments[2:]
        return (len(rest) == 2 and rest[0] == "key") or (len(rest) == 1 and rest[0].isdigit())
    return len(segments) >= 2


def slides_rank(url: str, label: str = "") -> int | None:
    """How good a slides link ``url`` is (lower is better), or None if it isn't one.

    A Speaker Deck, Docswell or SlideShare URL counts only when it names one
    deck the extension can embed: a profile page is not the talk's slides, and
    a malformed deck URL would only earn a build warning.
    """
    name = host(url)
    segments = _segments(url)
    if name == "speakerdeck.com":
        return 0 if _speakerdeck_deck(segments) else None
    if name == "docswell.com":
        return 1 if _docswell_deck(segments) else None
    if name.endswith("slideshare.net"):
        return 2 if _slideshare_deck(segments) else None
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
        # A recording labelled "slides" is still a recording.
        rank = slides_rank(url, label) if video_rank(url) is None else None
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
