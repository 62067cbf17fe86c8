"""Every builder of SPEC §10 builds the basic root cleanly, and the decks are never lost."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of

DECKS = {
    "66ff0884adf14862b6019fc4bcc5c5f6":
        "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない",
    "573ebde7645141f9b15d34c637371033": "はてなにおけるメール基盤とDMARC対応",
    "e1ec178de2c040309d9ddac894f9a3dc":
        "プラットフォームってつくることより計測できることが重要なんじゃないかという話",
}
PLAYER = "https://speakerdeck.com/player/{}"

# EPUB asks for a copyright and a version; they are Sphinx's settings, not ours.
EPUB_CONF = {"copyright": "2024, Test", "version": "1.0"}


def squash(text: str) -> str:
    """Without white space, so text wrapped by a builder compares with the source."""
    return re.sub(r"\s+", "", text)


def output_text(app, suffix: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted(Path(app.outdir).rglob(f"*{suffix}")))


def assert_decks_linked(text: str) -> None:
    flat = squash(text)
    for deck_id, title in DECKS.items():
        assert squash(title) in flat, title
        assert PLAYER.format(deck_id) in flat, deck_id
    assert "<iframe" not in text and "iframe" not in flat.lower()


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "singlehtml"])
def test_html_builders(copy_root, buildername):
    app = copy_root("basic").build(buildername, freshenv=True)
    assert warnings_of(app) == []
    soup = BeautifulSoup(output_text(app, ".html"), "html.parser")
    srcs = {frame["src"] for frame in soup.find_all("iframe")}
    assert {PLAYER.format(deck_id) for deck_id in DECKS} <= srcs
    titles = {frame["title"] for frame in soup.find_all("iframe")}
    assert {f"Slides: {title}" for title in DECKS.values()} <= titles


def test_epub(copy_root):
    app = copy_root("basic").build("epub", freshenv=True, confoverrides=EPUB_CONF)
    assert warnings_of(app) == []
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        content = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                            if name.endswith(".xhtml"))
    assert "<iframe" not in content
    soup = BeautifulSoup(content, "html.parser")
    links = {(a.get_text(), a["href"]) for a in soup.find_all("a", href=True)}
    for deck_id, title in DECKS.items():
        assert (f"Slides: {title}", PLAYER.format(deck_id)) in links


def test_latex(copy_root):
    app = copy_root("basic").build("latex", freshenv=True)
    assert warnings_of(app) == []
    tex = output_text(app, ".tex")
    for deck_id, title in DECKS.items():
        assert f"\\sphinxhref{{{PLAYER.format(deck_id)}}}{{Slides: {title}}}" in tex
    assert "iframe" not in tex


def test_text(copy_root):
    app = copy_root("basic").build("text", freshenv=True)
    assert warnings_of(app) == []
    # A plain-text reader must be able to reach the deck: its URL, next to its title.
    assert_decks_linked(output_text(app, ".txt"))


def test_man(copy_root):
    app = copy_root("basic").build("man", freshenv=True)
    assert warnings_of(app) == []
    page = output_text(app, ".1")
    # roff escapes: \: is a break point, \% a hyphenation mark.
    assert_decks_linked(page.replace("\\:", "").replace("\\%", ""))


def test_texinfo(copy_root):
    app = copy_root("basic").build("texinfo", freshenv=True)
    assert warnings_of(app) == []
    assert_decks_linked(output_text(app, ".texi"))


def test_gettext(copy_root):
    app = copy_root("basic").build("gettext", freshenv=True)
    assert warnings_of(app) == []
    catalog = output_text(app, ".pot")
    for title in DECKS.values():
        assert f'msgid "{title}"' in catalog
    assert "iframe" not in catalog


def test_generated_pages_only_for_html_builders(copy_root):
    app = copy_root("basic").build("singlehtml", freshenv=True)
    out = Path(app.outdir)
    assert not (out / "speakers").exists() and not (out / "tags").exists()
    # Speaker links still lead somewhere on the single page.
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    for link in soup.select(".eventarchive-speakers a"):
        href = link["href"]
        assert href.startswith("#") or href.startswith("index.html#"), href
        assert href.split("#", 1)[1] in ids, href
