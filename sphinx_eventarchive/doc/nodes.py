"""Format-neutral nodes.

Each subclasses a standard docutils node, so a builder we never heard of still
renders something sensible: Sphinx's translators dispatch on the class's MRO.
Docutils' own visitors (the ``xml`` builder's) dispatch on the class name
only, so every node here is registered with Sphinx (:data:`NODES`, wired
through :data:`sphinx_eventarchive.write.html.HANDLERS`), which gives them
docutils' generic visit. Attribute values are strings, numbers and booleans,
which every writer can serialise. HTML gets its own rendering in
:mod:`sphinx_eventarchive.write.html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from sphinx_eventarchive.core.dates import joiner, when_parts

if TYPE_CHECKING:
    from sphinx_eventarchive.core.embeds import Embed


#: The attribute a session's "not published yet" mark carries the session's id in:
#: where another write-up gives the deck or video, the page shows it instead (cards.py).
UNPUBLISHED_OF = "eventarchive_unpublished_of"


class event_node(nodes.container):
    """An event: its card (filled in at write time) and its description."""


class session_node(nodes.container):
    """A session block: heading, speakers, badges, embeds and notes."""


class session_heading(nodes.rubric):
    """A session's title; a real heading in HTML, a rubric elsewhere."""


class embed_node(nodes.container):
    """An embedded deck or video.

    Its child is a paragraph holding a plain link with the title, which is all
    non-HTML builders show; HTML puts the responsive frame before it.
    Attributes: ``kind``, ``src``, ``url``, ``ratio``, ``title``, ``host``,
    ``allowfullscreen``, ``thumbnail`` (the host's picture, "" where none is known).
    """


class tweet_node(nodes.block_quote):
    """An X post as the user pasted it: its text, then an attribution linking to the post.

    A block quote everywhere; HTML adds a consent button for X's own embed.
    Attributes: ``url`` and ``post`` (the post's id; empty when the URL was refused).
    """


class event_card(nodes.General, nodes.Element):
    """Placeholder for an event's header card.

    The card shows merged write-ups and series neighbours, which other reports
    can change, so it is rendered when the page is written (``write/cards.py``).
    """


class listing_node(nodes.General, nodes.Element):
    """Placeholder for an ``eventlist``/``sessionlist``/``reportlist``, rendered at write time."""


class html_block(nodes.General, nodes.Element):
    """Cards, a listing or share links of a document, as HTML made by the renderer the
    generated pages use too (``write/cardhtml.py``): one renderer for every HTML page.

    Only HTML builders get one (other formats get nodes, ``write/cards.py``). Its
    children are the text it shows, for what reads a doctree's text rather than its
    HTML: Sphinx's search index, page descriptions. Attribute: ``html``.
    """


class phrases_node(nodes.inline):
    """A title that a line breaks between its phrases (Japanese has no spaces to break at).

    HTML writes ``<wbr>`` between the phrases for browsers without CSS
    ``word-break: auto-phrase``; every other writer sees an inline with the text.
    """


class upcoming_node(nodes.inline):
    """The "upcoming" badge of an event still to come when the page was built.

    HTML gives it the start (``data-eventarchive-start``, a UTC instant) so that the
    reader's browser drops the badge once that has passed (``static/eventarchive.js``).
    """


class name_message(nodes.Element, addnodes.translatable):
    """An event's name as written, for the gettext builder's catalog only.

    The name becomes a record when the directive runs and is translated there
    (``read/document.translated``); this node hands the gettext builder the message
    to translate. It shows nothing: every other builder drops it before writing
    (``write/cards.ResolveArchive``).
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(message, message=message)

    def preserve_original_messages(self) -> None:
        pass  # the message is kept in the attribute

    def apply_translated_message(self, original_message: str,
                                 translated_message: str) -> None:
        pass  # the directive translated the record already

    def extract_original_messages(self) -> list[str]:
        return [self["message"]] if self["message"] else []


#: Every node the extension puts in a doctree.
NODES: tuple[type[nodes.Element], ...] = (
    event_node, session_node, session_heading, embed_node, event_card, listing_node,
    html_block, phrases_node, upcoming_node,
    tweet_node, name_message,
)


def parts_node(parts: tuple[str, ...], classes: list[str]) -> nodes.inline:
    """A date whose pieces each stay on one line (``2024年4月19日(金)`` never breaks)."""
    date = nodes.inline(classes=classes)
    for index, part in enumerate(parts):
        if index and joiner(parts[index - 1]):
            date += nodes.Text(joiner(parts[index - 1]))
        date += nodes.inline(part, part, classes=["eventarchive-nowrap"])
    return date


def date_node(start: str, end: str, language: str | None) -> nodes.inline:
    return parts_node(when_parts(start, end, language), ["eventarchive-date"])


def xref(typ: str, target: str, title: str, docname: str, classes: list[str]) -> nodes.Node:
    """A link made by the extension itself: it never warns when its target is hidden."""
    ref = addnodes.pending_xref(
        "", nodes.inline(title, title, classes=classes), refdomain="eventarchive",
        reftype=typ, reftarget=target, refexplicit=True, refdoc=docname,
        eventarchive_auto=True,
    )
    return ref


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
        host=embed.host, allowfullscreen=embed.allowfullscreen, thumbnail=embed.thumbnail,
    )
    node += link
    return node
