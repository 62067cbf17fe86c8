"""How the package is wired, held by walking its source with ``ast``.

* Sphinx events are connected in one place, ``extension.py``, where the order of
  the components is written (no priorities spread over modules).
* What a reader parses is never parsed again downstream: the date and speaker
  parsers are called where sources are read (``read/``, the rules of ``core/``,
  and the command line's own readers of other formats, ``importers/`` and
  ``check/``), and everything else takes the parsed values from the records.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_eventarchive"
PARSERS = frozenset({"parse_when", "instant", "starts_at", "parse_speaker", "split_speakers",
                     "split_ref"})
READERS = ("core", "read", "importers", "check")


def calls(path: Path) -> Iterator[tuple[str, int]]:
    """(name, line) of every call in a module, by the name it is called with."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, node.lineno


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def test_sphinx_events_are_connected_in_extension_py_only() -> None:
    found = [f"{name}:{line}" for name, path in modules() if name != "extension.py"
             for call, line in calls(path) if call == "connect"]
    assert found == []


def test_sources_are_parsed_once_where_they_are_read() -> None:
    found = [f"{name}:{line} calls {call}" for name, path in modules()
             if name.split("/")[0] not in READERS
             for call, line in calls(path) if call in PARSERS]
    assert found == []


def test_no_module_over_400_lines() -> None:
    found = {name: lines for name, path in modules()
             if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert found == {}


def strings(path: Path) -> Iterator[tuple[str, int]]:
    """(text, line) of every string constant of a module, f-strings' parts included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value, node.lineno


def test_cards_have_one_renderer() -> None:
    card_markup = ("eventarchive-item-title", "eventarchive-item-meta")
    writers = {name for name, path in modules() for text, _line in strings(path)
               if any(cls in text for cls in card_markup)}
    assert writers == {"write/cardhtml.py"}
    copied = [f"{name}:{line}" for name, path in modules() for text, line in strings(path)
              if "docutils container" in text or 'class="docutils' in text]
    assert copied == []


def test_the_walk_finds_calls() -> None:
    """The test itself: it sees the connects of extension.py and a reader's parser."""
    assert any(call == "connect" for call, _line in calls(PACKAGE / "extension.py"))
    assert any(call == "parse_speaker" for call, _line in calls(
        PACKAGE / "read" / "directives" / "session.py"))


def test_every_warning_subtype_is_declared_and_described() -> None:
    """A subtype is a name mypy checks at every call (messages.Subtype) and the warnings
    reference describes (messages.SUBTYPES): the two hold the same names."""
    from typing import get_args

    from sphinx_eventarchive.messages import SUBTYPES, Subtype

    assert set(get_args(Subtype)) == set(SUBTYPES)
    assert all(SUBTYPES.values())
