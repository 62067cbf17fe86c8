"""What every directive of the extension does with its options: read, check, warn."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.dates import DateError, iso, parse_when
from sphinx_eventarchive.core.options import Option, names
from sphinx_eventarchive.core.text import split_list
from sphinx_eventarchive.doc.nodes import embed_nodes, source_link
from sphinx_eventarchive.messages import Subtype, warn
from sphinx_eventarchive.read import speakerdeck
from sphinx_eventarchive.read.options import (
    RawOptions,
    option_spec,
    read_options,
    skip_option_lines,
)

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.domain import EventArchiveDomain

# Ids are written by people and end up in URLs and JSON: letters and digits of
# any script, and - _ . / between them.
_ID_PUNCTUATION = frozenset("./-")


def usable_id(value: str) -> bool:
    """Letters, marks and digits of any script (Thai and Hindi vowel signs are marks),
    ``_``, and ``- . /`` after the first character."""
    def plain(char: str) -> bool:
        return char == "_" or unicodedata.category(char)[0] in "LMN"

    return bool(value) and plain(value[0]) and all(
        plain(char) or char in _ID_PUNCTUATION for char in value[1:])


def text(value: Any) -> str:
    """A value as one line of text; a YAML list as its items joined by commas."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(text(item) for item in value)
    return " ".join(str(value).split())


class ArchiveDirective(SphinxDirective):
    """What every directive of the extension does with its options: read, check, warn.

    Options are read from the directive's own text (``read/options.py``), the
    same way in MyST and reStructuredText; subclasses build their nodes in
    :meth:`make` and ask for option values through the ``opt_*`` methods.
    """

    #: The options this directive declares (``core/options.py``).
    declared: ClassVar[tuple[Option, ...]] = ()
    option_spec: ClassVar[dict[str, Any]] = {}
    raw: RawOptions

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = option_spec(names(cls.declared))

    @property
    def domain(self) -> EventArchiveDomain:
        return self.env.domains["eventarchive"]  # type: ignore[return-value]

    def run(self) -> list[nodes.Node]:
        self.domain.note_markup(self.env.docname)
        self.raw = read_options(self, set(names(self.declared)))
        for problem in self.raw.problems:
            warn(problem.message, "option", (self.env.docname, problem.line))
        skip_option_lines(self, self.raw)
        return self.make()

    def make(self) -> list[nodes.Node]:
        raise NotImplementedError

    def line_of(self, key: str | None = None) -> int:
        """The line an option was written on (the directive's own line for none)."""
        option = self.raw.options.get(key) if key else None
        return option.line if option is not None else self.lineno

    def warn(self, message: str, subtype: Subtype, key: str | None = None) -> None:
        warn(message, subtype, (self.env.docname, self.line_of(key)))

    def given(self) -> list[str]:
        """The declared options the user wrote, in the order written."""
        known = set(names(self.declared))
        return [name for name in self.raw.options if name in known]

    def opt(self, key: str) -> str:
        option = self.raw.options.get(key)
        return text(option.value) if option is not None else ""

    def opt_id(self, key: str, default: str) -> str:
        value = self.opt(key)
        if not value:
            return default
        if not usable_id(value):
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

    def opt_date(self, key: str) -> str:
        value = self.opt(key)
        if not value:
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
        option = self.raw.options.get(key)
        if option is not None and isinstance(option.value, list):
            return tuple(item for item in (text(value) for value in option.value) if item)
        value = self.opt(key)
        if value.startswith("[") and value.endswith("]"):
            value = value[1:-1]  # a flow list written as text: [PFEM, SRE]
        items = tuple(item for item in (item.strip("'\"").strip() for item in split_list(value))
                      if item)
        if value and not items:
            self.warn(f":{key}: {self.opt(key)!r} holds nothing but separators", "option", key)
        return items

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


