"""Every builder Sphinx ships builds one small but complete archive (SPEC §10).

The ``every-builder`` root has MyST and rST reports, one event written up in
three reports (one of them outside the PDF's and Info manual's document tree:
``latex_documents`` names only the index and no toctree holds it), a draft,
listings, roles, a ``speakerdeck`` directive and sessions with slides and
video. Each builder must finish without a warning, and what a reader of that
format needs must be there: session titles, speakers, the slides' addresses.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of
from docutils import nodes

from sphinx_eventarchive.doc import nodes as our_nodes
from sphinx_eventarchive.write.html import HANDLERS

SESSIONS = {
    "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない",
    "Measuring platforms",
    "Platform as a product",
    "The future of platforms",
}
SPEAKERS = {"坂本", "佐々木", "Abby Bangser", "Whitney Lee"}
SLIDES = {
    "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6",
    "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc",
    "https://speakerdeck.com/player/573ebde7645141f9b15d34c637371033",
}
VIDEO = "https://www.youtube.com/watch?v=koMsUFOar88"
#: A session on the report outside the PDF's tree (listings still name it).
WEB_ONLY = "A talk only the web has"
#: Text of that report itself.
WEB_ONLY_TEXT = "zephyrine"


def squash(text: str) -> str:
    """Without white space, so text a builder wrapped compares with the source."""
    return re.sub(r"\s+", "", text)


def read_all(app, suffix: str) -> str:
    return "\n".join(path.read_text(encoding="utf-8")
                     for path in sorted(Path(app.outdir).rglob(f"*{suffix}")))


def assert_content(text: str, *, urls: bool = True) -> None:
    flat = squash(text)
    for title in SESSIONS | SPEAKERS:
        assert squash(title) in flat, title
    if urls:
        for url in SLIDES | {VIDEO}:
            assert url in flat, url


def build(copy_root, buildername: str, **kwargs):
    app = copy_root("every-builder").build(buildername, freshenv=True, **kwargs)
    assert warnings_of(app) == []
    return app


# -- HTML-format builders ----------------------------------------------------------------------


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "singlehtml"])
def test_html_builders(copy_root, buildername):
    app = build(copy_root, buildername)
    soup = BeautifulSoup(read_all(app, ".html"), "html.parser")
    frames = {frame["src"].partition("?")[0] for frame in soup.find_all("iframe")}
    assert frames >= SLIDES
    assert_content(soup.get_text(" "), urls=False)
    assert WEB_ONLY in soup.get_text(" ")


def test_epub(copy_root):
    app = build(copy_root, "epub")
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        content = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                            if name.endswith(".xhtml"))
    assert "<iframe" not in content
    soup = BeautifulSoup(content, "html.parser")
    assert_content(soup.get_text(" "), urls=False)
    assert SLIDES | {VIDEO} <= {a["href"] for a in soup.find_all("a", href=True)}


def test_parallel_html_gives_the_same_pages(copy_root):
    serial = build(copy_root, "html", parallel=1)
    parallel = copy_root("every-builder", dest="parallel").build(
        "html", freshenv=True, parallel=2)
    assert warnings_of(parallel) == []
    first, second = Path(serial.outdir), Path(parallel.outdir)
    pages = sorted(p.relative_to(first) for p in first.rglob("*")
                   if p.suffix in (".html", ".json", ".ics", ".xml"))
    assert len(pages) > 10
    assert pages == sorted(p.relative_to(second) for p in second.rglob("*")
                           if p.suffix in (".html", ".json", ".ics", ".xml"))
    for page in pages:
        assert (first / page).read_bytes() == (second / page).read_bytes(), page


# -- one document: LaTeX and Texinfo -----------------------------------------------------------


def test_latex(copy_root):
    app = build(copy_root, "latex")
    tex = (Path(app.outdir) / "everybuilder.tex").read_text(encoding="utf-8")
    assert_content(tex.replace("\\sphinxhyphen{}", "-").replace("\\&", "&"))
    for url in SLIDES:
        assert f"\\sphinxhref{{{url}}}" in tex
    # The report outside the PDF's tree is not in it; the others name it without a link.
    assert WEB_ONLY_TEXT not in tex and f"\\subsubsection*{{{WEB_ONLY}}}" not in tex
    assert "A web\\sphinxhyphen{}only report" in tex
    assert "iframe" not in tex


def test_texinfo(copy_root):
    app = build(copy_root, "texinfo")
    texi = read_all(app, ".texi")
    assert_content(texi)
    assert WEB_ONLY_TEXT not in texi and f"heading {WEB_ONLY}" not in texi


@pytest.mark.parametrize("buildername", ["latex", "singlehtml"])
def test_cards_in_one_big_document_do_not_list_their_own_report(copy_root, buildername):
    app = build(copy_root, buildername)
    if buildername == "latex":
        tex = (Path(app.outdir) / "everybuilder.tex").read_text(encoding="utf-8")
        draft = tex[tex.index("\\chapter{Draft report}") + 1:]
        assert "Other reports" not in draft.partition("\\chapter")[0]
    else:
        soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        for card in soup.select(".eventarchive-card"):
            title = card.select_one(".eventarchive-card-title").get_text()
            others = [dt.find_next_sibling("dd").get_text() for dt in card.find_all("dt")
                      if "Other reports" in dt.get_text()]
            if title == "Draft Meetup":
                assert others == []


# -- plain text and manual pages ---------------------------------------------------------------


def test_text(copy_root):
    app = build(copy_root, "text")
    text = read_all(app, ".txt")
    assert_content(text)
    # A plain-text reader reaches each deck by the address written next to its title.
    deck = "https://speakerdeck.com/player/e1ec178de2c040309d9ddac894f9a3dc"
    assert squash(f"Slides: Measuring platforms <{deck}> (Speaker Deck)") in squash(text)


def test_man(copy_root):
    app = build(copy_root, "man")
    page = read_all(app, ".1")
    # roff escapes: \: is a break point, \% a hyphenation mark, \- a minus.
    assert_content(page.replace("\\:", "").replace("\\%", "").replace("\\-", "-"))


# -- catalogs, XML ------------------------------------------------------------------------------


def test_gettext(copy_root):
    app = build(copy_root, "gettext")
    catalog = read_all(app, ".pot")
    for title in SESSIONS:
        assert f'msgid "{title}"' in catalog
    assert "iframe" not in catalog


def test_xml(copy_root):
    app = build(copy_root, "xml")
    headings, embeds, events = set(), set(), 0
    for path in Path(app.outdir).rglob("*.xml"):
        root = ET.parse(path).getroot()  # well-formed
        headings |= {node.text for node in root.iter("session_heading")}
        embeds |= {node.get("url") for node in root.iter("embed_node")}
        events += len(list(root.iter("event_node")))
        # Placeholders are filled in before any builder sees them.
        assert not list(root.iter("event_card")) and not list(root.iter("listing_node"))
        for node in root.iter("embed_node"):
            assert float(node.get("ratio")) > 0
    assert headings >= SESSIONS
    assert embeds >= SLIDES
    assert events >= 5


def test_every_node_is_registered():
    # Registration is what gives docutils' XML writer a visitor for a node.
    defined = {value for value in vars(our_nodes).values()
               if isinstance(value, type) and issubclass(value, nodes.Element)
               and value.__module__ == our_nodes.__name__}
    assert set(our_nodes.NODES) == defined
    assert set(HANDLERS) == defined


def test_pseudoxml(copy_root):
    app = build(copy_root, "pseudoxml")
    text = read_all(app, ".pseudoxml")
    assert "<session_heading" in text and "<embed_node" in text
    assert_content(text)


# -- linkcheck: the read phase, and no request leaves the machine -------------------------------


def test_linkcheck_reads_every_link_offline(copy_root, monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def refuse(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("no network in tests")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    app = build(copy_root, "linkcheck")
    assert attempts == []
    report = (Path(app.outdir) / "output.json").read_text(encoding="utf-8")
    for url in SLIDES | {VIDEO}:
        assert f'"uri": "{url}"' in report
    assert '"status": "broken"' not in report


# -- builders sharing one doctree folder --------------------------------------------------------


def test_builders_sharing_one_doctree_folder(copy_root):
    project = copy_root("every-builder")
    first = project.build("html", freshenv=True)
    assert warnings_of(first) == []
    out = Path(first.outdir)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
              if p.suffix in (".html", ".json", ".ics", ".xml")}

    latex = project.build("latex")
    assert warnings_of(latex) == []
    assert Path(latex.doctreedir) == Path(first.doctreedir)
    assert_content((Path(latex.outdir) / "everybuilder.tex").read_text(encoding="utf-8")
                   .replace("\\sphinxhyphen{}", "-").replace("\\&", "&"))

    again = project.build("html")
    assert warnings_of(again) == []
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
             if p.suffix in (".html", ".json", ".ics", ".xml")}
    assert after == before
