"""What an import could not read or carry over, and the one error that stops a command."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class InputError(Exception):
    """A problem with what the user gave us: reported as one line, exit code 2."""


@dataclass
class Findings:
    """What an import could not carry into the report as it was given.

    Nothing a schedule holds is dropped without a word (docs/reference/warnings.md): the command
    line says each finding on stderr. ``unreadable`` are whole talks (or the
    lists holding them) of a shape the importer cannot read: the report is
    written without them and the run fails (exit 2), as for a file that cannot
    be read. ``notices`` say what was left out or filled in on purpose: a
    lunch break, a link that is no http(s) URL, a title that was missing.
    """

    unreadable: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def brief(value: Any) -> str:
    """``value`` as the JSON it was, cut to fit a line of a finding."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"
