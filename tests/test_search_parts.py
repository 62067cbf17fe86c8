"""The search index follows edits (search/parts.py): a build reads only the pages whose
HTML changed and re-indexes only the parts of the index they are in; what the search page
finds is what one whole index of the same site, built from scratch, finds.

The pages archive root is split in several parts (a few pages and sessions per part
instead of hundreds), edited and rebuilt in place with the real Pagefind. The comparison
goes through Pagefind's own search in Chromium: its JavaScript API with the parts merged
as the interface merges them (``mergeIndex``), and the search page itself, whose
interface must find results that only the other parts hold. Hits are compared as sets
of pages and sessions (and the facets' counts): scores are computed per index, so the
order of results with equal words may differ between a split index and a whole one.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from browserkit import visit, wait_until
from conftest import ROOTS, archive_warnings, build_app

pytest.importorskip("pagefind", reason="the search extra installs Pagefind")

from sphinx_eventarchive.search import index, parts  # noqa: E402

#: Pages and sessions per part here: the root's 15 pages and 10 sessions make 8 parts.
SMALL_PARTS = 4
SEARCH = {"eventarchive_search": True}
EDITED = "Flamingos juggled at the meetup, said the report."

QUERY = """async ([parts, queries]) => {
  const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
  for (const part of parts) await pf.mergeIndex(new URL('../pagefind/' + part, location.href).href);
  const found = {};
  for (const query of queries) {
    const result = await pf.search(query);
    const pages = await Promise.all(result.results.map((r) => r.data()));
    // Merged parts give absolute URLs, the first part paths: both lead to the same page.
    const site = new URL('..', location.href).pathname;
    const urls = pages.map((d) => new URL(d.url, location.href).pathname.replace(site, '/'));
    found[query] = {urls: urls.sort(), filters: result.filters,
                    titles: pages.map((d) => d.meta.title).sort()};
  }
  return found;
}"""
QUERIES = ["backstage", "platform", "flamingos", "ヤマダ", "zoe", "kubernetes", "ガイド",
           "report"]


class Spy:
    """What the index's builds read and gave Pagefind."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        self.indexed: dict[int, list[str]] = {}
        #: Per part indexed, the sessions' records it was given.
        self.records: dict[int, list[dict[str, Any]]] = {}
        #: What each call of session_records was asked for (None: every page).
        self.made: list[set[str] | None] = []
        self.split: parts.Split | None = None
        survey, index_parts, plan = index.survey, index.index_parts, index.plan
        session_records = index.session_records

        def making(site: Any, pages: Any = None) -> Any:
            self.made.append(None if pages is None else set(pages))
            return session_records(site, pages)

        def planning(*args: Any) -> parts.Plan:
            planned = plan(*args)
            self.split = planned.split
            return planned

        def surveying(*args: Any) -> parts.Survey:
            found = survey(*args)
            self.read.extend(found.read)
            return found

        def indexing(binary: Path, site: Path, config: dict[str, Any], given: Any) -> Any:
            def noted() -> Any:
                for part, pages, records in given:
                    self.indexed[part] = [path for path, _html in pages]
                    self.records[part] = list(records)
                    yield part, pages, records
            return index_parts(binary, site, config, noted())

        monkeypatch.setattr(index, "plan", planning)
        monkeypatch.setattr(index, "survey", surveying)
        monkeypatch.setattr(index, "index_parts", indexing)
        monkeypatch.setattr(index, "session_records", making)

    def part_of(self, path: str) -> int:
        assert self.split is not None
        return self.split.part_of(path)

    def clear(self) -> None:
        self.read.clear()
        self.indexed.clear()
        self.records.clear()
        self.made.clear()


def build(srcdir: Path, builddir: Path, *, fresh: bool = False) -> Path:
    app = build_app("html", srcdir, builddir=builddir, freshenv=fresh, confoverrides=SEARCH)
    assert archive_warnings(app) == []
    return Path(app.outdir)


def stamps(outdir: Path) -> dict[str, int]:
    return {path.relative_to(outdir).as_posix(): path.stat().st_mtime_ns
            for path in outdir.rglob("*") if path.is_file()}


def part_files(outdir: Path, part: int) -> dict[str, int]:
    """A part's files in the bundle and their times."""
    folder = outdir / "pagefind" / parts.folder(part)
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
            for path in folder.rglob("*") if path.is_file()
            and (part or path.relative_to(folder).parts[0] != parts.PARTS)}


def merged(outdir: Path) -> list[int]:
    """The parts merged into the first: those the bundle holds."""
    folder = outdir / "pagefind" / parts.PARTS
    return sorted(int(path.name) for path in folder.iterdir()) if folder.is_dir() else []


def test_how_many_parts():
    per = parts.PER_PART
    assert parts.part_count(per) == 1
    assert parts.part_count(per + 1) == 1  # the root page's part and one other: no split
    assert parts.part_count(2 * per + 1) == 4
    assert parts.part_count(100 * per) == parts.MOST_PARTS == 16  # what a reader fetches
    # A page more or less at a boundary keeps the split: everything is not indexed again.
    assert parts.part_count(4 * per, previous=8) == 8
    assert parts.part_count(8 * per + 1, previous=8) == 16
    assert parts.part_count(2 * per, previous=8) == 1  # a quarter of the size: it shrinks


def test_only_changed_pages_are_read_and_only_their_parts_indexed(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PER_PART", SMALL_PARTS)
    spy = Spy(monkeypatch)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pages-archive", srcdir)
    out = build(srcdir, tmp_path / "build")
    held = [0, *merged(out)]
    assert spy.split is not None and spy.split.count == 8 and len(held) > 4
    assert set(spy.indexed) == set(held)  # a first build indexes every part
    assert spy.indexed[0] == ["index.html"]  # the first holds the root page only
    assert {"online1.html", "speakers/zoe-zed.html"} <= set(spy.read)
    assert "speakers/index.html" not in spy.read  # a listing is never read
    assert spy.made == [None]  # every session's record, once
    first_records = dict(spy.records)
    spy.clear()

    bundle = {part: part_files(out, part) for part in held}
    build(srcdir, tmp_path / "build")
    assert spy.read == [] and spy.indexed == {}, "a rebuild without changes"
    assert spy.made == [], "records are known by their digests"
    assert {part: part_files(out, part) for part in held} == bundle

    report = srcdir / "online1.md"
    report.write_text(report.read_text(encoding="utf-8") + f"\n{EDITED}\n", encoding="utf-8")
    before = stamps(out)
    build(srcdir, tmp_path / "build")
    after = stamps(out)
    rewritten = {path for path in spy.read if before.get(path) != after.get(path)}
    # Read: the pages Sphinx wrote again, and only those.
    assert "online1.html" in spy.read and set(spy.read) == rewritten
    assert not set(spy.read) & {"cnd2023.html", "speakers/zoe-zed.html"}
    # Indexed: the part of the edited report; not the parts where nothing changed.
    edited = spy.part_of("online1.html")
    assert edited in spy.indexed and "online1.html" in spy.indexed[edited]
    assert set(spy.indexed) <= {spy.part_of(path) for path in spy.read}
    assert len(spy.indexed) < len(held)
    for part in set(held) - set(spy.indexed):  # the other parts' files stay as they were
        assert part_files(out, part) == bundle[part], part
    # The edit changed prose, not the archive: sessions' records were made for the pages
    # of the parts indexed only, and are the ones the first build gave those parts.
    assert len(spy.made) == 1 and spy.made[0] is not None
    assert "online1.html" in spy.made[0]
    assert {spy.part_of(page) for page in spy.made[0]} <= set(spy.indexed)
    assert spy.records[edited] and spy.records[edited] == first_records[edited]
    spy.clear()

    # An edit of a session (its title) changes the archive: every record is made again,
    # and the part that holds it is indexed with the new title.
    report.write_text(report.read_text(encoding="utf-8").replace(
        "{session} Backstage 入門", "{session} Backstage 再入門"), encoding="utf-8")
    build(srcdir, tmp_path / "build")
    assert spy.made == [None] and edited in spy.indexed
    assert "Backstage 再入門" in {
        record["meta"]["title"] for record in spy.records[edited]}


def test_pagefind_is_given_only_what_it_indexes(tmp_path):
    """Each page goes to Pagefind as the part it indexes (search/index.py indexed_html),
    not the theme around it, and the index it makes holds the same pages, words and
    facets as one made from the whole pages."""
    out = build(ROOTS / "test-pages-archive", tmp_path / "build")
    given = {}
    for path in sorted(out.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if parts.BODY_START in page:
            given[path.relative_to(out).as_posix()] = page
    assert {"online1.html", "speakers/zoe-zed.html"} <= set(given)
    for page in given.values():
        small = index.indexed_html(page)
        assert len(small) < len(page) and "sphinxsidebar" in page
        assert "sphinxsidebar" not in small and "<title>" in small and "<html " in small
        start = page.index(parts.BODY_START)
        assert page[start:page.rindex(parts.BODY_END)] in small
    # A page without both marks (written by another version) is given whole.
    cut = given["online1.html"].replace(parts.BODY_END, "")
    assert index.indexed_html(cut) == cut
    binary = index.executable()
    assert binary is not None
    config = {"force_language": "en", "exclude_selectors": index.EXCLUDE, "verbose": False}

    def bundle(pages: dict[str, str]) -> dict[str, bytes]:
        return dict(index.index_parts(binary, out, config, [(0, list(pages.items()), [])]))[0]

    whole = bundle(given)
    small = bundle({path: index.indexed_html(page) for path, page in given.items()})
    # Pagefind names each page's fragment (its URL, words, title and facets) and each
    # word's chunk by its content, so equal names are equal pages and words. (Its filter
    # files, an inverse of the facets the fragments hold, are written in a different
    # order from one run to the next even for the same pages.)
    fragments = {name for name in whole if name.startswith(("fragment/", "index/"))}
    assert len(fragments) > len(given)
    assert fragments == {name for name in small if name.startswith(("fragment/", "index/"))}
    assert len([name for name in whole if name.startswith("filter/")]) \
        == len([name for name in small if name.startswith("filter/")]) > 0
    facets = gzip.decompress(whole[next(name for name in fragments if "fragment/" in name)])
    assert b'"filters"' in facets


@pytest.fixture(scope="module")
def edited_and_clean(served, tmp_path_factory):
    """The root split in parts, edited (a sentence added, a report removed) and rebuilt in
    place; and the same sources built from scratch as one whole index."""
    folder, base = served
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(parts, "PER_PART", SMALL_PARTS)
        srcdir = folder / "split"
        shutil.copytree(ROOTS / "test-pages-archive", srcdir)
        build(srcdir, srcdir / "_build")
        report = srcdir / "pfem8.md"
        report.write_text(report.read_text(encoding="utf-8") + f"\n{EDITED}\n",
                          encoding="utf-8")
        (srcdir / "online1.md").unlink()  # its page stays on disk, as Sphinx leaves it
        listings = srcdir / "listings.md"  # which names its tag, Backstage, now unknown
        listings.write_text(listings.read_text(encoding="utf-8").replace(
            ":tags: Kubernetes, Backstage", ":tags: Kubernetes"), encoding="utf-8")
        split = build(srcdir, srcdir / "_build")
    assert (split / "online1.html").is_file() and len(merged(split)) > 3
    whole_src = folder / "whole"
    shutil.copytree(srcdir, whole_src, ignore=shutil.ignore_patterns("_build"))
    whole = build(whole_src, whole_src / "_build", fresh=True)
    assert merged(whole) == []
    return (f"{base}/split/_build/html", merged(split)), f"{base}/whole/_build/html"


@pytest.mark.browser
def test_a_split_index_after_edits_finds_what_a_whole_one_does(browser, edited_and_clean):
    (split, held), whole = edited_and_clean
    with visit(browser, f"{split}/find/index.html", 1280) as seen:
        from_parts = seen.page.evaluate(QUERY, [[parts.folder(p) for p in held], QUERIES])
    with visit(browser, f"{whole}/find/index.html", 1280) as seen:
        from_whole = seen.page.evaluate(QUERY, [[], QUERIES])
    assert from_parts == from_whole
    assert from_whole["flamingos"]["urls"] == ["/pfem8.html"]  # the edit is found
    # The removed report, its session and the speaker who was only there are gone (its
    # page, left on disk, is not indexed).
    assert from_whole["ヤマダ"]["urls"] == []
    assert not [url for found in from_whole.values() for url in found["urls"]
                if url.startswith("/online1")]
    assert all(from_whole[query]["urls"] for query in ("platform", "zoe", "kubernetes"))


@pytest.mark.browser
def test_the_search_page_merges_the_parts(browser, edited_and_clean):
    """Pagefind's interface on the search page finds what only the other parts hold."""
    (split, _held), whole = edited_and_clean
    # pfem8.html is held by a part merged in (the first holds the root page only).
    shown = []
    for base in (split, whole):
        with visit(browser, f"{base}/find/index.html?query={quote('flamingos')}", 1280) as seen:
            page = seen.page
            # A result is drawn first, its link once its page's data has come.
            assert wait_until(lambda p=page: p.locator(".pagefind-ui__result-link").count()
                              > 0, page), seen.diagnosis()
            links = page.locator(".pagefind-ui__result-link").evaluate_all(
                "(links) => links.map((a) => new URL(a.href).pathname)")
            shown.append([link.removeprefix(urlsplit(base).path) for link in links])
            assert seen.errors == [] and seen.failed == [], seen.diagnosis()
    assert shown[0] == shown[1]
    assert shown[0] and {link.split("#")[0] for link in shown[0]} == {"/pfem8.html"}
