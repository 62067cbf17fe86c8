"""``eventarchive_seo_warnings = True``: the build warns what ``check`` would report of an
event's structured data, at the event's line.

By default the build says nothing of readers' rules (an event with no place is
ordinary input). With the setting on, each archive page's JSON-LD is read back
from its head as Google reads it and held to the same rules ``check`` holds a
built site to (``check/structured.py``), so a finding is one place in the code
whichever way it is reported; what Google requires warns (``eventarchive.seo``)
at the line of the ``event`` directive it is about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.check.jsonldvalues import EVENT_TYPES, Item, nodes_of, types_of
from sphinx_eventarchive.check.rules import REQUIRED, check
from sphinx_eventarchive.check.structured import RULES
from sphinx_eventarchive.messages import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


class _Built:
    """The page being written, as the rules ask about it: its own URL is the report."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = url
        self.site = self

    def absolute(self, url: str) -> str:
        return url

    def file_for(self, url: str) -> str | None:
        return self.path if url.partition("#")[0] == self.url else None


def _parts(item: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The event, and the recordings and clips in it, with the kind of each."""
    yield "Event", item
    for value in item.values():
        for node in nodes_of(value):
            if not isinstance(node, dict):
                continue
            if "VideoObject" in types_of(node):
                yield "VideoObject", node
                for part in nodes_of(node.get("hasPart")):
                    if isinstance(part, dict) and "Clip" in types_of(part):
                        yield "Clip", part
            if types_of(node) & EVENT_TYPES:
                yield from ((kind, found) for kind, found in _parts(node) if kind != "Event")


def seo_warnings(app: Sphinx, pagename: str, context: dict[str, Any], doctree: Any) -> None:
    """html-page-context, after the social tags: what Google requires of the page's events."""
    if doctree is None or not app.config.eventarchive_seo_warnings:
        return
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    events = domain.events_on(pagename)
    if not events:
        return
    found = [json.loads(text) for text in _JSONLD.findall(str(context.get("metatags") or ""))]
    items = [node for node in found if isinstance(node, dict) and types_of(node) & EVENT_TYPES]
    page = _Built(str(context.get("pageurl") or ""))
    for event, item in zip(events, items, strict=False):
        page.url = page.path = str(item.get("url") or "").partition("#")[0]
        for kind, node in _parts(item):
            for finding in check(RULES, kind, Item(node, page), pagename):  # type: ignore[arg-type]
                if finding.rule.level is REQUIRED:
                    detail = finding.problem or finding.rule.why
                    warn(f"{finding.rule.id}: {detail} ({finding.rule.reader.url})", "seo",
                         (event.docname, event.lineno))
