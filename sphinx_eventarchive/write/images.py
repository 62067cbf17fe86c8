"""Pictures of pages (social images, profile photos): absolute URLs, sizes, and local
files copied into the output."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

import imagesize
from docutils import nodes

from sphinx_eventarchive.core.files import in_tree, write_atomic
from sphinx_eventarchive.site import PATH_SAFE, published_file

if TYPE_CHECKING:
    from sphinx_eventarchive.site import Site

#: Where local social images are copied in the output, under content-hashed names.
IMAGE_DIR = "_images/eventarchive"


@dataclass
class Image:
    url: str
    alt: str | None = None
    width: int = 0
    height: int = 0
    type: str = ""

    @property
    def twitter_card(self) -> str:
        """The X card the picture makes: ``summary_large_image`` needs at least 300×157 at
        about 2:1 (an aspect ratio of 1.6 to 2.2); a smaller or squarer picture (a profile
        photo) is a ``summary``. A picture of unknown size (on another site) is taken to
        be a card-sized one."""
        if not (self.width and self.height):
            return "summary_large_image"
        large = self.width >= 300 and self.height >= 157 \
            and 1.6 <= self.width / self.height <= 2.2
        return "summary_large_image" if large else "summary"


def size(path: Path) -> tuple[int, int]:
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return 0, 0
    return (int(width), int(height)) if width > 0 and height > 0 else (0, 0)


def _described(url: str, source: Path, alt: str | None = None) -> Image:
    width, height = size(source)
    return Image(url, alt=alt, width=width, height=height,
                 type=mimetypes.guess_type(source.name)[0] or "")


class PageImages:
    """Turns image references into absolute URLs, copying local files into the output."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.srcdir = Path(site.env.srcdir)
        self.outdir = Path(site.builder.outdir)

    def local(self, path: Path) -> Image | None:
        """Copy ``path`` to ``_images/eventarchive/<hash><suffix>`` and describe it."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        name = hashlib.sha256(data).hexdigest()[:20] + path.suffix.lower()
        target = self.outdir / IMAGE_DIR / name
        if not target.exists():
            write_atomic(target, data)  # pages are written in parallel
        return _described(self.site.file_url(f"{IMAGE_DIR}/{name}"), path)

    def source_file(self, reference: str, docname: str) -> Path | None:
        """A file in the source tree: ``/x`` from the source folder, ``x`` from the page's."""
        _relative, absolute = self.site.env.relfn2path(reference, docname)
        return in_tree(self.srcdir, Path(absolute))

    def front_matter(self, reference: str, docname: str, *,
                     as_written: bool = False) -> Image | None:
        """The front matter's ``image``.

        ``https://…`` is used as it is. A path is looked up in the source tree
        first (``/pek2024/blog/x/ogp.png`` from the source folder, ``ogp.png``
        from the report's folder) and, found, copied into the output; else it
        is used where ``html_extra_path`` or ``html_static_path`` publishes it.
        Otherwise there is no picture (the reading warned): a URL that would not
        resolve would stop the page's card from being drawn. ``as_written``
        (a page's ``og:image`` field, sphinxext-opengraph's key) takes the path
        as a place on the site whatever is there, as sphinxext-opengraph does.
        """
        if "://" in reference:
            return Image(reference)
        found = self.source_file(reference, docname)
        if found is not None:
            return self.local(found)
        relative, _absolute = self.site.env.relfn2path(reference, docname)
        served = self.served(relative)
        if served is not None or not as_written:
            return served
        if reference.startswith("/"):
            return Image(self.site.file_url(reference))
        return Image(urljoin(self.site.page_url(docname), quote(reference, safe=PATH_SAFE)))

    def served(self, path: str) -> Image | None:
        """The picture ``html_extra_path`` or ``html_static_path`` publishes at ``path``."""
        source = published_file(self.site.config, self.srcdir, path)
        return _described(self.site.file_url(path), Path(source)) if source else None

    def event(self, reference: str) -> Image | None:
        """An event's ``image``: an URL, or a path relative to the source folder (a file
        there, or one ``html_extra_path`` or ``html_static_path`` publishes)."""
        if "://" in reference:
            return Image(reference)
        path = self.srcdir / reference
        return self.local(path) if path.is_file() else self.served(reference)

    def configured(self, reference: str) -> Image:
        """``ogp_image``: a URL, or a path on the site (as sphinxext-opengraph reads it)."""
        if "://" in reference:
            return Image(reference)
        source = self._static_source(reference.lstrip("/"))
        url = self.site.file_url(reference)
        return _described(url, source) if source is not None else Image(url)

    def _static_source(self, path: str) -> Path | None:
        # "_static/logo.png" comes from an html_static_path folder; extra files
        # from html_extra_path land at the root of the site.
        config = self.site.config
        candidates = [self.srcdir / path]
        head, _sep, rest = path.partition("/")
        if head == "_static" and rest:
            candidates += [self.srcdir / folder / rest for folder in config.html_static_path]
        candidates += [self.srcdir / folder / path for folder in config.html_extra_path]
        return next((c for c in candidates if c.is_file()), None)

    def first_in(self, doctree: nodes.document) -> Image | None:
        """The page's first image, for ``ogp_use_first_image``."""
        from sphinxext.opengraph import IMAGE_MIME_TYPES

        for node in doctree.findall(nodes.image):
            uri = node.get("uri", "")
            if Path(uri).suffix[1:].lower() not in IMAGE_MIME_TYPES:
                continue
            alt = node.get("alt") or None
            if "://" in uri:
                return Image(uri, alt=alt)
            # By now the builder has pointed the node at its copy ("../_images/x.png");
            # the source file is still named in its candidates.
            builder = self.site.builder
            copies: Mapping[str, str] = getattr(builder, "images", {})
            candidates: Mapping[str, str] = node.get("candidates") or {}
            source = str(candidates.get("*", ""))
            if source in copies:
                imagedir = getattr(builder, "imagedir", "_images")
                url = self.site.file_url(f"{imagedir}/{copies[source]}")
                path = self.srcdir / source
                return _described(url, path, alt) if path.is_file() else Image(url, alt=alt)
        return None
