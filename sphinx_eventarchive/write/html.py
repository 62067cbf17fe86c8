"""HTML for the extension's nodes: frames, headings. Everything else is standard docutils.

No inline styles: sizes come from classes in ``static/eventarchive.css``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_eventarchive.core.embeds import Thumbnail
from sphinx_eventarchive.core.phrases import phrases
from sphinx_eventarchive.doc.nodes import (
    NODES,
    embed_node,
    event_card,
    html_block,
    listing_node,
    phrases_node,
    session_heading,
    tweet_node,
    upcoming_node,
)
from sphinx_eventarchive.messages import _

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

# Hosts' own hints for their players; YouTube asks for these in its embed code.
_ALLOW = {
    "youtube": "accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; "
               "web-share",
}


def ratio_class(ratio: float) -> str:
    """The stylesheet has one class per hundredth from 0.50 to 3.00."""
    hundredths = min(300, max(50, round(ratio * 100)))
    return f"eventarchive-r{hundredths}"


def _is_epub(self: HTML5Translator) -> bool:
    # EPUB readers block third-party frames: e-books get the plain link only.
    return self.builder.name.startswith("epub")


def _placeholder(self: HTML5Translator, node: embed_node, thumbnail: str) -> str:
    """What a reader sees where the frame goes until (or unless) it loads: a bordered box
    with the title and the host, and the host's picture where one is known.

    It lies under the frame (the stylesheet stacks them), so without any script the frame
    covers it once it paints, and it stays in view while the frame loads and for as long
    as the host does not answer. (A request the browser gives up on shows the browser's
    own error page in the frame, over it: no page can tell that from a player.)
    Hidden from screen readers: the frame's title and the link under it say the same."""
    hidden: dict[str, Any] = {"aria-hidden": "true"}
    out = [self.starttag(nodes.Element(), "div", "\n", CLASS="eventarchive-placeholder",
                         **hidden)]
    if thumbnail:
        # The box talk cards show it in (the stylesheet crops it to the frame's).
        box = Thumbnail(thumbnail, node["host"])
        out.append(self.emptytag(nodes.Element(), "img", "", src=box.url, alt="",
                                 loading="lazy", decoding="async", width=box.width,
                                 height=box.height, CLASS="eventarchive-placeholder-image",
                                 referrerpolicy="strict-origin-when-cross-origin"))
    out.append('<span class="eventarchive-placeholder-text">'
               f'<span class="eventarchive-placeholder-title">{self.encode(node["title"])}'
               '</span>'
               f'<span class="eventarchive-placeholder-host">{self.encode(node["host"])}'
               "</span></span></div>\n")
    return "".join(out)


def visit_embed(self: HTML5Translator, node: embed_node) -> None:
    if _is_epub(self):
        self.visit_container(node)
        return
    self.body.append(self.starttag(node, "div"))
    frame_classes = f"eventarchive-frame {ratio_class(node['ratio'])}"
    attributes: dict[str, Any] = {"title": node["title"]}
    if self.config.eventarchive_embed_consent:
        # The third party is contacted only once the reader asks for it, so no picture
        # of theirs either: the bordered holder and its button (which names the title
        # and host) are the placeholder. After the click the script puts the frame in
        # the holder; data-title and data-host stay, and the stylesheet shows them
        # behind the frame while it loads.
        label = str(_("Load %(host)s: %(title)s")) % {"host": node["host"], "title": node["title"]}
        self.body.append(self.starttag(
            nodes.Element(), "div", "", CLASS=frame_classes + " eventarchive-consent",
            **{"data-src": node["src"], "data-title": node["title"], "data-host": node["host"],
               "data-allow": _ALLOW.get(node["kind"], ""),
               "data-allowfullscreen": "true" if node["allowfullscreen"] else ""},
        ))
        self.body.append(self.starttag(nodes.Element(), "button", "", type="button",
                                       CLASS="eventarchive-consent-button"))
        self.body.append(self.encode(label) + "</button></div>\n")
        return
    self.body.append(self.starttag(nodes.Element(), "div", "", CLASS=frame_classes))
    # Doctrees pickled before thumbnails were noted have none: the box without a picture.
    self.body.append(_placeholder(self, node, node.get("thumbnail", "")))
    attributes.update(src=node["src"], loading="lazy",
                      referrerpolicy="strict-origin-when-cross-origin")
    if node["kind"] in _ALLOW:
        attributes["allow"] = _ALLOW[node["kind"]]
    if node["allowfullscreen"]:
        attributes["allowfullscreen"] = "allowfullscreen"
    self.body.append(self.starttag(nodes.Element(), "iframe", "", **attributes))
    self.body.append("</iframe></div>\n")


def depart_embed(self: HTML5Translator, node: embed_node) -> None:
    if _is_epub(self):
        self.depart_container(node)
        return
    self.body.append("</div>\n")


def visit_session_heading(self: HTML5Translator, node: session_heading) -> None:
    # One level below the section the session sits in, like a real sub-heading.
    level = min(self.section_level + self.initial_header_level, 6)
    node["eventarchive_level"] = level
    self.body.append(self.starttag(node, f"h{level}", ""))


def depart_session_heading(self: HTML5Translator, node: session_heading) -> None:
    if node["ids"] and self.config.html_permalinks and self.builder.add_permalinks:
        self.add_permalink_ref(node, str(_("Link to this session")))
    self.body.append(f"</h{node['eventarchive_level']}>\n")


def visit_tweet(self: HTML5Translator, node: tweet_node) -> None:
    attributes = {"cite": node["url"]} if node["url"] else {}
    self.body.append(self.starttag(node, "blockquote", **attributes))


def depart_tweet(self: HTML5Translator, node: tweet_node) -> None:
    if node["post"] and self.config.eventarchive_embed_consent and not _is_epub(self):
        # X's own embed (and its script) only once the reader asks for it.
        self.body.append(self.starttag(
            nodes.Element(), "button", "", type="button", CLASS="eventarchive-tweet-consent",
            **{"data-post": node["post"]}))
        self.body.append(self.encode(str(_("Load this post from X"))) + "</button>\n")
    self.body.append("</blockquote>\n")


def visit_phrases(self: HTML5Translator, node: phrases_node) -> None:
    # <wbr /> between the phrases (in XHTML form: EPUB is XML), in a span that breaks
    # nowhere else (word-break: keep-all in static/eventarchive.css). Every part is
    # encoded: a title is the user's text.
    self.body.append(self.starttag(node, "span", "", CLASS="eventarchive-phrases"))
    parts = phrases(node.astext(), self.config.language, self.config.eventarchive_honorifics)
    self.body.append("<wbr />".join(self.encode(part) for part in parts))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_upcoming(self: HTML5Translator, node: upcoming_node) -> None:
    self.body.append(self.starttag(node, "span", "",
                                   **{"data-eventarchive-start": node["start"]}))


def depart_upcoming(self: HTML5Translator, node: upcoming_node) -> None:
    self.body.append("</span>")


def visit_container(self: HTML5Translator, node: nodes.Element) -> None:
    self.visit_container(node)  # type: ignore[arg-type]


def depart_container(self: HTML5Translator, node: nodes.Element) -> None:
    self.depart_container(node)  # type: ignore[arg-type]


def visit_html_block(self: HTML5Translator, node: html_block) -> None:
    # Made and escaped by write/cardhtml.py; its text children are for the search index.
    self.body.append(node["html"])
    raise nodes.SkipNode


def skip(self: HTML5Translator, node: nodes.Element) -> None:
    # A placeholder is replaced when its page is written (write/cards.py); one
    # left over (a post-transform that never ran) shows nothing rather than crash.
    raise nodes.SkipNode


#: HTML visitors for every node of :data:`~sphinx_eventarchive.doc.nodes.NODES`.
#: Registering each node (``extension.py``) also gives docutils' own visitors
#: (``-b xml``) their generic visit, which they cannot find by MRO.
HANDLERS: dict[type[nodes.Element], tuple[Any, Any]] = {
    **dict.fromkeys(NODES, (visit_container, depart_container)),
    embed_node: (visit_embed, depart_embed),
    session_heading: (visit_session_heading, depart_session_heading),
    tweet_node: (visit_tweet, depart_tweet),
    phrases_node: (visit_phrases, None),
    upcoming_node: (visit_upcoming, depart_upcoming),
    html_block: (visit_html_block, None),
    event_card: (skip, None),
    listing_node: (skip, None),
}
