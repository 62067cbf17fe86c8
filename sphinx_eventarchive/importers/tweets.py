"""X posts pasted into a post, as ``tweet`` directives.

X's "Embed post" code (``<blockquote class="twitter-tweet">…``) is the post's
text in a ``<p>``, then ``— Name (@account)`` and a link to the post whose
text is the date, then a ``<script>`` loading widgets.js. The directive keeps
the text (links to other sites as Markdown links; X's own hashtag and
mention links as their text), the author and the date, and drops the script.

A post copied from X's page as text is a quote followed by the same
``— Name (@account) date`` line (:func:`pasted_text`); it becomes a directive
only when the post's URL is beside it, since the directive links the post.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

from sphinx_eventarchive.core.tweets import Post, post
from sphinx_eventarchive.core.urls import EmbedError
from sphinx_eventarchive.importers.mystwriter import one_line, render_directive
from sphinx_eventarchive.importers.post import Link, PostText, links, plain_text

#: The ``<script>`` X puts after the quote; only white space may come between.
WIDGETS_SCRIPT = re.compile(
    r"""\s*<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//platform\.twitter\.com/widgets\.js"""
    r"""[^>]*>\s*</script\s*>""", re.IGNORECASE)
BLOCKQUOTE_CLOSE = re.compile(r"</blockquote\s*>", re.IGNORECASE)
_X_HOSTS = ("twitter.com", "www.twitter.com", "x.com", "www.x.com", "mobile.twitter.com")
_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_ENGLISH_DATE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})")
_JAPANESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NUMERIC_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
# Markdown would read these as markup inside the post's text.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.MULTILINE)


def is_tweet(attributes: dict[str, str]) -> bool:
    return "twitter-tweet" in attributes.get("class", attributes.get("classname", "")).split()


def _escape(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def _is_x(url: str) -> bool:
    host = re.sub(r"^https?://", "", url).split("/", 1)[0].lower()
    return host in _X_HOSTS


class _Quote(HTMLParser):
    """The post's text as Markdown, and the author, date text and URL after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.after: list[str] = []  # "— Name (@account) "
        self.links: list[tuple[str, str]] = []  # (href, text) after the <p>
        self.in_p = 0
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.in_p += 1
        elif tag == "br" and self.in_p:
            self.text.append("\\\n")  # a hard line break in Markdown
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.in_p:
            self.in_p -= 1
            if not self.in_p:
                self.text.append("\n\n")
        elif tag == "a" and self.href is not None:
            words = "".join(self.link_text)
            if self.in_p:
                if self.href.startswith(("https://", "http://")) and not _is_x(self.href):
                    self.text.append(f"[{_escape(words)}](<{self.href}>)")
                else:
                    self.text.append(_escape(words))  # X's own hashtag and mention links
            else:
                self.links.append((self.href, words))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.link_text.append(data)
        elif self.in_p:
            self.text.append(_escape(data))
        else:
            self.after.append(data)


def iso_date(text: str) -> str:
    """X's date text (``September 29, 2023``, ``2023年9月29日``) as ``2023-09-29``; else ""."""
    text = text.strip()
    found = _JAPANESE_DATE.search(text) or _NUMERIC_DATE.search(text)
    if found:
        year, month, day = (int(part) for part in found.groups())
    else:
        english = _ENGLISH_DATE.search(text)
        if not english or english.group(1).lower()[:3] not in {m[:3] for m in _MONTHS}:
            return ""
        month = next(n for m, n in _MONTHS.items() if m.startswith(english.group(1).lower()[:3]))
        day, year = int(english.group(2)), int(english.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def directive(inner: str) -> tuple[str, str] | str:
    """``(post id, directive)`` for the inside of X's blockquote, or why it cannot be one."""
    quote = _Quote()
    quote.feed(inner)
    quote.close()
    found = None
    for href, _words in reversed(quote.links):
        try:
            found = post(html.unescape(href))
            date_text = _words
            break
        except EmbedError:
            continue
    if found is None:
        return "no link to the post (…/status/<id>) in it"
    author = re.sub(r"^[\s—–-]+", "", one_line("".join(quote.after)))
    # Line starts only once the text is whole: a chunk may start mid-line.
    body = _LINE_START.sub(r"\1\\\2", "".join(quote.text).strip())
    body = re.sub(r"\n{3,}", "\n\n", body)
    options = [("author", author), ("date", iso_date(date_text))]
    return found.id, render_directive("tweet", found.url, options, body).rstrip("\n")


# -- an X post copied as the text X's page shows -------------------------------

# The line X puts under a post's words: "— Name (@account) date", the date
# usually linking to the post.
_SIGNATURE = re.compile(
    r"[ \t]{0,3}(?:>[ \t]?)?[ \t]*(?:—|―|–|--?|&mdash;)[ \t]*(?P<name>[^\n()]*?)[ \t]*"
    r"\(@(?P<account>[A-Za-z0-9_]{1,15})\)[ \t]*(?P<date>.*?)[ \t]*")
_QUOTED = re.compile(r"[ \t]{0,3}>[ \t]?")


class PastedText(NamedTuple):
    """An X post pasted as text: where it is, and its directive (or why there is none)."""

    start: int
    end: int
    line: int  # of its "— Name (@account) date" line
    found: tuple[str, str] | str


def _post_url(candidates: list[Link]) -> Post | None:
    for link in candidates:
        try:
            return post(link.url or link.written)
        except EmbedError:
            continue
    return None


def pasted_text(text: PostText) -> list[PastedText]:
    """X posts pasted as a quote followed by their "— Name (@account) date" line.

    The post becomes a directive only when its URL is beside it (linked from
    the date, or alone on the next line); without it, it is reported.
    """
    found: list[PastedText] = []
    lines = text.lines
    for index, line in enumerate(lines):
        signature = _SIGNATURE.fullmatch(line.text)
        if signature is None or text.is_example(line.start):
            continue
        first = index
        while first > 0 and _QUOTED.match(lines[first - 1].text) \
                and not text.is_example(lines[first - 1].start):
            first -= 1
        if first == index:
            continue  # no quoted words above it: not a pasted post
        body_lines = [_QUOTED.sub("", quoted.text, count=1) for quoted in lines[first:index]]
        while body_lines and not body_lines[-1].strip():
            body_lines.pop()
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
        if not body_lines:
            continue
        end = line.end
        beside = links(text.text, line.start, line.end)
        url = _post_url(beside)
        if url is None and index + 1 < len(lines):
            following = lines[index + 1]
            alone = links(text.text, following.start, following.end)
            rest = _QUOTED.sub("", following.text, count=1).strip()
            if len(alone) == 1 and rest == text.text[alone[0].start:alone[0].end].strip():
                url = _post_url(alone)
                end = following.end if url is not None else end
        if url is None:
            found.append(PastedText(lines[first].start, end, line.number,
                                    "an X post pasted as text, with no link to the post beside it"))
            continue
        date_text = plain_text(signature["date"])
        author = f"{one_line(signature['name'])} (@{signature['account']})".strip()
        options = [("author", author), ("date", iso_date(date_text))]
        body = "\n".join(body_lines)
        found.append(PastedText(lines[first].start, end, line.number, (
            url.id, render_directive("tweet", url.url, options, body).rstrip("\n"))))
    return found
