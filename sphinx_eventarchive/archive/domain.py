"""The ``eventarchive`` domain: where events, sessions and reports live between builds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_eventarchive._compat import app_of
from sphinx_eventarchive.archive import consistency, inventory, targets
from sphinx_eventarchive.archive.freshness import Digests
from sphinx_eventarchive.archive.pages import has_pages
from sphinx_eventarchive.archive.view import Archive, ArchiveEvent, ArchiveSession
from sphinx_eventarchive.core.kana import Readings
from sphinx_eventarchive.core.people import shown_name
from sphinx_eventarchive.core.records import Event, Listing, Report, Session, SpeakerProfile
from sphinx_eventarchive.messages import _, warn

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: The keys that hold what each document said, by document: clear_doc removes a
#: document's entry, merge_domaindata takes a reading process's.
PER_DOCUMENT = ("reports", "listings", "resolved", "profiles", "markup", "named", "refs")


class EventArchiveDomain(Domain):
    name = "eventarchive"
    label = _("Event archive")  # lazy: shown in search results in the page's language
    object_types = {
        "event": ObjType(_("event"), "event"),
        "session": ObjType(_("session"), "session"),
        "speaker": ObjType(_("speaker"), "speaker"),
        "tag": ObjType(_("tag"), "tag"),
    }
    roles = {
        "event": XRefRole(),
        "session": XRefRole(),
        "speaker": XRefRole(),
        "tag": XRefRole(),
        "page": XRefRole(),
    }
    initial_data = {
        "events": {},    # event id -> {docname: Event}
        "sessions": {},  # session id -> {docname: Session}
        "reports": {},   # docname -> Report
        "listings": {},  # docname -> tuple[Listing, ...]
        "resolved": {},  # docname -> {Speaker Deck presentation URL: id} resolved online
        "profiles": {},  # docname -> tuple[SpeakerProfile, ...]
        # Readings a dictionary guessed, by name: {"guesser": which, "names": {name: kana}}.
        # Derived, not per document: kept so an unchanged name is never guessed again.
        "readings": {},
        # Build state (archive/state.py owns these three):
        "revision": "",  # new whenever a build reads or removes a document or the config changes
        "config": "",    # digest of the configuration the revision was made with
        "shown": {},     # builder -> {"content", "digests": {docname: what it shows}}
        "contents": {},  # docname -> digest of the records (and title) it gives the archive
        # docname -> True: the page holds one of our directives (and so our CSS and script).
        "markup": {},
        # docname -> generated pages it names in a toctree or an {archive-page} role: such
        # a page is written even while the archive has nothing to show on it.
        "named": {},
        # docname -> (type, target) of every link of ours it holds (roles, session speakers
        # and tags): where they go is part of what the page shows (archive/freshness.py).
        "refs": {},
        # Whether the last build's archive had content (site-wide additions follow it).
        "site": False,
    }
    # Bump when a record's shape changes, so a stale pickled environment is dropped.
    # 8: markup, named, site, refs; 9: Speaker.profile, moments, Event.organizer
    data_version = 9

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Views derived from the records, rebuilt after any change; never pickled.
        self._archive: Archive | None = None
        self._by_doc: tuple[dict[str, list[Event]], dict[str, list[Session]]] | None = None
        self._digests: dict[str, Digests] = {}

    # -- the records -------------------------------------------------------

    @property
    def events(self) -> dict[str, dict[str, Event]]:
        return self.data["events"]

    @property
    def sessions(self) -> dict[str, dict[str, Session]]:
        return self.data["sessions"]

    @property
    def reports(self) -> dict[str, Report]:
        return self.data["reports"]

    @property
    def listings(self) -> dict[str, tuple[Listing, ...]]:
        return self.data["listings"]

    @property
    def profiles(self) -> dict[str, tuple[SpeakerProfile, ...]]:
        return self.data["profiles"]

    def changed(self) -> None:
        """The records changed: drop the views derived from them."""
        self._archive = None
        self._by_doc = None
        self._digests = {}

    def _index(self) -> tuple[dict[str, list[Event]], dict[str, list[Session]]]:
        """Events and sessions by the page they are written on, in page order."""
        if self._by_doc is None:
            events: dict[str, list[Event]] = {}
            sessions: dict[str, list[Session]] = {}
            for by_doc in self.events.values():
                for name, event in by_doc.items():
                    events.setdefault(name, []).append(event)
            for session_docs in self.sessions.values():
                for name, session in session_docs.items():
                    sessions.setdefault(name, []).append(session)
            for found in events.values():
                found.sort(key=lambda event: event.lineno)
            for on_page in sessions.values():
                on_page.sort(key=lambda session: session.order)
            self._by_doc = events, sessions
        return self._by_doc

    def events_on(self, docname: str) -> list[Event]:
        """The events written up on one page, in page order."""
        return self._index()[0].get(docname, [])

    def sessions_on(self, docname: str) -> list[Session]:
        """The sessions written up on one page, in page order."""
        return self._index()[1].get(docname, [])

    def docs_with_events(self) -> set[str]:
        return set(self._index()[0])

    def event_shown_on(self, docname: str, event_id: str,
                       ) -> tuple[ArchiveEvent, list[ArchiveSession]] | None:
        """An event and its sessions as a page shows them (``archive/targets.py``)."""
        return targets.event_shown_on(self, docname, event_id)

    def pages_showing_archive(self) -> set[str]:
        """Documents that show data other reports can change: events, listings, speaker
        profiles (whose link to the person's page another profile can move), links of
        ours (roles, a session's speakers and tags)."""
        return (self.docs_with_events() | set(self.listings) | set(self.profiles)
                | set(self.data["refs"]))

    def note_refs(self, docname: str, refs: Iterable[tuple[str, str]]) -> None:
        found = tuple(sorted(set(refs)))
        if found:
            self.data["refs"][docname] = found
        else:
            self.data["refs"].pop(docname, None)

    def refs(self, docname: str) -> tuple[tuple[str, str], ...]:
        """(type, target) of every link of ours a document holds."""
        return tuple(self.data["refs"].get(docname, ()))

    def digests(self, builder: str) -> Digests:
        """What each object of the archive shows, for one builder (``archive/freshness.py``),
        made once per archive."""
        found = self._digests.get(builder)
        if found is None:
            found = self._digests[builder] = Digests(self, builder)
        return found

    def report_title(self, docname: str) -> str:
        """A report's title, wherever it is named: its front matter ``title`` (the
        title its author gave the write-up), else the page's first heading."""
        report = self.reports.get(docname)
        if report and report.title:
            return report.title
        node = self.env.titles.get(docname)
        text = node.astext() if node is not None else ""
        return text or docname

    def note_event(self, event: Event) -> bool:
        """Record an event; False (and a warning) when this page already has the id."""
        by_doc = self.events.setdefault(event.id, {})
        if event.docname in by_doc:
            warn(f"duplicate event id {event.id!r} on this page (first at line "
                 f"{by_doc[event.docname].lineno})", "id", (event.docname, event.lineno))
            return False
        by_doc[event.docname] = event
        self.changed()
        return True

    def note_session(self, session: Session) -> bool:
        by_doc = self.sessions.setdefault(session.id, {})
        if session.docname in by_doc:
            warn(f"duplicate session id {session.id!r} on this page (first at line "
                 f"{by_doc[session.docname].lineno}); give it its own :id:", "id",
                 (session.docname, session.lineno))
            return False
        by_doc[session.docname] = session
        self.changed()
        return True

    def note_report(self, report: Report) -> None:
        self.reports[report.docname] = report
        self.changed()

    def note_profile(self, profile: SpeakerProfile) -> bool:
        """Record a speaker profile; False (and a warning) when this page already has the id."""
        on_page = self.profiles.get(profile.docname, ())
        first = next((p for p in on_page if p.id == profile.id), None)
        if first is not None:
            warn(f"duplicate speaker id {profile.id!r} on this page (first at line "
                 f"{first.lineno}); give it its own :id:", "id",
                 (profile.docname, profile.lineno))
            return False
        self.profiles[profile.docname] = (*on_page, profile)
        self.changed()
        return True

    def note_listing(self, docname: str, listing: Listing) -> None:
        self.listings[docname] = (*self.listings.get(docname, ()), listing)

    def note_markup(self, docname: str) -> None:
        """The page holds a directive of ours: it gets our CSS and script."""
        self.data["markup"][docname] = True

    def note_named(self, docname: str, pagenames: Iterable[str]) -> None:
        """Generated pages the document names (a toctree entry, an {archive-page} role)."""
        named = tuple(sorted(set(pagenames)))
        if named:
            self.data["named"][docname] = named
        else:
            self.data["named"].pop(docname, None)

    def has_markup(self, docname: str) -> bool:
        return docname in self.data["markup"]

    def is_archive_page(self, docname: str) -> bool:
        """Whether the page holds an archive directive (an event, a session, a speaker
        profile, a listing): only then is its front matter read (docs/reference/config.md)."""
        return (docname in self.profiles or docname in self.listings
                or self.writes_up(docname))

    def writes_up(self, docname: str) -> bool:
        """Whether the page writes up an event or a session."""
        if self._by_doc is None:  # asked as each page is read: cheaper than the index
            return any(docname in docs for table in (self.events, self.sessions)
                       for docs in table.values())
        return bool(self.events_on(docname)) or bool(self.sessions_on(docname))

    def has_content(self) -> bool:
        """Whether the archive holds anything: a site without it is built as without us."""
        return bool(self.events or self.sessions or self.profiles or self.listings)

    def named_pages(self) -> set[str]:
        """The generated pages some document names."""
        return {page for pages in self.data["named"].values() for page in pages}

    @property
    def revision(self) -> str:
        """Changes whenever the archive or the configuration does; outputs that
        remember the revision they were written from can tell they are current."""
        return str(self.data["revision"])

    def clear_doc(self, docname: str) -> None:
        for table in (self.events, self.sessions):
            for key in [k for k, by_doc in table.items() if docname in by_doc]:
                del table[key][docname]
                if not table[key]:
                    del table[key]
        for name in PER_DOCUMENT:
            self.data[name].pop(docname, None)
        self.data["contents"].pop(docname, None)
        self.changed()

    def documents(self) -> set[str]:
        """Every document that gives the archive a record (a report, an event, a session,
        a profile); listings only show it."""
        return (set(self.reports) | set(self.profiles) | self.docs_with_events()
                | {name for by_doc in self.sessions.values() for name in by_doc})

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for table in ("events", "sessions"):
            for key, by_doc in otherdata[table].items():
                for docname, record in by_doc.items():
                    if docname in wanted:
                        self.data[table].setdefault(key, {})[docname] = record
        # Not merged, each for its reason: "contents" (a digest per document), "readings"
        # (guesses by name), "revision", "config", "shown" and "site" are made in the
        # main process after merging (archive/state.py, archive/speakers.py), never by a
        # process that reads documents.
        for table in PER_DOCUMENT:
            for docname, value in otherdata[table].items():
                if docname in wanted:
                    self.data[table][docname] = value
        self.changed()

    # -- the merged view -----------------------------------------------------

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            tags = getattr(app_of(self.env), "tags", None)
            self._archive = Archive(
                self.events, self.sessions, self.reports,
                include_drafts=self.env.config.eventarchive_include_drafts,
                in_output=tags.eval_condition if tags is not None else lambda condition: True,
                profiles=self.profiles, honorifics=self.env.config.eventarchive_honorifics,
                readings=Readings(self.data["readings"]),
            )
        return self._archive

    def is_draft(self, docname: str) -> bool:
        report = self.reports.get(docname)
        return bool(report and report.draft and not self.env.config.eventarchive_include_drafts)

    def check_consistency(self) -> None:
        for message, subtype, location in consistency.problems(self):
            warn(message, subtype, location)

    # -- cross-references ----------------------------------------------------

    def target(self, typ: str, target: str, builder: Builder) -> tuple[str, str, str] | None:
        """(docname, anchor, title) of a role's target, or None when there is none."""
        return self.target_of(typ, target, has_pages(builder.name, self.env.config))

    def target_of(self, typ: str, target: str, pages: bool) -> tuple[str, str, str] | None:
        """:meth:`target` for a builder that writes the generated pages or not."""
        return targets.target_of(self, typ, target, pages)

    def person_target(self, key: str, builder: Builder) -> tuple[str, str, str] | None:
        """:meth:`target` of the listed person ``key`` (a card knows whom it names)."""
        speaker, pages = self.archive.speakers.get(key), has_pages(builder.name, self.env.config)
        return None if speaker is None else targets.person_target(self, speaker, pages)

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
        target: str, node: pending_xref, contnode: Element,
    ) -> nodes.reference | None:
        # The extension's own link on a name (a session's speakers, a listing's) shows the
        # person's name: the profile's, without an honorific.
        auto_speaker = node.get("eventarchive_auto") and (
            typ == "profile" or (typ == "speaker" and contnode.astext() == target))
        if auto_speaker and typ == "speaker" and "(" not in target:
            # An alias may claim a name for one affiliation only: the session says which.
            target = targets.with_affiliation(self, str(node.get("refdoc", "")), target)
        found = self.target(typ, target, builder)
        if found is None:
            if typ not in self.roles:
                return None
            # A person who asked for no page stays text, and so do the links the
            # extension made itself (a draft's speakers, say).
            unlisted = typ == "speaker" and self.archive.people.find(target, bare_id=True)
            if not node.get("eventarchive_auto") and not unlisted:
                # A role's target may be another project's: intersphinx is asked
                # (missing-reference) before warn_missing_reference warns.
                return None
            if auto_speaker:  # without an honorific or a profile id, as lists show names
                return _retitled(contnode, shown_name(  # type: ignore[return-value]
                    node["reftarget"], self.env.config.eventarchive_honorifics))
            return contnode  # type: ignore[return-value]  # text stays text, no link
        docname, anchor, title = found
        if not node.get("refexplicit") or auto_speaker:
            # The extension's own speaker links show the person's name: the profile's.
            contnode = _retitled(contnode, title)
        if not docname:
            return contnode  # type: ignore[return-value]  # a tag with no page: plain text
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
        node: pending_xref, contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in self.object_types:
            found = self.target(typ, target, builder)
            if found and found[0]:
                docname, anchor, title = found
                ref = make_refnode(builder, fromdocname, docname, anchor, contnode, title)
                results.append((f"eventarchive:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every object, for ``objects.inv`` and Sphinx's search (``archive/inventory.py``)."""
        return inventory.objects(self)

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")


def _retitled(contnode: Element, title: str) -> nodes.inline:
    return nodes.inline(title, title, classes=contnode.get("classes", []))
