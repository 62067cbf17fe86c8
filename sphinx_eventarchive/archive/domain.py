"""The ``eventarchive`` domain: where events, sessions and reports live between builds."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_eventarchive.archive.view import Archive
from sphinx_eventarchive.core.records import Event, Listing, Report, Session
from sphinx_eventarchive.core.text import identity, split_list
from sphinx_eventarchive.messages import _, warn

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Builders that get the generated speaker and tag pages.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


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
    }
    initial_data = {
        "events": {},    # event id -> {docname: Event}
        "sessions": {},  # session id -> {docname: Session}
        "reports": {},   # docname -> Report
        "listings": {},  # docname -> tuple[Listing, ...]
        "resolved": {},  # docname -> {Speaker Deck presentation URL: id} resolved online
        "pages": {},     # generated page name -> digest of what it shows
    }
    # Bump when a record's shape changes, so a stale pickled environment is dropped.
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The merged view, rebuilt when the records change; never pickled.
        self._archive: Archive | None = None
        self._events_by_doc: dict[str, list[Event]] | None = None
        # Generated pages written by this build, saved once the build succeeds.
        self.pending_pages: dict[str, Any] | None = None
        # Whether this build read or removed any document (see note_read).
        self.touched = False

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

    def _changed(self) -> None:
        self._archive = None
        self._events_by_doc = None

    def events_on(self, docname: str) -> list[Event]:
        """The events written up on one page, in page order (indexed once per change)."""
        if self._events_by_doc is None:
            index: dict[str, list[Event]] = {}
            for by_doc in self.events.values():
                for name, event in by_doc.items():
                    index.setdefault(name, []).append(event)
            for found in index.values():
                found.sort(key=lambda event: event.lineno)
            self._events_by_doc = index
        return (self._events_by_doc or {}).get(docname, [])

    def docs_with_events(self) -> set[str]:
        self.events_on("")
        return set(self._events_by_doc or ())

    def note_event(self, event: Event) -> bool:
        """Record an event; False (and a warning) when this page already has the id."""
        by_doc = self.events.setdefault(event.id, {})
        if event.docname in by_doc:
            warn(f"duplicate event id {event.id!r} on this page (first at line "
                 f"{by_doc[event.docname].lineno})", "id", (event.docname, event.lineno))
            return False
        by_doc[event.docname] = event
        self._changed()
        return True

    def note_session(self, session: Session) -> bool:
        by_doc = self.sessions.setdefault(session.id, {})
        if session.docname in by_doc:
            warn(f"duplicate session id {session.id!r} on this page (first at line "
                 f"{by_doc[session.docname].lineno}); give it its own :id:", "id",
                 (session.docname, session.lineno))
            return False
        by_doc[session.docname] = session
        self._changed()
        return True

    def note_report(self, report: Report) -> None:
        self.reports[report.docname] = report
        self._changed()

    def note_listing(self, docname: str, listing: Listing) -> None:
        self.listings[docname] = (*self.listings.get(docname, ()), listing)

    def note_read(self, docnames: list[str]) -> None:
        """env-before-read-docs: this build reads these documents.

        A changed configuration counts too: an ``html`` option (say
        ``eventarchive_feed``) makes Sphinx re-read nothing, yet changes what we write.
        """
        config = _config_digest(self.env.config)
        if docnames or self.touched or self.data.get("config") != config:
            self.data["config"] = config
            self.data["revision"] = uuid.uuid4().hex
            self.touched = True
            self._changed()

    @property
    def revision(self) -> str:
        """Changes whenever the archive or the configuration does; outputs that
        remember the revision they were written from can tell they are current."""
        return str(self.data.get("revision", ""))

    def clear_doc(self, docname: str) -> None:
        self.touched = True
        for table in (self.events, self.sessions):
            for key in [k for k, by_doc in table.items() if docname in by_doc]:
                del table[key][docname]
                if not table[key]:
                    del table[key]
        self.reports.pop(docname, None)
        self.listings.pop(docname, None)
        self.data["resolved"].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for table in ("events", "sessions"):
            for key, by_doc in otherdata[table].items():
                for docname, record in by_doc.items():
                    if docname in wanted:
                        self.data[table].setdefault(key, {})[docname] = record
        for table in ("reports", "listings", "resolved"):
            for docname, value in otherdata[table].items():
                if docname in wanted:
                    self.data[table][docname] = value
        self._changed()

    # -- the merged view -----------------------------------------------------

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = Archive(
                self.events, self.sessions, self.reports,
                include_drafts=self.env.config.eventarchive_include_drafts,
            )
        return self._archive

    def is_draft(self, docname: str) -> bool:
        report = self.reports.get(docname)
        return bool(report and report.draft and not self.env.config.eventarchive_include_drafts)

    def check_consistency(self) -> None:
        from sphinx_eventarchive.archive.view import conflicts

        tables: tuple[tuple[dict[str, Any], str], ...] = (
            (self.events, "event"), (self.sessions, "session"))
        for table, what in tables:
            for key, by_doc in sorted(table.items()):
                records = [by_doc[name] for name in sorted(by_doc)]
                for field, record, first, second in conflicts(records):
                    warn(f"{what} {key!r} has {field} {second!r} here but {first!r} in "
                         f"{records[0].docname!r}", "conflict", (record.docname, record.lineno))
        for _key, by_doc in sorted(self.sessions.items()):
            for docname in sorted(by_doc):
                session = by_doc[docname]
                if not session.event:
                    warn(f"session {session.title!r} belongs to no event: put it below an event "
                         f"directive or give :event:", "ref", (docname, session.lineno))
                elif session.event not in self.events:
                    warn(f"session {session.title!r} names unknown event {session.event!r}",
                         "ref", (docname, session.lineno))

        self._check_listings()

    def _check_listings(self) -> None:
        """A listing filtering on an event, speaker or tag nobody wrote is a dangling reference."""
        archive = self.archive
        known = {"event": set(self.events), "speaker": set(archive.speakers),
                 "tags": set(archive.tags)}
        for docname, listings in sorted(self.listings.items()):
            for listing in listings:
                for key, value in listing.options:
                    if key == "tags":
                        missing = [t for t in split_list(value) if identity(t) not in known[key]]
                    elif key in ("event", "speaker"):
                        wanted = value if key == "event" else identity(value)
                        missing = [] if wanted in known[key] else [value]
                    else:
                        continue
                    for name in missing:
                        warn(f"{listing.kind} :{key}: names unknown "
                             f"{'tag' if key == 'tags' else key} {name!r}", "ref",
                             (docname, listing.lineno))

    # -- cross-references ----------------------------------------------------

    def speaker_page(self, key: str) -> str:
        return f"{self.env.config.eventarchive_speakers_path}/{self.archive.speakers[key].slug}"

    def tag_page(self, key: str) -> str:
        return f"{self.env.config.eventarchive_tags_path}/{self.archive.tags[key].slug}"

    def has_pages(self, builder: Builder) -> bool:
        return builder.name in PAGE_BUILDERS and bool(self.env.config.eventarchive_generate_pages)

    def target(self, typ: str, target: str, builder: Builder) -> tuple[str, str, str] | None:
        """(docname, anchor, title) of a role's target, or None when there is none."""
        archive = self.archive
        if typ == "event" and target in archive.events:
            entry = archive.events[target]
            return entry.event.docname, entry.event.anchor, entry.event.name
        if typ == "session" and target in archive.sessions:
            session_entry = archive.sessions[target]
            return (session_entry.session.docname, session_entry.session.anchor,
                    session_entry.session.title)
        key = identity(target)
        if typ == "speaker" and key in archive.speakers:
            speaker = archive.speakers[key]
            if self.has_pages(builder):
                return self.speaker_page(key), "", speaker.name
            first = archive.sessions[speaker.appearances[0].session].session
            return first.docname, first.anchor, speaker.name
        if typ == "tag" and key in archive.tags:
            tag = archive.tags[key]
            if self.has_pages(builder):
                return self.tag_page(key), "", tag.name
            return "", "", tag.name
        return None

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
        target: str, node: pending_xref, contnode: Element,
    ) -> nodes.reference | None:
        found = self.target(typ, target, builder)
        if found is None:
            if typ not in self.object_types:
                return None
            # Links the extension made itself (a draft's speakers, say) just stay text.
            if not node.get("eventarchive_auto"):
                warn(f"unknown {typ} {target!r}", "ref", node)
            return contnode  # type: ignore[return-value]  # text stays text, no link
        docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
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
        archive = self.archive
        for event_id, entry in archive.events.items():
            yield (event_id, entry.event.name, "event", entry.event.docname, entry.event.anchor, 1)
        for session_id, session_entry in archive.sessions.items():
            session = session_entry.session
            yield (session_id, session.title, "session", session.docname, session.anchor, 1)

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")


def _config_digest(config: Any) -> str:
    """A digest of every configuration value, in a form stable across runs."""
    import hashlib

    show: Callable[[Any], str] = repr
    with contextlib.suppress(ImportError):  # older Sphinx: repr will do
        from sphinx.util._serialise import stable_str as show
    text = "\n".join(f"{item.name}={show(item.value)}" for item in config
                     if not callable(item.value))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
