"""Speakers as people: the sessions and reports of each person under every name, with
their profile.

Part of the merged view (:mod:`sphinx_eventarchive.archive.view`): derived
from the records on demand, never pickled. Who a written name is comes from
:class:`sphinx_eventarchive.core.people.People`; readings from
:class:`sphinx_eventarchive.core.kana.Readings`, whose guesses are kept in
the domain's data so a build guesses only names it has not seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from sphinx_eventarchive.core.kana import (
    Placing,
    Readings,
    first_letter,
    hiragana,
    is_kana,
    is_kanji,
    place,
)
from sphinx_eventarchive.core.people import People
from sphinx_eventarchive.core.records import SpeakerProfile
from sphinx_eventarchive.core.text import slugify
from sphinx_eventarchive.messages import Subtype

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.view import Archive

# Page names a generated folder already uses for itself.
_RESERVED_SLUGS = frozenset({"index"})


def page_slug(key: str) -> str:
    """The page name of a speaker or tag in its folder.

    :func:`slugify`, except that a name whose slug is taken by the folder's own
    pages (a tag called "Index") gets ``_`` after it: slugify writes ``_`` as
    ``__``, so no other name can end that way.
    """
    slug = slugify(key)
    return f"{slug}_" if slug in _RESERVED_SLUGS else slug


class Appearance(NamedTuple):
    session: str
    affiliation: str


class ArchiveSpeaker(NamedTuple):
    key: str
    slug: str
    name: str
    appearances: tuple[Appearance, ...]  # newest first
    profile: SpeakerProfile | None = None
    #: Kana: the profile's ``reading``, else a dictionary's guess, else "".
    reading: str = ""
    guessed: bool = False
    #: The reports the person wrote (front matter ``author``), newest first.
    reports: tuple[str, ...] = ()

    @property
    def affiliations(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for appearance in self.appearances:
            if appearance.affiliation:
                seen.setdefault(appearance.affiliation, None)
        return tuple(seen)

    @property
    def affiliation(self) -> str:
        """Where the person is now: the profile's word, else the newest session's."""
        if self.profile is not None and self.profile.affiliation:
            return self.profile.affiliation
        return next((a.affiliation for a in self.appearances if a.affiliation), "")

    @property
    def noindex(self) -> bool:
        return self.profile is not None and self.profile.noindex

    def needs_reading(self) -> bool:
        """A name placed by a kanji that no reading places in 50音 order (``Tim [文昌] Hsu``
        is placed under T and needs none)."""
        return not self.reading and is_kanji(first_letter(self.name))


def display(forms: Counter[str]) -> str:
    # The spelling most write-ups use; ties go to the first in code point order
    # so the name shown never depends on reading order.
    return min(forms, key=lambda form: (-forms[form], form))


class Speakers:
    """Every person of an archive: ``listed`` have a page; ``unlisted`` asked for none."""

    def __init__(self, archive: Archive, profiles: Iterable[SpeakerProfile],
                 honorifics: Iterable[str], readings: Readings | None) -> None:
        self.people = People(sorted(profiles, key=lambda p: (p.docname, p.lineno)), honorifics)
        forms: dict[str, Counter[str]] = {}
        found: dict[str, list[Appearance]] = {}
        #: Session id -> the key of each of its speakers, in order.
        self.keys_of: dict[str, tuple[str, ...]] = {}
        for session_id, entry in archive.sessions.items():
            keys = []
            for written in entry.session.speakers:
                key = self.people.key(written.name, written.affiliation,
                                      profile=written.profile)
                keys.append(key)
                forms.setdefault(key, Counter())[self.people.shown(written.name)] += 1
                found.setdefault(key, []).append(Appearance(session_id, written.affiliation))
            self.keys_of[session_id] = tuple(keys)
        # An author is a person like a speaker: the same rule finds them, one page.
        #: Report docname -> (the name as written, the person's key) of each of its
        #: authors, in order, each person once.
        self.authors_of: dict[str, tuple[tuple[str, str], ...]] = {}
        wrote: dict[str, list[str]] = {}
        for docname, _published in archive.reports_newest_first():
            authors: dict[str, str] = {}
            for author in archive.reports[docname].authors:
                key = self.people.key(author)
                if key and key not in authors:
                    authors[key] = author
                    forms.setdefault(key, Counter())[self.people.shown(author)] += 1
                    wrote.setdefault(key, []).append(docname)
            self.authors_of[docname] = tuple((name, key) for key, name in authors.items())
        by_key = {self.people.keys[p.id]: p for p in self.people.by_id.values()}
        self.listed: dict[str, ArchiveSpeaker] = {}
        self.unlisted: dict[str, ArchiveSpeaker] = {}
        # One order for every speaker's sessions: sorting 21,000 sessions once, not once
        # per speaker, is what keeps a pyvideo-sized archive quick to gather.
        order = {s: n for n, s in enumerate(archive.sessions_newest_first(archive.sessions))}
        for key in sorted(set(forms) | set(by_key)):
            profile = by_key.get(key)
            appearances = found.get(key, [])
            name = profile.name if profile else display(forms[key])
            reading = hiragana(profile.reading) if profile and profile.reading else ""
            guessed = False
            if not reading and readings is not None:
                reading = readings.guess(name)
                guessed = bool(reading) and not all(is_kana(c) for c in name if c.strip())
            speaker = ArchiveSpeaker(
                key, page_slug(key), name,
                tuple(sorted(appearances, key=lambda a: order[a.session])),
                profile, reading, guessed, tuple(wrote.get(key, ())))
            (self.unlisted if profile and profile.unlisted else self.listed)[key] = speaker
        #: Whether a missing reading is one the dictionary could not guess (or no dictionary).
        self.can_guess = readings is not None and readings.can_guess()
        if readings is not None:
            readings.keep_only({s.name for s in (*self.listed.values(), *self.unlisted.values())})

    def find(self, written: str, affiliation: str = "", *, bare_id: bool = False,
             profile: str = "") -> ArchiveSpeaker | None:
        """The person a name (or a role's target) names; unlisted people included.

        A target may say the affiliation as a session does, ``佐々木 (コドモン)``,
        for an alias that claims the name for that affiliation only.
        """
        key = self.people.key(written, affiliation, bare_id=bare_id, profile=profile)
        return self.listed.get(key) or self.unlisted.get(key)


def profiles_in(profiles: Mapping[str, Iterable[SpeakerProfile]]) -> list[SpeakerProfile]:
    return [profile for docname in sorted(profiles) for profile in profiles[docname]]


Problem = tuple[str, Subtype, tuple[str, int]]  # message, warning subtype, (docname, line)


def problems(archive: Archive) -> Iterable[Problem]:
    """What is wrong with the archive's people, for the domain to warn about."""
    people = archive.people.people
    for later, first in people.duplicate_ids:
        yield (f"speaker id {later.id!r} is taken by the profile of {first.name!r} "
               f"({first.docname}, line {first.lineno}); give this one its own :id:", "id",
               (later.docname, later.lineno))
    for conflict in people.conflicts:
        first = conflict.first
        yield (f"speaker {conflict.profile.name!r} claims {conflict.claim!r}, which the profile "
               f"of {first.name!r} ({first.docname}, line {first.lineno}) claims already; "
               "limit one of them to an affiliation ('Name (Affiliation)'), or name the "
               "person in sessions as 'Name <id>'",
               "conflict", (conflict.profile.docname, conflict.profile.lineno))
    for entry in archive.sessions.values():
        for written in entry.session.speakers:
            unknown = people.unknown_ref(written.profile)
            if unknown:
                session = entry.session
                yield (f"speaker {written.name!r} names no profile: there is no speaker "
                       f"with :id: {unknown}", "ref", (session.docname, session.lineno))
    # The unlisted are in no index.
    unread = [person for person in archive.speakers.values() if person.needs_reading()]
    if unread and not archive.people.can_guess:
        # A missing optional extra is one warning, not one per name (-W would fail on
        # ordinary input): at the first name, counting the others.
        unread.sort(key=lambda person: (*_where(archive, person), person.name))
        others = len(unread) - 1
        more = f" and {others} other name{'s' if others > 1 else ''} in kanji" if others else ""
        they, each = ("they are listed under their", "each") if others else (
            "it is listed under its", "it")
        yield (f"no reading for {unread[0].name!r}{more}, so {they} script, not in 50音 order: "
               f"install sphinx-eventarchive[ja] to guess readings, or give {each} a speaker "
               "profile with :reading: (kana)", "reading", _where(archive, unread[0]))
        return
    for person in unread:
        # With the dictionary installed, advising to install it is no help: a name it
        # cannot read is most often not Japanese (劉育維 at PyCon TW).
        yield (f"no reading for {person.name!r} (the dictionary could not read it), so it is "
               "listed under its script, not in 50音 order: give it a speaker profile with "
               ":reading: (kana)", "reading", _where(archive, person))


def _where(archive: Archive, speaker: ArchiveSpeaker) -> tuple[str, int]:
    if speaker.profile is not None:
        return speaker.profile.docname, speaker.profile.lineno
    # The first write-up, by document name: the same place whatever order they were read in.
    sessions = sorted((archive.sessions[a.session].session for a in speaker.appearances),
                      key=lambda s: (s.docname, s.lineno))
    if sessions:
        return sessions[0].docname, sessions[0].lineno
    # Only an author: the front matter is at the top of the report.
    return min(speaker.reports), 1


def placing(speaker: ArchiveSpeaker, language: str | None) -> Placing:
    """Where a speaker stands in the index: a Japanese site lists 50音 rows before A–Z."""
    kana_first = (language or "").split("_")[0].split("-")[0] == "ja"
    return place(speaker.name, speaker.reading, kana_first=kana_first)
