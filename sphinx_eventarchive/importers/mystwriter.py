"""Spell the extension's records as the MyST it parses (docs/reference/directives.md).

An importer builds :mod:`~sphinx_eventarchive.core.records` (an ``Event``,
its ``Session`` s) and this writes them as directives, one option per record
field of the same name, in the order :mod:`~sphinx_eventarchive.core.options`
declares.

What a schedule holds is other people's text, so every value is made safe
for the place it lands in: option values stay on one line and read back as
written, list items keep their commas, and no title or abstract can close
the directive fence it sits in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, cast

import yaml

from sphinx_eventarchive.core.options import EVENT, SESSION, Option
from sphinx_eventarchive.core.records import Event, Session, Speaker
from sphinx_eventarchive.core.text import split_list, split_speakers
from sphinx_eventarchive.importers.notes import inert

# A semicolon always separates list items when the extension reads them
# (docs/reference/directives.md), so one inside an item is written as a comma, full-width kept.
_SEMICOLONS = str.maketrans({";": ",", "；": "，"})
_BRACKETS = str.maketrans({"(": "[", ")": "]", "（": "［", "）": "］"})
# Characters with a meaning in Markdown inline text; escaped in headings and
# link texts so a title renders as the words it is.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#&~|!${}])")


def one_line(text: object) -> str:
    """Collapse every run of white space (newlines included) to one space."""
    if text is None:
        return ""
    return " ".join(str(text).split())


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


def join_list(items: Iterable[str], split: Callable[[str], list[str]] = split_list) -> str:
    """Items as one option value that ``split`` (the extension's reader) gives back.

    Comma-separated, unless an item would not survive that (``Doe, Jane``,
    ``楊軒銘、楊承霓``): then semicolons separate (docs/reference/directives.md), and a list of one
    such item ends in one, so the reader still sees a semicolon.
    """
    cleaned: list[str] = []
    for item in items:
        text = list_item(item)
        if text and text not in cleaned:
            cleaned.append(text)
    if all(split(item) == [item] for item in cleaned):
        return ", ".join(cleaned)
    return "; ".join(cleaned) + (";" if len(cleaned) == 1 else "")


def speaker_name(name: str) -> str:
    """A name with its own brackets turned square, so only an affiliation is in ``( )``.

    ``Tim (文昌) Hsu`` would otherwise read as a broken ``Name (Affiliation)``.
    """
    return one_line(name).translate(_BRACKETS)


def speaker_text(speaker: Speaker) -> str:
    name = speaker_name(speaker.name)
    affiliation = speaker_name(speaker.affiliation)
    return f"{name} ({affiliation})" if affiliation else name


def join_speakers(speakers: Iterable[Speaker]) -> str:
    """A ``:speakers:`` value in which every person stays one person."""
    return join_list((speaker_text(speaker) for speaker in speakers), split_speakers)


def option_value(value: str) -> str:
    """``value`` as a ``:key: value`` line holds it: the directives read the text
    written after ``:key:`` as it is (``read/options.py``), so nothing is quoted."""
    return one_line(value)


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


def _spell(option: Option, value: object) -> str:
    if option.kind == "speakers":
        return join_speakers(cast("tuple[Speaker, ...]", value))
    if option.kind == "list":
        return join_list(cast("tuple[str, ...]", value))
    return str(value)


def directive_options(
    record: Event | Session, declared: tuple[Option, ...]
) -> list[tuple[str, str]]:
    """The directive's options in their declared order, from the record's fields of
    the same name; empty ones are left out by :func:`render_directive`."""
    return [(option.name, _spell(option, getattr(record, option.name))) for option in declared]


def event_block(event: Event) -> str:
    options = directive_options(event, EVENT)
    return render_directive("event", event.name, options, inert(event.description, event.id))


def session_block(session: Session) -> str:
    options = directive_options(session, SESSION)
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


class ReportFile(NamedTuple):
    """One Markdown file an importer writes: front matter, a heading, one event
    and its sessions.

    Not the extension's :class:`~sphinx_eventarchive.core.records.Report`,
    which is what it reads back from such a file's front matter.
    """

    #: The file's name in the output folder, made by core.filenames.safe_filename.
    filename: str
    event: Event
    sessions: tuple[Session, ...] = ()
    #: The front matter's description and tags (the event's own tags are its option).
    description: str = ""
    tags: tuple[str, ...] = ()


def render_report(report: ReportFile) -> str:
    """The whole Markdown file."""
    event = report.event
    data: dict[str, object] = {"title": one_line(event.name)}
    if report.description:
        data["description"] = one_line(report.description)
    if event.date:
        data["date"] = _date_value(event.date)
    tags = [list_item(tag) for tag in report.tags if list_item(tag)]
    if tags:
        data["tags"] = tags
    parts = [front_matter(data), f"\n# {escape_inline(event.name)}\n\n", event_block(event)]
    parts.extend("\n" + session_block(session) for session in report.sessions)
    return "".join(parts)
