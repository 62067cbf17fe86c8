"""Who gave a talk, read from the prose a report writes around it.

Only what a reader would take as plainly naming the speaker counts, so that
``migrate`` proposes no one the post does not name:

- a name with an honorific in a phrase that says who spoke: 「…田中さんです」,
  「小泉さんより」, 「北村さんによる」, 「佐々木さんのおはなし」, 「登壇者は岡さん」;
  its affiliation only where the sentence gives it (「コドモンでSREをされている
  佐々木さん」, 「株式会社サンプルの高橋さん」, 「田中さん（サイボウズ）」);
- a list of speakers the prose opens with (or gives after 「登壇者：」, "by"):
  「‹会社›の‹名前›と‹会社›の‹名前›が…」, 「‹名前›（‹所属›）、‹名前›（‹所属›）」,
  "‹Name› of ‹Company› and ‹Name› of ‹Company› …", "‹Name› (‹Company›), …".

Names lose their honorific by the identity rule itself
(:func:`~sphinx_eventarchive.core.people.strip_honorific`), and one person
named twice is one speaker (:func:`~sphinx_eventarchive.core.people.person_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS, person_key, strip_honorific
from sphinx_eventarchive.core.records import Speaker

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
_KATAKANA = "\u30a1-\u30fa\u30fc\u30fb"
_HIRAGANA = "\u3041-\u3096"
_HONORIFIC = "(?:" + "|".join(
    re.escape(h) for h in sorted(DEFAULT_HONORIFICS, key=len, reverse=True)) + ")"
_BREAK = r"\s、。，,「」『』（）()・:：!！?？"

# A name right before an honorific. Each script's run is taken whole (a kanji
# name starts where the kanji start), so 「いただいた田中さん」 is 田中. Names in
# hiragana run into the words before them, so they count only after a break.
_NAME = (
    r"(?:(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{1,15}"
    r"|(?<![A-Za-z0-9_@.'-])[A-Za-z][A-Za-z0-9_.'-]*(?: [A-Z][A-Za-z0-9_.'-]*){0,2}"
    rf"|(?<![{_KANJI}])[{_KANJI}]{{1,5}}(?:[ \u3000][{_KANJI}]{{1,4}})?"
    rf"|(?<![{_KATAKANA}])[{_KATAKANA}]{{2,12}}"
    rf"|(?:^|(?<=[{_BREAK}]))[{_HIRAGANA}]{{2,8}})"
)
_NAMED = re.compile(rf"(?P<name>{_NAME})[ \u3000]?{_HONORIFIC}")
# What follows the honorific when the sentence says this person spoke.
_SPOKE_AFTER = re.compile(
    r"(?:です|でした|より|による|によって"
    r"|の(?:おはなし|お話|話|発表|セッション|講演|基調講演|トーク|LT|登壇|スライド|資料)"
    r"|が(?:登壇|発表|紹介|解説|お話|話|語|説明|担当|講演)"
    r"|に(?:よる|ご登壇|登壇|発表|お話|ご講演|講演))"
    r"|[ \u3000]?[（(]")
# What comes before the name when the sentence says who spoke.
_SPOKE_BEFORE = re.compile(
    r"(?:登壇者|スピーカー|発表者|講演者|講師|登壇|発表)(?:は|[:：])[ \u3000]*$")
# Names of one sentence joined: 「田中さんと鈴木さんによる」.
_JOINED = re.compile(r"[ \u3000]*(?:と|、|・|,|及び|および)[ \u3000]*")

# Where the speaker works, said before the name: 「コドモンでSREをされている佐々木さん」.
_ORGANISATION = rf"(?:^|(?<=[{_BREAK}]))(?P<org>[^{_BREAK}]{{1,30}}?)"
_WORKS_AT = re.compile(
    _ORGANISATION + r"(?:で|の)[^、。「」\n]{1,30}?"
    r"(?:をされている|をしている|をされていた|として働いている|として働く|で働いている|で働く"
    r"|に所属している|に所属する|を担当している|を担当する|を務める|を務めている)[ \u3000]*$")
# 「株式会社サンプルの高橋さん」: only where the words say it is a company.
_COMPANY_OF = re.compile(_ORGANISATION + r"の[ \u3000]*$")
_COMPANY = re.compile(r"株式会社|有限会社|合同会社|会社$|社$|Inc\.?$|Corp\.?$|LLC$|大学|研究所")
_BRACKETED = re.compile(r"[ \u3000]?[（(](?P<org>[^（）()\n]{1,40})[）)]")

# Lists of speakers a sentence opens with.
_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_JA_NAME = (rf"(?:[{_KANJI}]{{1,5}}(?:[ \u3000][{_KANJI}]{{1,4}})?|[{_KATAKANA}]{{2,12}}"
            r"|@?[A-Za-z][A-Za-z0-9_.-]*(?: [A-Z][A-Za-z0-9_.-]*){0,2})")
_OF_UNIT = re.compile(  # ‹会社›の(‹役割›の)‹名前›
    rf"(?P<org>[^{_BREAK}をが]{{1,25}}?)の(?:[^{_BREAK}の]{{1,20}}の)?"
    rf"(?P<name>{_JA_NAME})(?:{_HONORIFIC})?")
# The words before the 「が」 that ends 「‹会社›の‹名前›と‹会社›の‹名前›が」, in a sentence
# that goes on to say they spoke.
_BEFORE_GA = re.compile(r"[^。！？!?\n]{1,100}?(?=が[^。！？!?\n]*?"
                        r"(?:登壇|発表|話|語|紹介|解説|説明|講演|プレゼン|デモ|LT))")
_JA_SEPARATOR = re.compile(r"[ \u3000]*(?:と|、|，|,|・|及び|および)[ \u3000]*")
_BRACKET_UNIT = re.compile(  # ‹名前›（‹所属›）
    rf"(?P<name>{_JA_NAME}|[{_HIRAGANA}]{{2,8}}|{_CAPITAL}(?: {_CAPITAL}){{0,3}})[ \u3000]*"
    rf"(?:{_HONORIFIC})?[ \u3000]*[（(](?P<org>[^（）()\n]{{1,40}})[）)]")
_EN_UNIT = re.compile(  # ‹Name› of ‹Company›
    rf"(?P<name>{_CAPITAL}(?: {_CAPITAL}){{1,3}}) (?:of|from|at) "
    r"(?P<org>[A-Z0-9][\w&'’.-]*(?: [A-Z0-9][\w&'’.-]*){0,4})")
_EN_NAME = re.compile(rf"(?P<name>{_CAPITAL}(?: {_CAPITAL}){{1,3}})(?=[,.;:)]|\s+and\s|\s*$)")
_UNIT_SEPARATOR = re.compile(
    r"[ \u3000]*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*|と|、|，|・)[ \u3000]*")
_OPENING = re.compile(r"[\s:：\-–—―、,]*(?:(?:presented |given )?by\s+|with\s+)?", re.IGNORECASE)
# After these, a list of speakers follows anywhere in a sentence.
_LIST_AFTER = re.compile(
    r"(?:登壇者|スピーカー|発表者|講演者)(?:は|[:：])[ \u3000]*"
    r"|\b(?:[Pp]resented by|[Gg]iven by|[Tt]alk by|[Ss]peakers?:|by)\s+")


def _speaker(name: str, affiliation: str = "") -> Speaker:
    return Speaker(strip_honorific(name.strip(), DEFAULT_HONORIFICS),
                   " ".join(affiliation.split()))


def _units(text: str, start: int, unit: re.Pattern[str]) -> tuple[list[Speaker], int]:
    """Speakers of ``unit``'s shape joined by commas and 「と」 from ``start``; where they end."""
    found: list[Speaker] = []
    position = start
    while True:
        match = unit.match(text, position)
        if match is None:
            break
        found.append(_speaker(match["name"], match.groupdict().get("org") or ""))
        position = match.end()
        separator = _UNIT_SEPARATOR.match(text, position)
        if separator is None or unit.match(text, separator.end()) is None:
            break
        position = separator.end()
    return found, position


def _listed(text: str, start: int) -> list[Speaker]:
    """A list of speakers starting at ``start``, in one of the shapes posts use."""
    # 「‹会社›の‹名前›と‹会社›の‹名前›が」: the 「が」 closing the list is what makes it sure,
    # and every part before it must be one ‹会社›の‹名前›.
    before = _BEFORE_GA.match(text, start)
    if before:
        parts = [_OF_UNIT.fullmatch(part) for part in _JA_SEPARATOR.split(before.group(0))]
        if all(parts):
            return [_speaker(part["name"], part["org"]) for part in parts if part]
    found, _end = _units(text, start, _BRACKET_UNIT)
    if found:
        return found
    found, end = _units(text, start, _EN_UNIT)
    if found and not re.match(r"[\w'’-]", text[end:end + 1]):
        return found
    return []


def _listed_after_marker(text: str) -> list[Speaker]:
    found: list[Speaker] = []
    for marker in _LIST_AFTER.finditer(text):
        speakers = _listed(text, marker.end())
        if not speakers and marker.group(0).strip().lower() != "by":
            speakers, _end = _units(text, marker.end(), _EN_NAME)
        found.extend(speakers)
    return found


def _affiliation(text: str, start: int, end: int) -> str:
    """Where the person named at ``start:end`` works, when the sentence says so."""
    after = _BRACKETED.match(text, end)
    if after:
        return after["org"]
    sentence = text[:start]
    sentence = sentence[max(sentence.rfind("。"), sentence.rfind("\n")) + 1:]
    works = _WORKS_AT.search(sentence)
    if works:
        return works["org"]
    company = _COMPANY_OF.search(sentence)
    if company and _COMPANY.search(company["org"]):
        return company["org"]
    return ""


def _named(text: str) -> list[Speaker]:
    """People named with an honorific where the sentence says they spoke."""
    found = list(_NAMED.finditer(text))
    spoke = [bool(_SPOKE_AFTER.match(text, match.end()))
             or bool(_SPOKE_BEFORE.search(text, 0, match.start())) for match in found]
    # 「田中さんと鈴木さんによる」: a name joined to a speaker's is a speaker's too.
    for index in range(len(found) - 2, -1, -1):
        joined = _JOINED.fullmatch(text, found[index].end(), found[index + 1].start())
        if spoke[index + 1] and joined:
            spoke[index] = True
    speakers = []
    for match, said in zip(found, spoke, strict=True):
        if said:
            speakers.append(_speaker(match["name"],
                                     _affiliation(text, match.start(), match.end())))
    return speakers


def read(paragraphs: Iterable[str]) -> tuple[Speaker, ...]:
    """The speakers the paragraphs name plainly, each person once, in order."""
    found: list[Speaker] = []
    for text in paragraphs:
        opening = _OPENING.match(text)
        found.extend(_listed(text, opening.end() if opening else 0))
        found.extend(_listed_after_marker(text))
        found.extend(_named(text))
    people: dict[str, Speaker] = {}
    for speaker in found:
        key = person_key(speaker.name)
        if key not in people or (speaker.affiliation and not people[key].affiliation):
            people[key] = speaker
    return tuple(people.values())
