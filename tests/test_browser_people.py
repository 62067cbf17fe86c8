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
