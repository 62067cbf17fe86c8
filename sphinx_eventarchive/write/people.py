"""The speakers' pages: the speakers index and one speaker's page, as escaped HTML strings."""

from __future__ import annotations

import unicodedata
from html import escape
from typing import TYPE_CHECKING

from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.labels import count_label

if TYPE_CHECKING:
    from sphinx_eventarchive.write.pagebodies import Page, PageWriter


def speakers_index(writer: PageWriter) -> Page:
    """The speakers index: every speaker grouped by initial, with affiliations and counts."""
    pagename = writer.speakers_page
    groups: dict[str, list[str]] = {}
    for key in sorted(writer.archive.speakers):
        groups.setdefault(initial(writer.archive.speakers[key].name), []).append(key)
    order = sorted(groups, key=_initial_order)
    body = ['<nav class="eventarchive-initials"><p>']
    body.append(" ".join(f'<a href="#initial-{index}">{escape(name)}</a>'
                         for index, name in enumerate(order)))
    body.append("</p></nav>")
    for index, name in enumerate(order):
        body.append(f'<h2 id="initial-{index}">{escape(name)}</h2><ul>')
        for key in groups[name]:
            speaker = writer.archive.speakers[key]
            affiliations = ", ".join(speaker.affiliations)
            extra = f" ({escape(affiliations)})" if affiliations else ""
            count = escape(count_label(len(speaker.appearances), "session"))
            body.append(f"<li>{writer.speaker_link(pagename, key)}{extra} — {count}</li>")
        body.append("</ul>")
    total = str(_("%d speakers")) % len(writer.archive.speakers)
    return writer.page(pagename, "speakers", str(_("Speakers")), total, body)


def speaker(writer: PageWriter, key: str) -> Page:
    """One speaker's page: every session under the name, newest first."""
    speaker = writer.archive.speakers[key]
    pagename = writer.site.speaker_page(key)
    body = []
    if speaker.affiliations:
        body.append(f'<p class="eventarchive-affiliations">{escape(str(_("Affiliations")))}'
                    f": {escape(', '.join(speaker.affiliations))}</p>")
    body.append('<ul class="eventarchive-speaker-sessions">')
    for appearance in speaker.appearances:
        body.append(writer.session_item(pagename, appearance.session, appearance.affiliation))
    body.append("</ul>")
    body.append(f'<p><a href="{escape(writer.href(pagename, writer.speakers_page))}">'
                f"{escape(str(_('All speakers')))}</a></p>")
    events = {writer.archive.sessions[a.session].session.event for a in speaker.appearances}
    description = str(_("%(name)s: %(sessions)s at %(events)s")) % {
        "name": speaker.name,
        "sessions": count_label(len(speaker.appearances), "session"),
        "events": count_label(len(events - {""}), "event"),
    }
    return writer.page(pagename, "speaker", speaker.name, description, body)

def initial(name: str) -> str:
    """The index group of a name: A–Z for Latin, the kana itself, else a catch-all."""
    first = unicodedata.normalize("NFKC", name)[:1].upper()
    if "A" <= first <= "Z":
        return first
    decomposed = unicodedata.normalize("NFD", first)[:1]
    if "A" <= decomposed <= "Z":  # É → E
        return decomposed
    if "ぁ" <= first <= "ゖ":  # hiragana and katakana share a group
        return chr(ord(first) + 0x60)
    if "ァ" <= first <= "ヺ":
        return first
    if first.isdigit():
        return "0–9"
    return str(_("Other"))

def _initial_order(name: str) -> tuple[int, str]:
    if len(name) == 1 and "A" <= name <= "Z":
        return (0, name)
    if name == "0–9":
        return (2, name)
    if len(name) == 1:
        return (1, name)
    return (3, name)
