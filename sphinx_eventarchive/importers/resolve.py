"""``resolve``: every Speaker Deck presentation URL in the sources, looked up once.

Builds resolve presentation URLs online only with
``eventarchive_resolve_online``; a Read the Docs build should need no network.
This command finds every presentation URL in a source folder (any text file:
MyST, reStructuredText, front matter), asks Speaker Deck's oEmbed endpoint
for the ones the cache file does not know yet and writes their ids into it.
Commit the file and every later build, ``-W`` included, is offline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_eventarchive.core import hosts
from sphinx_eventarchive.core.oembed import load_cache, resolve_speakerdeck_oembed, save_cache
from sphinx_eventarchive.core.urls import EmbedError, parse_url

# A URL as written in Markdown or rST: it ends at white space, a quote, a bracket.
_CANDIDATE = re.compile(r"""https?://(?:www\.)?speakerdeck\.com/[^\s"'<>()\[\]`]+""",
                        re.IGNORECASE)
_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".mdx", ".html"})
DEFAULT_CACHE = "eventarchive-cache.json"


@dataclass
class Outcome:
    """What a run found: each presentation URL once, by where it was first seen."""

    found: dict[str, str] = field(default_factory=dict)  # url -> "file:line"
    resolved: dict[str, str] = field(default_factory=dict)  # url -> id, this run
    failed: dict[str, str] = field(default_factory=dict)  # url -> why
    known: int = 0


def source_files(srcdir: Path) -> Iterator[Path]:
    """Text files of the project, without build output, hidden folders or virtualenvs."""
    for root, dirs, files in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_build"))
                         and not (Path(root, d) / "pyvenv.cfg").exists())
        for name in sorted(files):
            if Path(name).suffix.lower() in _SUFFIXES:
                yield Path(root, name)


def presentation_urls(text: str) -> Iterator[tuple[str, int]]:
    """(normalised presentation URL, line) of each Speaker Deck presentation URL in ``text``."""
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(0).rstrip(".,;:!?")
        try:
            deck = hosts.speakerdeck(parse_url(candidate))
        except EmbedError:
            continue  # a profile page, a malformed player URL: not ours to resolve
        if not deck.deck_id:
            yield deck.url, text.count("\n", 0, match.start()) + 1


def cache_file(srcdir: Path) -> Path:
    """The cache file conf.py names (``eventarchive_cache_file``), else the default."""
    value: object = DEFAULT_CACHE
    conf = srcdir / "conf.py"
    if conf.is_file():
        try:
            from sphinx.config import eval_config_file
            from sphinx.util.tags import Tags

            value = eval_config_file(conf, Tags()).get(  # type: ignore[arg-type]
                "eventarchive_cache_file", value)
        except Exception:  # a conf.py that fails outside a build: the default
            pass
    return srcdir / (value if isinstance(value, str) and value else DEFAULT_CACHE)


def run(srcdir: Path, cache: Path, *, online: bool, endpoint: str, timeout: float,
        say: Callable[[str], None]) -> Outcome:
    outcome = Outcome()
    for path in source_files(srcdir):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for url, line in presentation_urls(text):
            outcome.found.setdefault(url, f"{path.relative_to(srcdir)}:{line}")
    ids = load_cache(cache)
    missing = [url for url in outcome.found if url not in ids]
    outcome.known = len(outcome.found) - len(missing)
    for url in missing:
        if not online:
            outcome.failed[url] = "not in the cache file"
            continue
        try:
            ids[url] = outcome.resolved[url] = resolve_speakerdeck_oembed(
                url, endpoint=endpoint, timeout=timeout)
            say(f"{outcome.found[url]}: {url} -> {ids[url]}")
        except EmbedError as error:
            outcome.failed[url] = str(error)
    if outcome.resolved:
        save_cache(cache, ids)
    return outcome
