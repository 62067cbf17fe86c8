"""Incremental builds (SPEC §10): the same pages as a clean build, and only what changed written.

Every test edits a copy of ``tests/roots/test-pages-archive`` and rebuilds it in
place, then compares with a clean build of the same sources in a fresh folder.

What the comparison leaves out, and why:

* the theme's navigation (sidebar toctree, previous/next links): Sphinx itself
  does not rewrite a page whose source did not change when another page joins or
  leaves the toctree, so these go stale on every page, reports included; the
  extension follows Sphinx's rule for its pages. The page's content
  (``div.body``), its ``<title>``, meta tags and JSON-LD are compared.
* the output of a removed report (``online1.html``, ``online1.txt``, ``_sources/…``):
  Sphinx never deletes the output of a removed source. Generated pages that no
  longer exist must be gone, and are checked.
* ``searchindex.js`` is compared as data, with empty term entries dropped: Sphinx's
  incremental index keeps a term with no documents left as ``[]``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_app, warnings_of

ALWAYS_WRITTEN = {"genindex", "search"}  # Sphinx writes these on every build

NEW_REPORT = """\
---
title: New report
tags: [NewTag]
---

# New Meetup

```{event} New Meetup
:id: new1
:series: Platform Engineering Meetup
:date: 2025-03-01T19:00+09:00
:format: online
:tags: Platform Engineering
```

```{session} Fresh talk
:id: new1/fresh
:speakers: Nina New (NewCo), Abby Bangser (Syntasso)
:tags: NewTag, C++
```
"""


class Tree:
    """A copy of the root that is edited and rebuilt in place."""

    def __init__(self, base: Path, buildername: str) -> None:
        self.base = base
        self.buildername = buildername
        self.srcdir = base / "src"
        shutil.copytree(ROOTS / "test-pages-archive", self.srcdir)
        self.cleans = 0

    def build(self, buildername: str | None = None) -> Path:
        out, self.warnings = run(buildername or self.buildername, self.srcdir,
                                 self.base / "build")
        return out

    def clean(self, buildername: str | None = None) -> Path:
        """A clean build of the sources as they are now, in a folder of its own."""
        self.cleans += 1
        srcdir = self.base / f"clean{self.cleans}"
        shutil.copytree(self.srcdir, srcdir)
        out, warnings = run(buildername or self.buildername, srcdir,
                            self.base / f"build{self.cleans}", freshenv=True)
        # The incremental build warns about what is wrong now, like a clean build.
        assert self.warnings == [w.replace(str(srcdir), str(self.srcdir)) for w in warnings]
        return out

    def same_as_clean(self, *, removed: tuple[str, ...] = ()) -> list[str]:
        """Rebuild incrementally and list how the output differs from a clean build."""
        out = self.build()
        return differences(out, self.clean(), removed)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def run(buildername: str, srcdir: Path, builddir: Path, *, freshenv: bool = False
        ) -> tuple[Path, list[str]]:
    app = build_app(buildername, srcdir, builddir=builddir, freshenv=freshenv)
    return Path(app.outdir), warnings_of(app)


@pytest.fixture
def tree(tmp_path: Path, request: pytest.FixtureRequest) -> Tree:
    return Tree(tmp_path, getattr(request, "param", "html"))


# -- comparing outputs ------------------------------------------------------------------


def page_of(relpath: str, buildername: str) -> str:
    """The page name of an output file: ``speakers/x.html`` or ``speakers/x/index.html``."""
    if buildername == "dirhtml" and relpath.endswith("/index.html"):
        parts = relpath.split("/")
        if not (len(parts) == 2 and parts[0] in ("events", "speakers", "tags")):
            return relpath.removesuffix("/index.html")
    return relpath.removesuffix(".html")


def html_content(path: Path) -> dict[str, object]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    head = soup.head
    return {
        "title": str(soup.title),
        "meta": sorted(str(m) for m in head.find_all("meta")),
        "links": sorted(str(link) for link in head.find_all("link")
                        if set(link.get("rel", [])) & {"canonical", "alternate"}),
        "jsonld": [str(s) for s in soup.find_all("script", type="application/ld+json")],
        "body": str(soup.select_one("div.body")),
    }


def search_index(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1: text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {term: docs for term, docs in data[key].items() if docs != []}
    return data


def listing(outdir: Path) -> tuple[set[str], set[str]]:
    files, folders = set(), set()
    for path in outdir.rglob("*"):
        (files if path.is_file() else folders).add(path.relative_to(outdir).as_posix())
    return files, folders


def differences(incremental: Path, clean: Path, removed: tuple[str, ...] = ()) -> list[str]:
    files, folders = listing(incremental)
    clean_files, clean_folders = listing(clean)
    for doc in removed:  # Sphinx leaves the output of a removed source behind
        files -= {f"{doc}.html", f"{doc}/index.html", f"{doc}.txt", f"_sources/{doc}.md.txt"}
        folders.discard(doc)
    found = [f"only in the incremental build: {name}" for name in sorted(files - clean_files)]
    found += [f"only in the clean build: {name}" for name in sorted(clean_files - files)]
    found += [f"folder only in the incremental build: {name}"
              for name in sorted(folders - clean_folders)]
    found += [f"folder only in the clean build: {name}"
              for name in sorted(clean_folders - folders)]
    for name in sorted(files & clean_files):
        mine, theirs = incremental / name, clean / name
        if name.endswith(".html"):
            same = html_content(mine) == html_content(theirs)
        elif name == "searchindex.js":
            same = search_index(mine) == search_index(theirs)
        else:
            same = mine.read_bytes() == theirs.read_bytes()
        if not same:
            found.append(f"differs: {name}")
    return found


def generated(outdir: Path, folder: str) -> set[str]:
    """The names of the generated pages in a folder, without the index."""
    names = {p.relative_to(outdir / folder).as_posix() for p in (outdir / folder).rglob("*.html")}
    return {n.removesuffix("/index.html").removesuffix(".html") for n in names} - {"index"}


# -- incremental equals clean -------------------------------------------------------------


BACKSTAGE_GONE = ("listings.md:16: WARNING: eventlist :tags: names unknown tag 'Backstage' "
                  "[eventarchive.ref]")


def test_incremental_build_equals_clean_build(tree: Tree) -> None:
    out = tree.build()
    assert tree.warnings == []
    assert "ヤマダ" in generated(out, "speakers")

    # A report with a new speaker, a known one, a new tag, and a new event of a series.
    tree.srcdir.joinpath("new.md").write_text(NEW_REPORT, encoding="utf-8")
    assert tree.same_as_clean() == []
    assert tree.warnings == []
    assert {"nina-new", "abby-bangser"} <= generated(out, "speakers")
    assert "newtag" in generated(out, "tags")

    # A speaker's affiliation.
    tree.edit("cnd2023.md", "Zoe Zed (Acme)", "Zoe Zed (Globex)")
    assert tree.same_as_clean() == []

    # An event's date: it moves to another year and to the start of its series.
    tree.edit("online1.md", ":date: 2025-02-03T19:00+09:00", ":date: 2023-01-15T19:00+09:00")
    assert tree.same_as_clean() == []

    # A tag renamed: the old tag's page goes.
    tree.edit("cnd2023.md", ":tags: SRE", ":tags: Site Reliability")
    assert tree.same_as_clean() == []
    assert "sre" not in generated(out, "tags")
    assert "site-reliability" in generated(out, "tags")

    # A report removed: its only speakers and its only tag go with it.
    tree.srcdir.joinpath("online1.md").unlink()
    assert tree.same_as_clean(removed=("online1",)) == []
    assert [w.split("/src/")[-1] for w in tree.warnings] == [BACKSTAGE_GONE]
    assert generated(out, "speakers") == {"abby-bangser", "nina-new", "zoe-zed", "さとう", "佐々木"}
    assert "backstage" not in generated(out, "tags")
    assert not (out / "speakers" / "ヤマダ.html").exists()


PROFILE = """
# People

```{speaker} Abigail Bangser
:aliases: Abby Bangser
```
"""

EARLIER_WRITEUP = """\
# Kansai, as told by another

```{event} Kansai Meetup
:id: kansai1
:date: 2024-09-10
```
"""


def test_what_cards_show_from_other_reports_reaches_generated_pages(tree: Tree) -> None:
    # A generated page is rendered again only when what it shows changed; its
    # cards show facts written in other reports. Each edit here changes a fact
    # on a card and not the page's own text.
    out = tree.build()
    # The event of a session: its name is on the session's card (speaker and tag pages).
    tree.edit("pfem8.md", "{event} Platform Engineering Meetup 8",
              "{event} Platform Engineering Meetup No. 8")
    assert tree.same_as_clean() == []
    assert "Meetup No. 8" in (out / "speakers" / "abby-bangser.html").read_text(encoding="utf-8")
    # A report's title: it names the write-up on a card of a session written up twice.
    tree.edit("pfem8-notes.md", "title: PFEM 8 notes", "title: PFEM 8, more notes")
    assert tree.same_as_clean() == []
    # A profile elsewhere: the person's name on every card that shows them, and the link.
    tree.srcdir.joinpath("people.md").write_text(PROFILE, encoding="utf-8")
    assert tree.same_as_clean() == []
    assert "Abigail Bangser" in (out / "tags" / "platform-engineering.html").read_text(
        encoding="utf-8")
    # A write-up of the same event whose name sorts first: event links now go there.
    tree.srcdir.joinpath("a-kansai.md").write_text(EARLIER_WRITEUP, encoding="utf-8")
    assert tree.same_as_clean() == []
    tree.srcdir.joinpath("a-kansai.md").unlink()
    assert tree.same_as_clean(removed=("a-kansai",)) == []
    tree.srcdir.joinpath("people.md").unlink()
    assert tree.same_as_clean(removed=("a-kansai", "people")) == []


@pytest.mark.parametrize("tree", ["dirhtml"], indirect=True)
def test_incremental_dirhtml_equals_clean_build(tree: Tree) -> None:
    out = tree.build()
    tree.srcdir.joinpath("new.md").write_text(NEW_REPORT, encoding="utf-8")
    tree.edit("cnd2023.md", ":tags: SRE", ":tags: Site Reliability")
    assert tree.same_as_clean() == []
    assert (out / "speakers" / "nina-new" / "index.html").is_file()
    assert not (out / "tags" / "sre").exists()  # the folder goes with the page
    tree.srcdir.joinpath("online1.md").unlink()
    assert tree.same_as_clean(removed=("online1",)) == []
    assert generated(out, "speakers") == {"abby-bangser", "nina-new", "zoe-zed", "さとう", "佐々木"}
    assert not (out / "speakers" / "ヤマダ").exists()
    assert not (out / "tags" / "backstage").exists()


@pytest.mark.parametrize("tree", ["text"], indirect=True)
def test_text_listings_follow_changes(tree: Tree) -> None:
    out = tree.build()
    tree.srcdir.joinpath("new.md").write_text(NEW_REPORT, encoding="utf-8")
    tree.edit("pfem8.md", ":date: 2024-04-19T19:00+09:00", ":date: 2024-04-20T19:00+09:00")
    tree.srcdir.joinpath("online1.md").unlink()
    assert tree.same_as_clean(removed=("online1",)) == []
    listings = (out / "listings.txt").read_text(encoding="utf-8")
    assert "Fresh talk" in listings
    assert "Sat, Apr 20, 2024" in listings
    assert "Backstage" not in listings.replace(":tags: Backstage", "")


def test_builders_sharing_a_doctree_folder_stay_fresh(tree: Tree) -> None:
    # ``sphinx-build -M html`` and ``-M dirhtml`` share _build/doctrees. A change
    # seen by one builder must still reach the other builder's pages.
    tree.build("html")
    tree.build("dirhtml")
    tree.edit("online1.md", ":date: 2025-02-03T19:00+09:00", ":date: 2025-02-07T19:00+09:00")
    tree.build("dirhtml")
    out = tree.build("html")
    for page in ("index.html", "listings.html", "events/index.html"):
        assert "Fri, Feb 7, 2025" in (out / page).read_text(encoding="utf-8"), page


# -- what a rebuild writes -------------------------------------------------------------------


def freeze(srcdir: Path, outdir: Path) -> int:
    """Give every output file one mtime, later than every source; return it.

    Later than now too: Sphinx also rewrites pages older than the theme's
    templates, and a freshly installed theme (as in CI) is newer than sources.
    """
    newest = max(p.stat().st_mtime_ns for p in srcdir.rglob("*"))
    mark = max(newest, time.time_ns()) + 10**9
    for path in outdir.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(mark, mark))
    return mark


def written(outdir: Path, mark: int, buildername: str) -> set[str]:
    """Pages (reports and generated pages) written since ``freeze``."""
    pages = {page_of(p.relative_to(outdir).as_posix(), buildername)
             for p in outdir.rglob("*.html") if p.stat().st_mtime_ns != mark}
    return pages - ALWAYS_WRITTEN


def test_rebuilds_write_only_what_changed(tree: Tree) -> None:
    out = tree.build()

    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "html") == set(), "a rebuild without changes"

    tree.edit("cnd2023.md", "Zoe Zed (Acme)", "Zoe Zed (Globex)")
    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "html") == {
        "cnd2023",
        "index",  # the toctree that includes cnd2023: Sphinx rewrites it
        "speakers/index", "speakers/zoe-zed",
        # Session cards show each speaker's affiliation at the time.
        "listings", "tags/sre",
    }, "an affiliation edited"
    speakers = BeautifulSoup((out / "speakers" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    assert "Zoe Zed (Globex) — 1 session" in [
        " ".join(li.get_text().split()) for li in speakers.select("section li")]

    tree.edit("online1.md", ":date: 2025-02-03T19:00+09:00", ":date: 2025-02-07T19:00+09:00")
    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "html") == DATE_EDIT_WRITES, "an event's date edited"


def test_a_rebuild_of_every_document_rewrites_the_generated_pages(tree: Tree) -> None:
    """An edited template, ``-a`` and ``-E`` make Sphinx write every document again with no
    change of theirs: the generated pages are written again too, as a reader of those
    options expects (before, they kept the old template until their data changed)."""
    conf = tree.srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\ntemplates_path = ["_templates"]\n',
                    encoding="utf-8")
    template = tree.srcdir / "_templates" / "layout.html"
    template.parent.mkdir()
    template.write_text('{% extends "!layout.html" %}{% block footer %}{{ super() }}'
                        '<p id="edition">first</p>{% endblock %}', encoding="utf-8")
    out = tree.build()
    generated = {"speakers/index", "speakers/zoe-zed", "tags/sre", "events/index"}

    def edition(name: str) -> str:
        soup = BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"),
                             "html.parser")
        found = soup.select_one("#edition")
        return found.get_text() if found else ""

    assert {edition(name) for name in generated | {"cnd2023"}} == {"first"}
    mark = freeze(tree.srcdir, out)
    template.write_text(template.read_text(encoding="utf-8").replace("first", "second"),
                        encoding="utf-8")
    os.utime(template, ns=(mark + 10**9, mark + 10**9))  # newer than every page
    tree.build()
    assert {edition(name) for name in generated | {"cnd2023"}} == {"second"}

    mark = freeze(tree.srcdir, out)
    build_app("html", tree.srcdir, builddir=tree.base / "build", force_all=True)  # -a
    assert generated | {"cnd2023", "index"} <= written(out, mark, "html"), "-a"

    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "html") == set(), "a rebuild without changes, after -a"

    build_app("html", tree.srcdir, builddir=tree.base / "build", freshenv=True)  # -E
    assert generated | {"cnd2023", "index"} <= written(out, mark, "html"), "-E"


def test_an_edit_that_reaches_every_document_of_a_small_site_is_no_full_rewrite(
        tmp_path: Path) -> None:
    """A site of one report and the index whose toctree holds it: editing the report makes
    Sphinx write both documents (the report, and its toctree parent), which is every
    document, but not a rebuild of everything: the speaker and tag pages stay (SPEC §10:
    editing one report does not rewrite every speaker and tag page)."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_eventarchive"]\n'
        'html_baseurl = "https://archive.example.org/"\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Archive\n\n```{toctree}\nreport\n```\n",
                                     encoding="utf-8")
    report = srcdir / "report.md"
    report.write_text(
        "# Meetup 1\n\n```{event} Meetup 1\n:id: m1\n:date: 2025-03-01\n```\n\n"
        "```{session} Opening\n:speakers: Ada Lovelace (Analytical)\n:tags: Engines\n```\n"
        "\nThe opening talk.\n", encoding="utf-8")
    builddir = tmp_path / "build"
    out = Path(build_app("html", srcdir, builddir=builddir).outdir)
    generated = {"speakers/index", "speakers/ada-lovelace", "tags/index", "tags/engines",
                 "events/index"}
    assert all((out / f"{name}.html").is_file() for name in generated)

    mark = freeze(srcdir, out)
    report.write_text(report.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                      encoding="utf-8")
    build_app("html", srcdir, builddir=builddir)
    changed = written(out, mark, "html")
    assert {"index", "report"} <= changed  # every document was written...
    assert not changed & generated  # ...and no generated page: nothing they show changed


def test_search_index_is_fed_only_pages_that_changed(tree: Tree,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx.search import IndexBuilder

    fed: list[str] = []
    feed = IndexBuilder.feed

    def counting(self: IndexBuilder, docname: str, *args: object) -> None:
        fed.append(docname)
        feed(self, docname, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(IndexBuilder, "feed", counting)
    out = tree.build()
    assert {"speakers/zoe-zed", "tags/sre", "events/index"} <= set(fed)
    fed.clear()
    tree.build()
    assert fed == [], "a rebuild without changes"
    tree.edit("cnd2023.md", "Zoe Zed (Acme)", "Zoe Zed (Globex)")
    tree.build()
    # Sphinx feeds the documents it writes again; of the generated pages, those that
    # changed (written again too), and no other.
    assert sorted(name for name in fed if name.startswith(("events/", "speakers/", "tags/"))
                  ) == ["speakers/index", "speakers/zoe-zed", "tags/sre"]
    fed.clear()
    assert differences(out, tree.clean()) == []
    # A profile's bio becomes the speaker page's description, and goes with it: the
    # words the page was indexed under go too.
    tree.srcdir.joinpath("people.md").write_text(
        "# People\n\n```{speaker} Zoe Zed\nZoe juggles flamingos.\n```\n", encoding="utf-8")
    assert tree.same_as_clean() == []
    assert "speakers/zoe-zed" in fed
    tree.srcdir.joinpath("people.md").unlink()
    assert tree.same_as_clean(removed=("people",)) == []
    assert "flamingo" not in search_index(out / "searchindex.js")["terms"]  # type: ignore[index]
    # Without the previous index (deleted by hand), every generated page is fed again
    # (Sphinx warns that the documents it does not write again are missing).
    clean = search_index(out / "searchindex.js")
    (out / "searchindex.js").unlink()
    tree.build()
    rebuilt = search_index(out / "searchindex.js")

    def generated_titles(index: dict[str, list[str]]) -> dict[str, str]:
        return {name: title for name, title in zip(index["docnames"], index["titles"],
                                                   strict=True)
                if name.startswith(("events/", "speakers/", "tags/"))}

    assert generated_titles(rebuilt) == generated_titles(clean)  # type: ignore[arg-type]
    assert len(generated_titles(rebuilt)) > 10  # type: ignore[arg-type]


def test_an_edit_of_prose_makes_no_generated_page(tree: Tree,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The generated pages, and what other reports show, are made from the archive's
    # records: a sentence added to a report changes none, so none is made again.
    from sphinx_eventarchive.archive.freshness import Digests
    from sphinx_eventarchive.write.pagebodies import PageWriter

    made: list[str] = []
    plan, digests = PageWriter.plan, Digests.__init__
    monkeypatch.setattr(PageWriter, "plan", lambda self: (made.append("plan"),
                                                          plan(self))[1])

    def counted(self: Digests, *args: object) -> None:
        made.append("digests")
        digests(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Digests, "__init__", counted)
    out = tree.build()
    assert made == ["digests", "plan"]  # once each per build, however many pages
    made.clear()
    path = tree.srcdir / "cnd2023.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                    encoding="utf-8")
    mark = freeze(tree.srcdir, out)
    tree.build()
    assert made == []
    assert written(out, mark, "html") <= {"cnd2023", "index"}
    assert "One more sentence." in (out / "cnd2023.html").read_text(encoding="utf-8")
    assert differences(out, tree.clean()) == []


def test_the_calendar_is_rendered_only_when_what_it_shows_changes(
        tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    """events.ics shows events, not sessions: an affiliation edit changes the archive but
    not the calendar, which is not rendered to compare; an event's venue is in it."""
    import icalendar

    rendered: list[int] = []
    to_ical = icalendar.Calendar.to_ical
    monkeypatch.setattr(icalendar.Calendar, "to_ical", lambda self, *args, **kwargs: (
        rendered.append(1), to_ical(self, *args, **kwargs))[1])
    out = tree.build()
    assert rendered == [1]
    rendered.clear()
    tree.edit("cnd2023.md", "Zoe Zed (Acme)", "Zoe Zed (Acme Labs)")
    tree.build()
    assert rendered == []
    assert "Acme Labs" in (out / "archive.json").read_text(encoding="utf-8")
    tree.edit("cnd2023.md", ":venue: Yokohama Hall", ":venue: Osaka Hall")
    tree.build()
    assert rendered == [1]
    assert "Osaka Hall" in (out / "events.ics").read_text(encoding="utf-8")
    assert differences(out, tree.clean()) == []


DATE_EDIT_WRITES = {
    "online1",
    "index", "listings",  # their eventlists show the date
    "events/index",
    "tags/backstage",  # the event and its session are tagged Backstage
    "tags/ガイド",  # its session is tagged ガイド; the date is on the line
    "speakers/ヤマダ", "speakers/brian-brown", "speakers/サイトウ",  # its speakers
}


@pytest.mark.parametrize("tree", ["dirhtml"], indirect=True)
def test_dirhtml_rebuilds_write_only_what_changed(tree: Tree) -> None:
    out = tree.build()
    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "dirhtml") == set(), "a rebuild without changes"
    tree.edit("online1.md", ":date: 2025-02-03T19:00+09:00", ":date: 2025-02-07T19:00+09:00")
    mark = freeze(tree.srcdir, out)
    tree.build()
    assert written(out, mark, "dirhtml") == DATE_EDIT_WRITES, "an event's date edited"
