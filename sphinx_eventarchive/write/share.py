"""Share links: plain links to each service's own share page, no third-party script.

One list (:func:`share_links`) says which services a page offers and what each
link carries; one renderer (:func:`share_html`) writes it for documents and
generated pages alike (shared pages are web pages: HTML only). Nothing is
fetched from a service until the reader clicks its link. ``copy`` is a link to
the page itself, which the extension's script turns into "copy to the clipboard".
"""

from __future__ import annotations

import re
from html import escape
from typing import NamedTuple
from urllib.parse import quote, urlencode

from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.cardhtml import link_html

# X takes a hashtag of letters, digits and _ only (any script); others go into the text.
_HASHTAG = re.compile(r"\w+")


class ShareLink(NamedTuple):
    service: str
    label: str
    href: str


def _query(**values: str) -> str:
    return urlencode(values, quote_via=quote)


def _label(service: str) -> str:
    labels = {"x": "X", "line": "LINE", "hatena": _("Hatena Bookmark"),
              "facebook": "Facebook", "bluesky": "Bluesky", "copy": _("Copy link")}
    return str(labels[service])


def share_links(services: list[str] | tuple[str, ...], url: str, title: str,
                hashtag: str = "") -> list[ShareLink]:
    """The share links of a page at the absolute ``url``; none without one (a share
    link to a relative URL shares nothing)."""
    if not url.startswith(("https://", "http://")):
        return []
    tag = hashtag.lstrip("#＃").strip()
    text = title
    x_tags: dict[str, str] = {}
    if tag and _HASHTAG.fullmatch(tag):
        x_tags = {"hashtags": tag}
    elif tag:
        text = f"{title} #{tag}"
    with_tag = f"{title} #{tag}" if tag else title
    hrefs = {
        "x": "https://x.com/intent/post?" + _query(text=text, url=url, **x_tags),
        "line": "https://social-plugins.line.me/lineit/share?" + _query(url=url),
        "hatena": "https://b.hatena.ne.jp/add?" + _query(mode="confirm", url=url, title=title),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + _query(u=url),
        "bluesky": "https://bsky.app/intent/compose?" + _query(text=f"{with_tag} {url}"),
        "copy": url,
    }
    return [ShareLink(service, _label(service), hrefs[service])
            for service in dict.fromkeys(services) if service in hrefs]


def share_html(links: list[ShareLink]) -> str:
    """The links as a paragraph (the stylesheet makes it a bar)."""
    if not links:
        return ""
    items = "".join(" " + link_html(link.href, escape(link.label), external=True, classes=(
        "eventarchive-share-link", f"eventarchive-share-{link.service}")) for link in links)
    return (f'<p class="eventarchive-share"><span class="eventarchive-share-label">'
            f"{escape(str(_('Share')))}</span>{items}</p>")
