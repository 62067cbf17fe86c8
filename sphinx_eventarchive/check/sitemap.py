"""Sitemaps against sitemaps.org 0.9, and URLs of the site that resolve to no built file.

A sitemap is any ``.xml`` file of the build in the sitemaps.org namespace
(``sitemap.xml`` from sphinx-sitemap, a sitemap index too). Each ``<loc>``
under the site's base URL must be a built file (the sitemap's URLs are what
crawlers fetch) and must not be a page marked ``noindex`` (Search Console
reports it as an error). The same resolution holds every other URL of the
site that a reader follows: ``og:url``, ``og:image``, canonical and feed
links, JSON-LD URLs, feed and calendar links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.check.rules import REQUIRED, Finding, Level, Reader, Rule, Test, check
from sphinx_eventarchive.check.site import is_absolute

if TYPE_CHECKING:
    from sphinx_eventarchive.check.site import Page, Site

SITEMAPS = Reader("sitemaps.org 0.9", "https://www.sitemaps.org/protocol.html")
SEARCH_CONSOLE = Reader("Google Search Console: page indexing",
                        "https://support.google.com/webmasters/answer/7440203")
WEB = Reader("RFC 9110: HTTP", "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found")
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_S = f"{{{NS}}}"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_LOC = 2048
CHANGEFREQ = frozenset({"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"})
#: W3C Datetime, the forms sitemaps.org allows for lastmod.
_W3C_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


@dataclass
class Sitemap:
    path: str
    size: int
    root: Any = None
    errors: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Any]:
        if self.root is None:
            return []
        return self.root.findall(f"{_S}url") + self.root.findall(f"{_S}sitemap")


@dataclass
class Location:
    """One ``<url>`` (or ``<sitemap>``) entry and the site it is meant to be on."""

    element: Any
    site: Site

    def text(self, name: str) -> str:
        found = self.element.find(f"{_S}{name}")
        return (found.text or "").strip() if found is not None else ""

    @property
    def loc(self) -> str:
        return self.text("loc")


@dataclass
class Link:
    """A URL a page (or feed, calendar, export) points readers to."""

    where: str
    url: str
    page: Page | None
    site: Site

    @property
    def absolute(self) -> str:
        return self.page.absolute(self.url) if self.page is not None else self.url


# -- tests ----------------------------------------------------------------------------------


def sitemap_format(sitemap: Sitemap) -> Iterator[str]:
    yield from sitemap.errors
    if sitemap.root is None:
        return
    if sitemap.size > MAX_BYTES:
        yield f"{sitemap.size} bytes, over the {MAX_BYTES} a sitemap may have"
    entries = sitemap.entries
    if len(entries) > MAX_URLS:
        yield f"{len(entries)} URLs, over the {MAX_URLS} a sitemap may list"
    for entry in entries:
        locs = entry.findall(f"{_S}loc")
        if len(locs) != 1:
            yield f"a <{entry.tag.removeprefix(_S)}> with {len(locs)} <loc>"
        changefreq = entry.find(f"{_S}changefreq")
        if changefreq is not None and (changefreq.text or "").strip() not in CHANGEFREQ:
            yield f"changefreq {changefreq.text!r} is not one of {', '.join(sorted(CHANGEFREQ))}"
        priority = entry.find(f"{_S}priority")
        if priority is not None:
            try:
                valid = 0.0 <= float(priority.text or "") <= 1.0
            except ValueError:
                valid = False
            if not valid:
                yield f"priority {priority.text!r} is not between 0.0 and 1.0"


def loc_valid(location: Location) -> Iterator[str]:
    loc = location.loc
    if not loc:
        return  # sitemap.format says so
    if not is_absolute(loc):
        yield f"{loc!r} is not an absolute http(s) URL"
    elif len(loc) > MAX_LOC:
        yield f"{len(loc)} characters, over {MAX_LOC}"
    elif location.site.base and location.site.relative(loc) is None:
        yield f"{loc} is not under the site's base URL {location.site.base}"


def lastmod(location: Location) -> Iterator[str]:
    value = location.text("lastmod")
    if value and not _W3C_DATETIME.match(value):
        yield f"lastmod {value!r} is not a W3C Datetime (2024-05-01 or 2024-05-01T03:00:00Z)"


def resolves(location: Location) -> Iterator[str]:
    loc, site = location.loc, location.site
    if loc and site.relative(loc) is not None and site.file_for(loc) is None:
        yield f"{loc} is no built file"


def not_noindex(location: Location) -> Iterator[str]:
    site = location.site
    path = site.file_for(location.loc) if location.loc else None
    page = site.page_at(path) if path else None
    if page is not None and page.noindex:
        yield f"{location.loc} is marked noindex"


def link_resolves(link: Link) -> Iterator[str]:
    target = link.absolute
    if link.url and link.site.relative(target) is not None and \
            link.site.file_for(target) is None:
        yield f"{link.where} {target} is no built file"


def _rule(rule_id: str, level: Level, reader: Reader, subject: str, why: str,
          test: Test) -> Rule:
    return Rule(rule_id, level, reader, subject, why, test)


RULES: tuple[Rule, ...] = (
    _rule("sitemap.format", REQUIRED, SITEMAPS, "sitemap",
          "A sitemap that is not a sitemaps.org 0.9 urlset (or index) within its limits is "
          "refused whole.", sitemap_format),
    _rule("sitemap.loc", REQUIRED, SITEMAPS, "sitemap URL",
          "A <loc> is an absolute URL of at most 2048 characters under the sitemap's own "
          "site; crawlers skip others.", loc_valid),
    _rule("sitemap.lastmod", REQUIRED, SITEMAPS, "sitemap URL",
          "A lastmod that is not a W3C Datetime makes the entry an error to Search Console.",
          lastmod),
    _rule("sitemap.resolve", REQUIRED, SEARCH_CONSOLE, "sitemap URL",
          "A listed URL that is no built file is a 404 to every crawler the sitemap sends.",
          resolves),
    _rule("sitemap.noindex", REQUIRED, SEARCH_CONSOLE, "sitemap URL",
          "A listed page marked noindex asks to be crawled and not indexed: Search Console "
          "reports it as an error.", not_noindex),
    _rule("url.resolve", REQUIRED, WEB, "link",
          "A URL of the site (og:url, og:image, canonical, feed and JSON-LD links) that is no "
          "built file is a broken preview, image or link.", link_resolves),
)


# -- reading --------------------------------------------------------------------------------


def sitemap_paths(site: Site) -> list[str]:
    found = []
    for path in site.files_named(".xml"):
        with (site.root / path).open("rb") as file:
            if NS.encode() in file.read(2048):
                found.append(path)
    return found


def read_sitemap(site: Site, path: str) -> Sitemap:
    from lxml import etree

    file = site.root / path
    sitemap = Sitemap(path, file.stat().st_size)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(file.read_bytes(), parser)
    except etree.XMLSyntaxError as error:
        sitemap.errors.append(f"not well-formed XML: {error}")
        return sitemap
    if root.tag not in (f"{_S}urlset", f"{_S}sitemapindex"):
        sitemap.errors.append(f"the root element is {root.tag}, not a sitemaps.org 0.9 "
                              "urlset or sitemapindex")
        return sitemap
    sitemap.root = root
    return sitemap


def sitemap_findings(site: Site, sitemap: Sitemap) -> Iterator[Finding]:
    yield from check(RULES, "sitemap", sitemap, sitemap.path)
    for entry in sitemap.entries:
        location = Location(entry, site)
        yield from check(RULES, "sitemap URL", location, sitemap.path, f"URL {location.loc}")


def link_findings(site: Site, path: str, page: Page | None,
                  links: list[tuple[str, str]]) -> Iterator[Finding]:
    seen = set()
    for where, url in links:
        if (where, url) not in seen:
            seen.add((where, url))
            yield from check(RULES, "link", Link(where, url, page, site), path)
