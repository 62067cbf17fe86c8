"""The event and the talks a blog post's own shape shows, for ``migrate`` to propose.

Posts written before the archive show their talks in one of two shapes:

- a section titled セッション / Sessions / トーク / Talks / 登壇 (or close to it)
  whose sub-headings are the talks' titles, each followed by a deck, a video
  or a picture and a paragraph naming the speaker;
- list items linking each talk's page in the programme (pretalx, sched,
  Sessionize, fortee, a conference's own schedule site; in a talks section
  connpass too), the speakers in the words after the link.

The event is the post's: its name from the front matter's title, its day
from the sentence saying when it was held, its page from the first official
event link (connpass, sched, pretalx, Doorkeeper, TECH PLAY, Peatix), its
tags from the front matter; saved connpass data, when given, adds the venue,
the format and the times. Nothing is guessed: what cannot be read is left
empty, and :mod:`~sphinx_eventarchive.importers.migrate` marks it for the user.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sphinx_eventarchive.core.records import Event, Speaker
from sphinx_eventarchive.importers import connpass, programme, speakers
from sphinx_eventarchive.importers.findings import Findings, InputError
from sphinx_eventarchive.importers.links import pick_slides, pick_video, slides_rank, video_rank
from sphinx_eventarchive.importers.post import (
    Heading,
    Item,
    Link,
    PostText,
    Span,
    links,
    plain_text,
    published,
    tags,
)
from sphinx_eventarchive.importers.when import HELD, day_in_prose

# A section whose sub-headings are talks. Short headings only: a sentence
# mentioning a talk is not a title announcing them.
_TALKS_SECTION = re.compile(
    r"セッション|トーク|登壇|講演|発表|ライトニングトーク|LT|キーノート|プログラム"
    r"|\b(?:sessions?|talks?|presentations?|lightning talks?|keynotes?|speakers?|programme"
    r"|program)\b", re.IGNORECASE)
_SECTION_LENGTH = 40
# Sub-headings of a talks section that are no talk.
_NOT_A_TALK = re.compile(
    r"^(?:はじめに|おわりに|さいごに|最後に|まとめ|懇親会|休憩|受付|オープニング|クロージング|感想"
    r"|opening|closing|summary|wrap[- ]?up|break|lunch|networking|q\s*&\s*a)\W*$",
    re.IGNORECASE)
_PICTURE = re.compile(r"!\[[^\]\n]*\]\(|<img\b|<Image\b|<Picture\b|\{(?:image|figure)\}",
                      re.IGNORECASE)
_DECK_EMBED = re.compile(r"<iframe\b[^>]*speakerdeck\.com|class(?:Name)?=[\"']speakerdeck-embed"
                         r"|\{speakerdeck\}", re.IGNORECASE)
_EXISTING_EVENT = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})\{event\}", re.MULTILINE)
_HEADING_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)")
# Before the link a list item may open a bracket or emphasis the link text sits in.
_ITEM_OPENERS = {"": "", "**": "**", "__": "__", "*": "*", "_": "_", "「": "」", "『": "』",
                 '"': '"', "“": "”"}
_LEAD = re.compile(r"[ \t]*[:：\-–—―、,][ \t]*|[ \t]+")
_HASHTAG = re.compile(
    r"(?:ハッシュタグ|hashtag)[^#＃\n]{0,20}[#＃](?P<tag>[^\s#＃、。,.!?！？)）「」]+)",
    re.IGNORECASE)
_REPORT_PREFIX = re.compile(
    r"^[\s\u3000]*(?:[\[［【](?:イベント)?(?:レポート|レポ|report|recap)[\]］】]"
    r"|(?:report|recap)\s*[:：])[\s\u3000]*", re.IGNORECASE)
_REPORT_SUFFIX = re.compile(
    r"[\s\u3000]*(?:[-–—:：|｜/／]\s*)?(?:の)?"
    r"(?:(?:開催|参加|イベント|登壇)?(?:レポート|レポ|報告|振り返り|ふりかえり|まとめ)(?:です|記)?"
    r"|(?:event\s+)?(?:report|recap|write-?up|retrospective))[\s\u3000!！]*$",
    re.IGNORECASE)


@dataclass
class Talk:
    """One talk, where the post has it, and what its section says about it."""

    title: str
    #: What the session replaces: the heading's line, or the whole list item.
    start: int
    end: int
    line: int
    #: A heading's section, kept inside the session as its notes; None for a list item.
    body: Span | None = None
    #: A list item's words after its link, kept as the session's notes.
    notes: str = ""
    speakers: tuple[Speaker, ...] = ()
    url: str = ""
    slides: str = ""
    video: str = ""
    #: Links it could not use as written (white space inside the URL).
    broken: list[Link] = field(default_factory=list)


@dataclass
class Proposal:
    event: Event | None
    #: Where the event goes: after the post's first heading, or its front matter.
    at: int
    talks: list[Talk]
    broken_event_link: Link | None = None


def _is_talks_section(heading: Heading) -> bool:
    return len(heading.title) <= _SECTION_LENGTH and bool(_TALKS_SECTION.search(heading.title))


def _squeezed(link: Link) -> programme.Url | None:
    """A broken link's URL without its white space: only to tell what the link was meant to be."""
    return programme.parse("".join(link.written.split()))


class _Reader:
    def __init__(self, post: PostText, embedded: dict[int, str]) -> None:
        self.post = post
        self.text = post.text
        #: Where migrate turns a YouTube embed into a link: its offset -> the watch URL.
        self.embedded = embedded
        self.headings = post.headings()
        # The post's title is no section, even when it says 「…登壇レポート」: a level-1
        # heading that comes first and is the only one (posts using # for sections have more).
        top = [heading for heading in self.headings if heading.level == 1]
        self.title = top[0] if len(top) == 1 and top[0] is self.headings[0] else None

    # -- talks under headings -----------------------------------------------

    def heading_talks(self) -> list[Talk]:
        talks: list[Talk] = []
        index = 0
        while index < len(self.headings):
            heading = self.headings[index]
            inside = index + 1
            while inside < len(self.headings) and self.headings[inside].level > heading.level:
                inside += 1
            if _is_talks_section(heading) and heading is not self.title:
                talks.extend(self._talks_among(index + 1, inside))
                index = inside
            else:
                index += 1
        return talks

    def _section_end(self, index: int) -> int:
        """Where the text under heading ``index`` stops: at the next heading of any level."""
        if index + 1 < len(self.headings):
            return self.headings[index + 1].line.start
        return len(self.text)

    def _talks_among(self, first: int, stop: int) -> list[Talk]:
        """Talks among headings ``first:stop``: the top level, or below a grouping heading."""
        if first >= stop:
            return []
        top = min(heading.level for heading in self.headings[first:stop])
        talks: list[Talk] = []
        index = first
        while index < stop:
            heading = self.headings[index]
            below = index + 1
            while below < stop and self.headings[below].level > heading.level:
                below += 1
            if heading.level == top:
                talk = self._heading_talk(index)
                if talk is not None:
                    talks.append(talk)
                elif below > index + 1:  # "Day 1" holding the talks
                    talks.extend(self._talks_among(index + 1, below))
            index = below
        return talks

    def _heading_talk(self, index: int) -> Talk | None:
        heading = self.headings[index]
        start, end = heading.line.next, self._section_end(index)
        title, heading_url = heading.title, ""
        whole_link = _HEADING_LINK.fullmatch(title)
        if whole_link:
            title, heading_url = whole_link["text"], whole_link["url"]
        if not title or _NOT_A_TALK.match(plain_text(title)):
            return None
        section = self.text[start:end]
        found = [link for link in links(self.text, start, end)
                 if not self.post.is_example(link.start)]
        prose = [words for _offset, words in self.post.paragraphs(start, end)]
        named = speakers.read(prose)
        url = next((link.url for link in found if _talk_url(link.url)), "")
        heading_page = programme.parse(heading_url)
        if heading_page is not None and programme.programme_page(heading_page):
            url = heading_page.text
        videos = [watch for offset, watch in self.embedded.items() if start <= offset < end]
        video = pick_video([*videos, *(link.url for link in found if link.url)])
        deck_embedded = bool(_DECK_EMBED.search(section))
        # A deck embedded in the section counts as the session's slides already.
        slides = "" if deck_embedded else pick_slides(
            (link.url, link.text) for link in found if link.url)
        evidence = (deck_embedded or video or slides or url or named
                    or _PICTURE.search(section))
        if not evidence:
            return None
        return Talk(title, heading.line.start, heading.line.next, heading.line.number,
                    body=(start, end), speakers=named, url=url, slides=slides, video=video,
                    broken=[link for link in found if link.broken])

    # -- talks as list items --------------------------------------------------

    def _in_talks_section(self, offset: int) -> bool:
        level = 7
        for heading in reversed(self.headings):
            if heading.line.start > offset or heading.level >= level:
                continue
            if _is_talks_section(heading):
                return True
            level = heading.level
        return False

    def item_talks(self, taken: list[Span]) -> list[Talk]:
        talks = []
        for item in self.post.items():
            if any(low <= item.start < high for low, high in taken):
                continue
            talk = self._item_talk(item)
            if talk is not None:
                talks.append(talk)
        return talks

    def _item_talk(self, item: Item) -> Talk | None:
        found = links(self.text, item.content, item.end)
        if not found:
            return None
        link = found[0]
        opener = self.text[item.content:link.start].strip()
        if opener not in _ITEM_OPENERS or not link.text:
            return None
        url = programme.parse(link.url) if link.url else _squeezed(link)
        if url is None:
            return None
        if not (programme.talk_page(url)
                or (programme.programme_page(url) and self._in_talks_section(item.start))):
            return None
        after = self.text[link.end:item.end]
        closer = _ITEM_OPENERS[opener]
        if closer and after.startswith(closer):
            after = after[len(closer):]
        lead = _LEAD.match(after)
        notes = after[lead.end():] if lead else after
        if link.broken:
            notes = self.text[item.content:item.end]  # the link stays, in the text
        # The item is rewritten: its line breaks are the writer's to choose.
        notes = _dedent(notes.replace("\r\n", "\n"), item.indent).strip()
        words = plain_text(" ".join(notes.split("\n")))
        extra = links(notes)
        return Talk(
            plain_text(link.text), item.start, item.end, item.lines[0].number, notes=notes,
            speakers=speakers.read([words]), url=link.url,
            slides=pick_slides((other.url, other.text) for other in extra if other.url),
            video=pick_video(other.url for other in extra if other.url),
            broken=[link] if link.broken else [])

    # -- the event ------------------------------------------------------------

    def event(self, talks: list[Talk], saved: list[dict[str, Any]] | None,
              ) -> tuple[Event, Link | None]:
        front = self.post.front_matter
        outside = [(talk.start, talk.body[1] if talk.body else talk.end) for talk in talks]

        def free(offset: int) -> bool:
            return not self.post.is_example(offset) and not any(
                low <= offset < high for low, high in outside)

        page, broken, link_text = "", None, ""
        for link in links(self.text, self.post.body_start):
            if not free(link.start):
                continue
            url = programme.parse(link.url) if link.url else _squeezed(link)
            if url is None or not programme.event_page(url):
                continue
            link_text = link_text or plain_text(link.text)
            if link.url:
                page = url.text
                break
            broken = broken or link
        prose = [words for offset, words in self.post.paragraphs(self.post.body_start,
                                                                 len(self.text))
                 if free(offset)]
        day = self._day(prose, front)
        hashtag = next((match["tag"] for words in prose if (match := _HASHTAG.search(words))),
                       "")
        title = front.get("title")
        # ``title: Meetup #5 report`` is "Meetup" to YAML: then the heading says it better.
        usable = isinstance(title, str | int | float) and title and \
            "title" not in self.post.cut_keys
        name = _event_name(str(title)) if usable else ""
        if not name:
            first = next((heading for heading in self.headings if heading.level == 1), None)
            name = _event_name(plain_text(first.title)) if first else link_text
        event = Event(id="", name=name, date=day.isoformat() if day else "", url=page,
                      tags=tags(front), hashtag=hashtag)
        if saved is not None:
            event = _with_connpass(event, saved, page, day)
        return event, broken

    def _day(self, prose: list[str], front: dict[str, Any]) -> dt.date | None:
        when = published(front)
        description = front.get("description")
        said = [words for words in prose if HELD.search(words)]
        if isinstance(description, str):
            said.append(description)
        for words in said:
            day = day_in_prose(words, when)
            if day is not None:
                return day
        return None


def _talk_url(url: str) -> bool:
    parsed = programme.parse(url) if url else None
    return parsed is not None and programme.talk_page(parsed) \
        and slides_rank(url) is None and video_rank(url) is None


def _dedent(text: str, indent: int) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0]] + [
        line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in lines[1:]])


def _event_name(title: str) -> str:
    """A report's title without the words saying it is a report."""
    name = _REPORT_PREFIX.sub("", " ".join(title.split()))
    return _REPORT_SUFFIX.sub("", name).strip() or name.strip()


def _with_connpass(event: Event, saved: list[dict[str, Any]], page: str,
                   day: dt.date | None) -> Event:
    """The event with the venue, format and times of its saved connpass data."""
    url = programme.parse(page) if page else None
    wanted = programme.connpass_event_id(url) if url else ""
    # The event the post links, else the one on the day it names, else the only one.
    if wanted:
        items = [item for item in saved if str(item.get("id", "")) == wanted]
    elif day is not None:
        items = [item for item in saved
                 if str(item.get("started_at", ""))[:10] == day.isoformat()]
    else:
        items = saved
    if len(items) != 1:
        said = f"connpass event {wanted}" if wanted else (
            f"an event on {day.isoformat()}" if day else "one event")
        raise InputError(f"the saved connpass data holds no single event matching the post "
                         f"(looked for {said})")
    found = connpass.event_record(items[0], event.tags, Findings())
    return event._replace(
        date=found.date or event.date, end=found.end, venue=found.venue,
        location=found.location, format=found.format, url=event.url or found.url,
        hashtag=event.hashtag or found.hashtag)


def propose(post: PostText, embedded: dict[int, str],
            saved: list[dict[str, Any]] | None = None) -> Proposal:
    """The talks of the post and its event; no event when there are no talks.

    ``embedded`` maps each YouTube embed's offset to its watch URL (a talk's
    recording); ``saved`` is the saved connpass API data, if any.
    """
    reader = _Reader(post, embedded)
    talks = reader.heading_talks()
    talks += reader.item_talks([talk.body for talk in talks if talk.body])
    talks.sort(key=lambda talk: talk.start)
    if not talks:
        return Proposal(None, 0, [])
    event: Event | None = None
    broken = None
    if not _EXISTING_EVENT.search(post.text):
        event, broken = reader.event(talks, saved)
    first_h1 = next((heading for heading in reader.headings
                     if heading.level == 1 and heading.line.start < talks[0].start), None)
    at = first_h1.line.next if first_h1 else post.body_start
    return Proposal(event, at, talks, broken)
