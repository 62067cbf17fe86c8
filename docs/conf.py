"""Sphinx configuration of the sphinx-eventarchive documentation.

The documentation is itself an archive built with the extension (see demo/),
so it has to build with ``-W --keep-going -n`` in English and Japanese
(``-D language=ja``) and under every supported theme (``DOCS_THEME``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The local helper extension lives in _ext/. Importing it here without writing
# bytecode keeps the build from leaving a __pycache__ folder in the source tree.
if str(HERE / "_ext") not in sys.path:
    sys.path.insert(0, str(HERE / "_ext"))
_dont_write_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True
try:
    import eventarchive_docs  # noqa: F401
finally:
    sys.dont_write_bytecode = _dont_write_bytecode

from sphinx_eventarchive import __version__  # noqa: E402

project = "sphinx-eventarchive"
author = "sphinx-eventarchive contributors"
copyright = "sphinx-eventarchive contributors"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = ["myst_parser", "sphinx_eventarchive", "eventarchive_docs"]

# language is not set here: it is "en" unless the build says -D language=ja.

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Read the Docs tells the build its own URL (per language and version);
# anywhere else the English "latest" URL is the canonical one.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinx-eventarchive.readthedocs.io/en/latest/"
)
html_theme = os.environ.get("DOCS_THEME", "alabaster")
html_title = f"sphinx-eventarchive {release}"
html_static_path = ["_static"]
html_css_files = ["eventarchive-docs.css"]

ogp_site_name = "sphinx-eventarchive"
# The picture every page of these docs shares with, unless it has its own: a report's
# event picture or its drawn card wins (sphinxext-opengraph takes the page's value).
ogp_image = "_static/social-card.png"
ogp_image_alt = "sphinx-eventarchive: meetup and conference reports, built into an archive"


# The how-to pages are no archive pages: they get sphinxext-opengraph's tags as it
# alone writes them, which name an X card type only with its own drawn cards
# (matplotlib). These docs give them one, for the ogp_image above: the recipe in
# docs/howto/social.md.
def card_on_other_pages(app, pagename, templatename, context, doctree):
    metatags = context.get("metatags") or ""
    if doctree is not None and 'name="twitter:card"' not in metatags:
        card = '<meta name="twitter:card" content="summary_large_image" />'
        context["metatags"] = f"{metatags}\n{card}\n"


def setup(app):
    app.connect("html-page-context", card_on_other_pages, priority=900)
