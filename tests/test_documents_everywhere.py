"""Generated pages behave like documents everywhere (SPEC §4, §10): themes' navigation,
dirhtml, sphinx-immaterial, intersphinx both ways, translations.

The browser test that clicks through each theme's sidebar is in
``tests/test_browser_navigation.py``; here the links are read from the HTML.
"""

from __future__ import annotations

import importlib.util
import json
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, archive_warnings, build_app, warnings_of

INDEXES = {"Events": "events/index", "Speakers": "speakers/index", "Tags": "tags/index"}
THEMES = {"alabaster": None, "furo": "furo", "sphinx_rtd_theme": "sphinx_rtd_theme",
          "pydata_sphinx_theme": "pydata_sphinx_theme",
          "sphinx_book_theme": "sphinx_book_theme", "sphinx_immaterial": "sphinx_immaterial"}


class Built(NamedTuple):
    outdir: Path
    #: Every warning, one a line.
    warnings: list[str]


def build_root(tmp_path: Path, root: str, builder: str = "html", name: str = "src",
               theme: str = "") -> Built:
    """A test root built under ``theme``. sphinx-immaterial is built by sphinx-build in a
    process of its own: setting it up patches Sphinx's classes for the whole process
    (its search index, its object descriptions), which would change every later build
    of the test session."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    if theme != "sphinx_immaterial":
        app = build_app(builder, srcdir, builddir=tmp_path / f"{name}-build",
                        confoverrides={"html_theme": theme} if theme else {})
        return Built(Path(app.outdir), warnings_of(app))
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        # An extension as well as a theme; its default fonts are fetched at build time.
        conf.write('html_theme = "sphinx_immaterial"\nextensions.append("sphinx_immaterial")\n'
                   'html_theme_options = {"font": False}\n')
    outdir = tmp_path / f"{name}-build" / builder
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(srcdir),
                           str(outdir)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return Built(outdir, [line for line in done.stderr.splitlines() if "WARNING" in line])


def page_file(outdir: Path, pagename: str, builder: str) -> Path:
    if builder == "dirhtml" and not pagename.endswith("index"):
        return outdir / pagename / "index.html"
    return outdir / f"{pagename}.html"


def landing(outdir: Path, here: Path, href: str) -> Path:
    """The file a relative link on ``here`` opens, as a browser resolves it."""
    base = "file://" + here.as_posix()
    target = unquote(urljoin(base, href).removeprefix("file://").partition("#")[0])
    path = Path(posixpath.normpath(target))
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("theme", list(THEMES))
def test_navigation_on_generated_pages(tmp_path: Path, theme: str, builder: str) -> None:
    """On every generated page, each link of the navigation named Events, Speakers or
    Tags opens that index; only the index itself may be "#", and a speaker or tag
    page's own index is the current entry where the theme marks one."""
    if THEMES[theme] and importlib.util.find_spec(THEMES[theme]) is None:
        pytest.skip(f"the {theme} theme is not installed")
    built = build_root(tmp_path, "navigation", builder, theme=theme)
    assert [line for line in built.warnings if "[eventarchive." in line] == []
    outdir = built.outdir
    pages = {"speakers/zoe-zed": "speakers/index", "tags/sre": "tags/index",
             "events/index": "events/index", "speakers/index": "speakers/index",
             "tags/index": "tags/index"}
    for pagename, section in pages.items():
        here = page_file(outdir, pagename, builder)
        soup = BeautifulSoup(here.read_text(encoding="utf-8"), "html.parser")
        for ours in soup.select("section.eventarchive-page"):
            ours.decompose()  # the page's own content links to indexes too
        found = 0
        for link in soup.find_all("a", href=True):
            label = " ".join(link.get_text().split())
            if label not in INDEXES:
                continue
            found += 1
            target = INDEXES[label]
            if link["href"] == "#":
                assert target == pagename, (theme, builder, pagename, label)
                continue
            opened = landing(outdir, here, link["href"])
            assert opened == page_file(outdir, target, builder), (
                theme, builder, pagename, label, link["href"])
            if target == section and pagename != section and "current" in " ".join(
                    link.parent.get("class", [])):
                continue  # the section marked as current, with a working link
        assert found >= 3, (theme, builder, pagename)
    if theme == "alabaster":  # the classic sidebar: the section is the current entry
        soup = BeautifulSoup(page_file(outdir, "speakers/zoe-zed", builder).read_text(
            encoding="utf-8"), "html.parser")
        current = [" ".join(a.get_text().split())
                   for a in soup.select("div.sphinxsidebar li.current > a")]
        assert current == ["Speakers"]


def test_a_users_page_where_a_generated_page_would_land(tmp_path: Path) -> None:
    """A root ``speakers.md`` and the speakers index are both speakers/index.html under
    dirhtml: the user's page wins under every builder, with a warning naming the setting,
    and links go to it."""
    for builder in ("dirhtml", "html"):
        srcdir = tmp_path / builder
        shutil.copytree(ROOTS / "test-navigation", srcdir)
        (srcdir / "speakers.md").write_text(
            "# Our speakers\n\nWritten by hand. See {archive-page}`speakers`.\n",
            encoding="utf-8")
        index = (srcdir / "index.md").read_text(encoding="utf-8")
        (srcdir / "index.md").write_text(index.replace("speakers/index\n", "speakers\n"),
                                         encoding="utf-8")
        app = build_app(builder, srcdir, builddir=tmp_path / f"{builder}-build")
        warned = archive_warnings(app)
        assert len(warned) == 1 and "[eventarchive.path]" in warned[0], warned
        assert "eventarchive_speakers_path" in warned[0]
        assert [w for w in warnings_of(app) if w not in warned] == []
        outdir = Path(app.outdir)
        mine = outdir / ("speakers/index.html" if builder == "dirhtml" else "speakers.html")
        assert "Written by hand." in mine.read_text(encoding="utf-8")
        assert not (outdir / "speakers" / "index.html").exists() or builder == "dirhtml"
        # The role and the speaker pages' own links lead to the user's page.
        soup = BeautifulSoup(mine.read_text(encoding="utf-8"), "html.parser")
        role = soup.select_one("div.body a.reference.internal, div.body a.internal")
        assert role is not None and landing(outdir, mine, role["href"]) == mine
        assert (page_file(outdir, "speakers/zoe-zed", builder)).is_file()


def test_sphinx_immaterial_builds_with_W(tmp_path: Path) -> None:
    if importlib.util.find_spec("sphinx_immaterial") is None:
        pytest.skip("sphinx-immaterial is not installed")
    built = build_root(tmp_path, "pages-archive", theme="sphinx_immaterial")
    assert built.warnings == []


OTHER = """\
extensions = ["myst_parser", "sphinx_eventarchive", "sphinx.ext.intersphinx"]
project = "Other"
html_baseurl = "https://other.example.org/"
intersphinx_mapping = {{"archive": ("https://archive.example.org/", {inventory!r})}}
"""

OTHER_INDEX = """\
# Other

- {external+archive:eventarchive:speaker}`Zoe Zed`
- {external+archive:eventarchive:speaker}`zoe zed`
- {external+archive:eventarchive:speaker}`Z. Zed`
- {external+archive:eventarchive:tag}`SRE`
- {external+archive:eventarchive:event}`m8`
- {external+archive:eventarchive:session}`m8/measuring-platforms`
- {external+archive:doc}`speakers/index`
- {speaker}`Zoe Zed` and {tag}`Metrics`, which only the archive has
- {speaker}`Nobody Anywhere`
"""


def test_intersphinx_both_ways(tmp_path: Path) -> None:
    archive_src = tmp_path / "archive"
    shutil.copytree(ROOTS / "test-navigation", archive_src)
    (archive_src / "people.md").write_text(
        "# People\n\n```{speaker} Zoe Zed\n:aliases: Z. Zed\n```\n", encoding="utf-8")
    archive = build_app("html", archive_src, builddir=tmp_path / "archive-build")
    inventory = Path(archive.outdir) / "objects.inv"
    from sphinx.util.inventory import InventoryFile

    with inventory.open("rb") as stream:
        entries = InventoryFile.load(stream, "https://archive.example.org/", posixpath.join)
    data = {key: set(value) for key, value in getattr(entries, "data", entries).items()}
    assert {"Zoe Zed", "zoe zed", "Z. Zed"} <= data["eventarchive:speaker"]
    assert {"SRE", "sre"} <= data["eventarchive:tag"]
    assert "m8" in data["eventarchive:event"]
    assert {"events/index", "speakers/index", "tags/index"} <= data["std:doc"]

    other_src = tmp_path / "other"
    other_src.mkdir()
    (other_src / "conf.py").write_text(OTHER.format(inventory=str(inventory)), encoding="utf-8")
    (other_src / "index.md").write_text(OTHER_INDEX, encoding="utf-8")
    other = build_app("html", other_src, builddir=tmp_path / "other-build")
    warned = warnings_of(other)
    assert len(warned) == 1 and "[eventarchive.ref]" in warned[0], warned
    assert "Nobody Anywhere" in warned[0]
    soup = BeautifulSoup((Path(other.outdir) / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    hrefs = [a["href"] for a in soup.select("div.body li a")]
    assert hrefs == [
        "https://archive.example.org/speakers/zoe-zed.html",
        "https://archive.example.org/speakers/zoe-zed.html",
        "https://archive.example.org/speakers/zoe-zed.html",
        "https://archive.example.org/tags/sre.html",
        "https://archive.example.org/meetup8.html#event-m8",
        "https://archive.example.org/meetup8.html#session-m8_2f_measuring_-platforms",
        "https://archive.example.org/speakers/index.html",
        "https://archive.example.org/speakers/zoe-zed.html",
        "https://archive.example.org/tags/metrics.html",
    ]


TRANSLATED = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Meetup 8"
msgstr "第8回勉強会"

msgid "Measuring platforms"
msgstr "プラットフォームを測る"
"""


def test_a_translated_build_shows_the_translation_everywhere(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    # The event's name differs from the page's heading: the catalog still has it.
    report = (srcdir / "meetup8.md").read_text(encoding="utf-8")
    (srcdir / "meetup8.md").write_text(report.replace("# Meetup 8", "# Report of the 8th"),
                                       encoding="utf-8")
    catalogs = build_app("gettext", srcdir, builddir=tmp_path / "gettext",
                         confoverrides={"gettext_compact": False})
    messages = (Path(catalogs.outdir) / "meetup8.pot").read_text(encoding="utf-8")
    assert 'msgid "Meetup 8"' in messages and 'msgid "Measuring platforms"' in messages
    assert "eventarchive" not in messages  # no label or markup of ours is a message

    po = srcdir / "locales" / "ja" / "LC_MESSAGES" / "meetup8.po"
    po.parent.mkdir(parents=True)
    po.write_text(TRANSLATED, encoding="utf-8")
    app = build_app("html", srcdir, builddir=tmp_path / "ja", confoverrides={
        "language": "ja", "locale_dirs": ["locales"], "gettext_compact": False})
    assert archive_warnings(app) == []
    outdir = Path(app.outdir)

    def text(name: str) -> str:
        soup = BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")
        for wbr in soup.find_all("wbr"):
            wbr.unwrap()
        return soup.get_text()

    for name in ("meetup8.html", "meetup9.html", "events/index.html",
                 "speakers/zoe-zed.html", "tags/sre.html", "tags/metrics.html"):
        shown = text(name)
        assert "Meetup 8" not in shown and "Measuring platforms" not in shown, name
    assert "第8回勉強会" in text("meetup8.html") and "プラットフォームを測る" in text(
        "meetup8.html")
    assert "プラットフォームを測る" in text("speakers/zoe-zed.html")
    assert "第8回勉強会" in text("meetup9.html")  # the series' previous event
    data = json.loads((outdir / "archive.json").read_text(encoding="utf-8"))
    assert {e["name"] for e in data["events"]} == {"第8回勉強会", "Meetup 9"}
    # The ids stay those of the names as written: links do not change with the language.
    assert {e["id"] for e in data["events"]} == {"m8", "m9"}
