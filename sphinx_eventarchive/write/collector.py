"""Python's garbage collector kept off what a full build read, while its documents are
written.

A full build reads every document, and Sphinx keeps each doctree it read in memory until
that document is written (``env._write_doc_doctree_cache``). While the documents are
written, Python makes a full collection every few pages, and each one examines every
object the process holds, those doctrees included: on a 200-report archive, 28 full
collections took 6.8 of the 16.8 CPU seconds that writing the documents took.

So when writing starts after a build that read many documents, what exists then is moved
out of the collector's sight (``gc.freeze``). Objects are still freed as soon as nothing
refers to them, but a doctree, once written, is a cycle that waits for the collector. So
when the documents are written (``html-collect-pages``, before the generated pages), or
when the build ends, failed or not, everything is handed back (``gc.unfreeze``) and
collected once. The doctrees are then freed together, not one by one. The
peak therefore grows by what writing the documents keeps: 9 MiB of 149 on that
archive. It pays only when many doctrees are held: a build that read 101 documents
(100 reports of 8 sessions) gained nothing, one that read 201 gained 8 %, pyvideo's 541
15 %. So a build that read fewer than :data:`FREEZE_FROM` documents (an edit, a small
site), where the collection at the end would cost more than the freeze saves, is left
alone, and so is a site without archive content.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from sphinx_eventarchive.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.state import BuildState


#: Documents read by a build from which what it read is frozen while they are written:
#: between the sizes measured to gain nothing (101) and to gain (201).
FREEZE_FROM = 150


class Collector:
    """Whether this build froze the collector's view (and so must hand it back)."""

    def __init__(self) -> None:
        self.frozen = False

    def hold(self, app: Sphinx, state: BuildState) -> None:
        """write-started: after a build that read many documents of an archive, what
        exists is frozen. A process that froze objects of its own (a server that forks
        builds) is left as it is: ``gc.unfreeze`` would hand back its objects too."""
        if self.frozen or len(state.read) < FREEZE_FROM or gc.get_freeze_count() \
                or not Site(app.env, app.builder).is_archive:
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
