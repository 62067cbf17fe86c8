"""Where a role or a card's link goes, and what a page shows of an event: the answers the
domain gives its readers, from the merged archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_eventarchive.archive.pages import index_pages, speaker_page, tag_page, taken_by
from sphinx_eventarchive.archive.view import ArchiveEvent, ArchiveSession, Writeup, merge
from sphinx_eventarchive.core.text import identity
from sphinx_eventarchive.messages import warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.domains import Domain

    from sphinx_eventarchive.archive.domain import EventArchiveDomain
    from sphinx_eventarchive.archive.speakers import ArchiveSpeaker


def target_of(domain: EventArchiveDomain, typ: str, target: str,
              pages: bool) -> tuple[str, str, str] | None:
    """(docname, anchor, title) of a role's target, for a builder that writes the
    generated pages or not; None when there is none."""
    archive = domain.archive
    if typ == "event" and target in archive.events:
        entry = archive.events[target]
        return entry.event.docname, entry.event.anchor, entry.event.name
    if typ == "session" and target in archive.sessions:
        session_entry = archive.sessions[target]
        return (session_entry.session.docname, session_entry.session.anchor,
                session_entry.session.title)
    config = domain.env.config

    def page(name: str) -> str:
        # A page of the user's that takes a generated page's place wins the link too.
        return taken_by(name, domain.env.all_docs) or name

    if typ == "page":
        found = index_pages(config).get(target.strip())
        if found is None:
            return None
        return (page(found.pagename) if pages else ""), "", str(found.title)
    if typ in ("speaker", "profile"):
        # "profile": a profile's id, read apart from the name it was written with.
        speaker = archive.speaker(target, bare_id=True) if typ == "speaker" else \
            archive.speaker("", profile=target)
        return None if speaker is None else person_target(domain, speaker, pages)
    key = identity(target)
    if typ == "tag" and key in archive.tags:
        tag = archive.tags[key]
        if pages:
            return page(tag_page(config, tag.slug)), "", tag.name
        return "", "", tag.name
    return None


def person_target(domain: EventArchiveDomain, speaker: ArchiveSpeaker, pages: bool,
                  ) -> tuple[str, str, str]:
    """(docname, anchor, title) a link to a person goes to: their generated page, else
    their profile, else their newest report (an author only) or first session."""
    if pages:
        # A page of the user's that takes a generated page's place wins the link too.
        name = speaker_page(domain.env.config, speaker.slug)
        return taken_by(name, domain.env.all_docs) or name, "", speaker.name
    if speaker.profile is not None:  # the profile, where it is written
        return speaker.profile.docname, speaker.profile.anchor, speaker.name
    if not speaker.appearances:  # an author only: their newest report
        return speaker.reports[0], "", speaker.name
    first = domain.archive.sessions[speaker.appearances[0].session].session
    return first.docname, first.anchor, speaker.name


def event_shown_on(domain: EventArchiveDomain, docname: str, event_id: str,
                   ) -> tuple[ArchiveEvent, list[ArchiveSession]] | None:
    """An event and its sessions as a page shows them: merged from every write-up.

    A draft, which the archive leaves out, still shows what it says itself.
    """
    entry = domain.archive.events.get(event_id)
    if entry is not None:
        return entry, [domain.archive.sessions[s] for s in entry.sessions]
    by_doc = domain.events.get(event_id)
    if not by_doc:
        return None
    records = [by_doc[name] for name in sorted(by_doc)]
    own = [s for s in domain.sessions_on(docname) if s.event == event_id]
    entry = ArchiveEvent(merge(records), tuple(Writeup(r.docname, r.anchor) for r in records),
                         tuple(s.id for s in own))
    return entry, [ArchiveSession(merge([s]), (Writeup(s.docname, s.anchor),)) for s in own]


def with_affiliation(domain: EventArchiveDomain, docname: str, name: str) -> str:
    """``Name (Affiliation)`` as the page's sessions give the name, when they agree: an
    alias may claim a name for one affiliation only, and the session says which."""
    said = {speaker.affiliation for session in domain.sessions_on(docname)
            for speaker in session.speakers if speaker.name == name}
    return f"{name} ({said.pop()})" if len(said) == 1 and "" not in said else name


def warn_missing_reference(app: object, domain: Domain | None, node: pending_xref) -> bool:
    """warn-missing-reference: a role of ours that neither this archive nor intersphinx
    resolved warns with our type, so ``suppress_warnings`` takes it."""
    if domain is None or domain.name != "eventarchive":
        return False
    warn(f"unknown {node['reftype']} {node['reftarget']!r}", "ref", node)
    return True
