"""What an import could not read or carry over, and the one error that stops a command."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class InputError(Exception):
    """A problem with what the user gave us: reported as one line, exit code 2."""


def read_input(path: Path, what: str) -> bytes:
    """The bytes of a file the user named; ``what`` says what it should be (``a
    schedule.json file``) when it is a folder. A missing file is an InputError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not {what}") from None


def read_json(path: Path, what: str) -> Any:
    """A JSON file the user named, parsed; what is wrong with it is an InputError."""
    raw = read_input(path, what)
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 JSON") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path} is not valid JSON: {error}") from None


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
