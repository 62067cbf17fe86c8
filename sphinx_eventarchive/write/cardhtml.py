"""Cards as HTML strings, for the generated pages (events, speakers and tags).

The same markup the HTML writer gives the nodes of ``write/cards.py`` (a
``div`` of ``p`` and ``span``, resolved links as ``a.reference``), so one
stylesheet serves both; every value is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from sphinx_eventarchive.core.dates import joiner
from sphinx_eventarchive.core.embeds import Thumbnail
from sphinx_eventarchive.write.cardmodel import Card, Piece

#: Where a piece links to, from the page being written; "" for no link.
Href = Callable[[Piece], str]
#: A text cut into the phrases a line may break between (the site's language and
#: honorifics bound: ``core/phrases.phrases``, as the HTML writer asks it for documents).
Split = Callable[[str], list[str]]


def _classes(classes: Iterable[str]) -> str:
    return escape(" ".join(classes))


def phrases_html(text: str, split: Split, classes: Iterable[str] = ()) -> str:
    """A title that breaks between phrases, also where CSS cannot find them (``<wbr>``),
    marked as the HTML writer marks a document's (``visit_phrases``)."""
    classes = ("eventarchive-phrases", *classes)
    return (f'<span class="{_classes(classes)}">'
            + "<wbr />".join(escape(part) for part in split(text)) + "</span>")


def piece_html(piece: Piece, href: Href) -> str:
    cls = _classes(piece.classes)
    if piece.kind == "date":
        inner = "".join((joiner(piece.parts[index - 1]) if index else "")
                        + f'<span class="eventarchive-nowrap">{escape(part)}</span>'
                        for index, part in enumerate(piece.parts))
        return f'<span class="{cls}">{inner}</span>'
    if piece.kind == "upcoming":
        return (f'<span class="{cls}" data-eventarchive-start="{escape(piece.start)}">'
                f"{escape(piece.text)}</span>")
    if piece.kind == "url":
        return (f'<a class="reference external {cls}" href="{escape(piece.target[0])}">'
                f"{escape(piece.text)}</a>")
    if piece.kind in ("xref", "doc"):
        inner = f'<span class="{cls}">{escape(piece.text)}</span>'
        target = href(piece)
        return (f'<a class="reference internal" href="{escape(target)}">{inner}</a>'
                if target else inner)
    if piece.kind == "plain":
        return escape(piece.text)
    if piece.kind == "group":
        return (f'<span class="{cls}">'
                + escape(piece.text).join(piece_html(child, href) for child in piece.children)
                + "</span>")
    return f'<span class="{cls}">{escape(piece.text)}</span>'


def thumbnail_html(thumbnail: Thumbnail, target: str, *, consent: bool) -> str:
    """A talk's cover in a 16:9 box that says whose picture it is (the host) until, or
    unless, it loads.

    The picture repeats the title written right beside it as a link, so its ``alt`` is
    empty and its link is out of the tab order and hidden from screen readers: a reader
    hears each talk once, a pointer can still click the picture. With
    ``eventarchive_embed_consent`` the box holds no ``img`` at all (no request to the
    host before the reader agrees to one): the host's name is the placeholder.
    """
    host = f'<span class="eventarchive-thumb-host">{escape(thumbnail.host)}</span>'
    picture = "" if consent else (
        f'<img class="eventarchive-thumb-img" src="{escape(thumbnail.url)}" '
        f'width="{thumbnail.width}" height="{thumbnail.height}" alt="" loading="lazy" '
        f'decoding="async" />')
    classes = "eventarchive-thumb" + (" eventarchive-thumb-held" if consent else "")
    if not target:
        return f'<span class="{classes}">{host}{picture}</span>'
    return (f'<a class="{classes}" href="{escape(target)}" tabindex="-1" aria-hidden="true">'
            f"{host}{picture}</a>")


def card_html(card: Card, href: Href, split: Split, *, consent: bool = False) -> str:
    """A card; ``consent``: no third-party picture before the reader agrees to embeds."""
    title = phrases_html(card.title.text, split, card.title.classes)
    target = href(card.title)
    if target:
        title = f'<a class="reference internal" href="{escape(target)}">{title}</a>'
    sep = '<span class="eventarchive-sep"> · </span>'
    classes = (*card.classes, "eventarchive-has-thumb") if card.thumbnail else card.classes
    out = [f'<div class="eventarchive-item {_classes(classes)} docutils container">',
           f'<p class="eventarchive-item-title">{title}</p>',
           f'<p class="eventarchive-item-meta">'
           f'{sep.join(piece_html(piece, href) for piece in card.meta)}</p>']
    for cls, pieces in card.rows:
        out.append(f'<p class="eventarchive-item-row {_classes([cls])}">'
                   + "".join(piece_html(piece, href) for piece in pieces) + "</p>")
    if card.thumbnail:
        # Last in the markup, first on screen (CSS ``order``): the card reads title first,
        # and its first link is the title's, as on every other card.
        out.append(thumbnail_html(card.thumbnail, target, consent=consent))
    out.append("</div>")
    return "".join(out)


def cards_html(cards: Iterable[str], cls: str) -> str:
    return (f'<div class="eventarchive-cards {_classes([cls])} docutils container">'
            + "".join(cards) + "</div>")
