"""Where each line of a social card image goes, found by measuring the text.

A card is 1200×630: the site's name (and logo) at the top, the title, and under
it the date and place (or what a generated page is about). Every line is
measured with the font it is drawn in, so the blocks never overlap: the title
gets the room between the top and the lines under it, at the largest size at
which it fits in three lines; a title that does not fit even at the smallest
size is cut where a phrase ends and ends with "…".

Lines break between phrases: BudouX's for Japanese and Chinese
(``core/phrases.py``), words for Latin text. A phrase wider than the whole line
is broken between characters, following the basic kinsoku rules (no 、。」 at a
line's start, no 「 at its end).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS
from sphinx_eventarchive.core.phrases import phrases

WIDTH, HEIGHT = 1200, 630
LEFT, RIGHT = 80, WIDTH - 80
INK, MUTED, ACCENT, PAPER = "#1f2328", "#57606a", "#1f6feb", "#ffffff"
#: The accent stripes: down the left edge and along the bottom.
STRIPES = ((0, 0, 24, HEIGHT), (0, HEIGHT - 12, WIDTH, HEIGHT))
TITLE_SIZES = (96, 80, 64, 58, 52, 48, 44)
TITLE_LINES = 3
META_SIZES = (34, 30, 26)
NAME_SIZES = (30, 26, 22)
LOGO_TOP, LOGO_MOST = 40, 120
NAME_TOP = 60
TITLE_TOP = 175
#: The lowest a line's box may reach: above the bottom stripe, with room to breathe.
BOTTOM = HEIGHT - 12 - 40
GAP = 28  # between the title and the lines under it
ELLIPSIS = "…"

# Kinsoku (JIS X 4051, abridged): characters that may not start a line, or end one.
_NO_START = frozenset("、。，．,.)）]］}｝〕〉》」』】〙〗〟’”｠»ゝゞー"
                      "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ"
                      "々〻‐゠–〜～？!！?‼⁇⁈⁉・:：;；/／")
_NO_END = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“｟«")
_HANG = frozenset("、。，．,.")  # may hang past the margin (burasage)
#: Dropped before the ellipsis: "SRE入門、…" reads as "SRE入門…".
_BEFORE_ELLIPSIS = " \u3000、。，．,.・:：;；"
_AFTER_SPACE = re.compile(r"(?<=\s)(?=\S)")


@functools.lru_cache(maxsize=32)
def load_font(path: str, size: int) -> Any:
    from PIL import ImageFont

    # BASIC layout needs no libraqm and draws the same everywhere.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class Line:
    """One line of text on the card: where it is drawn (its top left, Pillow's
    ``la`` anchor) and the box its ink takes (Pillow's ``textbbox``)."""

    text: str
    size: int
    x: int
    y: int
    fill: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    #: Where the logo goes (left, top, right, bottom), or None.
    logo: tuple[int, int, int, int] | None
    #: How many characters of the title are shown: all, or up to the phrase it was cut at.
    title_shown: int
    #: How many of the first lines are the site's (its name): the same on all its cards.
    shared: int = 0

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """Every box drawn on the card: the lines of text and the logo."""
        return [line.box for line in self.lines] + ([self.logo] if self.logo else [])


def units(text: str, language: str | None = None,
          honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> list[str]:
    """The pieces a line may break between: phrases, cut again after each space."""
    return [piece for phrase in phrases(text, language, honorifics)
            for piece in _AFTER_SPACE.split(phrase) if piece]


def _lines(pieces: Sequence[str], font: Any, width: int) -> list[list[str]]:
    """Greedy lines of whole pieces of at most ``width`` pixels; a piece wider than a
    line is broken between characters, with the basic kinsoku rules."""
    lines: list[list[str]] = [[]]

    def length(parts: Sequence[str]) -> float:
        return float(font.getlength("".join(parts).strip()))

    for piece in pieces:
        line = lines[-1]
        if not line and not piece.strip():
            continue
        if length([*line, piece]) <= width or piece.strip() in _HANG:
            line.append(piece)
            continue
        if font.getlength(piece.strip()) <= width:
            lines.append([piece.lstrip()])
            continue
        for char in piece:  # longer than a line: broken between characters
            line = lines[-1]
            if length([*line, char]) <= width or not line or char in _HANG:
                line.append(char)
            elif char in _NO_START and len(line) > 1:
                lines.append([line.pop(), char])  # the last character goes down with it
            else:
                carry: list[str] = []
                while len(line) > 1 and line[-1] in _NO_END:
                    carry.insert(0, line.pop())
                lines.append([*carry, char.lstrip()] if char.strip() else carry)
    return [line for line in lines if "".join(line).strip()]


def wrap(text: str, font: Any, width: int, language: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` pixels, broken between phrases."""
    return ["".join(line).strip() for line in _lines(units(text, language), font, width)]


def _shortened(pieces: Sequence[str], font: Any, width: int, most: int) -> list[str]:
    """The first ``most`` lines, the last ending with "…" after the last phrase that
    fits beside it."""
    lines = _lines(pieces, font, width)[:most]
    last = lines[-1]

    def fits(parts: Sequence[str]) -> bool:
        return bool(font.getlength("".join(parts).rstrip(_BEFORE_ELLIPSIS) + ELLIPSIS) <= width)

    while len(last) > 1 and not fits(last):
        last.pop()
    if not fits(last):
        # One phrase alone is too wide for the ellipsis beside it: cut between characters.
        word = "".join(last)
        while word and not fits([word]):
            word = word[:-1]
        last[:] = [word]
    text = ["".join(line).strip() for line in lines]
    text[-1] = "".join(last).strip().rstrip(_BEFORE_ELLIPSIS) + ELLIPSIS
    return text


def shown_length(text: str, lines: Sequence[str]) -> int:
    """How many characters of ``text`` the lines show (spaces at line breaks dropped,
    the ellipsis and what it replaced not counted)."""
    wanted = len(re.sub(r"\s", "", "".join(lines).removesuffix(ELLIPSIS)))
    seen = 0
    for index, char in enumerate(text):
        if seen == wanted:
            return index
        seen += not char.isspace()
    return len(text)


def _line_height(font: Any) -> int:
    ascent, descent = font.getmetrics()
    return int(ascent + descent)


def _block(text: Sequence[str], font: Any, top: int, fill: str, step: int) -> list[Line]:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    pen = ImageDraw.Draw(PILImage.new("1", (1, 1)))
    out = []
    for index, line in enumerate(text):
        y = top + index * step
        box = pen.textbbox((LEFT, y), line, font=font, anchor="la")
        out.append(Line(line, int(font.size), LEFT, y, fill, box))
    return out


@functools.lru_cache(maxsize=1024)  # the site's name, and dates and places, recur
def _one_line(text: str, font_path: str, sizes: tuple[int, ...], width: int,
              language: str | None) -> tuple[Any, str]:
    """The largest size at which ``text`` fits in one line; else shortened at a phrase."""
    for size in sizes:
        font = load_font(font_path, size)
        if font.getlength(text) <= width:
            return font, text
    return font, _shortened(units(text, language), font, width, 1)[0]


def layout(title: str, meta: Sequence[str], site_name: str, font_path: str,
           logo_size: tuple[int, int] | None = None, language: str | None = None,
           honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> Layout:
    """Where the site's name, the logo, the title and the lines under it go."""
    lines: list[Line] = []
    logo = None
    name_width = RIGHT - LEFT
    top = TITLE_TOP
    if logo_size:
        logo = (RIGHT - logo_size[0], LOGO_TOP, RIGHT, LOGO_TOP + logo_size[1])
        name_width = logo[0] - 40 - LEFT
        top = max(top, logo[3] + GAP)
    if site_name:
        font, text = _one_line(site_name, font_path, NAME_SIZES, name_width, language)
        lines += _block([text], font, NAME_TOP, MUTED, 0)
        top = max(top, int(lines[-1].box[3]) + GAP)
    shared = len(lines)
    # The lines under the title, from the bottom up: the first in ink, the second muted.
    under: list[Line] = []
    bottom = BOTTOM
    shown = [text for text in meta[:2] if text]
    for index in reversed(range(len(shown))):
        font, text = _one_line(shown[index], font_path, META_SIZES, RIGHT - LEFT, language)
        under[:0] = _block([text], font, bottom - _line_height(font),
                           INK if index == 0 else MUTED, 0)
        bottom = int(under[0].box[1]) - 12
    room = (int(under[0].box[1]) if under else BOTTOM) - GAP - top
    title_lines, size = _title(title, font_path, room, language, tuple(honorifics))
    font = load_font(font_path, size)
    lines += _block(title_lines, font, top, INK, int(size * 1.35))
    return Layout(tuple(lines + under), logo, shown_length(title, title_lines), shared)


def _title(title: str, font_path: str, room: int, language: str | None,
           honorifics: tuple[str, ...]) -> tuple[list[str], int]:
    """The title's lines and size: the largest size at which it fits in ``room`` pixels
    and three lines; else the smallest, cut after a phrase."""
    pieces = units(title, language, honorifics)
    for size in TITLE_SIZES:
        font = load_font(font_path, size)
        step = int(size * 1.35)  # Noto's own line height (1.45 em) is too loose here
        text = ["".join(line).strip() for line in _lines(pieces, font, RIGHT - LEFT)]
        most = max(1, min(TITLE_LINES, 1 + (room - _line_height(font)) // step))
        if len(text) <= most:
            return text, size
    return _shortened(pieces, font, RIGHT - LEFT, most), TITLE_SIZES[-1]
