"""The archive as a visitor sees it, in a real browser under every supported theme.

``tests/roots/test-browser-cards`` (a Japanese archive) is built once per theme
with ``SOURCE_DATE_EPOCH`` at 2024-04-01, so one event is "upcoming" in the
built pages, and opened in Debian's headless Chromium at 375 and 1280 px: the
events index, a speaker page, a tag page and a report. What is held:

- no sideways scroll, nothing of ours out of the window or out of its card;
- a date, a count, a badge, a label or a share link is one line high;
- the cards of one list share their left edge and width;
- no stray ``#`` above a tag page's title;
- the reader's browser drops an "upcoming" badge whose start has passed since
  the build (its clock is today's), and keeps one still to come (2099).

Screenshots land in ``tests/_artifacts/screenshots/cards-*.png``;
``EVENTARCHIVE_DOCS_SCREENSHOT=1`` also writes the two pictures on the docs'
landing page (``docs/_static/screenshot-events.png``, ``screenshot-tag.png``).
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import quote

import pytest
from browserkit import (
    CROWDED_CARDS,
    OVERFLOWING,
    SCREENSHOTS,
    TESTS,
    THEME_NOISE,
    THEMES,
    WIDTHS,
    layout_problems,
    need_theme,
    screenshot,
    visit,
)

pytestmark = pytest.mark.browser

#: 2024-04-01T00:00Z: Platform Engineering Meetup #8 (2024-04-19) is still to come.
BUILD_DATE = "1711929600"

PAGES = {
    "events": "events/index.html",
    "speaker": quote("speakers/佐々木.html"),
    "tag": "tags/sre.html",
    "report": "pfem8.html",
}
DOCS = TESTS.parent / "docs" / "_static"

#: Every element that must stay on one line, whatever the width.
ONE_LINE = """() => {
  const selector = ['.eventarchive-nowrap', '.eventarchive-badge', '.eventarchive-count',
    '.eventarchive-mark', '.eventarchive-share-link', '.eventarchive-share-label',
    '.eventarchive-initial', '.eventarchive-language', 'a.eventarchive-tag',
    'span.eventarchive-tag', '.eventarchive-fields > dt'].join(', ');
  // Lines, not boxes: a cell stretched to its row, or a ::before, is still one line of text.
  return [...document.querySelectorAll(selector)].flatMap((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top);
    // A box that starts below the bottom of every box before it starts a new line
    // (a raised colon, as sphinx_rtd_theme draws it, is still on its line).
    let lines = 0, bottom = -Infinity;
    for (const r of rects) {
      if (r.top >= bottom - 1) { lines += 1; bottom = r.bottom; }
      else bottom = Math.max(bottom, r.bottom);
    }
    return lines > 1 ? [`${el.className} "${el.textContent.trim()}": ${lines} lines`] : [];
  });
}"""


#: Cards of one list that do not line up (a left edge or a width of their own).
UNALIGNED = """() => [...document.querySelectorAll(
    '.eventarchive-cards, ul.eventarchive-speaker-sessions')].flatMap((list) => {
  const boxes = [...list.querySelectorAll('.eventarchive-item')].map(
    (card) => card.getBoundingClientRect());
  // A speaker's talks are a grid (issue 27): columns side by side, of one width.
  const grid = list.matches('ul.eventarchive-speaker-sessions');
  return boxes.filter((box) => (!grid && Math.abs(box.left - boxes[0].left) > 1)
                               || Math.abs(box.width - boxes[0].width) > 1)
    .map((box) => `${list.className}: a card at ${box.left}+${box.width}, the first at `
                  + `${boxes[0].left}+${boxes[0].width}`);
})"""

#: Badges, marks and dates whose text is hard to read on the background behind them.
LOW_CONTRAST = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const colour = rgb(getComputedStyle(el).backgroundColor);
      if (colour.length === 3 || colour[3] > 0.5) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(
      '.eventarchive-badge, .eventarchive-mark, .eventarchive-date, .eventarchive-count')]
    .flatMap((el) => {
      const [a, b] = [luminance(rgb(getComputedStyle(el).color).slice(0, 3)),
                      luminance(background(el.parentElement))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      return ratio < 4.5 ? [`${el.className} "${el.textContent.trim()}": ${ratio.toFixed(2)}`]
                         : [];
    });
}"""

STRAY_MARK = """() => {
  const page = document.querySelector('section.eventarchive-page');
  const mark = getComputedStyle(page, '::before').content;
  return mark === 'none' || mark === 'normal' ? null : mark;
}"""


@pytest.fixture(scope="module")
def built(site, tmp_path_factory):
    """``built(theme)``: the archive under one theme, its base URL."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE
    try:
        def build(theme: str) -> str:
            return site("browser-cards", f"cards-{theme}", html_theme=theme)

        yield build
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_cards_fit_and_labels_stay_whole_in_every_theme(browser, built, theme, width):
    need_theme(theme)
    base = built(theme)
    problems: list[str] = []
    for name, page in PAGES.items():
        with visit(browser, f"{base}/{page}", width) as seen:
            here = f"{theme} {width}px {name}"
            problems += [f"{here}: {p}" for p in layout_problems(browser, seen.page, base, width)]
            problems += [f"{here}: {p}" for p in seen.page.evaluate(OVERFLOWING)]
            problems += [f"{here}: {p}" for p in seen.page.evaluate(CROWDED_CARDS)]
            problems += [f"{here}: wraps: {p}" for p in seen.page.evaluate(ONE_LINE)]
            problems += [f"{here}: {p}" for p in seen.page.evaluate(UNALIGNED)]
            if name in ("events", "speaker", "tag"):
                mark = seen.page.evaluate(STRAY_MARK)
                if mark:
                    problems.append(f"{here}: {mark} above the page's title")
            problems += [f"{here}: {error}" for error in seen.errors
                         if not any(noise in error for noise in THEME_NOISE.get(theme, ()))]
            screenshot(seen.page, SCREENSHOTS / f"cards-{theme}-{name}-{width}.png")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme"])
def test_cards_in_dark_mode(browser, built, theme):
    """Badges and marks are drawn in the text's colour: readable on a dark page too."""
    need_theme(theme)
    base = built(theme)
    with visit(browser, f"{base}/{PAGES['tag']}", 375) as seen:
        page = seen.page
        page.emulate_media(color_scheme="dark")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.reload(wait_until="load")
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        low = page.evaluate(LOW_CONTRAST)
        assert low == [], low
        assert page.evaluate(OVERFLOWING) == []
        screenshot(page, SCREENSHOTS / f"cards-{theme}-tag-dark-375.png")


def test_the_browser_drops_an_upcoming_badge_whose_start_has_passed(browser, built):
    base = built("alabaster")
    with visit(browser, f"{base}/{PAGES['events']}", 1280) as seen:
        page = seen.page
        # Built on 2024-04-01: both PFEM #8 and the 2099 conference were still to come.
        html = page.evaluate("fetch(location.href).then((r) => r.text())")
        assert html.count("eventarchive-upcoming") == 2
        # Read today: PFEM #8 has taken place, the 2099 conference has not.
        badges = page.evaluate("""() => [...document.querySelectorAll('.eventarchive-upcoming')]
            .map((b) => b.closest('.eventarchive-item')
                          .querySelector('.eventarchive-item-title').textContent.trim())""")
        assert badges == ["Platform Engineering Kaigi 2099"]
        cards = page.evaluate("""() => [...document.querySelectorAll('.eventarchive-is-upcoming')]
            .map((c) => c.querySelector('.eventarchive-item-title').textContent.trim())""")
        assert cards == ["Platform Engineering Kaigi 2099"]


def test_screenshots_for_the_docs(browser, built):
    """The events index and a tag page in furo at 1280 px: the docs' landing page shows them."""
    need_theme("furo")
    base = built("furo")
    for name, target in (("events", "screenshot-events.png"), ("tag", "screenshot-tag.png")):
        with visit(browser, f"{base}/{PAGES[name]}", 1280, 900) as seen:
            seen.page.wait_for_load_state("networkidle")
            path = TESTS / "_artifacts" / target
            path.parent.mkdir(parents=True, exist_ok=True)
            seen.page.screenshot(path=path, full_page=False)
            assert seen.errors == []
        if os.environ.get("EVENTARCHIVE_DOCS_SCREENSHOT") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS / target)
