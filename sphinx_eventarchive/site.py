"""Absolute URLs of pages, for social metadata, feeds and exports."""

from __future__ import annotations

import os
import weakref
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from sphinx.config import Config

from sphinx_eventarchive.messages import warn

if TYPE_CHECKING:
    from sphinx.builders import Builder


def base_url(config: Config) -> str:
    """The site's root: ``ogp_site_url``, else ``html_baseurl``, else Read the Docs' URL.

    Read the Docs sets ``READTHEDOCS_CANONICAL_URL`` to the root of the version
    being built (``https://p.readthedocs.io/ja/latest/``), so links stay right
    on versioned URLs. Always ends with ``/``; empty when nothing says.
    """
    url = (getattr(config, "ogp_site_url", "") or config.html_baseurl
           or os.environ.get("READTHEDOCS_CANONICAL_URL", ""))
    if url and not url.endswith("/"):
        url += "/"
    return url


def page_url(config: Config, builder: Builder, pagename: str, anchor: str = "") -> str:
    """Absolute URL of a page (or relative, when no base URL is known)."""
    url = urljoin(base_url(config), builder.get_target_uri(pagename))
    if anchor:
        # singlehtml addresses a document as "index.html#document-x": the
        # object's own anchor replaces that fragment.
        url = f"{url.split('#', 1)[0]}#{anchor}"
    return url


def file_url(config: Config, path: str) -> str:
    """Absolute URL of a file in the output folder, such as ``_images/x.png``."""
    return urljoin(base_url(config), path)


# Builds already told, by their config object (ids get reused; weak refs don't).
_WARNED: weakref.WeakSet[Config] = weakref.WeakSet()


def require_base_url(config: Config) -> bool:
    """True when absolute URLs can be made; otherwise warns once per build."""
    if base_url(config):
        return True
    if config not in _WARNED:
        _WARNED.add(config)
        warn("no html_baseurl, ogp_site_url or READTHEDOCS_CANONICAL_URL: social metadata, "
             "feeds and exports use relative URLs", "baseurl")
    return False
