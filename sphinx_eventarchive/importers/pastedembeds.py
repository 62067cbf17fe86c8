"""Embed code pasted in a post: found, read, and the directive each becomes.

``migrate`` (``importers/migrate.py``) rewrites what this finds: Speaker Deck
frames and scripts, YouTube frames, X posts (``importers/tweets.py``). An
element is one whole embed only where it closes before the next one opens;
what cannot become a directive is left alone with the reason.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.urls import EmbedError, Url, parse_url
from sphinx_eventarchive.importers import tweets
from sphinx_eventarchive.importers.links import youtube_url
from sphinx_eventarchive.importers.mystwriter import escape_inline, one_line, render_directive
from sphinx_eventarchive.importers.post import PostText

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
_ASPECT = re.compile(r"aspect-ratio\s*:\s*([\d.]+)\s*/\s*([\d.]+)", re.IGNORECASE)
# YouTube's own default title says nothing a link text should.
_GENERIC_TITLES = {"", "youtube video player", "youtube"}


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


Options = list[tuple[str, str]]


def _speakerdeck(attributes: dict[str, str], is_script: bool) -> tuple[str, Options] | str | None:
    """``(id, options)`` for a Speaker Deck embed, why not for a broken one, else None."""
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
    return ident, options


def _youtube(attributes: dict[str, str]) -> tuple[str, str, str] | None:
    """``(id, link line, watch URL)`` for a YouTube embed, else None."""
    src = _src(attributes)
    url = youtube_url(src.text) if src is not None else ""
    if not url:
        return None
    title = one_line(attributes.get("title", ""))
    ident = parse_qs(urlsplit(url).query)["v"][0]
    if title.casefold() in _GENERIC_TITLES:
        return ident, f"<{url}>", url
    return ident, f"[{escape_inline(title)}]({url})", url


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


@dataclass
class PastedEmbed:
    """One embed to rewrite: where it is, and what it becomes."""

    start: int
    end: int
    line: int
    kind: str
    ident: str
    replacement: str
    #: What a deck becomes inside a session: the session's title names it
    #: (docs/reference/directives.md).
    in_session: str
    #: A YouTube embed's watch URL: a talk's recording.
    watch: str = ""


def find_embeds(post: PostText, left_alone: list[tuple[int, str]]) -> list[PastedEmbed]:
    """The post's embed code (and X posts pasted as text) that can become directives."""
    text = post.text
    found: list[PastedEmbed] = []
    scan = 0
    while opening := _OPENING.search(text, scan):
        start = opening.start()
        element = _element(text, opening)
        end = element[1] if element is not None else opening.end()
        scan = end
        if post.is_example(start):
            continue
        tag = opening.group("tag").lower()
        is_script = tag == "script"
        attributes = _attributes(element[0] if element is not None else opening["attributes"])
        line = text.count("\n", 0, start) + 1
        watch = ""
        if tag == "blockquote":
            if not tweets.is_tweet(attributes):
                continue
            kind = "tweet"
            posted = "its </blockquote> is missing" if element is None else tweets.directive(
                text[opening.end():tweets_inner_end(text, opening.end())])
            # (id, what it becomes outside a session, … inside one), or why it stays.
            found_as = posted if isinstance(posted, str) else (posted[0], posted[1], posted[1])
        else:
            deck = _speakerdeck(attributes, is_script)
            kind = "speakerdeck"
            if isinstance(deck, tuple):
                ident, options = deck
                untitled = [(key, value) for key, value in options if key != "title"]
                found_as = (ident, render_directive("speakerdeck", ident, options).rstrip("\n"),
                            render_directive("speakerdeck", ident, untitled).rstrip("\n"))
            elif deck is None and not is_script and (video := _youtube(attributes)):
                kind, (ident, link, watch) = "youtube", video
                found_as = (ident, link, link)
            elif deck is None:
                continue
            else:
                found_as = deck
        if isinstance(found_as, str):
            left_alone.append((line, found_as))
            continue
        if element is None:
            reason = "its <iframe> is not closed (</iframe> or />) before the next one"
            if is_script:
                reason = "its <script> is not empty or not closed"
            left_alone.append((line, reason))
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        indent = text[line_start:start]
        if indent.strip() or text[end:line_end].strip():
            left_alone.append((line, "it shares its line with other text"))
            continue
        if len(indent.expandtabs(4)) > 3:
            # Indented code, or a list item's content: which one takes a
            # Markdown parser to tell, so the author decides.
            left_alone.append((line, "it is indented 4 spaces or more"))
            continue
        ident, replacement, in_session = found_as
        newline = "\r\n" if text[line_end - 1 : line_end + 1] == "\r\n" else "\n"
        if line_end == len(text):
            newline = post.newline
        found.append(PastedEmbed(start, end, line, kind, ident,
                            replacement.replace("\n", newline + indent),
                            in_session.replace("\n", newline + indent), watch))
    for pasted in tweets.pasted_text(post):
        if isinstance(pasted.found, str):
            left_alone.append((pasted.line, pasted.found))
            continue
        ident, directive = pasted.found
        directive = directive.replace("\n", post.newline)
        found.append(PastedEmbed(pasted.start, pasted.end, pasted.line, "tweet", ident, directive,
                            directive))
    left_alone.sort(key=lambda place: place[0])
    return sorted(found, key=lambda embed: embed.start)
