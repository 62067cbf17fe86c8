"""Social card images: a 1200×630 JPEG for pages with no image of their own (extra ``cards``).

Most reports and every speaker and tag page have no picture, so they share
as a bare link. With ``pip install sphinx-eventarchive[cards]`` (Pillow and
the Noto Sans CJK JP font) such a page gets a card drawn at build time: the
title, the event's date and venue (or what a generated page is about), the
site's name and an optional logo, in a font that has Japanese glyphs.

* **Font.** ``eventarchive_card_font`` (a file in the source folder), else
  the first installed of ``noto-cjk-sans-jp-bold``, ``noto-cjk-sans-jp-regular``
  (the Noto fonts as PyPI packages) and ``matplotlib-fontja`` (IPAexGothic).
  The packages are only found (``importlib.util.find_spec``), never imported.
  Characters the font lacks (an emoji) are left out rather than drawn as boxes.
* **Cache by content.** ``_images/eventarchive/cards/<page>/<digest>.jpg``: the
  digest is of everything drawn (and of the font and this module's layout
  version), so an unchanged page names the same file, which is not drawn again,
  and a changed title names a new one (social networks cache images by URL).
  A page's old card, and the cards of pages that are gone, are removed.
* **Layout** by measuring (``social/cardlayout.py``): title, date and place
  never overlap; lines break between phrases (BudouX for Japanese and Chinese,
  words for Latin text), and a title too long for three lines is cut after a
  phrase, with "…".
* **sphinxext-opengraph's own cards** (drawn with matplotlib, on pages we leave
  to it, when matplotlib is installed) get the same font registered with
  matplotlib, so they show Japanese instead of boxes (its issue #108).
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.core.dates import when_text
from sphinx_eventarchive.core.files import write_atomic
from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS
from sphinx_eventarchive.social.cardlayout import (
    ACCENT,
    HEIGHT,
    LOGO_MOST,
    PAPER,
    STRIPES,
    WIDTH,
    Line,
    layout,
    load_font,
)
from sphinx_eventarchive.write.images import IMAGE_DIR, Image

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from sphinx_eventarchive.core.records import Event
    from sphinx_eventarchive.site import Site

#: Cards live in a folder per page, named by a digest of what they show.
CARD_DIR = f"{IMAGE_DIR}/cards"
#: Changes whenever the drawing changes, so cached cards are redrawn.
LAYOUT = "3"
#: (package, file inside it), in the order they are preferred.
FONT_PACKAGES = (
    ("noto_cjk_sans_jp_bold", "NotoSansCJKjp-Bold.otf"),
    ("noto_cjk_sans_jp_regular", "NotoSansCJKjp-Regular.otf"),
    ("matplotlib_fontja", "fonts/ipaexg.ttf"),
)


@functools.cache  # asked for each card; installed packages stay put
def _package_file(module: str, relative: str) -> Path | None:
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), relative)
    return path if path.is_file() else None


def font_path(config: Config, srcdir: str | Path) -> Path | None:
    """The font cards are drawn with; None when the ``cards`` extra is not installed."""
    if config.eventarchive_card_font:
        path = Path(srcdir, config.eventarchive_card_font)
        return path if path.is_file() else None
    for module, relative in FONT_PACKAGES:
        found = _package_file(module, relative)
        if found is not None:
            return found
    return None


def available() -> bool:
    return find_spec("PIL") is not None


@functools.lru_cache(maxsize=8)
def _notdef(path: str) -> tuple[Any, bytes]:
    mask = load_font(path, 48).getmask("\U0010fffd")  # never in a font: its .notdef box
    return mask.size, bytes(mask)


@functools.lru_cache(maxsize=4096)
def _has_glyph(path: str, char: str) -> bool:
    mask = load_font(path, 48).getmask(char)
    return (mask.size, bytes(mask)) != _notdef(path)


def missing_glyphs(text: str, path: str) -> list[str]:
    """The characters of ``text`` the font would draw as a box (tofu)."""
    return [char for char in dict.fromkeys(text) if not char.isspace()
            and not unicodedata.category(char).startswith("C") and not _has_glyph(path, char)]


def drawable(text: str, path: str) -> str:
    missing = set(missing_glyphs(text, path))
    return " ".join("".join(c for c in text if c not in missing).split())


def draw(title: str, lines: Sequence[str], site_name: str, font: str,
         logo: bytes | None = None, language: str | None = None,
         honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> bytes:
    """The card as JPEG bytes: ``lines`` (date and place) under the title."""
    from PIL import ImageDraw

    logo_size = _logo_image(logo).size if logo else None
    # A line the font has no glyph of (a Latin font, a Japanese name) is not drawn.
    placed = layout(drawable(title, font), [drawable(line, font) for line in lines],
                    drawable(site_name, font), font, logo_size, language, honorifics)
    picture = _ground(font, placed.lines[:placed.shared], logo, placed.logo).copy()
    pen = ImageDraw.Draw(picture)
    for line in placed.lines[placed.shared:]:
        _text(pen, line, font)
    out = io.BytesIO()
    # JPEG: encoding is most of a card's cost, and a 1200x630 PNG takes 9 ms where a
    # JPEG takes 2 (an archive of pyvideo's size has 15,000 cards); at quality 90 the
    # text stays crisp (dark on white lives in the luma channel, which is not subsampled).
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def _text(pen: Any, line: Line, font: str) -> None:
    pen.text((line.x, line.y), line.text, font=load_font(font, line.size), fill=line.fill,
             anchor="la")


@functools.lru_cache(maxsize=4)
def _logo_image(logo: bytes) -> Any:
    from PIL import Image as PILImage

    mark = PILImage.open(io.BytesIO(logo)).convert("RGBA")
    mark.thumbnail((LOGO_MOST, LOGO_MOST))
    return mark


@functools.lru_cache(maxsize=4)
def _ground(font: str, shared: tuple[Line, ...], logo: bytes | None,
            logo_box: tuple[int, int, int, int] | None) -> Any:
    """What every card of a site shows alike (paper, stripes, logo, the site's name),
    drawn once per build and copied for each card: a copy costs a tenth of drawing it."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(picture)
    for stripe in STRIPES:
        pen.rectangle(stripe, fill=ACCENT)
    if logo and logo_box:
        mark = _logo_image(logo)
        picture.paste(mark, logo_box[:2], mark)
    for line in shared:
        _text(pen, line, font)
    return picture


def _logo(site: Site) -> bytes | None:
    name = site.config.eventarchive_card_logo or ""
    if not name:
        return None
    try:
        return Path(site.env.srcdir, name).read_bytes()
    except OSError:
        return None


def card_lines(site: Site, events: Sequence[Event], generated: Mapping[str, Any]) -> list[str]:
    """What a card says under its title: date and place, or what the page is about."""
    if events:
        event = events[0]
        place = " ".join(part for part in (event.venue, event.location) if part)
        return [when_text(event.date, event.end, site.language) if event.date else "", place]
    description = str(generated.get("description") or "")
    return [description] if description else []


def card_image(site: Site, pagename: str, title: str, events: Sequence[Event],
               generated: Mapping[str, Any]) -> Image | None:
    """The page's drawn card (drawn now unless an identical one exists); None without the extra."""
    if not site.config.eventarchive_card_images or not available():
        return None
    font = font_path(site.config, site.env.srcdir)
    if font is None:
        return None
    from sphinx_eventarchive.site import site_name

    lines = card_lines(site, events, generated)
    name = site_name(site.config)
    logo = _logo(site)
    honorifics = tuple(site.config.eventarchive_honorifics)
    key = hashlib.sha256("\0".join([
        LAYOUT, str(font), title, *lines, name, site.language or "", *honorifics,
        hashlib.sha256(logo).hexdigest() if logo else ""]).encode("utf-8", "surrogatepass"))
    folder = Path(site.builder.outdir, CARD_DIR, pagename)
    target = folder / f"{key.hexdigest()[:20]}.jpg"
    if not target.is_file():
        for old in _cards_in(folder):  # the page's earlier card
            old.unlink(missing_ok=True)
        write_atomic(target, draw(title, lines, name, str(font), logo, site.language,
                                  honorifics))
    return Image(site.file_url(f"{CARD_DIR}/{pagename}/{target.name}"), alt=title,
                 width=WIDTH, height=HEIGHT, type="image/jpeg")


def _cards_in(folder: Path) -> list[Path]:
    """The card files of one page's folder (not the folders of pages below it)."""
    return [path for path in folder.glob("*") if path.suffix in (".jpg", ".png")
            and path.is_file()] if folder.is_dir() else []


def forget_unused(app: Sphinx, pagename: str, used: str) -> None:
    """A page that no longer uses its card (it has an image of its own now) leaves no
    card behind, as a clean build would not; ``used``: the URL of the page's image."""
    name = used.rsplit("/", 1)[-1]
    folder = Path(app.builder.outdir, CARD_DIR, pagename)
    if not folder.is_dir():
        return
    for old in _cards_in(folder):
        if old.name != name:
            old.unlink(missing_ok=True)
    _prune(folder, Path(app.builder.outdir, CARD_DIR))  # a folder left empty goes too


def remove_orphans(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: the cards of pages that are gone (a removed report, a speaker
    nobody names any more) are removed, so an incremental build ends as a clean one."""
    root = Path(app.builder.outdir, CARD_DIR)
    if exception is not None or not root.is_dir():
        return
    config = app.config
    generated = tuple(f"{folder}/" for folder in (
        config.eventarchive_events_path, config.eventarchive_speakers_path,
        config.eventarchive_tags_path, config.eventarchive_search_path))
    cards = [*root.rglob("*.jpg"), *root.rglob("*.png")]
    for folder in sorted({path.parent for path in cards}, reverse=True):
        pagename = folder.relative_to(root).as_posix()
        if pagename in app.env.all_docs:
            continue
        # A generated page that is gone was deleted (write/pages.py); a document's page
        # is left behind by Sphinx, so only all_docs tells.
        outfile = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        if not (pagename.startswith(generated) and outfile.is_file()):
            for old in _cards_in(folder):
                old.unlink(missing_ok=True)
            _prune(folder, root)


def _prune(folder: Path, root: Path) -> None:
    while folder != root:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def register_with_matplotlib(app: Sphinx, builder: Builder) -> None:
    """write-started: sphinxext-opengraph's matplotlib cards use our font, not its Roboto.

    Only when matplotlib is installed (else it draws no card), the user named no
    font of their own in ``ogp_social_cards``, and the site has archive content (a
    site without it is built as without us).
    """
    config = app.config
    settings = dict(getattr(config, "ogp_social_cards", None) or {})
    domain = app.env.domains["eventarchive"]
    if "font" in settings or find_spec("matplotlib") is None \
            or not config.eventarchive_card_images \
            or not domain.has_content():  # type: ignore[attr-defined]
        return
    font = font_path(config, app.srcdir)
    if font is None or not available():
        return
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    settings["font"] = load_font(str(font), 12).getname()[0]  # "Noto Sans CJK JP"
    config.ogp_social_cards = settings


def check_font(app: Sphinx, config: Config) -> None:
    """config-inited: the font and the logo are files of the project (or absolute paths)
    that Pillow can use; else a warning, and the cards extra's font or no logo.

    Without Pillow no card is drawn, and what only Pillow can tell is not asked.
    """
    from sphinx_eventarchive.config import project_file, refuse

    checks = (("eventarchive_card_font", _font_problem,
               "cards are drawn with the cards extra's font"),
              ("eventarchive_card_logo", _logo_problem, "cards have no logo"))
    for option, unusable, instead in checks:
        value = getattr(config, option)
        if not value:
            continue
        path, problem, subtype = project_file(app.srcdir, value)
        if path is not None and available():
            problem, subtype = unusable(path), "config"
        if problem:
            refuse(app, config, option, problem, subtype or "config", instead)


def _font_problem(path: Path) -> str:
    from PIL import ImageFont

    try:
        # The sizes cards use, and a glyph: FreeType reads a face's tables lazily.
        ImageFont.truetype(str(path), 96, layout_engine=ImageFont.Layout.BASIC).getmask("A計")
    except Exception as error:  # whatever FreeType says, the font is unusable
        return f"is not a font Pillow can open ({error})"
    return ""


def _logo_problem(path: Path) -> str:
    from PIL import Image as PILImage

    try:
        with PILImage.open(path) as picture:
            picture.convert("RGBA")  # decodes it, as draw() does
    except Exception as error:  # decoders raise many kinds (and bombs)
        return f"is not a picture Pillow can decode ({error or type(error).__name__})"
    return ""
