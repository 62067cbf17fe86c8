"""Speaker Deck presentation URLs: their player ids, asked of Speaker Deck and kept in a file.

A presentation URL (``speakerdeck.com/<user>/<slug>``) carries no id. Only
Speaker Deck's oEmbed endpoint knows it, so the one network request this
package makes lives here, with the cache file that keeps its answers in the
user's source tree so later builds (and Read the Docs) need no network.
"""

from __future__ import annotations

import http.client
import json
import os
import pathlib
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from .files import write_if_changed
from .hosts import SPEAKERDECK_ID
from .urls import EmbedError, check_url

__all__ = ["cache_problem", "load_cache", "resolve_speakerdeck_oembed", "save_cache"]

# The largest oEmbed answer read: a real one is about 1 kB.
_OEMBED_LIMIT = 1 << 20

# The player URL inside the oEmbed answer's iframe: ``https:`` today,
# scheme-relative (``//speakerdeck.com/player/…``) in older answers.
_PLAYER_IN_HTML = re.compile(r"(?:https?:)?//speakerdeck\.com/player/([0-9A-Za-z]+)")
# The script embed Speaker Deck used before iframes: ``data-id="…"``.
_DATA_ID_IN_HTML = re.compile(r"""data-id\s*=\s*["']([0-9A-Za-z]+)["']""")


def resolve_speakerdeck_oembed(
    url: str,
    *,
    endpoint: str = "https://speakerdeck.com/oembed.json",
    timeout: float = 5.0,
) -> str:
    """Ask Speaker Deck's oEmbed endpoint for the player id of a presentation URL.

    The answer is JSON whose ``html`` holds the embed code,
    ``<iframe … src="https://speakerdeck.com/player/<id>" …>``; the id is taken
    from there. Any failure raises :class:`EmbedError` (``"speakerdeck"``) so a
    build without network degrades to a link and a warning.
    """
    try:
        endpoint = check_url(endpoint)
        url = check_url(url)
    except EmbedError as error:
        # A file: or data: endpoint would read local files: refuse it outright.
        raise EmbedError(f"cannot ask Speaker Deck: {error}", "speakerdeck") from None
    query = urllib.parse.urlencode({"url": url})
    request = urllib.request.Request(
        f"{endpoint}{'&' if '?' in endpoint else '?'}{query}",
        headers={"Accept": "application/json", "User-Agent": "sphinx-eventarchive"},
    )
    what = f"Speaker Deck could not resolve {url}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(_OEMBED_LIMIT + 1)
    except urllib.error.HTTPError as error:
        raise EmbedError(f"{what}: HTTP {error.code} {error.reason}", "speakerdeck") from None
    except urllib.error.URLError as error:
        # urlopen wraps connection failures, and time-outs while connecting, here.
        reason = error.reason
        text = "timed out" if isinstance(reason, TimeoutError) else str(reason)
        raise EmbedError(f"{what}: {text}", "speakerdeck") from None
    except TimeoutError:
        raise EmbedError(f"{what}: timed out after {timeout:g} s", "speakerdeck") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise EmbedError(f"{what}: {error or type(error).__name__}", "speakerdeck") from None
    if len(body) > _OEMBED_LIMIT:
        raise EmbedError(f"{what}: the answer is too large", "speakerdeck")
    try:
        data = json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        raise EmbedError(f"{what}: the answer is not JSON", "speakerdeck") from None
    html = data.get("html") if isinstance(data, dict) else None
    if isinstance(html, str):
        for pattern in (_PLAYER_IN_HTML, _DATA_ID_IN_HTML):
            match = pattern.search(html)
            if match and SPEAKERDECK_ID.fullmatch(match[1]):
                return match[1]
    raise EmbedError(f"{what}: the answer holds no player id", "speakerdeck")


# -- Cache -----------------------------------------------------------------------------------

_CACHE_SECTION = "speakerdeck"


def _read_json(path: pathlib.Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def cache_problem(path: pathlib.Path) -> str:
    """Why a file is no cache file (a JSON object; its ``speakerdeck`` an object), or ""."""
    try:
        data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        return f"cannot be read ({error.strerror or type(error).__name__})"
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        return "is not a cache file: it is not JSON"
    if not isinstance(data, dict) or not isinstance(data.get(_CACHE_SECTION, {}), dict):
        return f"is not a cache file: a JSON object with a {_CACHE_SECTION!r} object"
    return ""


def load_cache(path: pathlib.Path) -> dict[str, str]:
    """The Speaker Deck ids kept in ``path`` (``{"speakerdeck": {url: id}}``).

    A missing, unreadable or corrupt file is an empty cache, never an error: the
    cache only saves network requests. Entries whose id is malformed (a hand
    edit gone wrong) are dropped so they cannot reach a player URL.
    """
    data = _read_json(pathlib.Path(path))
    section = data.get(_CACHE_SECTION) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return {}
    return {
        url: deck_id
        for url, deck_id in section.items()
        if isinstance(url, str) and isinstance(deck_id, str) and SPEAKERDECK_ID.fullmatch(deck_id)
    }


def save_cache(path: pathlib.Path, entries: Mapping[str, str]) -> None:
    """Write ``entries`` to ``path``, only when that changes the file.

    The file lives in the source tree and is meant to be committed, so its
    form is stable (sorted keys, two-space indent, UTF-8 so Japanese slugs stay
    readable, a final newline) and an unchanged cache does not touch it:
    rewriting would bump its mtime and make editors and watchers rebuild.
    Other top-level keys of an existing file are kept for later cache kinds.
    """
    path = pathlib.Path(path)
    existing = _read_json(path)
    data: dict[str, object] = dict(existing) if isinstance(existing, dict) else {}
    data[_CACHE_SECTION] = {str(url): str(deck_id) for url, deck_id in entries.items()}
    content = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    encoded = content.encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    if write_if_changed(path, encoded):
        # write_atomic's temporary file is created 0600 (mkstemp), and a file
        # the user commits should keep the mode it had, else a usual one.
        os.chmod(path, mode)
