"""The bodies of the generated pages: events, speakers and tags, as escaped HTML strings.

A page is made in two steps, so that an edit renders only the pages it changes
(``write/pages.py``). :meth:`PageWriter.pages` gives each body with a mark
where each costly part goes (a card, the share links: :meth:`PageWriter.later`)
and, beside it, what each part is made from. That is cheap, and a digest of it
(the marked body, and each card's model with where its links go:
:meth:`PageWriter.card_digest`) says whether the page changed. Only a page
that did gets its parts rendered (:meth:`PageWriter.fill`), which is most of a
page's cost: a speaker page is mostly session cards.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_eventarchive.archive.state import digest
from sphinx_eventarchive.core.dates import year_of
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write import people
from sphinx_eventarchive.write.cardhtml import card_html, cards_html, phrases_html
from sphinx_eventarchive.write.cardmodel import Card, CardMaker, Piece
from sphinx_eventarchive.write.labels import count_label
from sphinx_eventarchive.write.paging import IndexPart, index_parts, part_pages

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_eventarchive.archive.view import Archive
    from sphinx_eventarchive.site import Site

Page = tuple[str, dict[str, Any]]

#: The page context key a generated page's own values travel in, to the social metadata.
PAGE_CONTEXT = "eventarchive_page"
#: The page context key a page's parts left for later travel in, to :meth:`PageWriter.fill`.
PAGE_LATER = "eventarchive_later"
#: Where such a part stands in a body until it is rendered: an HTML comment, which no
#: value of a user's can spell, since every value is escaped.
LATER_MARK = "<!--eventarchive-later-->"


class Later(NamedTuple):
    """A part of a page rendered only if the page changed (a card, the share links)."""

    facts: Callable[[], str]  # all its HTML is made from but the page: for the digest
    render: Callable[[str], str]  # its HTML on a page


class PageWriter:
    """Bodies of the generated pages, as HTML strings with every value escaped."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.archive: Archive = site.archive
        self.language = site.config.language
        self.events_page = site.events_page
        self.speakers_page = site.speakers_page
        self.tags_page = site.tags_page
        self.cards = CardMaker(site)
        self._page_parts: list[Later] = []  # of the page being made
        self._card_digests: dict[tuple[str, ...], str] = {}
        self._report_order: dict[str, int] | None = None

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
        return [self.events_page,
                *dict.fromkeys([self.speakers_page,
                                *(part.pagename for part in self.speaker_parts)]),
                *(self.site.speaker_page(key) for key in self.archive.speakers),
                *dict.fromkeys([self.tags_page, *(part.pagename for part in self.tag_parts)]),
                *(self.site.tag_page(key) for key in self.archive.tags)]

    def pages(self) -> Iterator[Page]:
        yield self.events_index()
        yield from people.speaker_index_pages(self)
        for key in self.archive.speakers:
            yield self.speaker(key)
        yield from self.tag_pages()

    def page(self, pagename: str, kind: str, title: str, description: str,
             body: list[str]) -> Page:
        html = "\n".join([f'<section class="eventarchive-page eventarchive-{kind}">',
                          f"<h1>{phrases_html(title)}</h1>", *body, "</section>"])
        parts, self._page_parts = self._page_parts, []  # left for later in this body
        return pagename, {
            "title": escape(title), "body": html, PAGE_LATER: parts,
            PAGE_CONTEXT: {"kind": kind, "title": title, "description": description},
        }

    # cards ------------------------------------------------------------------

    def link_target(self, piece: Piece) -> tuple[str, str] | None:
        """(docname, anchor) a card's piece links to, whatever page it is on; None for none."""
        if piece.kind == "doc":
            return piece.target[0], piece.target[1]
        if piece.kind != "xref":
            return None
        typ, target = piece.target[:2]
        if typ == "speaker" and len(piece.target) > 2:  # the person's key: no name to look up
            key = piece.target[2]
            return (self.site.speaker_page(key), "") if key in self.archive.speakers else None
        found = self.site.domain.target(typ, target, self.site.builder)
        return (found[0], found[1]) if found and found[0] else None

    def piece_href(self, pagename: str, piece: Piece) -> str:
        """Where a card's link goes from this page; "" where there is no page for it."""
        found = self.link_target(piece)
        return self.href(pagename, *found) if found else ""

    def later(self, facts: Callable[[], str], render: Callable[[str], str]) -> str:
        """A part of the body being made that is rendered only if the page changed.

        ``facts()`` says all that the part's HTML is made from but the page it is on;
        ``render(pagename)`` makes that HTML. :meth:`fill` renders it at the mark.
        """
        self._page_parts.append(Later(facts, render))
        return LATER_MARK

    def card(self, what: tuple[str, ...], make: Callable[[], Card]) -> str:
        """A card's place in the body being made; the card is made only when needed, and
        once (for its digest, then its HTML)."""
        made: list[Card] = []

        def card() -> Card:
            if not made:
                made.append(make())
            return made[0]

        def render(pagename: str) -> str:
            return card_html(card(), lambda piece: self.piece_href(pagename, piece))

        return self.later(lambda: self.card_digest(what, card), render)

    def card_digest(self, what: tuple[str, ...], make: Callable[[], Card]) -> str:
        """What a card shows and where its links go (all that its HTML is made from, but
        the page it is on); once per card and build, however many pages show it."""
        found = self._card_digests.get(what)
        if found is None:
            card = make()
            targets = [self.link_target(piece) for piece in _linking(card)]
            found = self._card_digests[what] = digest(repr(card), repr(targets))
        return found

    @staticmethod
    def facts(parts: list[Later]) -> list[str]:
        """What the parts left for later show, for the page's digest."""
        return [part.facts() for part in parts]

    @staticmethod
    def fill(pagename: str, body: str, parts: list[Later]) -> str:
        """A body with its parts rendered in place of their marks."""
        pieces = body.split(LATER_MARK)
        out = [pieces[0]]
        for part, after in zip(parts, pieces[1:], strict=True):
            out.append(part.render(pagename))
            out.append(after)
        return "".join(out)

    def event_card(self, pagename: str, event_id: str) -> str:
        """An event as a card: date, status, format, venue, series, sessions."""
        return self.card(("event", event_id), lambda: self.cards.event(event_id))

    def session_card(self, pagename: str, session_id: str, *, with_event: bool = True) -> str:
        """A session as a card: type, speakers (affiliation at the time), event, date,
        slides and video; for speaker pages (``write/people.py``) and tag pages."""
        return self.card(("session", session_id, "event" if with_event else ""),
                         lambda: self.cards.session(session_id, with_event=with_event))

    def report_card(self, pagename: str, docname: str) -> str:
        return self.card(("report", docname), lambda: self.cards.report(docname))

    def session_item(self, pagename: str, session_id: str, affiliation: str = "") -> str:
        """A session card as an item of a ``<ul>`` (the speaker page's list).

        ``affiliation`` is kept for callers: the card shows each speaker's own.
        """
        return f"<li>{self.session_card(pagename, session_id)}</li>"

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
        return people.speakers_index(self)

    def speaker(self, key: str) -> Page:
        return people.speaker(self, key)

    @functools.cached_property
    def speaker_parts(self) -> list[IndexPart]:
        """The speakers index's parts (``write/people.py``), once: :meth:`pagenames` and
        :meth:`pages` both ask."""
        return people.speaker_parts(self)

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

    def tag_pages(self) -> Iterator[Page]:
        """The tags index (one page, or a page per initial) and a page per tag."""
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
        for key in self.archive.tags:
            yield self.tag(key)

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


def _linking(card: Card) -> Iterator[Piece]:
    """Every piece of a card that may be a link, the title first, in order."""
    pending = [card.title, *card.meta, *(piece for _cls, row in card.rows for piece in row)]
    while pending:
        piece = pending.pop(0)
        if piece.kind in ("xref", "doc"):
            yield piece
        pending[:0] = piece.children
