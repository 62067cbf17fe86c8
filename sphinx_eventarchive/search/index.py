"""Running Pagefind over the built site, where a build changed it.

Pagefind (MIT, https://pagefind.app) builds a static, chunked index with
filters; its ``extended`` binary segments Japanese (Lindera, IPADIC) at index
time. The index is written to ``<outdir>/pagefind/`` and loaded by the
reader's browser piece by piece: no request leaves the site, and Read the
Docs serves it like any other file.

Pagefind has no incremental mode, so the index is split in parts
(``search/parts.py``) and a build re-indexes only the parts where a searchable
page or a session changed (a no-op build does nothing). Sessions are added as
records of their own, so each is found and filtered by its own speakers, type,
language and media, not by those of the whole report.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Container, Iterator, Mapping
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.messages import LOGGER, warn
from sphinx_eventarchive.search.markup import Labels, date_label, session_facets, shown_date
from sphinx_eventarchive.search.parts import (
    BODY_END,
    BODY_START,
    PARTS,
    Split,
    folder,
    merge_script,
    part_count,
    plan,
    survey,
)
from sphinx_eventarchive.search.service import PagefindError, executable, index_parts

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.state import BuildState
    from sphinx_eventarchive.site import Site

BUNDLE = "pagefind"
#: Not words of the page: permalink signs, the feed link, our hidden facets.
EXCLUDE = [".headerlink", ".eventarchive-feed-link", "[data-pagefind-ignore]"]


@functools.cache  # asked on every page; what is installed does not change in a build
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


def session_records(site: Site, pages: Container[str] | None = None
                    ) -> dict[str, list[dict[str, Any]]]:
    """Each session as a Pagefind record (its words, and facets of its own), by the path
    of its report's page under the output folder; ``pages``: only those pages'."""
    archive = site.archive
    page_of = report_pages(site)
    labels = Labels()
    language = index_language(site)
    records: dict[str, list[dict[str, Any]]] = {}
    for entry in archive.sessions.values():
        session = entry.session
        page = page_of.get(session.docname)
        if page is None or (pages is not None and page not in pages):
            continue
        event = archive.events.get(session.event)
        facets = session_facets(site, session, event.event.date if event else "",
                                event.event.series if event else "", labels)
        speakers = ", ".join(f"{s.name} ({s.affiliation})" if s.affiliation else s.name
                             for s in session.speakers)
        words = [session.title, speakers, event.event.name if event else "", session.notes]
        target = site.target_uri(session.docname).partition("#")[0]  # asked once per page
        meta = {"title": session.title}
        if facets.date:  # shown as every page shows a date; sorted by the ISO date
            meta[date_label()] = shown_date(facets.date[:10], site.config.language)
        records.setdefault(page, []).append({
            "url": f"/{target}#{session.anchor}", "content": "\n".join(w for w in words if w),
            "language": language, "meta": meta, "filters": facets.named(labels.names),
            "sort": {"date": facets.date} if facets.date else None,
        })
    return records


def report_pages(site: Site) -> dict[str, str]:
    """The page (path under the output folder) of each document that holds sessions."""
    outdir = Path(site.builder.outdir)
    outfile = site.builder.get_outfilename  # type: ignore[attr-defined]
    return {docname: _relative(outdir, outfile(docname))
            for docname in {entry.session.docname for entry in site.archive.sessions.values()}
            if docname}


def record_digests(records: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Per page, a digest of its sessions' records: what a part's digest is made of."""
    return {page: hashlib.blake2b(json.dumps(held, sort_keys=True, ensure_ascii=False)
                                  .encode(), digest_size=16).hexdigest()
            for page, held in records.items()}


def _relative(outdir: Path, path: str | Path) -> str:
    text, prefix = os.fspath(path), os.fspath(outdir) + os.sep
    if text.startswith(prefix):  # as relative_to, without pathlib's parsing of each
        return text[len(prefix):].replace(os.sep, "/")
    return Path(path).relative_to(outdir).as_posix()


def _config(site: Site) -> dict[str, Any]:
    return {"force_language": index_language(site), "exclude_selectors": EXCLUDE,
            "verbose": False}


#: Pagefind's scripts and interfaces: written with the first part only (the others are
#: data, which the first part's script loads).
_INTERFACE = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.",
              "pagefind-highlight.", "pagefind.js", "pagefind-worker.js")


def _write_bundle(target: Path, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> None:
    """A bundle, written whole beside the old one and then put in its place: Pagefind
    names its files by content, so the old ones go, and a reader never sees half.
    ``keep``: folders of the old bundle moved into the new one (the other parts)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        for name, data in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise PagefindError(f"a file of the index is named {name!r}")
            path = fresh.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for kept in keep:
            if (target / kept).is_dir() and not (fresh / kept).exists():
                os.replace(target / kept, fresh / kept)
        for path in (fresh, *(p for p in fresh.rglob("*") if p.is_dir())):
            path.chmod(0o755)  # mkdtemp's folder is private; a web server must read it
        shutil.rmtree(target, ignore_errors=True)
        os.replace(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def pagename(config: Any) -> str:
    """The search page's name: where the interface is, beside the index it reads."""
    return f"{config.eventarchive_search_path}/index"


def searchable_pages(site: Site) -> list[str]:
    """The pages that may be searched, by path under the output folder: every document
    (drafts are left unmarked by search/__init__.py) and every speaker's page. Others
    (listings, indexes, Sphinx's own pages) are never read; nor is what is left on disk
    of a removed report (Sphinx does not delete it), so its words leave the index."""
    outdir = Path(site.builder.outdir)
    names = set(site.env.all_docs)
    names.update(f"{site.config.eventarchive_speakers_path}/{slug}"
                 for slug in site.archive.speakers_by_slug)
    names.discard(pagename(site.config))
    outfile = site.builder.get_outfilename  # type: ignore[attr-defined]
    return sorted(_relative(outdir, outfile(name)) for name in names)


def build(site: Site, state: BuildState) -> list[int]:
    """Index the parts of the site that changed since they were indexed; which parts."""
    outdir = Path(site.builder.outdir)
    previous = state.written("search")
    known = _section(previous, "pages")
    pages = survey(outdir, searchable_pages(site), known).pages
    # Sessions' records follow from the archive alone: while its digest is the one they
    # were made from, each page's records are known by their digest and made again only
    # for the parts indexed (a one-sentence edit at pyvideo's scale: 21,715 records
    # were 3 s of it).
    content = [state.content(site.domain, site.builder.name), str(outdir)]
    sessions = _known_sessions(previous) if previous.get("content") == content else None
    records = None
    if sessions is None:
        records = session_records(site)
        sessions = {page: [digest, len(records[page])]
                    for page, digest in record_digests(records).items()}
    searched = sum(1 for page in pages.values() if page[2] is not None)
    before = _section(previous, "parts")
    known_count = previous.get("count")
    count = part_count(searched + sum(held for _digest, held in sessions.values()),
                       known_count if isinstance(known_count, int) else 0)
    stamp = [index_language(site), count, EXCLUDE]
    root = _relative(outdir, site.builder.get_outfilename(  # type: ignore[attr-defined]
        site.config.root_doc))
    planned = plan(pages, {page: digest for page, (digest, _held) in sessions.items()},
                   count, stamp, root)
    now = {str(part): digest for part, digest in planned.digests.items()}
    stale = [part for part in planned.digests if before.get(str(part)) != now[str(part)]
             or not (outdir / BUNDLE / folder(part) / "pagefind-entry.json").is_file()]
    noted = {"pages": pages, "parts": now, "count": count, "content": content,
             "sessions": sessions}
    if not stale:
        state.note_written("search", noted)
        return []
    if records is None:
        records = session_records(site, {page for page in sessions
                                         if planned.split.part_of(page) in stale})
    binary = executable()
    try:
        if binary is None:
            raise PagefindError("its binary is not installed")
        # The first part, which keeps the others in its folder, is written last.
        given = _inputs(outdir, pages, records, planned.split, sorted(stale, reverse=True))
        for part, files in index_parts(binary, outdir, _config(site), given):
            _write_part(outdir / BUNDLE, part, files, set(planned.digests) - {0})
        _remove_other_parts(outdir / BUNDLE, set(planned.digests))
    except (PagefindError, OSError) as error:
        state.note_written("search", {})  # indexed again, whole, by the next build
        warn(f"Pagefind could not index the site, so search finds nothing new: {error}",
             "search")
        return []
    state.note_written("search", noted)
    LOGGER.info("eventarchive: indexed %d of %d parts of the site for search (Pagefind, "
                "%d sessions in all)", len(stale), len(planned.digests),
                sum(held for _digest, held in sessions.values()))
    return stale


def _known_sessions(previous: dict[str, Any]) -> dict[str, list[Any]] | None:
    """Per page, the digest and number of its sessions' records, as the last build made
    them; None when the state does not say (then they are made again)."""
    value = previous.get("sessions")
    if not isinstance(value, dict) or not all(
            isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], int) for item in value.values()):
        return None
    return value


def _section(previous: dict[str, Any], key: str) -> dict[str, Any]:
    value = previous.get(key)
    return value if isinstance(value, dict) else {}


def _inputs(outdir: Path, pages: dict[str, list[Any]], records: dict[str, list[dict[str, Any]]],
            split: Split, stale: list[int]
            ) -> Iterator[tuple[int, list[tuple[str, str]], list[dict[str, Any]]]]:
    """What each part to index is given, one part at a time: its pages' HTML (read now:
    Pagefind needs every page of an index it makes) and its sessions."""
    paths: dict[int, list[str]] = {part: [] for part in stale}
    for path in sorted(set(pages) | set(records)):
        part = split.part_of(path)
        if part in paths:
            paths[part].append(path)
    for part in stale:
        html = [(path, indexed_html(
            (outdir / path).read_text(encoding="utf-8", errors="surrogateescape")))
                for path in paths[part] if path in pages and pages[path][2] is not None]
        yield part, html, [record for path in paths[part] for record in records.get(path, [])]


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)


def indexed_html(page: str) -> str:
    """What Pagefind is given of a page: the part it indexes (between the marks
    mark_page writes), with the page's ``<html>`` tag and title. Most of a page is the
    theme's, which Pagefind parses only to find that part: on a 200-report site, 441
    pages of 21 MiB became 7 MiB and Pagefind's time fell by 40 %, and the index it
    writes holds the same fragments. A page without both marks (written by another
    version, or changed after us) is given whole."""
    start, end = page.find(BODY_START), page.rfind(BODY_END)
    if start < 0 or end < start:
        return page
    head_end = page.find("</head>", 0, start)
    head = "".join(match[0] for match in (_HTML_TAG.search(page, 0, start),
                                          _TITLE.search(page, 0, max(head_end, 0)))
                   if match is not None)
    return f"<!DOCTYPE html>{head}<body>{page[start:end + len(BODY_END)]}</body></html>"


def _write_part(bundle: Path, part: int, files: dict[str, bytes], merged: set[int]) -> None:
    if part == 0:
        if merged:
            files = {**files, "pagefind-ui.js": files.get("pagefind-ui.js", b"")
                     + merge_script(merged).encode("utf-8")}
        _write_bundle(bundle, files, keep=(PARTS,))
    else:
        _write_bundle(bundle / folder(part).rstrip("/"),
                      {name: data for name, data in files.items()
                       if not name.startswith(_INTERFACE)})


def _remove_other_parts(bundle: Path, kept: set[int]) -> None:
    """Parts that hold nothing now, or of a larger split than this one, go."""
    parts = bundle / PARTS
    if not parts.is_dir():
        return
    for path in parts.iterdir():
        if not (path.name.isdigit() and int(path.name) in kept - {0}):
            shutil.rmtree(path, ignore_errors=True)


def remove(outdir: Path, state: BuildState) -> None:
    """Search turned off: the index an earlier build wrote goes (only ours: the state says)."""
    if state.written("search"):
        shutil.rmtree(outdir / BUNDLE, ignore_errors=True)
    state.note_written("search", {})
