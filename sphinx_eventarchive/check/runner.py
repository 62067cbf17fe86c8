"""What ``check`` does: each reader over every file of a built site it reads."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import quote

from sphinx_eventarchive.check import exports, feeds, sitemap, social, structured
from sphinx_eventarchive.check.report import Report
from sphinx_eventarchive.check.rules import Finding
from sphinx_eventarchive.check.site import Site
from sphinx_eventarchive.check.table import all_rules

#: The extra that installs what ``check`` reads with.
EXTRA = "check"
#: Import names of the extra's libraries.
LIBRARIES = ("extruct", "lxml", "feedparser", "icalendar", "jsonschema", "imagesize")


def missing_libraries() -> list[str]:
    """The extra's libraries that cannot be imported here."""
    missing = []
    for name in LIBRARIES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def run(build_dir: Path, base_url: str | None = None) -> Report:
    """Read every page, feed, calendar, sitemap and export of a built site."""
    site = Site(build_dir, base_url)
    report = Report(str(build_dir), site.base, all_rules())
    found: list[Finding] = report.findings
    pages = [page for page in site.pages if not (page.sphinx_own or page.noindex
                                                 or page.redirect)]
    for page in pages:
        head = social.read(page)
        data = structured.read(page)
        found += social.findings(page, head)
        found += structured.findings(page, data)
        found += sitemap.link_findings(site, page.path, page, social.links(head) + data.links)
        report.urls[page.path] = page.url
        page.release()
    feed_paths = feeds.feed_paths(site)
    for path in feed_paths:
        feed = feeds.read_feed(site, path)
        found += feeds.feed_findings(site, feed)
        found += sitemap.link_findings(site, path, None, feeds.feed_links(feed))
    calendar_paths = list(site.files_named(".ics"))
    for path in calendar_paths:
        calendar = feeds.read_calendar(site, path)
        found += feeds.calendar_findings(calendar)
        found += sitemap.link_findings(site, path, None, feeds.calendar_links(calendar))
    sitemap_paths = sitemap.sitemap_paths(site)
    for path in sitemap_paths:
        found += sitemap.sitemap_findings(site, sitemap.read_sitemap(site, path))
    export = exports.read(site)
    if export is not None:
        found += exports.findings(export)
        found += sitemap.link_findings(site, export.path, None, exports.links(export))
    for path in {finding.page for finding in found} - report.urls.keys():
        report.urls[path] = site.base + quote(path) if site.base else path
    report.checked = {"pages": len(pages), "feeds": len(feed_paths),
                      "calendars": len(calendar_paths), "sitemaps": len(sitemap_paths),
                      "exports": int(export is not None)}
    return report
