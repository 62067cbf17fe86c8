"""Slides and recordings: what a user's URL embeds as, without Sphinx.

The host rules live in :mod:`~sphinx_eventarchive.core.hosts` (what a URL
names) and :mod:`~sphinx_eventarchive.core.urls` (whether it is a usable URL at
all); this module turns their answers into an :class:`Embed` the directives
render. A URL that cannot be used raises :class:`EmbedError`, whose
``subtype`` is the warning subtype the caller reports
(``eventarchive.<subtype>``); callers then fall back to a plain link, so a typo
never costs the reader the deck.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import hosts
from .hosts import SPEAKERDECK_ID
from .oembed import load_cache, resolve_speakerdeck_oembed, save_cache
from .urls import EmbedError, Url, check_url, parse_url

__all__ = [
    "SPEAKERDECK_ID",
    "Embed",
    "EmbedError",
    "Thumbnail",
    "Unresolved",
    "check_url",
    "embed_for",
    "load_cache",
    "parse_ratio",
    "resolve_speakerdeck_oembed",
    "save_cache",
    "slides",
    "speakerdeck",
    "talk_thumbnail",
    "video",
]


class Unresolved(EmbedError):
    """A Speaker Deck presentation URL whose player id is not known yet.

    ``url`` is the normalised presentation URL: the key the cache is read and
    written under, and the link callers render instead of the player.
    """

    url: str

    def __init__(self, url: str, message: str | None = None) -> None:
        super().__init__(
            message
            or f"the Speaker Deck id of {url} is not known: it is shown as a link "
            "(set eventarchive_resolve_online = True to look it up once and cache it)",
            "speakerdeck",
        )
        self.url = url


@dataclass(frozen=True, slots=True)
class Embed:
    """What to render for one slides or recording URL."""

    #: ``"speakerdeck"``, ``"docswell"``, ``"slideshare"``, ``"youtube"`` or ``"link"``.
    kind: str
    #: The plain link shown under the embed: a normalised URL the reader can open.
    url: str
    #: The iframe's ``src``; empty for ``kind == "link"`` (only a link is rendered).
    src: str = ""
    #: Width / height of the frame.
    ratio: float = 16 / 9
    #: Human name of the host, or the URL's host name for plain links.
    host: str = ""
    allowfullscreen: bool = True
    #: The host's id of the deck or video ("" for a playlist or a plain link).
    ident: str = ""
    #: Where a video starts playing, in seconds (a ``t=`` or ``start=``).
    start: int = 0

    @property
    def thumbnail(self) -> str:
        """The picture the host publishes for the id (a deck's cover, a video's still),
        where it has one at a known address; "" elsewhere (:data:`THUMBNAILS`)."""
        address = THUMBNAILS.get(self.kind, "")
        return address.format(ident=self.ident) if address and self.ident else ""


#: The one rule for a deck's cover or a video's still, by embed kind: the address the
#: host publishes it at for an id. The structured data's ``VideoObject.thumbnailUrl`` and
#: the talk cards of a speaker's page both read it (through :attr:`Embed.thumbnail`).
#: YouTube's ``hqdefault`` exists for every video (480x360, a 16:9 still letterboxed);
#: Speaker Deck's ``slide_0`` is the cover its own listings show.
THUMBNAILS = {
    "youtube": "https://i.ytimg.com/vi/{ident}/hqdefault.jpg",
    "speakerdeck": "https://files.speakerdeck.com/presentations/{ident}/slide_0.jpg",
}


class Thumbnail(NamedTuple):
    """A talk's picture on a card: where it is, whose it is, and the box it is shown in."""

    url: str
    #: The host's name ("Speaker Deck", "YouTube"): what a placeholder says instead.
    host: str
    #: The box, 16:9 as most decks and videos are: a 4:3 cover or YouTube's letterboxed
    #: still is cropped to it (CSS ``object-fit``), so every card of a grid is alike.
    width: int = 480
    height: int = 270


def talk_thumbnail(slides: str, video: str) -> Thumbnail | None:
    """A talk's picture from what its URLs say: the deck's cover, else the recording's
    still; None when neither names an id.

    Nothing is looked up: a Speaker Deck presentation URL carries no id (the cache file
    knows it, but a card drawn from the cache would change with a file no record
    holds), so it gives a cover only as a player URL or a bare id.
    """
    if not (isinstance(slides, str) and isinstance(video, str)):
        return None
    return _talk_thumbnail(slides, video)


@lru_cache(maxsize=1 << 15)
def _talk_thumbnail(slides: str, video: str) -> Thumbnail | None:
    # Pure of the two URLs, and asked for every card of a talk (a speaker's page, each
    # tag's): remembered.
    for role, url in (("slides", slides), ("video", video)):
        if not url:
            continue
        try:
            found = embed_for(url, role=role)
        except EmbedError:
            continue
        if found.thumbnail:
            return Thumbnail(found.thumbnail, found.host)
    return None


# SlideShare's current embed code is a 476x400 frame: the slide plus its
# toolbar, so neither 4:3 nor 16:9 fits it.
_SLIDESHARE_RATIO = 476 / 400


def _link(url: Url) -> Embed:
    return Embed(kind="link", url=url.text, host=url.host)


# -- Ratios ----------------------------------------------------------------------------------

_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:/]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?|\.\d+)")


def parse_ratio(value: str) -> float:
    """``16:9``, ``4:3``, ``16/9`` or a decimal such as ``1.7777`` as width / height."""
    # NFKC turns the full-width ``１６：９`` a Japanese keyboard produces into ``16:9``.
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _RATIO.fullmatch(text)
    if not match:
        raise EmbedError(
            f"the ratio {text!r} is not width:height (16:9, 4:3) or a decimal (1.7777)", "embed"
        )
    if match[3] is not None:
        ratio = float(match[3])
    else:
        height = float(match[2])
        ratio = float(match[1]) / height if height else 0.0
    # Outside these bounds a frame is a sliver: surely a typo (9:16 is 0.5625).
    if not 0.2 <= ratio <= 5:
        raise EmbedError(f"the ratio {text!r} is not between 1:5 and 5:1", "embed")
    return ratio


# -- Speaker Deck ----------------------------------------------------------------------------


def _speakerdeck_embed(deck_id: str, url: str, slide: int | None, ratio: float | None) -> Embed:
    src = hosts.speakerdeck_player(deck_id)
    if slide is not None:
        src += f"?slide={slide}"
    return Embed(
        kind="speakerdeck",
        url=url,
        src=src,
        ratio=16 / 9 if ratio is None else ratio,
        host="Speaker Deck",
        ident=deck_id,
    )


def speakerdeck(
    value: str,
    *,
    slide: int | None = None,
    ratio: float | None = None,
    cache: Mapping[str, str] | None = None,
) -> Embed:
    """The Speaker Deck player for an id, a player URL or a presentation URL.

    A ``?slide=N`` in the URL is honoured when ``slide`` is not given. A
    presentation URL is looked up in ``cache`` (normalised presentation URL ->
    id) and raises :class:`Unresolved` when absent: the URL alone carries no id.
    """
    if slide is not None and (isinstance(slide, bool) or slide < 1):
        raise EmbedError(f"the slide number {slide!r} is not a positive whole number", "embed")
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise EmbedError("the Speaker Deck id or URL is empty", "url")

    # Neither ':' nor '/': the user meant a bare id, so a bad one is a bad id
    # ("embed"), not a bad URL.
    if ":" not in text and "/" not in text:
        if not SPEAKERDECK_ID.fullmatch(text):
            raise EmbedError(
                f"{text!r} is not a Speaker Deck id (24 or 32 lower-case hex digits)", "embed"
            )
        return _speakerdeck_embed(text, hosts.speakerdeck_player(text), slide, ratio)

    url = parse_url(text)
    if hosts.host_kind(url) != "speakerdeck":
        raise EmbedError(f"{url.text!r} is not a Speaker Deck URL", "embed")
    if slide is None:
        slide = hosts.speakerdeck_slide(url)
    deck = hosts.speakerdeck(url)
    deck_id = deck.deck_id
    if not deck_id and cache is not None:
        deck_id = cache.get(deck.url) or cache.get(url.text) or ""
    if not isinstance(deck_id, str) or not SPEAKERDECK_ID.fullmatch(deck_id):
        raise Unresolved(deck.url)
    return _speakerdeck_embed(deck_id, deck.url, slide, ratio)


# -- Slides ----------------------------------------------------------------------------------


def slides(url: str, *, cache: Mapping[str, str] | None = None) -> Embed:
    """The embed for a session's ``:slides:``; a plain link for unknown hosts."""
    text = url.strip() if isinstance(url, str) else ""
    # A bare Speaker Deck id is what its share dialog shows most prominently.
    if SPEAKERDECK_ID.fullmatch(text):
        return speakerdeck(text, cache=cache)
    checked = parse_url(text)
    kind = hosts.host_kind(checked)
    if kind == "speakerdeck":
        return speakerdeck(checked.text, cache=cache)
    if kind == "docswell" and (frame := hosts.docswell(checked)):
        return Embed(kind="docswell", url=frame.url, src=frame.src, host="Docswell")
    if kind == "slideshare" and (frame := hosts.slideshare(checked)):
        return Embed(
            kind="slideshare",
            url=frame.url,
            src=frame.src,
            ratio=_SLIDESHARE_RATIO,
            host="SlideShare",
        )
    # A profile, tag or search page, an old SlideShare page URL without its
    # key, or another host: a link is all it can be.
    return _link(checked)


# -- Video -----------------------------------------------------------------------------------


def video(url: str) -> Embed:
    """The embed for a ``:video:``: YouTube through youtube-nocookie, else a link."""
    checked = parse_url(url)
    found = hosts.youtube(checked) if hosts.host_kind(checked) == "youtube" else None
    if found is None:
        return _link(checked)
    if found.playlist:
        # A whole event's recordings are often one playlist; YouTube embeds those too.
        return Embed(
            kind="youtube",
            url=f"https://www.youtube.com/playlist?list={found.playlist}",
            src=f"https://www.youtube-nocookie.com/embed/videoseries?list={found.playlist}",
            host="YouTube",
        )
    when = hosts.youtube_start(checked)
    start = hosts.seconds(when) if when else 0
    return Embed(
        kind="youtube",
        url=hosts.watch_url(found.video, f"{start}s" if start else ""),
        src=f"https://www.youtube-nocookie.com/embed/{found.video}"
        + (f"?start={start}" if start else ""),
        ratio=9 / 16 if found.upright else 16 / 9,
        host="YouTube",
        ident=found.video,
        start=start,
    )


def embed_for(url: str, *, role: str, cache: Mapping[str, str] | None = None) -> Embed:
    """Dispatch on the option a URL came from: ``"slides"`` or ``"video"``."""
    if role == "slides":
        return slides(url, cache=cache)
    if role == "video":
        return video(url)
    # A programming error, not a user's: deliberately not an EmbedError.
    raise ValueError(f"unknown embed role {role!r} (expected 'slides' or 'video')")
