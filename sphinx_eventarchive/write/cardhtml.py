"""Cards as HTML: the one renderer of cards and listings for every HTML page.

The generated pages (events, speakers and tags) are written from these strings,
and so are the listings and share links of documents in HTML builders
(``write/cards.py`` hands them to the HTML writer in an ``html_block`` node);
other formats get one line per entry from ``write/cards.py``. Links are
``a.reference`` as the HTML writer makes them, so themes style them as theirs;
every value is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from sphinx_eventarchive.core.dates import joiner
from sphinx_eventarchive.core.embeds import Thumbnail
from sphinx_eventarchive.core.phrases import has_cjk
from sphinx_eventarchive.write.cardmodel import Card, Piece
from sphinx_eventarchive.write.listingmodel import ShownListing

#: Where a piece links to, from the page being written; "" for no link.
Href = Callable[[Piece], str]
#: A text cut into the phrases a line may break between (the site's language and
#: honorifics bound: ``core/phrases.phrases``, as the HTML writer asks it for documents).
Split = Callable[[str], list[str]]


def _classes(classes: Iterable[str]) -> str:
    return escape(" ".join(classes))


def link_html(href: str, inner: str, *, external: bool, classes: Iterable[str] = (),
              **attributes: str) -> str:
    """A link as Sphinx's HTML writer marks one (``a.reference.internal`` or
    ``.external``: themes style links by these classes). ``inner`` is HTML, escaped
    already; ``href`` and the attributes are escaped here (``rel_`` stands for ``rel``)."""
    kind = "external" if external else "internal"
    extra = "".join(f' {name.rstrip("_")}="{escape(value)}"' for name, value in attributes.items())
    return (f'<a class="{_classes(("reference", kind, *classes))}" href="{escape(href)}"'
            f"{extra}>{inner}</a>")


def phrases_html(text: str, split: Split, classes: Iterable[str] = ()) -> str:
    """A title that breaks between phrases, also where CSS cannot find them (``<wbr>``),
    marked as the HTML writer marks a document's (``visit_phrases``)."""
    classes = ("eventarchive-phrases", *classes)
    return (f'<span class="{_classes(classes)}">'
            + "<wbr />".join(escape(part) for part in split(text)) + "</span>")


def text_html(text: str, split: Split) -> str:
    """A card's words: Japanese breaks between phrases (a venue, a name, a label), as
    headings do; other text is as written."""
    return phrases_html(text, split) if has_cjk(text) else escape(text)


def piece_html(piece: Piece, href: Href, split: Split) -> str:
    cls = _classes(piece.classes)
    if piece.kind == "date":  # each part on one line: 2024年4月19日(金) never breaks
        inner = "".join((escape(joiner(piece.parts[index - 1])) if index else "")
                        + f'<span class="eventarchive-nowrap">{escape(part)}</span>'
                        for index, part in enumerate(piece.parts))
        return f'<span class="{cls}">{inner}</span>'
    text = text_html(piece.text, split)
    if piece.kind == "upcoming":
        return (f'<span class="{cls}" data-eventarchive-start="{escape(piece.start)}">'
                f"{text}</span>")
    if piece.kind == "url":
        return link_html(piece.target[0], text, external=True, classes=piece.classes)
    if piece.kind in ("xref", "doc"):
        inner = f'<span class="{cls}">{text}</span>'
        target = href(piece)
        return link_html(target, inner, external=False) if target else inner
    if piece.kind == "plain":
        return text
    if piece.kind == "group":
        return (f'<span class="{cls}">'
                + escape(piece.text).join(piece_html(child, href, split)
                                          for child in piece.children)
                + "</span>")
    return f'<span class="{cls}">{text}</span>'


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
        title = link_html(target, title, external=False)
    sep = '<span class="eventarchive-sep"> · </span>'
    classes = (*card.classes, "eventarchive-has-thumb") if card.thumbnail else card.classes
    out = [f'<div class="eventarchive-item {_classes(classes)}">',
           f'<p class="eventarchive-item-title">{title}</p>',
           f'<p class="eventarchive-item-meta">'
           f'{sep.join(piece_html(piece, href, split) for piece in card.meta)}</p>']
    for cls, pieces in card.rows:
        out.append(f'<p class="eventarchive-item-row {_classes([cls])}">'
                   + "".join(piece_html(piece, href, split) for piece in pieces) + "</p>")
    if card.thumbnail:
        # Last in the markup, first on screen (CSS ``order``): the card reads title first,
        # and its first link is the title's, as on every other card.
        out.append(thumbnail_html(card.thumbnail, target, consent=consent))
    out.append("</div>")
    return "".join(out)


def cards_html(cards: Iterable[str], cls: str) -> str:
    return f'<div class="eventarchive-cards {_classes([cls])}">' + "".join(cards) + "</div>"


def listing_html(shown: ShownListing, href: Href, split: Split, *, consent: bool = False,
                 ) -> str:
    """A listing of a document: its cards, under a heading per group for ``sessionlist``."""
    if not shown.groups:
        return f'<p class="eventarchive-empty">{escape(shown.empty)}</p>'

    def cards(group_cards: Iterable[Card]) -> str:
        return cards_html((card_html(card, href, split, consent=consent)
                           for card in group_cards), shown.cls)

    if shown.kind != "sessionlist":
        return cards(shown.groups[0].cards)
    out = ['<div class="eventarchive-sessionlist">']
    for group in shown.groups:
        typ, target, title = group.heading
        link = href(Piece("xref", title, (), (typ, target))) if typ else ""
        heading = text_html(title, split)
        if link:
            heading = link_html(link, heading, external=False)
        elif not typ:  # a group of no archive object (a year, "no speaker"): a label
            heading = f"<strong>{heading}</strong>"
        out.append(f'<p class="eventarchive-group">{heading}</p>')
        out.append(cards(group.cards))
    out.append("</div>")
    return "".join(out)
