"""A built site as ``check`` reads it: its pages, its base URL, and which file a URL is.

The base URL is not configured but read back from the pages, the way their
readers see it: each page's canonical link (else its ``og:url``), minus the
path the page is served at (``a/b.html`` for ``html``, ``a/b/`` for
``dirhtml``), and the most pages agree on. URLs under it map back to built
files, so a URL that does not resolve is one a reader would get a 404 for.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

#: Pages Sphinx writes for itself (no document, no social tags of their own):
#: nobody shares or searches for them, so the page rules skip them.
SPHINX_PAGES = frozenset({"genindex", "search", "py-modindex", "np-modindex"})


class NotABuiltSite(ValueError):
    """BUILD_DIR is not a folder of built HTML."""


def plain(url: str) -> str:
    """A URL without query and fragment, its path percent-decoded and its ``.``/``..``
    segments resolved as a browser resolves them, for comparing."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if {".", ".."} & set(path.split("/")):
        resolved = posixpath.normpath(path)
        folder = path.endswith(("/", "/.", "/..")) and resolved != "/"
        path = resolved + "/" if folder else resolved
    return f"{parts.scheme}://{parts.netloc}{path}" if parts.scheme else path


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@dataclass
class Page:
    """One built HTML page."""

    site: Site = field(repr=False)
    #: Its path in the build folder, with ``/``: ``demo/a.html``, ``speakers/b/index.html``.
    path: str
    file: Path

    @cached_property
    def text(self) -> str:
        return self.file.read_text(encoding="utf-8", errors="replace")

    @cached_property
    def tree(self) -> Any:
        from extruct.utils import parse_html

        return parse_html(self.text.encode("utf-8"), encoding="utf-8")

    def release(self) -> None:
        """Forget the page's text and tree (what its head says is kept): one page at a time
        is held in memory, however large the site."""
        self.__dict__.pop("tree", None)
        self.__dict__.pop("text", None)

    @cached_property
    def head_meta(self) -> list[tuple[str, str]]:
        """Every ``<meta>`` of the head as (``property``, ``name`` or ``http-equiv``,
        ``content``), in order."""
        found = []
        for element in self.tree.xpath("//head/meta[@content]"):
            key = element.get("property") or element.get("name") or \
                element.get("http-equiv") or ""
            if key:
                found.append((key.strip(), element.get("content")))
        return found

    @cached_property
    def canonicals(self) -> list[str]:
        return [link.get("href") or "" for link in self.tree.xpath("//head/link[@href]")
                if "canonical" in (link.get("rel") or "").lower().split()]

    @cached_property
    def noindex(self) -> bool:
        return any(key.lower() in ("robots", "googlebot") and
                   {"noindex", "none"} & {word.strip() for word in value.lower().split(",")}
                   for key, value in self.head_meta)

    @property
    def redirect(self) -> bool:
        """A page that only sends browsers elsewhere (sphinx-reredirects, a moved report)."""
        return any(key.lower() == "refresh" for key, _ in self.head_meta)

    @property
    def served_path(self) -> str:
        """The path the page is served at, below the base URL (``dirhtml``: ``a/b/``)."""
        if self.path == "index.html" or self.path.endswith("/index.html"):
            return self.path[: -len("index.html")]
        return self.path

    @property
    def name(self) -> str:
        """What Sphinx calls the page: ``a/b`` for ``a/b.html`` and ``a/b/index.html``."""
        served = self.served_path.rstrip("/")
        return served[: -len(".html")] if served.endswith(".html") else served or "index"

    @property
    def sphinx_own(self) -> bool:
        first = self.name.split("/", 1)[0]
        return self.name in SPHINX_PAGES or self.name.endswith("-modindex") \
            or self.name.startswith("genindex-") or first == "_modules"

    @cached_property
    def url(self) -> str:
        """Its absolute URL (as it names itself, when that is this page), else its path."""
        if not self.site.base:
            return quote(self.path)
        own = self.own_url().split("#", 1)[0]
        if own and self.site.file_for(own) == self.path:
            return own
        return self.site.base + quote(self.path)

    def own_url(self) -> str:
        """The absolute URL the page names for itself (canonical, else og:url), or ""."""
        named = [href for href in self.canonicals if is_absolute(href)]
        named += [value for key, value in self.head_meta if key == "og:url" and is_absolute(value)]
        return named[0] if named else ""

    def absolute(self, url: str) -> str:
        """A URL written on this page, made absolute the way a browser does."""
        return urljoin(self.url, url) if self.site.base else url


class Site:
    """The build folder: its files, its HTML pages and the base URL they share."""

    def __init__(self, root: Path, base_url: str | None = None) -> None:
        if not root.is_dir():
            raise NotABuiltSite(f"{root} is not a folder")
        self.root = root
        self.files: set[str] = set()
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = Path(folder).relative_to(root).as_posix()
            prefix = "" if rel == "." else rel + "/"
            self.files.update(prefix + name for name in names)
        self.pages = [Page(self, path, root / path) for path in sorted(self.files)
                      if path.endswith(".html") and not _in_sphinx_folder(path)]
        if not any("/" not in page.path for page in self.pages):
            # sphinx-build's -M form writes into _build/html, _build/dirhtml
            inside = next((root / name for name in ("html", "dirhtml")
                           if any(path.startswith(name + "/") for path in self.files)), None)
            if inside is not None or not self.pages:
                hint = f"; did you mean {inside}?" if inside is not None else ""
                raise NotABuiltSite(f"{root} holds no built HTML pages{hint}")
        self._by_path = {page.path: page for page in self.pages}
        self.base = _normal_base(base_url) if base_url else self._find_base()

    def _find_base(self) -> str:
        votes: Counter[str] = Counter()
        for page in self.pages:
            own = plain(page.own_url())
            page.release()
            if not own:
                continue
            # a/index.html is served as a/index.html (html) or a/ (dirhtml)
            for served in dict.fromkeys((page.path, page.served_path)):
                if own.endswith(served):
                    votes[own[: len(own) - len(served)]] += 1
                    break
        return votes.most_common(1)[0][0] if votes else ""

    def relative(self, url: str) -> str | None:
        """The path of ``url`` below the base URL, decoded; None when it is elsewhere."""
        if not self.base:
            return None
        target = plain(url)
        return target[len(self.base):] if target.startswith(self.base) else None

    def file_for(self, url: str) -> str | None:
        """The built file a URL under the base resolves to, as a web server would serve it."""
        rel = self.relative(url)
        if rel is None:
            return None
        candidates = [rel + "index.html"] if rel == "" or rel.endswith("/") else \
            [rel, rel + "/index.html"]
        return next((path for path in candidates if path in self.files), None)

    def page_at(self, path: str) -> Page | None:
        return self._by_path.get(path)

    def image_size(self, url: str) -> tuple[int, int] | None:
        """Width and height of a built image a URL points to, read from the file."""
        import imagesize

        path = self.file_for(url)
        if path is None:
            return None
        width, height = imagesize.get(str(self.root / path))
        return (int(width), int(height)) if width > 0 and height > 0 else None

    def files_named(self, *suffixes: str) -> Iterator[str]:
        return (path for path in sorted(self.files) if path.endswith(suffixes)
                and not _in_sphinx_folder(path))


def _normal_base(url: str) -> str:
    return plain(url if url.endswith("/") else url + "/")


def _in_sphinx_folder(path: str) -> bool:
    # _static, _sources, _images, _downloads: Sphinx's copies, not pages or exports.
    return any(part.startswith("_") for part in path.split("/")[:-1])
