"""What a page shows, as data: one digest per merged event, session, person, tag and report.

A page that shows data from other reports is rewritten exactly when that data
changes. As Sphinx's own collectors do it, this is decided from the
environment's data, never by rendering to compare: each merged event,
session, person, tag and report has one digest of everything about it that
any page shows (its whole record, so a field added later is covered without a
line here, plus what its cards name of other objects: the titles of its
write-ups, its series neighbours, the people of a session). A report's digest
folds the digests of the keys it shows (:func:`report_keys`); a generated
page, a feed and the exports fold the keys they show. The build state
(``archive/state.py``) compares them with the last build's.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive.archive.listings import group_sessions, select_events, select_reports
from sphinx_eventarchive.archive.pages import has_pages
from sphinx_eventarchive.core.dates import build_time, upcoming, zone

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain
    from sphinx_eventarchive.archive.view import Archive
    from sphinx_eventarchive.core.records import Listing

#: What a page shows of the archive: ("event", id), ("programme", id) (an event with its
#: sessions), ("session", id), ("person", key), ("person-entry", key) (a person as the
#: speakers index lists them), ("tag", key), ("tag-entry", key), ("report", docname),
#: ("ref", type, target) (a role's or a card's link), ("listing", docname, index).
Key = tuple[str, ...]


def digest(*parts: str) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def files(env: BuildEnvironment, docname: str) -> list[tuple[str, int, int]]:
    """The files a document depends on (an event's picture, a profile's photo), as they
    are: a picture copied under a digest of its bytes has a new URL when they change."""
    found = []
    for name in sorted(map(str, env.dependencies.get(docname, ()))):
        try:
            stat = os.stat(os.path.join(env.srcdir, name))
        except OSError:
            found.append((name, 0, 0))
        else:
            found.append((name, stat.st_mtime_ns, stat.st_size))
    return found


def placeless(record: Any) -> Any:
    """A record without the line it was written on: a line moved by an edit of the prose
    above it changes nothing any page shows."""
    return record._replace(lineno=0) if hasattr(record, "lineno") else record


class Digests:
    """The digests of one build's archive, for one builder (links depend on whether it
    writes the generated pages); each computed once, however many pages show it."""

    def __init__(self, domain: EventArchiveDomain, builder: str) -> None:
        self.domain = domain
        self.env = domain.env
        self.archive = domain.archive
        config = domain.env.config
        self.builder = builder
        self.pages = has_pages(builder, config)
        self.language = config.language
        self.tz = zone(config.eventarchive_timezone)
        self.now = build_time()
        self._memo: dict[Key, str] = {}
        self._kinds: dict[str, Callable[..., str]] = {
            "event": self._event, "programme": self._programme, "session": self._session,
            "person": self._person, "person-entry": self._person_entry, "tag": self._tag,
            "tag-entry": self._tag_entry, "report": self._report, "ref": self._ref,
            "listing": self._listing,
        }

    def of(self, key: Key) -> str:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._kinds[key[0]](*key[1:])
        return found

    def of_all(self, keys: Iterable[Key]) -> str:
        return digest(*(self.of(key) for key in keys))

    # -- the archive's objects ------------------------------------------------------

    def _writeups(self, writeups: Iterable[Any]) -> str:
        """Where an object is written up, and each report's title (cards name them)."""
        return repr([(w.docname, w.anchor, self.domain.report_title(w.docname),
                      files(self.env, w.docname)) for w in writeups])

    def _event(self, event_id: str) -> str:
        """An event as its cards show it: the merged record, its write-ups, its series
        neighbours, whether it is still to come, how many sessions it has (which they
        are is the programme's)."""
        entry = self.archive.events.get(event_id)
        if entry is None:
            return "absent"
        neighbours = [(n, self.archive.events[n].event.name, self.archive.events[n].event.docname,
                       self.archive.events[n].event.anchor) if n else None
                      for n in self.archive.series_neighbours(event_id)]
        return digest(repr(placeless(entry.event)), self._writeups(entry.writeups),
                      str(len(entry.sessions)), repr(neighbours),
                      upcoming(entry.event, self.tz, self.now))

    def _programme(self, event_id: str) -> str:
        """An event with each of its sessions (the header card, the JSON-LD)."""
        entry = self.archive.events.get(event_id)
        if entry is None:
            return "absent"
        return digest(self.of(("event", event_id)),
                      *(self.of(("session", s)) for s in entry.sessions))

    def _session(self, session_id: str) -> str:
        entry = self.archive.sessions.get(session_id)
        if entry is None:
            return "absent"
        session = entry.session
        people = [self.of(("person", key)) for key in self.archive.speaker_keys(session_id)]
        return digest(repr(placeless(session)), self._writeups(entry.writeups),
                      repr(self.archive.speaker_keys(session_id)), *people,
                      self.of(("event", session.event)) if session.event else "",
                      self.archive.session_when(session_id))

    def _person(self, key: str) -> str:
        people = self.archive.people
        found = people.listed.get(key) or people.unlisted.get(key)
        if found is None:
            return "absent"
        profile = found.profile
        return digest(repr(found._replace(appearances=())), str(key in people.listed),
                      repr(files(self.env, profile.docname)) if profile else "")

    def _person_entry(self, key: str) -> str:
        """A person as the speakers index lists them: with affiliations and their count."""
        found = self.archive.speakers.get(key)
        if found is None:
            return "absent"
        return digest(self.of(("person", key)), repr(found.affiliations),
                      str(len(found.appearances)), str(len(found.reports)))

    def _tag(self, key: str) -> str:
        tag = self.archive.tags.get(key)
        return repr((tag.key, tag.slug, tag.name)) if tag else "absent"

    def _tag_entry(self, key: str) -> str:
        tag = self.archive.tags.get(key)
        return digest(self.of(("tag", key)), str(tag.total)) if tag else "absent"

    def _report(self, docname: str) -> str:
        report = self.archive.reports.get(docname)
        if report is None:
            return "absent"
        # Its card links each author to their page, named as the archive spells them.
        authors = self.archive.author_keys(docname)
        return digest(repr(report), self.domain.report_title(docname),
                      repr(self.archive.published(docname)), repr(files(self.env, docname)),
                      repr(authors), *(self.of(("person", key)) for key in authors))

    def _ref(self, typ: str, target: str) -> str:
        """Where a link to an archive object goes, and what it says (a person's link says
        their name as the profile spells it)."""
        found = self.domain.target_of(typ, target, self.pages)
        person = self.archive.people.find(target, bare_id=True) if typ == "speaker" else (
            self.archive.people.find("", profile=target) if typ == "profile" else None)
        return digest(repr(found), self.of(("person", person.key)) if person else "")

    def _listing(self, docname: str, index: str) -> str:
        """What a listing selects, in order, and each selected object's digest."""
        listing: Listing = self.domain.listings[docname][int(index)]
        options = dict(listing.options)
        if listing.kind == "eventlist":
            shown = [self.of(("event", e)) for e in select_events(self.archive, options)]
        elif listing.kind == "reportlist":
            shown = [self.of(("report", d)) for d in select_reports(self.archive, options)]
        else:
            shown = []
            by = options.get("group-by", "event")
            for group in group_sessions(self.archive, options, self.language):
                heading = {"event": ("event", group.key), "speaker": ("person", group.key),
                           "tag": ("tag", group.key)}.get(by)
                shown.append(repr((group.key, group.title)))
                shown.append(self.of(heading) if heading and group.key else "")
                shown.extend(self.of(("session", s)) for s in group.sessions)
        return digest(repr(listing.kind), repr(listing.options), *shown)


def speaker_shows(archive: Archive, key: str) -> tuple[Key, ...]:
    """What a person's page (and feed) shows: the person, each of their sessions and
    each report they wrote. A talk's card shows a picture named by the session's slides
    or video URL (``core/embeds.py`` ``talk_thumbnail``, nothing looked up): those URLs
    are in the session's record, so its digest covers the picture."""
    person = archive.speakers[key]
    return (("person", key), *(("session", a.session) for a in person.appearances),
            *(("report", docname) for docname in person.reports))


def tag_shows(archive: Archive, key: str) -> tuple[Key, ...]:
    """What a tag's page (and feed) shows: the tag and every report, event and session
    with it."""
    tag = archive.tags[key]
    return (("tag", key), *(("report", d) for d in tag.reports),
            *(("event", e) for e in tag.events), *(("session", s) for s in tag.sessions))


def report_keys(domain: EventArchiveDomain, docname: str) -> Iterator[Key]:
    """What a document shows of the archive: its events with their sessions, its own
    sessions as merged, its listings, the people of its profiles, and every link of ours
    it holds (roles in its prose, the speakers and tags of its sessions)."""
    archive = domain.archive
    for event in domain.events_on(docname):
        yield ("programme", event.id)
    for session in domain.sessions_on(docname):
        # Its block shows another write-up's deck or video in place of "not published".
        yield ("session", session.id)
    for index, _listing in enumerate(domain.listings.get(docname, ())):
        yield ("listing", docname, str(index))
    for profile in domain.profiles.get(docname, ()):
        person = archive.people.find(profile.id, bare_id=True)
        if person is not None:
            yield ("person", person.key)
    for typ, target in domain.refs(docname):
        yield ("ref", typ, target)
