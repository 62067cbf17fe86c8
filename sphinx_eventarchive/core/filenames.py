"""File names made from ids and titles: one rule for every file a command writes.

An id is whatever a schedule, an API answer or a user typed. The file named
after it must be one name inside its folder, on every system the archive is
checked out on: no separator or ``..`` to climb out with, nothing Windows
forbids or reserves (a ``con.md`` cannot be checked out there), nothing that
breaks the page's URL, and short enough for every file system and path limit.

A name that is safe as it is stays as it is, so a Japanese id keeps its
Japanese. Anything else is mended (unsafe runs become ``-``, the end is cut
on a character boundary) and gets ``~`` and a short hash of the whole id: two
ids never end up with one name, and the same id always gets the same one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

#: The longest stem, in UTF-8 bytes: room under the 255-byte name limit of
#: common file systems, and under Windows' 260-character paths for most folders.
MAX_STEM_BYTES = 120

#: Names Windows keeps for devices, whatever their extension (``NUL.txt``)
#: and case. COM0 and LPT0 are listed by Microsoft; the superscript digits
#: count as digits there.
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"}
)

# ``~`` marks the hash and is mended everywhere else, so a name left as it
# was can never look like a mended one; ``#`` and ``%`` would break the URL of
# the page a report becomes.
_FORBIDDEN = frozenset('/\\<>:"|?*#%~')
# Control characters, invisible format characters (a right-to-left override
# makes ``gpj.md`` show as ``dm.jpg``), lone surrogates (no UTF-8 for them)
# and line separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ASCII_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*#%~]+')
_MARK = "~"
_HASH_CHARS = 8


def _unsafe(char: str) -> bool:
    return char in _FORBIDDEN or unicodedata.category(char) in _INVISIBLE


def _replace_unsafe(text: str) -> str:
    if text.isascii():
        return _ASCII_UNSAFE.sub("-", text)
    out: list[str] = []
    for char in text:
        if not _unsafe(char):
            out.append(char)
        elif not out or out[-1] != "\0":
            out.append("\0")  # one mark per run; the text holds no NUL any more
    return "".join(out).replace("\0", "-")


def is_windows_reserved(name: str) -> bool:
    """``CON``, ``nul.txt``, ``Com1 .tar.gz``: the part before the first dot names a device."""
    return name.partition(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED


def _mend(text: str) -> str:
    # Leading dots hide a file (and ``..`` climbs), a leading dash reads as an
    # option to a shell command; Windows drops trailing dots and spaces, so
    # ``a.`` and ``a`` would be one file there.
    name = _replace_unsafe(text).lstrip(". -").rstrip(". ")
    if is_windows_reserved(name):
        device = name.partition(".")[0].rstrip(" ")
        name = f"{device}_{name[len(device):]}"
    return name


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    # "ignore" drops the bytes of a character the cut went through.
    return data[:limit].decode("utf-8", "ignore").rstrip(". ")


def digest(text: str) -> str:
    """A short, stable hash of ``text`` (lone surrogates too: JSON can hold them)."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:_HASH_CHARS]


def safe_stem(text: str, fallback: str = "untitled") -> str:
    """``text`` as one file name without extension, safe on every OS; stable and injective.

    ``connpass-316339`` and ``pycon-jp-2019`` stay as they are;
    ``../../etc`` becomes ``etc~…``, ``CON`` becomes ``CON_~…``, an empty id
    ``untitled~…`` (``fallback``), and a 300-byte title its first 111 bytes
    and the hash.
    """
    name = _mend(text)
    if name and name == text and len(name.encode("utf-8")) <= MAX_STEM_BYTES:
        return name
    base = _cut(name or _mend(fallback) or "untitled", MAX_STEM_BYTES - 1 - _HASH_CHARS)
    return f"{base}{_MARK}{digest(text)}"


def safe_filename(text: str, suffix: str = ".md", fallback: str = "untitled") -> str:
    """``safe_stem(text)`` and ``suffix``: the name of the file an id is written to."""
    return safe_stem(text, fallback) + suffix


def name_key(name: str) -> str:
    """What a name is to a file system that ignores case (Windows, macOS) or
    normalises Unicode (macOS): two names with one key are one file there."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def distinct(names: Sequence[str]) -> list[str]:
    """``names``, the second and later of a name numbered: ``a.md``, ``a-2.md``, ``a-3.md``.

    Deterministic (the order given decides), and a number never takes a name
    that another entry wants for itself. ``A.md`` and ``a.md`` count as one
    name: on Windows and macOS they are one file.
    """
    wanted = {name_key(name) for name in names}
    taken: set[str] = set()
    given: list[str] = []
    for name in names:
        candidate = name
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        number = 1
        while name_key(candidate) in taken or (number > 1 and name_key(candidate) in wanted):
            number += 1
            candidate = safe_stem(f"{stem}-{number}") + dot + extension
        taken.add(name_key(candidate))
        given.append(candidate)
    return given
