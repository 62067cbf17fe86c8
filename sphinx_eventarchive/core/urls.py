"""Judging a user's URL the way browsers read it, without Sphinx.

One parse serves every caller (directives, front matter, importers, ``migrate``):
:func:`parse_url` accepts an absolute ``http``/``https`` URL only when Python's
``urllib.parse`` and the WHATWG URL standard (what browsers implement) agree on
its host, so the host a page labels or recognises (is this speakerdeck.com?) is
the host a reader's browser goes to. Where they would differ the URL is refused
with a message naming what the browser would do, rather than repaired: the
author sees the surprise at build time instead of the reader at click time.

The cases where they differ, for special schemes such as http(s):

- ``\\`` is ``/`` to a browser: ``https://evil.example\\@speakerdeck.com/`` goes
  to evil.example, ``https://speakerdeck.com\\.evil.example/`` to speakerdeck.com;
- any run of ``/`` and ``\\`` after the scheme starts the host (``https:host``,
  ``https:///host``);
- tabs and newlines are dropped anywhere (refused with all white space);
- the host is percent-decoded, mapped by IDNA/UTS 46 (full-width letters,
  ``。`` as a dot, case) and, when it ends in a number, read as IPv4 in
  decimal, octal or hex (``0x7f.1`` is 127.0.0.1), or refused outright;
- ``.`` and ``..`` path segments (``%2e`` too) are resolved away, so
  ``/abby/../player/<id>`` is the player;
- ``user@`` before the host: legal, but in a published page only ever a trick
  (``https://speakerdeck.com@evil.example/``) or a leaked password, and
  browsers block such frames.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import urllib.parse
from functools import lru_cache
from typing import Literal, NamedTuple

__all__ = ["EmbedError", "Url", "check_url", "parse_url", "segments"]


class EmbedError(ValueError):
    """A user's URL or id that cannot be used.

    ``subtype`` is the warning subtype: ``"url"`` (not http(s), white space,
    empty, not a URL, read differently by browsers) or ``"embed"`` (a recognised
    host but a malformed id or URL); Speaker Deck look-ups use ``"speakerdeck"``.
    """

    subtype: Literal["url", "embed", "speakerdeck"]

    def __init__(self, message: str,
                 subtype: Literal["url", "embed", "speakerdeck"] = "url") -> None:
        super().__init__(message)
        self.subtype = subtype


class Url(NamedTuple):
    """A checked URL in parts; ``host`` is what the browser connects to."""

    #: The URL as written, stripped of surrounding white space.
    text: str
    #: ``"http"`` or ``"https"``.
    scheme: str
    #: Lower case, Unicode (not punycode) for internationalised names, no
    #: brackets around IPv6 addresses: the form ``urllib``'s ``hostname`` gives.
    host: str
    port: int | None
    path: str
    query: str
    fragment: str

    @property
    def segments(self) -> list[str]:
        return segments(self.path)


def segments(path: str) -> list[str]:
    """The non-empty segments of a URL path."""
    # Trailing and doubled slashes are common in pasted URLs and mean nothing.
    return [segment for segment in path.split("/") if segment]


# \s covers the ideographic space (U+3000) that Japanese input methods slip
# in; control characters (category Cc) are refused for the same reason, and
# browsers silently drop tabs and newlines, so a URL holding them is not what
# it looks like.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# WHATWG "forbidden domain code points" (controls are refused earlier).
_FORBIDDEN_IN_HOST = frozenset(" #%/:<>?@[\\]^|")
# The IDNA label separators a Japanese keyboard produces besides "." (NFKC
# turns the full-width U+FF0E into "." and the half-width U+FF61 into U+3002).
_IDEOGRAPHIC_FULL_STOP = "\u3002"
_IPV4_DIGITS = {10: re.compile(r"[0-9]+"), 8: re.compile(r"[0-7]+"), 16: re.compile(r"[0-9a-f]+")}
_ENDS_IN_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*")
# "." and ".." path segments, percent-encoded ones too, as WHATWG defines them.
_DOT_SEGMENT = re.compile(r"(?:\.|%2e){1,2}", re.IGNORECASE)


def check_url(value: str) -> str:
    """Return ``value`` stripped, or raise :class:`EmbedError` (``"url"``).

    Only absolute ``http``/``https`` URLs with a host pass: ``javascript:``,
    ``data:``, ``ftp:``, scheme-relative and relative paths would either run
    script in the reader's browser or point nowhere once the page moves; and
    only URLs whose host browsers and Python read alike (see the module).
    """
    return parse_url(value).text


def parse_url(value: str) -> Url:
    """``value`` judged and split as browsers would; else :class:`EmbedError` (``"url"``)."""
    return _parse_url(value.strip() if isinstance(value, str) else "")


@lru_cache(maxsize=1 << 15)
def _parse_url(text: str) -> Url:
    # Pure of the text, and asked again for every card a talk's URL is on (48,000 times
    # for pyvideo's 21,715 talks): remembered. A refusal raises, and is not remembered.
    if not text:
        raise EmbedError("the URL is empty", "url")
    if _SPACE_OR_CONTROL.search(text):
        raise EmbedError(f"the URL {text!r} holds white space", "url")
    scheme = _SCHEME.match(text)
    if not scheme or scheme[1].lower() not in ("http", "https"):
        raise EmbedError(f"the URL {text!r} is not http(s)", "url")
    before_query = re.split(r"[?#]", text, maxsplit=1)[0]
    if "\\" in before_query:
        raise EmbedError(
            f"the URL {text!r} holds a backslash, which browsers read as '/' "
            "(and so may go to another host): write '/'",
            "url",
        )
    rest = text[scheme.end() :]
    if not rest.startswith("//") or rest.startswith("///"):
        # Browsers skip any number of slashes here: https:host and https:///host
        # both go to "host"; Python finds no host at all.
        raise EmbedError(f"the URL {text!r} has no host (write scheme://host/…)", "url")
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    userinfo, at, hostport = authority.rpartition("@")
    if at:
        raise EmbedError(
            f"the URL {text!r} holds {userinfo + '@'!r} before its host: browsers go to "
            f"{hostport!r}, and block frames with a user name or password",
            "url",
        )
    raw_host, port = _split_port(hostport, text)
    host = _host(raw_host, text)
    try:
        parts = urllib.parse.urlsplit(text)
        python_host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise EmbedError(f"{text!r} is not a URL", "url") from None
    if any(_DOT_SEGMENT.fullmatch(segment) for segment in parts.path.split("/")):
        raise EmbedError(
            f"the URL {text!r} holds '.' or '..' path segments, which browsers resolve away "
            "(and so open another page): write the path without them",
            "url",
        )
    if python_host != host or parts.netloc != authority:
        # Not reached by any URL known to differ (each case is refused above
        # with a better message); kept so a gap fails closed.
        raise EmbedError(f"browsers and Python read the host of {text!r} differently", "url")
    return Url(text, scheme[1].lower(), host, port, parts.path, parts.query, parts.fragment)


def _split_port(hostport: str, text: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        raw_host, close, port = hostport.partition("]")
        raw_host += close
        if not close or (port and not port.startswith(":")):
            raise EmbedError(f"{text!r} is not a URL", "url")
        port = port[1:]
    else:
        raw_host, _, port = hostport.partition(":")
    if not port:
        return raw_host, None
    if not (port.isascii() and port.isdigit()) or int(port) > 65535:
        raise EmbedError(f"the port of {text!r} is not a number up to 65535", "url")
    return raw_host, int(port)


def _host(raw: str, text: str) -> str:
    """The host as browsers read it, when that is how it is written; else EmbedError."""
    if not raw:
        raise EmbedError(f"the URL {text!r} has no host", "url")
    if raw.startswith("["):
        try:
            # Python takes a zone (fe80::1%eth0); browsers refuse one.
            if "%" in raw:
                raise ValueError(raw)
            ipaddress.IPv6Address(raw[1:-1])
        except ValueError:
            raise EmbedError(f"{raw!r} in {text!r} is not an IPv6 address", "url") from None
        return raw[1:-1].lower()
    if "%" in raw:
        decoded = urllib.parse.unquote(raw)
        raise EmbedError(
            f"the host of {text!r} is percent-encoded; browsers read it as {decoded!r}: write that",
            "url",
        )
    mapped = _mapped(raw)
    if mapped != raw.lower():
        raise EmbedError(
            f"browsers read the host {raw!r} of {text!r} as {mapped!r}: write that", "url"
        )
    if _FORBIDDEN_IN_HOST.intersection(mapped):
        raise EmbedError(f"{raw!r} in {text!r} is not a host name", "url")
    for label in mapped.split("."):
        if label.startswith("xn--"):
            try:
                label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                raise EmbedError(f"{raw!r} in {text!r} is not a valid host name", "url") from None
    labels = mapped.split(".")
    if len(labels) > 1 and not labels[-1]:
        labels.pop()
    if _ENDS_IN_NUMBER.fullmatch(labels[-1]):
        address = _ipv4(labels)
        if address is None:
            raise EmbedError(f"{raw!r} in {text!r} ends in a number but is no IPv4 address", "url")
        if address != mapped:
            raise EmbedError(
                f"browsers read the host {raw!r} of {text!r} as {address!r}: write that", "url"
            )
    return mapped


def _mapped(host: str) -> str:
    """The UTS 46 mapping browsers apply to a host name, as far as it matters here.

    NFKC and lower case turn full-width ``ＳＰＥＡＫＥＲＤＥＣＫ`` into ``speakerdeck``
    (``str.casefold`` would also turn ``ß`` into ``ss``, which browsers no
    longer do); the ideographic full stop separates labels like ``.``.
    """
    mapped = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", host).lower())
    return mapped.replace(_IDEOGRAPHIC_FULL_STOP, ".")


def _ipv4(labels: list[str]) -> str | None:
    """The WHATWG IPv4 parser: ``0x7f.1`` and ``2130706433`` are 127.0.0.1."""
    if len(labels) > 4:
        return None
    numbers: list[int] = []
    for label in labels:
        base, digits = 10, label
        if label.startswith("0x"):
            base, digits = 16, label[2:]
        elif len(label) > 1 and label.startswith("0"):
            base, digits = 8, label[1:]
        if not digits and base != 10:
            numbers.append(0)
        elif _IPV4_DIGITS[base].fullmatch(digits):
            numbers.append(int(digits, base))
        else:
            return None
    if any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1] + sum(number << (8 * (3 - i)) for i, number in enumerate(numbers[:-1]))
    return str(ipaddress.IPv4Address(value))
