"""Event cards, listings and share links in documents, made when a page is written.

Cards and listings show data from other reports, so they are built when a page
is written (``ResolveArchive``), never at read time; which pages they make
stale is the freshness digests' business (``archive/freshness.py``).

What a card says comes from :mod:`~sphinx_eventarchive.write.cardmodel`. HTML
builders get listings and share links from the renderer the generated pages
use (``write/cardhtml.py``, in an ``html_block``); every other builder gets one
line per entry as nodes (a PDF's list of events reads as a list). The event's
header card, on its report only, is nodes (``write/eventcard.py``).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterator

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
    html_block,
    listing_node,
    name_message,
    parts_node,
    phrases_node,
    upcoming_node,
    xref,
)
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.cardhtml import listing_html
from sphinx_eventarchive.write.cardmodel import Card, CardMaker, Piece
from sphinx_eventarchive.write.eventcard import header_card, link
from sphinx_eventarchive.write.links import Links
from sphinx_eventarchive.write.listingmodel import ShownListing, listing_model
from sphinx_eventarchive.write.share import share_html, share_links

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
        self.links = Links(site)
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

    def card_line(self, card: Card) -> nodes.Node:
        """A card outside HTML: one line, its name — its facts."""
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

    def card_list(self, cards: tuple[Card, ...], cls: str) -> nodes.Element:
        items = nodes.bullet_list(classes=[cls])
        for card in cards:
            items += nodes.list_item("", self.card_line(card))
        return items

    def html(self, html: str, text: str) -> html_block:
        """HTML of the one card renderer; ``text``: what it says, for text readers."""
        block = html_block("", html=html)
        if text:
            block += nodes.Text(text)
        return block

    # -- the event card ---------------------------------------------------

    def card(self, event_id: str) -> list[nodes.Node]:
        return header_card(self, event_id)

    def share(self, hashtag: str = "") -> list[nodes.Node]:
        """The page's share links, once per page, on web pages only."""
        if self.shared or not self.site.kind.web or self.domain.is_draft(self.docname):
            return []  # a draft is not for sharing
        self.shared = True
        url = self.site.page_url(self.docname).partition("#")[0]
        found = share_links(self.site.config.eventarchive_share, url,
                            self.site.report_title(self.docname), hashtag)
        return [self.html(share_html(found), "")] if found else []

    # -- listings -----------------------------------------------------------

    def listing(self, node: listing_node) -> list[nodes.Node]:
        return self.listing_of(node["kind"], dict(node["options"]))

    def listing_of(self, kind: str, options: dict[str, str]) -> list[nodes.Node]:
        shown = listing_model(self.archive, self.cards, kind, options)
        if self.as_cards:
            return [self.html(listing_html(
                shown, functools.partial(self.links.href, self.docname), self.site.split,
                consent=bool(self.site.config.eventarchive_embed_consent)), listing_text(shown))]
        if not shown.groups:
            return [nodes.paragraph("", shown.empty, classes=["eventarchive-empty"])]
        if kind != "sessionlist":
            return [self.card_list(shown.groups[0].cards, shown.cls)]
        out = nodes.container(classes=["eventarchive-sessionlist"])
        for group in shown.groups:
            heading = nodes.paragraph(classes=["eventarchive-group"])
            typ, target, title = group.heading
            if typ:
                heading += xref(typ, target, title, self.docname, [])
            else:
                heading += nodes.strong(title, title)
            out += heading
            out += self.card_list(group.cards, shown.cls)
        return [out]


def listing_text(shown: ShownListing) -> str:
    """What a listing says, as words (for Sphinx's search index, which reads doctrees)."""
    if not shown.groups:
        return shown.empty
    words = []
    for group in shown.groups:
        words.append(group.heading[2])
        for card in group.cards:
            words.append(card.title.text)
            words.extend(piece.plain() for piece in card.meta)
            words.extend(piece.plain() for _cls, row in card.rows for piece in row)
    return " ".join(word for word in words if word)


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
