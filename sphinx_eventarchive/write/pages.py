"""Generated pages (events, speakers, tags) and what an incremental build must rewrite.

Sphinx writes every page an extension yields from ``html-collect-pages`` on
every build; that is why a peer rewrites its whole archive on a no-op build.
We render each page's body (cheap: plain strings), compare a digest with the
one recorded when it was last written, and yield only pages that changed or
whose file is missing. Pages that no longer exist are deleted.

Pages with content drawn from other reports (event cards, listings) are handed
back from ``env-get-updated`` exactly when what they would show has changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.util.display import status_iterator

from sphinx_eventarchive.archive.view import Archive
from sphinx_eventarchive.core.dates import year_of
from sphinx_eventarchive.core.text import identity
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.cards import Renderer, when_text
from sphinx_eventarchive.write.labels import count_label, format_label, type_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

Page = tuple[str, dict[str, Any]]


def _domain(env: BuildEnvironment) -> EventArchiveDomain:
    return env.domains["eventarchive"]  # type: ignore[return-value]


def _digest(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


# -- pages whose content comes from other reports ---------------------------


def dynamic_digest(domain: EventArchiveDomain, builder: Builder, docname: str,
                   event_ids: Iterable[str]) -> str:
    """What a page's cards and listings would show, as a digest.

    Rendered with the same code that writes the page, so the digest cannot
    miss a field; pending cross-references are resolved into the digest since
    the rendered nodes only name their targets.
    """
    renderer = Renderer(domain, builder, docname)
    parts = []
    rendered = [node for event_id in sorted(event_ids) for node in renderer.card(event_id)]
    for listing in domain.listings.get(docname, ()):
        rendered.extend(renderer.listing_of(listing.kind, dict(listing.options)))
    for node in rendered:
        parts.append(node.pformat())
        for ref in node.findall(addnodes.pending_xref):
            parts.append(repr(domain.target(ref["reftype"], ref["reftarget"], builder)))
    return _digest(*parts)


def env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Reports whose cards or listings changed because other reports changed."""
    domain = _domain(env)
    digests: dict[str, str] = domain.data.setdefault("digests", {}).setdefault(
        app.builder.name, {})
    seen: dict[str, str] = domain.data.setdefault("digest_revision", {})
    if digests and seen.get(app.builder.name) == domain.revision:
        return []  # this builder's pages already show this archive
    seen[app.builder.name] = domain.revision
    with_events = domain.docs_with_events()
    # Per builder (above): html and text sharing one doctree folder each need their own.
    changed = []
    for docname in sorted(with_events | set(domain.listings)):
        event_ids = {event.id for event in domain.events_on(docname)}
        digest = dynamic_digest(domain, app.builder, docname, event_ids)
        if digests.get(docname) != digest:
            digests[docname] = digest
            changed.append(docname)
    for docname in [d for d in digests if d not in with_events and d not in domain.listings]:
        del digests[docname]
    return changed


# -- generated pages ----------------------------------------------------------


class PageWriter:
    """Bodies of the generated pages, as HTML strings with every value escaped."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.builder = app.builder
        self.domain = _domain(app.env)
        self.archive: Archive = self.domain.archive
        self.config = app.config
        self.language = app.config.language
        self.events_page = f"{app.config.eventarchive_events_path}/index"
        self.speakers_page = f"{app.config.eventarchive_speakers_path}/index"
        self.tags_page = f"{app.config.eventarchive_tags_path}/index"

    # links ------------------------------------------------------------------

    def href(self, pagename: str, target: str, anchor: str = "") -> str:
        uri = self.builder.get_relative_uri(pagename, target)
        return f"{uri}#{anchor}" if anchor else uri

    def a(self, pagename: str, target: str, text: str, anchor: str = "",
          cls: str = "reference internal") -> str:
        return (f'<a class="{cls}" href="{escape(self.href(pagename, target, anchor))}">'
                f"{escape(text)}</a>")

    def ext(self, url: str, text: str) -> str:
        return f'<a class="reference external" href="{escape(url)}">{escape(text)}</a>'

    def event_link(self, pagename: str, event_id: str) -> str:
        event = self.archive.events[event_id].event
        return self.a(pagename, event.docname, event.name, event.anchor)

    def session_link(self, pagename: str, session_id: str) -> str:
        session = self.archive.sessions[session_id].session
        return self.a(pagename, session.docname, session.title, session.anchor)

    def speaker_link(self, pagename: str, key: str) -> str:
        return self.a(pagename, self.domain.speaker_page(key), self.archive.speakers[key].name)

    def tag_link(self, pagename: str, key: str) -> str:
        tag = self.archive.tags[key]
        return self.a(pagename, self.domain.tag_page(key), tag.name,
                      cls="reference internal eventarchive-tag")

    def report_title(self, docname: str) -> str:
        report = self.archive.reports.get(docname)
        title = self.app.env.titles.get(docname)
        return (report.title if report and report.title else "") or (
            title.astext() if title else docname)

    # pages ------------------------------------------------------------------

    def pagenames(self) -> list[str]:
        """The names of :meth:`pages`, in the same order, without rendering them."""
        return [self.events_page, self.speakers_page,
                *(self.domain.speaker_page(key) for key in self.archive.speakers),
                self.tags_page, *(self.domain.tag_page(key) for key in self.archive.tags)]

    def pages(self) -> Iterator[Page]:
        yield self.events_index()
        yield self.speakers_index()
        for key in self.archive.speakers:
            yield self.speaker(key)
        yield self.tags_index()
        for key in self.archive.tags:
            yield self.tag(key)

    def page(self, pagename: str, kind: str, title: str, description: str,
             body: list[str]) -> Page:
        html = "\n".join([f'<section class="eventarchive-page eventarchive-{kind}">',
                          f"<h1>{escape(title)}</h1>", *body, "</section>"])
        return pagename, {
            "title": escape(title), "body": html,
            "eventarchive_page": {"kind": kind, "title": title, "description": description},
        }

    def event_line(self, pagename: str, event_id: str) -> str:
        entry = self.archive.events[event_id]
        event = entry.event
        details = [when_text(event.date, event.end, self.language), event.series,
                   format_label(event.format) if event.format else "",
                   count_label(len(entry.sessions), "session") if entry.sessions else ""]
        shown = " · ".join(d for d in details if d)
        return (f"<li>{self.event_link(pagename, event_id)}"
                f"{' — ' + escape(shown) if shown else ''}</li>")

    def events_index(self) -> Page:
        pagename = self.events_page
        by_year: dict[str, list[str]] = {}
        for event_id in self.archive.events_newest_first():
            date = self.archive.events[event_id].event.date
            by_year.setdefault(str(year_of(date)) if date else str(_("Undated")), []).append(
                event_id)
        body = []
        if by_year:
            most = max(len(ids) for ids in by_year.values())
            body.append(f'<ul class="eventarchive-yearbars" aria-label="'
                        f'{escape(str(_("Events per year")))}">')
            for year, ids in by_year.items():
                width = round(100 * len(ids) / most)
                body.append(
                    f'<li class="eventarchive-yearbar"><a href="#year-{escape(year)}">'
                    f"{escape(year)}</a> "
                    f'<span class="eventarchive-yearbar-bar eventarchive-w{width}"></span> '
                    f"<span>{escape(count_label(len(ids), 'event'))}</span></li>")
            body.append("</ul>")
        else:
            body.append(f"<p>{escape(str(_('No events yet.')))}</p>")
        for year, ids in by_year.items():
            body.append(f'<h2 id="year-{escape(year)}">{escape(year)}</h2>')
            body.append('<ul class="eventarchive-eventlist">')
            body.extend(self.event_line(pagename, event_id) for event_id in ids)
            body.append("</ul>")
        total = count_label(len(self.archive.events), "event")
        return self.page(pagename, "events", str(_("Events")), total, body)

    def speakers_index(self) -> Page:
        pagename = self.speakers_page
        groups: dict[str, list[str]] = {}
        for key in sorted(self.archive.speakers):
            groups.setdefault(initial(self.archive.speakers[key].name), []).append(key)
        order = sorted(groups, key=_initial_order)
        body = ['<nav class="eventarchive-initials"><p>']
        body.append(" ".join(f'<a href="#initial-{index}">{escape(name)}</a>'
                             for index, name in enumerate(order)))
        body.append("</p></nav>")
        for index, name in enumerate(order):
            body.append(f'<h2 id="initial-{index}">{escape(name)}</h2><ul>')
            for key in groups[name]:
                speaker = self.archive.speakers[key]
                affiliations = ", ".join(speaker.affiliations)
                extra = f" ({escape(affiliations)})" if affiliations else ""
                count = escape(count_label(len(speaker.appearances), "session"))
                body.append(f"<li>{self.speaker_link(pagename, key)}{extra} — {count}</li>")
            body.append("</ul>")
        total = str(_("%d speakers")) % len(self.archive.speakers)
        return self.page(pagename, "speakers", str(_("Speakers")), total, body)

    def speaker(self, key: str) -> Page:
        speaker = self.archive.speakers[key]
        pagename = self.domain.speaker_page(key)
        body = []
        if speaker.affiliations:
            body.append(f'<p class="eventarchive-affiliations">{escape(str(_("Affiliations")))}'
                        f": {escape(', '.join(speaker.affiliations))}</p>")
        body.append('<ul class="eventarchive-speaker-sessions">')
        for appearance in speaker.appearances:
            body.append(self.session_item(pagename, appearance.session, appearance.affiliation))
        body.append("</ul>")
        body.append(f'<p><a href="{escape(self.href(pagename, self.speakers_page))}">'
                    f"{escape(str(_('All speakers')))}</a></p>")
        events = {self.archive.sessions[a.session].session.event for a in speaker.appearances}
        description = str(_("%(name)s: %(sessions)s at %(events)s")) % {
            "name": speaker.name,
            "sessions": count_label(len(speaker.appearances), "session"),
            "events": count_label(len(events - {""}), "event"),
        }
        return self.page(pagename, "speaker", speaker.name, description, body)

    def session_item(self, pagename: str, session_id: str, affiliation: str = "") -> str:
        entry = self.archive.sessions[session_id]
        session = entry.session
        parts = [self.session_link(pagename, session_id)]
        details = []
        if session.event in self.archive.events:
            details.append(self.event_link(pagename, session.event))
        when = self.archive.session_when(session_id)
        if when:
            details.append(escape(when_text(when[:10], "", self.language)))
        if affiliation:
            details.append(escape(affiliation))
        if session.type != "talk":
            details.append(escape(type_label(session.type)))
        if session.slides:
            details.append(self.ext(session.slides, str(_("Slides"))))
        if session.video:
            details.append(self.ext(session.video, str(_("Video"))))
        if details:
            parts.append(" — " + " · ".join(details))
        reports = [self.a(pagename, w.docname, self.report_title(w.docname), w.anchor)
                   for w in entry.writeups]
        parts.append(f' <span class="eventarchive-writeups">{escape(str(_("Reports")))}: '
                     f"{', '.join(reports)}</span>")
        return f"<li>{''.join(parts)}</li>"

    def tags_index(self) -> Page:
        pagename = self.tags_page
        tags = sorted(self.archive.tags.values(), key=lambda t: identity(t.name))
        most = max((t.total for t in tags), default=1)
        body = [f'<ul class="eventarchive-tagcloud" aria-label="{escape(str(_("Tags")))}">']
        for tag in tags:
            size = 1 + round(4 * (tag.total - 1) / max(1, most - 1))
            body.append(f'<li class="eventarchive-size{size}">{self.tag_link(pagename, tag.key)}'
                        f' <span class="eventarchive-count">({tag.total})</span></li>')
        body.append("</ul>")
        total = str(_("%d tags")) % len(tags)
        return self.page(pagename, "tags", str(_("Tags")), total, body)

    def tag(self, key: str) -> Page:
        tag = self.archive.tags[key]
        pagename = self.domain.tag_page(key)
        body = []
        if tag.reports:
            body.append(f"<h2>{escape(str(_('Reports')))}</h2><ul>")
            reports = sorted(tag.reports, key=lambda d: (self.archive.reports[d].date, d),
                             reverse=True)
            body.extend(f"<li>{self.a(pagename, d, self.report_title(d))}</li>" for d in reports)
            body.append("</ul>")
        if tag.events:
            body.append(f"<h2>{escape(str(_('Events')))}</h2><ul>")
            body.extend(self.event_line(pagename, event_id) for event_id in tag.events)
            body.append("</ul>")
        if tag.sessions:
            body.append(f"<h2>{escape(str(_('Sessions')))}</h2><ul>")
            body.extend(self.session_item(pagename, s) for s in tag.sessions)
            body.append("</ul>")
        body.append(f'<p><a href="{escape(self.href(pagename, self.tags_page))}">'
                    f"{escape(str(_('All tags')))}</a></p>")
        title = str(_("Tag: %s")) % tag.name
        description = str(_("%(count)d entries tagged %(tag)s")) % {"count": tag.total,
                                                                   "tag": tag.name}
        return self.page(pagename, "tag", title, description, body)


def initial(name: str) -> str:
    """The index group of a name: A–Z for Latin, the kana itself, else a catch-all."""
    first = unicodedata.normalize("NFKC", name)[:1].upper()
    if "A" <= first <= "Z":
        return first
    decomposed = unicodedata.normalize("NFD", first)[:1]
    if "A" <= decomposed <= "Z":  # É → E
        return decomposed
    if "ぁ" <= first <= "ゖ":  # hiragana and katakana share a group
        return chr(ord(first) + 0x60)
    if "ァ" <= first <= "ヺ":
        return first
    if first.isdigit():
        return "0–9"
    return str(_("Other"))


def _initial_order(name: str) -> tuple[int, str]:
    if len(name) == 1 and "A" <= name <= "Z":
        return (0, name)
    if name == "0–9":
        return (2, name)
    if len(name) == 1:
        return (1, name)
    return (3, name)


# -- which generated pages to write ----------------------------------------------


def _state_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"eventarchive-pages-{app.builder.name}.json"


def _fingerprint(app: Sphinx) -> str:
    # When Sphinx rewrites every page (config, theme or template change), so do we.
    info = getattr(app.builder, "build_info", None)
    return _digest(str(getattr(info, "config_hash", "")), str(app.env.config_status),
                   app.builder.get_target_uri("x"))


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    domain = _domain(app.env)
    if not domain.has_pages(app.builder):
        return iter(())
    state_file = _state_file(app)
    try:
        previous = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    fingerprint = _fingerprint(app)
    old_pages: dict[str, str] = previous.get("pages", {}) if previous.get(
        "fingerprint") == fingerprint else {}
    if old_pages and previous.get("revision") == domain.revision and all(
            Path(app.builder.get_outfilename(name)).is_file()  # type: ignore[attr-defined]
            for name in old_pages):
        # Nothing was read or removed: every page would render as it did.
        domain.pending_pages = previous
        return iter(())
    writer = PageWriter(app)
    names = writer.pagenames()
    for pagename in set(previous.get("pages", {})) - set(names):
        _remove_page(app, pagename)
    pages: dict[str, str] = {}  # filled in as Sphinx consumes the pages below
    domain.pending_pages = {"fingerprint": fingerprint, "pages": pages,
                            "revision": domain.revision}

    def changed() -> Iterator[Page]:
        # One page at a time: bodies of thousands of speaker pages are never
        # all held at once.
        for pagename, context in writer.pages():
            digest = _digest(context["title"], context["body"])
            pages[pagename] = digest
            outfile = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
            if old_pages.get(pagename) != digest or not outfile.is_file():
                yield pagename, context

    toctrees = FolderToctrees(app.builder)
    return ((name, {**context, "display_toc": False, "toc": "",
                    "toctree": toctrees.for_page(name)}, "page.html")
            for name, context in status_iterator(
                changed(), "writing archive pages... ", "darkgreen", len(names),
                app.verbosity, stringify_func=lambda page: page[0]))


class FolderToctrees:
    """The theme's ``toctree()`` for generated pages, rendered once per folder depth.

    Generated pages are in no toctree, so the navigation a theme draws for
    them differs only by the relative links, which are the same for every
    page at the same depth. Drawing it once instead of once per speaker and
    tag page is most of what keeps a large archive's build near plain Sphinx.
    """

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.cache: dict[tuple[str, str], str] = {}

    def for_page(self, pagename: str) -> Callable[..., str]:
        depth = self.builder.get_relative_uri(pagename, self.builder.config.root_doc)

        def toctree(**kwargs: Any) -> str:
            key = (depth, repr(sorted(kwargs.items())))
            if key not in self.cache:
                self.cache[key] = self.builder._get_local_toctree(  # type: ignore[attr-defined]
                    pagename, **kwargs)
            return self.cache[key]

        return toctree


def _remove_page(app: Sphinx, pagename: str) -> None:
    outfile = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
    outfile.unlink(missing_ok=True)
    if app.builder.name == "dirhtml":
        with contextlib.suppress(OSError):
            outfile.parent.rmdir()


def save_state(app: Sphinx, exception: BaseException | None) -> None:
    domain = _domain(app.env)
    state, domain.pending_pages = domain.pending_pages, None
    if exception is not None or state is None:
        return
    path = _state_file(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _domain(env).note_read(docnames)


def setup_pages(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_read)
    app.connect("env-get-updated", env_get_updated)
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", save_state)

