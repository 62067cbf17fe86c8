"""The header card of an event on the report that writes it up (the ``event`` directive's card).

What it says is decided in ``write/cardmodel.py`` (``CardMaker.header``), beside
the compact cards of listings and generated pages and from the same facts
(date, status, format, venue); this module only makes its nodes, and adds the
page's share links and the recording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_eventarchive.core.embeds import EmbedError, embed_for
from sphinx_eventarchive.doc.nodes import (
    embed_nodes,
    phrases_node,
    session_heading,
    source_link,
)
from sphinx_eventarchive.messages import _

if TYPE_CHECKING:
    from sphinx_eventarchive.write.cards import Renderer


def _field(name: str, *body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph()
    paragraph.extend(body)
    field = nodes.field()
    field += nodes.field_name(name, name)
    field += nodes.field_body("", paragraph)
    return field


def link(title: str, url: str, classes: list[str] | None = None) -> nodes.reference:
    return nodes.reference(title, title, refuri=url, classes=classes or [])


def header_card(r: Renderer, event_id: str) -> list[nodes.Node]:
    """The card at the top of an event (what it says: ``CardMaker.header``), with the
    page's share links and the recording."""
    entry = r.event_entry(event_id)
    if entry is None:
        return []
    model = r.cards.header(event_id, entry, r.docname)
    card = nodes.container(classes=list(model.classes))
    # A real heading in HTML, one level below the section the card sits in, as a session's
    # is (write/html.py): screen-reader users jump between events as between sessions.
    title = session_heading("", "", classes=["eventarchive-card-title"])
    title += phrases_node(model.name, model.name)
    for piece in model.status:
        title += nodes.Text(" ")
        title.extend(r.piece(piece))
    card += title
    fields = nodes.field_list(classes=["eventarchive-fields"])
    for field in model.fields:
        fields += _field(field.label, *(node for piece in field.pieces
                                        for node in r.piece(piece)))
    card += fields
    event = entry.event
    card.extend(r.share(event.hashtag))
    if event.video:
        card += embed(event.video, "video", str(_("Recording: %s")) % event.name)
    return [card]


def embed(url: str, role: str, title: str) -> nodes.Node:
    try:
        return embed_nodes(embed_for(url, role=role), title)
    except EmbedError:
        # The directive already warned when it read the URL.
        return source_link(title, url)

