"""Each embed host's URL rules, written once: Speaker Deck, Docswell, SlideShare, YouTube.

Given a URL checked by :func:`~sphinx_eventarchive.core.urls.parse_url`, these
say what it names on its host (a deck, a video, a playlist, or just a page)
and its ids. They build no embeds: :mod:`~sphinx_eventarchive.core.embeds`
turns their answers into frames for the extension, and the importers and
``migrate`` ask the same questions to pick and rewrite links. A URL that names
a deck or video but whose id is malformed raises :class:`EmbedError`
(``"embed"``); a page of the host that is no deck (a profile, a channel)
gives ``None``.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import NamedTuple

from .urls import EmbedError, Url

__all__ = [
    "SPEAKERDECK_ID",
    "SpeakerDeck",
    "Frame",
    "YouTube",
    "docswell",
    "host_kind",
    "positive",
    "seconds",
    "slideshare",
    "slideshare_page",
    "speakerdeck",
    "speakerdeck_player",
    "speakerdeck_slide",
    "watch_url",
    "youtube",
    "youtube_start",
]

# Speaker Deck ids are hex: 24 digits for old (MongoDB ObjectId) decks, 32 for
# newer ones. Upper case never appears in Speaker Deck's own embed code, so it
# signals a mistyped or mangled id rather than a different deck.
SPEAKERDECK_ID: re.Pattern[str] = re.compile(r"(?:[0-9a-f]{24}|[0-9a-f]{32})")
_SPEAKERDECK_HOSTS = frozenset({"speakerdeck.com", "www.speakerdeck.com"})
# First path segments of speakerdeck.com that are not user names, so
# ``/<segment>/<slug>`` there is not a presentation.
_SPEAKERDECK_RESERVED = frozenset({"player", "u", "c", "p", "search", "assets", "oembed.json"})

# Docswell slide ids are short upper-case alphanumerics (``LK7J5V``); the
# length is not documented, so a small range rather than exactly six.
_DOCSWELL_ID = re.compile(r"[0-9A-Z]{4,12}")
_DOCSWELL_HOSTS = frozenset({"docswell.com", "www.docswell.com"})
_DOCSWELL_PAGE = re.compile(r"p(\d+)")

# SlideShare serves the same decks on language sub-domains (de., fr., es., …).
_SLIDESHARE_HOST = re.compile(r"(?:www\.|[a-z]{2}\.)?slideshare\.net")
_SLIDESHARE_KEY = re.compile(r"[A-Za-z0-9]{6,32}")

# YouTube video ids: 11 characters of the URL-safe base64 alphabet.
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# Playlist ids (PL…, UU…, OL…, RD…) vary in length; bounded so junk is caught.
_YOUTUBE_LIST = re.compile(r"[A-Za-z0-9_-]{2,64}")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"})
_YOUTUBE_EMBED_HOSTS = frozenset({"youtube-nocookie.com", "www.youtube-nocookie.com"})
# Path prefixes followed by a video id; "shorts" are filmed upright.
_YOUTUBE_VIDEO_PATHS = frozenset({"live", "shorts", "embed", "v"})
_YOUTUBE_TIME = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")


def host_kind(url: Url) -> str:
    """``"speakerdeck"``, ``"docswell"``, ``"slideshare"``, ``"youtube"`` or ``""``."""
    if url.host in _SPEAKERDECK_HOSTS:
        return "speakerdeck"
    if url.host in _DOCSWELL_HOSTS:
        return "docswell"
    if _SLIDESHARE_HOST.fullmatch(url.host):
        return "slideshare"
    if url.host in _YOUTUBE_HOSTS or url.host in _YOUTUBE_EMBED_HOSTS:
        return "youtube"
    return ""


def positive(value: str, what: str) -> int:
    """A whole number from 1 written in ASCII digits, else EmbedError (``"embed"``)."""
    if not value.isdigit() or not value.isascii() or int(value) < 1:
        raise EmbedError(f"{what} {value!r} is not a positive whole number", "embed")
    return int(value)


def _query(url: Url) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(url.query)


class Frame(NamedTuple):
    """A deck page to link to and the frame that shows it."""

    url: str
    src: str


# -- Speaker Deck ----------------------------------------------------------------------------


class SpeakerDeck(NamedTuple):
    """What a Speaker Deck URL names."""

    #: The player id; ``""`` for a presentation URL, which carries none.
    deck_id: str
    #: One spelling per deck (https, no www, no query, no slash at the end), so
    #: a cache holds each deck once however it was pasted.
    url: str


def speakerdeck_player(deck_id: str) -> str:
    return f"https://speakerdeck.com/player/{deck_id}"


def speakerdeck(url: Url) -> SpeakerDeck:
    """A player URL (``/player/<id>``) or a presentation URL (``/<user>/<slug>``)."""
    parts = url.segments
    if len(parts) == 2 and parts[0] == "player":
        if not SPEAKERDECK_ID.fullmatch(parts[1]):
            raise EmbedError(
                f"{parts[1]!r} in {url.text!r} is not a Speaker Deck id "
                "(24 or 32 lower-case hex digits)",
                "embed",
            )
        return SpeakerDeck(parts[1], speakerdeck_player(parts[1]))
    if len(parts) == 2 and parts[0] not in _SPEAKERDECK_RESERVED:
        return SpeakerDeck("", f"https://speakerdeck.com/{parts[0]}/{parts[1]}")
    raise EmbedError(
        f"{url.text!r} is neither a Speaker Deck player URL (https://speakerdeck.com/player/<id>) "
        "nor a presentation URL (https://speakerdeck.com/<user>/<slug>)",
        "embed",
    )


def speakerdeck_slide(url: Url) -> int | None:
    """The slide a Speaker Deck URL opens on (``?slide=N``), if it says."""
    query = _query(url)
    return positive(query["slide"][-1], "the slide number") if "slide" in query else None


# -- Docswell --------------------------------------------------------------------------------


def docswell(url: Url) -> Frame | None:
    """``/s/<user>/<ID>-<slug>`` or the embed URL ``/slide/<ID>/embed``, with a ``#pN`` page."""
    parts = url.segments
    page = ""
    if match := _DOCSWELL_PAGE.fullmatch(url.fragment):
        page = f"#p{positive(match[1], 'the Docswell page')}"
    if parts and parts[0] == "s":
        # The slug after the id may be absent.
        deck_id = parts[2].split("-", 1)[0] if len(parts) == 3 else ""
        if not _DOCSWELL_ID.fullmatch(deck_id):
            raise EmbedError(
                f"{url.text!r} is not a Docswell slide URL "
                "(https://www.docswell.com/s/<user>/<ID>-<slug>)",
                "embed",
            )
        return Frame(
            f"https://www.docswell.com/s/{parts[1]}/{parts[2]}{page}",
            f"https://www.docswell.com/slide/{deck_id}/embed{page}",
        )
    if parts and parts[0] == "slide":
        # The embed URL itself, as copied out of Docswell's embed code.
        if (
            len(parts) not in (2, 3)
            or not _DOCSWELL_ID.fullmatch(parts[1])
            or parts[2:] not in ([], ["embed"])
        ):
            raise EmbedError(
                f"{url.text!r} is not a Docswell embed URL "
                "(https://www.docswell.com/slide/<ID>/embed)",
                "embed",
            )
        src = f"https://www.docswell.com/slide/{parts[1]}/embed{page}"
        return Frame(src, src)
    return None  # a profile, tag or search page


# -- SlideShare ------------------------------------------------------------------------------


def slideshare(url: Url) -> Frame | None:
    """An embed_code URL or a page URL ending in the numeric slideshow id."""
    parts = url.segments
    query = _query(url)
    start = ""
    if "startSlide" in query:
        start = f"?startSlide={positive(query['startSlide'][-1], 'the start slide')}"

    if parts[:2] == ["slideshow", "embed_code"]:
        rest = parts[2:]
        if len(rest) == 2 and rest[0] == "key" and _SLIDESHARE_KEY.fullmatch(rest[1]):
            # The form SlideShare's "Embed" button gives today.
            src = f"https://www.slideshare.net/slideshow/embed_code/key/{rest[1]}{start}"
        elif len(rest) == 1 and rest[0].isdigit() and rest[0].isascii():
            # The older form by numeric slideshow id; SlideShare still serves it.
            src = f"https://www.slideshare.net/slideshow/embed_code/{rest[0]}{start}"
        else:
            raise EmbedError(
                f"{url.text!r} is not a SlideShare embed URL "
                "(https://www.slideshare.net/slideshow/embed_code/key/<key>)",
                "embed",
            )
        return Frame(src, src)

    if len(parts) == 3 and parts[0] == "slideshow" and parts[2].isdigit():
        # Page URLs since 2023 end in the numeric slideshow id, which the
        # numeric embed_code form takes.
        if not parts[2].isascii():
            raise EmbedError(f"{url.text!r} ends in no SlideShare slideshow id", "embed")
        return Frame(
            f"https://www.slideshare.net/slideshow/{parts[1]}/{parts[2]}",
            f"https://www.slideshare.net/slideshow/embed_code/{parts[2]}{start}",
        )
    # Older page URLs (/<user>/<slug>) carry no key: only SlideShare's oEmbed
    # or the page itself knows it, and a guessed frame would show a 404.
    return None


def slideshare_page(url: Url) -> bool:
    """Whether a SlideShare URL names one deck, embeddable or not (not a profile)."""
    try:
        return slideshare(url) is not None or len(url.segments) >= 2
    except EmbedError:
        return False


# -- YouTube ---------------------------------------------------------------------------------


class YouTube(NamedTuple):
    """A video (``video``) or a playlist (``playlist``) on YouTube."""

    video: str = ""
    playlist: str = ""
    #: Shorts are filmed upright (9:16).
    upright: bool = False


def youtube(url: Url) -> YouTube | None:
    """The video or playlist a YouTube URL names; ``None`` for channels, searches…

    ``youtu.be/ID``, ``/watch?v=ID``, ``/embed/ID``, ``/live/ID``, ``/shorts/ID``
    and ``/v/ID`` name one video; ``/playlist?list=…`` and
    ``/embed/videoseries?list=…`` a playlist.
    """
    parts = url.segments
    query = _query(url)
    if parts in (["playlist"], ["embed", "videoseries"]):
        # Checked first: "videoseries" happens to be 11 characters long.
        playlist = query.get("list", [""])[-1]
        if not _YOUTUBE_LIST.fullmatch(playlist):
            raise EmbedError(f"{url.text!r} names no YouTube playlist (list=…)", "embed")
        return YouTube(playlist=playlist)
    upright = False
    if url.host == "youtu.be":
        video = parts[0] if len(parts) == 1 else ""
    elif parts == ["watch"]:
        video = query.get("v", [""])[-1]
    elif parts and parts[0] in _YOUTUBE_VIDEO_PATHS:
        video = parts[1] if len(parts) == 2 else ""
        upright = parts[0] == "shorts"
    elif url.host in _YOUTUBE_EMBED_HOSTS:
        raise EmbedError(f"{url.text!r} is not a YouTube embed URL", "embed")
    else:
        return None  # channels (/@name, /channel/…), searches: a link, nothing to play
    if not _YOUTUBE_ID.fullmatch(video):
        raise EmbedError(
            f"{video!r} in {url.text!r} is not a YouTube video id (11 letters, digits, - or _)",
            "embed",
        )
    return YouTube(video=video, upright=upright)


def youtube_start(url: Url) -> str:
    """The start time as written (``90``, ``1h2m3s``), ``""`` when there is none.

    ``start`` is the embed player's own parameter, ``t`` the share button's;
    very old links put ``t`` in the fragment.
    """
    query = _query(url)
    fragment = urllib.parse.parse_qs(url.fragment)
    return (query.get("start") or query.get("t") or fragment.get("t") or [""])[-1]


def seconds(value: str) -> int:
    """``90``, ``90s``, ``2m``, ``1h2m3s`` as seconds; else EmbedError (``"embed"``)."""
    text = value.strip().lower()
    match = _YOUTUBE_TIME.fullmatch(text)
    if not text or not text.isascii() or not match:
        raise EmbedError(f"the start time {value!r} is not like 90, 90s or 1h2m3s", "embed")
    hours, minutes, secs = (int(group) if group else 0 for group in match.groups())
    return hours * 3600 + minutes * 60 + secs


def watch_url(video: str, start: str = "") -> str:
    """The canonical watch page of a video, with ``t=`` when ``start`` is given."""
    return f"https://www.youtube.com/watch?v={video}" + (f"&t={start}" if start else "")
