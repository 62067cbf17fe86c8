"""How users write lists, speakers and names, and how names become keys and URLs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import urlsplit

# Japanese and full-width separators count as their ASCII forms (docs/reference/directives.md).
_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";"})


def split_list(value: str) -> list[str]:
    """Split a ``tags``/``speakers`` value.

    Commas separate, unless the value holds a semicolon: then semicolons
    separate and commas belong to the items (``Doe, Jane; Roe, Richard``).
    Items keep the punctuation they were written with.
    """
    return _split(value, brackets=False)


def split_speakers(value: str) -> list[str]:
    """Like :func:`split_list`, but nothing inside ``( … )`` separates.

    ``Abby Bangser (Syntasso, London), Whitney Lee`` is two speakers, and an
    affiliation written ``（コドモン、東京）`` keeps its own punctuation.
    """
    return _split(value, brackets=True)


def _split(value: str, *, brackets: bool) -> list[str]:
    separator = ";" if ";" in value.translate(_SEPARATORS) else ","
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if brackets and char in "(（":
            depth += 1
        elif brackets and char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char.translate(_SEPARATORS) == separator:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


class SpeakerName(NamedTuple):
    name: str
    affiliation: str


class SpeakerError(ValueError):
    pass


_SPEAKER = re.compile(r"^(?P<name>[^()（）]*?)\s*(?:[(（](?P<aff>[^()（）]*)[)）])?$")


def parse_speaker(text: str) -> SpeakerName:
    """``Name (Affiliation)`` → its parts; full-width brackets are brackets too."""
    text = " ".join(text.split())
    match = _SPEAKER.match(text)
    if not match:
        raise SpeakerError(f"cannot read speaker {text!r}: write 'Name (Affiliation)'")
    name = match["name"].strip()
    if not name:
        raise SpeakerError(f"speaker {text!r} has no name")
    return SpeakerName(name, (match["aff"] or "").strip())


def identity(name: str) -> str:
    """The key that makes ``Abby Bangser`` and ``abby  bangser`` one person (or tag)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _plain(char: str) -> bool:
    # Letters, marks and digits of any script stay as they are: a Japanese
    # name stays Japanese in the URL and ガ keeps its dakuten.
    return unicodedata.category(char)[0] in "LMN"


def slugify(name: str) -> str:
    """A URL path segment for a name, injective on :func:`identity` keys.

    The same name always gives the same slug, whatever else is in the archive.
    White space becomes ``-``; every other character that is not a letter,
    mark or digit is written ``_<hex>_`` (``_`` itself is ``__``, ``-`` is
    ``_-``), so ``C++`` and ``C#`` never share a URL and nothing collides.
    """
    out: list[str] = []
    for char in identity(name):
        if _plain(char):
            out.append(char)
        elif char == " ":
            out.append("-")
        elif char == "_":
            out.append("__")
        elif char == "-":
            out.append("_-")
        else:
            out.append(f"_{ord(char):x}_")
    slug = "".join(out) or "_"
    if len(slug.encode("utf-8")) > _MAX_SLUG_BYTES:
        # File names stop at 255 bytes; a hash of the whole key keeps long
        # names apart and stable.
        digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=6).hexdigest()
        while len(slug.encode("utf-8")) > _MAX_SLUG_BYTES - 13:
            slug = slug[:-1]
        slug = f"{slug}-{digest}"
    return slug


_MAX_SLUG_BYTES = 150


def id_slug(text: str, fallback: str = "untitled") -> str:
    """A readable default id from a name: ``PFEM #8`` → ``pfem-8``.

    Ids are written by people and only need to be stable, not injective, so
    everything but letters, marks and digits separates words rather than
    being escaped (``__init__ in Python`` → ``init-in-python``). Every script
    keeps its letters and their marks: a Japanese title keeps its Japanese, a
    Thai or Hindi one its vowel signs. A mark with no letter or digit before
    it (the variation selector after an emoji) separates, like the emoji.
    The importers write their ids with this too, so an imported report names
    its events and sessions as the directives would by default.
    """
    if text.isascii():
        # The common case, and 20,000 talks of an import: no Unicode tables.
        return "-".join(_ASCII_WORD.findall(text.lower())) or fallback
    words: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        kind = unicodedata.category(char)[0]
        if kind in "LN" or (kind == "M" and current):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return "-".join(words) or fallback


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def has_scheme(value: str) -> bool:
    """``javascript:x``, ``HTTPS://…``: text that is a URL rather than a path."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value.strip()))


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def collapse(text: str) -> str:
    """White space runs to one space; a line break next to CJK text to nothing.

    A line break inside Japanese prose is not a word gap: joining lines with a
    space would put ``開催 しました`` into every description. A space the writer
    typed (``佐々木 太郎``) stays.
    """
    text = text.strip()

    def gap(match: re.Match[str]) -> str:
        if "\n" in match[0] or "\r" in match[0]:
            before = text[match.start() - 1]
            after = text[match.end()] if match.end() < len(text) else ""
            if _wide(before) or (after and _wide(after)):
                return ""
        return " "

    return _GAP.sub(gap, text)


_GAP = re.compile(r"\s+")


def excerpt(text: str, limit: int = 200) -> str:
    """A one-line summary that never splits a word or adds spaces to CJK text."""
    text = collapse(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:、。") + "…"


def twitter_handle(value: str) -> str:
    """``@name``, ``name`` or ``https://x.com/name`` → ``@name``."""
    value = value.strip()
    if "://" in value:
        value = urlsplit(value).path.strip("/").split("/")[0]
    value = value.lstrip("@")
    return f"@{value}" if value else ""
