"""A blog post as a report: its pasted embeds as directives, its event and talks proposed.

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
``<script>`` loading widgets.js after it, or the post's words pasted as a
quote with its "— Name (@account) date" line and its URL) becomes a
``tweet`` directive that keeps the post's text, author and date
(``importers/tweets.py``).

With ``propose``, the post's event and its talks
(:mod:`~sphinx_eventarchive.importers.proposal`) become an ``event`` after
its first heading and a ``session`` per talk: a talk's heading becomes the
session, its section the session's notes, byte for byte; a list item linking
a talk becomes a session whose notes are the item's words after the link.
A deck inside a session takes the session's title, not the frame's (Speaker
Deck pads those with stray spaces). Whatever could not be read is marked in
the text with a ``% migrate: …?`` comment, and nothing else is written:
running it again finds nothing more to do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.options import EVENT, SESSION
from sphinx_eventarchive.core.records import Event, Session
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.core.urls import EmbedError, Url, parse_url
from sphinx_eventarchive.importers import proposal, summary, tweets
from sphinx_eventarchive.importers.links import youtube_url
from sphinx_eventarchive.importers.mystwriter import (
    directive_options,
    escape_inline,
    one_line,
    option_value,
    render_directive,
    unique_id,
)
from sphinx_eventarchive.importers.post import Link, PostText
from sphinx_eventarchive.importers.proposal import Talk

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


@dataclass
class Change:
    line: int  # in the post as given
    #: ``speakerdeck``, ``youtube``, ``tweet``, ``event`` or ``session``.
    kind: str
    ident: str


@dataclass
class Note:
    """A place left for the user: a ``% migrate: <kind>?`` comment at ``line`` of the result."""

    line: int
    kind: str  # ``speakers``, ``url``, ``date`` or ``name``
    #: What it is about: the talk's title, the URL, the event's name.
    subject: str


@dataclass
class Result:
    text: str
    changes: list[Change] = field(default_factory=list)
    #: Embeds (and X posts pasted as text) left as they were: line in the post, why.
    left_alone: list[tuple[int, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: Whether the event and sessions were looked for.
    proposed: bool = False

    def counts(self) -> summary.Counts:
        kinds = [change.kind for change in self.changes]
        return summary.Counts(
            decks=kinds.count("speakerdeck"), videos=kinds.count("youtube"),
            posts=kinds.count("tweet"), events=kinds.count("event"),
            sessions=kinds.count("session"), places=len(self.notes), proposed=self.proposed)


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
class _Embed:
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


def _embeds(post: PostText, left_alone: list[tuple[int, str]]) -> list[_Embed]:
    """The post's embed code (and X posts pasted as text) that can become directives."""
    text = post.text
    found: list[_Embed] = []
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
        found.append(_Embed(start, end, line, kind, ident,
                            replacement.replace("\n", newline + indent),
                            in_session.replace("\n", newline + indent), watch))
    for pasted in tweets.pasted_text(post):
        if isinstance(pasted.found, str):
            left_alone.append((pasted.line, pasted.found))
            continue
        ident, directive = pasted.found
        directive = directive.replace("\n", post.newline)
        found.append(_Embed(pasted.start, pasted.end, pasted.line, "tweet", ident, directive,
                            directive))
    left_alone.sort(key=lambda place: place[0])
    return sorted(found, key=lambda embed: embed.start)


# -- the proposal as text ---------------------------------------------------------


class _Edit(NamedTuple):
    """``text`` in place of ``start:end`` (an insertion when they are equal)."""

    start: int
    end: int
    text: str
    #: The ``% migrate:`` comments in ``text``: (offset in text, kind, subject).
    notes: tuple[tuple[int, str, str], ...] = ()


def _apply(text: str, edits: list[_Edit]) -> tuple[str, list[Note]]:
    """``text`` with ``edits`` made, and the line of each comment in the result."""
    pieces: list[str] = []
    notes: list[Note] = []
    position, line = 0, 1
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        kept = text[position:edit.start]
        pieces.append(kept)
        line += kept.count("\n")
        for offset, kind, subject in edit.notes:
            notes.append(Note(line + edit.text.count("\n", 0, offset), kind, subject))
        pieces.append(edit.text)
        line += edit.text.count("\n")
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), notes


def _fence(content: str, argument: str) -> str:
    """A fence no line of ``content`` can close, and that a title with a backtick may follow."""
    char = "~" if "`" in argument else "`"
    longest = max((len(line) - len(line.lstrip(char)) for line in
                   (line.lstrip() for line in content.split("\n"))), default=0)
    return char * max(3, longest + 1)


def _opening(name: str, argument: str, options: list[tuple[str, str]], fence: str) -> str:
    lines = [f"{fence}{{{name}}} {argument}".rstrip()]
    lines.extend(f":{key}: {option_value(value)}" for key, value in options if one_line(value))
    return "\n".join(lines) + "\n"


class _Writer:
    """The event and sessions of a proposal as edits of the post, comments included."""

    def __init__(self, post: PostText, embeds: list[_Embed], talks: list[Talk],
                 language: str) -> None:
        self.post = post
        self.embeds = embeds
        self.language = language
        #: Where list items turned into sessions end (the next one is a blank line apart).
        self.item_ends = {talk.end for talk in talks if talk.body is None}

    def _comment(self, kind: str, prefix: str = "") -> str:
        return f"{prefix}% migrate: {summary.comment(kind, self.language)}\n"

    def _nl(self, text: str) -> str:
        return text.replace("\n", self.post.newline)

    def _url_comment(self, link: Link) -> _Edit:
        """``% migrate: url?`` before the paragraph holding a link it could not use."""
        line = self.post.block_start(link.start)
        prefix = re.match(r"[ \t]*(?:>[ \t]?)*", line.text)
        comment = self._comment("url", prefix.group(0) if prefix else "")
        return _Edit(line.start, line.start, self._nl(comment), ((0, "url", link.written),))

    def event(self, event: Event, at: int, broken: Link | None) -> list[_Edit]:
        text = self.post.text
        lead = "" if at == 0 else ("\n" if text[at - 1] == "\n" else "\n\n")
        notes: list[tuple[int, str, str]] = []
        block = ""
        for kind, missing in (("name", not event.name), ("date", not event.date)):
            if missing:
                notes.append((len(self._nl(lead + block)), kind, event.name))
                block += self._comment(kind)
        options = directive_options(event, EVENT)
        block += render_directive("event", event.name, options)
        following = self.post.line_at(at) if at < len(text) else None
        tail = "\n" if following is not None and following.text.strip() else ""
        edits = [_Edit(at, at, self._nl(lead + block + tail), tuple(notes))]
        if broken is not None:
            edits.append(self._url_comment(broken))
        return edits

    def session(self, talk: Talk, ident: str) -> list[_Edit]:
        options = directive_options(Session(
            id=ident, title=talk.title, speakers=talk.speakers, type="", slides=talk.slides,
            video=talk.video, url=talk.url), SESSION)
        comments = "" if talk.speakers else self._comment("speakers")
        notes = [] if talk.speakers else [(0, "speakers", talk.title)]
        if talk.body is None:
            for link in talk.broken:
                notes.append((len(comments), "url", link.written))
                comments += self._comment("url")
            fence = _fence(talk.notes, talk.title)
            block = _opening("session", talk.title, options, fence)
            if talk.notes:
                block += "\n" + talk.notes + "\n"
            block += fence
            # The items of a tight list become directives a blank line apart; one after
            # a paragraph's last line gets a blank line before it too.
            text = self.post.text
            previous = self.post.line_at(talk.start - 1) if talk.start else None
            before = "\n" if previous is not None and previous.text.strip() and \
                talk.start not in self.item_ends else ""
            if text[talk.end - 1:talk.end] == "\n":
                block += "\n" if not text[talk.end:].split("\n", 1)[0].strip() else "\n\n"
            notes = [(offset + len(before), kind, subject) for offset, kind, subject in notes]
            return [_Edit(talk.start, talk.end, self._nl(before + comments + block),
                          tuple(notes))]
        return self._wrapped(talk, options, comments, notes)

    def _wrapped(self, talk: Talk, options: list[tuple[str, str]], comments: str,
                 notes: list[tuple[int, str, str]]) -> list[_Edit]:
        """A heading's talk: the heading becomes the session, its section the session's notes."""
        assert talk.body is not None
        text = self.post.text
        start, end = talk.body
        inside = [_Edit(embed.start - start, embed.end - start, embed.in_session)
                  for embed in self.embeds if start <= embed.start < end]
        content, _notes = _apply(text[start:end], inside)
        fence = _fence(content, talk.title)
        opening = _opening("session", talk.title, options, fence)
        first = self.post.line_at(start) if start < len(text) else None
        if options and first is not None and first.start < end and first.text.strip():
            opening += "\n"  # options end at a blank line
        edits = [_Edit(talk.start, talk.end, self._nl(comments + opening), tuple(notes))]
        last = None
        for line in self.post.lines:
            if start <= line.start < end and line.text.strip():
                last = line
        if last is None:
            closing_at, closing = start, fence + "\n"
        elif last.next > last.end:
            closing_at, closing = min(last.next, end), fence + "\n"
        else:  # the post ends here without a line break: so does the migrated one
            closing_at, closing = last.end, "\n" + fence
        edits.append(_Edit(closing_at, closing_at, self._nl(closing)))
        edits.extend(self._url_comment(link) for link in talk.broken)
        return edits


def migrate(text: str, *, propose: bool = False, connpass: list[dict[str, Any]] | None = None,
            language: str = "en") -> Result:
    """``text`` with its embeds as directives; with ``propose``, its event and sessions too.

    ``connpass`` is the saved connpass API data of the post's event (its venue,
    format and times); ``language`` is the language of the notes left in the text.
    """
    post = PostText(text)
    result = Result(text, proposed=propose)
    embeds = _embeds(post, result.left_alone)
    found = proposal.propose(post, {embed.start: embed.watch for embed in embeds
                                    if embed.watch}, connpass) if propose else None
    talks = found.talks if found is not None else []
    bodies = [talk.body for talk in talks if talk.body is not None]
    edits: list[_Edit] = []
    for embed in embeds:
        inside = any(low <= embed.start < high for low, high in bodies)
        edits.append(_Edit(embed.start, embed.end,
                           embed.in_session if inside else embed.replacement))
        result.changes.append(Change(embed.line, embed.kind, embed.ident))
    if found is not None and talks:
        writer = _Writer(post, embeds, talks, language)
        event_id = ""
        if found.event is not None:
            edits.extend(writer.event(found.event, found.at, found.broken_event_link))
            result.changes.append(Change(post.line_at(found.at).number, "event",
                                         found.event.name))
            event_id = id_slug(found.event.name)
        taken: set[str] = set()
        for talk in talks:
            slug = id_slug(talk.title)
            ident = unique_id(slug, taken)
            # Two talks of one title would share the default id: the second is told apart.
            explicit = f"{event_id}/{ident}" if ident != slug and event_id else ""
            edits.extend(writer.session(talk, explicit))
            result.changes.append(Change(talk.line, "session", talk.title))
    result.text, result.notes = _apply(text, edits)
    return result
