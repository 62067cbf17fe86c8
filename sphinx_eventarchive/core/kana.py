"""Kana readings of names and the order of the speakers index: 50音 rows, then A–Z.

A stdlib rule of our own rather than ICU: PyICU has no wheels, and for names
this rule gives ICU's (and pyuca's) order on every sample we tried —
Latin with accents folded at the first level (Sébastien between Sarah and
Stefan), kana by their base sound, then voicing (か < が < ぱ), then small
before large, hiragana before katakana.

Readings of names written without one are guessed by SudachiPy when the
optional extra ``sphinx-eventarchive[ja]`` is installed (Apache-2.0; pykakasi
is GPL and is not used). Without it a kanji name has no reading and is
grouped by script.
"""

from __future__ import annotations

import functools
import importlib.metadata
import unicodedata
from collections.abc import Callable, MutableMapping
from typing import Any, NamedTuple

# 異体字 no dictionary reads (髙 is missing from all of them): the common form reads the same.
_VARIANTS = str.maketrans("髙﨑嵜邉邊齋濵濱德瀨槗嶋冨櫻澤廣國眞",
                          "高崎崎辺辺斎浜浜徳瀬橋島富桜沢広国真")
_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
ROWS = ("あ行", "か行", "さ行", "た行", "な行", "は行", "ま行", "や行", "ら行", "わ行")
_ROW_OF = {kana: row for row, kanas in zip(ROWS, (
    "あいうえお", "かきくけこ", "さしすせそ", "たちつてと", "なにぬねの", "はひふへほ",
    "まみむめも", "やゆよ", "らりるれろ", "わゐゑをん"), strict=True) for kana in kanas}
# ー lengthens the vowel before it, and sorts as that vowel (カー = かあ).
_VOWEL = {kana: vowel for vowel, kanas in zip("あいうえお", (
    "あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる", "えけせてねへめれゑ",
    "おこそとのほもよろを"), strict=True) for kana in kanas}
_LATIN = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
                        "œ": "oe", "ı": "i"})
# What may precede a name without being part of it: a handle's @, a hashtag's #.
_LEADING = "@#＠＃_-. "

#: Group labels that are not a row, a letter or a script name (translated by the writer).
KANJI = "kanji"
OTHER = "other"


def hiragana(text: str) -> str:
    """Kana as hiragana: ｶﾞ → が, ヷ → わ゙ (NFKC, then katakana shifted)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    return unicodedata.normalize(
        "NFC", "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text))


def is_kana(char: str) -> bool:
    return "ぁ" <= char <= "ゟ" or "゠" <= char <= "ヿ"


# CJK ideographs: the unified blocks and their extensions, and the compatibility block.
_KANJI = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def first_letter(name: str) -> str:
    """The letter a name is placed by in the index (after a leading ``@``, ``#``…)."""
    text = unicodedata.normalize("NFKC", name).strip().lstrip(_LEADING)
    return next((char for char in text if char.isalnum()), "")


def is_kanji(char: str) -> bool:
    """Whether one character is a kanji ("" — a name of punctuation only — is not)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return char in "々〆" or any(low <= code <= high for low, high in _KANJI)


def is_japanese(char: str) -> bool:
    return is_kana(char) or is_kanji(char)


def is_reading(text: str) -> bool:
    """Whether a written reading is kana (spaces and ー・ allowed)."""
    stripped = [c for c in unicodedata.normalize("NFKC", text) if c not in " 　・ー"]
    return bool(stripped) and all(is_kana(c) for c in stripped)


# -- guessing ----------------------------------------------------------------------


class Guesser:
    """Reads Japanese names with SudachiPy's dictionary, when it is installed.

    ``name`` says which dictionary (and version) gives the guesses, so guesses
    kept from an earlier build are thrown away when it changes; it is known
    without loading the dictionary, which is loaded on the first guess.
    """

    def __init__(self) -> None:
        self._tokenizer: Any = None
        self.dictionary = ""
        self.name = ""
        for package, dictionary in (("sudachidict_core", "core"),
                                    ("sudachidict_small", "small")):
            # core reads given names far better; small is what the extra installs.
            try:
                self.name = (f"sudachipy {importlib.metadata.version('sudachipy')} "
                             f"{package} {importlib.metadata.version(package)}")
            except importlib.metadata.PackageNotFoundError:
                continue
            self.dictionary = dictionary
            break

    @property
    def available(self) -> bool:
        return bool(self.dictionary)

    def _tokenize(self, text: str) -> list[Any]:
        if self._tokenizer is None:
            from sudachipy import Dictionary, SplitMode

            self._tokenizer = Dictionary(dict=self.dictionary).tokenizer(
                mode=SplitMode.C, fields={"reading_form"})
        return list(self._tokenizer.tokenize(text))

    def release(self) -> None:
        """Let the dictionary go (about 33 MiB resident) until the next guess: a build
        guesses all its names at once, and held, it was most of what a full build of
        a Japanese archive used beyond plain Sphinx."""
        self._tokenizer = None

    def __call__(self, name: str) -> str:
        """A hiragana reading of a Japanese name; "" when it is not one or cannot be read."""
        name = unicodedata.normalize("NFKC", name).strip().lstrip(_LEADING)
        if not name or not is_japanese(name[0]):
            return ""
        out = []
        # Family and given name one by one: Sudachi reads a space as キゴウ.
        for word in name.translate(_VARIANTS).split():
            run = "".join(c for c in word if is_japanese(c))
            if all(is_kana(c) for c in run):
                out.append(run)
            elif not self.available:
                return ""
            else:
                out.append(self._read(run))
        kana = hiragana("".join(out))
        return "" if any(not is_kana(c) for c in kana) else kana

    def _read(self, run: str) -> str:
        # Read as 「…さん」: on its own a surname is often read as a common noun
        # (大山 だいせん, 根本 こんぽん); with さん, as a person's name. Its one
        # known cost, 古屋 read こや, is what a written :reading: is for.
        morphemes = self._tokenize(run + "さん")
        if morphemes and morphemes[-1].surface() == "さん":
            morphemes = morphemes[:-1]
        else:
            morphemes = self._tokenize(run)
        return "".join(m.reading_form() for m in morphemes)


@functools.lru_cache(maxsize=1)
def default_guesser() -> Guesser:
    return Guesser()


class Readings:
    """Guessed readings, kept by name in ``cache`` (the domain's data, so a build
    guesses only names it has not seen) and thrown away when the dictionary changes."""

    def __init__(self, cache: MutableMapping[str, Any],
                 guesser: Callable[[], Guesser] | None = None) -> None:
        self.cache = cache
        self._guesser = guesser

    def guess(self, name: str) -> str:
        if name.isascii():
            return ""  # the common case, 13,000 times in pyvideo's archive
        if not is_kanji(first_letter(name)):
            # Kana is its own reading; a name placed by a Latin letter needs none.
            return hiragana(name) if is_reading(name) else ""
        guesser = (self._guesser or default_guesser)()
        if self.cache.get("guesser") != guesser.name:
            self.cache["guesser"] = guesser.name
            self.cache["names"] = {}
        names: dict[str, str] = self.cache.setdefault("names", {})
        if name not in names:
            names[name] = guesser(name)
        return names[name]

    def can_guess(self) -> bool:
        """Whether a dictionary is installed to guess with."""
        return (self._guesser or default_guesser)().available

    def keep_only(self, names: set[str]) -> None:
        """Forget guesses for names no longer in the archive; the archive's names are all
        read, so the dictionary is let go."""
        known: dict[str, str] = self.cache.get("names", {})
        for name in [n for n in known if n not in names]:
            del known[name]
        (self._guesser or default_guesser)().release()


# -- rows and order -----------------------------------------------------------------


def row_of(kana: str) -> str:
    """``あ行`` … ``わ行`` for a kana reading, "" for anything else."""
    for char in hiragana(kana):
        if char in "ー・ 　":
            continue
        base = unicodedata.normalize("NFD", char)[0].translate(_SMALL)  # が → か, っ → つ
        return _ROW_OF.get(base, "")
    return ""


def _kana_key(kana: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Base sound, then voicing (清 < 濁 < 半濁), then small before large."""
    base: list[str] = []
    voice: list[int] = []
    size: list[int] = []
    for char in unicodedata.normalize("NFD", hiragana(kana)):
        if char in "\u3099\u309a" and voice:
            voice[-1] = 1 if char == "\u3099" else 2
        elif char == "ー" and base and base[-1] in _VOWEL:
            base.append(_VOWEL[base[-1]])
            voice.append(0)
            size.append(1)
        elif char not in " 　・":
            large = char.translate(_SMALL)
            base.append(large)
            voice.append(0)
            size.append(int(large == char))
    return "".join(base), tuple(voice), tuple(size)


def fold(text: str) -> str:
    """Sébastien → sebastien, Łukasz → lukasz, Straße → strasse."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold().translate(_LATIN)


class Group(NamedTuple):
    """Where a name stands in the speakers index."""

    order: int  # 0 rows, 1 A–Z, 2 other scripts, 3 the rest
    label: str  # a row (あ行), a letter, a script name, KANJI or OTHER


class Placing(NamedTuple):
    group: Group
    key: tuple[Any, ...]


def place(name: str, reading: str = "", *, kana_first: bool = True) -> Placing:
    """The group and sort key of a name in the speakers index.

    ``reading`` (written or guessed kana) decides for Japanese names; a name
    without one is placed by its own letters. ``kana_first`` puts the 50音
    rows before A–Z, as a Japanese index does.
    """
    text = unicodedata.normalize("NFKC", name).strip().lstrip(_LEADING)
    spoken = reading or (text if is_reading(text) else "")
    row = row_of(spoken) if spoken else ""
    tie = (fold(text), unicodedata.normalize("NFD", text).casefold(), text.swapcase(), name)
    if row:
        return Placing(Group(0 if kana_first else 1, row),
                       (ROWS.index(row), _kana_key(spoken), *tie))
    first = first_letter(name)
    letter = fold(first)[:1].upper()
    if "A" <= letter <= "Z":
        return Placing(Group(1 if kana_first else 0, letter), (letter, *tie))
    if first.isalpha():
        script = unicodedata.name(first, "").split(" ")[0]
        label = KANJI if script == "CJK" else script.title()
        return Placing(Group(2, label), (label, *tie))
    return Placing(Group(3, OTHER), tie)
