"""A page's head as link previews read it: Open Graph (Facebook, Slack, LINE) and X cards.

Open Graph is extracted with extruct (``<meta property>``, the way Facebook's
crawler reads it, every tag in order so a duplicate shows); X also reads
``<meta name>``, so ``twitter:*`` comes from both. Image sizes are read from
the built file an image URL resolves to, else from the page's declared
``og:image:width``/``og:image:height``; an image elsewhere with no declared
size is not measured (``check`` never goes online).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_eventarchive.check.rules import (
    RECOMMENDED,
    REQUIRED,
    Finding,
    Level,
    Reader,
    Rule,
    Test,
    check,
)
from sphinx_eventarchive.check.site import is_absolute

if TYPE_CHECKING:
    from sphinx_eventarchive.check.site import Page

OGP = Reader("Open Graph protocol", "https://ogp.me/")
FACEBOOK = Reader("Facebook: sharing", "https://developers.facebook.com/docs/sharing/webmasters/")
X_CARDS = Reader("X cards", "https://developer.x.com/en/docs/x-for-websites/cards/overview/markup")
GOOGLE = Reader("Google Search: canonical URLs",
                "https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls")

#: ogp.me's global types; a type of one's own is written ``prefix:type``.
OG_TYPES = frozenset({
    "website", "article", "profile", "book", "music.song", "music.album", "music.playlist",
    "music.radio_station", "video.movie", "video.episode", "video.tv_show", "video.other",
})
#: The only ``og:*`` tags a page may repeat.
OG_REPEATABLE = frozenset({"og:locale:alternate"})
CARDS = frozenset({"summary", "summary_large_image", "app", "player"})
#: Facebook shows no image smaller than this.
FACEBOOK_MIN = (200, 200)
#: X: (smallest width, height), aspect ratio (width / height) range, per card type.
X_IMAGE = {
    "summary_large_image": ((300, 157), (1.6, 2.2)),
    "summary": ((144, 144), None),
}
X_MAX = (4096, 4096)


@dataclass
class Head:
    """The tags of one page's head, as the link previews read them."""

    page: Page
    #: Open Graph (og:*, article:*, profile:* …) as extruct reads them, in order.
    og: list[tuple[str, str]] = field(default_factory=list)

    def first(self, key: str) -> str:
        return next((value.strip() for name, value in self.og if name == key), "")

    def twitter(self, key: str) -> str:
        return next((value.strip() for name, value in self.page.head_meta if name == key), "")

    @property
    def image(self) -> str:
        return self.first("og:image") or self.first("og:image:url")

    def declared_size(self) -> tuple[int, int] | None:
        try:
            size = int(self.first("og:image:width")), int(self.first("og:image:height"))
        except ValueError:
            return None
        return size if min(size) > 0 else None

    def size_of(self, image: str) -> tuple[int, int] | None:
        """The image's size: of the built file, else as the page declares it."""
        measured = self.page.site.image_size(self.page.absolute(image))
        if measured is None and image == self.image:
            return self.declared_size()
        return measured


# -- tests ----------------------------------------------------------------------------------


def og_present(key: str) -> Test:
    def test(head: Head) -> Iterator[str]:
        if not head.first(key):
            yield f"no {key}"
    return test


def og_absolute(key: str) -> Test:
    def test(head: Head) -> Iterator[str]:
        value = head.first(key) if key != "og:image" else head.image
        if not value:
            yield f"no {key}"
        elif not is_absolute(value):
            yield f"{key} {value!r} is not an absolute http(s) URL"
    return test


def og_type(head: Head) -> Iterator[str]:
    value = head.first("og:type")
    if not value:
        yield "no og:type"
    elif value not in OG_TYPES and ":" not in value:
        yield f"og:type {value!r} is not an Open Graph type"


def og_once(head: Head) -> Iterator[str]:
    counts = Counter(name for name, _ in head.og if name.startswith("og:"))
    for name, count in counts.items():
        if count > 1 and name not in OG_REPEATABLE:
            yield f"{name} {count} times"


def og_image_size(head: Head) -> Iterator[str]:
    size = head.size_of(head.image) if head.image else None
    if size and (size[0] < FACEBOOK_MIN[0] or size[1] < FACEBOOK_MIN[1]):
        yield f"og:image is {size[0]}×{size[1]}, under {FACEBOOK_MIN[0]}×{FACEBOOK_MIN[1]}"


def og_image_declared(head: Head) -> Iterator[str]:
    declared = head.declared_size()
    measured = head.page.site.image_size(head.page.absolute(head.image)) if head.image else None
    if declared and measured and declared != measured:
        yield f"og:image:width/height say {declared[0]}×{declared[1]}, " \
            f"the image is {measured[0]}×{measured[1]}"
    elif (head.first("og:image:width") or head.first("og:image:height")) and not declared:
        yield "og:image:width and og:image:height are not both positive integers"


def card_type(head: Head) -> Iterator[str]:
    card = head.twitter("twitter:card")
    if not card:
        yield "no twitter:card"
    elif card not in CARDS:
        yield f"twitter:card {card!r} is not one of {', '.join(sorted(CARDS))}"


def card_image(card: str) -> Test:
    (least_width, least_height), ratio = X_IMAGE[card]

    def test(head: Head) -> Iterator[str]:
        if head.twitter("twitter:card") != card:
            return
        image = head.twitter("twitter:image") or head.image
        if not image:
            if card == "summary_large_image":
                yield "summary_large_image without an image"
            return
        size = head.size_of(image)
        if size is None:
            return
        width, height = size
        shown = f"the image is {width}×{height}"
        if width < least_width or height < least_height:
            yield f"{shown}, under {least_width}×{least_height}"
        elif width > X_MAX[0] or height > X_MAX[1]:
            yield f"{shown}, over {X_MAX[0]}×{X_MAX[1]}"
        elif ratio and not ratio[0] <= width / height <= ratio[1]:
            yield f"{shown}, aspect ratio {width / height:.2f} (wants {ratio[0]}–{ratio[1]})"
    return test


def canonical(head: Head) -> Iterator[str]:
    links = head.page.canonicals
    if len(links) > 1:
        yield f"{len(links)} canonical links"
    for href in links:
        if not is_absolute(href):
            yield f"canonical {href!r} is not an absolute URL"


def _rule(rule_id: str, level: Level, reader: Reader, why: str, test: Test) -> Rule:
    return Rule(rule_id, level, reader, "page", why, test)


RULES: tuple[Rule, ...] = (
    _rule("og.title", REQUIRED, OGP,
          "og:title is one of the four tags every Open Graph page needs: the preview's title.",
          og_present("og:title")),
    _rule("og.type", REQUIRED, OGP,
          "og:type is one of the four tags every Open Graph page needs (website, article, "
          "profile, …).", og_type),
    _rule("og.image", REQUIRED, OGP,
          "og:image (an absolute URL) is one of the four tags every Open Graph page needs: "
          "without it a share shows no picture.", og_absolute("og:image")),
    _rule("og.url", REQUIRED, OGP,
          "og:url (an absolute URL) is the page's identity: shares and counts gather under it.",
          og_absolute("og:url")),
    _rule("og.duplicate", REQUIRED, FACEBOOK,
          "A repeated og:* tag leaves each reader to pick one, and they pick differently.",
          og_once),
    _rule("og.image.size", REQUIRED, FACEBOOK,
          "Facebook shows no og:image smaller than 200×200.", og_image_size),
    _rule("og.image.dimensions", REQUIRED, FACEBOOK,
          "Readers lay the preview out from og:image:width/height before the image loads; "
          "wrong sizes crop or stretch it.", og_image_declared),
    _rule("og.description", RECOMMENDED, OGP,
          "The preview shows og:description under the title.", og_present("og:description")),
    _rule("og.image.alt", RECOMMENDED, OGP,
          "og:image:alt is what screen readers say for the preview's picture.",
          og_present("og:image:alt")),
    _rule("twitter.card", REQUIRED, X_CARDS,
          "X shows a card only for a page that names its type in twitter:card.", card_type),
    _rule("twitter.card.large", REQUIRED, X_CARDS,
          "summary_large_image wants an image of at least 300×157 at about 2:1 (1.6–2.2); "
          "a smaller or squarer one is cropped or dropped.", card_image("summary_large_image")),
    _rule("twitter.card.summary", REQUIRED, X_CARDS,
          "A summary card's image is at least 144×144; a smaller one is not shown.",
          card_image("summary")),
    _rule("page.canonical", REQUIRED, GOOGLE,
          "Google ignores the canonical link when a page has several or a relative one.",
          canonical),
)


def read(page: Page) -> Head:
    import extruct

    extracted = extruct.extract(page.tree, base_url=page.url, syntaxes=["opengraph"],
                                uniform=False, errors="ignore")
    head = Head(page)
    for graph in extracted.get("opengraph", []):
        head.og += [(str(key), str(value)) for key, value in graph.get("properties", [])]
    return head


def links(head: Head) -> list[tuple[str, str]]:
    """(where, URL) of the head's links a reader follows.

    Meta tags and canonical links are read as absolute URLs only (a relative one
    is its own finding, ``og.url``, ``og.image``, ``page.canonical``); a feed
    link is resolved against the page, as browsers do.
    """
    found = [(key, value) for key, value in head.og if key in ("og:url", "og:image")]
    found += [(key, value) for key, value in head.page.head_meta if key == "twitter:image"]
    found += [("canonical", href) for href in head.page.canonicals]
    found = [(where, url) for where, url in found if is_absolute(url)]
    found += [("feed link", link.get("href") or "") for link in head.page.tree.xpath(
        '//head/link[@rel="alternate"][@type="application/atom+xml"]')]
    return found


def findings(page: Page, head: Head) -> Iterator[Finding]:
    yield from check(RULES, "page", head, page.path)
