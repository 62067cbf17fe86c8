"""Directive options read as the user wrote them, with the line of each.

MyST reads a directive's option block with a YAML-like tokenizer of its own:
``:venue: "Hall" B``, a value starting with ``|`` or ``>``, or a tab loses the
*whole* block; `` #`` cuts a value (``:hashtag: #pfem`` arrives empty); an
indented continuation line, and every option after it, becomes content.
docutils reads them as a field list. Both hand a directive its raw text
(``block_text``, line *i* of which is source line ``lineno + i``), so our
directives read their options from there, the same way in both parsers:

* ``:key: value`` lines mean the text after ``:key:``, whatever YAML would make
  of it; indented lines right after continue the value (docutils' rule);
* a MyST ``---`` block is YAML, read with PyYAML: lists stay lists, scalars
  stay the text written (``2024-05-01`` is not turned into a date), ``#``
  starts a comment as YAML says; a block YAML cannot read is read line by line;
* what the parsers would still drop, cut or misplace is a :class:`Problem`
  the directive reports as ``eventarchive.option`` with its line.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive

# docutils' field marker (Body.patterns["field_marker"]), a tab allowed after it.
_FIELD = re.compile(r"^:(?P<name>(?![: ])(?:[^:\\]|\\.|:(?![ `\t]|$))*(?<![ \t])):(?:[ \t]+|$)")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,}|:{3,})")
_RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+[^\s:]+(?:\s*:[^\s:]+)?\s*::")
_YAML_KEY = re.compile(r"^(?P<name>[^\s:#][^:]*?):(?:[ \t]+|$)")


@dataclass
class RawOption:
    name: str
    #: The text written; a YAML block may also give a list (or a mapping).
    value: Any
    line: int


@dataclass
class Problem:
    message: str
    line: int


@dataclass
class RawOptions:
    options: dict[str, RawOption] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Leading lines of MyST's content that are really option text (continuations).
    content_skip: int = 0

    def store(self, option: RawOption) -> None:
        if option.name in self.options:
            first = self.options.pop(option.name)
            self.problems.append(Problem(
                f":{option.name}: is given twice (first on line {first.line}); "
                "the last one is used", option.line))
        self.options[option.name] = option


def is_myst(directive: Directive) -> bool:
    """Whether MyST (rather than docutils) runs the directive."""
    first = (directive.block_text or "").split("\n", 1)[0]
    return not _RST_DIRECTIVE.match(first)


def read_options(directive: Directive, known: set[str]) -> RawOptions:
    """The directive's options as written, and what the parsers would lose."""
    found = read_block(directive.block_text or "", directive.lineno, myst=is_myst(directive))
    for name, option in found.options.items():
        if name not in known:
            found.problems.append(Problem(
                f"unknown option :{name}: (known: {', '.join(sorted(known))})", option.line))
    found.problems.sort(key=lambda problem: problem.line)
    return found


def read_block(block_text: str, lineno: int, *, myst: bool) -> RawOptions:
    """The options of a directive's raw text (``block_text``), without a directive."""
    lines = block_text.split("\n")
    return _myst(lines, lineno) if myst else _rst(lines, lineno)


def skip_option_lines(directive: Directive, found: RawOptions) -> None:
    """Drop continuation lines MyST put at the start of the content."""
    if found.content_skip:
        directive.content = directive.content[found.content_skip:]
        directive.content_offset += found.content_skip


# -- MyST ----------------------------------------------------------------------------------


def _myst(lines: list[str], lineno: int) -> RawOptions:
    found = RawOptions()
    opening = _FENCE.match(lines[0]) if lines else None
    body, first = lines, lineno
    if opening:
        body, first = lines[1:], lineno + 1
        if body and body[-1] == "":
            body = body[:-1]
        if body and body[-1].strip() == opening[1]:
            body = body[:-1]
    if body and body[0].startswith("---"):
        _yaml_block(body, first, found)
    elif body and body[0].lstrip().startswith(":") and not body[0].lstrip().startswith(":::"):
        _field_lines(body, first, found)
    return found


def _field_lines(body: list[str], first: int, found: RawOptions) -> None:
    """``:key: value`` lines; indented lines continue the value before them.

    MyST ends its option block at the first line not starting with ``:``, so a
    continuation (and every option after it) lands in the content: read on,
    and tell the directive how many lines of its content are options.
    """
    current: RawOption | None = None
    parts: list[str] = []
    myst_stopped: int | None = None

    def close() -> None:
        if current is not None:
            current.value = "\n".join(parts).strip()
            found.store(current)

    index = 0
    while index < len(body):
        raw = body[index]
        stripped = raw.lstrip()
        if stripped.startswith(":") and not stripped.startswith(":::"):
            match = _FIELD.match(stripped)
            if match is None:
                found.problems.append(Problem(
                    f"{stripped!r} is not a ':key: value' option line", first + index))
            else:
                close()
                current = RawOption(_name(match["name"]), "", first + index)
                parts = [stripped[match.end():].strip()]
        elif raw.strip() and raw[:1] in " \t" and current is not None:
            if myst_stopped is None:
                myst_stopped = index
            parts.append(raw.strip())
        else:
            break
        index += 1
    close()
    if myst_stopped is not None:
        while index < len(body) and not body[index].strip():
            index += 1
        found.content_skip = index - myst_stopped


def _yaml_block(body: list[str], first: int, found: RawOptions) -> None:
    end = next((index for index in range(1, len(body)) if body[index].startswith("---")), None)
    if end is None:
        found.problems.append(Problem("the YAML option block has no closing '---'", first))
        end = len(body)
    text = textwrap.dedent("\n".join(body[1:end]))
    start = first + 1
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        found.problems.append(Problem(
            f"the YAML option block cannot be read ({getattr(error, 'problem', error)}); "
            "read line by line as 'key: text'", start + (mark.line if mark else 0)))
        _yaml_lines(text.split("\n"), start, found)
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        found.problems.append(Problem("the YAML option block is not a mapping", start))
        return
    for key, value in root.value:
        found.store(RawOption(str(key.value).lower(), _yaml_value(value),
                              start + key.start_mark.line))


def _yaml_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return node.value  # the text: 2024-05-01, 8 and yes stay as written
    if isinstance(node, yaml.SequenceNode):
        return [_yaml_value(item) for item in node.value]
    return {str(key.value): _yaml_value(value) for key, value in node.value}


def _yaml_lines(lines: list[str], start: int, found: RawOptions) -> None:
    current: RawOption | None = None
    parts: list[str] = []
    for index, line in enumerate([*lines, ""]):
        match = _YAML_KEY.match(line) if index < len(lines) else None
        if match or index == len(lines):
            if current is not None:
                current.value = "\n".join(parts).strip()
                found.store(current)
                current = None
            if match:
                current = RawOption(match["name"].lower(), "", start + index)
                parts = [line[match.end():]]
        elif line.strip() and not line.lstrip().startswith("#"):
            if current is not None and line[:1] in " \t":
                parts.append(line.strip())
            else:
                found.problems.append(Problem(f"cannot read {line.strip()!r}", start + index))


# -- reStructuredText ----------------------------------------------------------------------


def _rst(lines: list[str], lineno: int) -> RawOptions:
    found = RawOptions()
    match = _RST_DIRECTIVE.match(lines[0]) if lines else None
    if not match:
        return found
    rest = lines[1:]
    indent = min((len(line) - len(line.lstrip()) for line in rest if line.strip()), default=0)
    block = [lines[0][match.end():].strip(), *(line[indent:] for line in rest)]
    numbers = list(range(lineno, lineno + len(block)))
    if block and not block[0].strip():
        block, numbers = block[1:], numbers[1:]
    end = next((index for index, line in enumerate(block) if not line.strip()), len(block))
    current: RawOption | None = None
    parts: list[str] = []
    for index in range(end):
        line = block[index]
        field_match = _FIELD.match(line)
        if field_match:
            if current is not None:
                current.value = "\n".join(parts).strip()
                found.store(current)
            current = RawOption(_name(field_match["name"]), "", numbers[index])
            parts = [line[field_match.end():].strip()]
        elif current is not None and line[:1] == " ":
            parts.append(line.strip())
    if current is not None:
        current.value = "\n".join(parts).strip()
        found.store(current)
    return found


def _name(raw: str) -> str:
    # docutils lower-cases option names and unescapes "\:".
    return re.sub(r"\\(.)", r"\1", raw).lower()


class AnyOption(dict[str, Any]):
    """An ``option_spec`` that takes any key: docutils stops a directive with an
    unknown option and MyST drops it, while we read it ourselves and warn with
    its line (both parsers look converters up with ``spec[name]``)."""

    def __missing__(self, key: str) -> Any:
        return _as_text


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def option_spec(names: tuple[str, ...]) -> AnyOption:
    return AnyOption(dict.fromkeys(names, _as_text))
