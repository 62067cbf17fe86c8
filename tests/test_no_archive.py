"""A site without archive content is built exactly as without us (SPEC §1).

The baseline is the same project with only the two extensions we set up
ourselves (sphinx_design and sphinxext.opengraph). Pages of sphinx-design's
directives and MyST's syntax, with front matter of every shape (dates that are
no ISO dates, lists, mappings), are built with and without the extension,
under html and dirhtml, and compared file by file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of

BASELINE = ["myst_parser", "sphinx_design", "sphinxext.opengraph"]
WITH_US = [*BASELINE, "sphinx_eventarchive"]


def _files(outdir: Path) -> dict[str, bytes]:
    # .buildinfo holds a hash of every configuration value, ours included: it names
    # the settings, not the output, and Sphinx reads it alone.
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for path in sorted(outdir.rglob("*"))
            if path.is_file() and path.name != ".buildinfo"}


def _build(tmp_path: Path, name: str, builder: str, extensions: list[str],
           files: dict[str, str] | None = None):
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-no-archive", srcdir)
    for file, text in (files or {}).items():
        (srcdir / file).write_text(text, encoding="utf-8")
    app = build_app(builder, srcdir, builddir=tmp_path / f"{name}-build",
                    confoverrides={"extensions": extensions})
    return app


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_site_without_archive_content_is_built_as_without_us(tmp_path: Path,
                                                              builder: str) -> None:
    plain = _build(tmp_path, "plain", builder, BASELINE)
    ours = _build(tmp_path, "ours", builder, WITH_US)
    assert warnings_of(ours) == [w.replace(str(tmp_path / "plain"), str(tmp_path / "ours"))
                                 for w in warnings_of(plain)]
    assert not archive_warnings(ours)
    expected, got = _files(Path(plain.outdir)), _files(Path(ours.outdir))
    assert sorted(got) == sorted(expected)
    different = [name for name in expected if expected[name] != got[name]]
    assert not different
    # The doctree folder holds no file of ours either.
    assert not list(Path(ours.doctreedir).glob("eventarchive*"))


def test_a_toctree_entry_makes_the_page_it_names(tmp_path: Path) -> None:
    """An archive with no events yet: the entry is no dangling reference under -W, and
    its page is written (with our CSS); nothing else of ours is."""
    index = (ROOTS / "test-no-archive" / "index.md").read_text(encoding="utf-8")
    app = _build(tmp_path, "named", "html", WITH_US,
                 {"index.md": index.replace("folder/page\n", "folder/page\nevents/index\n")})
    assert not warnings_of(app)
    outdir = Path(app.outdir)
    page = BeautifulSoup((outdir / "events/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.find("link", href=lambda href: href and "eventarchive.css" in href)
    assert (outdir / "_static/eventarchive.css").is_file()
    assert not (outdir / "speakers").exists() and not (outdir / "tags").exists()
    assert not (outdir / "archive.json").exists() and not (outdir / "atom.xml").exists()
    # Pages without our markup still carry none of it.
    other = (outdir / "syntax.html").read_text(encoding="utf-8")
    assert "eventarchive" not in other


def test_front_matter_alone_makes_no_report(tmp_path: Path) -> None:
    """A date that is no ISO date, on a page with no archive directive, is not judged; the
    same front matter beside an event is a report's and is."""
    app = _build(tmp_path, "report", "html", WITH_US, {
        "conf.py": (ROOTS / "test-no-archive" / "conf.py").read_text(encoding="utf-8")
        + 'html_baseurl = "https://docs.example.org/"\n',
        "folder/page.md": "---\ndate: 2/12/1985\n---\n# Meetup\n\n"
                          "```{event} Meetup\n:date: 2024-04-19\n```\n"})
    warned = archive_warnings(app)
    assert len(warned) == 1 and "page.md" in warned[0] and "[eventarchive.date]" in warned[0]


def test_an_archive_site_gives_every_page_an_absolute_og_url(tmp_path: Path) -> None:
    """html_baseurl fills sphinxext-opengraph's ogp_site_url on an archive site, so pages
    that are not archive pages share with an absolute URL too."""
    conf = (ROOTS / "test-no-archive" / "conf.py").read_text(encoding="utf-8")
    app = _build(tmp_path, "site", "html", WITH_US, {
        "conf.py": conf + 'html_baseurl = "https://docs.example.org/sub/"\n',
        "folder/page.md": "# Meetup\n\n```{event} Meetup\n:date: 2024-04-19\n```\n"})
    assert not archive_warnings(app)
    for name in ("syntax.html", "design.html", "folder/page.html"):
        soup = BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"),
                             "html.parser")
        url = soup.find("meta", property="og:url")["content"]
        assert url == f"https://docs.example.org/sub/{name}", name


def test_the_base_url_warning_only_where_an_archive_page_needs_it(tmp_path: Path) -> None:
    plain = _build(tmp_path, "plain", "html", WITH_US)
    assert not archive_warnings(plain)
    archive = _build(tmp_path, "archive", "html", WITH_US, {
        "folder/page.md": "# Meetup\n\n```{event} Meetup\n:date: 2024-04-19\n```\n"})
    assert [w for w in archive_warnings(archive) if "[eventarchive.baseurl]" in w] \
        == [w for w in archive_warnings(archive)]
    assert len(archive_warnings(archive)) == 1
    # Not for builders that need no absolute URL.
    latex = _build(tmp_path, "latex", "latex", WITH_US, {
        "folder/page.md": "# Meetup\n\n```{event} Meetup\n:date: 2024-04-19\n```\n"})
    assert not archive_warnings(latex)


def test_the_first_event_and_the_last_reach_every_page(project) -> None:
    """What an archive adds to every page (an absolute og:url, the feed's link) comes with
    its first content and goes with its last, as a clean build has it."""
    conf = (ROOTS / "test-no-archive" / "conf.py").read_text(encoding="utf-8") \
        + 'extensions.append("sphinx_eventarchive")\nhtml_baseurl = "https://d.example/"\n'
    files = {path.relative_to(ROOTS / "test-no-archive").as_posix():
             path.read_text(encoding="utf-8")
             for path in (ROOTS / "test-no-archive").rglob("*") if path.is_file()}
    site = project({**files, "conf.py": conf})
    event = "# Meetup\n\n```{event} Meetup\n:date: 2024-04-19\n```\n"

    def og_url(app) -> str:
        soup = BeautifulSoup((Path(app.outdir) / "syntax.html").read_text(encoding="utf-8"),
                             "html.parser")
        return soup.find("meta", property="og:url")["content"]

    assert og_url(site.build()) == "syntax.html"
    added = site.write({"folder/page.md": event}).build()
    assert og_url(added) == "https://d.example/syntax.html"
    assert 'type="application/atom+xml"' in site.out(added, "syntax.html")
    removed = site.write({"folder/page.md": files["folder/page.md"]}).build()
    assert og_url(removed) == "syntax.html"
    assert "eventarchive" not in site.out(removed, "syntax.html")
    assert not (Path(removed.outdir) / "archive.json").exists()
