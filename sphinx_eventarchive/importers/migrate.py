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

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sphinx_eventarchive.core.options import EVENT, SESSION
from sphinx_eventarchive.core.records import Event, Session
from sphinx_eventarchive.core.text import id_slug
from sphinx_eventarchive.importers import proposal, summary
from sphinx_eventarchive.importers.mystwriter import (
    directive_options,
    one_line,
    option_value,
    render_directive,
    unique_id,
)
from sphinx_eventarchive.importers.pastedembeds import PastedEmbed, find_embeds
from sphinx_eventarchive.importers.post import Link, PostText
from sphinx_eventarchive.importers.proposal import Talk


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

    def __init__(self, post: PostText, embeds: list[PastedEmbed], talks: list[Talk],
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
    embeds = find_embeds(post, result.left_alone)
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
