"""The ``same-site`` flavour: our generated pages written out as MyST by a script.

"What the same site costs without the extension" (issue 17): the plain
reports, plus the pages sphinx-eventarchive writes beside the documents (an
events index grouped by year, a speakers index grouped by initial, a page per
speaker, a tags index, a page per tag) as ordinary MyST documents, built by
plain Sphinx with ``myst_parser`` only.

The pages are made from what our flavour's reports say: each report is read
once, directive by directive, by :func:`~archivebench.flavours.plain_from_ours`
(which also writes the plain report), so the synthetic archive and an
imported pyvideo archive go through one path. Speakers and tags are told
apart the way the extension does (SPEC §2: lists, ``Name (Affiliation)``,
NFKC + case folding, honorifics), reimplemented here with the standard
library. Each session and event gets a MyST target (``(s-…)=``) in its report
so that the pages can link to it with ``{ref}``, which Sphinx resolves from
one dictionary. A Markdown link to ``doc.md#label`` would make MyST search
every label of the project for each link.

Generated pages are ``orphan``, outside the toctree, as ours are outside it:
13,000 speaker pages in the toctree would put them in every page's sidebar.
The exports (``archive.json``, ``events.ics``, Atom feeds), social metadata
and the cards on the index are not written: pages only.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from archivebench.flavours import FRONT_MATTER, inline, plain_from_ours

FOLDERS = ("events", "speakers", "tags")
HONORIFICS = ("さん", "氏", "様")
FORMAT_LABELS = {"in-person": "In person", "online": "Online", "hybrid": "Hybrid"}
TYPE_LABELS = {"talk": "Talk", "keynote": "Keynote", "lightning": "Lightning talk",
               "panel": "Panel", "workshop": "Workshop", "other": "Other"}
_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";"})
_SPEAKER = re.compile(r"^(?P<name>[^()（）]*?)\s*(?:[(（](?P<aff>[^()（）]*)[)）])?$")
_ATX_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MAX_SLUG_BYTES = 150


# -- names, lists and keys (SPEC §2, as sphinx_eventarchive.core.text has them) --


def split_items(value: str, *, brackets: bool = False) -> list[str]:
    """Commas separate, unless a semicolon is written; with ``brackets``, nothing
    inside ``( … )`` separates (speakers' affiliations)."""
    separator = ";" if ";" in value.translate(_SEPARATORS) else ","
    items, current, depth = [], [], 0
    for char in value:
        if brackets and char in "(（":
            depth += 1
        elif brackets and char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char.translate(_SEPARATORS) == separator:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def parse_speaker(text: str) -> tuple[str, str] | None:
    """``Name (Affiliation)`` → (name without honorific, affiliation); None if unreadable."""
    match = _SPEAKER.match(" ".join(text.split()))
    if not match or not match["name"].strip():
        return None
    name = match["name"].strip()
    for honorific in HONORIFICS:
        if name.endswith(honorific) and name[: -len(honorific)].strip():
            name = name[: -len(honorific)].rstrip()
            break
    return name, (match["aff"] or "").strip()


def identity(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def slugify(name: str) -> str:
    """A file name for a name, one per identity (``C++`` and ``C#`` apart)."""
    out = []
    for char in identity(name):
        if unicodedata.category(char)[0] in "LMN":
            out.append(char)
        elif char == " ":
            out.append("-")
        elif char == "_":
            out.append("__")
        elif char == "-":
            out.append("_-")
        else:
            out.append(f"_{ord(char):x}_")
    slug = "".join(out) or "_"
    if len(slug.encode("utf-8")) > _MAX_SLUG_BYTES:
        digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=6).hexdigest()
        while len(slug.encode("utf-8")) > _MAX_SLUG_BYTES - 13:
            slug = slug[:-1]
        slug = f"{slug}-{digest}"
    return slug + "-" if slug == "index" else slug  # the folder's own index page


def id_slug(text: str) -> str:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return "-".join(w.strip("_") for w in words if w.strip("_")) or "untitled"


def initial(name: str) -> str:
    """The speakers index group: A–Z for Latin, the katakana row for kana, else Other."""
    first = unicodedata.normalize("NFKC", name)[:1].upper()
    if "A" <= first <= "Z":
        return first
    decomposed = unicodedata.normalize("NFD", first)[:1]
    if "A" <= decomposed <= "Z":
        return decomposed
    if "ぁ" <= first <= "ゖ":
        return chr(ord(first) + 0x60)
    if "ァ" <= first <= "ヺ":
        return first
    return "0–9" if first.isdigit() else "Other"


def _initial_order(name: str) -> tuple[int, str]:
    if len(name) == 1 and "A" <= name <= "Z":
        return (0, name)
    return (2, name) if name == "0–9" else (1, name) if len(name) == 1 else (3, name)


# -- what the reports say --------------------------------------------------------


@dataclass
class Event:
    id: str
    name: str
    docname: str
    label: str
    fields: dict[str, str]
    sessions: list[str] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.fields.get("date", "")


@dataclass
class Session:
    id: str
    title: str
    event: str
    docname: str
    label: str
    order: int
    fields: dict[str, str]
    writeups: list[tuple[str, str]] = field(default_factory=list)  # (docname, label)


@dataclass
class Report:
    docname: str
    title: str
    date: str
    tags: list[str]
    events: list[Event]
    sessions: list[Session]


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def front_matter(text: str) -> dict[str, object]:
    """The few keys the pages need, from the YAML our reports are written with."""
    match = FRONT_MATTER.match(text)
    found: dict[str, object] = {}
    key = ""
    for line in (match["yaml"].split("\n") if match else []):
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key and isinstance(found.get(key), list):
            found[key].append(_scalar(item[1]))  # type: ignore[union-attr]
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if not pair:
            continue
        key, value = pair[1], pair[2].strip()
        if value.startswith("[") and value.endswith("]"):
            found[key] = [_scalar(v) for v in
                          re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,\s][^,]*', value[1:-1])]
        elif not value:
            found[key] = []
        else:
            found[key] = _scalar(value)
    return found


def _label(kind: str, docname: str, ident: str, taken: set[str]) -> str:
    digest = hashlib.blake2b(f"{docname}\0{ident}".encode(), digest_size=6).hexdigest()
    label, n = f"{kind}-{digest}", 1
    while label in taken:
        n += 1
        label = f"{kind}-{digest}-{n}"
    taken.add(label)
    return label


def read_report(name: str, ours: str) -> tuple[str, Report]:
    """One of our reports → the same-site report (plain MyST with targets) and its data."""
    docname = f"reports/{name.rsplit('.', 1)[0]}"
    meta = front_matter(ours)
    heading = _ATX_TITLE.search(ours[FRONT_MATTER.match(ours).end():]
                                if FRONT_MATTER.match(ours) else ours)
    title = str(meta.get("title") or (heading[1] if heading else "") or docname)
    tags = meta.get("tags") or []
    report = Report(docname, title, str(meta.get("date") or meta.get("publishDate") or ""),
                    split_items(tags) if isinstance(tags, str) else [str(t) for t in tags],
                    [], [])
    taken: set[str] = set()

    def on_directive(kind: str, argument: str, pairs: list[tuple[str, str]]) -> str:
        fields = dict(pairs)
        if kind == "event":
            ident = fields.get("id") or id_slug(argument)
            label = _label("e", docname, ident, taken)
            report.events.append(Event(ident, argument, docname, label, fields))
            return label
        event = fields.get("event") or (report.events[-1].id if report.events else "")
        ident = fields.get("id") or (f"{event}/{id_slug(argument)}" if event
                                     else id_slug(argument))
        label = _label("s", docname, ident, taken)
        report.sessions.append(Session(ident, argument, event, docname, label,
                                       len(report.sessions), fields))
        return label

    return plain_from_ours(ours, on_directive), report


# -- the site --------------------------------------------------------------------


@dataclass
class Speaker:
    name: str
    appearances: list[tuple[str, str]] = field(default_factory=list)  # (session, affiliation)


@dataclass
class Tag:
    name: str
    reports: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.reports) + len(self.events) + len(self.sessions)


def role(name: str, title: str, target: str) -> str:
    """``{ref}`Title <target>``` with as many backticks as the title needs."""
    title = " ".join(title.split()) or target
    if title.startswith("`"):
        title = "\u2018" + title[1:]  # an opening backtick would lengthen the fence
    longest = max((len(run) for run in re.findall(r"`+", title)), default=0)
    ticks = "`" * (longest + 1)
    return f"{{{name}}}{ticks}{title} <{target}>{ticks}"


def external(url: str, text: str) -> str:
    for char, escaped in ((" ", "%20"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, escaped)
    return f"[{text}](<{url}>)"


def when(start: str, end: str = "") -> str:
    def shown(value: str) -> str:
        return re.sub(r"(Z|[+-]\d\d:?\d\d)$", "", value.replace("T", " "))

    if not start:
        return ""
    first = shown(start)
    if not end:
        return first
    last = shown(end)
    if last[:10] == first[:10] and len(last) > 10:
        return f"{first}–{last[11:]}"
    return f"{first} – {last}"


def count(number: int, what: str) -> str:
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


ORPHAN = "---\norphan: true\n---\n\n"


class Site:
    """Every report's data; :meth:`pages` renders the generated pages from it."""

    def __init__(self, ours: dict[str, str]) -> None:
        self.ours: dict[str, str] = {}
        self.reports: dict[str, str] = {}  # file name → same-site report text
        self.data: dict[str, Report] = {}
        for name, text in ours.items():
            self.update(name, text)

    def update(self, name: str, ours: str) -> None:
        self.ours[name] = ours
        self.reports[name], self.data[name] = read_report(name, ours)

    # the archive, gathered -------------------------------------------------------

    def gather(self) -> None:
        self.events: dict[str, Event] = {}
        self.sessions: dict[str, Session] = {}
        self.speakers: dict[str, Speaker] = {}
        self.tags: dict[str, Tag] = {}
        self.titles = {r.docname: r.title for r in self.data.values()}
        self.dates = {r.docname: r.date for r in self.data.values()}
        # Copies: the records stay what their report said, whatever is gathered from them.
        for report in sorted(self.data.values(), key=lambda r: r.docname):
            for event in report.events:
                known = self.events.setdefault(
                    event.id, replace(event, fields=dict(event.fields), sessions=[]))
                for key, value in event.fields.items():  # a second write-up adds fields
                    known.fields.setdefault(key, value)
            for session in report.sessions:
                known_session = self.sessions.setdefault(
                    session.id, replace(session, fields=dict(session.fields), writeups=[]))
                known_session.writeups.append((session.docname, session.label))
                for key, value in session.fields.items():
                    known_session.fields.setdefault(key, value)
        for ident, session in self.sessions.items():
            if session.event in self.events:
                self.events[session.event].sessions.append(ident)
            for written in split_items(session.fields.get("speakers", ""), brackets=True):
                parsed = parse_speaker(written)
                if parsed:
                    speaker = self.speakers.setdefault(identity(parsed[0]), Speaker(parsed[0]))
                    if ident not in (s for s, _ in speaker.appearances):
                        speaker.appearances.append((ident, parsed[1]))
        for report in self.data.values():
            self._tag(report.tags, "reports", report.docname)
        for ident, event in self.events.items():
            self._tag(split_items(event.fields.get("tags", "")), "events", ident)
        for ident, session in self.sessions.items():
            self._tag(split_items(session.fields.get("tags", "")), "sessions", ident)

    def _tag(self, names: Iterable[str], slot: str, item: str) -> None:
        for name in names:
            tag = self.tags.setdefault(identity(name), Tag(name))
            items = getattr(tag, slot)
            if item not in items:
                items.append(item)

    def session_when(self, ident: str) -> str:
        session = self.sessions[ident]
        event = self.events.get(session.event)
        return session.fields.get("start") or (event.date if event else "")

    def newest_first(self, session_ids: Iterable[str]) -> list[str]:
        return sorted(session_ids, key=lambda i: (self.session_when(i), self.sessions[i].docname,
                                                  -self.sessions[i].order, i), reverse=True)

    def events_newest_first(self) -> list[str]:
        return sorted(self.events, key=lambda i: (self.events[i].date, i), reverse=True)

    # lines ------------------------------------------------------------------------

    def event_line(self, ident: str) -> str:
        event = self.events[ident]
        fields = event.fields
        details = [when(fields.get("date", ""), fields.get("end", "")), fields.get("series", ""),
                   FORMAT_LABELS.get(fields.get("format", ""), fields.get("format", "")),
                   count(len(event.sessions), "session") if event.sessions else ""]
        shown = " · ".join(inline(d) for d in details if d)
        return f"- {role('ref', event.name, event.label)}{' — ' + shown if shown else ''}"

    def session_item(self, ident: str, affiliation: str = "") -> str:
        session = self.sessions[ident]
        fields = session.fields
        details = []
        if session.event in self.events:
            event = self.events[session.event]
            details.append(role("ref", event.name, event.label))
        day = self.session_when(ident)[:10]
        kind = fields.get("type", "talk") or "talk"
        details += [inline(text) for text in (day, affiliation) if text]
        if kind != "talk":
            details.append(inline(TYPE_LABELS.get(kind, kind)))
        for key, text in (("slides", "Slides"), ("video", "Video")):
            if re.match(r"https?://", fields.get(key, "")):
                details.append(external(fields[key], text))
        reports = ", ".join(role("ref", self.titles[docname], label)
                            for docname, label in session.writeups)
        return (f"- {role('ref', session.title, session.label)}"
                f"{' — ' + ' · '.join(details) if details else ''} — Reports: {reports}")

    # pages ------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Each generated page's path below the source folder and its MyST."""
        self.gather()
        pages = {"events/index.md": self.events_index(),
                 "speakers/index.md": self.speakers_index(),
                 "tags/index.md": self.tags_index()}
        for key, speaker in self.speakers.items():
            pages[f"speakers/{slugify(key)}.md"] = self.speaker_page(speaker)
        for key, tag in self.tags.items():
            pages[f"tags/{slugify(key)}.md"] = self.tag_page(tag)
        return pages

    def listing(self) -> str:
        """The index page's part: every event, newest first, and the three indexes."""
        self.gather()
        links = " · ".join(role("doc", title, f"/{folder}/index") for folder, title in
                           zip(FOLDERS, ("Events", "Speakers", "Tags"), strict=True))
        return ("\n## Events\n\n" + "\n".join(self.event_line(i)
                                             for i in self.events_newest_first())
                + f"\n\n{links}\n")

    def events_index(self) -> str:
        by_year: dict[str, list[str]] = {}
        for ident in self.events_newest_first():
            by_year.setdefault(self.events[ident].date[:4] or "Undated", []).append(ident)
        lines = [f"{ORPHAN}# Events", ""]
        lines.append(" · ".join(f"[{year}](#year-{year.lower()}) {count(len(ids), 'event')}"
                                for year, ids in by_year.items()) or "No events yet.")
        for year, ids in by_year.items():
            lines += ["", f"(year-{year.lower()})=", f"## {year}", ""]
            lines += [self.event_line(ident) for ident in ids]
        return "\n".join(lines) + "\n"

    def speakers_index(self) -> str:
        groups: dict[str, list[str]] = {}
        for key in sorted(self.speakers):
            groups.setdefault(initial(self.speakers[key].name), []).append(key)
        order = sorted(groups, key=_initial_order)
        lines = [f"{ORPHAN}# Speakers", "",
                 " ".join(f"[{inline(name)}](#initial-{n})" for n, name in enumerate(order))]
        for n, name in enumerate(order):
            lines += ["", f"(initial-{n})=", f"## {inline(name)}", ""]
            for key in groups[name]:
                speaker = self.speakers[key]
                affiliations = ", ".join(self.affiliations(speaker))
                lines.append(f"- {role('doc', speaker.name, f'/speakers/{slugify(key)}')}"
                             f"{f' ({inline(affiliations)})' if affiliations else ''} — "
                             f"{count(len(speaker.appearances), 'session')}")
        return "\n".join(lines) + "\n"

    def affiliations(self, speaker: Speaker) -> list[str]:
        seen: list[str] = []
        for _session, affiliation in speaker.appearances:
            if affiliation and affiliation not in seen:
                seen.append(affiliation)
        return seen

    def speaker_page(self, speaker: Speaker) -> str:
        lines = [f"{ORPHAN}# {inline(speaker.name)}", ""]
        affiliations = self.affiliations(speaker)
        if affiliations:
            lines += [f"Affiliations: {inline(', '.join(affiliations))}", ""]
        shown = dict(speaker.appearances)
        lines += [self.session_item(ident, shown[ident])
                  for ident in self.newest_first(shown)]
        lines += ["", role("doc", "All speakers", "index")]
        return "\n".join(lines) + "\n"

    def tags_index(self) -> str:
        lines = [f"{ORPHAN}# Tags", ""]
        for key in sorted(self.tags):
            tag = self.tags[key]
            lines.append(f"- {role('doc', tag.name, f'/tags/{slugify(key)}')} ({tag.total})")
        return "\n".join(lines) + "\n"

    def tag_page(self, tag: Tag) -> str:
        lines = [f"{ORPHAN}# Tag: {inline(tag.name)}"]
        if tag.reports:
            lines += ["", "## Reports", ""]
            reports = sorted(tag.reports, key=lambda d: (self.dates[d], d), reverse=True)
            lines += [f"- {role('doc', self.titles[d], '/' + d)}" for d in reports]
        if tag.events:
            lines += ["", "## Events", ""]
            lines += [self.event_line(ident) for ident in tag.events]
        if tag.sessions:
            lines += ["", "## Sessions", ""]
            lines += [self.session_item(ident) for ident in self.newest_first(tag.sessions)]
        lines += ["", role("doc", "All tags", "index")]
        return "\n".join(lines) + "\n"


def write_pages(root: Path, pages: dict[str, str]) -> int:
    """What a generator script does on each run: write the pages that changed, remove
    the ones no longer generated. Returns how many files it wrote or removed."""
    changed = 0
    for folder in FOLDERS:
        if (root / folder).is_dir():
            for path in (root / folder).glob("*.md"):
                if f"{folder}/{path.name}" not in pages:
                    path.unlink()
                    changed += 1
    for name, text in pages.items():
        path = root / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed += 1
    return changed
