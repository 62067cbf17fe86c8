"""``source-read``: what a report's source says before any parser reads it.

* Markdown front matter is read as the YAML the user wrote (``frontmatter.py``);
* reStructuredText metadata fields get their line numbers, for warnings;
* a directive fence CommonMark will not read as one is reported: a backtick in
  the title after a backtick fence (```` ```{session} Using `kubectl` ````)
  makes the line plain text, and the fence that was meant to close it opens a
  code block that swallows what follows, with no word from MyST.

Nothing in the source is changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx_eventarchive.messages import warn
from sphinx_eventarchive.read import document
from sphinx_eventarchive.read.frontmatter import parse_block

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_FIELD = re.compile(r"^:([^:\s][^:]*):")
# A CommonMark fence line: up to 3 spaces, 3+ backticks or tildes, the info string.
_FENCE = re.compile(r"^ {0,3}(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")


def field_lines(source: str) -> dict[str, int]:
    """Lines of a reStructuredText document's leading field list (its metadata)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = _FIELD.match(line)
        if match:
            lines.setdefault(match[1].strip(), number)
        elif line.strip() and not line[:1].isspace():
            break
    return lines


def field_texts(source: str) -> dict[str, str]:
    """The values of a reStructuredText document's leading field list as written, lines
    joined: docutils' smart quotes make ``"b, c"`` into ``“b, c”`` in the metadata."""
    texts: dict[str, str] = {}
    key = ""
    for line in source.splitlines():
        match = _FIELD.match(line)
        if match:
            key = match[1].strip()
            if key in texts:
                key = ""  # given twice: the first is the one read, as for its line
            else:
                texts[key] = line[match.end():].strip()
        elif line[:1].isspace() and line.strip() and key:
            texts[key] = f"{texts[key]} {line.strip()}".strip()
        elif line.strip():
            break
        else:
            key = ""
    return texts


def unread_fences(source: str, names: frozenset[str]) -> list[tuple[int, str]]:
    """(line, directive) of backtick fences of ours that CommonMark reads as text."""
    found = []
    open_marker = ""
    for number, line in enumerate(source.splitlines(), start=1):
        match = _FENCE.match(line)
        if not match:
            continue
        marker, info = match["marker"], match["info"]
        if open_marker:
            if marker[0] == open_marker[0] and len(marker) >= len(open_marker) \
                    and not info.strip():
                open_marker = ""
            continue
        if marker[0] == "`" and "`" in info:
            directive = _DIRECTIVE.match(info.strip())
            if directive and directive["name"] in names:
                found.append((number, directive["name"]))
            continue  # not a fence: a paragraph line
        open_marker = marker
    return found


def source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    suffix = "." + str(env.doc2path(docname)).rsplit(".", 1)[-1]
    if app.config.source_suffix.get(suffix) != "markdown":
        if source[0].startswith(":"):
            document.keep_field_lines(env, field_lines(source[0]))
            document.keep_field_texts(env, field_texts(source[0]))
        return
    front = parse_block(source[0])
    if front is not None:
        document.keep_front_matter(env, front)
    from sphinx_eventarchive.read.directives import DIRECTIVES

    if "`{" in source[0]:
        for line, name in unread_fences(source[0], frozenset(DIRECTIVES)):
            warn(f"this {name} directive is read as plain text: its ``` fence holds a backtick "
                 "after the name, and the fence meant to close it starts a code block "
                 "instead; write the fence with ~~~ (or :::) to keep backticks in the title",
                 "option", (docname, line))
