"""The ``session`` directive: one talk, keynote, panel… with its speakers and embeds."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_eventarchive.core import options
from sphinx_eventarchive.core.dates import instant, is_before
from sphinx_eventarchive.core.people import split_ref
from sphinx_eventarchive.core.records import SESSION_TYPES, Session, Speaker
from sphinx_eventarchive.core.text import (
    SpeakerError,
    excerpt,
    id_slug,
    parse_speaker,
    split_speakers,
)
from sphinx_eventarchive.doc.labels import (
    bracketed,
    language_name,
    list_separator,
    type_label,
    unpublished_label,
)
from sphinx_eventarchive.doc.nodes import (
    UNPUBLISHED_OF,
    date_node,
    session_heading,
    session_node,
    xref,
)
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read import document
from sphinx_eventarchive.read.directives.common import ArchiveDirective, make_anchor, text

if TYPE_CHECKING:
    from sphinx_eventarchive.read.directives.common import ArchiveDirective

#: The attribute a ``speakerdeck`` directive's nodes carry the deck's URL in, so the
#: session it is written in counts it as its slides.
DECK = "eventarchive_deck"


def read_media(directive: ArchiveDirective, key: str) -> tuple[str, bool]:
    """A ``:slides:`` or ``:video:`` value: (URL, False), or ("", True) for ``unpublished``
    / ``未公開`` (there is none yet: a label, no warning)."""
    value = unicodedata.normalize("NFKC", directive.opt(key)).strip().casefold()
    if value in options.UNPUBLISHED:
        return "", True
    return directive.opt_url(key), False


class SessionDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    declared = options.SESSION

    def make(self) -> list[nodes.Node]:
        title = " ".join(self.arguments[0].split()) if self.arguments else ""
        if not title:
            self.warn("session has no title: write it after the directive name", "title")
            title = str(_("Untitled session"))
        event_id = self.opt("event") or document.current_event(self.env)
        default_id = f"{event_id}/{id_slug(title)}" if event_id else id_slug(title)
        session_id = self.opt_id("id", default_id)
        start = self.opt_date("start")
        end = self.opt_date("end")
        if start and end and is_before(end, start):
            self.warn(f":end: {end} is before :start: {start}", "date", "end")
            end = ""
        slides_url, slides_unpublished = read_media(self, "slides")
        video_url, video_unpublished = read_media(self, "video")
        order = document.next_session_order(self.env)
        anchor = make_anchor(self.state.document, "session", session_id)

        node = session_node(classes=["eventarchive-session"])
        self.set_source_info(node)
        # The heading as written (Sphinx translates it with the page); the record in
        # this document's language, once (read/document.py).
        heading = session_heading(title, title, ids=[anchor],
                                  classes=["eventarchive-session-title"])
        self.set_source_info(heading)
        title = document.translated(self.env, title)
        self.state.document.note_explicit_target(heading)
        node += heading
        speakers = self.speakers()
        if speakers:
            node += self.speaker_line(speakers)
        session = Session(
            id=session_id, title=title, docname=self.env.docname, lineno=self.lineno,
            anchor=anchor, event=event_id, speakers=speakers,
            type=self.opt_choice("type", SESSION_TYPES, "talk"), start=start, end=end,
            track=self.opt("track"), room=self.opt("room"), slides=slides_url, video=video_url,
            url=self.opt_url("url"), tags=self.opt_list("tags"),
            language=self.opt("language"), order=order, given=tuple(self.given()),
            moment=instant(start),
            only=document.only_condition(self),
            unpublished=tuple(role for role, no in (("slides", slides_unpublished),
                                                    ("video", video_unpublished)) if no),
        )
        meta = self.meta_line(session)
        node += meta
        if slides_url:
            node += self.embed(slides_url, "slides", str(_("Slides: %s")) % title, "slides")
        if video_url:
            node += self.embed(video_url, "video", str(_("Video: %s")) % title, "video")
        notes = nodes.container(classes=["eventarchive-notes"])
        with document.in_session(self.env, title):
            self.parse_body(notes)
        if notes.children:
            node += notes
        if not slides_url:
            # A speakerdeck directive in the notes is the session's slides everywhere.
            deck = next((str(found[DECK]) for found in notes.findall(nodes.Element)
                         if found.get(DECK)), "")
            if deck:
                if slides_unpublished:
                    # One answer per fact: the deck is there, so the slides are published.
                    self.warn(f"session {title!r} says :slides: {self.opt('slides')} but holds "
                              "a speakerdeck: the deck is shown as its slides", "conflict")
                # Given, as :slides: would be: merged with other write-ups, it counts.
                session = session._replace(slides=deck, unpublished=tuple(
                    role for role in session.unpublished if role != "slides"),
                    given=tuple(dict.fromkeys((*session.given, "slides"))))
                node.replace(meta, self.meta_line(session))
        self.domain.note_session(session._replace(notes=excerpt(notes.astext(), 300)))
        return [node]

    def speakers(self) -> tuple[Speaker, ...]:
        found = []
        option = self.raw.options.get("speakers")
        # A YAML block's list gives one speaker per item, commas and all; a flow
        # list ([A (X, Y), B]) splits inside brackets too, so those are rejoined.
        items = (_rejoin([text(value) for value in option.value]) if option is not None
                 and isinstance(option.value, list) else split_speakers(self.opt("speakers")))
        for item in items:
            try:
                name, affiliation = parse_speaker(item)
            except SpeakerError as error:
                self.warn(f":speakers: {error}", "speaker", "speakers")
                # Keep the person: an unbalanced "Name (Affiliation" still names someone.
                name, _sep, affiliation = item.replace("（", "(").partition("(")
                name, affiliation = name.strip(), affiliation.strip(" ()（）")
                if not name:
                    continue
            name, profile = split_ref(name)
            found.append(Speaker(name, affiliation, profile))
        return tuple(found)

    def speaker_line(self, speakers: tuple[Speaker, ...]) -> nodes.paragraph:
        line = nodes.paragraph(classes=["eventarchive-speakers"])
        for index, speaker in enumerate(speakers):
            if index:
                line += nodes.Text(list_separator(self.config.language))
            line += xref(*speaker.target, speaker.name, self.env.docname,
                         ["eventarchive-speaker"])
            if speaker.affiliation:
                text = bracketed(speaker.affiliation, self.config.language)
                line += nodes.inline(text, text, classes=["eventarchive-affiliation"])
        return line

    def meta_line(self, session: Session) -> nodes.paragraph:
        line = nodes.paragraph(classes=["eventarchive-session-meta"])
        label = type_label(session.type)
        line += nodes.inline(label, label,
                             classes=["eventarchive-badge", f"eventarchive-type-{session.type}"])
        language = self.config.language
        if session.start:
            line += nodes.Text(" · ")
            line += date_node(session.start, session.end, language)
        details = [session.track, session.room,
                   language_name(session.language, language) if session.language else ""]
        for detail in filter(None, details):
            line += nodes.Text(" · ")
            line += nodes.inline(detail, detail)
        for role in session.unpublished:
            label = unpublished_label(role)
            line += nodes.Text(" · ")
            line += nodes.inline(label, label, classes=[
                "eventarchive-mark", f"eventarchive-mark-{role}", "eventarchive-mark-unpublished"],
                **{UNPUBLISHED_OF: session.id})
        if session.url:
            line += nodes.Text(" · ")
            line += nodes.reference("", str(_("Programme")), refuri=session.url)
        for tag in session.tags:
            line += nodes.Text(" ")
            line += xref("tag", tag, tag, self.env.docname, ["eventarchive-tag"])
        return line


def _rejoin(items: list[str]) -> list[str]:
    """Items YAML split inside ``( … )``, joined again: ``Lee (VMware``, ``Tanzu)``."""
    joined: list[str] = []
    depth = 0
    for item in items:
        if depth > 0 and joined:
            joined[-1] += ", " + item
        else:
            joined.append(item)
        depth += item.count("(") + item.count("（") - item.count(")") - item.count("）")
        depth = max(depth, 0)
    return joined
