"""Japanese headings and X posts as a visitor sees them, in Chromium at phone widths.

``tests/roots/test-browser-phrases`` is a Japanese report whose headings wrap on a
phone: every line of a marked title (``.eventarchive-phrases``) must break at one of
its ``<wbr>`` (a BudouX phrase boundary) or at a space, never inside a word: not
「カレンダーファ/イル」, not 「佐々木さんと高橋/一郎さんの」 (both seen before BudouX, at
375 px under furo). An X post's line break is one line, not a paragraph's gap.

Screenshots land in ``tests/_artifacts/screenshots/phrases-*.png``.
"""

from __future__ import annotations

import pytest
from browserkit import SCREENSHOTS, need_theme, screenshot, visit

pytestmark = pytest.mark.browser

THEMES = ("alabaster", "furo")
WIDTHS = (375, 414)

#: Every line break inside a marked title that is not at a <wbr> or after a space, unless
#: the phrase it is in is wider than the line (then it must break: overflow-wrap), and
#: how many line breaks there were in all, and how many of those were forced.
BREAKS = """() => {
  const bad = [];
  let breaks = 0, forced = 0;
  for (const span of document.querySelectorAll('.eventarchive-phrases')) {
    const allowed = new Set([0]);
    const chars = [];
    let offset = 0;
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'WBR') allowed.add(offset);
        continue;
      }
      for (let i = 0; i < node.length; i += 1, offset += 1) {
        const ch = node.data[i];
        if (/\\s/.test(ch)) { allowed.add(offset + 1); continue; }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) chars.push({offset, top: rect.top, width: rect.width});
      }
    }
    let block = span.parentElement;
    while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const line = block.clientWidth - parseFloat(getComputedStyle(block).paddingLeft)
      - parseFloat(getComputedStyle(block).paddingRight);
    const text = span.textContent;
    for (let k = 1; k < chars.length; k += 1) {
      if (chars[k].top <= chars[k - 1].top + 2) continue;
      breaks += 1;
      if (allowed.has(chars[k].offset)) continue;
      // The phrase around the break: from the allowed place before it to the one after.
      const at = chars[k].offset;
      const start = Math.max(...[...allowed].filter((o) => o <= at));
      const ends = [...allowed].filter((o) => o > at);
      const end = ends.length ? Math.min(...ends) : offset;
      const width = chars.filter((c) => c.offset >= start && c.offset < end)
        .reduce((sum, c) => sum + c.width, 0);
      if (width > line) { forced += 1; continue; }
      bad.push(`${text.slice(0, at)} | ${text.slice(at)} (phrase ${Math.round(width)} px, `
               + `line ${Math.round(line)} px)`);
    }
  }
  return {bad, breaks, forced};
}"""

#: The height of each X post's text (its first paragraph), and of one line of it.
POSTS = """() => [...document.querySelectorAll('blockquote.eventarchive-tweet')].map((quote) => {
  const p = quote.querySelector('p');
  return {text: p.textContent, height: p.getBoundingClientRect().height};
})"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_titles_break_between_phrases(browser, site, theme, width):
    need_theme(theme)
    base = site("browser-phrases", f"phrases-{theme}", html_theme=theme)
    with visit(browser, f"{base}/report.html", width) as seen:
        found = seen.page.evaluate(BREAKS)
        assert found["bad"] == [], found
        # And no phrase of these titles is wider than a phone's line: nothing was forced.
        assert found["forced"] == 0, found
        # The headings wrap at this width: the check above had breaks to look at.
        assert found["breaks"] >= 4, found
        if width == 375:
            screenshot(seen.page, SCREENSHOTS / f"phrases-{theme}-{width}.png")
        # The check sees mid-word breaks: without keep-all the same titles have them.
        seen.page.add_style_tag(content=UNMARKED)
        assert seen.page.evaluate(BREAKS)["bad"], "the check found nothing to catch"


#: The page as without our rule: lines break anywhere (CSS's default for Japanese).
UNMARKED = ".eventarchive-phrases, h1, h2, h3, h4 { word-break: normal !important; }"


@pytest.mark.parametrize("theme", THEMES)
def test_an_x_posts_line_breaks_are_lines(browser, site, theme):
    """A two-line post is two lines high (MyST's <br /> under white-space: pre-line made
    each break two, and X's <br><br> about 70 px of blank)."""
    need_theme(theme)
    base = site("browser-phrases", f"phrases-{theme}", html_theme=theme)
    with visit(browser, f"{base}/report.html", 375) as seen:
        one, hard, pasted, blank = seen.page.evaluate(POSTS)
        line = one["height"]
        assert line > 0, one
        for two in (hard, pasted):  # two lines: not one (joined), not three (doubled)
            assert 1.5 * line < two["height"] <= 2 * line + 1, (one, two)
        # A blank line in the post (X's <br><br>) is one blank line.
        assert 2.5 * line < blank["height"] <= 3 * line + 1, (one, blank)
