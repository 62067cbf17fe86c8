"""The bodies of the generated pages: events, speakers and tags, as escaped HTML strings.

A page is planned before it is made, so that an edit makes only the pages it
changes (``write/pages.py``): :meth:`PageWriter.plan` names each page with the
archive keys it shows (``archive/freshness.py``) and a way to make it; the
page writer digests the keys, compares the digest with the one it wrote the
page from, and makes only the pages whose digest changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_eventarchive.archive.freshness import speaker_shows, tag_shows
from sphinx_eventarchive.core.dates import year_of
from sphinx_eventarchive.doc.labels import count_label
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write import people as people_pages
from sphinx_eventarchive.write.cardhtml import card_html, cards_html, link_html, phrases_html
from sphinx_eventarchive.write.cardmodel import Card, CardMaker
from sphinx_eventarchive.write.links import Links
from sphinx_eventarchive.write.paging import IndexPart, index_parts, part_pages

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_eventarchive.archive.freshness import Key
    from sphinx_eventarchive.archive.view import Archive
    from sphinx_eventarchive.site import Site

Page = tuple[str, dict[str, Any]]

#: The page context key a generated page's own values travel in, to the social metadata.
PAGE_CONTEXT = "eventarchive_page"
ROBOTS_NOINDEX = '<meta name="robots" content="noindex" />'


class PagePlan(NamedTuple):
    """A generated page before it is made: its name, what it shows, how to make it."""

    pagename: str
    shows: tuple[Key, ...]
    make: Callable[[], Page]


class PageWriter:
    """Bodies of the generated pages, as HTML strings with every value escaped."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive: Archive = site.archive
        self.language = site.config.language
        self.split = site.split
        self.links = Links(site)
        self.events_page = site.events_page
        self.speakers_page = site.speakers_page
        self.tags_page = site.tags_page
        self.cards = CardMaker(site)
        self._report_order: dict[str, int] | None = None

    # links ------------------------------------------------------------------

    def href(self, pagename: str, target: str, anchor: str = "") -> str:
        return self.site.href(pagename, target, anchor)

    def a(self, pagename: str, target: str, text: str, anchor: str = "",
          classes: tuple[str, ...] = ()) -> str:
        return link_html(self.href(pagename, target, anchor), escape(text), external=False,
                         classes=classes)

    def speaker_link(self, pagename: str, key: str) -> str:
        return self.a(pagename, self.site.speaker_page(key), self.archive.speakers[key].name)

    def tag_link(self, pagename: str, key: str) -> str:
        tag = self.archive.tags[key]
        return self.a(pagename, self.site.tag_page(key), tag.name,
                      classes=("eventarchive-tag",))

    # pages ------------------------------------------------------------------

    def pagenames(self) -> list[str]:
        """The names of the pages of :meth:`plan`, in the same order, without planning them."""
        return [self.events_page,
                *dict.fromkeys([self.speakers_page,
                                *(part.pagename for part in self.speaker_parts)]),
                *(self.site.speaker_page(key) for key in self.archive.speakers),
                *dict.fromkeys([self.tags_page, *(part.pagename for part in self.tag_parts)]),
                *(self.site.tag_page(key) for key in self.archive.tags)]

    def plan(self) -> Iterator[PagePlan]:
        """Every generated page with the archive keys it shows, in :meth:`pagenames`'s order;
        nothing is made until a page's ``make`` is called."""
        archive = self.archive
        yield PagePlan(self.events_page, tuple(("event", e) for e in sorted(archive.events)),
                       self.events_index)
        people = tuple(("person-entry", key) for key in archive.speakers)
        yield from self._family(self.speakers_page, self.speaker_parts, people,
                                lambda: people_pages.speaker_index_pages(self))
        for key in archive.speakers:
            yield PagePlan(self.site.speaker_page(key), speaker_shows(archive, key),
                           functools.partial(self.speaker, key))
        tags = tuple(("tag-entry", key) for key in archive.tags)
        yield from self._family(self.tags_page, self.tag_parts, tags, self.tag_index_pages)
        for key in archive.tags:
            yield PagePlan(self.site.tag_page(key), tag_shows(archive, key),
                           functools.partial(self.tag, key))

    @staticmethod
    def _family(index_page: str, parts: list[IndexPart], shows: tuple[Key, ...],
                make_all: Callable[[], Iterator[Page]]) -> Iterator[PagePlan]:
        """An index and its pages per initial: each shows every entry (the initials and
        their counts are on all of them), and they are made together."""
        made: dict[str, dict[str, Any]] = {}

        def make(pagename: str) -> Page:
            if not made:
                made.update(make_all())
            return pagename, made[pagename]

        for pagename in dict.fromkeys([index_page, *(part.pagename for part in parts)]):
            yield PagePlan(pagename, shows, functools.partial(make, pagename))

    def pages(self) -> Iterator[Page]:
        """Every generated page, made."""
        for planned in self.plan():
            yield planned.make()

    def page(self, pagename: str, kind: str, title: str, description: str,
             body: list[str], *, noindex: bool = False) -> Page:
        """A page's context; ``noindex``: kept out of search engines and of whatever
        indexes generated pages (the site's search, the sitemap)."""
        html = "\n".join([f'<section class="eventarchive-page eventarchive-{kind}">',
                          f"<h1>{phrases_html(title, self.split)}</h1>", *body, "</section>"])
        own: dict[str, Any] = {"kind": kind, "title": title, "description": description}
        context: dict[str, Any] = {"title": escape(title), "body": html, PAGE_CONTEXT: own}
        if noindex:
            own["noindex"] = True
            context["metatags"] = ROBOTS_NOINDEX
        return pagename, context

    # cards ------------------------------------------------------------------

    def card(self, pagename: str, card: Card) -> str:
        return card_html(card, functools.partial(self.links.href, pagename), self.split,
                         consent=bool(self.site.config.eventarchive_embed_consent))

    def event_card(self, pagename: str, event_id: str) -> str:
        """An event as a card: date, status, format, venue, series, sessions."""
        return self.card(pagename, self.cards.event(event_id))

    def session_card(self, pagename: str, session_id: str, *, with_event: bool = True,
                     with_thumbnail: bool = False) -> str:
        """A session as a card: type, speakers (affiliation at the time), event, date,
        slides and video; for speaker pages (``write/people.py``, with the talk's
        thumbnail) and tag pages."""
        return self.card(pagename, self.cards.session(session_id, with_event=with_event,
                                                      with_thumbnail=with_thumbnail))

    def report_card(self, pagename: str, docname: str) -> str:
        return self.card(pagename, self.cards.report(docname))

    def session_item(self, pagename: str, session_id: str, affiliation: str = "") -> str:
        """A talk's card, with its thumbnail, as an item of a ``<ul>`` (the speaker page's
        grid).

        ``affiliation`` is kept for callers: the card shows each speaker's own at the time.
        """
        return f"<li>{self.session_card(pagename, session_id, with_thumbnail=True)}</li>"

    # pages ------------------------------------------------------------------

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
                    f"{escape(year)}</a>"
                    f'<span class="eventarchive-yearbar-bar eventarchive-w{width}"></span>'
                    f'<span class="eventarchive-count">'
                    f"{escape(count_label(len(ids), 'event'))}</span></li>")
            body.append("</ul>")
        else:
            body.append(f"<p>{escape(str(_('No events yet.')))}</p>")
        for year, ids in by_year.items():
            body.append(f'<h2 id="year-{escape(year)}">{escape(year)}</h2>')
            body.append(cards_html((self.event_card(pagename, event_id) for event_id in ids),
                                   "eventarchive-eventlist"))
        total = count_label(len(self.archive.events), "event")
        return self.page(pagename, "events", str(_("Events")), total, body)

    def speakers_index(self) -> Page:
        return people_pages.speakers_index(self)

    def speaker(self, key: str) -> Page:
        return people_pages.speaker(self, key)

    @functools.cached_property
    def speaker_parts(self) -> list[IndexPart]:
        """The speakers index's parts (``write/people.py``), once: :meth:`pagenames` and
        :meth:`pages` both ask."""
        return people_pages.speaker_parts(self)

    @functools.cached_property
    def tag_parts(self) -> list[IndexPart]:
        """The tags by initial, as the speakers are; split by initial at a thousand tags."""
        from sphinx_eventarchive.core.kana import place
        from sphinx_eventarchive.write.people import group_label

        kana_first = (self.language or "").split("_")[0].split("-")[0] == "ja"
        placed = sorted((place(tag.name, kana_first=kana_first), key)
                        for key, tag in self.archive.tags.items())
        groups: dict[str, list[str]] = {}
        for where, key in placed:
            groups.setdefault(group_label(where.group.label), []).append(key)
        return index_parts(self.tags_page, list(groups.items()))

    def tag_index_pages(self) -> Iterator[Page]:
        """The tags index: one page, or a page per initial."""
        parts = self.tag_parts
        most = max((tag.total for tag in self.archive.tags.values()), default=1)

        def entries(pagename: str, part: IndexPart) -> list[str]:
            out = ['<ul class="eventarchive-tagcloud">']
            for key in part.keys:
                tag = self.archive.tags[key]
                size = 1 + round(4 * (tag.total - 1) / max(1, most - 1))
                out.append(f'<li class="eventarchive-size{size}">{self.tag_link(pagename, key)}'
                           f' <span class="eventarchive-count">({tag.total})</span></li>')
            out.append("</ul>")
            return out

        total = str(_("%d tags")) % len(self.archive.tags)
        yield from part_pages(self, self.tags_page, "tags", str(_("Tags")), total, parts,
                              entries)

    def tag(self, key: str) -> Page:
        tag = self.archive.tags[key]
        pagename = self.site.tag_page(key)
        body = []
        if tag.reports:
            body.append(f"<h2>{escape(str(_('Reports')))}</h2>")
            body.append(cards_html((self.report_card(pagename, d) for d in self.newest(
                tag.reports)), "eventarchive-reportlist"))
        if tag.events:
            body.append(f"<h2>{escape(str(_('Events')))}</h2>")
            body.append(cards_html((self.event_card(pagename, e) for e in tag.events),
                                   "eventarchive-eventlist"))
        if tag.sessions:
            body.append(f"<h2>{escape(str(_('Sessions')))}</h2>")
            body.append(cards_html((self.session_card(pagename, s) for s in tag.sessions),
                                   "eventarchive-sessions"))
        body.append(f'<p><a href="{escape(self.href(pagename, self.tags_page))}">'
                    f"{escape(str(_('All tags')))}</a></p>")
        title = str(_("Tag: %s")) % tag.name
        description = str(_("%(count)d entries tagged %(tag)s")) % {"count": tag.total,
                                                                   "tag": tag.name}
        return self.page(pagename, "tag", title, description, body)

    def newest(self, docnames: tuple[str, ...]) -> list[str]:
        """Reports newest first by publication date, as ``reportlist`` orders them."""
        if self._report_order is None:  # once per build, not once per tag page
            self._report_order = {name: n for n, (name, _when)
                                  in enumerate(self.archive.reports_newest_first())}
        order = self._report_order
        return sorted(docnames, key=lambda name: order.get(name, len(order)))
