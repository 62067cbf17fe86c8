"""``archive.json`` against its published schema (jsonschema, offline).

The schema is the copy the build wrote beside it (``archive.schema.json``,
what the file's ``$schema`` names), else the one this package ships.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.check.rules import REQUIRED, Finding, Reader, Rule, check

if TYPE_CHECKING:
    from sphinx_eventarchive.check.site import Site

ARCHIVE = Reader("archive.json schema",
                 "https://sphinx-eventarchive.readthedocs.io/en/latest/reference/archive-json.html")
ARCHIVE_JSON = "archive.json"
SCHEMA_FILE = "archive.schema.json"
#: At most this many schema errors are listed; the rest are counted.
SHOWN_ERRORS = 5


@dataclass
class Export:
    path: str
    data: Any = None
    schema: Any = None
    errors: list[str] = field(default_factory=list)


def schema_errors(export: Export) -> Iterator[str]:
    yield from export.errors
    if export.data is None or export.schema is None:
        return
    from jsonschema import Draft202012Validator

    found = sorted(Draft202012Validator(export.schema).iter_errors(export.data),
                   key=lambda error: list(error.absolute_path))
    for error in found[:SHOWN_ERRORS]:
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        yield f"{where}: {error.message}"
    if len(found) > SHOWN_ERRORS:
        yield f"and {len(found) - SHOWN_ERRORS} more"


RULES: tuple[Rule, ...] = (
    Rule("archive.schema", REQUIRED, ARCHIVE, "archive.json",
         "Programs read archive.json by its published, versioned schema; a file that breaks "
         "it breaks them.", schema_errors),
)


def read(site: Site) -> Export | None:
    if ARCHIVE_JSON not in site.files:
        return None
    export = Export(ARCHIVE_JSON)
    try:
        export.data = json.loads((site.root / ARCHIVE_JSON).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        export.errors.append(f"not JSON: {error}")
        return export
    beside = site.root / SCHEMA_FILE
    try:
        if beside.is_file():
            export.schema = json.loads(beside.read_text(encoding="utf-8"))
        else:
            from importlib.resources import files

            shipped = files("sphinx_eventarchive") / "schema" / SCHEMA_FILE
            export.schema = json.loads(shipped.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        export.errors.append(f"{SCHEMA_FILE} is not JSON: {error}")
    return export


def findings(export: Export) -> Iterator[Finding]:
    yield from check(RULES, "archive.json", export, export.path)


def links(export: Export) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "url" and isinstance(item, str):
                    found.append(("archive.json url", item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(export.data)
    return found
