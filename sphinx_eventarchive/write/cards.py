"""Docutils nodes for what the archive shows: embeds, event cards and listings.

Cards and listings show data from other reports, so they are built when a page
is written (``ResolveArchive``), from the merged archive, never at read time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_eventarchive.archive.view import Archive, ArchiveEvent, Writeup, merge
from sphinx_eventarchive.core.dates import format_range
from sphinx_eventarchive.core.embeds import Embed, EmbedError, embed_for
from sphinx_eventarchive.core.text import identity
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.labels import count_label, format_label, type_label
from sphinx_eventarchive.write.nodes import embed_node, event_card, listing_node, xref

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain


def source_link(title: str, url: str, host: str = "") -> nodes.paragraph:
    """The plain link to a deck or video: under its frame, or alone when it cannot embed."""
    link = nodes.paragraph(classes=["eventarchive-embed-link"])
    link += nodes.reference(title, title, refuri=url, classes=["eventarchive-source"])
    if host:
        link += nodes.Text(f" ({host})")
    return link


def embed_nodes(embed: Embed, title: str) -> nodes.Element:
    """A frame plus a plain link for embeddable hosts; just the link otherwise."""
    link = source_link(title, embed.url, embed.host)
    if embed.kind == "link":
        return link
    node = embed_node(
        classes=["eventarchive-embed", f"eventarchive-embed-{embed.kind}"],
        kind=embed.kind, src=embed.src, url=embed.url, ratio=embed.ratio, title=title,
        host=embed.host, allowfullscreen=embed.allowfullscreen,
    )
    node += link
    return node


def when_text(start: str, end: str, language: str | None) -> str:
    try:
        return format_range(start, end, language) if start else ""
    except ValueError:
        return start


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


class Renderer:
    """Builds nodes for one page being written."""

    def __init__(self, domain: EventArchiveDomain, builder: Builder, docname: str) -> None:
        self.domain = domain
        self.archive: Archive = domain.archive
        self.builder = builder
        self.docname = docname
        self.language = domain.env.config.language

    def doc_link(self, target: Writeup, title: str) -> nodes.Node:
        return make_refnode(self.builder, self.docname, target.docname, target.anchor,
                            nodes.inline(title, title), title)

    def event_entry(self, event_id: str) -> ArchiveEvent | None:
        """The merged event; for a draft page, the event as its own write-ups say."""
        if event_id in self.archive.events:
            return self.archive.events[event_id]
        by_doc = self.domain.events.get(event_id)
        if not by_doc:
            return None
        records = [by_doc[name] for name in sorted(by_doc)]
        return ArchiveEvent(merge(records), tuple(Writeup(r.docname, r.anchor) for r in records),
                            ())

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
            links.append(_link("#" + tag, f"https://x.com/hashtag/{tag}"))
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
                self.doc_link(w, self.title_of(w.docname)) for w in others))
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

    def title_of(self, docname: str) -> str:
        title = self.domain.env.titles.get(docname)
        return title.astext() if title else docname

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
        event = entry.event
        line = nodes.paragraph(classes=["eventarchive-event-line"])
        line += xref("event", event_id, event.name, self.docname, ["eventarchive-event-name"])
        details = [when_text(event.date, event.end, self.language)]
        if event.series:
            details.append(event.series)
        if event.format:
            details.append(format_label(event.format))
        if entry.sessions:
            details.append(count_label(len(entry.sessions), "session"))
        shown = " · ".join(d for d in details if d)
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


def builder_of(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates env.app in favour of the private env._app.
    app = getattr(env, "_app", None) or env.app
    return app.builder


class ResolveArchive(SphinxPostTransform):
    """Fill in event cards and listings from the archive as it is now."""

    default_priority = 5  # before pending_xref resolution (10): cards hold xrefs

    def run(self, **kwargs: object) -> None:
        cards = list(self.document.findall(event_card))
        listings = list(self.document.findall(listing_node))
        if not cards and not listings:
            return
        domain: EventArchiveDomain = self.env.domains["eventarchive"]  # type: ignore[assignment]
        renderer = Renderer(domain, builder_of(self.env), self.env.docname)
        for card in cards:
            card.replace_self(renderer.card(card["event_id"]) or [])
        for listing in listings:
            listing.replace_self(renderer.listing(listing))


class ShowLinkTargets(SphinxPostTransform):
    """Plain-text formats drop a link's URL: write the deck's or video's address out."""

    default_priority = 20
    formats = ("text", "man")

    def run(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if "eventarchive-source" in ref["classes"] and ref.get("refuri"):
                ref.parent.insert(ref.parent.index(ref) + 1, nodes.Text(f" <{ref['refuri']}>"))
