"""What every directive of the extension does with its options: read, check, warn."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.dates import DateError, iso, parse_when
from sphinx_eventarchive.core.options import Option, names
from sphinx_eventarchive.core.text import split_list
from sphinx_eventarchive.messages import warn
from sphinx_eventarchive.read import speakerdeck
from sphinx_eventarchive.write.cards import embed_nodes, source_link

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.domain import EventArchiveDomain

# Ids are written by people and end up in URLs and JSON: letters and digits of
# any script, and - _ . / between them.
_ID = re.compile(r"^[\w][\w./-]*$")


def text(value: Any) -> str:
    """Option converter that never fails: checking is ours, with typed warnings."""
    return "" if value is None else " ".join(str(value).split())


class ArchiveDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {}

    @property
    def domain(self) -> EventArchiveDomain:
        return self.env.domains["eventarchive"]  # type: ignore[return-value]

    def line_of(self, key: str | None = None) -> int:
        """The line of an option (options follow the directive line in order)."""
        if key and key in self.options:
            # MyST's YAML form opens the options with a "---" line of its own.
            lines = self.block_text.splitlines()
            fence = 1 if len(lines) > 1 and lines[1].strip() == "---" else 0
            return self.lineno + 1 + fence + list(self.options).index(key)
        return self.lineno

    def warn(self, message: str, subtype: str, key: str | None = None) -> None:
        warn(message, subtype, (self.env.docname, self.line_of(key)))

    def opt(self, key: str) -> str:
        return text(self.options.get(key))

    def opt_id(self, key: str, default: str) -> str:
        value = self.opt(key)
        if not value:
            return default
        if not _ID.match(value):
            self.warn(f":{key}: {value!r} is not a usable id (letters, digits, - _ . /); "
                      f"using {default!r}", "id", key)
            return default
        return value

    def opt_choice(self, key: str, choices: tuple[str, ...], default: str = "") -> str:
        value = self.opt(key).lower()
        if not value:
            return default
        if value not in choices:
            self.warn(f":{key}: {value!r} is not one of {', '.join(choices)}", "option", key)
            return default
        return value

    def opt_date(self, key: str, *, required: bool = False) -> str:
        value = self.opt(key)
        if not value:
            if required:
                self.warn(f"{self.name} has no :{key}:", "date")
            return ""
        try:
            return iso(parse_when(value))
        except DateError as error:
            self.warn(f":{key}: {error}", "date", key)
            return ""

    def opt_url(self, key: str) -> str:
        value = self.opt(key)
        if not value:
            return ""
        try:
            return embeds.check_url(value)
        except embeds.EmbedError as error:
            self.warn(f":{key}: {error}", error.subtype, key)
            return ""

    def opt_list(self, key: str) -> tuple[str, ...]:
        value = self.opt(key)
        if value.startswith("[") and value.endswith("]"):
            value = value[1:-1]  # a YAML flow list in MyST's option block: [PFEM, SRE]
        return tuple(item.strip("'\"") for item in split_list(value))

    def opt_positive(self, key: str) -> int | None:
        value = self.opt(key)
        if not value:
            return None
        if not value.isdigit() or int(value) < 1:
            self.warn(f":{key}: {value!r} is not a whole number from 1", "option", key)
            return None
        return int(value)

    def embed(self, value: str, role: str, title: str, key: str | None = None,
              **kwargs: Any) -> list[nodes.Node]:
        """Frame and link for a deck or video; a plain link (and a warning) when it
        cannot embed; nothing when the URL itself is refused."""
        prefix = f":{key}: " if key else ""
        try:
            node = embed_nodes(speakerdeck.embed(self.domain, value, role, **kwargs), title)
        except embeds.Unresolved as error:
            self.warn(f"{prefix}{value} is a Speaker Deck presentation URL whose id is not "
                      "known; set eventarchive_resolve_online = True once to resolve it",
                      "speakerdeck", key)
            return [source_link(title, error.url or value)]
        except embeds.EmbedError as error:
            self.warn(f"{prefix}{error}", error.subtype, key)
            if error.subtype == "url":
                return []
            try:
                return [source_link(title, embeds.check_url(value))]
            except embeds.EmbedError:
                return []  # a malformed id is no address to link to
        self.set_source_info(node)
        return [node]

    def parse_body(self, container: nodes.Element) -> None:
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, container)


def make_anchor(document: nodes.document, prefix: str, object_id: str) -> str:
    """A page-unique HTML id that keeps non-Latin scripts (docutils' make_id drops them)."""
    from sphinx_eventarchive.core.text import slugify

    base = f"{prefix}-{slugify(object_id)}"
    anchor, number = base, 1
    while anchor in document.ids:
        number += 1
        anchor = f"{base}-{number}"
    return anchor


def all_options(declared: tuple[Option, ...]) -> dict[str, Any]:
    """An option_spec that takes every declared option as text (checking is ours)."""
    return dict.fromkeys(names(declared), text)


def flag(value: Any) -> Any:
    return directives.flag(value)
