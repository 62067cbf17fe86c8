"""Slides and recordings: what a user's URL embeds as, without Sphinx.

Everything here is pure string handling (plus one opt-in HTTP request), so the
directives, the ``migrate`` command and the unit tests share one set of rules.
A URL that cannot be used raises :class:`EmbedError`, whose ``subtype`` is the
warning subtype the caller reports (``eventarchive.<subtype>``); callers then
fall back to a plain link, so a typo never costs the reader the deck.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import pathlib
import re
import tempfile
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "SPEAKERDECK_ID",
    "Embed",
    "EmbedError",
    "Unresolved",
    "check_url",
    "embed_for",
    "load_cache",
    "parse_ratio",
    "resolve_speakerdeck_oembed",
    "save_cache",
    "slides",
    "speakerdeck",
    "video",
]


class EmbedError(ValueError):
    """A user's URL or id that cannot be used.

    ``subtype`` is the warning subtype: ``"url"`` (not http(s), white space,
    empty, not a URL) or ``"embed"`` (a recognised host but a malformed id or
    URL); :class:`Unresolved` and oEmbed failures use ``"speakerdeck"``.
    """

    subtype: str

    def __init__(self, message: str, subtype: str = "url") -> None:
        super().__init__(message)
        self.subtype = subtype


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


# Speaker Deck ids are hex: 24 digits for old (MongoDB ObjectId) decks, 32 for
# newer ones. Upper case never appears in Speaker Deck's own embed code, so it
# signals a mistyped or mangled id rather than a different deck.
SPEAKERDECK_ID: re.Pattern[str] = re.compile(r"(?:[0-9a-f]{24}|[0-9a-f]{32})")

# YouTube video ids: 11 characters of the URL-safe base64 alphabet.
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# Playlist ids (PL…, UU…, OL…, RD…) vary in length; bounded so junk is caught.
_YOUTUBE_LIST = re.compile(r"[A-Za-z0-9_-]{2,64}")
# Docswell slide ids are short upper-case alphanumerics (``LK7J5V``); the
# length is not documented, so a small range rather than exactly six.
_DOCSWELL_ID = re.compile(r"[0-9A-Z]{4,12}")
_SLIDESHARE_KEY = re.compile(r"[A-Za-z0-9]{6,32}")

_SPEAKERDECK_HOSTS = frozenset({"speakerdeck.com", "www.speakerdeck.com"})
_DOCSWELL_HOSTS = frozenset({"docswell.com", "www.docswell.com"})
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
_YOUTUBE_EMBED_HOSTS = frozenset({"youtube-nocookie.com", "www.youtube-nocookie.com"})
# SlideShare serves the same decks on language sub-domains (de., fr., es., …).
_SLIDESHARE_HOST = re.compile(r"(?:www\.|[a-z]{2}\.)?slideshare\.net")

# First path segments of speakerdeck.com that are not user names, so
# ``/<segment>/<slug>`` there is not a presentation.
_SPEAKERDECK_RESERVED = frozenset({"player", "u", "c", "p", "search", "assets", "oembed.json"})

# SlideShare's current embed code is a 476x400 frame: the slide plus its
# toolbar, so neither 4:3 nor 16:9 fits it.
_SLIDESHARE_RATIO = 476 / 400

# The largest oEmbed answer read: a real one is about 1 kB.
_OEMBED_LIMIT = 1 << 20


# -- URLs ------------------------------------------------------------------------------------


# \s covers the ideographic space (U+3000) that Japanese input methods slip
# in; control characters (category Cc) are rejected for the same reason.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _has_space_or_control(text: str) -> bool:
    return _SPACE_OR_CONTROL.search(text) is not None


def check_url(value: str) -> str:
    """Return ``value`` stripped, or raise :class:`EmbedError` (``"url"``).

    Only absolute ``http``/``https`` URLs with a host pass: ``javascript:``,
    ``data:``, ``ftp:``, scheme-relative and relative paths would either run
    script in the reader's browser or point nowhere once the page moves.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise EmbedError("the URL is empty", "url")
    if _has_space_or_control(text):
        raise EmbedError(f"the URL {text!r} holds white space", "url")
    try:
        parts = urllib.parse.urlsplit(text)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise EmbedError(f"{text!r} is not a URL", "url") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise EmbedError(f"the URL {text!r} is not http(s)", "url")
    if not hostname:
        raise EmbedError(f"the URL {text!r} has no host", "url")
    return text


def _split(url: str) -> tuple[str, urllib.parse.SplitResult]:
    """The lower-cased host and the parts of an already checked URL."""
    parts = urllib.parse.urlsplit(url)
    return (parts.hostname or "").lower(), parts


def _segments(path: str) -> list[str]:
    # Trailing and doubled slashes are common in pasted URLs and mean nothing.
    return [segment for segment in path.split("/") if segment]


def _link(url: str) -> Embed:
    host, _ = _split(url)
    return Embed(kind="link", url=url, host=host)


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


def _positive(value: str, what: str) -> int:
    if not value.isdigit() or not value.isascii() or int(value) < 1:
        raise EmbedError(f"{what} {value!r} is not a positive whole number", "embed")
    return int(value)


def _speakerdeck_embed(deck_id: str, url: str, slide: int | None, ratio: float | None) -> Embed:
    src = f"https://speakerdeck.com/player/{deck_id}"
    if slide is not None:
        src += f"?slide={slide}"
    return Embed(
        kind="speakerdeck",
        url=url,
        src=src,
        ratio=16 / 9 if ratio is None else ratio,
        host="Speaker Deck",
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
        return _speakerdeck_embed(text, f"https://speakerdeck.com/player/{text}", slide, ratio)

    url = check_url(text)
    host, parts = _split(url)
    if host not in _SPEAKERDECK_HOSTS:
        raise EmbedError(f"{url!r} is not a Speaker Deck URL", "embed")
    if slide is None:
        query = urllib.parse.parse_qs(parts.query)
        if "slide" in query:
            slide = _positive(query["slide"][-1], "the slide number")
    segments = _segments(parts.path)

    if len(segments) == 2 and segments[0] == "player":
        deck_id = segments[1]
        if not SPEAKERDECK_ID.fullmatch(deck_id):
            raise EmbedError(
                f"{deck_id!r} in {url!r} is not a Speaker Deck id (24 or 32 lower-case hex digits)",
                "embed",
            )
        return _speakerdeck_embed(
            deck_id, f"https://speakerdeck.com/player/{deck_id}", slide, ratio
        )

    if len(segments) == 2 and segments[0] not in _SPEAKERDECK_RESERVED:
        # One spelling per deck (https, no www, no query, no slash at the end),
        # so the cache holds each deck once however it was pasted.
        presentation = f"https://speakerdeck.com/{segments[0]}/{segments[1]}"
        deck_id = ""
        if cache is not None:
            deck_id = cache.get(presentation) or cache.get(url) or ""
        if not isinstance(deck_id, str) or not SPEAKERDECK_ID.fullmatch(deck_id):
            raise Unresolved(presentation)
        return _speakerdeck_embed(deck_id, presentation, slide, ratio)

    raise EmbedError(
        f"{url!r} is neither a Speaker Deck player URL (https://speakerdeck.com/player/<id>) "
        "nor a presentation URL (https://speakerdeck.com/<user>/<slug>)",
        "embed",
    )


# The player URL inside the oEmbed answer's iframe: ``https:`` today,
# scheme-relative (``//speakerdeck.com/player/…``) in older answers.
_PLAYER_IN_HTML = re.compile(r"(?:https?:)?//speakerdeck\.com/player/([0-9A-Za-z]+)")
# The script embed Speaker Deck used before iframes: ``data-id="…"``.
_DATA_ID_IN_HTML = re.compile(r"""data-id\s*=\s*["']([0-9A-Za-z]+)["']""")


def resolve_speakerdeck_oembed(
    url: str,
    *,
    endpoint: str = "https://speakerdeck.com/oembed.json",
    timeout: float = 5.0,
) -> str:
    """Ask Speaker Deck's oEmbed endpoint for the player id of a presentation URL.

    The answer is JSON whose ``html`` holds the embed code,
    ``<iframe … src="https://speakerdeck.com/player/<id>" …>``; the id is taken
    from there. Any failure raises :class:`EmbedError` (``"speakerdeck"``) so a
    build without network degrades to a link and a warning.
    """
    try:
        endpoint = check_url(endpoint)
        url = check_url(url)
    except EmbedError as error:
        # A file: or data: endpoint would read local files: refuse it outright.
        raise EmbedError(f"cannot ask Speaker Deck: {error}", "speakerdeck") from None
    query = urllib.parse.urlencode({"url": url})
    request = urllib.request.Request(
        f"{endpoint}{'&' if '?' in endpoint else '?'}{query}",
        headers={"Accept": "application/json", "User-Agent": "sphinx-eventarchive"},
    )
    what = f"Speaker Deck could not resolve {url}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(_OEMBED_LIMIT + 1)
    except urllib.error.HTTPError as error:
        raise EmbedError(f"{what}: HTTP {error.code} {error.reason}", "speakerdeck") from None
    except urllib.error.URLError as error:
        # urlopen wraps connection failures, and time-outs while connecting, here.
        reason = error.reason
        text = "timed out" if isinstance(reason, TimeoutError) else str(reason)
        raise EmbedError(f"{what}: {text}", "speakerdeck") from None
    except TimeoutError:
        raise EmbedError(f"{what}: timed out after {timeout:g} s", "speakerdeck") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise EmbedError(f"{what}: {error or type(error).__name__}", "speakerdeck") from None
    if len(body) > _OEMBED_LIMIT:
        raise EmbedError(f"{what}: the answer is too large", "speakerdeck")
    try:
        data = json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        raise EmbedError(f"{what}: the answer is not JSON", "speakerdeck") from None
    html = data.get("html") if isinstance(data, dict) else None
    if isinstance(html, str):
        for pattern in (_PLAYER_IN_HTML, _DATA_ID_IN_HTML):
            match = pattern.search(html)
            if match and SPEAKERDECK_ID.fullmatch(match[1]):
                return match[1]
    raise EmbedError(f"{what}: the answer holds no player id", "speakerdeck")


# -- Cache -----------------------------------------------------------------------------------

_CACHE_SECTION = "speakerdeck"


def _read_json(path: pathlib.Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_cache(path: pathlib.Path) -> dict[str, str]:
    """The Speaker Deck ids kept in ``path`` (``{"speakerdeck": {url: id}}``).

    A missing, unreadable or corrupt file is an empty cache, never an error: the
    cache only saves network requests. Entries whose id is malformed (a hand
    edit gone wrong) are dropped so they cannot reach a player URL.
    """
    data = _read_json(pathlib.Path(path))
    section = data.get(_CACHE_SECTION) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return {}
    return {
        url: deck_id
        for url, deck_id in section.items()
        if isinstance(url, str) and isinstance(deck_id, str) and SPEAKERDECK_ID.fullmatch(deck_id)
    }


def save_cache(path: pathlib.Path, entries: Mapping[str, str]) -> None:
    """Write ``entries`` to ``path``, only when that changes the file.

    The file lives in the source tree and is meant to be committed, so its
    form is stable (sorted keys, two-space indent, UTF-8 so Japanese slugs stay
    readable, a final newline) and an unchanged cache does not touch it:
    rewriting would bump its mtime and make editors and watchers rebuild.
    Other top-level keys of an existing file are kept for later cache kinds.
    """
    path = pathlib.Path(path)
    existing = _read_json(path)
    data: dict[str, object] = dict(existing) if isinstance(existing, dict) else {}
    data[_CACHE_SECTION] = {str(url): str(deck_id) for url, deck_id in entries.items()}
    content = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    encoded = content.encode("utf-8")
    with contextlib.suppress(OSError):
        if path.read_bytes() == encoded:
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target and rename over it: parallel builds and readers
    # never see half a file.
    try:
        # mkstemp creates the file 0600; keep the old file's mode, else a usual one.
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(encoded)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- Slides ----------------------------------------------------------------------------------

_DOCSWELL_PAGE = re.compile(r"p(\d+)")


def _docswell(url: str, parts: urllib.parse.SplitResult) -> Embed:
    segments = _segments(parts.path)
    page = ""
    if match := _DOCSWELL_PAGE.fullmatch(parts.fragment):
        page = f"#p{_positive(match[1], 'the Docswell page')}"

    if segments and segments[0] == "s":
        # https://www.docswell.com/s/<user>/<ID>-<slug>; the slug may be absent.
        deck_id = segments[2].split("-", 1)[0] if len(segments) == 3 else ""
        if not _DOCSWELL_ID.fullmatch(deck_id):
            raise EmbedError(
                f"{url!r} is not a Docswell slide URL (https://www.docswell.com/s/<user>/<ID>-<slug>)",
                "embed",
            )
        return Embed(
            kind="docswell",
            url=f"https://www.docswell.com/s/{segments[1]}/{segments[2]}{page}",
            src=f"https://www.docswell.com/slide/{deck_id}/embed{page}",
            host="Docswell",
        )
    if segments and segments[0] == "slide":
        # The embed URL itself, as copied out of Docswell's embed code.
        if (
            len(segments) not in (2, 3)
            or not _DOCSWELL_ID.fullmatch(segments[1])
            or (len(segments) == 3 and segments[2] != "embed")
        ):
            raise EmbedError(
                f"{url!r} is not a Docswell embed URL (https://www.docswell.com/slide/<ID>/embed)",
                "embed",
            )
        src = f"https://www.docswell.com/slide/{segments[1]}/embed{page}"
        return Embed(kind="docswell", url=src, src=src, host="Docswell")
    # A profile, tag or search page: a link is all it can be.
    return _link(url)


def _slideshare(url: str, parts: urllib.parse.SplitResult) -> Embed:
    segments = _segments(parts.path)
    query = urllib.parse.parse_qs(parts.query)
    start = ""
    if "startSlide" in query:
        start = f"?startSlide={_positive(query['startSlide'][-1], 'the start slide')}"

    if segments[:2] == ["slideshow", "embed_code"]:
        rest = segments[2:]
        if len(rest) == 2 and rest[0] == "key" and _SLIDESHARE_KEY.fullmatch(rest[1]):
            # The form SlideShare's "Embed" button gives today.
            src = f"https://www.slideshare.net/slideshow/embed_code/key/{rest[1]}{start}"
        elif len(rest) == 1 and rest[0].isdigit() and rest[0].isascii():
            # The older form by numeric slideshow id; SlideShare still serves it.
            src = f"https://www.slideshare.net/slideshow/embed_code/{rest[0]}{start}"
        else:
            raise EmbedError(
                f"{url!r} is not a SlideShare embed URL "
                "(https://www.slideshare.net/slideshow/embed_code/key/<key>)",
                "embed",
            )
        return Embed(
            kind="slideshare", url=src, src=src, ratio=_SLIDESHARE_RATIO, host="SlideShare"
        )

    if len(segments) == 3 and segments[0] == "slideshow" and segments[2].isdigit():
        # Page URLs since 2023 end in the numeric slideshow id, which the
        # numeric embed_code form takes.
        slideshow_id = segments[2]
        if not slideshow_id.isascii():
            raise EmbedError(f"{url!r} ends in no SlideShare slideshow id", "embed")
        return Embed(
            kind="slideshare",
            url=f"https://www.slideshare.net/slideshow/{segments[1]}/{slideshow_id}",
            src=f"https://www.slideshare.net/slideshow/embed_code/{slideshow_id}{start}",
            ratio=_SLIDESHARE_RATIO,
            host="SlideShare",
        )
    # Older page URLs (/<user>/<slug>) carry no key: only SlideShare's oEmbed
    # or the page itself knows it, and a guessed frame would show a 404.
    return _link(url)


def slides(url: str, *, cache: Mapping[str, str] | None = None) -> Embed:
    """The embed for a session's ``:slides:``; a plain link for unknown hosts."""
    text = url.strip() if isinstance(url, str) else ""
    # A bare Speaker Deck id is what its share dialog shows most prominently.
    if SPEAKERDECK_ID.fullmatch(text):
        return speakerdeck(text, cache=cache)
    checked = check_url(text)
    host, parts = _split(checked)
    if host in _SPEAKERDECK_HOSTS:
        return speakerdeck(checked, cache=cache)
    if host in _DOCSWELL_HOSTS:
        return _docswell(checked, parts)
    if _SLIDESHARE_HOST.fullmatch(host):
        return _slideshare(checked, parts)
    return _link(checked)


# -- Video -----------------------------------------------------------------------------------

_YOUTUBE_TIME = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")


def _seconds(value: str) -> int:
    """``90``, ``90s``, ``2m``, ``1h2m3s`` as seconds."""
    text = value.strip().lower()
    match = _YOUTUBE_TIME.fullmatch(text)
    if not text or not text.isascii() or not match:
        raise EmbedError(f"the start time {value!r} is not like 90, 90s or 1h2m3s", "embed")
    hours, minutes, seconds = (int(group) if group else 0 for group in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _youtube_id(value: str, url: str) -> str:
    if not _YOUTUBE_ID.fullmatch(value):
        raise EmbedError(
            f"{value!r} in {url!r} is not a YouTube video id (11 letters, digits, - or _)",
            "embed",
        )
    return value


def _youtube(url: str, host: str, parts: urllib.parse.SplitResult) -> Embed:
    segments = _segments(parts.path)
    query = urllib.parse.parse_qs(parts.query)
    ratio = 16 / 9

    if segments in (["playlist"], ["embed", "videoseries"]):
        # A whole event's recordings are often one playlist; YouTube embeds those
        # too. Checked first: "videoseries" happens to be 11 characters long.
        playlist = query.get("list", [""])[-1]
        if not _YOUTUBE_LIST.fullmatch(playlist):
            raise EmbedError(f"{url!r} names no YouTube playlist (list=…)", "embed")
        return Embed(
            kind="youtube",
            url=f"https://www.youtube.com/playlist?list={playlist}",
            src=f"https://www.youtube-nocookie.com/embed/videoseries?list={playlist}",
            host="YouTube",
        )
    if host == "youtu.be":
        video_id = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        video_id = query.get("v", [""])[-1]
    elif segments and segments[0] in ("live", "shorts", "embed", "v"):
        video_id = segments[1] if len(segments) == 2 else ""
        if segments[0] == "shorts":
            ratio = 9 / 16  # shorts are filmed upright
    elif host in _YOUTUBE_EMBED_HOSTS:
        raise EmbedError(f"{url!r} is not a YouTube embed URL", "embed")
    else:
        # Channels (/@name, /channel/…), searches: worth a link, nothing to play.
        return _link(url)
    video_id = _youtube_id(video_id, url)

    # ``start`` is the embed player's own parameter, ``t`` the share button's;
    # very old links put ``t`` in the fragment.
    fragment = urllib.parse.parse_qs(parts.fragment)
    when = (query.get("start") or query.get("t") or fragment.get("t") or [""])[-1]
    start = _seconds(when) if when else 0
    return Embed(
        kind="youtube",
        url=f"https://www.youtube.com/watch?v={video_id}" + (f"&t={start}s" if start else ""),
        src=f"https://www.youtube-nocookie.com/embed/{video_id}"
        + (f"?start={start}" if start else ""),
        ratio=ratio,
        host="YouTube",
    )


def video(url: str) -> Embed:
    """The embed for a ``:video:``: YouTube through youtube-nocookie, else a link."""
    checked = check_url(url)
    host, parts = _split(checked)
    if host in _YOUTUBE_HOSTS or host in _YOUTUBE_EMBED_HOSTS or host == "youtu.be":
        return _youtube(checked, host, parts)
    return _link(checked)


def embed_for(url: str, *, role: str, cache: Mapping[str, str] | None = None) -> Embed:
    """Dispatch on the option a URL came from: ``"slides"`` or ``"video"``."""
    if role == "slides":
        return slides(url, cache=cache)
    if role == "video":
        return video(url)
    # A programming error, not a user's: deliberately not an EmbedError.
    raise ValueError(f"unknown embed role {role!r} (expected 'slides' or 'video')")
