"""Social card images (extra ``cards``): drawn for pages with no image, Japanese in real glyphs."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
import sys
import types
from pathlib import Path

import imagesize
import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

pytest.importorskip("PIL", reason="the cards extra installs Pillow")

from sphinx_eventarchive.core.phrases import phrases  # noqa: E402
from sphinx_eventarchive.social import cardimages, cardlayout  # noqa: E402

TITLE = "プラットフォームってつくることより計測できることが重要なんじゃないかという話"
REPORT = f"""\
---
title: {TITLE}
---
# Report

```{{event}} Platform Engineering Meetup #8
:id: pfem8
:date: 2024-04-19T19:00+09:00
:venue: gusuku Ashibinaa OSAKA
:location: 大阪
```

```{{session}} 計測の話
:speakers: 佐々木 (コドモン)
:tags: SRE
```

Body text.
"""
OWN_IMAGE = ("---\nimage: https://example.org/own.png\n---\n# Own\n\n"
             "```{event} E\n:date: 2024-01-01\n```\n")
ROBOTO = Path(sys.modules["sphinxext.opengraph"].__file__ if "sphinxext.opengraph" in sys.modules
              else __import__("sphinxext.opengraph").opengraph.__file__).parent / "_static" \
    / "Roboto-Flex.ttf"


def og(app, page: str) -> dict[str, str]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.find_all("meta")
            if tag.get("content") is not None}


def card_file(app, url: str) -> Path:
    assert url.startswith("https://archive.example.org/_images/eventarchive/cards/"), url
    from urllib.parse import unquote

    return Path(app.outdir) / unquote(url.removeprefix("https://archive.example.org/"))


@pytest.fixture
def archive(project):
    if cardimages.font_path(types.SimpleNamespace(eventarchive_card_font=""), ".") is None:
        pytest.skip("no font of the cards extra is installed")
    return project({"index.md": "# Home\n", "report.md": REPORT, "own.md": OWN_IMAGE})


def test_cards_for_pages_without_an_image(archive):
    app = archive.build()
    assert archive_warnings(app) == []
    for page in ("report.html", "speakers/佐々木.html", "tags/sre.html"):
        meta = og(app, page)
        path = card_file(app, meta["og:image"])
        assert path.is_file(), page
        assert imagesize.get(str(path)) == (1200, 630)
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["twitter:card"] == "summary_large_image"
    assert og(app, "report.html")["og:image:alt"] == TITLE
    assert og(app, "own.html")["og:image"] == "https://example.org/own.png"


def test_redrawn_when_the_title_changes_and_only_then(archive):
    app = archive.build()
    first = card_file(app, og(app, "report.html")["og:image"])
    stamp = first.stat().st_mtime_ns
    archive.write({"report.md": REPORT.replace("Body text.", "Other body text.")})
    app = archive.build()
    assert card_file(app, og(app, "report.html")["og:image"]) == first
    assert first.stat().st_mtime_ns == stamp  # not drawn again
    archive.write({"report.md": REPORT.replace(TITLE, TITLE + "（後編）")})
    app = archive.build()
    second = card_file(app, og(app, "report.html")["og:image"])
    assert second != first and second.is_file()
    assert not first.exists()  # the old card is gone, as in a clean build
    archive.remove("report.md")
    archive.write({"index.md": "# Home\n\nNo report any more.\n"})
    app = archive.build()
    assert not second.exists() and not second.parent.exists()


def test_japanese_is_drawn_not_tofu():
    noto = cardimages.font_path(types.SimpleNamespace(eventarchive_card_font=""), ".")
    if noto is None:
        pytest.skip("no font of the cards extra is installed")
    japanese = [char for char in TITLE if ord(char) > 0x3000]
    # The same text with a font that lacks Japanese: every character is the .notdef box.
    assert set(cardimages.missing_glyphs(TITLE, str(ROBOTO))) == set(japanese)
    assert cardimages.missing_glyphs(TITLE, str(noto)) == []
    assert cardimages.drawable(TITLE + " 🎉", str(noto)) == TITLE  # no box for the emoji
    # Drawn, the two differ: real glyphs are not boxes.
    from PIL import Image, ImageChops

    with_noto = Image.open(io.BytesIO(cardimages.draw(TITLE, [], "", str(noto))))
    boxes = cardlayout.load_font(str(ROBOTO), 64).getmask("計")
    glyph = cardlayout.load_font(str(noto), 64).getmask("計")
    assert bytes(boxes) != bytes(glyph)
    assert with_noto.format == "JPEG"
    assert ImageChops.difference(with_noto.convert("L"),
                                 Image.new("L", with_noto.size, 255)).getbbox() is not None


def test_a_font_of_ones_own(archive):
    shutil.copy(ROBOTO, archive.srcdir / "latin.ttf")
    app = archive.build(confoverrides={"eventarchive_card_font": "latin.ttf"})
    assert card_file(app, og(app, "report.html")["og:image"]).is_file()
    app = archive.build(confoverrides={"eventarchive_card_font": "missing.ttf"})
    assert any("eventarchive_card_font" in w and "[eventarchive.config]" in w
               for w in archive_warnings(app))


def test_a_drawn_card_wins_over_the_sites_default_picture(archive):
    """ogp_image is the site's default: an archive page shares its own card, a page that is
    no archive page the default (sphinxext-opengraph's, as without us)."""
    (archive.srcdir / "_static").mkdir()
    shutil.copy(card_file_source(), archive.srcdir / "_static" / "site.png")
    archive.write({"plain.md": "# Plain\n\nNo archive here.\n",
                   "index.md": "# Home\n\n```{toctree}\nplain\nreport\nown\n```\n"})
    app = archive.build(confoverrides={"ogp_image": "_static/site.png",
                                       "html_static_path": ["_static"]})
    assert og(app, "report.html")["og:image"].startswith(
        "https://archive.example.org/_images/eventarchive/cards/")
    assert og(app, "plain.html")["og:image"] == "https://archive.example.org/_static/site.png"
    assert og(app, "own.html")["og:image"] == "https://example.org/own.png"


def card_file_source() -> Path:
    """Any picture will do for a site's default: the docs' own."""
    return Path(__file__).resolve().parents[1] / "docs" / "_static" / "social-card.png"


def test_turned_off(archive):
    app = archive.build(confoverrides={"eventarchive_card_images": False})
    assert "og:image" not in og(app, "report.html")


def noto_font() -> str:
    noto = cardimages.font_path(types.SimpleNamespace(eventarchive_card_font=""), ".")
    if noto is None:
        pytest.skip("no font of the cards extra is installed")
    return str(noto)


def test_wrap_keeps_phrases_words_and_kinsoku():
    font = cardlayout.load_font(noto_font(), 64)
    lines = cardlayout.wrap("「計測」から始めるSRE入門、そしてObservability 2.0へ。", font, 600)
    assert all(not line.startswith(("、", "。", "」")) for line in lines)
    assert all(not line.endswith("「") for line in lines)
    assert any("Observability" in line for line in lines)
    expected = "「計測」から始めるSRE入門、そしてObservability2.0へ。"
    assert "".join(lines).replace(" ", "") == expected
    # Between phrases, never inside a word: the old wrapper broke カレンダーファ|イル.
    text = "カレンダーファイル（.ics）をダウンロード"
    assert phrases(text) == ["カレンダーファイル", "（.ics）を", "ダウンロード"]
    for width in range(600, 1400, 20):  # at 64 px, カレンダーファイル is 576 px wide
        lines = cardlayout.wrap(text, font, width)
        ends = set(itertools.accumulate(len(line) for line in lines))
        assert ends <= _cut_points(text), (width, lines)


LONG_TITLES = {
    "japanese": "プラットフォームってつくることより計測できることが重要なんじゃないかという話と"
                "ChatworkのSRE部って実は半分くらいプラットフォームエンジニアリング部かもしれない話と"
                "はてなにおけるメール基盤とDMARC対応の話をまとめて聞いた大阪会のレポート",
    "latin": "Why measuring your internal developer platform matters more than building it: "
             "lessons from three years of platform engineering at a mid-sized company",
    "mixed": "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない、"
             "そしてObservability 2.0へ向かうまでの長い道のりをSREとPlatform Engineeringの"
             "両方の視点から振り返るパネルディスカッション",
    # Three lines at a large size: the title the old layout drew over the date line.
    "three lines": "プラットフォームってつくることより計測できることが重要なんじゃないかという話",
}
META = ["2024年4月19日(金) 19:00", "gusuku Ashibinaa OSAKA（大阪）"]


def _intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _cut_points(text: str) -> set[int]:
    """Where the title may be cut: after each phrase, and after each space."""
    points, position = {0, len(text)}, 0
    for phrase in phrases(text):
        for index, char in enumerate(phrase):
            if char.isspace():
                points.add(position + index + 1)
        position += len(phrase)
        points.add(position)
    return points


@pytest.mark.parametrize("name", list(LONG_TITLES))
@pytest.mark.parametrize("logo", [None, (120, 40)])
def test_cards_are_laid_out_by_measuring(name, logo):
    title = LONG_TITLES[name]
    layout = cardlayout.layout(title, META, "勉強会アーカイブ Platform Engineering Kaigi",
                               noto_font(), logo, "ja")
    boxes = layout.boxes()
    assert len(layout.lines) >= 4  # name, a title line, date, place
    for box in boxes:  # inside the card, clear of the accent stripes
        assert box[0] >= 24 and box[2] <= cardlayout.WIDTH, box
        assert box[1] >= 0 and box[3] <= cardlayout.HEIGHT - 12, box
    for index, box in enumerate(boxes):
        for other in boxes[index + 1:]:
            assert not _intersect(box, other), (box, other, [ln.text for ln in layout.lines])
    title_lines = [line for line in layout.lines if line.fill == cardlayout.INK][:-1]
    date_line = next(line for line in layout.lines if line.text == META[0])
    assert max(line.box[3] for line in title_lines) < date_line.box[1]
    assert len(title_lines) <= 3
    shown = "".join(line.text for line in title_lines)
    if name == "three lines":
        assert layout.title_shown == len(title) and not shown.endswith("…")
        assert title_lines[0].size >= 58  # large, and still clear of the date
        return
    # Too long for three lines: cut after a phrase (a word in Latin), with an ellipsis.
    assert shown.endswith("…") and layout.title_shown < len(title)
    rest = title[layout.title_shown:]
    skipped = len(rest) - len(rest.lstrip(cardlayout._BEFORE_ELLIPSIS))
    assert layout.title_shown + skipped in _cut_points(title), (shown, title[:layout.title_shown])
    assert shown[:-1].replace(" ", "") == title[:layout.title_shown].replace(" ", "").rstrip(
        cardlayout._BEFORE_ELLIPSIS)


def test_the_drawn_card_is_1200_by_630():
    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGB", (300, 100), "#c33").save(logo, "PNG")
    for title in LONG_TITLES.values():
        card = Image.open(io.BytesIO(cardimages.draw(title, META, "勉強会アーカイブ",
                                                     noto_font(), logo.getvalue(), "ja")))
        assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_opengraph_cards_get_the_font(monkeypatch, tmp_path):
    """With matplotlib installed, sphinxext-opengraph's own cards name our font."""
    noto = cardimages.font_path(types.SimpleNamespace(eventarchive_card_font=""), ".")
    if noto is None:
        pytest.skip("no font of the cards extra is installed")
    added: list[str] = []
    manager = types.SimpleNamespace(fontManager=types.SimpleNamespace(addfont=added.append))
    fake = types.ModuleType("matplotlib")
    fake.font_manager = manager  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "matplotlib", fake)
    monkeypatch.setitem(sys.modules, "matplotlib.font_manager", manager)
    monkeypatch.setattr(cardimages, "find_spec", lambda name: object() if name in (
        "matplotlib", "PIL") else None)
    monkeypatch.setattr(cardimages, "font_path", lambda config, srcdir: noto)
    config = types.SimpleNamespace(ogp_social_cards={"line_color": "#000"},
                                   eventarchive_card_images=True, eventarchive_card_font="")
    content = [False]
    domain = types.SimpleNamespace(has_content=lambda: content[0])
    app = types.SimpleNamespace(srcdir=tmp_path, config=config,
                                env=types.SimpleNamespace(domains={"eventarchive": domain}))
    # A site without archive content is left as sphinxext-opengraph makes it.
    cardimages.register_with_matplotlib(app, None)
    assert added == [] and config.ogp_social_cards == {"line_color": "#000"}
    content[0] = True
    cardimages.register_with_matplotlib(app, None)
    assert added == [str(noto)]
    assert config.ogp_social_cards == {"line_color": "#000", "font": "Noto Sans CJK JP"}
    # A font the user named stays theirs.
    config.ogp_social_cards = {"font": "Mine"}
    cardimages.register_with_matplotlib(app, None)
    assert config.ogp_social_cards == {"font": "Mine"} and len(added) == 1


def test_no_matplotlib_line_printed(tmp_path):
    """sphinxext-opengraph prints a line at import without matplotlib: not any more."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_eventarchive"]\n'
                                 'html_baseurl = "https://a.example/"\n')
    (src / "index.md").write_text("# Hi\n")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src),
                           str(tmp_path / "out")], capture_output=True, text=True, check=True)
    assert done.stdout == ""
    assert "matplotlib" not in done.stderr
