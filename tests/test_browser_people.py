"""The speakers index and a speaker's page in a real browser, under every supported theme.

``tests/roots/test-people-browser`` is built once per theme, served on
127.0.0.1 and opened in Debian's headless Chromium (``browserkit``). A
profile with a portrait photo, a long affiliation, six links and a long URL
in its bio, and one with a long name and a wide photo, are held to: no
sideways scroll beyond the theme's own, nothing of ours sticking out or
overflowing its box, the photo at its own ratio and at most a third of the
profile's width, group headings and link pills one line high.

Screenshots land in ``tests/_artifacts/screenshots/people-*.png``.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from browserkit import (
    INLINE_STYLES,
    OVERFLOWING,
    SCREENSHOTS,
    THEME_NOISE,
    THEMES,
    WIDTHS,
    layout_problems,
    need_theme,
    screenshot,
    visit,
)

pytestmark = pytest.mark.browser

PAGES = {
    "index": "speakers/index.html",
    "sasaki": f"speakers/{quote('佐々木-太郎')}.html",
    "max": "speakers/maximiliana-konstantinopoulou_-wertheimer.html",
}
#: The photos' own width / height (tests/roots/test-people-browser/images).
RATIOS = {"sasaki": 240 / 320, "max": 480 / 270}

# Every element of ours that must stay one line high, with its box.
ONE_LINE = """(selector) => [...document.querySelectorAll(selector)].flatMap((el) => {
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
  const rects = el.getClientRects();
  return rects.length > 1 || el.getBoundingClientRect().height > line * 1.6
    ? [`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" wraps`] : [];
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_speaker_pages_hold_their_layout_in_every_theme(browser, site, theme, width):
    need_theme(theme)
    base = site("people-browser", f"people-{theme}", html_theme=theme)
    problems: list[str] = []
    for name, path in PAGES.items():
        with visit(browser, f"{base}/{path}", width) as seen:
            page = seen.page
            problems.extend(f"{name}: {p}" for p in layout_problems(browser, page, base, width))
            problems.extend(f"{name}: {p}" for p in page.evaluate(OVERFLOWING))
            problems.extend(f"{name}: inline style {el}" for el in page.evaluate(INLINE_STYLES))
            problems.extend(f"{name}: {p}" for p in page.evaluate(
                ONE_LINE, ".eventarchive-profile-links a, .eventarchive-page > h2, "
                          ".eventarchive-initials a, .eventarchive-page li .eventarchive-count"))
            if name in RATIOS:
                problems.extend(f"{name}: {p}" for p in photo_problems(page, RATIOS[name]))
            screenshot(page, SCREENSHOTS / f"people-{name}-{theme}-{width}.png")
            problems.extend(f"{name}: {error}" for error in seen.errors
                            if not any(noise in error for noise in THEME_NOISE.get(theme, ())))
    assert not problems, "\n".join(problems)


def photo_problems(page, ratio: float) -> list[str]:
    photo = page.locator("img.eventarchive-photo")
    if photo.count() != 1:
        return [f"{photo.count()} photos"]
    box = photo.bounding_box()
    profile = page.locator(".eventarchive-profile").bounding_box()
    found = []
    if not box or box["width"] < 40:
        found.append(f"the photo is not shown ({box})")
        return found
    if abs(box["width"] / box["height"] / ratio - 1) > 0.03:
        found.append(f"the photo is {box['width']:.0f}x{box['height']:.0f}, not at its ratio")
    if box["width"] > profile["width"] / 3 + 1:
        found.append(f"the photo takes {box['width']:.0f} of {profile['width']:.0f} px")
    if not page.evaluate("(img) => img.complete && img.naturalWidth > 0", photo.element_handle()):
        found.append("the photo did not load")
    return found


def test_the_index_reads_in_50on_order(browser, site):
    base = site("people-browser", "people-alabaster", html_theme="alabaster")
    with visit(browser, f"{base}/{PAGES['index']}", 1280) as seen:
        headings = seen.page.locator(".eventarchive-page > h2").all_inner_texts()
    assert headings == ["あ行", "か行", "さ行", "た行", "な行", "は行", "ま行", "や行", "わ行",
                        "A", "E", "M", "Z", "Cyrillic"]


# -- talk cards (issue 27) -------------------------------------------------------------------

#: The boxes of each talk card on a speaker's page: the card, its picture's box and img,
#: and each of its parts in the order they are drawn.
TALK_CARDS = """() => [...document.querySelectorAll(
    'ul.eventarchive-speaker-sessions > li > .eventarchive-item')].map((card) => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  return {title: card.querySelector('.eventarchive-item-title').textContent.trim(),
          card: box(card), thumb: box(card.querySelector('.eventarchive-thumb')),
          img: box(card.querySelector('img.eventarchive-thumb-img')),
          parts: [...card.children].map(box).filter((b) => b.w > 0 && b.h > 0)};
})"""
#: Third-party hosts a talk's picture comes from.
PICTURE_HOSTS = ("speakerdeck.com", "ytimg.com")


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5
            and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5)


def talk_card_problems(cards: list[dict], width: int) -> list[str]:
    """Pictures at 16:9 across their card's top, a grid of equal columns (one at 375 px,
    more where there is room), nothing overlapping another card or within a card."""
    found = []
    pictured = [card for card in cards if card["thumb"]]
    if len(pictured) < 2:
        return [f"{len(pictured)} talk cards with a picture"]
    for card in pictured:
        thumb, box = card["thumb"], card["card"]
        if abs(thumb["w"] / thumb["h"] / (16 / 9) - 1) > 0.02:
            found.append(f"{card['title']}: picture {thumb['w']:.0f}x{thumb['h']:.0f}, not 16:9")
        if abs(thumb["w"] - box["w"]) > 2.5 or abs(thumb["y"] - box["y"]) > 1.5:
            found.append(f"{card['title']}: picture not across the card's top ({thumb}, {box})")
        if card["img"] and any(abs(card["img"][k] - thumb[k]) > 0.5 for k in "xywh"):
            found.append(f"{card['title']}: the img does not fill its box")
        for index, part in enumerate(card["parts"]):
            for other in card["parts"][index + 1:]:
                if _overlap(part, other):
                    found.append(f"{card['title']}: parts overlap ({part}, {other})")
    columns = sorted({round(card["card"]["x"]) for card in cards})
    if width < 600 and len(columns) != 1:
        found.append(f"{len(columns)} columns at {width} px")
    if width >= 1200 and len(columns) < 2:
        found.append(f"one column at {width} px: the talks are not in a grid")
    widths = {round(card["card"]["w"]) for card in cards}
    if max(widths) - min(widths) > 1:
        found.append(f"columns of different widths: {sorted(widths)}")
    for index, card in enumerate(cards):
        for other in cards[index + 1:]:
            if _overlap(card["card"], other["card"]):
                found.append(f"cards overlap: {card['title']} and {other['title']}")
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", ["furo", "alabaster"])
def test_talks_are_a_grid_of_pictured_cards(browser, site, theme, width):
    need_theme(theme)
    base = site("people-browser", f"people-{theme}", html_theme=theme)
    with visit(browser, f"{base}/{PAGES['sasaki']}", width) as seen:
        page = seen.page
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy pictures load
        page.wait_for_load_state("load")
        problems = talk_card_problems(page.evaluate(TALK_CARDS), width)
        problems += layout_problems(browser, page, base, width)
        problems += page.evaluate(OVERFLOWING)
        asked = [url for kind, url in seen.third_party if kind == "image"]
        screenshot(page, SCREENSHOTS / f"people-talks-{theme}-{width}.png")
    assert not problems, "\n".join(problems)
    # Each picture is asked of its host (answered by a local stand-in), once.
    assert sorted(asked) == [
        "https://files.speakerdeck.com/presentations/0123456789abcdef0123456789abcdef/slide_0.jpg",
        "https://i.ytimg.com/vi/BBBBBBBBBBB/hqdefault.jpg"]


@pytest.mark.parametrize("width", WIDTHS)
def test_with_embed_consent_no_picture_is_asked_of_a_host(browser, site, width):
    base = site("people-browser", "people-consent", html_theme="alabaster",
                eventarchive_embed_consent=True)
    with visit(browser, f"{base}/{PAGES['sasaki']}", width) as seen:
        page = seen.page
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("load")
        cards = page.evaluate(TALK_CARDS)
        held = page.locator(".eventarchive-thumb-held").all_inner_texts()
        problems = talk_card_problems(cards, width)
        screenshot(page, SCREENSHOTS / f"people-talks-consent-{width}.png")
    assert not [url for _kind, url in seen.third_party
                if any(host in url for host in PICTURE_HOSTS)], seen.third_party
    assert sorted(text.strip() for text in held) == ["Speaker Deck", "YouTube"]
    assert not problems, "\n".join(problems)
