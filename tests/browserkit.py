"""Headless Chromium for the browser tests: a local server, the browser, and what a page is
checked for. A pytest plugin (``conftest.py`` loads it), so every test module gets the
``browser``, ``served`` and ``site`` fixtures.

Nothing leaves the machine: every request to another host is answered with a small
local stand-in (recorded, so tests can say which third parties a page asked for), and
Chromium resolves no host name but 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import shutil
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from conftest import ROOTS, archive_warnings, build_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces under page.route: no host name but ours resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL = "127.0.0.1"

THEMES = {  # html_theme -> the module that provides it (None: ships with Sphinx)
    "alabaster": None,
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
}
#: Console errors a theme's own script logs on any page, with or without this extension.
_PST_MODE = "Got invalid theme mode: ."  # pydata-sphinx-theme 0.20, no stored colour mode
THEME_NOISE = {"pydata_sphinx_theme": (_PST_MODE,), "sphinx_book_theme": (_PST_MODE,)}
WIDTHS = (375, 1280)
HEIGHT = 800
TOLERANCE = 0.02  # rendered width / height within 2 % of the host's ratio

TESTS = Path(__file__).parent
SCREENSHOTS = TESTS / "_artifacts" / "screenshots"
DOCS_SCREENSHOT = TESTS.parent / "docs" / "_static" / "screenshot-report.png"

# -- Preconditions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sync_api() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    return pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)")


def need_theme(theme: str) -> None:
    module = THEMES[theme]
    if module:
        pytest.importorskip(module, reason=f"the {theme} theme is not installed")


# -- Builds and the server -------------------------------------------------------------------


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1 (an ephemeral port), and its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer((LOCAL, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://{LOCAL}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def site(served: tuple[Path, str]) -> Callable[..., str]:
    """``site(root, name, **confoverrides)`` builds a root once and returns its HTML base URL."""
    folder, base = served
    built: dict[str, str] = {}

    def build(root: str, name: str, **overrides: Any) -> str:
        if name not in built:
            srcdir = folder / name
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
            app = build_app("html", srcdir, builddir=srcdir / "_build", confoverrides=overrides)
            assert archive_warnings(app) == [], name
            built[name] = f"{base}/{quote(name)}/_build/html"
        return built[name]

    return build


# -- The browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(sync_api: Any) -> Iterator[Any]:
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except Exception as error:  # a Chromium too old or too new for this Playwright
        playwright.stop()
        pytest.skip(f"Playwright cannot drive {CHROMIUM}: {error}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


def stub(url: str) -> str:
    """What a third-party frame shows instead of the real player: its host and path."""
    parts = urlsplit(url)
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>stand-in</title>"
        "<style>html,body{margin:0;height:100%}body{display:flex;align-items:center;"
        "justify-content:center;text-align:center;background:#334155;color:#f1f5f9;"
        "font:14px/1.4 system-ui,sans-serif}small{opacity:.7}</style>"
        f"<div><strong>{html.escape(parts.hostname or '')}</strong><br>"
        f"<small>{html.escape(parts.path)}</small><br>"
        "<small>(a local stand-in: tests never reach the network)</small></div></html>"
    )


_BODIES = {  # resource type -> what a stand-in of that type holds
    "stylesheet": ("text/css", ""),
    "script": ("application/javascript", ""),
    "font": ("font/woff2", ""),
    "image": ("image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"),
}


@dataclass
class Visit:
    page: Any
    #: (resource type, URL) of every request to a host other than 127.0.0.1, in order.
    third_party: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Requests to 127.0.0.1 that failed or were answered with an error status.
    failed: list[str] = field(default_factory=list)

    def diagnosis(self) -> str:
        """What went wrong in the page, for an assertion's message."""
        text = self.page.evaluate("() => document.body ? document.body.innerText : ''")
        return (f"errors: {self.errors}; failed requests: {self.failed}; "
                f"page text: {text[-600:]!r}")

    def documents(self, start: int = 0) -> list[str]:
        return [url for kind, url in self.third_party[start:] if kind == "document"]


@contextlib.contextmanager
def visit(browser: Any, url: str, width: int, height: int = HEIGHT) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, service_workers="block")
    page = context.new_page()
    seen = Visit(page)

    def route(route: Any) -> None:
        request = route.request
        if urlsplit(request.url).hostname == LOCAL:
            route.continue_()
            return
        seen.third_party.append((request.resource_type, request.url))
        if request.resource_type in _BODIES:
            content_type, body = _BODIES[request.resource_type]
        else:
            content_type, body = "text/html; charset=utf-8", stub(request.url)
        route.fulfill(status=200, content_type=content_type, body=body)

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and seen.errors.append(
        f"console: {message.text} ({message.location.get('url', '')})"))
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda request: seen.failed.append(
        f"{request.url}: {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and seen.failed.append(
        f"{response.url}: HTTP {response.status}"))
    try:
        page.goto(url, wait_until="load")
        yield seen
    finally:
        context.close()


def wait_until(condition: Callable[[], bool], page: Any, timeout: float = 15.0) -> bool:
    """Whether ``condition`` came true within ``timeout`` seconds. Generous: a first search
    loads Pagefind's WebAssembly and index, slow on a busy CI machine."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


# -- What a page is checked for --------------------------------------------------------------

INLINE_STYLES = """() => {
  const ours = [...document.querySelectorAll('[class]')].filter(
    (el) => [...el.classList].some((c) => c.startsWith('eventarchive-')));
  const styled = new Set();
  for (const el of ours) {
    if (el.hasAttribute('style')) styled.add(el);
    for (const inner of el.querySelectorAll('[style]')) styled.add(inner);
  }
  return [...styled].map((el) => el.outerHTML.slice(0, 160));
}"""


TWO_FRAMES = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => done())))"""


def ratio_problem(what: str, box: dict[str, float] | None, expected: float,
                  width: int) -> str | None:
    if not box or box["width"] <= 0 or box["height"] <= 0:
        return f"{what}: not rendered ({box})"
    ratio = box["width"] / box["height"]
    if abs(ratio / expected - 1) > TOLERANCE:
        return (f"{what}: {box['width']:.1f}x{box['height']:.1f} px is {ratio:.4f}, "
                f"not {expected:.4f}")
    if box["x"] < -0.5 or box["x"] + box["width"] > width + 0.5:
        return f"{what}: sticks out of the {width} px viewport ({box})"
    return None


def scroll_width(page: Any) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def overflow_problem(page: Any, allowed: int | None = None) -> str | None:
    """The page scrolls sideways (wider than ``allowed``, by default the viewport)."""
    scroll, inner = scroll_width(page)
    if scroll > (allowed or inner):
        return (f"the page scrolls sideways: scrollWidth {scroll} > innerWidth {inner}"
                + (f" (the theme alone: {allowed})" if allowed else ""))
    return None


_STICKING_OUT = """() => [...document.querySelectorAll('[class*="eventarchive-"]')]
  .filter((el) => [...el.classList].some((c) => c.startsWith('eventarchive-')))
  .filter((el) => { const r = el.getBoundingClientRect();
                    return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5); })
  .map((el) => `${el.className} ${Math.round(el.getBoundingClientRect().left)}..`
               + `${Math.round(el.getBoundingClientRect().right)}`)"""


#: Boxes of ours whose content runs past their right edge: text crossing a card's border,
#: say, which the viewport check misses while the card is narrower than the window.
#: Headings are left out: furo hangs every heading (its own too) 8 px into the margin.
OVERFLOWING = """() => [...document.querySelectorAll('[class*="eventarchive-"]')]
  .filter((el) => [...el.classList].some((c) => c.startsWith('eventarchive-'))
                  && getComputedStyle(el).display !== 'inline' && el.clientWidth > 0)
  .flatMap((el) => {
    const edge = el.getBoundingClientRect().right;
    const out = [...el.querySelectorAll('*')].filter((inner) =>
      !inner.closest('h1, h2, h3, h4, h5, h6')
      && inner.getBoundingClientRect().width > 0
      && inner.getBoundingClientRect().right > edge + 1);
    return out.length ? [`${el.className} (right edge ${Math.round(edge)} px): `
      + out.slice(0, 3).map((inner) => `${inner.tagName.toLowerCase()}.${inner.className} `
        + `to ${Math.round(inner.getBoundingClientRect().right)} px`).join(', ')] : [];
  })"""


#: Cards whose content touches or crosses their border (a theme's rule beating the
#: card's padding, a theme's grid pushing values out).
CROWDED_CARDS = """() => [...document.querySelectorAll('.eventarchive-card')].flatMap((card) => {
  const box = card.getBoundingClientRect();
  const crowded = [...card.querySelectorAll('*')].filter((inner) => {
    const r = inner.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left + 4 || r.right > box.right - 4);
  });
  return crowded.length ? [`card ${Math.round(box.left)}..${Math.round(box.right)} px: `
    + crowded.slice(0, 3).map((inner) => `${inner.tagName.toLowerCase()}.${inner.className} `
      + `${Math.round(inner.getBoundingClientRect().left)}..`
      + `${Math.round(inner.getBoundingClientRect().right)}`).join(', ')] : [];
})"""


@functools.cache
def _theme_scroll_width(browser: Any, url: str, width: int) -> int:
    with visit(browser, url, width) as seen:
        return scroll_width(seen.page)[0]


def layout_problems(browser: Any, page: Any, base: str, width: int) -> list[str]:
    """Nothing of ours sticks out of the viewport, and the page scrolls sideways no more
    than the theme's own page of the same shape (``baseline.html``) does."""
    problems = [f"sticks out of the viewport: {el}" for el in page.evaluate(_STICKING_OUT)]
    scroll, inner = scroll_width(page)
    if scroll > inner:
        theme = _theme_scroll_width(browser, f"{base}/baseline.html", width)
        problem = overflow_problem(page, max(theme, inner))
        if problem:
            problems.append(problem)
        else:
            warnings.warn(f"{base}: the theme itself scrolls sideways at {width} px "
                          f"(scrollWidth {theme}); the report adds nothing to it", stacklevel=2)
    return problems


#: Stripes under every frame: a capture of the whole page leaves out-of-process frames
#: below the fold unpainted, and the stripes show where they are and how big. Added only
#: for the picture, after every check.
_FRAME_STRIPES = ("iframe { background: repeating-linear-gradient("
                  "45deg, #475569 0 12px, #334155 12px 24px); }")


def screenshot(page: Any, path: Path) -> None:
    """The whole page, at the window's size (``vh`` units keep their meaning)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.add_style_tag(content=_FRAME_STRIPES)
    page.screenshot(path=path, full_page=True)
