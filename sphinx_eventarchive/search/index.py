"""Running Pagefind over the built site, once per build that changed it.

Pagefind (MIT, https://pagefind.app) builds a static, chunked index with
filters; its ``extended`` binary segments Japanese (Lindera, IPADIC) at index
time. The index is written to ``<outdir>/pagefind/`` and loaded by the
reader's browser piece by piece: no request leaves the site, and Read the
Docs serves it like any other file.

Pagefind has no incremental mode, so the whole site is indexed again, but
only when some HTML file or the archive changed since the last indexing
(a no-op build does nothing). Sessions are added as records of their own,
so each is found and filtered by its own speakers, type, language and media,
not by those of the whole report.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.messages import LOGGER, warn
from sphinx_eventarchive.search.markup import date_label, session_facets
from sphinx_eventarchive.search.service import PagefindError, executable, index_files

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.state import BuildState
    from sphinx_eventarchive.site import Site

BUNDLE = "pagefind"
#: Not words of the page: permalink signs, the feed link, our hidden facets.
EXCLUDE = [".headerlink", ".eventarchive-feed-link", "[data-pagefind-ignore]"]


def available() -> bool:
    """Whether Pagefind's Python package and a binary (extended, for Japanese) are installed."""
    return find_spec("pagefind") is not None and (
        find_spec("pagefind_bin_extended") is not None or find_spec("pagefind_bin") is not None)


def segments_japanese() -> bool:
    return find_spec("pagefind_bin_extended") is not None


def index_language(site: Site) -> str:
    """One index for the whole site, in its language: Pagefind otherwise splits pages by
    their ``lang`` and searches only the current page's, and segments Japanese only when
    it indexes as ``ja``."""
    return str(site.config.language or "en").replace("_", "-").split("-")[0].lower()


def session_records(site: Site) -> list[dict[str, Any]]:
    """Each session as a Pagefind record: its words, and facets of its own."""
    archive = site.archive
    records = []
    for session_id, entry in archive.sessions.items():
        session = entry.session
        if not session.docname:
            continue
        event = archive.events.get(session.event)
        facets = session_facets(site, session, event.event.date if event else "",
                                event.event.series if event else "")
        speakers = ", ".join(f"{s.name} ({s.affiliation})" if s.affiliation else s.name
                             for s in session.speakers)
        words = [session.title, speakers, event.event.name if event else "", session.notes]
        target = site.target_uri(session.docname).partition("#")[0]
        meta = {"title": session.title}
        if facets.date:
            meta[date_label()] = facets.date[:10]
        records.append({
            "url": f"/{target}#{session.anchor}", "content": "\n".join(w for w in words if w),
            "language": index_language(site), "meta": meta, "filters": facets.named(),
            "sort": {"date": facets.date} if facets.date else None,
        })
        del session_id
    return records


def _config(site: Site) -> dict[str, Any]:
    return {"force_language": index_language(site), "exclude_selectors": EXCLUDE,
            "verbose": False}


def _write_bundle(outdir: Path, files: dict[str, bytes]) -> None:
    """The bundle, written whole beside the old one and then put in its place: Pagefind
    names its files by content, so the old ones go, and a reader never sees half."""
    bundle = outdir / BUNDLE
    fresh = Path(tempfile.mkdtemp(dir=outdir, prefix=f".{BUNDLE}."))
    try:
        for name, data in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise PagefindError(f"a file of the index is named {name!r}")
            target = fresh.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for folder in (fresh, *(p for p in fresh.rglob("*") if p.is_dir())):
            folder.chmod(0o755)  # mkdtemp's folder is private; a web server must read it
        shutil.rmtree(bundle, ignore_errors=True)
        os.replace(fresh, bundle)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def pagename(config: Any) -> str:
    """The search page's name: where the interface is, beside the index it reads."""
    return f"{config.eventarchive_search_path}/index"


def html_stamp(site: Site) -> str:
    """What the indexed HTML of the site is now: every page's path, size and time.

    Pages Sphinx writes on every build (the general index, its search page,
    our search page) are indexed by no one, and left out so that a build that
    changed nothing does not index again.
    """
    outdir = Path(site.builder.outdir)
    skipped = {Path(site.builder.get_outfilename(name))  # type: ignore[attr-defined]
               for name in ("genindex", "search", "py-modindex", pagename(site.config))}
    hashed = hashlib.blake2b(digest_size=16)
    for path in sorted(outdir.rglob("*.html")):
        relative = path.relative_to(outdir)
        if relative.parts[0] in (BUNDLE, "genindex") or path in skipped \
                or relative.name.startswith("genindex"):
            continue
        stat = path.stat()
        # Whole seconds: a page rewritten is newer by seconds; a tool that only nudges
        # times (a copy, a benchmark counting writes) does not make us index again.
        hashed.update(f"{relative}\0{stat.st_size}\0{int(stat.st_mtime)}\n"
                      .encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()


def build(site: Site, state: BuildState) -> bool:
    """Index the site unless it is what was indexed last time; whether it indexed."""
    outdir = Path(site.builder.outdir)
    stamp = [html_stamp(site), site.domain.revision, index_language(site)]
    indexed = state.current("search", stamp, [outdir / BUNDLE])
    state.note_written("search", {"stamp": stamp})
    if indexed:
        return False
    records = session_records(site)
    binary = executable()
    try:
        if binary is None:
            raise PagefindError("its binary is not installed")
        _write_bundle(outdir, index_files(binary, outdir, _config(site), records))
    except (PagefindError, OSError) as error:
        state.note_written("search", {})  # indexed again by the next build
        warn(f"Pagefind could not index the site, so search finds nothing new: {error}",
             "search")
        return False
    LOGGER.info("eventarchive: indexed the site for search (Pagefind, %d sessions)",
                len(records))
    return True


def remove(outdir: Path, state: BuildState) -> None:
    """Search turned off: the index an earlier build wrote goes (only ours: the state says)."""
    if state.written("search"):
        shutil.rmtree(outdir / BUNDLE, ignore_errors=True)
    state.note_written("search", {})
