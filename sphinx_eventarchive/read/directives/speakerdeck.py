"""The ``speakerdeck`` directive: a deck by id, player URL or presentation URL."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes

from sphinx_eventarchive.core import embeds, options
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read.directives.common import ArchiveDirective, all_options
from sphinx_eventarchive.read.directives.session import CURRENT_SESSION


class SpeakerDeckDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = all_options(options.SPEAKERDECK)

    def run(self) -> list[nodes.Node]:
        value = self.arguments[0].strip() if self.arguments else ""
        title = (self.opt("title") or self.env.temp_data.get(CURRENT_SESSION)
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
        return self.embed(value, "speakerdeck", title, slide=slide, ratio=ratio)
