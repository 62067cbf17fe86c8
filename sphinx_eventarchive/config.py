"""Every ``eventarchive_*`` configuration value, declared once.

The declarations are data so that ``setup()`` registers them, ``config-inited``
validates them, and the documentation's reference table is generated from the
same list (``docs/`` renders it with the ``eventarchive-config`` directive).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.messages import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    types: tuple[type, ...]
    rebuild: str
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("eventarchive_events_path", "events", (str,), "html",
           "Folder of the generated events index."),
    Option("eventarchive_speakers_path", "speakers", (str,), "html",
           "Folder of the generated speaker index and speaker pages."),
    Option("eventarchive_tags_path", "tags", (str,), "html",
           "Folder of the generated tag index and tag pages."),
    Option("eventarchive_generate_pages", True, (bool,), "html",
           "Write the events, speakers and tags pages (HTML builders only)."),
    Option("eventarchive_include_drafts", False, (bool,), "env",
           "List reports whose front matter says ``draft: true`` like any other."),
    Option("eventarchive_resolve_online", False, (bool,), "env",
           "Resolve Speaker Deck presentation URLs through its oEmbed endpoint "
           "and keep the answers in the cache file."),
    Option("eventarchive_cache_file", "eventarchive-cache.json", (str,), "env",
           "Cache of resolved Speaker Deck ids, relative to the source folder; "
           "commit it so later builds need no network."),
    Option("eventarchive_speakerdeck_oembed", "https://speakerdeck.com/oembed.json", (str,), "env",
           "Speaker Deck's oEmbed endpoint (change it only to test)."),
    Option("eventarchive_resolve_timeout", 5.0, (int, float), "env",
           "Seconds to wait for an oEmbed answer."),
    Option("eventarchive_embed_consent", False, (bool,), "html",
           "Render embeds as a placeholder that loads the third-party frame "
           "only when the reader clicks it."),
    Option("eventarchive_twitter_site", "", (str,), "html",
           "The site's X account (``@name``) for ``twitter:site``."),
    Option("eventarchive_json", True, (bool,), "html",
           "Write ``archive.json``, the whole archive as JSON."),
    Option("eventarchive_ics", True, (bool,), "html",
           "Write ``events.ics``, one calendar entry per event."),
    Option("eventarchive_feed", True, (bool,), "html",
           "Write ``atom.xml``, an Atom feed of reports."),
    Option("eventarchive_feed_length", 50, (int,), "html",
           "How many reports the Atom feed holds (newest first)."),
)

BY_NAME = {option.name: option for option in OPTIONS}


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(
            option.name, option.default, option.rebuild,  # type: ignore[arg-type]
            types=frozenset(option.types), description=option.help,
        )
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    for name in ("eventarchive_events_path", "eventarchive_speakers_path",
                 "eventarchive_tags_path"):
        value = getattr(config, name).strip("/")
        if not value or ".." in value.split("/") or value.startswith("_"):
            warn(f"{name} = {getattr(config, name)!r} is not a usable folder name; "
                 f"using {BY_NAME[name].default!r}", "config")
            value = BY_NAME[name].default
        setattr(config, name, value)
    if config.eventarchive_feed_length < 1:
        warn("eventarchive_feed_length must be at least 1; using 50", "config")
        config.eventarchive_feed_length = 50
