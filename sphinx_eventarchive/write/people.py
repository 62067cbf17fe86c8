"""The speakers' pages: the speakers index and one speaker's page, as escaped HTML strings.

The index groups names by 50音 row from their kana reading (a written
``:reading:`` decides, else a dictionary's guess), Latin names A–Z with
accents folded, other scripts by script (:mod:`sphinx_eventarchive.core.kana`).
A speaker's page shows the profile, when there is one, above every talk (a card
with the deck's cover or the video's still) and the reports the person wrote.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_eventarchive.archive.speakers import placing
from sphinx_eventarchive.core.kana import KANJI, OTHER, hiragana, is_kana
from sphinx_eventarchive.core.people import alias_names, link_label, parse_alias
from sphinx_eventarchive.core.text import excerpt, identity
from sphinx_eventarchive.doc.labels import count_label
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.write.cardhtml import cards_html, link_html
from sphinx_eventarchive.write.paging import IndexPart, index_parts, part_pages
from sphinx_eventarchive.write.share import share_html, share_links

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_eventarchive.archive.speakers import ArchiveSpeaker
    from sphinx_eventarchive.core.records import Bio, SpeakerProfile
    from sphinx_eventarchive.site import Site
    from sphinx_eventarchive.write.images import Image
    from sphinx_eventarchive.write.pagebodies import Page, PageWriter



def group_label(label: str) -> str:
    if label == KANJI:
        return str(_("Kanji"))
    if label == OTHER:
        return "#"
    return label


def speaker_parts(writer: PageWriter) -> list[IndexPart]:
    """The speakers by 50音 row or initial, in reading order; a page per group from a
    thousand speakers on (:mod:`sphinx_eventarchive.write.paging`)."""
    speakers = writer.archive.speakers
    placed = sorted((placing(speaker, writer.language), key)
                    for key, speaker in speakers.items())
    groups: dict[str, list[str]] = {}
    for where, key in placed:
        groups.setdefault(group_label(where.group.label), []).append(key)
    return index_parts(writer.speakers_page, list(groups.items()))


def speaker_index_pages(writer: PageWriter) -> Iterator[Page]:
    """The speakers index: every speaker with affiliations and session count, on one page
    or, split, on a page per group."""
    speakers = writer.archive.speakers

    def entries(pagename: str, part: IndexPart) -> list[str]:
        out = ["<ul>"]
        for key in part.keys:
            speaker = speakers[key]
            affiliations = ", ".join(speaker.affiliations)
            extra = f" ({escape(affiliations)})" if affiliations else ""
            # Someone who only wrote reports has no count of talks, rather than a 0.
            count = (f' — <span class="eventarchive-count">'
                     f'{escape(count_label(len(speaker.appearances), "session"))}</span>'
                     if speaker.appearances else "")
            out.append(f"<li>{writer.speaker_link(pagename, key)}{extra}{count}</li>")
        out.append("</ul>")
        return out

    total = str(_("%d speakers")) % len(speakers)
    yield from part_pages(writer, writer.speakers_page, "speakers", str(_("Speakers")), total,
                          writer.speaker_parts, entries)


def speakers_index(writer: PageWriter) -> Page:
    """The speakers index page itself (the first of :func:`speaker_index_pages`)."""
    return next(iter(speaker_index_pages(writer)))


def speaker(writer: PageWriter, key: str) -> Page:
    """One person's page, as Speaker Deck's profile: who they are (photo, name, reading
    where it adds, affiliation now, links, bio), every talk as a card with its cover,
    then the reports they wrote. What is not there is left out, never counted as 0."""
    person = writer.archive.speakers[key]
    pagename = writer.site.speaker_page(key)
    body = []
    photo = None
    if person.profile is not None:
        photo = photo_of(writer.site, person.profile)
        body.extend(profile_block(writer.site, pagename, person.profile, photo,
                                  affiliation=person.affiliation))
    elif person.affiliation:
        # Where they are now (the newest talk's word); each card says where they were then.
        body.append(f'<p class="eventarchive-profile-affiliation">'
                    f"{escape(person.affiliation)}</p>")
    if person.appearances:
        body.append(f'<h2 class="eventarchive-talks-title">{escape(str(_("Sessions")))}</h2>')
        body.append('<ul class="eventarchive-speaker-sessions">')
        body.extend(writer.session_item(pagename, appearance.session, appearance.affiliation)
                    for appearance in person.appearances)
        body.append("</ul>")
    if person.reports:
        body.append(f'<h2 class="eventarchive-reports-title">{escape(str(_("Reports")))}</h2>')
        body.append(cards_html((writer.report_card(pagename, docname)
                                for docname in person.reports), "eventarchive-reportlist"))
    if not person.noindex:  # someone who asked to stay out of search is not for sharing
        services = tuple(writer.site.config.eventarchive_share)
        body.append(share_html(share_links(services, writer.site.page_url(pagename),
                                           person.name)))
    body.append(f'<p><a href="{escape(writer.href(pagename, writer.speakers_page))}">'
                f"{escape(str(_('All speakers')))}</a></p>")
    pagename, context = writer.page(pagename, "speaker", person.name,
                                    description(writer, person), body,
                                    noindex=person.noindex)
    if photo is not None:
        # The page's own metadata, as a report's front matter would give it.
        context["meta"] = {"og:image": photo.url, "og:image:alt": photo.alt or person.name,
                           **({"og:image:width": str(photo.width),
                               "og:image:height": str(photo.height)}
                              if photo.width and photo.height else {})}
    return pagename, context


def description(writer: PageWriter, person: ArchiveSpeaker) -> str:
    """What the page says when shared: the bio, else their talks, else their reports."""
    if person.profile is not None and person.profile.bio:
        return excerpt(bio_text(person.profile.bio))
    if person.appearances:
        events = {writer.archive.sessions[a.session].session.event
                  for a in person.appearances} - {""}
        return str(_("%(name)s: %(sessions)s at %(events)s")) % {
            "name": person.name,
            "sessions": count_label(len(person.appearances), "session"),
            "events": count_label(len(events), "event"),
        }
    if person.reports:
        return str(_("Reports by %s")) % person.name
    return person.name


# -- the profile ---------------------------------------------------------------------


def reading_adds(name: str, reading: str) -> bool:
    """Whether a reading tells the reader something the name does not: not for a name
    written in kana already, nor for one that is its reading (``ふるや``, ``フルヤ``)."""
    if not reading:
        return False
    letters = [char for char in name if not char.isspace()]
    if letters and all(is_kana(char) or char == "ー" for char in letters):
        return False
    return "".join(hiragana(name).split()) != "".join(hiragana(reading).split())


def shown_aliases(profile: SpeakerProfile) -> list[str]:
    """The aliases a reader learns something from: other spellings and handles.

    Left out: an alias that is the name (after NFKC, case and white space folding), and
    one written ``Name (Affiliation)`` whose name is the person's or a part of it
    (``佐々木 (コドモン)`` for 佐々木 太郎): that form tells sessions apart, it is not
    another name the person goes by.
    """
    own = identity(profile.name)
    shown: dict[str, str] = {}
    for written in profile.aliases:
        # Read as the identity rule reads it (core/people.py): the name, and the
        # affiliation it is limited to.
        [name] = alias_names([written])
        key = identity(name)
        if not key or key == own or (parse_alias(written).affiliation and key in own):
            continue
        shown.setdefault(key, name)
    return list(shown.values())


def profile_block(site: Site, pagename: str, profile: SpeakerProfile,
                  photo: Image | None, *, affiliation: str = "") -> list[str]:
    """The profile; ``affiliation``: where the person is now, shown once (the profile's
    own word, else the newest talk's)."""
    out = ['<div class="eventarchive-profile">']
    if photo is not None:
        size = (f' width="{photo.width}" height="{photo.height}"'
                if photo.width and photo.height else "")
        src = escape(relative(site, pagename, photo))
        out.append(f'<img class="eventarchive-photo" src="{src}"{size} '
                   f'alt="{escape(photo.alt or "")}" decoding="async" />')
    out.append('<div class="eventarchive-profile-text">')
    if reading_adds(profile.name, profile.reading):
        out.append(f'<p class="eventarchive-reading">{escape(profile.reading)}</p>')
    affiliation = affiliation or profile.affiliation
    if affiliation:
        out.append(f'<p class="eventarchive-profile-affiliation">{escape(affiliation)}</p>')
    aliases = shown_aliases(profile)
    if aliases:
        label = escape(str(_("Also known as: %s")) % ", ".join(aliases))
        out.append(f'<p class="eventarchive-aliases">{label}</p>')
    if profile.links:
        out.append(f'<ul class="eventarchive-profile-links" aria-label="'
                   f'{escape(str(_("Links")))}">')
        out.extend(f"<li>{link_html(url, escape(link_label(url)), external=True, rel_='me')}"
                   "</li>" for url in profile.links)
        out.append("</ul>")
    if profile.bio:
        out.append('<div class="eventarchive-bio">')
        out.extend(f"<p>{''.join(_run(text, url) for text, url in paragraph)}</p>"
                   for paragraph in profile.bio)
        out.append("</div>")
    out.append("</div></div>")
    return out


def _run(text: str, url: str) -> str:
    if not url:
        return escape(text)
    return link_html(url, escape(text), external=True)


def bio_text(bio: Bio) -> str:
    return "\n\n".join("".join(text for text, _url in paragraph) for paragraph in bio)


def photo_of(site: Site, profile: SpeakerProfile) -> Image | None:
    """The profile's photo: a local file copied into the output under a content-hashed
    name (with its size), or the https URL as written."""
    from dataclasses import replace

    from sphinx_eventarchive.write.images import Image, PageImages

    if not profile.photo:
        return None
    alt = str(_("Photo of %s")) % profile.name
    if "://" in profile.photo:
        return Image(profile.photo, alt=alt)
    found = PageImages(site).local(Path(site.env.srcdir, profile.photo))
    return replace(found, alt=alt) if found is not None else None


def relative(site: Site, pagename: str, image: Image) -> str:
    """A copied image's URL from a generated page, relative as the theme's own links are."""
    from sphinx_eventarchive.write.images import IMAGE_DIR

    marker = f"{IMAGE_DIR}/"
    if marker not in image.url:
        return image.url  # a photo elsewhere on the web
    name = image.url.rsplit(marker, 1)[1]
    outfile = Path(site.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
    folder = outfile.parent.relative_to(site.builder.outdir).as_posix()
    return posixpath.relpath(f"{IMAGE_DIR}/{name}", folder)
