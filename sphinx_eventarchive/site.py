"""The site being built: what every writer asks about URLs, titles and the builder.

Cards, generated pages, social metadata, JSON-LD and exports all name pages
of the archive. They ask one :class:`Site` so that a page has one URL (its
anchor encoded once), a report one title and a builder one kind, whoever
writes it.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote, urljoin

from sphinx.util.osutil import relative_uri

from sphinx_eventarchive.archive.pages import has_pages, speaker_page, tag_page, taken_by
from sphinx_eventarchive.messages import warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain
    from sphinx_eventarchive.archive.view import Archive

# What a URL fragment may hold unencoded (RFC 3986 pchar, plus / and ?).
_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"
# What a path may hold unencoded; "%" stays so an encoded path is not encoded twice.
PATH_SAFE = "/%:@!$&'()*+,;=~"


class BuilderKind(NamedTuple):
    """What a builder makes, in the terms the extension decides by."""

    name: str
    #: HTML-format output: html, dirhtml, singlehtml, epub (our visitors and CSS apply).
    html: bool
    #: An e-book: frames are blocked there, so embeds are links.
    epub: bool
    #: A web site (HTML, not an e-book): social metadata, feeds and exports.
    web: bool


def builder_kind(builder: Builder) -> BuilderKind:
    html = builder.format == "html"
    epub = builder.name.startswith("epub")
    return BuilderKind(builder.name, html, epub, html and not epub)


def base_url(config: Config) -> str:
    """The site's root: ``ogp_site_url``, else ``html_baseurl``, else Read the Docs' URL.

    Read the Docs sets ``READTHEDOCS_CANONICAL_URL`` to the root of the version
    being built (``https://p.readthedocs.io/ja/latest/``), so links stay right
    on versioned URLs. Always ends with ``/``; empty when nothing says.
    """
    url = (str(getattr(config, "ogp_site_url", "") or "") or str(config.html_baseurl or "")
           or os.environ.get("READTHEDOCS_CANONICAL_URL", ""))
    if url and not url.endswith("/"):
        url += "/"
    return url


#: What makes urljoin do more than put a path after a folder: a scheme, a query, a
#: fragment, a "." or ".." segment, an empty one, a Windows separator.
_NOT_PLAIN = (":", "?", "#", "/.", "//", "\\")


@functools.lru_cache(maxsize=8)
def _plain_base(base: str) -> bool:
    """A base urljoin would use as written: a folder (``/`` last), no query, fragment,
    ``.`` segment, white space or control character for it to take out."""
    _scheme, absolute, rest = base.partition("://")
    return (bool(absolute) and base.endswith("/") and base.isprintable()
            and base.strip() == base
            and not any(mark in rest for mark in ("?", "#", "/.", " ", "//")))


def join_url(base: str, uri: str) -> str:
    """``urljoin(base, uri)``, without parsing either in the usual case: a page's URI as
    Sphinx's builders give it (a relative path) under a base that ends with ``/``.

    A build asks for every session's and speaker's URL for the feeds and exports: at
    pyvideo's size, urljoin was 2.4 of an edit's 27 s profiled. Anything unusual (a
    scheme, a query, ``.`` segments, an absolute path) still goes to urljoin.
    """
    if not base:
        return uri  # as urljoin does
    plain = (uri and uri[0] not in "/." and not any(mark in uri for mark in _NOT_PLAIN))
    if plain and _plain_base(base):
        return base + uri
    return urljoin(base, uri)


def check_base_url(config: Config) -> None:
    """Warn (once per build, at builder-inited) when no absolute URLs can be made."""
    if not base_url(config):
        warn("no html_baseurl, ogp_site_url or READTHEDOCS_CANONICAL_URL: social metadata, "
             "feeds and exports use relative URLs", "baseurl")


def site_name(config: Config) -> str:
    """The site's name as social metadata gives it: ``ogp_site_name`` (``False``: none),
    else the project."""
    value = getattr(config, "ogp_site_name", None)
    if value is False:
        return ""
    return str(value) if value else str(config.project or "")


def encode_fragment(anchor: str) -> str:
    """An anchor as a URL fragment: anchors keep non-Latin scripts, URLs must not."""
    return quote(anchor, safe=_FRAGMENT_SAFE)


def published_file(config: Config, srcdir: str | os.PathLike[str], path: str) -> str:
    """The user's file that ``html_extra_path`` or ``html_static_path`` publishes at
    ``path`` on the site (``images/x.png``, ``_static/x.png``), or "".

    Astro's ``public/`` and Hugo's ``static/`` kept as ``html_extra_path`` publish
    ``/images/x.png`` as a site-root path from the other generator meant it.
    """
    from pathlib import Path, PurePosixPath

    parts = PurePosixPath(path.lstrip("/")).parts
    if not parts or ".." in parts:
        return ""
    places = [(Path(srcdir, entry), parts) for entry in config.html_extra_path]
    if parts[0] == "_static" and len(parts) > 1:
        places += [(Path(srcdir, entry), parts[1:]) for entry in config.html_static_path]
    for entry, inside in places:
        # An entry is a folder whose files are published, or one file published by name.
        candidate = entry.joinpath(*inside) if entry.is_dir() else (
            entry if inside == (entry.name,) else None)
        if candidate is not None and candidate.is_file():
            return str(candidate)
    return ""


#: The builder attribute that holds :meth:`Site.target_uri`'s answers for one build.
_URIS = "eventarchive_target_uris"


class Site:
    """One build's site, as seen by a writer: cheap to make, asked everywhere."""

    def __init__(self, env: BuildEnvironment, builder: Builder) -> None:
        self.env = env
        self.builder = builder
        self.config: Config = env.config
        self.kind = builder_kind(builder)
        self.base = base_url(self.config)
        self.domain: EventArchiveDomain = env.domains["eventarchive"]  # type: ignore[assignment]

    @property
    def archive(self) -> Archive:
        return self.domain.archive

    @functools.cached_property
    def split(self) -> Callable[[str], list[str]]:
        """A title cut into the phrases a line may break between: the site's language and
        honorifics bound (one rule, ``core/phrases.py``), for the card renderer."""
        from sphinx_eventarchive.core.phrases import phrases

        return functools.partial(phrases, language=self.config.language,
                                 honorifics=tuple(self.config.eventarchive_honorifics))

    # -- the generated pages ---------------------------------------------------------

    @property
    def has_pages(self) -> bool:
        """Whether this builder writes the events, speakers and tags pages."""
        return has_pages(self.kind.name, self.config)

    @property
    def is_archive(self) -> bool:
        """Whether the site has archive content: without it, the site is built as it
        would be without the extension (no exports, feeds, links or pages of ours)."""
        return self.domain.has_content()

    def writes_page(self, pagename: str) -> bool:
        """Whether this build writes a generated page: every one on an archive, only
        the index pages a document names while the archive is empty (docs/reference/config.md)."""
        return self.has_pages and (self.is_archive or pagename in self.domain.named_pages())

    @property
    def events_page(self) -> str:
        return f"{self.config.eventarchive_events_path}/index"

    @property
    def speakers_page(self) -> str:
        return f"{self.config.eventarchive_speakers_path}/index"

    @property
    def tags_page(self) -> str:
        return f"{self.config.eventarchive_tags_path}/index"

    def speaker_page(self, key: str) -> str:
        return speaker_page(self.config, self.archive.speakers[key].slug)

    def tag_page(self, key: str) -> str:
        return tag_page(self.config, self.archive.tags[key].slug)

    # -- what the user's own files take --------------------------------------------

    def user_page(self, pagename: str) -> str:
        """The user's document that takes a generated page's place under any builder (it
        wins over the generated page), or ""."""
        return taken_by(pagename, self.env.all_docs)

    def user_extra_file(self, path: str) -> str:
        """The user's file that ``html_extra_path`` copies to ``path`` in the output, or ""."""
        from pathlib import Path

        for folder in self.config.html_extra_path:
            candidate = Path(self.env.srcdir, folder, path)
            if candidate.is_file():
                return str(candidate)
        return ""

    # -- URLs --------------------------------------------------------------------------

    def page_url(self, pagename: str, anchor: str = "") -> str:
        """Absolute URL of a page or of an anchor on it (relative to the root without a base).

        ``singlehtml`` puts every document on the root page behind a
        ``#document-…`` fragment; an anchor replaces that fragment.
        """
        if self.kind.name == "singlehtml":
            root = self.config.root_doc + getattr(self.builder, "out_suffix", ".html")
            return urljoin(self.base, f"{root}#{encode_fragment(anchor or 'document-' + pagename)}")
        url = join_url(self.base, self.target_uri(pagename))
        if anchor:
            url = f"{url.partition('#')[0]}#{encode_fragment(anchor)}"
        return url

    @functools.cached_property
    def _standard_links(self) -> bool:
        """Whether the builder links pages as html and dirhtml do (singlehtml does not)."""
        from sphinx.builders.html import StandaloneHTMLBuilder

        return self.kind.web and type(self.builder).get_relative_uri is \
            StandaloneHTMLBuilder.get_relative_uri

    def target_uri(self, pagename: str) -> str:
        """The builder's URI of a page, asked once per page and build on web builders
        (the feeds and exports ask for the same report's URL once per session in it)."""
        uris: dict[str, str] | None = getattr(self.builder, _URIS, None)
        if uris is None:
            uris = {}
            if self.kind.web:  # HTML pages' URIs depend on the page name alone
                setattr(self.builder, _URIS, uris)
        uri = uris.get(pagename)
        if uri is None:
            uri = uris[pagename] = self.builder.get_target_uri(pagename)
        return uri

    def canonical_url(self, pagename: str) -> str:
        """The page's own URL for ``og:url``; ``ogp_canonical_url`` points at another copy."""
        other = str(getattr(self.config, "ogp_canonical_url", "") or "")
        if other:
            other = other if other.endswith("/") else other + "/"
            return join_url(other, self.target_uri(pagename)).partition("#")[0]
        return self.page_url(pagename).partition("#")[0]

    @property
    def home_url(self) -> str:
        return self.page_url(self.config.root_doc).partition("#")[0]

    def file_url(self, path: str) -> str:
        """Absolute URL of a file in the output folder, such as ``_images/x.png``."""
        return urljoin(self.base, quote(path.lstrip("/"), safe=PATH_SAFE))

    def href(self, from_page: str, to_page: str, anchor: str = "") -> str:
        """A relative link from one page of this build to another (or an anchor on it)."""
        if self._standard_links:
            # What the builder's get_relative_uri does, from URIs asked once per page
            # (a speaker page links dozens of reports and talks).
            uri = relative_uri(self.target_uri(from_page), self.target_uri(to_page))
        else:
            uri = self.builder.get_relative_uri(from_page, to_page)
        return f"{uri.partition('#')[0]}#{encode_fragment(anchor)}" if anchor else uri

    def speaker_url(self, key: str) -> str:
        """The speaker's page; without generated pages, their profile, else their newest
        session."""
        if self.has_pages:
            return self.page_url(self.speaker_page(key))
        speaker = self.archive.speakers[key]
        if speaker.profile is not None:
            return self.page_url(speaker.profile.docname, speaker.profile.anchor)
        if not speaker.appearances:  # an author only: their newest report
            return self.page_url(speaker.reports[0])
        first = speaker.appearances[0].session
        session = self.archive.sessions[first].session
        return self.page_url(session.docname, session.anchor)

    def tag_url(self, key: str) -> str | None:
        return self.page_url(self.tag_page(key)) if self.has_pages else None

    # -- names -------------------------------------------------------------------------

    def report_title(self, docname: str) -> str:
        """A report's title (the domain's rule: front matter ``title``, else the first
        heading)."""
        return self.domain.report_title(docname)

    @property
    def name(self) -> str:
        return str(self.config.project or "")

    @property
    def author(self) -> str:
        """The site's author; Sphinx's placeholder default counts as none (the site's name)."""
        author = str(self.config.author or "")
        return author if author and author != "Author name not set" else self.name

    @property
    def language(self) -> str:
        return str(self.config.language or "en")
