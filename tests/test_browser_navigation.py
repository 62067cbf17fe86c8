"""The theme's navigation on generated pages, clicked through in a real browser (SPEC §4).

From a speaker page, a tag page and each index, under every supported theme, each
visible navigation link named Events, Speakers or Tags is clicked, and the browser
must land on that index (its heading says so). Screenshots of a speaker page's
navigation land in ``tests/_artifacts/screenshots/navigation-*``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from urllib.parse import quote, unquote, urlsplit

import pytest
from browserkit import SCREENSHOTS, screenshot, visit
from conftest import ROOTS

pytestmark = pytest.mark.browser

INDEXES = {"Events": "events/index.html", "Speakers": "speakers/index.html",
           "Tags": "tags/index.html"}
#: The page the click led to shows the index it names (its heading, as a reader sees it).
LANDED = """(name) => {
  const heading = document.querySelector('section.eventarchive-page h1');
  return heading !== null && heading.innerText.replace(/\\u200b/g, '').trim() === name;
}"""
PAGES = ("speakers/zoe-zed.html", "tags/sre.html", *INDEXES.values())
THEMES = {"alabaster": None, "furo": "furo", "sphinx_rtd_theme": "sphinx_rtd_theme",
          "pydata_sphinx_theme": "pydata_sphinx_theme",
          "sphinx_book_theme": "sphinx_book_theme", "sphinx_immaterial": "sphinx_immaterial"}

#: Links whose whole text is one of the index names, outside our own content; the
#: navigation's collapsed sections opened first, as a reader opens them (a caption of
#: sphinx-immaterial's, a branch of furo's).
NAV_LINKS = """(names) => {
  for (const toggle of document.querySelectorAll('input.md-nav__toggle, input.toctree-checkbox')) {
    toggle.checked = true;
  }
  return [...document.querySelectorAll('a[href]')].filter((a) => {
    const text = a.textContent.replace(/\\s+/g, ' ').trim();
    return names.includes(text) && !a.closest('section.eventarchive-page');
  }).map((a, index) => { a.dataset.navProbe = String(index); return a.textContent.trim(); });
}"""


@pytest.fixture(scope="module")
def sites(served) -> dict[str, str]:
    """The navigation root under each installed theme, built by sphinx-build in a process
    of its own before the browser starts: sphinx-immaterial forks a helper process when
    it is set up, which must not inherit the browser's pipes."""
    folder, base = served
    built = {}
    for theme, module in THEMES.items():
        if module and importlib.util.find_spec(module) is None:
            continue
        srcdir = folder / f"navigation-{theme}"
        shutil.copytree(ROOTS / "test-navigation", srcdir)
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"html_theme = {theme!r}\n")
            if theme == "sphinx_immaterial":
                # An extension as well as a theme; its default fonts are fetched online.
                conf.write('extensions.append("sphinx_immaterial")\n'
                           'html_theme_options = {"font": False}\n')
        done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html",
                               str(srcdir), str(srcdir / "_build" / "html")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        built[theme] = f"{base}/{quote(srcdir.name)}/_build/html"
    return built


@pytest.mark.parametrize("theme", list(THEMES))
def test_sidebar_links_land_where_they_say(sites, browser, theme: str) -> None:
    if theme not in sites:
        pytest.skip(f"the {theme} theme is not installed")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    base = sites[theme]
    clicked = 0
    for start in PAGES:
        with visit(browser, f"{base}/{start}", 1280) as seen:
            page = seen.page
            page.set_default_timeout(15_000)
            if start == PAGES[0]:
                screenshot(page, SCREENSHOTS / f"navigation-{theme}-speaker.png")
            found = page.evaluate(NAV_LINKS, list(INDEXES))
            # What a reader can see of them (a theme may keep a second copy for phones).
            names = {index: name for index, name in enumerate(found)
                     if page.locator(f'[data-nav-probe="{index}"]').is_visible()}
            assert set(names.values()) == set(INDEXES), (theme, start, found)
            for index, name in names.items():
                want = INDEXES[name]
                for attempt in range(3):
                    # networkidle: a theme that navigates in the page (sphinx-immaterial)
                    # has set up its handlers and redrawn its navigation by then.
                    page.goto(f"{base}/{start}", wait_until="networkidle")
                    page.evaluate(NAV_LINKS, list(INDEXES))
                    page.click(f'[data-nav-probe="{index}"]')
                    try:
                        page.wait_for_url(lambda url, want=want: unquote(
                            urlsplit(url).path).endswith("/" + want), timeout=10_000)
                        page.wait_for_function(LANDED, arg=name, timeout=10_000)
                        break
                    except PlaywrightTimeout:
                        # On a loaded machine sphinx-immaterial has let a click go by
                        # unanswered; a link that goes elsewhere fails all three times.
                        if attempt == 2:
                            heading = page.locator("section.eventarchive-page h1")
                            pytest.fail(f"{theme}: {name} from {start} landed on {page.url} "
                                        f"({heading.all_inner_texts()})")
                clicked += 1
    assert clicked >= 3 * len(PAGES)
