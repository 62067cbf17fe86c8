"""Spell records as the MyST the extension parses (SPEC §2).

What a schedule holds is other people's text, so every value is made safe
for the place it lands in: option values stay on one line and read back as
written, list items keep their commas, and no title or abstract can close
the directive fence it sits in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence

import yaml

from sphinx_eventarchive.importers.model import Event, Report, Session, Speaker
from sphinx_eventarchive.importers.notes import inert

# Separators the extension splits lists on, ASCII and full-width (SPEC §2).
_COMMAS = (",", "、", "，")
_SEMICOLONS = str.maketrans({";": ",", "；": "，"})
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_BRACKETS = str.maketrans({"(": "[", ")": "]", "（": "［", "）": "］"})
# Characters with a meaning in Markdown inline text; escaped in headings and
# link texts so a title renders as the words it is.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#&~|!${}])")


def one_line(text: object) -> str:
    """Collapse every run of white space (newlines included) to one space."""
    if text is None:
        return ""
    return " ".join(str(text).split())


def id_slug(text: str, fallback: str = "untitled") -> str:
    """An id from a name: ``PyCon JP 2019`` → ``pycon-jp-2019``.

    Letters, marks and digits of every script stay (a Japanese title keeps
    its Japanese, ガ keeps its dakuten); everything else separates words.
    """
    if text.isascii():
        # The common case, and 20,000 talks of an archive: no Unicode tables.
        return "-".join(_ASCII_WORD.findall(text.lower())) or fallback
    words: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return "-".join(words) or fallback


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``…: two talks may share a title."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    taken.add(candidate)
    return candidate


def list_item(text: str) -> str:
    """One list item, on one line, with no semicolon to turn it into two."""
    return one_line(text).translate(_SEMICOLONS)


def join_list(items: Iterable[str]) -> str:
    """Comma-separated; ``; `` when an item has a comma of its own (SPEC §2)."""
    cleaned: list[str] = []
    for item in items:
        text = list_item(item)
        if text and text not in cleaned:
            cleaned.append(text)
    separator = "; " if any(comma in item for item in cleaned for comma in _COMMAS) else ", "
    return separator.join(cleaned)


def speaker_name(name: str) -> str:
    """A name with its own brackets turned square, so only an affiliation is in ``( )``.

    ``Tim (文昌) Hsu`` would otherwise read as a broken ``Name (Affiliation)``.
    """
    return one_line(name).translate(_BRACKETS)


def speaker_text(speaker: Speaker) -> str:
    name = speaker_name(speaker.name)
    affiliation = speaker_name(speaker.affiliation)
    return f"{name} ({affiliation})" if affiliation else name


def option_value(value: str) -> str:
    """``value`` as MyST reads it back from a ``:key: value`` line.

    MyST tokenises option lines like YAML: a leading quote or block indicator
    changes the value and `` #`` starts a comment (so ``#pfem`` would vanish).
    Those values are single-quoted, YAML style; all others stay plain.
    """
    value = one_line(value)
    if value[:1] in ("'", '"', "|", ">", "#") or " #" in value:
        return "'" + value.replace("'", "''") + "'"
    return value


def _longest_run(text: str, char: str) -> int:
    longest = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        run = len(stripped) - len(stripped.lstrip(char))
        longest = max(longest, run)
    return longest


def render_directive(
    name: str, argument: str, options: Sequence[tuple[str, str]], body: str = ""
) -> str:
    """A fenced directive with its options and body, ending in a newline.

    The fence is one longer than any run of its character that starts a line
    inside, so nothing in the body can close it early. A backtick fence may
    not carry a backtick in its first line (CommonMark), so a title with one
    gets a tilde fence instead.
    """
    argument = one_line(argument)
    lines = [f":{key}: {option_value(value)}" for key, value in options if one_line(value)]
    content = "\n".join(lines)
    if body:
        content += "\n\n" + body
    char = "~" if "`" in argument else "`"
    fence = char * max(3, _longest_run(content, char) + 1)
    opening = f"{fence}{{{name}}} {argument}".rstrip()
    return f"{opening}\n{content}\n{fence}\n" if content else f"{opening}\n{fence}\n"


def escape_inline(text: str) -> str:
    """Text that renders as itself in a Markdown heading or link text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line(text))


def event_block(event: Event) -> str:
    options = [
        ("id", event.id),
        ("date", event.date),
        ("end", event.end),
        ("venue", event.venue),
        ("location", event.location),
        ("format", event.format),
        ("url", event.url),
        ("tags", join_list(event.tags)),
    ]
    return render_directive("event", event.title, options, inert(event.description, event.id))


def session_block(session: Session) -> str:
    options = [
        ("id", session.id),
        ("speakers", join_list(speaker_text(speaker) for speaker in session.speakers)),
        ("type", session.type),
        ("start", session.start),
        ("end", session.end),
        ("track", session.track),
        ("room", session.room),
        ("slides", session.slides),
        ("video", session.video),
        ("url", session.url),
        ("tags", join_list(session.tags)),
        ("language", session.language),
    ]
    return render_directive("session", session.title, options, inert(session.notes, session.id))


def front_matter(data: dict[str, object]) -> str:
    # safe_dump quotes whatever YAML would otherwise read as another type
    # (a title "2019" or "yes"), and allow_unicode keeps Japanese readable.
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def _date_value(text: str) -> object:
    """A date as a YAML date (unquoted), a date-time as the string it was given."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def render_report(report: Report) -> str:
    """The whole Markdown file."""
    event = report.event
    data: dict[str, object] = {"title": one_line(event.title)}
    if report.description:
        data["description"] = one_line(report.description)
    if event.date:
        data["date"] = _date_value(event.date)
    tags = [list_item(tag) for tag in report.tags if list_item(tag)]
    if tags:
        data["tags"] = tags
    parts = [front_matter(data), f"\n# {escape_inline(event.title)}\n\n", event_block(event)]
    parts.extend("\n" + session_block(session) for session in report.sessions)
    return "".join(parts)
