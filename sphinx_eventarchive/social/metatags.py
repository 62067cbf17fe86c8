"""The social tags in a page's head, written together with sphinxext-opengraph
(docs/howto/social.md).

sphinxext-opengraph stays in charge of the ``og:*`` tags it knows. It runs at
``html-page-context`` priority 500 and copies every ``og:*`` key of the page
metadata (``context["meta"]``) into its tags, so on an archive page we run at
400 and hand it our values there, with the page's own ``og:*`` fields winning.
It never writes ``twitter:*``, ``article:*``, ``robots`` or JSON-LD; we add
those. We never parse or rewrite what it wrote.

* Pages without archive content: nothing from us; its tags as it writes them.
* Archive documents: our values through its extension point, plus the tags it
  lacks; ``<meta name="description">`` agrees with ``og:description`` unless
  the page set one by hand (``.. meta::``), which is kept.
* Generated pages (no doctree, which it skips): the whole set from us.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive._compat import opengraph_draws_card
from sphinx_eventarchive.site import Site, check_base_url
from sphinx_eventarchive.social import jsonld
from sphinx_eventarchive.social.cardimages import forget_unused
from sphinx_eventarchive.social.page import PageCard, is_archive_page, make_card

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config


def archive_site_defaults(app: Sphinx, builder: Builder) -> None:
    """write-started, in the main process, on a web site with archive content (a site
    without it is left as it was): sphinxext-opengraph gets the site's root from
    ``html_baseurl`` or Read the Docs when ``ogp_site_url`` is unset, so every page's
    ``og:url`` is absolute (without any, one warning). Nothing else of its settings
    changes: the pages that are not archive pages keep what it alone writes."""
    site = Site(app.env, builder)
    if not site.kind.web or not site.domain.has_content():
        return
    config = app.config
    if not site.base:
        check_base_url(config)
    elif not getattr(config, "ogp_site_url", ""):
        config.ogp_site_url = site.base


def tag(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(content, quote=True)}" />'


class _MetaKeys(HTMLParser):
    """The ``property``/``name`` of every ``<meta>`` in some HTML (a real tokenizer)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.keys: set[str] = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {key: (value or "").strip().lower() for key, value in attrs}
            self.keys.add(values.get("property") or values.get("name") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def meta_keys(text: str) -> set[str]:
    return _MetaKeys(text).keys


def page_context(app: Sphinx, pagename: str, context: dict[str, Any],
                 doctree: nodes.document | None, generated: dict[str, Any] | None) -> None:
    """The page's social tags; ``generated``: a generated page's own values."""
    site = Site(app.env, app.builder)
    if not site.kind.web:
        return
    if doctree is None and not generated:
        return  # Sphinx's own genindex and search pages
    if context.get("meta") is not None:
        # sphinxext-opengraph pops keys from the metadata it is given, which is
        # env.metadata[pagename] itself: a copy keeps the page's metadata whole.
        context["meta"] = dict(context["meta"])
    if doctree is not None and not is_archive_page(site, pagename):
        # sphinxext-opengraph's page, as it alone writes it (SPEC § 6); a card drawn
        # when it was an archive page goes.
        forget_unused(app, pagename, "")
        return
    fields: dict[str, Any] = dict(context.get("meta") or {})
    title_node = app.env.titles.get(pagename) if doctree is not None else None
    card = make_card(site, pagename, doctree=doctree, fields=fields, generated=generated or {},
                     page_title=title_node.astext() if title_node is not None else "")
    metatags: str = context.get("metatags") or ""
    disabled = "ogp_disable" in fields
    lines: list[str] = []
    if doctree is not None:
        # It writes og:* values with only their quotes escaped, so they go to it
        # escaped already.
        handed = {**card.og(), **fields}
        context["meta"] = {key: html.escape(value, quote=True)
                           if key.startswith("og:") and isinstance(value, str) else value
                           for key, value in handed.items()}
    elif not disabled:
        lines += [tag("property", key, value) for key, value in card.og().items()]
    if not disabled:
        if card.description and _meta_description_wanted(app.config, metatags):
            lines.append(tag("name", "description", card.description))
        lines += [tag(attribute, key, value) for attribute, key, value in _others(
            card, app.config, doctree is not None, fields)]
    if card.noindex:
        lines.append('<meta name="robots" content="noindex" />')
    lines += [jsonld.script(item) for item in card.jsonld]
    if doctree is None:
        lines += [str(custom) for custom in getattr(app.config, "ogp_custom_meta_tags", ())]
    context["metatags"] = metatags + "".join(f"\n{line}" for line in lines) + "\n"
    forget_unused(app, pagename, card.image.url if card.image else "")
    _canonical(context, card, app.config)


def _meta_description_wanted(config: Config, metatags: str) -> bool:
    # A description set by hand (``.. meta::``) is the user's and is kept.
    return bool(getattr(config, "ogp_enable_meta_description", True)) \
        and "description" not in meta_keys(metatags)


def _others(card: PageCard, config: Config, with_opengraph: bool,
            fields: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """The tags sphinxext-opengraph does not write, unless ``ogp_custom_meta_tags`` does."""
    custom = meta_keys("".join(str(item) for item in getattr(config, "ogp_custom_meta_tags", ())))
    image = fields.get("og:image") or (card.image.url if card.image else "")
    for attribute, key, content in card.others():
        if key in custom:
            continue  # the user's own tag for it stays the only one
        if key == "twitter:card" and with_opengraph and opengraph_draws_card(config, image):
            continue  # it writes twitter:card with the social card it draws
        yield attribute, key, content


def _canonical(context: dict[str, Any], card: PageCard, config: Config) -> None:
    if card.canonical:
        # The theme writes <link rel="canonical"> from pageurl: one link, ours.
        context["pageurl"] = card.canonical
    elif not context.get("pageurl") and not config.html_baseurl \
            and os.environ.get("READTHEDOCS_CANONICAL_URL"):
        # On Read the Docs without html_baseurl, Sphinx writes no canonical link.
        context["pageurl"] = card.url
