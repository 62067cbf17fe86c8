"""The records an importer fills in and the MyST writer renders.

They mirror the options of the ``event`` and ``session`` directives (SPEC §2),
as plain strings: an importer decides what a value is, the writer only
decides how it is spelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Speaker:
    name: str
    affiliation: str = ""


@dataclass
class Session:
    title: str
    id: str
    speakers: list[Speaker] = field(default_factory=list)
    type: str = ""
    start: str = ""
    end: str = ""
    track: str = ""
    room: str = ""
    slides: str = ""
    video: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""
    notes: str = ""


@dataclass
class Event:
    title: str
    id: str
    date: str = ""
    end: str = ""
    venue: str = ""
    location: str = ""
    format: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Report:
    """One Markdown file: front matter, a heading, one event and its sessions."""

    filename: str
    event: Event
    sessions: list[Session] = field(default_factory=list)
    description: str = ""
    tags: list[str] = field(default_factory=list)
