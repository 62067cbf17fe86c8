"""What Pagefind indexes on a page, and the facets it files the page under.

A page (a report, any other document, a speaker page) is wrapped in
``data-pagefind-body`` with its facets in a hidden block: one element per
value (``<span data-pagefind-filter="Tag">SRE</span>``), never the
``key:value`` attribute form, which Pagefind reads up to the first colon only.
The block carries ``data-pagefind-ignore`` so its words stay out of excerpts;
the filters are still read. Facet names are the labels readers see (in the
site's language), because Pagefind's interface shows them as they are.

Facets come from the page's own records only (what its directives and front
matter say), so a page's markup never depends on another report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from sphinx_eventarchive.core.dates import when_text, year_of
from sphinx_eventarchive.doc.labels import language_name, type_label
from sphinx_eventarchive.messages import _

if TYPE_CHECKING:
    from sphinx_eventarchive.core.records import Session
    from sphinx_eventarchive.site import Site


def facet_names() -> dict[str, str]:
    """Facet key -> the label readers see (and Pagefind files values under).

    Pagefind's interface shows the facets side by side, so no two names may read alike:
    what a result is (a report, a session, a speaker) and what a session was (a talk, a
    workshop) were once "Kind" and "Session type", 「種類」 and 「セッションの種類」."""
    return {"kind": str(_("Result type")), "year": str(_("Year")),
            "series": str(_("Series")), "tag": str(_("Tag")), "speaker": str(_("Speaker")),
            "type": str(_("Talk format")), "language": str(_("Language")),
            "has": str(_("Has"))}


def date_label() -> str:
    """The name Pagefind's interface shows before a result's date."""
    return str(_("Date"))


def shown_date(date: str, language: str | None) -> str:
    """A result's date as every other page shows it (2024年3月19日(火), Tue, Mar 19, 2024):
    the day only, by the one rule for dates (core/dates.py)."""
    return when_text(date[:10], "", language) if date else ""


def kind_label(kind: str) -> str:
    labels = {"report": _("Report"), "session": _("Session"), "speaker": _("Speaker"),
              "page": _("Page")}
    return str(labels[kind])


def has_labels(slides: bool, video: bool) -> list[str]:
    found = [str(_("Slides"))] if slides else []
    return found + ([str(_("Video"))] if video else [])


class Labels:
    """The words facets are filed under, asked of the translations once per index: per
    session, at pyvideo's 21,715 sessions, it was a second of gettext."""

    def __init__(self) -> None:
        self.names = facet_names()
        self.session = kind_label("session")
        self._types: dict[str, str] = {}
        self._has = {(slides, video): has_labels(slides, video)
                     for slides in (False, True) for video in (False, True)}

    def type(self, value: str) -> str:
        label = self._types.get(value)
        if label is None:
            label = self._types[value] = type_label(value)
        return label

    def has(self, slides: bool, video: bool) -> list[str]:
        return self._has[slides, video]


@dataclass
class Facets:
    """The values a page or session is filed under, by facet key; plus its sort date."""

    values: dict[str, list[str]] = field(default_factory=dict)
    date: str = ""
    #: The site's language, that the date is shown in.
    language: str | None = None

    def add(self, key: str, items: Iterable[str]) -> None:
        slot = self.values.setdefault(key, [])
        for item in items:
            text = " ".join(str(item).split())
            if text and text not in slot:
                slot.append(text)

    def named(self, names: dict[str, str] | None = None) -> dict[str, list[str]]:
        """The facets under the names readers see (``names``: :func:`facet_names`, when
        the caller asked already), for Pagefind's filters."""
        names = names or facet_names()
        return {names[key]: values for key, values in self.values.items() if values}

    def html(self) -> str:
        spans = [f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
                 for name, values in self.named().items() for value in values]
        if self.date:
            spans.append(f'<span data-pagefind-sort="date">{escape(self.date)}</span>')
            spans.append(f'<span data-pagefind-meta="{escape(date_label())}">'
                         f"{escape(shown_date(self.date, self.language))}</span>")
        return f'<div hidden data-pagefind-ignore>{"".join(spans)}</div>'


def _speaker_name(site: Site, written: str) -> str:
    """A speaker as their page names them (a profile's name, no honorific), else as written."""
    found = getattr(site.archive, "speaker", None)
    person = found(written) if found else None
    return str(getattr(person, "name", "") or written)


def session_facets(site: Site, session: Session, event_date: str,
                   series: str, labels: Labels) -> Facets:
    language = site.config.language
    facets = Facets(language=language)
    facets.add("kind", [labels.session])
    when = session.start or event_date
    if when:
        facets.add("year", [str(year_of(when))])
        facets.date = when
    facets.add("series", [series])
    facets.add("tag", session.tags)
    facets.add("speaker", (_speaker_name(site, s.name) for s in session.speakers))
    facets.add("type", [labels.type(session.type)])
    facets.add("language", [language_name(session.language or language or "en", language)])
    facets.add("has", labels.has(bool(session.slides), bool(session.video)))
    return facets


def document_facets(site: Site, docname: str) -> Facets:
    """A document's facets, from its own report, events and sessions."""
    domain = site.domain
    report = domain.reports.get(docname)
    events = domain.events_on(docname)
    sessions = domain.sessions_on(docname)
    facets = Facets(language=site.config.language)
    facets.add("kind", [kind_label("report" if report or events or sessions else "page")])
    dates = [report.date] if report and report.date else []
    dates += [event.date for event in events if event.date]
    facets.add("year", (str(year_of(date)) for date in dates))
    facets.date = max(dates, default="")
    facets.add("series", (event.series for event in events))
    facets.add("tag", [*(report.tags if report else ()),
                       *(tag for event in events for tag in event.tags),
                       *(tag for session in sessions for tag in session.tags)])
    facets.add("speaker", (_speaker_name(site, speaker.name) for session in sessions
                           for speaker in session.speakers))
    facets.add("type", (type_label(session.type) for session in sessions))
    language = site.config.language
    spoken = [session.language for session in sessions if session.language]
    if events or sessions:
        facets.add("language", (language_name(code, language)
                                for code in spoken or [language or "en"]))
    facets.add("has", has_labels(any(s.slides for s in sessions),
                                 any(s.video for s in sessions)))
    return facets


def speaker_facets(site: Site, key: str) -> Facets:
    """A speaker page: the person, and the years, series, tags and kinds of their sessions."""
    archive = site.archive
    speaker = archive.speakers[key]
    facets = Facets(language=site.config.language)
    facets.add("kind", [kind_label("speaker")])
    facets.add("speaker", [speaker.name])
    for appearance in speaker.appearances:
        session = archive.sessions[appearance.session].session
        event = archive.events.get(session.event)
        when = archive.session_when(appearance.session)
        if when:
            facets.add("year", [str(year_of(when))])
            facets.date = max(facets.date, when)
        facets.add("series", [event.event.series if event else ""])
        facets.add("tag", session.tags)
        facets.add("type", [type_label(session.type)])
        facets.add("has", has_labels(bool(session.slides), bool(session.video)))
    return facets
