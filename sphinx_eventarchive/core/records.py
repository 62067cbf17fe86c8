"""The records of the archive: plain, small, picklable.

Each record is what one directive (or one front matter) in one document said;
:mod:`sphinx_eventarchive.archive` merges the write-ups of the same event or
session into what readers see. Keeping per-document records is what makes
``clear_doc`` exact: removing a report removes exactly what it said.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sphinx_eventarchive.core.options import FORMATS, SESSION_TYPES

__all__ = ["FORMATS", "SESSION_TYPES", "Event", "Listing", "Report", "Session", "Speaker",
           "SpeakerProfile"]


class Speaker(NamedTuple):
    """A speaker as written on one session: the name and the affiliation at the time."""

    name: str
    affiliation: str = ""
    #: The id of the profile ``Name <id>`` points at: read once, when the session is.
    profile: str = ""

    @property
    def target(self) -> tuple[str, str]:
        """What a link on the speaker names: the profile ``Name <id>`` points at, else
        the name as written (the person it is, found when the page is written)."""
        return ("profile", self.profile) if self.profile else ("speaker", self.name)


#: A bio as plain data: paragraphs of (text, URL) runs, the URL "" for plain text.
Bio = tuple[tuple[tuple[str, str], ...], ...]


class SpeakerProfile(NamedTuple):
    """A ``speaker`` directive: one person, whatever names the reports give them."""

    id: str
    name: str
    docname: str = ""
    lineno: int = 0
    anchor: str = ""
    #: Kana, as written (it places the name in 50音 order).
    reading: str = ""
    #: Other names as written; ``Name (Affiliation)`` claims the name for that affiliation only.
    aliases: tuple[str, ...] = ()
    #: The current affiliation (each session keeps the one at the time).
    affiliation: str = ""
    #: Source-relative path of a local photo, or an https URL.
    photo: str = ""
    links: tuple[str, ...] = ()
    #: The bio as plain paragraphs with their web links, for pages written beside the documents.
    bio: Bio = ()
    #: Keep the person's page out of search engines, archive.json, feeds and the sitemap.
    noindex: bool = False
    #: No page, no index entry, no link: the name stays text where a report wrote it.
    unlisted: bool = False
    #: As for :attr:`Event.only`.
    only: str = ""


class Event(NamedTuple):
    id: str
    name: str
    #: Where a directive wrote the record; an importer's records are in no document yet.
    docname: str = ""
    lineno: int = 0
    anchor: str = ""
    date: str = ""
    end: str = ""
    series: str = ""
    venue: str = ""
    location: str = ""
    format: str = ""
    url: str = ""
    video: str = ""
    tags: tuple[str, ...] = ()
    #: Source-relative path of a local image (``images/x.png``) or an https URL.
    image: str = ""
    hashtag: str = ""
    #: The description as plain text, for social metadata, feeds and exports.
    description: str = ""
    #: The options the write-up wrote (a value that could not be used included):
    #: merging takes values only from write-ups that gave them (docs/reference/directives.md).
    given: tuple[str, ...] = ()
    #: The ``only`` expressions it is written inside: outputs whose tags say no leave it out.
    only: str = ""
    #: ``cancelled``, ``postponed``, ``rescheduled``, ``moved-online``; "" as scheduled.
    status: str = ""
    #: Media the write-up says are not published yet (``("video",)``): a label, not a URL.
    unpublished: tuple[str, ...] = ()
    #: Who organised it, and their page ("" when not given), parsed from ``Name <URL>``.
    organizer: str = ""
    organizer_url: str = ""
    #: ``date`` read once, when the directive is: the moment to sort and stamp by (a bare
    #: date is its midnight, no offset is UTC); None for no usable date.
    moment: dt.datetime | None = None


class Session(NamedTuple):
    id: str
    title: str
    #: Where a directive wrote the record; an importer's records are in no document yet.
    docname: str = ""
    lineno: int = 0
    anchor: str = ""
    event: str = ""
    speakers: tuple[Speaker, ...] = ()
    type: str = "talk"
    start: str = ""
    end: str = ""
    track: str = ""
    room: str = ""
    slides: str = ""
    video: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    #: The notes as plain text (an excerpt), for exports.
    notes: str = ""
    #: Position on its page, so sessions keep the order the report gives them.
    order: int = 0
    #: The options the write-up wrote, as for :attr:`Event.given`.
    given: tuple[str, ...] = ()
    #: As for :attr:`Event.only`.
    only: str = ""
    #: As for :attr:`Event.unpublished`: ``slides``, ``video``.
    unpublished: tuple[str, ...] = ()
    #: ``start`` read once, as :attr:`Event.moment`.
    moment: dt.datetime | None = None


class Report(NamedTuple):
    """What a report's front matter says about the report itself (docs/howto/front-matter.md)."""

    docname: str
    title: str = ""
    description: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str = ""
    canonical: str = ""
    draft: bool = False
    #: ``date`` read once, as :attr:`Event.moment`.
    moment: dt.datetime | None = None


class Listing(NamedTuple):
    """A listing directive's query, kept so the page is rewritten when its result changes."""

    kind: str  # "eventlist" | "sessionlist" | "reportlist"
    options: tuple[tuple[str, str], ...]
    lineno: int = 0
