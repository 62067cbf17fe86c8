"""How users write lists, speakers and names, and how names become keys and URLs."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Japanese and full-width separators count as their ASCII forms (SPEC §2).
_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";"})


def split_list(value: str) -> list[str]:
    """Split a ``tags``/``speakers`` value.

    Commas separate, unless the value holds a semicolon: then semicolons
    separate and commas belong to the items (``Doe, Jane; Roe, Richard``).
    """
    value = value.translate(_SEPARATORS)
    separator = ";" if ";" in value else ","
    return [item.strip() for item in value.split(separator) if item.strip()]


def split_speakers(value: str) -> list[str]:
    """Like :func:`split_list`, but a comma inside ``( … )`` never separates.

    ``Abby Bangser (Syntasso, London), Whitney Lee`` is two speakers.
    """
    value = value.translate(_SEPARATORS)
    if ";" in value:
        return split_list(value)
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
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
    return "".join(out) or "_"


def id_slug(text: str) -> str:
    """A readable default id from a title: ``PFEM #8`` → ``pfem-8``.

    Ids are written by people and only need to be stable, not injective, so
    punctuation is dropped rather than escaped.
    """
    words = re.split(r"[^\w]+", unicodedata.normalize("NFKC", text).casefold())
    return "-".join(word for word in words if word).replace("_", "-") or "untitled"


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def collapse(text: str) -> str:
    """White space runs to one space, but none between two CJK characters.

    A line break inside Japanese prose is not a word gap; joining lines with a
    space would put ``開催 しました`` into every description.
    """
    words = text.split()
    if not words:
        return ""
    out = [words[0]]
    for word in words[1:]:
        if not (_wide(out[-1][-1]) and _wide(word[0])):
            out.append(" ")
        out.append(word)
    return "".join(out)


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
