"""The ``event`` directive: one meetup or conference, with its description."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from sphinx_eventarchive.core import embeds, options
from sphinx_eventarchive.core.dates import instant, is_before
from sphinx_eventarchive.core.options import STATUSES
from sphinx_eventarchive.core.records import FORMATS, Event
from sphinx_eventarchive.core.text import excerpt, has_scheme, id_slug
from sphinx_eventarchive.doc.nodes import event_card, event_node, name_message
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read import document
from sphinx_eventarchive.read.directives.common import ArchiveDirective, make_anchor
from sphinx_eventarchive.read.directives.session import read_media
from sphinx_eventarchive.site import published_file

#: ``Name <URL>``: an organiser and their page (a name alone is the whole value).
_ORGANIZER = re.compile(r"(?P<name>.*?)\s*<(?P<url>[^<>\s]+)>")


class EventDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    declared = options.EVENT

    def make(self) -> list[nodes.Node]:
        name = " ".join(self.arguments[0].split()) if self.arguments else ""
        if not name:
            self.warn("event has no name: write it after the directive name", "title")
            name = str(_("Untitled event"))
        # The id from the name as written: the same in every language's build.
        event_id = self.opt_id("id", id_slug(name))
        written, name = name, document.translated(self.env, name)
        date = self.opt_date("date")  # required of the merged event (domain.check_consistency)
        end = self.opt_date("end")
        if date and end and is_before(end, date):
            self.warn(f":end: {end} is before :date: {date}", "date", "end")
            end = ""
        video, video_unpublished = read_media(self, "video")
        anchor = make_anchor(self.state.document, "event", event_id)
        node = event_node(classes=["eventarchive-event"], ids=[anchor])
        self.set_source_info(node)
        carrier = name_message(written)  # for the gettext builder's catalog
        self.set_source_info(carrier)
        node += carrier
        node += event_card(event_id=event_id)
        description = nodes.container(classes=["eventarchive-description"])
        self.parse_body(description)
        if description.children:
            node += description
        organizer, organizer_url = self.organizer()
        event = Event(
            id=event_id, name=name, docname=self.env.docname, lineno=self.lineno, anchor=anchor,
            date=date, end=end, series=self.opt("series"), venue=self.opt("venue"),
            location=self.opt("location"), format=self.opt_choice("format", FORMATS),
            url=self.opt_url("url"), video=video, tags=self.opt_list("tags"),
            image=self.image(), hashtag=self.hashtag(),
            description=excerpt(description.astext(), 300), given=tuple(self.given()),
            only=document.only_condition(self), status=self.opt_choice("status", STATUSES),
            unpublished=("video",) if video_unpublished else (),
            organizer=organizer, organizer_url=organizer_url, moment=instant(date),
        )
        self.state.document.note_explicit_target(node)
        self.domain.note_event(event)
        document.enter_event(self.env, event_id)
        return [node]

    def organizer(self) -> tuple[str, str]:
        """(name, page) of ``Name <https://…>``, or (name, "") of a plain name."""
        value = self.opt("organizer")
        match = _ORGANIZER.fullmatch(value)
        if not match:
            return value, ""
        try:
            url = embeds.check_url(match["url"])
        except embeds.EmbedError as error:
            self.warn(f":organizer: {error}", error.subtype, "organizer")
            url = ""
        return match["name"], url

    def hashtag(self) -> str:
        """The hashtag as written, without its ``#`` (links encode it, so any text is safe)."""
        return self.opt("hashtag").lstrip("#＃")

    def image(self) -> str:
        """An https URL as it is, or a local file as a path relative to the source folder."""
        value = self.opt("image")
        if not value:
            return ""
        if has_scheme(value) or any(char.isspace() for char in value):
            return self.opt_url("image")
        relative, absolute = self.env.relfn2path(value, self.env.docname)
        path = Path(absolute).resolve()
        if not path.is_relative_to(Path(self.env.srcdir).resolve()):
            # Published with the site: only what is in the source folder may be.
            self.warn(f":image: {value!r} leaves the source folder", "path", "image")
            return ""
        if path.is_file():
            self.env.note_dependency(relative)
        else:
            # Not in the source tree: a file html_extra_path or html_static_path publishes
            # at that place on the site (Astro's public/, Hugo's static/), else nothing.
            served = published_file(self.config, self.env.srcdir, Path(relative).as_posix())
            if not served:
                self.warn(f":image: {value!r} is not a file in the source folder, nor "
                          "published by html_extra_path or html_static_path; the page shares "
                          "its card image (or ogp_image) instead", "image", "image")
                return ""
            self.env.note_dependency(served)
        return Path(relative).as_posix()
