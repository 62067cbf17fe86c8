"""Make third-party text (abstracts, descriptions) inert Markdown.

Abstracts come from speakers and scrapers, not from the archive's author, yet
they end up inside a directive that MyST parses with the site's full syntax.
Left as they are, they could paste raw HTML into the page (``<script>``),
run a directive (```` ```{raw} ````, ```` ```{include} ````), pull a file off
the build machine (``{download}`/etc/passwd```), or fail a ``-W`` build with
a transition, a footnote or a relative link that resolves to nothing.

The text keeps its words and its ordinary Markdown (emphasis, lists, http
links, code blocks); only those constructs are escaped, with a backslash
where CommonMark allows one. Code blocks are left alone only when they are
fenced at the start of a line after a blank one: there the scanner below
and every Markdown parser agree on where the code starts and ends. Anything
less certain is escaped, because a stray backslash in a code sample is a
smaller harm than markup that runs.
"""

from __future__ import annotations

import re

# A fence that opens code at the top level: at column 0, after a blank line.
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")
# Blockquote markers and list markers before a line's own text.
_CONTAINER = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_THEMATIC_BREAK = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*")
# MyST block syntax that means something other than text at a line's start:
# colon fences, targets ``(label)=``, comments ``%``, block breaks ``+++``,
# amsmath environments, and link definitions (checked for their target).
_LINE_START = re.compile(r":{3,}|\(.*\)=[ \t]*$|%|\+{3}|\\begin\{")
_DEFINITION = re.compile(r"\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<target>[^\s>]*)")
_REFERENCE = re.compile(
    r"""
    (?P<escaped>\\.)
    # ``][label]`` closing a reference whose text began on an earlier line
    | \]\[(?P<tail>[^\[\]\n]+)\]
    | (?<!\])\[(?P<text>[^\[\]\n]+)\](?:\[(?P<ref>[^\[\]\n]*)\])?(?![(:])
    """,
    re.VERBOSE,
)
_SAFE_TARGET = re.compile(r"(?:https?:|mailto:)", re.IGNORECASE)

# Every construct below starts with one of these; most lines have none.
_TRIGGER = re.compile(r"[\\!<{\[\]`~]")
_INLINE = re.compile(
    r"""
    (?P<escaped>\\.)
    | (?P<image>!\[(?P<alt>[^\[\]\n]*)\]\([ \t]*<?(?P<src>[^\s<>()]*)>?
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))
    | (?P<autolink><(?:https?://|mailto:)[^\s<>]*>)
    | (?P<html><(?=[A-Za-z/!?]))
    | (?P<brace>\{(?=\{|[^\s{}`]+\}`))
    | (?P<footnote>\[(?=\^))
    | (?P<bang>!(?=\[))
    | (?P<close>\](?=\([ \t]*<?(?P<target>[^\s<>()]*)))
    | (?P<fence>(?:`{3,}|~{3,})(?=[ \t]*[{\\&]))
    """,
    re.VERBOSE,
)


def _inline(match: re.Match[str]) -> str:
    kind = match.lastgroup
    text = match.group(0)
    if kind in ("escaped", "autolink"):
        return text
    if kind == "image":
        # An image would be fetched from a stranger's server (or, relative,
        # copied off the build machine): a link to it is enough.
        src, alt = match.group("src"), match.group("alt")
        if _SAFE_TARGET.match(src):
            return f"[{alt or src}]({src})"
        return alt
    if kind == "close":
        # A relative target becomes a MyST cross-reference that resolves to
        # nothing; escaping the bracket leaves the words and drops the link.
        return text if _SAFE_TARGET.match(match.group("target") or "") else "\\]"
    if kind == "fence":
        # An info string starting with ``{`` (escaped or as an entity, too)
        # makes a fence a directive; a language in front makes it code.
        return text + "text "
    return "\\" + text


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _relabel(rest: str, labels: dict[str, str]) -> str:
    """Point ``[text][label]``, ``[label][]`` and ``[label]`` at the renamed definitions."""

    def rename(match: re.Match[str]) -> str:
        if match.group("escaped"):
            return match.group(0)
        if match.group("tail"):
            new = labels.get(_label(match.group("tail")))
            return f"][{new}]" if new else match.group(0)
        text, ref = match.group("text"), match.group("ref")
        new = labels.get(_label(ref or text))
        return f"[{text}][{new}]" if new else match.group(0)

    definition = _DEFINITION.match(rest)
    if definition and _label(definition.group("label")) in labels:
        new = labels[_label(definition.group("label"))]
        return f"[{new}]" + rest[definition.end("label") + 1 :]
    return _REFERENCE.sub(rename, rest)


def _drop_repeated_definitions(lines: list[str]) -> list[str]:
    """Keep the first definition of each label: Markdown uses only that one, MyST warns."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:
        if "]:" in line:
            prefix = _CONTAINER.match(line)
            definition = _DEFINITION.match(line[prefix.end() if prefix else 0 :])
            if definition:
                label = _label(definition.group("label"))
                if label in seen:
                    continue
                seen.add(label)
        kept.append(line)
    return kept


def _escape_line(line: str, after_blank: bool, labels: dict[str, str]) -> str:
    if _THEMATIC_BREAK.fullmatch(line):
        if line.strip()[0] == "-" and not after_blank:
            # ``Title`` over ``-----`` is a heading (rST descriptions have
            # many); ``=`` keeps it one, and a heading in a directive is a
            # harmless rubric, while a bare ``---`` would be a transition.
            return line.replace("-", "=")
        return "\\" + line.lstrip()
    prefix = _CONTAINER.match(line)
    start = prefix.end() if prefix else 0
    head, rest = line[:start], line[start:]
    definition = _DEFINITION.match(rest)
    if _LINE_START.match(rest) or (
        definition and not _SAFE_TARGET.match(definition.group("target"))
    ):
        rest = "\\" + rest
    elif labels and "[" in rest:
        rest = _relabel(rest, labels)
    if not _TRIGGER.search(rest):
        return head + rest
    return head + _INLINE.sub(_inline, rest)


def _definitions(lines: list[str], namespace: str) -> dict[str, str]:
    """New names for the link definitions in ``lines``, unique to ``namespace``.

    Link definitions are global to a Markdown document: two abstracts on one
    page that both define ``[1]`` clash (``myst.duplicate_def``) and the
    second one's links point at the first one's URLs.
    """
    labels: dict[str, str] = {}
    if not namespace:
        return labels
    for line in lines:
        if "]:" not in line:
            continue
        prefix = _CONTAINER.match(line)
        definition = _DEFINITION.match(line[prefix.end() if prefix else 0 :])
        if definition and _SAFE_TARGET.match(definition.group("target")):
            label = _label(definition.group("label"))
            labels.setdefault(label, f"{namespace} {label}")
    return labels


def inert(text: str | None, namespace: str = "") -> str:
    """``text`` with its markup that could run, embed or break a build escaped.

    ``namespace`` (unique on the page, such as the session's id) renames the
    text's link definitions so they cannot clash with another text's.
    """
    if not text:
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = _definitions(lines, namespace)
    if labels:
        lines = _drop_repeated_definitions(lines)
    out: list[str] = []
    fence: str | None = None
    after_blank = True
    for line in lines:
        if fence is not None:
            out.append(line)
            stripped = line.rstrip().lstrip(" ")
            if (
                len(line.rstrip()) - len(stripped) <= 3
                and stripped.startswith(fence)
                and not stripped.strip(fence[0])
            ):
                fence = None
            after_blank = False
            continue
        opening = _FENCE_OPEN.fullmatch(line.rstrip()) if after_blank else None
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            info = opening.group(2)
            if info.strip()[:1] in ("{", "\\", "&"):
                info = "text " + info.strip()
            out.append(fence + info)
            after_blank = False
            continue
        out.append(_escape_line(line, after_blank, labels))
        after_blank = not line.strip()
    if fence is not None:
        # Close it here, so the code ends where the notes end.
        out.append(fence)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)
