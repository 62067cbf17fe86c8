"""One way to warn, so every message is typed ``eventarchive.<subtype>``.

Users silence exactly one kind with ``suppress_warnings = ["eventarchive.url"]``.
"""

from __future__ import annotations

from typing import Any, Literal

from sphinx.locale import get_translation
from sphinx.util import logging

LOGGER = logging.getLogger("sphinx_eventarchive")

#: The message catalog domain of the extension (``locale/<lang>/LC_MESSAGES/eventarchive.mo``).
CATALOG = "eventarchive"
#: Labels shown to readers go through this; the catalog is registered in ``extension.py``.
_ = get_translation(CATALOG)

#: Every warning subtype (``eventarchive.<subtype>``): a name not here is a type error at
#: the call, and SUBTYPES (what each means, for docs/reference/warnings.md) has each.
Subtype = Literal[
    "date",
    "option",
    "id",
    "ref",
    "speaker",
    "url",
    "embed",
    "speakerdeck",
    "title",
    "image",
    "frontmatter",
    "conflict",
    "reading",
    "config",
    "baseurl",
    "search",
    "seo",
    "path",
]

SUBTYPES: dict[Subtype, str] = {
    "date": "a missing or malformed date",
    "option": "an option the parsers would drop or cut, an unknown or repeated option, or "
              "an unknown value of a fixed-choice option (format, type, sort, …)",
    "id": "a duplicate or malformed id",
    "ref": "a reference to an unknown event, session, speaker or tag",
    "speaker": "a malformed speaker, such as an unbalanced ``Name (Affiliation``",
    "url": "a URL that is not http(s) or holds white space",
    "embed": "a malformed Speaker Deck id or embed URL, or a bad ratio",
    "speakerdeck": "a Speaker Deck presentation URL that could not be resolved",
    "title": "an empty title",
    "image": "a front matter image or an event image that is neither a file in the source "
             "folder nor published by html_extra_path or html_static_path",
    "frontmatter": "a front matter value of the wrong shape, or one YAML would cut at "
                   "`` #`` (taking the rest for a comment)",
    "conflict": "one event or session given two different values in two reports (a deck or "
                "video where a write-up says unpublished too), or two speaker profiles "
                "claiming one name or alias",
    "reading": "speakers' names in kanji with no reading to place them in 50音 order (one "
               "warning when the [ja] extra is missing, one per name the dictionary cannot "
               "read)",
    "config": "a configuration value that cannot be used, or a file it names that is "
              "not there or not of a format the extension can use",
    "baseurl": "no base URL, so absolute URLs could not be made",
    "search": "Pagefind could not index the site (the build goes on; the next build tries "
              "again)",
    "seo": "with eventarchive_seo_warnings = True: what Google requires of an event's "
           "structured data and the page does not give (the check command's findings)",
    "path": "a generated page or export that would overwrite a file of your own, or a file "
            "path (in a report or in conf.py) that leaves the source folder",
}


def warn(message: str, subtype: Subtype, location: Any = None) -> None:
    """Log a typed warning; ``location`` is a node, ``(docname, line)`` or a docname."""
    LOGGER.warning(message, type="eventarchive", subtype=subtype, location=location)
