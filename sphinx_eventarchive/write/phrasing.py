"""Headings and card labels on archive pages break between phrases (HTML builders only).

A Japanese heading at 375 px breaks wherever the line ends: 「ひら/がな」, 「佐々木さ/ん」.
On a page with archive content, the user's headings (section titles, session
titles) and the text of our cards (labels such as 「カレンダーファイル（.ics）」,
names, places) are put in a :class:`~sphinx_eventarchive.doc.nodes.phrases_node`,
which the HTML writer renders with ``<wbr>`` between the phrases BudouX finds
(``core/phrases.py``) in a ``word-break: keep-all`` span.

Only the nodes that HTML renders change: the text stays the same Text nodes (the
search index, ``og:*`` and the other writers read it as written), and no other
format runs this transform. Prose is left alone: a paragraph breaks anywhere, as
Japanese typesetting does.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_eventarchive.core.phrases import has_cjk
from sphinx_eventarchive.doc.nodes import html_block, phrases_node, session_heading

#: Our blocks whose text is labels and short values, not prose.
LABELLED = frozenset({"eventarchive-card", "eventarchive-item", "eventarchive-speakers",
                      "eventarchive-session-meta"})
#: Pieces that never break at all (a date's parts: 2024年4月19日(金)): nothing to mark.
NEVER_BROKEN = frozenset({"eventarchive-nowrap"})
#: Text inside these is shown as written (code, markup) or marked already.
#: (An html_block's HTML marks its own phrases: its text is for the search index.)
_LEFT_ALONE = (nodes.FixedTextElement, nodes.literal, nodes.raw, phrases_node,
               nodes.math, nodes.comment, html_block)


class MarkPhrases(SphinxPostTransform):
    """Puts the headings and card text of archive pages in phrases nodes."""

    # After the cards are filled in (ResolveArchive, 5) and references resolved (10).
    default_priority = 15
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        domain = self.env.domains["eventarchive"]
        if not domain.has_content():  # type: ignore[attr-defined]
            return  # a site without archive content: not a node looked at
        archive_page: dict[str, bool] = {}
        for text in list(self.document.findall(nodes.Text)):
            if not (has_cjk(text) and self._marked(text)):
                continue
            docname = _docname(text, self.env.docname)
            if docname not in archive_page:
                archive_page[docname] = domain.is_archive_page(docname)  # type: ignore[attr-defined]
            if archive_page[docname]:
                text.parent.replace(text, phrases_node(text.astext(), text.astext()))

    @staticmethod
    def _marked(text: nodes.Text) -> bool:
        for parent in _ancestors(text):
            if isinstance(parent, _LEFT_ALONE) or NEVER_BROKEN.intersection(
                    parent.get("classes", ())):
                return False
            if isinstance(parent, session_heading) or (
                    isinstance(parent, nodes.title) and isinstance(parent.parent, nodes.section)):
                return True
            if LABELLED.intersection(parent.get("classes", ())):
                return True
        return False


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _docname(node: nodes.Node, default: str) -> str:
    """The document a node comes from: singlehtml puts every document into one tree
    and marks where each starts (``start_of_file``)."""
    return next((str(parent["docname"]) for parent in _ancestors(node)
                 if isinstance(parent, addnodes.start_of_file)), default)
