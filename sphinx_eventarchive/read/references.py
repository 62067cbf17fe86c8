"""``doctree-read``: what a document names of the archive, for the domain to remember.

* The generated index pages it names: a toctree entry ``events/index`` or an
  ``{archive-page}`` role makes its page even while the archive has nothing
  to show on it, so an archive with no events yet builds with ``-W``; a site
  that names none of them and has no archive content gets none (docs/reference/config.md).
* Every link of ours it holds (roles in its prose, a session's speakers and
  tags): where each goes is part of what the page shows, so the page is
  rewritten when another report moves it (``archive/freshness.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from sphinx_eventarchive.archive.pages import index_pages

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain


def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    by_name = {name: page.pagename for name, page in index_pages(app.config).items()}
    pages = set(by_name.values())
    named: set[str] = set()
    refs: set[tuple[str, str]] = set()
    for toctree in doctree.findall(addnodes.toctree):
        entries: list[tuple[str | None, str]] = toctree.get("entries", [])
        named.update(ref for _title, ref in entries if ref in pages)
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") != "eventarchive":
            continue
        typ, target = str(xref.get("reftype", "")), str(xref.get("reftarget", ""))
        if typ == "page":
            page = by_name.get(target.strip())
            if page:
                named.add(page)
        refs.add((typ, target))
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    domain.note_named(app.env.docname, named)
    domain.note_refs(app.env.docname, refs)
