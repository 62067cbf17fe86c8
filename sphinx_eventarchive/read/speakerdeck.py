"""Speaker Deck presentation URLs: their ids from the cache file, or online when allowed.

A presentation URL (``speakerdeck.com/<user>/<slug>``) carries no id. Builds
read ids from the cache file in the source folder; only with
``eventarchive_resolve_online = True`` is Speaker Deck asked, and the answers
are written back to that file at the end of the build, so later builds (and
Read the Docs) need no network.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from sphinx_eventarchive.core import embeds

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain


def cache_path(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, env.config.eventarchive_cache_file)


@functools.lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int) -> Mapping[str, str]:
    """The cache file's ids, read once per path and modification time.

    A pure memo: an edited file has a new mtime and so a new key. The result
    is read-only so no caller can change what the next one gets.
    """
    return MappingProxyType(embeds.load_cache(path))


def file_ids(env: BuildEnvironment) -> Mapping[str, str]:
    path = cache_path(env)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read(path, stamp)


def known_ids(domain: EventArchiveDomain) -> dict[str, str]:
    ids = dict(file_ids(domain.env))
    for answers in domain.data["resolved"].values():
        ids.update(answers)
    return ids


def embed(domain: EventArchiveDomain, url: str, role: str, **kwargs: object) -> embeds.Embed:
    """The embed for a URL, resolving a presentation URL when the user allowed it."""
    ids = known_ids(domain)
    try:
        if role == "speakerdeck":
            return embeds.speakerdeck(url, cache=ids, **kwargs)  # type: ignore[arg-type]
        return embeds.embed_for(url, role=role, cache=ids)
    except embeds.Unresolved as unresolved:
        config = domain.env.config
        if not config.eventarchive_resolve_online:
            raise
        # The normalised URL is the key, so spellings of one deck share an entry.
        key = unresolved.url or url
        deck_id = embeds.resolve_speakerdeck_oembed(
            key, endpoint=config.eventarchive_speakerdeck_oembed,
            timeout=float(config.eventarchive_resolve_timeout),
        )
        domain.data["resolved"].setdefault(domain.env.docname, {})[key] = deck_id
        ids[key] = deck_id
        if role == "speakerdeck":
            return embeds.speakerdeck(url, cache=ids, **kwargs)  # type: ignore[arg-type]
        return embeds.embed_for(url, role=role, cache=ids)


def save_answers(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: keep what was resolved online in the cache file."""
    if exception is not None or not app.config.eventarchive_resolve_online:
        return
    domain: EventArchiveDomain = app.env.domains["eventarchive"]  # type: ignore[assignment]
    ids = known_ids(domain)
    if ids != file_ids(app.env):
        embeds.save_cache(cache_path(app.env), ids)
