"""The ``speakerdeck`` directive: a deck by id, player URL or presentation URL."""

from __future__ import annotations

from docutils import nodes

from sphinx_eventarchive.core import embeds, options
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read import document
from sphinx_eventarchive.read.directives.common import ArchiveDirective
from sphinx_eventarchive.read.directives.session import DECK


class SpeakerDeckDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    declared = options.SPEAKERDECK

    def make(self) -> list[nodes.Node]:
        value = self.arguments[0].strip() if self.arguments else ""
        title = (self.opt("title") or document.current_session(self.env)
                 or str(_("Slides on Speaker Deck")))
        if not value:
            self.warn("speakerdeck needs a deck id or URL", "embed")
            return []
        ratio = None
        if self.opt("ratio"):
            try:
                ratio = embeds.parse_ratio(self.opt("ratio"))
            except embeds.EmbedError as error:
                self.warn(f":ratio: {error}", error.subtype, "ratio")
        slide = self.opt_positive("slide")
        found = self.embed(value, "speakerdeck", title, slide=slide, ratio=ratio)
        if document.current_session(self.env):
            # Inside a session: the deck is that session's slides (read/directives/session.py).
            for node in found:
                if isinstance(node, nodes.Element):
                    url = node.get("url") or next(
                        (ref["refuri"] for ref in node.findall(nodes.reference)), "")
                    if url:
                        node[DECK] = url
        return found
