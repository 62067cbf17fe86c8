"""A report skeleton for an event that is about to be written up.

The skeleton builds as it is (a real date, a known format, no placeholder
speaker who would get a page of their own); the session template sits in an
HTML comment until the author copies it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sphinx_eventarchive.core.filenames import safe_filename
from sphinx_eventarchive.core.options import FORMATS
from sphinx_eventarchive.core.records import Event
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.importers.findings import InputError
from sphinx_eventarchive.importers.mystwriter import (
    escape_inline,
    event_block,
    front_matter,
    one_line,
)

_WHEN = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?"
)
PLACEHOLDER_TITLE = "New event"

_SESSION_TEMPLATE = """\
<!-- Copy this block once per session, out of the comment:

```{session} Title of the session
:speakers: Name (Affiliation), Another Name
:type: talk
:slides: https://speakerdeck.com/player/0123456789abcdef0123456789abcdef
:video: https://www.youtube.com/watch?v=XXXXXXXXXXX

Notes on the session.
```
-->
"""


@dataclass
class Answers:
    title: str = ""
    date: str = ""
    id: str = ""
    venue: str = ""
    format: str = ""


def check_date(value: str) -> str:
    value = value.strip()
    if not _WHEN.fullmatch(value):
        raise InputError(
            f"bad date {value!r}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00"
        )
    try:
        dt.date.fromisoformat(value[:10])
        if "T" in value:
            dt.time.fromisoformat(value[11:16])
    except ValueError:
        raise InputError(f"bad date {value!r}: no such day or time") from None
    return value


def check_format(value: str) -> str:
    value = value.strip().lower()
    if value and value not in FORMATS:
        raise InputError(f"bad format {value!r}: choose {', '.join(FORMATS)}")
    return value


def ask(answers: Answers, prompt: Callable[[str], str], warn: Callable[[str], None]) -> Answers:
    """Fill in what the options left out, asking through ``prompt``; empty keeps the default.

    A bad answer is explained through ``warn`` and asked again, rather than
    thrown away with everything typed so far.
    """
    today = dt.date.today().isoformat()
    if not answers.title:
        answers.title = one_line(prompt("Event name: "))
    if not answers.date:
        while True:
            value = prompt(f"Date [{today}]: ").strip() or today
            try:
                answers.date = check_date(value)
                break
            except InputError as error:
                warn(str(error))
    if not answers.venue:
        answers.venue = one_line(prompt("Venue (empty for none): "))
    if not answers.format:
        while True:
            try:
                choices = "/".join(FORMATS)
                answers.format = check_format(prompt(f"Format ({choices}, empty for none): "))
                break
            except InputError as error:
                warn(str(error))
    return answers


def complete(answers: Answers) -> Answers:
    """Placeholders for what is still missing, so the skeleton builds."""
    answers.title = one_line(answers.title) or PLACEHOLDER_TITLE
    answers.date = check_date(answers.date) if answers.date else dt.date.today().isoformat()
    answers.format = check_format(answers.format)
    answers.venue = one_line(answers.venue)
    if answers.id:
        answers.id = one_line(answers.id)
    elif answers.title == PLACEHOLDER_TITLE:
        answers.id = f"event-{answers.date[:10]}"
    else:
        answers.id = id_slug(answers.title)
    return answers


def filename(answers: Answers) -> str:
    # An id is free text: its slug reads well as a name, and the safe-name
    # rule keeps it one name in the folder on every OS.
    return safe_filename(id_slug(answers.id, fallback="event"), fallback="event")


def skeleton(answers: Answers) -> str:
    event = Event(
        id=answers.id,
        name=answers.title,
        date=answers.date,
        venue=answers.venue,
        format=answers.format,
        description="What the event was about, who came, what it was like.",
    )
    data: dict[str, object] = {
        "title": answers.title,
        "description": f"Report of {answers.title}.",
        "date": dt.date.fromisoformat(answers.date[:10]),
        "tags": [],
    }
    return (
        front_matter(data)
        + f"\n# {escape_inline(answers.title)}\n\n"
        + event_block(event)
        + "\n"
        + _SESSION_TEMPLATE
    )
