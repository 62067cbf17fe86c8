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
    """The page's social tags, by kind of page: a document that is no archive page, an
    archive document (sphinxext-opengraph writes the ``og:*`` tags we give it), a
    generated page (it never sees one: we write them all); Sphinx's own genindex and
    search pages get nothing."""
    site = Site(app.env, app.builder)
    if not site.kind.web or (doctree is None and not generated):
        return
    if context.get("meta") is not None:
        # sphinxext-opengraph pops keys from the metadata it is given, which is
        # env.metadata[pagename] itself: a copy keeps the page's metadata whole.
        context["meta"] = dict(context["meta"])
    if doctree is None:
        card = _generated_page(app, site, pagename, context, generated or {})
    elif is_archive_page(site, pagename):
        card = _archive_document(app, site, pagename, context, doctree)
    else:
        card = None  # sphinxext-opengraph's page, as it alone writes it (SPEC § 6)
    # A card drawn for the page when it showed other things goes.
    forget_unused(app, pagename, card.image.url if card and card.image else "")
    if card is not None:
        _canonical(context, card, app.config)


def _archive_document(app: Sphinx, site: Site, pagename: str, context: dict[str, Any],
                      doctree: nodes.document) -> PageCard:
    fields: dict[str, Any] = dict(context.get("meta") or {})
    title_node = app.env.titles.get(pagename)
    card = make_card(site, pagename, doctree=doctree, fields=fields, generated={},
                     page_title=title_node.astext() if title_node is not None else "")
    # It writes og:* values with only their quotes escaped, so they go to it escaped.
    handed = {**card.og(), **fields}
    context["meta"] = {key: html.escape(value, quote=True)
                       if key.startswith("og:") and isinstance(value, str) else value
                       for key, value in handed.items()}
    lines = [] if "ogp_disable" in fields else _ours(app.config, card, context, fields,
                                                     with_opengraph=True)
    _add(context, [*lines, *_always(card)])
    return card


def _generated_page(app: Sphinx, site: Site, pagename: str, context: dict[str, Any],
                    generated: dict[str, Any]) -> PageCard:
    # Its fields are what the page writer declares (a speaker's photo and its size).
    fields: dict[str, Any] = dict(context.get("meta") or {})
    card = make_card(site, pagename, doctree=None, fields=fields, generated=generated,
                     page_title="")
    lines = [] if "ogp_disable" in fields else [
        *(tag("property", key, value) for key, value in card.og().items()),
        *_ours(app.config, card, context, fields, with_opengraph=False)]
    custom = [str(item) for item in getattr(app.config, "ogp_custom_meta_tags", ())]
    _add(context, [*lines, *_always(card), *custom])
    return card


def _ours(config: Config, card: PageCard, context: dict[str, Any], fields: dict[str, Any],
          *, with_opengraph: bool) -> list[str]:
    """The description and the tags sphinxext-opengraph does not write."""
    lines = []
    if card.description and _meta_description_wanted(config, context.get("metatags") or ""):
        lines.append(tag("name", "description", card.description))
    lines += [tag(attribute, key, value) for attribute, key, value in _others(
        card, config, with_opengraph, fields)]
    return lines


def _always(card: PageCard) -> list[str]:
    """What a page says even with ``ogp_disable``: whether it is indexed, its JSON-LD."""
    robots = ['<meta name="robots" content="noindex" />'] if card.noindex else []
    return [*robots, *(jsonld.script(item) for item in card.jsonld)]


def _add(context: dict[str, Any], lines: list[str]) -> None:
    context["metatags"] = ((context.get("metatags") or "")
                           + "".join(f"\n{line}" for line in lines) + "\n")


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
