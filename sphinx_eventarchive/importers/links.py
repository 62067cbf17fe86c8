"""Which of a talk's links are its slides and which its recording.

Schedules and pyvideo records list links loosely (a label, a type, or just
a URL); the extension embeds Speaker Deck, Docswell, SlideShare and YouTube
(docs/reference/directives.md), so those hosts come first when a talk has several links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.urls import EmbedError, Url, parse_url

_SLIDE_WORDS = re.compile(r"slide|スライド|資料|deck", re.IGNORECASE)


def http_url(value: object, base: str = "") -> str:
    """``value`` as an absolute http(s) URL, or ``""``.

    The extension warns on any URL its ``check_url`` refuses (another scheme,
    white space, a host browsers read differently; docs/reference/warnings.md); an importer has
    nothing better to offer, so it drops them.
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if base and url and "://" not in url and not url.startswith("//"):
        # pretalx gives attachments and logos relative to its base_url.
        url = urljoin(base, url)
    if url.startswith("//"):
        url = "https:" + url
    parsed = _parsed(url)
    return parsed.text if parsed is not None else ""


def _parsed(url: str) -> Url | None:
    try:
        return parse_url(url)
    except EmbedError:
        return None


def _site(url: Url) -> str:
    """The host without ``www.``/``m.``, for sites the extension does not embed."""
    name = url.host
    for prefix in ("www.", "m."):
        name = name.removeprefix(prefix)
    return name


def _youtube(url: Url | None) -> hosts.YouTube | None:
    """The video or playlist a YouTube URL names; None for other URLs and malformed ids."""
    if url is None or hosts.host_kind(url) != "youtube":
        return None
    try:
        return hosts.youtube(url)
    except EmbedError:
        return None


def youtube_url(url: str) -> str:
    """A YouTube link in its canonical ``watch?v=`` form, keeping its start time.

    ``youtu.be/ID``, ``/embed/ID``, ``/live/ID`` and ``/shorts/ID`` all name
    the same video; one form makes the same talk compare equal everywhere.
    Returns ``""`` for a URL that is not a YouTube video. A start time the
    extension could not read is left out rather than losing the video.
    """
    parsed = _parsed(url)
    found = _youtube(parsed)
    if parsed is None or found is None or not found.video:
        return ""
    start = hosts.youtube_start(parsed).strip().lower()
    try:
        if not hosts.seconds(start):
            start = ""
    except EmbedError:
        start = ""
    return hosts.watch_url(found.video, f"{start}s" if start.isdigit() else start)


def video_url(url: str) -> str:
    """``url`` as a recording link: YouTube in its canonical form, others as they are.

    A YouTube video URL whose id cannot be read is dropped: the extension
    could neither embed nor trust it. Playlists and channels stay links.
    """
    if youtube := youtube_url(url):
        return youtube
    parsed = _parsed(url)
    if parsed is not None and hosts.host_kind(parsed) == "youtube":
        try:
            hosts.youtube(parsed)
        except EmbedError:
            return ""
    return url


def _deck(url: Url) -> bool:
    """Whether a Speaker Deck, Docswell or SlideShare URL names one deck the extension takes.

    A profile page is not the talk's slides, and a malformed deck URL would
    only earn a build warning.
    """
    kind = hosts.host_kind(url)
    try:
        if kind == "speakerdeck":
            hosts.speakerdeck_slide(url)
            return bool(hosts.speakerdeck(url))
        if kind == "docswell":
            return hosts.docswell(url) is not None
    except EmbedError:
        return False
    return kind == "slideshare" and hosts.slideshare_page(url)


_DECK_RANKS = {"speakerdeck": 0, "docswell": 1, "slideshare": 2}


def slides_rank(url: str, label: str = "") -> int | None:
    """How good a slides link ``url`` is (lower is better), or None if it isn't one."""
    parsed = _parsed(url)
    if parsed is None:
        return None
    kind = hosts.host_kind(parsed)
    if kind in _DECK_RANKS:
        return _DECK_RANKS[kind] if _deck(parsed) else None
    path = parsed.path.lower()
    if path.endswith(".pdf") or (
        _site(parsed) == "docs.google.com" and path.startswith("/presentation")
    ):
        return 3
    if label and _SLIDE_WORDS.search(label):
        return 4
    return None


def video_rank(url: str) -> int | None:
    """How good a recording link ``url`` is (lower is better), or None if it isn't one."""
    if youtube_url(url):
        return 0
    parsed = _parsed(url)
    if parsed is not None and _site(parsed) in ("vimeo.com", "player.vimeo.com"):
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
