"""Index pages that stay usable at any size: one page below a thousand entries, a page per
initial above.

pyvideo's data has 13,010 speakers and 2,694 tags: as one page each, the
speakers index would weigh several megabytes. Any index (tags here, speakers
in ``write/people.py``) hands :func:`index_parts` its entries grouped by
initial, in reading order, and renders each part with :func:`part_pages`;
the page names come from here, so :meth:`PageWriter.pagenames` knows them
without rendering anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from sphinx_eventarchive.core.text import slugify
from sphinx_eventarchive.messages import _

if TYPE_CHECKING:
    from sphinx_eventarchive.write.pagebodies import Page, PageWriter

#: An index with this many entries or more gets a page per initial.
PAGE_LIMIT = 1000


class IndexPart(NamedTuple):
    """The entries of one initial, and where they are shown."""

    label: str  # the initial as readers see it: A, カ, 0–9, …
    pagename: str
    anchor: str  # the id of its heading on that page
    keys: tuple[str, ...]


def part_pagename(index_page: str, label: str) -> str:
    """``tags/index_a``: no speaker or tag slug has a single ``_`` followed by a letter
    (slugify writes ``_`` as ``__``), so the name is never a speaker's or a tag's."""
    folder = index_page.rpartition("/")[0]
    return f"{folder}/index_{slugify(label)}"


def index_parts(index_page: str, groups: list[tuple[str, list[str]]],
                limit: int | None = None) -> list[IndexPart]:
    """Where each initial's entries go: all on ``index_page`` when there are fewer than
    ``limit`` (:data:`PAGE_LIMIT`) entries, else each initial on its own page."""
    one_page = sum(len(keys) for _label, keys in groups) < (limit or PAGE_LIMIT)
    return [IndexPart(label, index_page if one_page else part_pagename(index_page, label),
                      f"initial-{number}", tuple(keys))
            for number, (label, keys) in enumerate(groups)]


def initials_nav(writer: PageWriter, pagename: str, parts: list[IndexPart]) -> str:
    """The row of initials at the top of every page of an index; each a link to its part,
    the current one marked for the reader (``aria-current``)."""
    links = []
    for part in parts:
        href = writer.href(pagename, part.pagename, part.anchor)
        current = ' aria-current="page"' if part.pagename == pagename and any(
            p.pagename != pagename for p in parts) else ""
        links.append(f'<a class="eventarchive-initial" href="{escape(href)}"{current}>'
                     f"{escape(part.label)}</a>")
    label = escape(str(_("Initials")))
    return (f'<nav class="eventarchive-initials" aria-label="{label}"><p>'
            + " ".join(links) + "</p></nav>")


def part_pages(writer: PageWriter, index_page: str, kind: str, title: str, description: str,
               parts: list[IndexPart], entries: Callable[[str, IndexPart], list[str]],
               ) -> Iterator[Page]:
    """The index page, and one page per initial when the index is split.

    ``entries(pagename, part)`` renders one initial's entries (a list of HTML
    lines); it is called once per part, on the page the part is shown on.
    """
    nav = initials_nav(writer, index_page, parts)
    split = any(part.pagename != index_page for part in parts)
    body = [nav]
    if split:
        body.append('<ul class="eventarchive-initial-counts">')
        for part in parts:
            href = writer.href(index_page, part.pagename, part.anchor)
            body.append(f'<li><a href="{escape(href)}">{escape(part.label)}</a> '
                        f'<span class="eventarchive-count">{len(part.keys)}</span></li>')
        body.append("</ul>")
    else:
        for part in parts:
            body.append(f'<h2 id="{escape(part.anchor)}">{escape(part.label)}</h2>')
            body.extend(entries(index_page, part))
    yield writer.page(index_page, kind, title, description, body)
    if not split:
        return
    for part in parts:
        page_body = [initials_nav(writer, part.pagename, parts),
                     f'<h2 id="{escape(part.anchor)}">{escape(part.label)}</h2>',
                     *entries(part.pagename, part),
                     f'<p><a href="{escape(writer.href(part.pagename, index_page))}">'
                     f"{escape(title)}</a></p>"]
        yield writer.page(part.pagename, kind, f"{title}: {part.label}", description, page_body)
