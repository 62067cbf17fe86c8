"""What a page says when it is shared: title, description, image, type, authors, tags.

Only *archive pages* are ours: pages with an event, a session, a listing or
report front matter, and the generated pages. Every other page is left to
sphinxext-opengraph as it is (docs/howto/social.md), so its users see what they expect.

Where an archive page's values come from, first found wins:

* title: front matter ``title``, the page's ``og:title`` field, the generated
  page's title, the page title;
* description: front matter ``description``, the page's ``og:description``
  field, the generated page's description, the first event's description,
  the page's opening paragraphs; cut to ``ogp_description_length`` characters
  the way sphinxext-opengraph cuts (``...`` included), CJK text joined without
  spaces;
* image: front matter ``image``, the page's ``og:image`` field, the first
  event's ``image``, the page's first image with ``ogp_use_first_image``,
  ``ogp_image``;
* URL: front matter ``canonical``, the page's ``og:url`` field, the page's URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes

from sphinx_eventarchive.core.text import collapse, identity, twitter_handle
from sphinx_eventarchive.doc.nodes import embed_node, event_node, session_node
from sphinx_eventarchive.site import site_name
from sphinx_eventarchive.social import jsonld
from sphinx_eventarchive.social.cardimages import card_image
from sphinx_eventarchive.write.images import Image, PageImages

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_eventarchive.core.records import Event, Report
    from sphinx_eventarchive.site import Site

# Fixed locales where the language alone would pick the wrong country.
_LOCALES = {"ja": "ja_JP", "en": "en_US"}
DEFAULT_DESCRIPTION_LENGTH = 200  # sphinxext-opengraph's default
_T = TypeVar("_T")


@dataclass
class PageCard:
    """Everything an archive page's social tags say, before they are written."""

    title: str
    type: str
    url: str
    description: str = ""
    site_name: str = ""
    locale: str = ""
    image: Image | None = None
    twitter_site: str = ""
    published: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    canonical: str = ""
    noindex: bool = False
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def og(self) -> dict[str, str]:
        """The ``og:*`` values: handed to sphinxext-opengraph, or written by us without it."""
        values = {"og:title": self.title, "og:type": self.type, "og:url": self.url}
        if self.description:
            values["og:description"] = self.description
        if self.site_name:
            values["og:site_name"] = self.site_name
        if self.locale:
            values["og:locale"] = self.locale
        if self.image:
            values["og:image"] = self.image.url
            if self.image.type:
                values["og:image:type"] = self.image.type
            if self.image.width and self.image.height:
                values["og:image:width"] = str(self.image.width)
                values["og:image:height"] = str(self.image.height)
            if self.image.alt:
                values["og:image:alt"] = self.image.alt
        return values

    def others(self) -> Iterator[tuple[str, str, str]]:
        """(attribute, key, content) of the tags sphinxext-opengraph never writes."""
        if self.published:
            yield "property", "article:published_time", self.published
        for author in self.authors:
            yield "property", "article:author", author
        for tag in self.tags:
            yield "property", "article:tag", tag
        yield "name", "twitter:card", self.image.twitter_card if self.image else "summary"
        if self.twitter_site:
            yield "name", "twitter:site", self.twitter_site


def og_locale(language: str | None) -> str:
    """``ja`` → ``ja_JP``, ``en`` → ``en_US``; others through CLDR's likely subtags.

    ``fr`` → ``fr_FR``, ``zh_TW`` → ``zh_TW``, ``pt`` → ``pt_BR``; a language
    babel does not know becomes ``xx_XX``.
    """
    from babel.core import Locale, UnknownLocaleError, get_global

    tag = (language or "en").replace("-", "_")
    if tag.lower() in _LOCALES:
        return _LOCALES[tag.lower()]
    likely: Mapping[str, str] = get_global("likely_subtags")
    for candidate in (tag, likely.get(tag, ""), likely.get(tag.split("_")[0], "")):
        if not candidate:
            continue
        try:
            locale = Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        if locale.territory:
            return f"{locale.language}_{locale.territory}"
    base = tag.split("_")[0].lower()
    return f"{base}_{base.upper()}" if base.isalpha() else "en_US"


def cut(text: str, limit: int) -> str:
    """A description of at most ``limit`` characters, cut as sphinxext-opengraph cuts.

    Its users set ``ogp_description_length`` meaning exactly that many
    characters, ``...`` included; line breaks next to CJK text add no space.
    """
    text = collapse(text)
    if len(text) <= limit:
        return text
    return text[:limit - 3] + "..." if limit >= 3 else text[:limit]


def opening_text(doctree: nodes.Node, limit: int) -> str:
    """The page's opening paragraphs, as one line of at most ``limit`` characters.

    Headings, cards, embeds, session blocks, admonitions, comments, code and
    tables of contents are not prose about the page and are skipped.
    """
    skip = (nodes.Admonition, nodes.Invisible, nodes.raw, nodes.literal_block, nodes.title,
            nodes.field_list, nodes.topic, nodes.sidebar, nodes.table, nodes.footnote,
            nodes.citation, event_node, session_node, embed_node)
    parts: list[str] = []
    size = 0
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(parent, skip) or _is_toctree(parent)
               for parent in _ancestors(paragraph)):
            continue
        text = collapse(paragraph.astext())
        if not text:
            continue
        parts.append(text)
        size += len(text)
        if size > limit:
            break
    return cut(" ".join(parts), limit) if parts else ""


def _is_toctree(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "toctree-wrapper" in node.get("classes", ())


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        if identity(name):
            seen.setdefault(identity(name), name)
    return tuple(seen.values())


def description_length(config: Config, fields: Mapping[str, Any]) -> int:
    try:
        return max(1, int(fields.get("ogp_description_length",
                                     getattr(config, "ogp_description_length",
                                             DEFAULT_DESCRIPTION_LENGTH))))
    except (TypeError, ValueError):
        return DEFAULT_DESCRIPTION_LENGTH


def is_archive_page(site: Site, pagename: str) -> bool:
    """A document that holds an archive directive (an event, a session, a speaker
    profile, a listing)."""
    return site.domain.is_archive_page(pagename)


def _events(site: Site, pagename: str) -> list[Event]:
    """The page's events as the page shows them (merged from every write-up)."""
    found = []
    for event in site.domain.events_on(pagename):
        shown = site.domain.event_shown_on(pagename, event.id)
        found.append(shown[0].event if shown else event)
    return found


def _event_summary(site: Site, pagename: str, event: Event) -> str:
    """``Name — 2024年4月19日(金) · ハイブリッド · 会場``: the event as its card says it."""
    from sphinx_eventarchive.write.cardmodel import CardMaker

    shown = site.domain.event_shown_on(pagename, event.id)
    if shown is None:
        return event.name
    facts = [piece.plain() for piece in CardMaker(site).event(event.id, shown[0]).meta]
    return " — ".join([event.name, " · ".join(facts)]) if facts else event.name


@dataclass(frozen=True)
class Sources:
    """What an archive page offers its social tags, gathered once: its report and
    events (documents only), its metadata fields, a generated page's own values."""

    site: Site
    pagename: str
    doctree: nodes.document | None
    fields: Mapping[str, Any]
    generated: Mapping[str, Any]
    page_title: str
    report: Report | None
    events: list[Event]

    def field(self, key: str) -> str:
        """A metadata field (``og:title`` …) as one line; "" when absent or not text."""
        value = self.fields.get(key)
        return collapse(str(value)) if isinstance(value, str | int | float) else ""

    def own(self, key: str) -> str:
        """A generated page's own value (``title``, ``description``, ``kind``)."""
        return collapse(str(self.generated.get(key) or ""))

    @property
    def alt(self) -> str:
        """The page's ``og:image:alt`` field: it names whichever image is chosen."""
        value = self.fields.get("og:image:alt")
        return value if isinstance(value, str) else ""

    @property
    def limit(self) -> int:
        return description_length(self.site.config, self.fields)


def _first(rules: Iterable[Callable[[Sources], _T | None]], sources: Sources) -> _T | None:
    """The first value a rule finds: the precedence is the order of the table."""
    for rule in rules:
        found = rule(sources)
        if found:
            return found
    return None


#: Where a page's title comes from, first found wins.
TITLE: tuple[Callable[[Sources], str], ...] = (
    lambda s: s.report.title if s.report else "",
    lambda s: s.field("og:title"),
    lambda s: s.own("title"),
    lambda s: s.page_title,
    lambda s: site_name(s.site.config),
)

#: Where its description comes from: a field as written, else a text cut to the length
#: sphinxext-opengraph would cut it to.
DESCRIPTION: tuple[Callable[[Sources], str], ...] = (
    lambda s: s.field("og:description"),
    lambda s: cut(s.report.description, s.limit) if s.report else "",
    lambda s: cut(s.own("description"), s.limit),
    lambda s: cut(next((e.description for e in s.events if e.description), ""), s.limit),
    lambda s: opening_text(s.doctree, s.limit) if s.doctree is not None else "",
    # No prose of the page's own: what its first event's card says, rather than
    # sphinxext-opengraph's reading of the cards (which spaces Japanese apart).
    lambda s: cut(_event_summary(s.site, s.pagename, s.events[0]), s.limit) if s.events else "",
)

#: Its ``og:type``.
TYPE: tuple[Callable[[Sources], str], ...] = (
    lambda s: s.field("og:type"),
    lambda s: "article" if s.report is not None else "",
    lambda s: "profile" if s.own("kind") == "speaker" else "",
    lambda s: str(getattr(s.site.config, "ogp_type", "website") or "website"),
)


def make_card(site: Site, pagename: str, *, doctree: nodes.document | None,
              fields: Mapping[str, Any], generated: Mapping[str, Any],
              page_title: str) -> PageCard:
    """What an archive page (a document or a generated page) says; ``fields`` its metadata."""
    is_document = doctree is not None
    sources = Sources(site, pagename, doctree, fields, generated, page_title,
                      site.domain.reports.get(pagename) if is_document else None,
                      _events(site, pagename) if is_document else [])
    report, events, config = sources.report, sources.events, site.config
    title = _first(TITLE, sources) or ""
    kind = _first(TYPE, sources) or "website"
    images = PageImages(site)
    card = PageCard(
        title=title, type=kind,
        url=(report.canonical if report else "") or sources.field("og:url")
        or site.canonical_url(pagename),
        description=_first(DESCRIPTION, sources) or "", site_name=site_name(config),
        locale=og_locale(config.language),
        image=_pick_image(sources, images, title),
        twitter_site=twitter_handle(config.eventarchive_twitter_site),
        canonical=report.canonical if report else "",
        noindex=bool(report and report.draft),
    )
    if report is not None and kind == "article":
        card.published = report.date
        card.authors = _unique(report.authors)
        card.tags = _unique([*report.tags, *(tag for event in events for tag in event.tags)])
    if events:
        card.jsonld = jsonld.events(site, pagename, events, card.image.url if card.image else "",
                                    images.event)
    elif sources.own("kind") == "speaker":
        card.jsonld = jsonld.profile(site, pagename, title, site.page_url(pagename))
    return card


def _pick_image(sources: Sources, images: PageImages, title: str) -> Image | None:
    """The page's image, first found wins; each names itself unless the page's
    ``og:image:alt`` does."""

    def front_matter(s: Sources) -> Image | None:
        found = images.front_matter(s.report.image, s.pagename) if s.report and s.report.image \
            else None
        return replace(found, alt=s.alt or title) if found else None

    def image_field(s: Sources) -> Image | None:
        value = s.field("og:image")
        found = images.front_matter(value, s.pagename, as_written=True) if value else None
        if not found:
            return None
        width, height = s.field("og:image:width"), s.field("og:image:height")
        if not found.width and width.isdigit() and height.isdigit():
            # The size the page declares (a speaker's photo, measured when copied).
            found = replace(found, width=int(width), height=int(height))
        return replace(found, alt=s.alt or title)

    def event_image(s: Sources) -> Image | None:
        for event in s.events:
            found = images.event(event.image) if event.image else None
            if found:
                return replace(found, alt=s.alt or event.name)
        return None

    def first_in_page(s: Sources) -> Image | None:
        if s.doctree is None or not getattr(s.site.config, "ogp_use_first_image", False):
            return None
        first = images.first_in(s.doctree)
        return replace(first, alt=s.alt or first.alt or title) if first else None

    def drawn(s: Sources) -> Image | None:
        # No image of its own: a card drawn for the page (extra "cards"), which names
        # what the page is about; the site's picture (ogp_image) only where none is drawn.
        found = card_image(s.site, s.pagename, title, s.events, s.generated)
        return replace(found, alt=s.alt or found.alt) if found else None

    def configured(s: Sources) -> Image | None:
        config = s.site.config
        if not getattr(config, "ogp_image", None):
            return None
        found = images.configured(config.ogp_image)
        setting = getattr(config, "ogp_image_alt", None)  # False: no alt at all
        if s.alt or isinstance(setting, str):
            found.alt = s.alt or str(setting)
        elif setting is None:
            found.alt = site_name(config) or title
        return found

    return _first((front_matter, image_field, event_image, first_in_page, drawn, configured),
                  sources)
