"""The bodies of the generated pages: events, speakers and tags, as escaped HTML strings."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.core.dates import when_text, year_of
from sphinx_eventarchive.core.text import identity
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write import people
from sphinx_eventarchive.write.cards import event_details
from sphinx_eventarchive.write.labels import count_label, type_label

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_eventarchive.archive.view import Archive
    from sphinx_eventarchive.site import Site

Page = tuple[str, dict[str, Any]]

#: The page context key a generated page's own values travel in, to the social metadata.
PAGE_CONTEXT = "eventarchive_page"


class PageWriter:
    """Bodies of the generated pages, as HTML strings with every value escaped."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive: Archive = site.archive
        self.language = site.config.language
        self.events_page = site.events_page
        self.speakers_page = site.speakers_page
        self.tags_page = site.tags_page

    # links ------------------------------------------------------------------

    def href(self, pagename: str, target: str, anchor: str = "") -> str:
        return self.site.href(pagename, target, anchor)

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
        return self.a(pagename, self.site.speaker_page(key), self.archive.speakers[key].name)

    def tag_link(self, pagename: str, key: str) -> str:
        tag = self.archive.tags[key]
        return self.a(pagename, self.site.tag_page(key), tag.name,
                      cls="reference internal eventarchive-tag")

    # pages ------------------------------------------------------------------

    def pagenames(self) -> list[str]:
        """The names of :meth:`pages`, in the same order, without rendering them."""
        return [self.events_page, self.speakers_page,
                *(self.site.speaker_page(key) for key in self.archive.speakers),
                self.tags_page, *(self.site.tag_page(key) for key in self.archive.tags)]

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
            PAGE_CONTEXT: {"kind": kind, "title": title, "description": description},
        }

    def event_line(self, pagename: str, event_id: str) -> str:
        shown = " · ".join(event_details(self.archive, self.archive.events[event_id],
                                         self.language))
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
        return people.speakers_index(self)

    def speaker(self, key: str) -> Page:
        return people.speaker(self, key)

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
        reports = [self.a(pagename, w.docname, self.site.report_title(w.docname), w.anchor)
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
        pagename = self.site.tag_page(key)
        body = []
        if tag.reports:
            body.append(f"<h2>{escape(str(_('Reports')))}</h2><ul>")
            reports = sorted(tag.reports, key=lambda d: (self.archive.reports[d].date, d),
                             reverse=True)
            body.extend(f"<li>{self.a(pagename, d, self.site.report_title(d))}</li>"
                        for d in reports)
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
