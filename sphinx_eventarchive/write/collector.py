"""Python's garbage collector kept off what a full build read, while its documents are
written.

A full build reads every document, and Sphinx keeps each doctree it read in memory until
that document is written (``env._write_doc_doctree_cache``). While the documents are
written, Python makes a full collection every few pages, and each one examines every
object the process holds, those doctrees included: on a 200-report archive, 28 full
collections took 6.8 of the 16.8 CPU seconds that writing the documents took.

So when writing starts after a build that read most documents, what exists then is moved
out of the collector's sight (``gc.freeze``). Objects are still freed as soon as nothing
refers to them, but a doctree, once written, is a cycle that waits for the collector. So
when the documents are written (``html-collect-pages``, before the generated pages), or
when the build ends, failed or not, everything is handed back (``gc.unfreeze``) and
collected once. The doctrees are then freed together, not one by one. The
peak therefore grows by what writing the documents keeps: 9 MiB of 149 on that
archive. An edit reads a few documents and writes a few pages, and gains nothing, so it
is left alone. So is a site without archive content.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.state import BuildState


class Collector:
    """Whether this build froze the collector's view (and so must hand it back)."""

    def __init__(self) -> None:
        self.frozen = False

    def hold(self, app: Sphinx, state: BuildState) -> None:
        """write-started: after a build that read most documents of an archive, what
        exists is frozen."""
        domain = app.env.domains["eventarchive"]
        if self.frozen or not domain.has_content():  # type: ignore[attr-defined]
            return
        if 2 * len(state.read) < len(app.env.all_docs):
            return
        gc.freeze()
        self.frozen = True

    def release(self) -> None:
        """html-collect-pages and build-finished: the objects are the collector's again,
        and the written doctrees are freed."""
        if self.frozen:
            self.frozen = False
            gc.unfreeze()
            gc.collect()
