"""Where a line may break in a title: between its phrases, found by BudouX.

Japanese and Chinese are written without spaces, so a browser (or a card image)
breaks a title between any two characters: 「カレンダーファ/イル」, a name torn from
its さん. BudouX, Google's phrase segmenter (the model behind Chrome's
``word-break: auto-phrase``), finds the phrases a reader sees; where its model
cuts what is one word to a reader, three rules put the pieces back together:

* never inside a run of Latin letters, digits and their punctuation
  (``入門Backsta|ge``); spaces break Latin text already;
* a piece of one character joins a neighbour (``日|時``), and one of two
  hiragana its hiragana neighbour (``さい|ごに``, ``ひらが|なの``): the model's
  particle boundaries are real, its cuts inside short kana words are not;
  no join makes a phrase longer than a phone's line (8 characters);
* a name stays whole with its honorific (``佐々|木さん``, ``高橋|一郎さん``).

A run with no cut that is longer than a phone's line is cut where Latin text
meets Japanese (``Platform Engineering|部かもしれない``), rather than be broken by
the browser inside a word.

A line may also break after a comma, full stop or closing bracket, as browsers
do. Joined, the phrases are the text as written: they only say where a line may break.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from typing import Any

from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS

__all__ = ["has_cjk", "model_name", "phrases"]


def _script(char: str) -> str:
    """``han``, ``hiragana``, ``katakana``, ``western`` (Latin and the like), ``space``
    or ``other`` (CJK punctuation, symbols, emoji)."""
    code = ord(char)
    if char.isspace():
        return "space"
    if 0x3041 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or char in "々〆〇ヶ"):
        return "han"
    if code < 0x2E80 or (0xFF10 <= code <= 0xFF5A and char.isalnum()):
        return "western"
    return "other"


#: Below U+2E80 every character is western or a space (see ``_script``): only the
#: characters at or above it need a look, and most titles have none (a full build asks
#: this of every text node of every archive page).
_WIDE = re.compile("[\u2e80-\U0010ffff]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a character that lines break around without spaces."""
    return any(_script(found.group()) in ("han", "hiragana", "katakana", "other")
               for found in _WIDE.finditer(text))


def model_name(language: str | None) -> str:
    """The BudouX model for a page's language: Chinese in its two scripts, else Japanese
    (a site in English still shows Japanese titles)."""
    code = (language or "").lower().replace("_", "-")
    if not code.startswith("zh"):
        return "ja"
    traditional = any(part in ("hant", "tw", "hk", "mo") for part in code.split("-")[1:])
    return "zh-hant" if traditional else "zh-hans"


@functools.lru_cache(maxsize=4)
def _parser(model: str) -> Any:
    import budoux  # imported only when a title has CJK in it

    loaders = {"ja": budoux.load_default_japanese_parser,
               "zh-hans": budoux.load_default_simplified_chinese_parser,
               "zh-hant": budoux.load_default_traditional_chinese_parser}
    return loaders[model]()


def phrases(text: str, language: str | None = None,
            honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> list[str]:
    """``text`` cut where a line may break and has no space to break at:
    ``ChatworkのSRE部って…`` as ``Chatworkの``, ``SRE部って``, …; joined they are
    ``text`` again. Text with no CJK in it is one piece (its spaces break it)."""
    if not has_cjk(text):
        return [text] if text else []
    return list(_phrases(text, model_name(language), tuple(honorifics)))


#: The longest phrase a join may make: about a line of a heading on a phone (a 2em
#: heading in 375 px holds 9 or 10 characters). Longer, and the line would break inside it.
LONGEST_JOIN = 8
#: A run longer than this (the width of a phone's line in a large heading) is cut where
#: Latin text meets Japanese, if it has no better place.
LONGEST_RUN = 12
#: After these, and before an opening bracket, a line may always break (browsers do,
#: under keep-all too): BudouX sometimes leaves the cut out (「レポート：佐々木さんと」).
_CLOSING = frozenset("、。，．：；！？）」』】〕〉》｝］")
_OPENING = frozenset("「『（【〔〈《｛［")


@functools.lru_cache(maxsize=4096)
def _phrases(text: str, model: str, honorifics: tuple[str, ...]) -> tuple[str, ...]:
    chunks: list[str] = []
    for chunk in _parser(model).parse(text):
        chunks += _after_punctuation(chunk)
    ends = list(itertools.accumulate(len(chunk) for chunk in chunks))[:-1]
    keep = [_keeps(text[end - 1], text[end]) for end in ends]
    kana = [_script(text[end - 1]) == _script(text[end]) == "hiragana" for end in ends]

    def joined(cut: int) -> int:
        """How long the run no line may break in would be without ``cut`` (the cut
        after chunk number ``cut``): up to the next cut or space either side."""
        first, last = cut, cut + 1
        while first > 0 and not keep[first - 1]:
            first -= 1
        while last < len(ends) and not keep[last]:
            last += 1
        before = "".join(chunks[first:cut + 1]).split()
        after = "".join(chunks[cut + 1:last + 1]).split()
        return len(before[-1] if before else "") + len(after[0] if after else "")

    for index, chunk in enumerate(chunks):
        if len(chunk) == 1:
            # One character is rarely a phrase: 日|時 is a word, 第|8回 one count.
            sides = [cut for cut in (index - 1, index) if 0 <= cut < len(ends) and keep[cut]]
        elif len(chunk) == 2 and all(_script(char) == "hiragana" for char in chunk):
            # A short kana piece belongs to a kana neighbour (さい|ごに, ひらが|なの),
            # the shorter one: やく|そく joins as やくそく, not onto ちいさな.
            sides = sorted((cut for cut in (index - 1, index)
                            if 0 <= cut < len(ends) and kana[cut] and keep[cut]), key=joined)
        else:
            continue
        for cut in sides:
            if joined(cut) <= LONGEST_JOIN:
                keep[cut] = False
                break
    cuts = {end for end, kept in zip(ends, keep, strict=True) if kept}
    cuts |= _script_changes(text, cuts)
    cuts -= _inside_names(text, honorifics)
    pieces, start = [], 0
    for cut in sorted(cuts):
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return tuple(pieces)


def _script_changes(text: str, cuts: set[int]) -> set[int]:
    """Where a run no line may break in is longer than a phone's line, the places in it
    where Latin text meets Japanese or Chinese (``Engineering|部かもしれない``): a break
    there reads better than the one the browser would have to make inside a word."""
    found: set[int] = set()
    start = 0
    for end in [*sorted(cuts), len(text)]:
        position = start
        for run in text[start:end].split(" "):
            if len(run) > LONGEST_RUN:
                for index in range(position + 1, position + len(run)):
                    kinds = (_script(text[index - 1]), _script(text[index]))
                    if kinds in (("western", "han"), ("western", "katakana")) or (
                            kinds[1] == "western" and kinds[0] in ("han", "katakana", "hiragana")):
                        found.add(index)
            position += len(run) + 1
        start = end
    return found


def _after_punctuation(chunk: str) -> list[str]:
    """A chunk cut after each comma, full stop or closing bracket inside it, and before
    each opening bracket."""
    pieces, start = [], 0
    for index in range(1, len(chunk)):
        left, right = chunk[index - 1], chunk[index]
        if left.isspace() or right.isspace() or left in _OPENING or right in _CLOSING:
            continue
        if left in _CLOSING or right in _OPENING:
            pieces.append(chunk[start:index])
            start = index
    return [*pieces, chunk[start:]]


def _keeps(left: str, right: str) -> bool:
    """Whether BudouX's cut between ``left`` and ``right`` (the characters either side
    of it) is a place to break."""
    kinds = (_script(left), _script(right))
    if "space" in kinds:
        return False  # the space breaks the line there already
    return kinds != ("western", "western")  # inside a word, a version number, an address


def _inside_names(text: str, honorifics: tuple[str, ...]) -> set[int]:
    """The positions inside a name written with an honorific, and before its honorific:
    ``高橋一郎さん`` from 高 to ん, where no line may break."""
    inside: set[int] = set()
    for honorific in (h for h in honorifics if h):
        start = text.find(honorific, 1)
        while start > 0:
            end = start + len(honorific)
            kind = _script(text[start - 1])
            after = text[end:end + 1]
            # 様子 and 氏名 are words, not a name's honorific.
            is_word = _script(honorific[-1]) == "han" and after and _script(after) == "han"
            if kind in ("han", "katakana", "western") and not is_word:
                first = start - 1
                while first > 0 and _script(text[first - 1]) == kind:
                    first -= 1
                inside.update(range(first + 1, end))
            start = text.find(honorific, start + 1)
    return inside
