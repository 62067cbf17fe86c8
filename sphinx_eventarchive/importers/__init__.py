"""Turn schedules and pasted embeds into the MyST reports the extension reads.

Everything here is plain Python with no Sphinx import, so the command line
starts fast and an importer can be tested without building anything.
"""

from __future__ import annotations


class InputError(Exception):
    """A problem with what the user gave us: reported as one line, exit code 2."""
