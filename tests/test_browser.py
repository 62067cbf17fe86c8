"""Embeds in a real browser: ratios, layout and consent under every supported theme.

The reports are built for real (one build per theme), served over HTTP on
127.0.0.1 and opened in Debian's headless Chromium through Playwright. Nothing
leaves the machine: every request to another host is answered with a small
local stand-in (recorded, so the tests can say which third parties a page
asked for), and Chromium resolves no host name but 127.0.0.1.

Screenshots of each theme and width land in ``tests/_artifacts/screenshots/``
for people to look at. ``EVENTARCHIVE_DOCS_SCREENSHOT=1`` also writes the docs'
landing-page picture, ``docs/_static/screenshot-report.png``.

Run only these: ``pytest -m browser``; skip them: ``pytest -m "not browser"``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest
from browserkit import (
    CROWDED_CARDS,
    DOCS_SCREENSHOT,
    HEIGHT,
    INLINE_STYLES,
    OVERFLOWING,
    SCREENSHOTS,
    TESTS,
    THEME_NOISE,
    THEMES,
    TWO_FRAMES,
    WIDTHS,
    Visit,
    layout_problems,
    need_theme,
    overflow_problem,
    ratio_problem,
    screenshot,
    visit,
    wait_until,
)

pytestmark = pytest.mark.browser

_TITLE = "ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない"


@dataclass(frozen=True)
class Frame:
    src: str
    title: str
    ratio: float


#: The frames of test-browser-report's report.html, in document order.
FRAMES = (
    Frame("https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6",
          f"スライド: {_TITLE}", 16 / 9),
    Frame("https://www.youtube-nocookie.com/embed/koMsUFOar88?start=3723",
          f"動画: {_TITLE}", 16 / 9),
    Frame("https://speakerdeck.com/player/573ebde7645141f9b15d34c637371033",
          "はてなにおけるメール基盤とDMARC対応 (4:3)", 4 / 3),
    Frame("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
          "動画: 縦型ショート動画で振り返る", 9 / 16),
    Frame("https://www.docswell.com/slide/LK7J5V/embed",
          "スライド: Docswell で公開したスライド", 16 / 9),
    Frame("https://www.slideshare.net/slideshow/embed_code/key/AbCdEf123456",
          "スライド: SlideShare のスライド", 476 / 400),
)


def load_lazy_frames(seen: Visit, count: int) -> bool:
    """Scroll each frame into view so that lazy frames load, then go back to the top."""
    for frame in seen.page.locator("iframe").all():
        frame.scroll_into_view_if_needed()
    loaded = wait_until(lambda: len(set(seen.documents())) >= count, seen.page)
    seen.page.evaluate("window.scrollTo(0, 0)")
    seen.page.wait_for_timeout(100)
    return loaded


# -- Tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_embeds_keep_their_ratio_in_every_theme(browser, site, theme, width):
    need_theme(theme)
    base = site("browser-report", f"theme-{theme}", html_theme=theme)
    problems: list[str] = []
    with visit(browser, f"{base}/report.html", width) as seen:
        page = seen.page
        frames = page.locator("iframe")
        srcs = [frame.get_attribute("src") for frame in frames.all()]
        assert srcs == [f.src for f in FRAMES]
        for frame, expected in zip(frames.all(), FRAMES, strict=True):
            if frame.get_attribute("title") != expected.title:
                problems.append(f"{expected.src}: title {frame.get_attribute('title')!r}")
            if frame.get_attribute("loading") != "lazy":
                problems.append(f"{expected.src}: loading={frame.get_attribute('loading')!r}")
            problem = ratio_problem(expected.src, frame.bounding_box(), expected.ratio, width)
            if problem:
                problems.append(problem)
        problems.extend(f"inline style: {el}" for el in page.evaluate(INLINE_STYLES))
        problems.extend(layout_problems(browser, page, base, width))

        if not load_lazy_frames(seen, len(FRAMES)):
            problems.append(f"lazy frames never loaded: {seen.documents()}")
        # The only third parties a report contacts are the players it embeds, and the
        # hosts' pictures of them in the placeholders under the frames.
        pictures = {img.get_attribute("src")
                    for img in page.locator(".eventarchive-placeholder img").all()}
        unexpected = sorted({url for url in seen.documents() if url not in srcs}
                            | {url for kind, url in seen.third_party
                               if kind != "document" and url not in pictures})
        if unexpected:
            problems.append(f"requests to third parties besides the players: {unexpected}")
        problems.extend(layout_problems(browser, page, base, width))  # with every frame loaded
        screenshot(page, SCREENSHOTS / f"{theme}-{width}.png")
        problems.extend(error for error in seen.errors
                        if not any(noise in error for noise in THEME_NOISE.get(theme, ())))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_frames_fit_the_window_and_cards_hold_their_content(browser, site, theme, width):
    """A reader sees a whole frame at once; a card's text keeps off its border."""
    need_theme(theme)
    base = site("browser-report", f"theme-{theme}", html_theme=theme)
    with visit(browser, f"{base}/report.html", width) as seen:
        page = seen.page
        problems = [f"{frame.get_attribute('src')}: {box['width']:.0f}x{box['height']:.0f} px, "
                    f"taller than the {width}x{HEIGHT} px window"
                    for frame in page.locator("iframe").all()
                    if (box := frame.bounding_box()) and box["height"] > HEIGHT]
        problems.extend(page.evaluate(OVERFLOWING))
        problems.extend(page.evaluate(CROWDED_CARDS))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_consent_mode_loads_each_frame_only_when_asked(browser, site, width):
    base = site("browser-report", "consent", eventarchive_embed_consent=True)
    with visit(browser, f"{base}/report.html", width) as seen:
        page = seen.page
        page.wait_for_load_state("networkidle")
        assert seen.third_party == []
        assert page.locator("iframe").count() == 0
        holders = page.locator(".eventarchive-frame")
        assert holders.count() == len(FRAMES)
        assert page.evaluate(INLINE_STYLES) == []
        for holder, expected in zip(holders.all(), FRAMES, strict=True):
            assert holder.get_attribute("data-src") == expected.src
            assert ratio_problem(f"placeholder of {expected.src}", holder.bounding_box(),
                                 expected.ratio, width) is None
            assert expected.title in holder.locator("button").inner_text()
        assert overflow_problem(page) is None
        screenshot(page, SCREENSHOTS / f"consent-{width}.png")

        for index, (holder, expected) in enumerate(zip(holders.all(), FRAMES, strict=True)):
            before = len(seen.third_party)
            button = holder.locator("button.eventarchive-consent-button")
            # Let a scroll settle before clicking: right after one, Chromium may still
            # route the click by where the frames were (out-of-process frames are hit-
            # tested in the browser), and a frame loaded earlier would take it.
            button.scroll_into_view_if_needed()
            page.evaluate(TWO_FRAMES)
            button.click()
            frame = holder.locator("iframe")
            frame.wait_for(state="attached")
            assert wait_until(lambda b=before: seen.documents(b) != [], page)
            page.wait_for_timeout(100)  # time for a second, unwanted request to show
            # Exactly that frame: one more iframe, its own src and title, nothing else fetched.
            assert page.locator("iframe").count() == index + 1
            assert frame.get_attribute("src") == expected.src
            assert frame.get_attribute("title") == expected.title
            assert [url for _kind, url in seen.third_party[before:]] == [expected.src]
            assert holder.locator("button").count() == 0
            assert ratio_problem(expected.src, frame.bounding_box(), expected.ratio,
                                 width) is None
        assert overflow_problem(page) is None
        assert page.evaluate(INLINE_STYLES) == []
        screenshot(page, SCREENSHOTS / f"consent-{width}-loaded.png")
        assert seen.errors == []


def test_report_screenshot_for_the_docs(browser, site):
    """The basic root's report in furo at 1280 px: the picture on the docs' landing page.

    1100 px tall: the event card and the first session with its whole deck.
    """
    need_theme("furo")
    base = site("basic", "docs-furo", html_theme="furo")
    with visit(browser, f"{base}/pfem8.html", 1280, 1100) as seen:
        assert load_lazy_frames(seen, 3)
        seen.page.wait_for_load_state("networkidle")
        target = TESTS / "_artifacts" / "screenshot-report.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        seen.page.screenshot(path=target, full_page=False)
        assert seen.errors == []
    if os.environ.get("EVENTARCHIVE_DOCS_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, DOCS_SCREENSHOT)
