"""``reportlist``: the reports newest first by publication date, the way a blog lists posts."""

from __future__ import annotations

from sphinx_eventarchive.core import options as declared_options
from sphinx_eventarchive.read.directives.listings import ListingDirective


class ReportListDirective(ListingDirective):
    """A query now (tags, author, year, limit); cards when the page is written."""

    kind = "reportlist"
    declared = declared_options.REPORTLIST
