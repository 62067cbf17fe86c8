"""Event cards and listings in documents: nodes built from the archive when a page is written.

Cards and listings show data from other reports, so they are built when a page
is written (``ResolveArchive``), never at read time. What a page shows this
way is also what :func:`rendered` hands the build state, so a page is
rewritten exactly when its cards or listings would change.

What a card says comes from :mod:`~sphinx_eventarchive.write.cardmodel`; this
module only turns it into nodes: cards for HTML-format builders, one line per
entry for every other builder (a PDF's list of events reads as a list).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_eventarchive._compat import builder_of
from sphinx_eventarchive.archive.view import Archive, ArchiveEvent, Writeup
from sphinx_eventarchive.doc.labels import media_label
from sphinx_eventarchive.doc.nodes import (
    UNPUBLISHED_OF,
    event_card,
    listing_node,
    name_message,
    parts_node,
    phrases_node,
    upcoming_node,
    xref,
)
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.cardmodel import Card, CardMaker, Piece
from sphinx_eventarchive.write.eventcard import header_card, link
from sphinx_eventarchive.write.share import share_links, share_nodes

__all__ = ["ResolveArchive", "ShowLinkTargets"]


class Renderer:
    """Builds nodes for one page being written."""

    def __init__(self, site: Site, docname: str) -> None:
        self.site = site
        self.domain = site.domain
        self.archive: Archive = site.archive
        self.builder = site.builder
        self.docname = docname
        self.language = site.config.language
        self.cards = CardMaker(site)
        #: Cards in HTML-format builders; one line per entry elsewhere.
        self.as_cards = site.kind.html
        self.shared = False

    def doc_link(self, target: Writeup, title: str, classes: list[str] | None = None,
                 ) -> nodes.Node:
        """A link to another report; plain text where this builder has no page for it."""
        inner = nodes.inline(title, title, classes=classes or [])
        try:
            return make_refnode(self.builder, self.docname, target.docname, target.anchor,
                                inner, title)
        except NoUri:  # LaTeX and Texinfo: a report outside their document tree
            return inner

    def event_entry(self, event_id: str) -> ArchiveEvent | None:
        shown = self.domain.event_shown_on(self.docname, event_id)
        return shown[0] if shown else None

    # -- pieces as nodes ------------------------------------------------------------

    def piece(self, piece: Piece) -> list[nodes.Node]:
        classes = list(piece.classes)
        if piece.kind == "date":
            return [parts_node(piece.parts, classes)]
        if piece.kind == "upcoming":
            return [upcoming_node(piece.text, piece.text, classes=classes, start=piece.start)]
        if piece.kind == "xref":
            typ, target = piece.target[:2]
            return [xref(typ, target, piece.text, self.docname, classes)]
        if piece.kind == "doc":
            return [self.doc_link(Writeup(*piece.target), piece.text, classes)]
        if piece.kind == "url":
            return [link(piece.text, piece.target[0], classes)]
        if piece.kind == "plain":
            return [nodes.Text(piece.text)]
        if piece.kind == "group":
            group = nodes.inline(classes=classes)
            for index, child in enumerate(piece.children):
                if index and piece.text:
                    group += nodes.Text(piece.text)
                group.extend(self.piece(child))
            return [group]
        return [nodes.inline(piece.text, piece.text, classes=classes)]

    def title(self, piece: Piece) -> nodes.Node:
        """A card's title, breaking between phrases, linking to what the card is about."""
        inner = phrases_node(piece.text, piece.text, classes=list(piece.classes))
        if piece.kind == "xref":
            typ, target = piece.target[:2]
            return addnodes.pending_xref(
                "", inner, refdomain="eventarchive", reftype=typ, reftarget=target,
                refexplicit=True, refdoc=self.docname, eventarchive_auto=True)
        try:
            return make_refnode(self.builder, self.docname, piece.target[0], piece.target[1],
                                inner, piece.text)
        except NoUri:
            return inner

    def card_node(self, card: Card) -> nodes.Node:
        """A card in HTML; one line (name — facts) for every other builder."""
        if not self.as_cards:
            line = nodes.paragraph(classes=[f"eventarchive-{card.kind}-line"])
            line += self.title(card.title)
            facts = [self.piece(piece) for piece in card.meta]
            if facts:
                line += nodes.Text(" — ")
                for index, found in enumerate(facts):
                    if index:
                        line += nodes.Text(" · ")
                    line.extend(found)
            return line
        box = nodes.container(classes=["eventarchive-item", *card.classes])
        heading = nodes.paragraph(classes=["eventarchive-item-title"])
        heading += self.title(card.title)
        box += heading
        meta = nodes.paragraph(classes=["eventarchive-item-meta"])
        for index, piece in enumerate(card.meta):
            if index:  # hidden by the stylesheet, which spaces the facts itself
                meta += nodes.inline(" · ", " · ", classes=["eventarchive-sep"])
            meta.extend(self.piece(piece))
        box += meta
        for cls, pieces in card.rows:
            row = nodes.paragraph(classes=["eventarchive-item-row", cls])
            row.extend(node for piece in pieces for node in self.piece(piece))
            box += row
        return box

    def card_list(self, cards: list[Card], cls: str) -> nodes.Element:
        if self.as_cards:
            box = nodes.container(classes=["eventarchive-cards", cls])
            box.extend(self.card_node(card) for card in cards)
            return box
        items = nodes.bullet_list(classes=[cls])
        for card in cards:
            items += nodes.list_item("", self.card_node(card))
        return items

    # -- the event card ---------------------------------------------------

    def card(self, event_id: str) -> list[nodes.Node]:
        return header_card(self, event_id)

    def share(self, hashtag: str = "") -> list[nodes.Node]:
        """The page's share links, once per page, on web pages only."""
        if self.shared or not self.site.kind.web or self.domain.is_draft(self.docname):
            return []  # a draft is not for sharing
        self.shared = True
        url = self.site.page_url(self.docname).partition("#")[0]
        return share_nodes(share_links(self.site.config.eventarchive_share, url,
                                       self.site.report_title(self.docname), hashtag))

    # -- listings -----------------------------------------------------------

    def listing(self, node: listing_node) -> list[nodes.Node]:
        return self.listing_of(node["kind"], dict(node["options"]))

    def listing_of(self, kind: str, options: dict[str, str]) -> list[nodes.Node]:
        shown = listing_model(self.archive, self.cards, kind, options)
        if not shown.groups:
            return self.empty(shown.empty)
        if kind != "sessionlist":
            return [self.card_list(list(shown.groups[0].cards), shown.cls)]
        out = nodes.container(classes=["eventarchive-sessionlist"])
        for group in shown.groups:
            heading = nodes.paragraph(classes=["eventarchive-group"])
            typ, target, title = group.heading
            if typ:
                heading += xref(typ, target, title, self.docname, [])
            else:
                heading += nodes.strong(title, title)
            out += heading
            out += self.card_list(list(group.cards), shown.cls)
        return [out]

    def empty(self, text: str) -> list[nodes.Node]:
        return [nodes.paragraph("", text, classes=["eventarchive-empty"])]


class ListingGroup(NamedTuple):
    #: (archive type to link to or "", its target, the text): a session list's group
    #: heading; ("", "", "") for a list without groups.
    heading: tuple[str, str, str]
    cards: tuple[Card, ...]


class ShownListing(NamedTuple):
    """What a listing shows, before it is rendered: enough to render it, and to tell
    whether it changed (the build state digests this, not the rendered nodes)."""

    cls: str
    empty: str  # what it says when nothing is selected
    groups: tuple[ListingGroup, ...]


def listing_model(archive: Archive, cards: CardMaker, kind: str, options: dict[str, str],
                  ) -> ShownListing:
    """The cards (and, for ``sessionlist``, the groups) a listing shows."""
    from sphinx_eventarchive.archive.listings import group_sessions, select_events, select_reports

    if kind == "eventlist":
        found = tuple(cards.event(event_id) for event_id in select_events(archive, options))
        return ShownListing("eventarchive-eventlist", str(_("No events yet.")),
                            (ListingGroup(("", "", ""), found),) if found else ())
    if kind == "reportlist":
        found = tuple(cards.report(docname) for docname in select_reports(archive, options))
        return ShownListing("eventarchive-reportlist", str(_("No reports yet.")),
                            (ListingGroup(("", "", ""), found),) if found else ())
    by = options.get("group-by", "event")
    groups = []
    for group in group_sessions(archive, options, cards.language):
        if by == "event" and group.key in archive.events:
            heading = ("event", group.key, group.title)
        elif by in ("speaker", "tag"):
            heading = (by, group.title, group.title)
        else:
            heading = ("", "", group.title)
        groups.append(ListingGroup(heading, tuple(
            cards.session(session_id, with_event=by != "event") for session_id in group.sessions)))
    return ShownListing("eventarchive-sessions", str(_("No sessions yet.")), tuple(groups))


def _xrefs(piece: Piece) -> Iterator[tuple[str, str]]:
    if piece.kind == "xref":
        yield piece.target[0], piece.target[1]
    for child in piece.children:
        yield from _xrefs(child)


def listing_targets(shown: ShownListing) -> Iterator[tuple[str, str]]:
    """(type, target) of every archive link a listing makes."""
    for group in shown.groups:
        if group.heading[0]:
            yield group.heading[0], group.heading[1]
        for card in group.cards:
            for piece in (card.title, *card.meta, *(p for _cls, row in card.rows for p in row)):
                yield from _xrefs(piece)


class ResolveArchive(SphinxPostTransform):
    """Fill in event cards and listings from the archive as it is now."""

    default_priority = 5  # before pending_xref resolution (10): cards hold xrefs

    def run(self, **kwargs: object) -> None:
        if self.app.builder.name != "gettext":  # names are messages for its catalog only
            for message in list(self.document.findall(name_message)):
                message.parent.remove(message)
        cards = list(self.document.findall(event_card))
        listings = list(self.document.findall(listing_node))
        site = Site(self.env, builder_of(self.env))
        link_index_pages(self.document, site)
        publish_media(self.document, site)
        if not cards and not listings:
            self.share_report(site)
            return
        renderers: dict[str, Renderer] = {}

        def renderer_for(node: nodes.Node) -> Renderer:
            # singlehtml, LaTeX and Texinfo put many reports into one doctree, and
            # mark each report's sections with its docname (sphinx.util.nodes.
            # inline_all_toctrees, which leaves the parent links of the inlined
            # nodes pointing into the report's own doctree).
            docname = next((str(parent["docname"]) for parent in _ancestors(node)
                            if isinstance(parent, (addnodes.start_of_file, nodes.section))
                            and parent.get("docname")), self.env.docname)
            if docname not in renderers:
                renderers[docname] = Renderer(site, docname)
            return renderers[docname]

        for card in cards:
            card.replace_self(renderer_for(card).card(card["event_id"]) or [])
        for listing in listings:
            listing.replace_self(renderer_for(listing).listing(listing))
        if not cards:
            self.share_report(site)

    def share_report(self, site: Site) -> None:
        """A report without an event card gets its share links at its end."""
        docname = self.env.docname
        if not site.kind.web or docname not in site.domain.reports:
            return
        bar = Renderer(site, docname).share()
        sections = [node for node in self.document.children if isinstance(node, nodes.section)]
        if bar:
            (sections[-1] if sections else self.document).extend(bar)


def published_media(site: Site, session_id: str, role: str) -> str:
    """The deck or video of a session as the archive has it (any write-up may give it)."""
    entry = site.archive.sessions.get(session_id)
    return str(getattr(entry.session, role, "")) if entry is not None else ""


def publish_media(document: nodes.document, site: Site) -> None:
    """A session's "not published yet" mark, where another write-up gives the deck or
    video, is a link to it: one answer per fact (the domain warns of the contradiction)."""
    for mark in list(document.findall(nodes.inline)):
        session_id = mark.get(UNPUBLISHED_OF)
        if not session_id:
            continue
        del mark[UNPUBLISHED_OF]
        role = "slides" if "eventarchive-mark-slides" in mark["classes"] else "video"
        url = published_media(site, session_id, role)
        if url:
            label = media_label(role)
            # Not replace_self: it would carry the mark's classes over to the link.
            mark.parent.replace(mark, link(label, url, [
                "eventarchive-mark", f"eventarchive-mark-{role}"]))


def link_index_pages(document: nodes.document, site: Site) -> None:
    """``{doc}`events/index``` and Markdown links ``[Events](events/index.md)`` to a
    generated index page: what ``{archive-page}`` would link (the pages are no
    documents, so Sphinx and MyST would warn and leave them unlinked)."""
    pages = {site.events_page: "events", site.speakers_page: "speakers", site.tags_page: "tags"}
    for ref in document.findall(addnodes.pending_xref):
        if ref.get("reftype") != "myst" and (ref.get("refdomain"), ref.get("reftype")) != (
                "std", "doc"):
            continue
        if ref.get("intersphinx"):
            continue  # {external+other:doc}: another project's page of that name
        page = page_named(str(ref["reftarget"]), str(ref.get("refdoc") or ""))
        if page in pages and not site.user_page(page):
            ref.update_all_atts({"refdomain": "eventarchive", "reftype": "page",
                                 "reftarget": pages[page]}, replace=True)


def page_named(target: str, refdoc: str) -> str:
    """The page a link's target names, relative to the page it is on: ``events/``,
    ``../events/index.md`` and ``/events/index.html`` all name ``events/index``."""
    path = target.partition("#")[0].strip()
    for suffix in (".md", ".rst", ".html", ".txt"):
        path = path.removesuffix(suffix)
    if not path:
        return ""
    if path.endswith("/"):
        path += "index"
    base = "" if path.startswith("/") else posixpath.dirname(refdoc)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/")))


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class ShowLinkTargets(SphinxPostTransform):
    """Plain-text formats drop a link's URL: write the deck's or video's address out."""

    default_priority = 20
    formats = ("text", "man")

    def run(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if "eventarchive-source" in ref["classes"] and ref.get("refuri"):
                ref.parent.insert(ref.parent.index(ref) + 1, nodes.Text(f" <{ref['refuri']}>"))
