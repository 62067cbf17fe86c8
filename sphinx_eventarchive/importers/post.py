"""A blog post read as lines, headings, list items, paragraphs and links.

Not a Markdown parser: ``migrate`` only needs the shape of a post (ATX
headings, top-level list items, paragraphs) and its links, read outside the
places where text is an example (front matter, fenced code, HTML comments).
Every position is an offset into the text as given, so a change can be made
in place and every other byte kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import yaml

from sphinx_eventarchive.core.text import collapse, split_list
from sphinx_eventarchive.importers.links import http_url

Span = tuple[int, int]

_FENCE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_MARKER = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_CUT = re.compile(r"^([\w-]+):[ \t]+(?![\"'|>\[{#])[^\n]*?[ \t]#", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL | re.MULTILINE)

# Links as posts write them: Markdown, HTML, autolinks, bare URLs. A Markdown
# destination is taken up to its closing bracket, white space and all: a URL
# with a space in it is still the link the author meant, and must be noticed.
_MARKDOWN_LINK = re.compile(
    r"(?<![\\!])\[(?P<text>(?:\\.|[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<dest>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_DESTINATION = re.compile(r"""(\S+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?""")
_HTML_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>(.*?)</a\s*>""",
                        re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<(https?://[^\s<>]*)>")
_BARE_URL = re.compile(r"(?<![\w/(<\"'=\]])https?://[^\s<>()\[\]「」『』、。，！？\"'`]+")
_TRAILING = ".,;:!?'\""
_TAG = re.compile(r"<[^>\n]*>")
_EMPHASIS = re.compile(r"(\*\*|__|~~)")


class Line(NamedTuple):
    number: int  # 1-based
    start: int
    end: int  # where its line break starts (or the end of the text)
    next: int  # where the next line starts
    text: str  # without the line break


class Heading(NamedTuple):
    level: int
    title: str  # as written, without the #s
    line: Line


class Item(NamedTuple):
    """A top-level list item: its lines, and where its text starts after the marker."""

    lines: tuple[Line, ...]
    content: int
    indent: int  # the column continuation lines are indented to

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].next


class Link(NamedTuple):
    start: int
    end: int
    text: str  # the link text as written ("" for a bare URL)
    written: str  # the destination as written
    url: str  # the destination as a usable http(s) URL, or ""

    @property
    def broken(self) -> bool:
        """A web address the author meant that cannot be used as written (white space)."""
        return not self.url and bool(re.match(r"\s*<?https?://", self.written))


class PostText:
    """A post's lines, what is an example in it, and its front matter."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.examples = example_regions(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        match = _FRONT_MATTER.match(text)
        self.body_start = match.end() if match else 0
        self.front_matter = _front_matter(match.group(1)) if match else {}
        #: Top-level keys whose plain value YAML cut at `` #`` (the rest read as a comment).
        self.cut_keys = {found.group(1) for found in _CUT.finditer(match.group(1))} \
            if match else set()

    def is_example(self, offset: int) -> bool:
        return any(low <= offset < high for low, high in self.examples)

    def line_at(self, offset: int) -> Line:
        low, high = 0, len(self.lines) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.lines[middle].start <= offset:
                low = middle
            else:
                high = middle - 1
        return self.lines[low]

    def headings(self) -> list[Heading]:
        found = []
        for line in self.lines:
            match = _HEADING.fullmatch(line.text)
            if match and line.start >= self.body_start and not self.is_example(line.start):
                found.append(Heading(len(match.group(1)), (match.group(2) or "").strip(), line))
        return found

    def items(self) -> list[Item]:
        """Top-level list items, with their continuation lines (indented or lazy)."""
        found: list[Item] = []
        lines, index = self.lines, 0
        while index < len(lines):
            line = lines[index]
            marker = _MARKER.match(line.text)
            if (marker is None or _THEMATIC_BREAK.fullmatch(line.text)
                    or line.start < self.body_start or self.is_example(line.start)):
                index += 1
                continue
            gap = len(marker.group(3))
            indent = len(marker.group(1)) + len(marker.group(2)) + (gap if 1 <= gap <= 4 else 1)
            last = index
            scan = index + 1
            while scan < len(lines):
                text = lines[scan].text
                if not text.strip():
                    after = scan
                    while after < len(lines) and not lines[after].text.strip():
                        after += 1
                    if after < len(lines) and _indent(lines[after].text) >= indent:
                        scan = after
                        continue
                    break
                if _indent(text) >= indent:
                    last = scan
                elif (_MARKER.match(text) or _HEADING.fullmatch(text) or _FENCE.match(text)
                      or text.lstrip().startswith(">") or not lines[scan - 1].text.strip()):
                    break
                else:
                    last = scan  # a lazy continuation of the item's paragraph
                scan += 1
            found.append(Item(tuple(lines[index:last + 1]),
                              line.start + marker.end(), indent))
            index = last + 1
        return found

    def paragraphs(self, start: int, end: int) -> list[tuple[int, str]]:
        """The prose between ``start`` and ``end``: each paragraph's offset and its words.

        Embeds, pictures and HTML-only lines are no prose; links keep their text.
        """
        found: list[tuple[int, str]] = []
        current: list[str] = []
        first = start
        for line in self.lines:
            if line.start < start or line.start >= end:
                continue
            text = line.text.strip()
            skip = (not text or self.is_example(line.start) or _HEADING.fullmatch(line.text)
                    or not plain_text(text))
            if skip:
                if current:
                    found.append((first, collapse("\n".join(current))))
                    current = []
                continue
            if not current:
                first = line.start
            current.append(plain_text(text))
        if current:
            found.append((first, collapse("\n".join(current))))
        return found

    def block_start(self, offset: int) -> Line:
        """The first line of the paragraph (or list item) holding ``offset``."""
        line = self.line_at(offset)
        while line.number > 1:
            if _MARKER.match(line.text) or _HEADING.fullmatch(line.text):
                break
            previous = self.lines[line.number - 2]
            if not previous.text.strip() or _HEADING.fullmatch(previous.text):
                break
            line = previous
        return line


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), 1):
        end = offset + len(raw)
        bare = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(number, offset, offset + len(bare), min(end + 1, len(text)), bare))
        offset = end + 1
    return lines


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def example_regions(text: str) -> list[Span]:
    """Spans where text is an example, not the post: front matter, fenced code, HTML comments."""
    regions: list[Span] = []
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


def links(text: str, start: int = 0, end: int | None = None) -> list[Link]:
    """Every link between ``start`` and ``end``, in order."""
    end = len(text) if end is None else end
    found: list[Link] = []
    taken: list[Span] = []

    def add(link: Link) -> None:
        if not any(low < link.end and link.start < high for low, high in taken):
            found.append(link)
            taken.append((link.start, link.end))

    for match in _MARKDOWN_LINK.finditer(text, start, end):
        dest = match.group("dest").strip()
        if dest.startswith("<") and dest.endswith(">"):
            written = dest[1:-1]
        else:
            parts = _DESTINATION.fullmatch(dest)
            written = parts.group(1) if parts else dest
        add(Link(match.start(), match.end(), match.group("text"), written, http_url(written)))
    for match in _HTML_LINK.finditer(text, start, end):
        written = match.group(1) if match.group(1) is not None else match.group(2)
        add(Link(match.start(), match.end(), _TAG.sub("", match.group(3)).strip(), written,
                 http_url(written)))
    for match in _AUTOLINK.finditer(text, start, end):
        add(Link(match.start(), match.end(), "", match.group(1), http_url(match.group(1))))
    for match in _BARE_URL.finditer(text, start, end):
        written = match.group(0).rstrip(_TRAILING)
        add(Link(match.start(), match.start() + len(written), "", written, http_url(written)))
    return sorted(found)


def plain_text(text: str) -> str:
    """A line's words: links as their text, no HTML tags, no emphasis marks, no pictures."""
    text = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", text)
    text = _MARKDOWN_LINK.sub(lambda m: m.group("text"), text)
    text = _HTML_LINK.sub(lambda m: m.group(3), text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return text.strip()


def _front_matter(block: str) -> dict[str, Any]:
    try:
        values = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return values if isinstance(values, dict) else {}


def published(front_matter: dict[str, Any]) -> dt.date | None:
    """The post's publication day, from the keys Astro, Hugo and Jekyll use."""
    for key in ("publishDate", "date", "pubDate", "published"):
        value = front_matter.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None


def tags(front_matter: dict[str, Any]) -> tuple[str, ...]:
    value = front_matter.get("tags")
    if isinstance(value, str):
        return tuple(split_list(value))
    if isinstance(value, Sequence):
        return tuple(str(tag).strip() for tag in value if str(tag).strip())
    return ()
