"""The ``tweet`` directive: an X post as the user pasted it, linked to the post.

No third-party script: the post is a block quote of the text the user wrote,
its author and date, and a link to it. X's own embed loads only when the
reader clicks (``eventarchive_embed_consent``, ``write/html.py``).

A post's lines are its own: each line break written in it (a pasted line, or
Markdown's hard break ``\\`` that ``migrate`` writes for X's ``<br>``) is one
line break on the page, never the gap between paragraphs.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_eventarchive.core import options
from sphinx_eventarchive.core.dates import when_text
from sphinx_eventarchive.core.tweets import post
from sphinx_eventarchive.core.urls import EmbedError
from sphinx_eventarchive.doc.nodes import tweet_node
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read.directives.common import ArchiveDirective


class TweetDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    declared = options.TWEET

    def make(self) -> list[nodes.Node]:
        value = self.arguments[0].strip() if self.arguments else ""
        url = ident = ""
        if not value:
            self.warn("tweet needs the post's URL (https://x.com/<account>/status/<id>)",
                      "embed")
        else:
            try:
                found = post(value)
                url, ident = found.url, found.id
            except EmbedError as error:
                self.warn(str(error), error.subtype)
        author = self.opt("author")
        date = self.opt_date("date")
        if not (url or self.content or author):
            return []
        node = tweet_node(classes=["eventarchive-tweet"], url=url, post=ident)
        self.set_source_info(node)
        self.parse_body(node)
        keep_line_breaks(node)
        node += self.attribution(author, date, url)
        return [node]

    def attribution(self, author: str, date: str, url: str) -> nodes.attribution:
        """``Author, date`` with the date (or "Post on X") linking to the post."""
        line = nodes.attribution(classes=["eventarchive-tweet-by"])
        if author:
            line += nodes.Text(author)
        when = when_text(date, "", self.config.language) if date else ""
        label = when or str(_("Post on X"))
        if url:
            if author:
                line += nodes.Text(", ")
            # The class makes plain-text builders write the URL out (ShowLinkTargets).
            line += nodes.reference(label, label, refuri=url, classes=["eventarchive-source"])
        elif when:
            line += nodes.Text(f", {when}" if author else when)
        return line


def keep_line_breaks(post: nodes.Element) -> None:
    """Each line break of the post's text as the hard break MyST writes for ``\\``
    (``<br />`` in HTML, ``\\\\`` in LaTeX): Markdown and reStructuredText would join
    the lines. The Text keeps its newline, so plain-text builders keep the line too."""
    for text in list(post.findall(nodes.Text)):
        parent = text.parent
        if "\n" not in text or _verbatim(parent):
            continue
        lines = str(text).split("\n")
        replacement: list[nodes.Node] = [nodes.Text(lines[0])]
        for line in lines[1:]:
            replacement += [nodes.raw("", "<br />", format="html"),
                            nodes.raw("", "\\\\", format="latex"),
                            nodes.Text("\n" + line)]
        index = parent.index(text)
        parent[index:index + 1] = replacement


def _verbatim(node: nodes.Element | None) -> bool:
    """Code, raw markup, a comment: their newlines are theirs."""
    while node is not None:
        if isinstance(node, (nodes.FixedTextElement, nodes.literal, nodes.raw)):
            return True
        node = node.parent
    return False
