"""Social metadata: Open Graph, X cards, ``article:*``, ``robots``, canonical and JSON-LD (SPEC §6).

sphinxext-opengraph stays in charge of what it knows: its ``ogp_*`` settings,
per-page ``og:*`` fields and ``ogp_custom_meta_tags`` keep working. We hook
``html-page-context`` twice around it (it runs at the default priority 500):

* at 400, before it, we take a snapshot of the page's meta tags, hand it a
  *copy* of the page's metadata (it pops keys from ``context["meta"]``, which
  is ``env.metadata[docname]``) with our per-page ``og:*`` values in it, and
  work out what the page should say (:class:`Card`);
* at 900, after it, we drop every tag it (or a ``.. meta::`` directive) wrote
  for a property we manage and write ours, once each. Its tags for other
  properties, and ``ogp_custom_meta_tags`` verbatim, stay. A property that
  ``ogp_custom_meta_tags`` sets is left to it.

Pages without a doctree (the generated events, speaker and tag pages) are not
touched by sphinxext-opengraph at all, so they get the full set from us.

Where a page's values come from, first found wins:

* title: front matter ``title``, the page's ``og:title`` field, the generated
  page's title, the page title;
* description: front matter ``description``, ``og:description`` field, a
  ``<meta name="description">`` the page already has, the generated page's
  description, the description of the first event on the page, the page's
  opening paragraphs (``ogp_description_length`` characters, CJK text joined
  without spaces);
* image: front matter ``image``, ``og:image`` field, the first event's
  ``image``, the first image of the page when ``ogp_use_first_image``,
  ``ogp_image``, then whatever sphinxext-opengraph made itself (a social card);
* URL: front matter ``canonical``, ``og:url`` field, the page's URL.
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

import imagesize
from docutils import nodes

from sphinx_eventarchive import site as urls
from sphinx_eventarchive.core.records import Event, Report
from sphinx_eventarchive.core.text import collapse, excerpt, identity
from sphinx_eventarchive.social import jsonld
from sphinx_eventarchive.write.nodes import embed_node, event_node, session_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

#: Where local social images are copied in the output, under content-hashed names.
IMAGE_DIR = "_images/eventarchive"

#: The properties (``<meta property>``/``<meta name>``) this module writes and keeps unique.
MANAGED = frozenset({
    "og:title", "og:type", "og:url", "og:description", "og:site_name", "og:locale",
    "og:image", "og:image:url", "og:image:secure_url", "og:image:alt", "og:image:width",
    "og:image:height", "og:image:type", "twitter:card", "twitter:site", "description",
    "article:published_time", "article:author", "article:tag",
})

_CARD = "eventarchive_social"
_BEFORE = "eventarchive_metatags_before"
_FIELDS = "eventarchive_fields"
_GENERATED = "eventarchive_page"

# Fixed locales where the language alone would pick the wrong country.
_LOCALES = {"ja": "ja_JP", "en": "en_US"}


def setup_social(app: Sphinx) -> None:
    app.connect("builder-inited", check_base_url)
    app.connect("html-page-context", before_opengraph, priority=400)
    app.connect("html-page-context", after_opengraph, priority=900)


def _is_web(builder: Builder) -> bool:
    # e-books are not shared as links; sphinxext-opengraph skips them too.
    return builder.format == "html" and not builder.name.startswith("epub")


def check_base_url(app: Sphinx) -> None:
    """Warn once, in the main process, when no absolute URLs can be made."""
    if _is_web(app.builder):
        urls.require_base_url(app.config)


# -- what a page says ----------------------------------------------------------------------


@dataclass
class Image:
    url: str
    alt: str | None = None
    width: int = 0
    height: int = 0
    type: str = ""


@dataclass
class Card:
    """Everything the page's social tags say, before they are written."""

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
    disabled: bool = False
    meta_description: bool = True
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def tags_in_order(self) -> Iterator[tuple[str, str, str]]:
        """(attribute, property, content) of every tag, single-valued ones first."""
        if not self.disabled:
            yield "property", "og:title", self.title
            yield "property", "og:type", self.type
            yield "property", "og:url", self.url
            if self.description:
                yield "property", "og:description", self.description
            if self.site_name:
                yield "property", "og:site_name", self.site_name
            if self.locale:
                yield "property", "og:locale", self.locale
            if self.image:
                yield "property", "og:image", self.image.url
                if self.image.type:
                    yield "property", "og:image:type", self.image.type
                if self.image.width and self.image.height:
                    yield "property", "og:image:width", str(self.image.width)
                    yield "property", "og:image:height", str(self.image.height)
                if self.image.alt:
                    yield "property", "og:image:alt", self.image.alt
            if self.published:
                yield "property", "article:published_time", self.published
            for author in self.authors:
                yield "property", "article:author", author
            for tag in self.tags:
                yield "property", "article:tag", tag
            yield "name", "twitter:card", "summary_large_image" if self.image else "summary"
            if self.twitter_site:
                yield "name", "twitter:site", self.twitter_site
        if self.description and self.meta_description and not self.disabled:
            yield "name", "description", self.description


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


def twitter_handle(value: str) -> str:
    """``@name``, ``name`` or ``https://x.com/name`` → ``@name``."""
    value = value.strip()
    if "://" in value:
        value = urlsplit(value).path.strip("/").split("/")[0]
    value = value.lstrip("@")
    return f"@{value}" if value else ""


def _plain_title(markup: str) -> str:
    """The text of the HTML ``context["title"]``: tags dropped, entities decoded."""
    return collapse(html.unescape(re.sub(r"<[^>]*>", "", markup or "")))


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
    return excerpt(" ".join(parts), limit) if parts else ""


def _is_toctree(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "toctree-wrapper" in node.get("classes", ())


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class PageImages:
    """Turns image references into absolute URLs, copying local files into the output."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.config = app.config
        self.srcdir = Path(app.srcdir)
        self.outdir = Path(app.outdir)

    def site_url(self, path: str) -> str:
        return urls.file_url(self.config, quote(path.lstrip("/"), safe="/%:@!$&'()*+,;=~"))

    def local(self, path: Path) -> Image | None:
        """Copy ``path`` to ``_images/eventarchive/<hash><suffix>`` and describe it."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        name = hashlib.sha256(data).hexdigest()[:20] + path.suffix.lower()
        target = self.outdir / IMAGE_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Pages are written in parallel: write aside, then move into place.
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        width, height = _size(path)
        return Image(self.site_url(f"{IMAGE_DIR}/{name}"), width=width, height=height,
                     type=mimetypes.guess_type(path.name)[0] or "")

    def source_file(self, reference: str, docname: str) -> Path | None:
        """A file in the source tree: ``/x`` from the source folder, ``x`` from the page's."""
        relative, absolute = self.app.env.relfn2path(reference, docname)
        path = Path(absolute)
        try:
            inside = path.resolve().is_relative_to(self.srcdir.resolve())
        except OSError:
            return None
        return path if inside and path.is_file() else None

    def front_matter(self, reference: str, docname: str, page_url: str) -> Image | None:
        """The front matter's ``image``.

        ``https://…`` is used as it is. A path is looked up in the source tree
        first (``/pek2024/blog/x/ogp.png`` from the source folder, ``ogp.png``
        from the report's folder) and, found, copied into the output. Not
        found, it is taken to be a file the site already serves (``html_extra_path``,
        another part of the site): ``/x`` joins the base URL, ``x`` the page URL.
        """
        if "://" in reference:
            return Image(reference)
        found = self.source_file(reference, docname)
        if found is not None:
            return self.local(found)
        if reference.startswith("/"):
            return Image(self.site_url(reference))
        return Image(urljoin(page_url, quote(reference, safe="/%:@!$&'()*+,;=~")))

    def event(self, reference: str) -> Image | None:
        """An event's ``image``: an URL, or a path relative to the source folder."""
        if "://" in reference:
            return Image(reference)
        path = self.srcdir / reference
        return self.local(path) if path.is_file() else None

    def configured(self, reference: str) -> Image:
        """``ogp_image``: a URL, or a path on the site (as sphinxext-opengraph reads it)."""
        if "://" in reference:
            return Image(reference)
        image = Image(self.site_url(reference))
        source = self._static_source(reference.lstrip("/"))
        if source is not None:
            image.width, image.height = _size(source)
            image.type = mimetypes.guess_type(source.name)[0] or ""
        return image

    def _static_source(self, path: str) -> Path | None:
        # "_static/logo.png" comes from an html_static_path folder; extra files
        # from html_extra_path land at the root of the site.
        candidates = [self.srcdir / path]
        head, _sep, rest = path.partition("/")
        if head == "_static" and rest:
            candidates += [self.srcdir / folder / rest for folder in self.config.html_static_path]
        candidates += [self.srcdir / folder / path for folder in self.config.html_extra_path]
        return next((c for c in candidates if c.is_file()), None)


def _size(path: Path) -> tuple[int, int]:
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return 0, 0
    return (int(width), int(height)) if width > 0 and height > 0 else (0, 0)


def _page_url(app: Sphinx, pagename: str) -> str:
    # ogp_canonical_url points og:url at another copy of the site (its users' setting).
    canonical_base = getattr(app.config, "ogp_canonical_url", "")
    if canonical_base:
        if not canonical_base.endswith("/"):
            canonical_base += "/"
        return urljoin(canonical_base, app.builder.get_target_uri(pagename)).split("#", 1)[0]
    # singlehtml addresses its one page as "index.html#document-index".
    return urls.page_url(app.config, app.builder, pagename).split("#", 1)[0]


def _merged(domain: EventArchiveDomain, event: Event) -> Event:
    entry = domain.archive.events.get(event.id)
    return entry.event if entry else event


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        if identity(name):
            seen.setdefault(identity(name), name)
    return tuple(seen.values())


def _site_name(config: Config) -> str:
    value = getattr(config, "ogp_site_name", None)
    if value is False:
        return ""
    return str(value) if value else str(config.project or "")


def _description_length(config: Config, fields: Mapping[str, Any]) -> int:
    try:
        return max(1, int(fields.get("ogp_description_length",
                                     getattr(config, "ogp_description_length", 200))))
    except (TypeError, ValueError):
        return 200


def make_card(app: Sphinx, pagename: str, context: dict[str, Any],
              doctree: nodes.document | None, fields: Mapping[str, Any],
              explicit: Mapping[str, str]) -> Card:
    """What the page says; ``fields`` are its metadata, ``explicit`` its own meta tags."""
    config = app.config
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    images = PageImages(app)
    generated: Mapping[str, Any] = context.get(_GENERATED) or {}
    report: Report | None = domain.reports.get(pagename) if doctree is not None else None
    events = ([_merged(domain, e) for e in domain.events_on(pagename)]
              if doctree is not None else [])
    page_url = _page_url(app, pagename)

    def field_text(key: str) -> str:
        value = fields.get(key)
        return collapse(str(value)) if isinstance(value, str | int | float) else ""

    title_node = app.env.titles.get(pagename) if doctree is not None else None
    page_title = collapse(title_node.astext()) if title_node is not None else ""
    title = (
        (report.title if report else "") or field_text("og:title")
        or collapse(str(generated.get("title") or ""))
        or page_title or _plain_title(context.get("title", "")) or _site_name(config)
    )

    limit = _description_length(config, fields)
    description = (report.description if report else "") or field_text("og:description") \
        or collapse(explicit.get("description", ""))
    if not description and generated.get("description"):
        description = excerpt(str(generated["description"]), limit)
    if not description:
        first = next((e.description for e in events if e.description), "")
        description = excerpt(first, limit) if first else ""
    if not description and doctree is not None:
        description = opening_text(doctree, limit)

    if fields.get("og:type"):
        kind = field_text("og:type")
    elif report is not None:
        kind = "article"
    elif generated.get("kind") == "speaker":
        kind = "profile"
    else:
        kind = str(getattr(config, "ogp_type", "website") or "website")

    image = _pick_image(app, images, pagename, doctree, fields, report, events, page_url, title)

    card = Card(
        title=title, type=kind,
        url=(report.canonical if report else "") or field_text("og:url") or page_url,
        description=description, site_name=_site_name(config),
        locale=og_locale(config.language), image=image,
        twitter_site=twitter_handle(config.eventarchive_twitter_site),
        canonical=report.canonical if report else "",
        noindex=bool(report and report.draft),
        disabled="ogp_disable" in fields,
        meta_description=bool(getattr(config, "ogp_enable_meta_description", True)),
    )
    if report is not None and kind == "article":
        card.published = report.date
        card.authors = _unique(report.authors)
        card.tags = _unique([*report.tags, *(tag for event in events for tag in event.tags)])
    if events:
        card.jsonld = jsonld.events(app, pagename, events, image.url if image else "",
                                    images.event)
    elif generated.get("kind") == "speaker":
        card.jsonld = jsonld.profile(app, pagename, title, page_url)
    return card


def _pick_image(app: Sphinx, images: PageImages, pagename: str,
                doctree: nodes.document | None, fields: Mapping[str, Any],
                report: Report | None, events: list[Event], page_url: str,
                title: str) -> Image | None:
    config = app.config
    field_alt = fields.get("og:image:alt")
    alt = str(field_alt) if isinstance(field_alt, str) and field_alt else None
    if report is not None and report.image:
        found = images.front_matter(report.image, pagename, page_url)
        if found:
            return replace(found, alt=alt or title)
    value = fields.get("og:image")
    if isinstance(value, str) and value.strip():
        found = images.front_matter(value.strip(), pagename, page_url)
        if found:
            return replace(found, alt=alt or title)
    for event in events:
        if event.image:
            found = images.event(event.image)
            if found:
                return replace(found, alt=alt or event.name)
    if doctree is not None and getattr(config, "ogp_use_first_image", False):
        first = _first_image(app, doctree)
        if first is not None:
            return replace(first, alt=alt or first.alt or title)
    if getattr(config, "ogp_image", None):
        configured = images.configured(config.ogp_image)
        setting = getattr(config, "ogp_image_alt", None)
        if alt:
            configured.alt = alt
        elif isinstance(setting, str):
            configured.alt = setting
        elif setting is None:
            configured.alt = _site_name(config) or title
        return configured
    return None


def _first_image(app: Sphinx, doctree: nodes.document) -> Image | None:
    from sphinxext.opengraph import IMAGE_MIME_TYPES

    for node in doctree.findall(nodes.image):
        uri = node.get("uri", "")
        if Path(uri).suffix[1:].lower() not in IMAGE_MIME_TYPES:
            continue
        alt = node.get("alt") or None
        if "://" in uri:
            return Image(uri, alt=alt)
        # By now the builder has pointed the node at its copy ("../_images/x.png");
        # the source file is still named in its candidates.
        images: Mapping[str, str] = getattr(app.builder, "images", {})
        candidates: Mapping[str, str] = node.get("candidates") or {}
        source = str(candidates.get("*", ""))
        if source in images:
            imagedir = getattr(app.builder, "imagedir", "_images")
            image = Image(urls.file_url(app.config, quote(f"{imagedir}/{images[source]}")),
                          alt=alt)
            path = Path(app.srcdir) / source
            if path.is_file():
                image.width, image.height = _size(path)
                image.type = mimetypes.guess_type(path.name)[0] or ""
            return image
    return None


# -- the tags in the page ----------------------------------------------------------------------


@dataclass
class MetaTag:
    start: int
    end: int
    key: str
    content: str


class _MetaTags(HTMLParser):
    """The ``<meta>`` tags of a ``metatags`` string with their exact spans.

    A real HTML tokenizer, so ``>`` inside a quoted value and ``<meta`` inside a
    ``<script>`` are read as they are meant.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.found: list[MetaTag] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        raw = self.get_starttag_text() or ""
        values = {name.lower(): value or "" for name, value in attrs}
        key = (values.get("property") or values.get("name") or "").strip().lower()
        self.found.append(MetaTag(start, start + len(raw), key, values.get("content", "")))

    handle_startendtag = handle_starttag


def meta_tags(text: str) -> list[MetaTag]:
    return _MetaTags(text).found


def without(text: str, drop: Iterable[MetaTag]) -> str:
    """``text`` with the given tags (and the line breaks after them) cut out."""
    out: list[str] = []
    position = 0
    for tag in sorted(drop, key=lambda t: t.start):
        out.append(text[position:tag.start])
        position = tag.end
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
    out.append(text[position:])
    return "".join(out)


def render(card: Card, taken: frozenset[str]) -> str:
    """The tags, escaped for attributes; properties in ``taken`` are left to their owner."""
    lines = [
        f'<meta {attribute}="{key}" content="{html.escape(content, quote=True)}" />'
        for attribute, key, content in card.tags_in_order() if key not in taken
    ]
    if card.noindex:
        lines.append('<meta name="robots" content="noindex" />')
    lines += [jsonld.script(item) for item in card.jsonld]
    return "\n".join(lines) + "\n"


# -- the hooks ---------------------------------------------------------------------------------


def before_opengraph(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: nodes.document | None) -> None:
    if not _is_web(app.builder):
        return
    metatags = context.get("metatags") or ""
    context[_BEFORE] = metatags
    fields = dict(context.get("meta") or {})
    context[_FIELDS] = dict(fields)
    explicit = {tag.key: tag.content for tag in meta_tags(metatags) if tag.key in MANAGED}
    card = make_card(app, pagename, context, doctree, fields, explicit)
    context[_CARD] = card
    if context.get("meta") is not None:
        # sphinxext-opengraph pops keys from the metadata it is given: a copy
        # keeps env.metadata intact; our values make its tags agree with ours
        # and spare it drawing a social card when the page has an image.
        handed = dict(fields)
        handed.setdefault("og:title", card.title)
        handed.setdefault("og:type", card.type)
        if card.description:
            handed.setdefault("og:description", card.description)
        if card.image:
            handed["og:image"] = card.image.url
        context["meta"] = handed


def after_opengraph(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: nodes.document | None) -> None:
    card: Card | None = context.get(_CARD)
    if card is None:
        return
    metatags: str = context.get("metatags") or ""
    before: str = context.get(_BEFORE, "")
    custom = [str(tag) for tag in getattr(app.config, "ogp_custom_meta_tags", ())]
    custom_raw = {tag.strip() for tag in custom}
    taken = frozenset(t.key for tag in custom for t in meta_tags(tag) if t.key)
    # What sphinxext-opengraph (or anything after us) added is what follows the snapshot.
    split = len(before) if metatags.startswith(before) else 0
    found = meta_tags(metatags)
    added = [tag for tag in found if tag.start >= split]

    if card.image is None and not card.disabled:
        card.image = _opengraph_image(added)

    managed = set() if card.disabled else set(MANAGED)
    if not card.meta_description:
        managed.discard("description")
    if card.noindex:
        managed.add("robots")
    drop = [
        tag for tag in found
        if tag.key in managed and metatags[tag.start:tag.end].strip() not in custom_raw
    ]
    kept = without(metatags, drop)
    if not doctree and custom:
        # sphinxext-opengraph writes ogp_custom_meta_tags only when it has a
        # doctree (and tests it for truth: an empty document counts as none).
        kept += "\n".join(custom) + "\n"
    if kept and not kept.endswith("\n"):
        kept += "\n"
    context["metatags"] = kept + render(card, taken)
    if card.canonical:
        # The theme writes <link rel="canonical"> from pageurl: one link, ours.
        context["pageurl"] = card.canonical
    elif not context.get("pageurl") and _from_read_the_docs(app.config):
        # On Read the Docs without html_baseurl, Sphinx writes no canonical link.
        context["pageurl"] = card.url


def _opengraph_image(tags: list[MetaTag]) -> Image | None:
    values = {tag.key: tag.content for tag in tags}
    url = values.get("og:image")
    if not url or "://" not in url:
        return None
    image = Image(url, alt=values.get("og:image:alt") or None)
    if values.get("og:image:width", "").isdigit() and values.get("og:image:height", "").isdigit():
        image.width, image.height = int(values["og:image:width"]), int(values["og:image:height"])
    return image


def _from_read_the_docs(config: Config) -> bool:
    return not getattr(config, "ogp_site_url", "") and not config.html_baseurl \
        and bool(os.environ.get("READTHEDOCS_CANONICAL_URL"))
