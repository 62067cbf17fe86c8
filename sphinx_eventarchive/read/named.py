"""``doctree-read``: the generated index pages a document names.

A toctree entry ``events/index`` or an ``{archive-page}`` role makes its page
even while the archive has nothing to show on it, so an archive with no events
yet builds with ``-W``; a site that names none of them and has no archive
content gets none of them (SPEC §1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from sphinx_eventarchive.site import index_pages

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain


def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    by_name = {name: page.pagename for name, page in index_pages(app.config).items()}
    pages = set(by_name.values())
    named: set[str] = set()
    for toctree in doctree.findall(addnodes.toctree):
        entries: list[tuple[str | None, str]] = toctree.get("entries", [])
        named.update(ref for _title, ref in entries if ref in pages)
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "eventarchive" and xref.get("reftype") == "page":
            page = by_name.get(str(xref.get("reftarget", "")).strip())
            if page:
                named.add(page)
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    domain.note_named(app.env.docname, named)
