"""The build benchmark's parts; ``benchmarks/run.py`` is the command line.

Standard library only: Sphinx, MyST, ablog and the extension run in child
processes. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import sys


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
