"""Every option of every directive, declared once.

The directives take their ``option_spec`` from here, the importers' MyST
writer writes options in this order, and the documentation's option tables
are generated from the same declarations, so the three cannot drift apart.

``kind`` says how a value is read (:mod:`sphinx_eventarchive.read.options`):

``text``      the text as written
``list``      comma-separated (docs/reference/directives.md); a YAML block may give a real list
``speakers``  like ``list``; nothing inside ``( … )`` separates
``date``      ISO 8601 date or date-time
``url``       an absolute http(s) URL
``media``     a URL, or ``unpublished`` / ``未公開``
``choice``    one of ``choices``
``id``        letters and digits of any script, and ``- _ . /``
``positive``  a whole number from 1
``ratio``     ``16:9``, ``4:3`` or a decimal
``year``      a four-digit year
``path``      a file in the source folder, or an https URL
``hashtag``   a hashtag, with or without its ``#``
``urls``      like ``list``, each item an absolute http(s) URL
``flag``      no value: writing the option turns it on
``organizer`` a name, or ``Name <https://…>`` with the organiser's page
"""

from __future__ import annotations

from typing import NamedTuple

FORMATS = ("in-person", "online", "hybrid")
SESSION_TYPES = ("talk", "keynote", "lightning", "panel", "workshop", "other")
SORTS = ("newest", "oldest")
GROUPINGS = ("event", "speaker", "tag", "year")
#: An event's ``:status:``, and schema.org's ``eventStatus`` for each (none: as scheduled).
STATUSES = ("cancelled", "postponed", "rescheduled", "moved-online")
SCHEMA_STATUS = {"": "EventScheduled", "cancelled": "EventCancelled",
                 "postponed": "EventPostponed", "rescheduled": "EventRescheduled",
                 "moved-online": "EventMovedOnline"}
#: Every service a page's share links may offer, in the default order of
#: ``eventarchive_share``.
SHARE_SERVICES = ("x", "line", "hatena", "facebook", "bluesky", "copy")
#: What ``:slides:`` and ``:video:`` may say instead of a URL: there is none yet.
UNPUBLISHED = ("unpublished", "未公開")


class Option(NamedTuple):
    name: str
    kind: str
    help: str
    choices: tuple[str, ...] = ()


EVENT: tuple[Option, ...] = (
    Option("id", "id", "stable identifier, unique in the project; default: a slug of the name"),
    Option("series", "text", "the series this event belongs to (previous / next links)"),
    Option("date", "date", "start: ISO 8601 date or date-time with offset (required)"),
    Option("end", "date", "end, in the same forms; multi-day conferences"),
    Option("venue", "text", "the place's name"),
    Option("location", "text", "its address or city"),
    Option("format", "choice", "how people attended", FORMATS),
    Option("url", "url", "the official event page"),
    Option("video", "media", "a recording of the whole event"),
    Option("tags", "list", "tags of the event"),
    Option("image", "path", "a picture of the event, for the page's social card"),
    Option("hashtag", "hashtag", "the event's hashtag"),
    Option("status", "choice", "cancelled, postponed, rescheduled or moved-online "
           "(schema.org eventStatus); default: as scheduled", STATUSES),
    Option("organizer", "organizer", "who organised it: a name, or Name <https://…> "
           "(schema.org organizer; a series is the event's superEvent, not its organiser)"),
)

SESSION: tuple[Option, ...] = (
    Option("id", "id", "stable identifier; default: <event id>/<slug of title>"),
    Option("event", "text", "the event id; default: the nearest event above on the page"),
    Option("speakers", "speakers", "Name (Affiliation), the affiliation optional"),
    Option("type", "choice", "what kind of session", SESSION_TYPES),
    Option("start", "date", "start of the slot"),
    Option("end", "date", "end of the slot"),
    Option("track", "text", "the track it was in"),
    Option("room", "text", "the room it was in"),
    Option("slides", "media", "slides: Speaker Deck, Docswell, SlideShare embed; others link; "
           "unpublished (未公開) when there are none yet"),
    Option("video", "media", "recording: YouTube embeds; others link; unpublished (未公開) "
           "when there is none yet"),
    Option("url", "url", "the session's page in the official programme"),
    Option("tags", "list", "tags of the session"),
    Option("language", "text", "the talk's language (ja, en, …)"),
)

SPEAKERDECK: tuple[Option, ...] = (
    Option("title", "text", "accessible name of the embed; default: the session's title"),
    Option("ratio", "ratio", "16:9 (default), 4:3, or a decimal such as 1.7777"),
    Option("slide", "positive", "the slide to open on"),
)

TWEET: tuple[Option, ...] = (
    Option("author", "text", "who posted it, as shown: a name and/or @account"),
    Option("date", "date", "when it was posted"),
)

SPEAKER: tuple[Option, ...] = (
    Option("id", "id", "stable identifier of the profile; a session names it as Name <id>; "
                       "default: a slug of the name"),
    Option("reading", "text", "the name's reading in kana; places it in 50音 order"),
    Option("aliases", "speakers", "other names of the person; Name (Affiliation) claims the name "
                                  "only where a session gives that affiliation"),
    Option("affiliation", "text", "where the person works now"),
    Option("photo", "path", "a photo: a file in the source folder, or an https URL"),
    Option("links", "urls", "the person's pages (X, GitHub, Speaker Deck, a blog …)"),
    Option("noindex", "flag", "keep the person out of search engines, archive.json and feeds"),
    Option("unlisted", "flag", "no speaker page and no index entry; the name stays plain text"),
)

EVENTLIST: tuple[Option, ...] = (
    Option("series", "text", "only events of this series"),
    Option("tags", "list", "only events with one of these tags"),
    Option("year", "year", "only events of this year"),
    Option("format", "choice", "only events of this format", FORMATS),
    Option("limit", "positive", "at most this many events"),
    Option("sort", "choice", "newest (default) or oldest first", SORTS),
)

SESSIONLIST: tuple[Option, ...] = (
    Option("event", "text", "only sessions of this event (its id)"),
    Option("speaker", "text", "only sessions of this speaker"),
    Option("tags", "list", "only sessions with one of these tags"),
    Option("type", "choice", "only sessions of this type", SESSION_TYPES),
    Option("limit", "positive", "at most this many sessions"),
    Option("group-by", "choice", "group under event (default), speaker, tag or year", GROUPINGS),
)

REPORTLIST: tuple[Option, ...] = (
    Option("tags", "list", "only reports with one of these tags"),
    Option("author", "text", "only reports by this author"),
    Option("year", "year", "only reports published this year"),
    Option("limit", "positive", "at most this many reports"),
)

def names(options: tuple[Option, ...]) -> tuple[str, ...]:
    return tuple(option.name for option in options)
