"""``eventlist`` and ``sessionlist``: a query now, a listing when the page is written."""

from __future__ import annotations

import unicodedata

from docutils import nodes

from sphinx_eventarchive.core import options as declared_options
from sphinx_eventarchive.core.options import FORMATS, GROUPINGS, SESSION_TYPES, SORTS
from sphinx_eventarchive.core.records import Listing
from sphinx_eventarchive.doc.nodes import listing_node
from sphinx_eventarchive.read.directives.common import ArchiveDirective


class ListingDirective(ArchiveDirective):
    has_content = False
    kind = ""

    def checked(self) -> dict[str, str]:
        options = {key: self.opt(key) for key in self.given() if self.opt(key)}
        if "limit" in options and self.opt_positive("limit") is None:
            del options["limit"]
        if "year" in options:
            # ２０２４ from a Japanese keyboard is 2024.
            year = unicodedata.normalize("NFKC", options["year"])
            if year.isascii() and year.isdigit() and len(year) == 4:
                options["year"] = year
            else:
                self.warn(f":year: {options['year']!r} is not a year such as 2024", "option",
                          "year")
                del options["year"]
        choices = {"format": FORMATS, "type": SESSION_TYPES, "sort": SORTS, "group-by": GROUPINGS}
        for key, allowed in choices.items():
            if key in options:
                value = self.opt_choice(key, allowed)
                if value:
                    options[key] = value
                else:
                    del options[key]
        return options

    def make(self) -> list[nodes.Node]:
        options = tuple(sorted(self.checked().items()))
        self.domain.note_listing(self.env.docname, Listing(self.kind, options, self.lineno))
        node = listing_node(kind=self.kind, options=options)
        self.set_source_info(node)
        return [node]


class EventListDirective(ListingDirective):
    kind = "eventlist"
    declared = declared_options.EVENTLIST


class SessionListDirective(ListingDirective):
    kind = "sessionlist"
    declared = declared_options.SESSIONLIST
