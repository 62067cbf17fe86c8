"""Pasted Speaker Deck and YouTube embed code in a Markdown report, as directives.

Only the embed's own text changes; every other byte of the file (front
matter, line ends, a missing final newline) is kept, so the change reads as
a clean diff. Embeds in front matter, fenced code or HTML comments are
examples, not embeds, and stay as they are. An embed sharing its line with
other text (a directive needs lines of its own), indented 4 spaces or more
(code, or a list item's content), or an ``<iframe …>`` not closed before the
next one is reported and left alone. MDX (Astro) posts write ``<iframe … />``:
that is one whole embed.

There is no YouTube directive: outside a ``session`` (whose ``video`` option
embeds), a recording is best kept as a plain link to its watch page.

X's pasted post (``<blockquote class="twitter-tweet">…</blockquote>`` and the
``<script>`` loading widgets.js after it) becomes a ``tweet`` directive that
keeps the post's text, author and date (``importers/tweets.py``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.urls import EmbedError, Url, parse_url
from sphinx_eventarchive.importers import tweets
from sphinx_eventarchive.importers.links import youtube_url
from sphinx_eventarchive.importers.mystwriter import escape_inline, one_line, render_directive

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# An opening tag; whether the element ends there (``/>``), at its closing tag,
# or nowhere is decided by migrate(), not by one regex that could run on to
# another element's closing tag.
_OPENING = re.compile(
    rf"<(?P<tag>iframe|script|blockquote)\b(?P<attributes>{_ATTRIBUTES})>",
    re.IGNORECASE | re.DOTALL
)
_IFRAME_OPEN = re.compile(r"<iframe\b", re.IGNORECASE)
_IFRAME_CLOSE = re.compile(r"</iframe\s*>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"\s*</script\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
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


_MALFORMED = "its Speaker Deck id is missing or malformed"


def _src(attributes: dict[str, str]) -> Url | None:
    """The frame's ``src`` as a checked URL (embed code often leaves out ``https:``)."""
    src = attributes.get("src", "")
    try:
        return parse_url("https:" + src if src.startswith("//") else src)
    except EmbedError:
        return None


def _speakerdeck(attributes: dict[str, str], is_script: bool) -> tuple[str, str] | str | None:
    """``(id, directive)`` for a Speaker Deck embed, why not for a broken one, else None."""
    if is_script:
        # MDX (JSX) spells the attribute className.
        classes = attributes.get("class") or attributes.get("classname") or ""
        if "speakerdeck-embed" not in classes.split():
            return None
        ident, slide_text = attributes.get("data-id", ""), attributes.get("data-slide", "")
        if not hosts.SPEAKERDECK_ID.fullmatch(ident):
            return _MALFORMED
        try:
            slide = hosts.positive(slide_text, "the slide number") if slide_text else None
        except EmbedError as error:
            return str(error)
    else:
        url = _src(attributes)
        if url is None or hosts.host_kind(url) != "speakerdeck":
            return None
        try:
            ident = hosts.speakerdeck(url).deck_id
        except EmbedError:
            return _MALFORMED
        if not ident:
            return _MALFORMED  # a presentation URL: no frame shows one
        try:
            slide = hosts.speakerdeck_slide(url)
        except EmbedError as error:
            return str(error)
    options = [
        ("title", one_line(attributes.get("title", ""))),
        ("ratio", _ratio(attributes)),
        ("slide", str(slide) if slide is not None and slide != 1 else ""),
    ]
    return ident, render_directive("speakerdeck", ident, options).rstrip("\n")


def _youtube(attributes: dict[str, str]) -> tuple[str, str] | None:
    src = _src(attributes)
    url = youtube_url(src.text) if src is not None else ""
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


def _element(text: str, opening: re.Match[str]) -> tuple[str, int] | None:
    """The attributes and end of the element ``opening`` starts; None when it has no end.

    ``<iframe … />`` ends at once (MDX); ``<iframe …>`` at its ``</iframe>``,
    unless another ``<iframe`` comes first: then it was never closed, and
    running on to the next closing tag would swallow the text between. A
    ``<script>`` embed holds no code.
    """
    attributes, end = opening.group("attributes"), opening.end()
    if opening.group("tag").lower() == "blockquote":
        # X's code: the quote, then (usually) its widgets.js script.
        closing = tweets.BLOCKQUOTE_CLOSE.search(text, end)
        if closing is None:
            return None
        script = tweets.WIDGETS_SCRIPT.match(text, closing.end())
        return attributes, script.end() if script else closing.end()
    if attributes.rstrip().endswith("/"):
        return attributes.rstrip()[:-1], end
    if opening.group("tag").lower() == "script":
        closing = _SCRIPT_CLOSE.match(text, end)
        return (attributes, closing.end()) if closing else None
    closing = _IFRAME_CLOSE.search(text, end)
    following = _IFRAME_OPEN.search(text, end)
    if closing is None or (following is not None and following.start() < closing.start()):
        return None
    return attributes, closing.end()


def tweets_inner_end(text: str, start: int) -> int:
    closing = tweets.BLOCKQUOTE_CLOSE.search(text, start)
    return closing.start() if closing else len(text)


def migrate(text: str) -> Result:
    """``text`` with its Speaker Deck, YouTube and X embeds as directives and links."""
    result = Result(text)
    skipped = _skipped_regions(text)
    pieces: list[str] = []
    position = 0
    scan = 0
    while opening := _OPENING.search(text, scan):
        start = opening.start()
        element = _element(text, opening)
        end = element[1] if element is not None else opening.end()
        scan = end
        if any(low <= start < high for low, high in skipped):
            continue
        tag = opening.group("tag").lower()
        is_script = tag == "script"
        attributes = _attributes(element[0] if element is not None else opening["attributes"])
        line = text.count("\n", 0, start) + 1
        found: tuple[str, str] | str | None
        if tag == "blockquote":
            if not tweets.is_tweet(attributes):
                continue
            kind = "tweet"
            found = "its </blockquote> is missing" if element is None else tweets.directive(
                text[opening.end():tweets_inner_end(text, opening.end())])
        else:
            found = _speakerdeck(attributes, is_script)
            kind = "speakerdeck"
            if found is None and not is_script:
                found, kind = _youtube(attributes), "youtube"
        if found is None:
            continue
        if isinstance(found, str):
            result.left_alone.append((line, found))
            continue
        if element is None:
            reason = "its <iframe> is not closed (</iframe> or />) before the next one"
            if is_script:
                reason = "its <script> is not empty or not closed"
            result.left_alone.append((line, reason))
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
