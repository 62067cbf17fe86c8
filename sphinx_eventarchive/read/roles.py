"""``{event}``, ``{session}``, ``{speaker}`` and ``{tag}`` without a domain prefix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.roles import XRefRole

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from docutils.parsers.rst.states import Inliner

#: Role name -> the domain's object type it links to. ``archive-page`` links the
#: generated index pages: ``{archive-page}`speakers``` (``events``, ``speakers``, ``tags``).
ROLES = {"event": "event", "session": "session", "speaker": "speaker", "tag": "tag",
         "archive-page": "page"}


class ArchiveRole(XRefRole):
    """An :class:`XRefRole` that always targets the ``eventarchive`` domain."""

    def __init__(self, typ: str) -> None:
        # Plain text like the resolved form, not <code> as :ref: would give. A target
        # neither here nor in another project's inventory warns (with our type, through
        # archive/domain.warn_missing_reference).
        super().__init__(warn_dangling=True, innernodeclass=nodes.inline)
        self.typ = typ

    def __call__(self, name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
                 options: dict[str, Any] | None = None, content: Sequence[str] = (),
                 ) -> tuple[list[Node], list[system_message]]:
        return super().__call__(f"eventarchive:{self.typ}", rawtext, text, lineno, inliner,
                                options or {}, content)
