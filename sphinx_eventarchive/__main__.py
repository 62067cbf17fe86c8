"""``python -m sphinx_eventarchive``: the same command as ``sphinx-eventarchive``."""

from __future__ import annotations

import sys

from sphinx_eventarchive.cli import main

if __name__ == "__main__":
    sys.exit(main())
