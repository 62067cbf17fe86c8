"""Which parts of the search index an edit touches: the site's searchable pages split into
parts, each its own Pagefind index, so that a build re-indexes only the parts where a
page or a session changed.

Pagefind has no incremental mode: an index is made whole from every page it is given,
and the time goes to indexing, not to reading files (a 100-report site, 299 pages and
800 sessions, on a loaded machine: 1.6-4.3 s for the folder, 3.0-3.3 s for the same
pages sent from memory, so keeping them between builds would save nothing; a quarter of
them 0.9 s, an eighth 0.35 s). So the index is split. A page goes to a part by a hash of
its path, and its sessions go with it; the first part is the bundle the search page
loads (``pagefind/``), the others are merged into it by Pagefind's own interface
(``mergeIndex``, ``pagefind/parts/N/``; see :class:`Split`). The number of parts grows
with the site in powers of two (a change re-indexes everything once; it shrinks only
when the site is a quarter of its size), up to :data:`MOST_PARTS`, which bounds what a
reader downloads: each part has its own small WebAssembly module and metadata.

Whether a page changed is decided from its size and time: a page is read again only when
it is bigger or smaller or newer than when it was last read (as ``make`` decides; a tool
that sets a file's time back does not make us read it), and its part is re-indexed only
when what it holds differs from last time (a digest of its bytes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Pages and sessions per part, about, before the site is split into more parts.
PER_PART = 200
#: At most this many parts: a reader's browser fetches a module and metadata for each.
MOST_PARTS = 16
#: Where the parts after the first go, inside the bundle.
PARTS = "parts"
#: Where what Pagefind indexes begins and ends on a page (search/__init__.py's mark_page
#: writes both); a page that carries the first is one Pagefind indexes.
BODY_START = "<div data-pagefind-body>"
BODY_END = "</div><!-- end of data-pagefind-body -->"
MARK = BODY_START.encode()


def part_count(items: int, previous: int = 0) -> int:
    """How many parts a site of ``items`` pages and sessions is split into. The split it
    had (``previous``) is kept while it is not too small nor four times too large, so
    that a page added or removed at a boundary does not re-index everything."""
    count = 1
    while count < MOST_PARTS and count * PER_PART < items:
        count *= 2
    if count == 2:
        count = 1  # the root page's part and one other: nothing gained by splitting
    if previous in _COUNTS and count <= previous and previous * PER_PART < 4 * max(items, 1):
        return previous
    return count


_COUNTS = {1 << n for n in range(MOST_PARTS.bit_length()) if 1 << n <= MOST_PARTS} - {2}


def folder(part: int) -> str:
    """A part's folder inside the bundle: the first part is the bundle itself."""
    return "" if part == 0 else f"{PARTS}/{part}/"


@dataclass
class Survey:
    """The searchable pages now: per path, ``[size, mtime_ns, digest]`` (digest None: a
    page Pagefind does not index), and the paths read to find out."""

    pages: dict[str, list[Any]] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)


def survey(outdir: Path, paths: Iterable[str], previous: Mapping[str, Any]) -> Survey:
    """Each page that exists, read only when it changed since ``previous`` said."""
    found = Survey()
    for path in paths:
        try:
            stat = (outdir / path).stat()
        except OSError:
            continue  # not written (a draft's page under some builders), or removed
        known = previous.get(path)
        if isinstance(known, list) and len(known) == 3 and known[0] == stat.st_size \
                and isinstance(known[1], int) and stat.st_mtime_ns <= known[1]:
            found.pages[path] = [stat.st_size, stat.st_mtime_ns, known[2]]
            continue
        try:
            data = (outdir / path).read_bytes()
        except OSError:
            continue
        found.read.append(path)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest() if MARK in data else None
        found.pages[path] = [stat.st_size, stat.st_mtime_ns, digest]
    return found


@dataclass
class Split:
    """Which part each page (its path under the output folder) and its sessions go to.

    With more than one part, the first holds one page only, the ``anchor`` (the root
    document's, or the first searchable one): a Pagefind index with no page cannot be
    loaded, so the index the interface loads first is never empty, and it is cheap to
    make again when the list of the other parts, written with it, changes. The other
    pages go to the other parts by a hash of their path; a part left empty is not
    written, nor merged."""

    count: int
    anchor: str | None

    def part_of(self, path: str) -> int:
        if self.count == 1 or path == self.anchor:
            return 0
        hashed = hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4)
        return 1 + int.from_bytes(hashed.digest(), "big") % (self.count - 1)


@dataclass
class Plan:
    split: Split
    #: Per part that holds something (and always the first): a digest of what it holds.
    digests: dict[int, str]


def plan(pages: Mapping[str, list[Any]], sessions: Mapping[str, str],
         count: int, stamp: Any, root: str) -> Plan:
    """Where each page goes, and what each part holds as a digest: its pages' digests
    and the digests of its sessions' records (``sessions``: per page; and, for the
    first, which other parts there are)."""
    searched = sorted(path for path in set(pages) | set(sessions)
                      if path in sessions or pages[path][2] is not None)
    anchor = root if root in searched else (searched[0] if searched else None)
    split = Split(count, anchor)
    held: dict[int, list[Any]] = {0: []}
    for path in searched:
        digest = pages[path][2] if path in pages else None
        held.setdefault(split.part_of(path), []).append([path, digest, sessions.get(path)])
    held[0].append(sorted(held))
    return Plan(split, {part: hashlib.blake2b(
        json.dumps([stamp, items], sort_keys=True, ensure_ascii=False).encode(),
        digest_size=16).hexdigest() for part, items in held.items()})


def merge_script(merged: Iterable[int]) -> str:
    """Appended to the first part's ``pagefind-ui.js``: Pagefind's interface, wherever a
    page loads it, also searches the other parts (its own ``mergeIndex`` option), found
    beside the script itself. The bundle carries its own parts, so no page or script
    outside it needs to know how the index is split."""
    parts = json.dumps([folder(part) for part in sorted(merged)])
    return ("\n/* sphinx-eventarchive: the index is split in parts, merged here. */\n"
            "(function () {\n"
            "  var Base = window.PagefindUI, script = document.currentScript;\n"
            "  if (!Base || !script || !script.src) return;\n"
            "  var here = new URL('.', script.src).href, parts = " + parts + ";\n"
            "  window.PagefindUI = class extends Base {\n"
            "    constructor(options) {\n"
            "      var own = Object.assign({}, options || {});\n"
            "      own.mergeIndex = (own.mergeIndex || []).concat(parts.map(function (p) {\n"
            "        return {bundlePath: new URL(p, here).href};\n"
            "      }));\n"
            "      super(own);\n"
            "    }\n"
            "  };\n"
            "})();\n")
