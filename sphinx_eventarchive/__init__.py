"""sphinx-eventarchive: meetup and conference reports as a Sphinx archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_eventarchive.core.version import GENERATOR, VERSION

__version__ = VERSION
__all__ = ["GENERATOR", "__version__", "setup"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from sphinx_eventarchive.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        # No env_version: it would be written into every site's searchindex.js, and a
        # site without archive content must be built byte for byte as without us. The
        # domain's data_version drops a stale pickled environment instead.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
