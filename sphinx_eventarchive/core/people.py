"""Who a speaker is: one person under the names, aliases and honorifics reports use.

Identity is the name after NFKC, case folding and collapsing white space
(:func:`~sphinx_eventarchive.core.text.identity`), without a Japanese
honorific written after it: ``佐々木さん`` and ``佐々木`` are one person.
A ``speaker`` profile joins more names to one person: its name, and each
alias, claim every session naming them. An alias written ``佐々木 (コドモン)``
claims the name only where the session gives that affiliation, so two people
who share a name can both be found. A session can also point at one profile
by its id: ``佐々木 <sasaki-t>``, the form of a role's explicit title.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

from sphinx_eventarchive.core.records import SpeakerProfile
from sphinx_eventarchive.core.text import SpeakerError, identity, parse_speaker

#: Honorifics written after a name that are not part of it (``eventarchive_honorifics``).
DEFAULT_HONORIFICS = ("さん", "氏", "様")

# A profile id as the directive's :id: takes it: letters and digits of any script, "_",
# and "- . /" after the first (so "</script>" at the end of a name is no reference).
_REF = re.compile(r"^(?P<name>.*?)\s*<(?P<id>[^\W][\w./-]*)>$")


def strip_honorific(name: str, honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> str:
    """``佐々木さん`` → ``佐々木``; a name that is only an honorific stays as it is."""
    text = " ".join(name.split())
    for honorific in _longest_first(tuple(honorifics)):
        if text.endswith(honorific) and text[: -len(honorific)].strip():
            return text[: -len(honorific)].rstrip()
    return text


@functools.lru_cache(maxsize=16)
def _longest_first(honorifics: tuple[str, ...]) -> tuple[str, ...]:
    # さま before 様 would matter for a list holding both: the longer one is stripped.
    return tuple(sorted((h for h in honorifics if h), key=len, reverse=True))


def split_ref(written: str) -> tuple[str, str]:
    """``佐々木 <sasaki-t>`` → (``佐々木``, ``sasaki-t``); a plain name → (name, "")."""
    match = _REF.match(written.strip())
    if match and match["name"].strip():
        return match["name"].strip(), match["id"]
    return written.strip(), ""


def shown_name(written: str, honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> str:
    """A name as lists and headings show it: without a profile id or an honorific."""
    return strip_honorific(split_ref(written)[0], honorifics)


def person_key(name: str, honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> str:
    """The identity of a name as written: ``佐々木さん``, ``佐々木`` → ``佐々木``."""
    return identity(shown_name(name, honorifics))


class Alias(NamedTuple):
    key: str
    #: The identity of the only affiliation it claims the name for ("" for every use).
    affiliation: str
    written: str


def parse_alias(written: str, honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> Alias:
    """``佐々木 (コドモン)`` → the name, limited to sessions giving that affiliation."""
    try:
        name, affiliation = parse_speaker(written)
    except SpeakerError:
        name, affiliation = written, ""
    return Alias(person_key(name, honorifics), identity(affiliation), written)


def alias_names(aliases: Iterable[str]) -> list[str]:
    """The names of aliases as written, without the affiliation that limits them."""
    names: dict[str, None] = {}
    for written in aliases:
        try:
            names.setdefault(parse_speaker(written).name, None)
        except SpeakerError:
            names.setdefault(written, None)
    return list(names)


class Conflict(NamedTuple):
    profile: SpeakerProfile  # the later one, where the warning goes
    claim: str  # the name or alias as the later one wrote it
    first: SpeakerProfile


class People:
    """The profiles of an archive, and who each name written on a session is.

    ``profiles`` come in a stable order (by document, then line), so the first
    to claim a name keeps it whatever order documents were read in.
    """

    def __init__(self, profiles: Sequence[SpeakerProfile],
                 honorifics: Iterable[str] = DEFAULT_HONORIFICS) -> None:
        self.honorifics = tuple(honorifics)
        # Names repeat across sessions: each is normalised once per archive.
        self._names: dict[str, tuple[str, str, str]] = {}
        self.by_id: dict[str, SpeakerProfile] = {}
        self.duplicate_ids: list[tuple[SpeakerProfile, SpeakerProfile]] = []
        self.conflicts: list[Conflict] = []
        #: (name key, affiliation key or "") -> the profile that claims it.
        self.claims: dict[tuple[str, str], SpeakerProfile] = {}
        #: Profile id -> its speaker key (the archive's id for the person).
        self.keys: dict[str, str] = {}
        for profile in profiles:
            if profile.id in self.by_id:
                self.duplicate_ids.append((profile, self.by_id[profile.id]))
                continue
            self.by_id[profile.id] = profile
            key = person_key(profile.name, self.honorifics)
            owner = self.claims.get((key, ""))
            if owner is not None:
                self.conflicts.append(Conflict(profile, profile.name, owner))
                # Its own page still: keyed so no name written on a session can take it.
                self.keys[profile.id] = f"{key} <{profile.id}>"
            else:
                self.claims[(key, "")] = profile
                self.keys[profile.id] = key
            for written in profile.aliases:
                alias = parse_alias(written, self.honorifics)
                if not alias.key:
                    continue
                owner = self.claims.get((alias.key, alias.affiliation))
                if owner is None:
                    self.claims[(alias.key, alias.affiliation)] = profile
                elif owner.id != profile.id:
                    self.conflicts.append(Conflict(profile, written, owner))

    def find(self, written: str, affiliation: str = "", *, bare_id: bool = False,
             profile: str = "") -> SpeakerProfile | None:
        """The profile a name written on a session (or a role's target) names, if any.

        ``profile`` (a session's ``Name <id>``, read apart when the session was) or a
        role's ``Name <id>`` names the profile with that id; otherwise the name (or
        alias) limited to the session's affiliation wins over one claimed for
        every use. ``bare_id``: a role's target may be a profile id alone.
        """
        _shown, key, ref = self._name(written)
        ref = profile or ref
        if ref and ref in self.by_id:
            return self.by_id[ref]
        found = self.claims.get((key, identity(affiliation))) if affiliation else None
        found = found or self.claims.get((key, ""))
        if found is None and bare_id:
            found = self.by_id.get(written.strip())
        return found

    def _name(self, written: str) -> tuple[str, str, str]:
        """(name as shown, its identity, profile id) of a name as written."""
        found = self._names.get(written)
        if found is None:
            name, ref = split_ref(written)
            shown = strip_honorific(name, self.honorifics)
            found = self._names[written] = (shown, identity(shown), ref)
        return found

    def shown(self, written: str) -> str:
        """A name as lists show it: without a profile id or an honorific."""
        return self._name(written)[0]

    def key(self, written: str, affiliation: str = "", *, bare_id: bool = False,
            profile: str = "") -> str:
        """The speaker key of a name as written: its profile's, else the name's identity."""
        found = self.find(written, affiliation, bare_id=bare_id, profile=profile)
        if found is not None:
            return self.keys[found.id]
        if not affiliation and "(" in written.replace("（", "("):
            # A role's target may say the affiliation as a session does, 佐々木 (コドモン),
            # for an alias that claims the name for that affiliation only.
            try:
                name, said = parse_speaker(written)
            except SpeakerError:
                said = ""
            if said:
                return self.key(name, said)
        return self._name(written)[1]

    def unknown_ref(self, profile: str) -> str:
        """A profile id ``Name <id>`` gave that no profile has, else ""."""
        return profile if profile and profile not in self.by_id else ""


# Sites people link to from a profile, by host: the link says the site's name.
_SITES = {
    "x.com": "X", "twitter.com": "X", "github.com": "GitHub", "gitlab.com": "GitLab",
    "speakerdeck.com": "Speaker Deck", "www.docswell.com": "Docswell",
    "docswell.com": "Docswell", "www.slideshare.net": "SlideShare",
    "slideshare.net": "SlideShare", "www.youtube.com": "YouTube", "youtube.com": "YouTube",
    "bsky.app": "Bluesky", "www.linkedin.com": "LinkedIn", "linkedin.com": "LinkedIn",
    "www.facebook.com": "Facebook", "facebook.com": "Facebook", "zenn.dev": "Zenn",
    "qiita.com": "Qiita", "note.com": "note", "connpass.com": "connpass",
    "www.instagram.com": "Instagram", "instagram.com": "Instagram",
    "mastodon.social": "Mastodon", "fosstodon.org": "Mastodon",
    "b.hatena.ne.jp": "Hatena Bookmark", "profile.hatena.ne.jp": "Hatena",
}
_SITE_SUFFIXES = {".hatenablog.com": "Hatena Blog", ".hatenablog.jp": "Hatena Blog",
                  ".connpass.com": "connpass", ".github.io": "GitHub Pages"}


def link_label(url: str) -> str:
    """What a profile link says: the site's name for known hosts, else the host."""
    host = urlsplit(url).hostname or url
    if host in _SITES:
        return _SITES[host]
    for suffix, name in _SITE_SUFFIXES.items():
        if host.endswith(suffix):
            return name
    return host.removeprefix("www.")
