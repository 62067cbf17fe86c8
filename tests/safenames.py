"""What a safe file name is, written for the tests independently of the rule they check.

Microsoft's "Naming Files, Paths, and Namespaces" for Windows, POSIX for the
rest; a test that imported the rule's own lists could not catch a name the
rule forgot.
"""

from __future__ import annotations

import ntpath
import unicodedata
import warnings
from pathlib import PurePosixPath, PureWindowsPath

#: The bound the rule promises for a stem, in UTF-8 bytes (docs/reference/cli.md).
MAX_STEM_BYTES = 120

# Microsoft's list ("Naming Files, Paths, and Namespaces"), superscript digits
# included, and the console names; compared case-insensitively, before any
# extension, trailing spaces dropped ("NUL .txt" is NUL).
DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"}
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(code) for code in range(32)}


def windows_reserved(name: str) -> bool:
    if name.partition(".")[0].rstrip(" ").upper() in DEVICES:
        return True
    # Python's own answer too, where it has one (3.13 moved it to ntpath).
    isreserved = getattr(ntpath, "isreserved", None)
    if isreserved is not None:
        return bool(isreserved(name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return PureWindowsPath(name).is_reserved()


def assert_safe_name(name: str) -> None:
    """One component on POSIX and Windows, checkable out on either, within the bound."""
    assert name not in ("", ".", ".."), name
    assert PurePosixPath(name).name == name and PureWindowsPath(name).name == name, name
    assert not WINDOWS_FORBIDDEN & set(name), name
    assert not windows_reserved(name), name
    assert name[-1] not in ". ", name
    assert not name.startswith("."), name  # hidden, and how ".." begins
    assert all(unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
               for char in name), name
