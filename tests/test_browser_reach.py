"""X posts and feed links in a real browser, under every supported theme and width.

What was looked at in the screenshots is held here: the quoted post stays inside
the page (a long address in it wraps instead of pushing the page sideways), a
line break pasted into a post stays one, the date it links to and the feed link
under a speaker's or tag's heading are one line high, and nothing of ours
sticks out. Screenshots land in
``tests/_artifacts/screenshots/reach-*``.
"""

from __future__ import annotations

import pytest
from browserkit import (
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

LINE_HEIGHT = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6;
  return el.getBoundingClientRect().height / line;
})"""


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("width", WIDTHS)
def test_posts_and_feed_links(browser, site, theme, width):
    need_theme(theme)
    base = site("browser-reach", f"reach-{theme}", html_theme=theme)
    noise = THEME_NOISE.get(theme, ())
    with visit(browser, f"{base}/report.html", width) as seen:
        page = seen.page
        assert page.locator("blockquote.eventarchive-tweet").count() == 2
        assert layout_problems(browser, page, base, width) == []
        assert page.evaluate(OVERFLOWING) == []
        assert all(lines < 1.6 for lines in page.evaluate(
            LINE_HEIGHT, ".eventarchive-tweet-by a")), "a post's date breaks"
        # The line break pasted into the second post is kept (two short lines).
        second = page.evaluate(LINE_HEIGHT, "blockquote.eventarchive-tweet > p:first-child")[1]
        assert second > 1.6, "a pasted line break was joined"
        assert seen.third_party == []  # no script of X's, no request anywhere
        assert [e for e in seen.errors if not any(n in e for n in noise)] == []
        screenshot(page, SCREENSHOTS / f"reach-report-{theme}-{width}.png")
    for name in ("speakers/佐々木.html", "tags/sre.html"):
        with visit(browser, f"{base}/{name}", width) as seen:
            page = seen.page
            link = page.locator(".eventarchive-feed-link a")
            assert link.count() == 1 and link.get_attribute("href").endswith("atom.xml")
            assert all(lines < 1.6 for lines in page.evaluate(
                LINE_HEIGHT, ".eventarchive-feed-link")), "the feed link wraps"
            assert layout_problems(browser, page, base, width) == []
            if name.startswith("speakers"):
                screenshot(page, SCREENSHOTS / f"reach-speaker-{theme}-{width}.png")
