"""X (Twitter) post URLs, judged once for the ``tweet`` directive and ``migrate``.

A post lives at ``https://x.com/<account>/status/<id>``; people paste it from
twitter.com, mobile.twitter.com, with ``?s=20`` share suffixes, or as the
``/i/web/status/<id>`` form the apps copy. All of them name one post, which
is linked at its x.com address (X redirects the others there anyway).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .urls import EmbedError, parse_url

__all__ = ["Post", "post"]

_HOSTS = frozenset({"x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com",
                    "mobile.twitter.com"})
# Post ids are 64-bit "snowflakes": up to 19 digits.
_ID = re.compile(r"[0-9]{1,19}")
# X account names: 1–15 letters, digits and underscores.
_ACCOUNT = re.compile(r"[A-Za-z0-9_]{1,15}")


class Post(NamedTuple):
    """One X post: its id, the account in its URL (may be ``""``), its canonical URL."""

    id: str
    account: str
    url: str


def post(value: str) -> Post:
    """The post an x.com or twitter.com URL names; :class:`EmbedError` for anything else.

    ``"url"`` when it is no usable URL at all, ``"embed"`` when it is not a post
    of X (a profile, another host) or its id is malformed.
    """
    url = parse_url(value)
    if url.host not in _HOSTS:
        raise EmbedError(f"{url.text} is not an x.com or twitter.com post URL", "embed")
    parts = url.segments
    if len(parts) >= 4 and parts[:3] == ["i", "web", "status"]:
        account, ident = "", parts[3]
    elif len(parts) >= 3 and parts[1] in ("status", "statuses") and _ACCOUNT.fullmatch(parts[0]):
        account, ident = parts[0], parts[2]
    else:
        raise EmbedError(f"{url.text} is not the URL of one post (…/<account>/status/<id>)",
                         "embed")
    if not _ID.fullmatch(ident):
        raise EmbedError(f"{url.text}: {ident!r} is not a post id (digits)", "embed")
    ident = ident.lstrip("0") or "0"
    where = f"https://x.com/{account}/status/{ident}" if account else \
        f"https://x.com/i/web/status/{ident}"
    return Post(ident, account, where)
