"""Accessibility in a real browser: axe-core on every kind of page the archive makes.

axe-core comes from its npm package, fetched beforehand (tests never touch the
network): ``.ci/run`` does ``npm pack axe-core@4`` into ``.cache/axe-core/``
and unpacks ``package/axe.min.js`` there. Without it these tests skip and say so.

Each page is opened in Chromium under furo and alabaster at a phone's and a
desktop's width; Playwright injects axe and runs every rule it runs by default
(WCAG 2.0-2.2 A and AA, best practices, and target-size). A serious or critical
violation fails the test when it is in our markup: an element inside one of our
``eventarchive-*`` elements (cards, listings, the generated pages' bodies, the
search page with Pagefind's interface in it). The theme's own violations are
printed (``pytest -s``) but never fail: they are not ours to fix.

Also here: the placeholder under an embed is what a reader sees where the frame
has not loaded (its host does not answer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import TESTS, WIDTHS, need_theme, visit, wait_until

pytestmark = pytest.mark.browser

AXE = TESTS.parent / ".cache" / "axe-core" / "package" / "axe.min.js"
THEMES = ("furo", "alabaster")

#: The pages of test-search-ja, one of each kind: a report, a speaker page, each index,
#: a tag page and the search page (with a search made, so results are checked too).
PAGES = {
    "report": "pfem8.html",
    "speaker": "speakers/佐々木.html",
    "events": "events/index.html",
    "speakers": "speakers/index.html",
    "tags": "tags/index.html",
    "tag": "tags/sre.html",
    "search": "find/index.html?query=計測",
}

#: axe's violations, each node marked ours (inside an eventarchive-* element) or not.
RUN_AXE = """async () => {
  const found = await axe.run(document, {resultTypes: ['violations']});
  const ours = (target) => {
    if (target.length !== 1) return false;  // inside a frame: a third party's page
    const element = document.querySelector(target[0]);
    if (!element) return false;
    for (let at = element; at; at = at.parentElement) {
      if ([...at.classList].some((c) => c.startsWith('eventarchive-'))) return true;
    }
    return false;
  };
  return found.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), impact: n.impact,
                                html: n.html.slice(0, 160), ours: ours(n.target)})),
  }));
}"""

#: Links and buttons of ours smaller than 24x24 px that are not inside running text
#: (WCAG 2.5.8's inline exception: a link in a sentence is as tall as its line).
SMALL_TARGETS = """() => {
  const small = [];
  const inText = (el) => {
    const block = el.closest('p, li, dd, td');
    if (!block || el.closest('.eventarchive-share, .eventarchive-yearlinks, '
                             + '.eventarchive-initials')) return false;
    const text = [...block.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent.trim()).join('');
    return text.length > 3;  // words of its own around the link: running text
  };
  for (const el of document.querySelectorAll(
      '[class*="eventarchive-"] a[href], [class*="eventarchive-"] button')) {
    if (el.closest('.pagefind-ui, .eventarchive-placeholder')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;  // not shown
    const style = getComputedStyle(el);
    if (style.display === 'inline' && inText(el)) continue;
    if (box.width < 24 || box.height < 24) {
      small.push(`${el.outerHTML.slice(0, 100)}: ${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
    }
  }
  return small;
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not at {AXE}: run `npm pack axe-core@4` into "
                    ".cache/axe-core/ and unpack package/axe.min.js there (.ci/run does)")
    return AXE.read_text(encoding="utf-8")


def serious(violations: list[dict[str, Any]], ours: bool) -> list[str]:
    return [f"{v['id']} ({node['impact']}): {v['help']} at {node['target']}: {node['html']}"
            for v in violations for node in v["nodes"]
            if node["ours"] == ours and node["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violation_in_our_markup(browser, site, axe_source, theme, kind, width):
    pytest.importorskip("pagefind", reason="the search extra installs Pagefind")
    need_theme(theme)
    base = site("search-ja", f"a11y-{theme}", html_theme=theme)
    with visit(browser, f"{base}/{PAGES[kind]}", width) as seen:
        page = seen.page
        if kind == "search":
            assert wait_until(
                lambda: page.locator(".pagefind-ui__result").count() > 0, page), \
                seen.diagnosis()
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(RUN_AXE)
        small = page.evaluate(SMALL_TARGETS)
    theirs = serious(violations, ours=False)
    if theirs:  # reported, never failing: the theme's to fix
        print(f"\n{theme} {kind} {width}px, the theme's:\n  " + "\n  ".join(theirs))
    assert serious(violations, ours=True) == []
    assert small == []


def test_a_placeholder_stands_where_a_frame_does_not_load(browser, site):
    """The frame's host never answers (a network that drops it): the reader sees the
    bordered placeholder with the deck's title and host, not a white hole."""
    need_theme("furo")
    base = site("browser-report", "a11y-placeholder", html_theme="furo")
    with visit(browser, f"{base}/report.html", 1280) as seen:
        page = seen.page
        held: list[Any] = []
        # Replaces browserkit's stand-ins: third-party requests get no answer at all.
        page.route(lambda url: "127.0.0.1" not in url, lambda route: held.append(route))
        page.reload(wait_until="domcontentloaded")
        holder = page.locator(".eventarchive-frame").first
        holder.scroll_into_view_if_needed()
        frame = holder.locator("iframe")
        placeholder = holder.locator(".eventarchive-placeholder")
        assert wait_until(lambda: len(held) > 0, page)  # the frame did ask its host
        title = placeholder.locator(".eventarchive-placeholder-title")
        assert title.inner_text() == frame.get_attribute("title")
        assert placeholder.locator(".eventarchive-placeholder-host").inner_text() == \
            "Speaker Deck"
        # In view: the placeholder is the frame's own box, bordered; and its title is
        # painted on screen (a frame drawn over it would leave the pixels unchanged when
        # the title is hidden).
        assert placeholder.bounding_box() == holder.bounding_box()
        assert placeholder.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        box = title.bounding_box()
        assert box and box["height"] > 0
        shown = page.screenshot(clip=box)
        title.evaluate("e => { e.style.visibility = 'hidden'; }")
        painted = page.screenshot(clip=box) != shown
        assert painted, "the placeholder's title is covered or not drawn"
        for route in held:
            route.abort()


def test_fetch_line_in_ci() -> None:
    """CI fetches axe-core where this module reads it (the test skips, never fails, without)."""
    run = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "axe-core@4" in run and ".cache/axe-core" in run


def test_an_event_card_title_is_a_heading_one_level_below_its_section(tmp_path: Path) -> None:
    """Screen-reader users jump between events by heading as between sessions."""
    from bs4 import BeautifulSoup
    from conftest import CONF, archive_warnings, build_app

    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Report\n\n```{event} Top <Meetup>\n:id: top\n:date: 2024-03-19\n```\n\n"
        "## Day two\n\n```{event} Nested\n:id: nested\n:date: 2024-03-20\n```\n\n"
        "```{session} A talk\n```\n", encoding="utf-8")
    app = build_app("html", tmp_path, builddir=tmp_path / "_build")
    assert archive_warnings(app) == []
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    titles = [(t.name, t.get_text(strip=True))
              for t in soup.select(".eventarchive-card > .eventarchive-card-title")]
    assert titles == [("h2", "Top <Meetup>"), ("h3", "Nested")]
    assert soup.select_one(".eventarchive-session-title").name == "h3"  # its sibling
