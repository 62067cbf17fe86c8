"""Event cards and listings: nodes built from the merged archive when a page is written.

Cards and listings show data from other reports, so they are built when a page
is written (``ResolveArchive``), never at read time. What a page shows this
way is also what :func:`rendered` hands the build state, so a page is
rewritten exactly when its cards or listings would change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_eventarchive._compat import builder_of
from sphinx_eventarchive.archive.view import Archive, ArchiveEvent, Writeup
from sphinx_eventarchive.core.dates import when_text
from sphinx_eventarchive.core.embeds import EmbedError, embed_for
from sphinx_eventarchive.core.text import identity
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.site import Site
from sphinx_eventarchive.write.labels import count_label, format_label, type_label
from sphinx_eventarchive.write.nodes import embed_nodes, event_card, listing_node, source_link, xref


def _field(name: str, *body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph()
    paragraph.extend(body)
    field = nodes.field()
    field += nodes.field_name(name, name)
    field += nodes.field_body("", paragraph)
    return field


def _joined(items: Iterable[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(separator))
        out.append(item)
    return out


def _link(title: str, url: str, classes: list[str] | None = None) -> nodes.reference:
    return nodes.reference(title, title, refuri=url, classes=classes or [])


def event_details(archive: Archive, entry: ArchiveEvent, language: str | None) -> list[str]:
    """What a one-line event entry says after the name, wherever it is listed."""
    event = entry.event
    details = [when_text(event.date, event.end, language), event.series,
               format_label(event.format) if event.format else "",
               count_label(len(entry.sessions), "session") if entry.sessions else ""]
    return [detail for detail in details if detail]


class Renderer:
    """Builds nodes for one page being written."""

    def __init__(self, site: Site, docname: str) -> None:
        self.site = site
        self.domain = site.domain
        self.archive: Archive = site.archive
        self.builder = site.builder
        self.docname = docname
        self.language = site.config.language

    def doc_link(self, target: Writeup, title: str) -> nodes.Node:
        """A link to another report; plain text where this builder has no page for it."""
        try:
            return make_refnode(self.builder, self.docname, target.docname, target.anchor,
                                nodes.inline(title, title), title)
        except NoUri:  # LaTeX and Texinfo: a report outside their document tree
            return nodes.inline(title, title)

    def event_entry(self, event_id: str) -> ArchiveEvent | None:
        shown = self.domain.event_shown_on(self.docname, event_id)
        return shown[0] if shown else None

    # -- the event card ---------------------------------------------------

    def card(self, event_id: str) -> list[nodes.Node]:
        entry = self.event_entry(event_id)
        if entry is None:
            return []
        event = entry.event
        card = nodes.container(classes=["eventarchive-card"])
        title = nodes.paragraph(classes=["eventarchive-card-title"])
        title += nodes.strong(event.name, event.name)
        card += title
        fields = nodes.field_list(classes=["eventarchive-fields"])
        if event.date:
            fields += _field(str(_("Date")), nodes.inline(
                "", when_text(event.date, event.end, self.language), classes=["eventarchive-when"]))
        place = ", ".join(part for part in (event.venue, event.location) if part)
        if place:
            fields += _field(str(_("Venue")), nodes.Text(place))
        if event.format:
            label = format_label(event.format)
            badge = ["eventarchive-badge", f"eventarchive-format-{event.format}"]
            fields += _field(str(_("Format")), nodes.inline(label, label, classes=badge))
        if entry.sessions:
            fields += _field(str(_("Sessions")), nodes.Text(str(len(entry.sessions))))
        links = []
        if event.url:
            links.append(_link(str(_("Event page")), event.url))
        if event.hashtag:
            tag = event.hashtag.lstrip("#")
            links.append(_link("#" + tag, f"https://x.com/hashtag/{quote(tag, safe='')}"))
        if links:
            fields += _field(str(_("Links")), *_joined(links, " · "))
        if event.tags:
            fields += _field(str(_("Tags")), *_joined(
                xref("tag", t, t, self.docname, ["eventarchive-tag"]) for t in event.tags))
        if event.series:
            fields += _field(str(_("Series")), *self.series_nav(event_id, event.series))
        others = [w for w in entry.writeups if w.docname != self.docname]
        if others:
            fields += _field(str(_("Other reports")), *_joined(
                self.doc_link(w, self.site.report_title(w.docname)) for w in others))
        card += fields
        if event.video:
            card += self.embed(event.video, "video", str(_("Recording: %s")) % event.name)
        return [card]

    def series_nav(self, event_id: str, series: str) -> list[nodes.Node]:
        out: list[nodes.Node] = [nodes.Text(series)]
        before, after = self.archive.series_neighbours(event_id)
        for label, neighbour, cls in ((_("Previous"), before, "prev"), (_("Next"), after, "next")):
            if neighbour:
                name = self.archive.events[neighbour].event.name
                out.append(nodes.Text(" · "))
                out.append(nodes.inline("", f"{label}: ", classes=[f"eventarchive-series-{cls}"]))
                out.append(xref("event", neighbour, name, self.docname, []))
        return out

    def speaker_name(self, name: str) -> str:
        """The archive's spelling of a speaker (the one most write-ups use)."""
        speaker = self.archive.speakers.get(identity(name))
        return speaker.name if speaker else name

    def embed(self, url: str, role: str, title: str) -> nodes.Node:
        try:
            return embed_nodes(embed_for(url, role=role), title)
        except EmbedError:
            # The directive already warned when it read the URL.
            return source_link(title, url)

    # -- listings -----------------------------------------------------------

    def listing(self, node: listing_node) -> list[nodes.Node]:
        return self.listing_of(node["kind"], dict(node["options"]))

    def listing_of(self, kind: str, options: dict[str, str]) -> list[nodes.Node]:
        if kind == "eventlist":
            return self.eventlist(options)
        return self.sessionlist(options)

    def eventlist(self, options: dict[str, str]) -> list[nodes.Node]:
        from sphinx_eventarchive.write.listings import select_events

        event_ids = select_events(self.archive, options)
        items = nodes.bullet_list(classes=["eventarchive-eventlist"])
        for event_id in event_ids:
            items += nodes.list_item("", self.event_line(event_id))
        if not event_ids:
            return [nodes.paragraph("", str(_("No events yet.")), classes=["eventarchive-empty"])]
        return [items]

    def event_line(self, event_id: str) -> nodes.paragraph:
        entry = self.archive.events[event_id]
        line = nodes.paragraph(classes=["eventarchive-event-line"])
        line += xref("event", event_id, entry.event.name, self.docname,
                     ["eventarchive-event-name"])
        shown = " · ".join(event_details(self.archive, entry, self.language))
        if shown:
            line += nodes.Text(" — " + shown)
        return line

    def session_line(self, session_id: str, *, with_event: bool = True) -> nodes.paragraph:
        session = self.archive.sessions[session_id].session
        line = nodes.paragraph(classes=["eventarchive-session-line"])
        line += xref("session", session_id, session.title, self.docname, [])
        if session.speakers:
            line += nodes.Text(" — ")
            line.extend(_joined(
                xref("speaker", s.name, self.speaker_name(s.name), self.docname,
                     ["eventarchive-speaker"])
                for s in session.speakers))
        extra = []
        if session.type != "talk":
            extra.append(type_label(session.type))
        if with_event and session.event in self.archive.events:
            event = self.archive.events[session.event].event
            extra.append(event.name)
        if extra:
            line += nodes.Text(" (" + ", ".join(extra) + ")")
        return line

    def sessionlist(self, options: dict[str, str]) -> list[nodes.Node]:
        from sphinx_eventarchive.write.listings import group_sessions

        groups = group_sessions(self.archive, options, self.language)
        if not groups:
            return [nodes.paragraph("", str(_("No sessions yet.")),
                                    classes=["eventarchive-empty"])]
        out = nodes.container(classes=["eventarchive-sessionlist"])
        by = options.get("group-by", "event")
        for group in groups:
            heading = nodes.paragraph(classes=["eventarchive-group"])
            if by == "event" and group.key in self.archive.events:
                heading += xref("event", group.key, group.title, self.docname, [])
            elif by == "speaker":
                heading += xref("speaker", group.title, group.title, self.docname, [])
            elif by == "tag":
                heading += xref("tag", group.title, group.title, self.docname, [])
            else:
                heading += nodes.strong(group.title, group.title)
            out += heading
            items = nodes.bullet_list()
            for session_id in group.sessions:
                items += nodes.list_item("", self.session_line(session_id,
                                                               with_event=by != "event"))
            out += items
        return [out]


class ResolveArchive(SphinxPostTransform):
    """Fill in event cards and listings from the archive as it is now."""

    default_priority = 5  # before pending_xref resolution (10): cards hold xrefs

    def run(self, **kwargs: object) -> None:
        cards = list(self.document.findall(event_card))
        listings = list(self.document.findall(listing_node))
        if not cards and not listings:
            return
        site = Site(self.env, builder_of(self.env))
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


def rendered(site: Site, docname: str) -> Iterator[str]:
    """What a report's cards, listings and session links show, for the build state.

    Pending cross-references only name their targets, so where each one
    resolves to is part of what is shown.
    """
    renderer = Renderer(site, docname)
    found: list[nodes.Node] = []
    for event in site.domain.events_on(docname):
        found.extend(renderer.card(event.id))
    for listing in site.domain.listings.get(docname, ()):
        found.extend(renderer.listing_of(listing.kind, dict(listing.options)))
    for node in found:
        yield node.pformat()
    targets = [(ref["reftype"], ref["reftarget"]) for node in found
               for ref in node.findall(addnodes.pending_xref)]
    for session in site.domain.sessions_on(docname):
        targets.extend(("speaker", speaker.name) for speaker in session.speakers)
        targets.extend(("tag", tag) for tag in session.tags)
    for typ, target in targets:
        yield repr(site.domain.target(typ, target, site.builder))
