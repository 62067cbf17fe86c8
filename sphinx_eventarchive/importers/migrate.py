"""Pasted Speaker Deck and YouTube embed code in a Markdown report, as directives.

Only the embed's own text changes; every other byte of the file (front
matter, line ends, a missing final newline) is kept, so the change reads as
a clean diff. Embeds in front matter, fenced code or HTML comments are
examples, not embeds, and stay as they are. An embed sharing its line with
other text (a directive needs lines of its own) or indented 4 spaces or more
(code, or a list item's content) is reported and left alone.

There is no YouTube directive: outside a ``session`` (whose ``video`` option
embeds), a recording is best kept as a plain link to its watch page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from sphinx_eventarchive.importers.links import host, youtube_url
from sphinx_eventarchive.importers.mystwriter import escape_inline, one_line, render_directive

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_EMBED = re.compile(
    rf"<iframe\b(?P<iframe>{_ATTRIBUTES})(?:/>|>.*?</iframe\s*>)"
    rf"|<script\b(?P<script>{_ATTRIBUTES})>\s*</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(
    r"""([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_SPEAKERDECK_ID = re.compile(r"[0-9a-f]{24}|[0-9a-f]{32}")
_FENCE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})")
_ASPECT = re.compile(r"aspect-ratio\s*:\s*([\d.]+)\s*/\s*([\d.]+)", re.IGNORECASE)
# YouTube's own default title says nothing a link text should.
_GENERIC_TITLES = {"", "youtube video player", "youtube"}


@dataclass
class Change:
    line: int
    kind: str
    ident: str


@dataclass
class Result:
    text: str
    changes: list[Change] = field(default_factory=list)
    left_alone: list[tuple[int, str]] = field(default_factory=list)


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        found.setdefault(name.lower(), html.unescape(double or single or bare))
    return found


def _ratio(attributes: dict[str, str]) -> str:
    """The deck's ratio when it is not the default 16:9; ``""`` otherwise."""
    value: float | None = None
    try:
        value = float(attributes.get("data-ratio", ""))
    except ValueError:
        match = _ASPECT.search(attributes.get("style", ""))
        if match and float(match.group(2)):
            value = float(match.group(1)) / float(match.group(2))
    if value is None or value <= 0 or abs(value - 16 / 9) < 0.01:
        return ""
    if abs(value - 4 / 3) < 0.01:
        return "4:3"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _speakerdeck(attributes: dict[str, str], is_script: bool) -> tuple[str, str] | None:
    """``(id, directive)`` for a Speaker Deck embed, else None."""
    if is_script:
        if "speakerdeck-embed" not in attributes.get("class", "").split():
            return None
        ident, slide = attributes.get("data-id", ""), attributes.get("data-slide", "")
    else:
        src = attributes.get("src", "")
        if host("https:" + src if src.startswith("//") else src) != "speakerdeck.com":
            return None
        parts = urlsplit(src)
        segments = parts.path.strip("/").split("/")
        if len(segments) != 2 or segments[0] != "player":
            return None
        ident = segments[1]
        slide = (parse_qs(parts.query).get("slide") or [""])[0]
    if not _SPEAKERDECK_ID.fullmatch(ident):
        return None
    options = [
        ("title", one_line(attributes.get("title", ""))),
        ("ratio", _ratio(attributes)),
        ("slide", slide if slide.isdigit() and slide != "1" else ""),
    ]
    return ident, render_directive("speakerdeck", ident, options).rstrip("\n")


def _looks_like_speakerdeck(attributes: dict[str, str], is_script: bool) -> bool:
    if is_script:
        return "speakerdeck-embed" in attributes.get("class", "").split()
    src = attributes.get("src", "")
    return host("https:" + src if src.startswith("//") else src) == "speakerdeck.com"


def _youtube(attributes: dict[str, str]) -> tuple[str, str] | None:
    src = attributes.get("src", "")
    url = youtube_url("https:" + src if src.startswith("//") else src)
    if not url:
        return None
    title = one_line(attributes.get("title", ""))
    ident = parse_qs(urlsplit(url).query)["v"][0]
    if title.casefold() in _GENERIC_TITLES:
        return ident, f"<{url}>"
    return ident, f"[{escape_inline(title)}]({url})"


def _skipped_regions(text: str) -> list[tuple[int, int]]:
    """Spans where embed code is an example: front matter, fenced code, HTML comments."""
    regions: list[tuple[int, int]] = []
    lines = text.split("\n")
    offset = 0
    fence: str | None = None
    fence_start = 0
    in_front_matter = lines[0].lstrip("\ufeff").rstrip("\r") == "---" if lines else False
    for number, line in enumerate(lines):
        end = offset + len(line) + 1
        bare = line.rstrip("\r")
        if in_front_matter:
            if number > 0 and bare in ("---", "..."):
                in_front_matter = False
            regions.append((offset, end))
        elif fence is not None:
            stripped = bare.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
                regions.append((fence_start, end))
        else:
            match = _FENCE.match(bare)
            # ```` ```a``` ```` on one line is inline code, not a fence.
            if match and not (match.group(1)[0] == "`" and "`" in bare[match.end() :]):
                fence, fence_start = match.group(1), offset
        offset = end
    if fence is not None:
        regions.append((fence_start, len(text)))
    regions.extend(match.span() for match in re.finditer(r"<!--.*?-->", text, re.DOTALL))
    return regions


def migrate(text: str) -> Result:
    """``text`` with its Speaker Deck and YouTube embeds as directives and links."""
    result = Result(text)
    skipped = _skipped_regions(text)
    pieces: list[str] = []
    position = 0
    for match in _EMBED.finditer(text):
        start, end = match.span()
        if any(low <= start < high for low, high in skipped):
            continue
        is_script = match.group("script") is not None
        attributes = _attributes(match.group("script") or match.group("iframe") or "")
        line = text.count("\n", 0, start) + 1
        found = _speakerdeck(attributes, is_script)
        kind = "speakerdeck"
        if found is None and not is_script:
            found, kind = _youtube(attributes), "youtube"
        if found is None:
            if _looks_like_speakerdeck(attributes, is_script):
                result.left_alone.append((line, "its Speaker Deck id is missing or malformed"))
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        indent = text[line_start:start]
        if indent.strip() or text[end:line_end].strip():
            result.left_alone.append((line, "it shares its line with other text"))
            continue
        if len(indent.expandtabs(4)) > 3:
            # Indented code, or a list item's content: which one takes a
            # Markdown parser to tell, so the author decides.
            result.left_alone.append((line, "it is indented 4 spaces or more"))
            continue
        ident, replacement = found
        newline = "\r\n" if text[line_end - 1 : line_end + 1] == "\r\n" else "\n"
        if line_end == len(text):
            newline = "\r\n" if "\r\n" in text else "\n"
        pieces.append(text[position:start])
        pieces.append(replacement.replace("\n", newline + indent))
        position = end
        result.changes.append(Change(line, kind, ident))
    pieces.append(text[position:])
    result.text = "".join(pieces)
    return result
