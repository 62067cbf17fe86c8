"""The archive's objects, for ``objects.inv`` (intersphinx) and Sphinx's search.

A name Sphinx's search would show is the display name, so only the entries whose
link its search can rebuild are in it: a speaker's and a tag's page (no anchor).
Events and sessions (found by their pages' text), and each name a person or a
tag is also known by, are for intersphinx only (priority -1, as Sphinx's own
labels are): a role in another project may name a speaker as written, by an
alias, or by the case-folded key older inventories hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sphinx_eventarchive.archive.pages import speaker_page, tag_page

if TYPE_CHECKING:
    from sphinx_eventarchive.archive.domain import EventArchiveDomain

#: (name, display name, type, document, anchor, priority), as Domain.get_objects gives.
Object = tuple[str, str, str, str, str, int]


def objects(domain: EventArchiveDomain) -> Iterator[Object]:
    archive = domain.archive
    for event_id, entry in archive.events.items():
        yield (event_id, entry.event.name, "event", entry.event.docname, entry.event.anchor, -1)
    for session_id, session_entry in archive.sessions.items():
        session = session_entry.session
        yield (session_id, session.title, "session", session.docname, session.anchor, -1)
    config = domain.env.config
    if not config.eventarchive_generate_pages:
        return
    # Their pages are written beside the documents and fed to the search index.
    for key, speaker in archive.speakers.items():
        page = speaker_page(config, speaker.slug)
        # A person who asked to stay out of search engines stays out of search too.
        yield (key, speaker.name, "speaker", page, "", -1 if speaker.noindex else 1)
        aliases = speaker.profile.aliases if speaker.profile is not None else ()
        for name in dict.fromkeys((speaker.name, *aliases)):
            if name != key:
                yield (name, speaker.name, "speaker", page, "", -1)
    for key, tag in archive.tags.items():
        page = tag_page(config, tag.slug)
        yield (key, tag.name, "tag", page, "", 1)
        if tag.name != key:
            yield (tag.name, tag.name, "tag", page, "", -1)
