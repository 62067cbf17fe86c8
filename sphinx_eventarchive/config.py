"""Every ``eventarchive_*`` configuration value, declared once.

The declarations are data so that ``setup()`` registers them, ``config-inited``
validates them, and the documentation's reference table is generated from the
same list (``docs/`` renders it with the ``eventarchive-config`` directive).
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from sphinx_eventarchive.core.people import DEFAULT_HONORIFICS
from sphinx_eventarchive.messages import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: A rule a value of the right type must also meet: "" when it does, else why not.
Check = Callable[[Any], str]


def positive(value: float) -> str:
    return "" if math.isfinite(value) and value > 0 else "is not a number of seconds above 0"


def at_least_one(value: int) -> str:
    return "" if value >= 1 else "is less than 1"


def _relative_path(value: str) -> str:
    """Why ``value`` is not a path below a folder of the project, or ""."""
    if not value.strip():
        return "is empty"
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() \
            or PureWindowsPath(value).drive:
        return "is an absolute path"
    if "\\" in value:
        return "holds a backslash: folders are separated by /"
    parts = value.rstrip("/").split("/")
    if ".." in parts:
        return "leaves the project with .."
    if any(part in ("", ".") for part in parts):
        return "has an empty or . folder in it"
    return ""


def file_in_source(value: str) -> str:
    return _relative_path(value)


NOT_A_FILE = "is not a file"


def project_file(srcdir: str | Path, value: str,
                 ) -> tuple[Path | None, str, Subtype | Literal[""]]:
    """The file a conf.py value names: ``(path, "", "")``, else ``(None, why not, subtype)``.

    A relative path is read from the project (the source folder) and may not
    leave it, by ``..`` or through a link: what it names is published (a
    logo in every card). An absolute path, such as a system font, is the
    user's choice. The file must be there and readable.
    """
    path = Path(srcdir, value)
    if not (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()):
        try:
            inside = path.resolve().is_relative_to(Path(srcdir).resolve())
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        if not inside:
            return None, "leaves the project (the source folder)", "path"
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except IsADirectoryError:
        return None, "is a folder, not a file", "config"
    except FileNotFoundError:
        return None, NOT_A_FILE, "config"
    except OSError as error:
        return None, f"cannot be read ({error.strerror or type(error).__name__})", "config"
    return path, "", ""


def output_folder(value: str) -> str:
    """A folder of generated pages: a relative path that is no folder of Sphinx's own."""
    problem = _relative_path(value)
    if not problem and any(part.startswith("_") for part in value.rstrip("/").split("/")):
        problem = "starts with _, which Sphinx keeps for its own folders (_static, _images, …)"
    return problem


def web_url(value: str) -> str:
    parts = urlsplit(value.strip())
    return "" if parts.scheme in ("http", "https") and parts.netloc else "is not an http(s) URL"


_HANDLE = re.compile(r"@?[A-Za-z0-9_]{1,15}")


def text_items(value: list[str] | tuple[str, ...]) -> str:
    bad = [item for item in value if not isinstance(item, str) or not item.strip()]
    return f"holds {bad!r}, which is not text" if bad else ""


def x_account(value: str) -> str:
    from sphinx_eventarchive.core.text import twitter_handle

    handle = twitter_handle(value)
    return "" if not handle or _HANDLE.fullmatch(handle) else "is not an X account such as @name"


def time_zone(value: str) -> str:
    from sphinx_eventarchive.core.dates import zone_problem

    return zone_problem(value)


def share_services(value: list[str] | tuple[str, ...]) -> str:
    from sphinx_eventarchive.core.options import SHARE_SERVICES

    unknown = [item for item in value if item not in SHARE_SERVICES]
    return (f"names unknown services {unknown!r} (known: {', '.join(SHARE_SERVICES)})"
            if unknown else "")


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    types: tuple[type, ...]
    rebuild: str
    help: str
    #: What a value of the right type must also be, beyond its type.
    check: Check | None = None

    def problem(self, value: Any) -> str:
        """Why ``value`` cannot be used for this option, or ""."""
        # bool is an int to Python, not to a user: True is no feed length, 1 no switch.
        if not isinstance(value, self.types) or (
                isinstance(value, bool) and bool not in self.types):
            expected = " or ".join(kind.__name__ for kind in self.types)
            return f"has type {type(value).__name__}, expected {expected}"
        return self.check(value) if self.check else ""


OPTIONS: tuple[Option, ...] = (
    Option("eventarchive_events_path", "events", (str,), "html",
           "Folder of the generated events index.", output_folder),
    Option("eventarchive_speakers_path", "speakers", (str,), "html",
           "Folder of the generated speaker index and speaker pages.", output_folder),
    Option("eventarchive_tags_path", "tags", (str,), "html",
           "Folder of the generated tag index and tag pages.", output_folder),
    Option("eventarchive_generate_pages", True, (bool,), "html",
           "Write the events, speakers and tags pages (HTML builders only)."),
    Option("eventarchive_include_drafts", False, (bool,), "env",
           "List reports whose front matter says ``draft: true`` like any other."),
    Option("eventarchive_honorifics", list(DEFAULT_HONORIFICS), (list, tuple), "html",
           "Honorifics written after a speaker's name that are not part of it: "
           "``佐々木さん`` is ``佐々木``. ``[]`` keeps every name as written.", text_items),
    Option("eventarchive_resolve_online", False, (bool,), "env",
           "Resolve Speaker Deck presentation URLs through its oEmbed endpoint "
           "and keep the answers in the cache file."),
    Option("eventarchive_cache_file", "eventarchive-cache.json", (str,), "env",
           "Cache of resolved Speaker Deck ids, relative to the source folder; "
           "commit it so later builds need no network.", file_in_source),
    Option("eventarchive_speakerdeck_oembed", "https://speakerdeck.com/oembed.json", (str,), "env",
           "Speaker Deck's oEmbed endpoint (change it only to test).", web_url),
    Option("eventarchive_resolve_timeout", 5.0, (int, float), "env",
           "Seconds to wait for an oEmbed answer.", positive),
    Option("eventarchive_embed_consent", False, (bool,), "html",
           "Render embeds as a placeholder that loads the third-party frame "
           "only when the reader clicks it."),
    Option("eventarchive_twitter_site", "", (str,), "html",
           "The site's X account (``@name``) for ``twitter:site``.", x_account),
    Option("eventarchive_json", True, (bool,), "html",
           "Write ``archive.json``, the whole archive as JSON."),
    Option("eventarchive_ics", True, (bool,), "html",
           "Write ``events.ics``, one calendar entry per event."),
    Option("eventarchive_feed", True, (bool,), "html",
           "Write ``atom.xml``, an Atom feed of reports."),
    Option("eventarchive_feed_length", 50, (int,), "html",
           "How many reports the Atom feed holds (newest first).", at_least_one),
    Option("eventarchive_feed_pages", True, (bool,), "html",
           "Write an Atom feed for each speaker and tag page (``speakers/<slug>/atom.xml``, "
           "``tags/<slug>/atom.xml``), announced on the page."),
    Option("eventarchive_seo_warnings", False, (bool,), "html",
           "Warn, at the event's line, what Google requires of an event's structured data "
           "and the page does not give (a place, where people join an online event, a "
           "recording's still): the findings ``sphinx-eventarchive check`` reports as "
           "required, reported while building (``eventarchive.seo``)."),
    Option("eventarchive_card_images", True, (bool,), "html",
           "Draw a social card image for pages with no image of their own, when the "
           "``cards`` extra is installed (``pip install sphinx-eventarchive[cards]``)."),
    Option("eventarchive_card_font", "", (str,), "html",
           "A font file in the source folder (or an absolute path) for the cards "
           "(default: the Noto Sans CJK JP font of the ``cards`` extra)."),
    Option("eventarchive_card_logo", "", (str,), "html",
           "An image file in the source folder (or an absolute path) drawn in the cards' "
           "top right corner."),
    Option("eventarchive_search", False, (bool,), "html",
           "Build a static search with facets (Pagefind) and its page, when the ``search`` "
           "extra is installed (``pip install sphinx-eventarchive[search]``)."),
    Option("eventarchive_search_path", "find", (str,), "html",
           "Folder of the search page (``find/``).", output_folder),
    Option("eventarchive_timezone", "UTC", (str,), "html",
           "The archive's time zone (an IANA name such as ``Asia/Tokyo``): an event "
           "date without a time or offset starts at midnight there, which decides "
           "when it stops showing as upcoming.", time_zone),
    Option("eventarchive_share", ["x", "line", "hatena", "facebook", "bluesky", "copy"],
           (list, tuple), "html",
           "Share links on reports, events and speaker pages, in this order: ``x``, "
           "``line``, ``hatena``, ``facebook``, ``bluesky``, ``copy``; ``[]`` for none.",
           share_services),
)

BY_NAME = {option.name: option for option in OPTIONS}


#: The folders of generated pages: none may be another, or hold another.
FOLDERS = ("eventarchive_events_path", "eventarchive_speakers_path", "eventarchive_tags_path",
           "eventarchive_search_path")


def check_config(app: Sphinx, config: Config) -> None:
    """config-inited: every value usable, or its default, with a warning saying which.

    Runs before Sphinx's own type check (priority 800), which then finds
    nothing to report: one warning per value, typed so it can be silenced.
    """
    where = _Lines(app.confdir)
    for option in OPTIONS:
        value = getattr(config, option.name)
        problem = option.problem(value)
        if problem:
            _fall_back(config, option, f"{reprlib.repr(value)} {problem}", where)
        elif option.check is output_folder:
            setattr(config, option.name, value.rstrip("/"))
    _separate_folders(config, where)
    _check_cache_file(app, config, where)


def _check_cache_file(app: Sphinx, config: Config, where: _Lines) -> None:
    """The cache file stays in the project, and is one: with ``eventarchive_resolve_online``
    it is written, so a link out of the project or a file of the user's that is no
    cache (``index.md``) would be overwritten."""
    from sphinx_eventarchive.core.oembed import cache_problem

    option = BY_NAME["eventarchive_cache_file"]
    value = config.eventarchive_cache_file
    path, problem, subtype = project_file(app.srcdir, value)
    if path is not None:
        problem = cache_problem(path)
    elif problem == NOT_A_FILE:
        return  # not made yet: the first answer resolved online makes it
    if not problem:
        return
    if value == option.default and subtype != "path":
        warn(f"{option.name} = {value!r} {problem}; its ids are not used, and resolving "
             "online rewrites it", "config", where.of(option.name))
    else:
        _fall_back(config, option, f"{value!r} {problem}", where, subtype or "config")


def _separate_folders(config: Config, where: _Lines) -> None:
    """Two folders of generated pages that are one, or one inside the other, would
    overwrite each other's pages: the one the user changed (the later, if both) goes."""
    def overlap(first: str, second: str) -> bool:
        return (first + "/").startswith(second + "/") or (second + "/").startswith(first + "/")

    while True:
        clash = next(((first, second) for index, first in enumerate(FOLDERS)
                      for second in FOLDERS[index + 1:]
                      if overlap(getattr(config, first), getattr(config, second))), None)
        if clash is None:
            return
        first, second = clash
        blamed = second if getattr(config, second) != BY_NAME[second].default else first
        other = first if blamed == second else second
        _fall_back(config, BY_NAME[blamed],
                   f"{getattr(config, blamed)!r} overlaps {other} = "
                   f"{getattr(config, other)!r} (one folder, or one inside the other)", where)


def _fall_back(config: Config, option: Option, problem: str, where: _Lines,
               subtype: Subtype = "config", instead: str = "") -> None:
    warn(f"{option.name} = {problem}; {instead or f'using the default {option.default!r}'}",
         subtype, where.of(option.name))
    setattr(config, option.name, option.default)


def refuse(app: Sphinx, config: Config, name: str, problem: str, subtype: Subtype = "config",
           instead: str = "") -> None:
    """config-inited: warn that ``name``'s value cannot be used (``problem``, after its
    repr) and use its default; ``instead`` says what that means to the user."""
    _fall_back(config, BY_NAME[name], f"{getattr(config, name)!r} {problem}",
               _Lines(app.confdir), subtype, instead)


class _Lines:
    """Where conf.py sets a value, for the warning's location (``path:line``)."""

    def __init__(self, confdir: Any) -> None:
        self.path = Path(confdir, "conf.py") if confdir else None
        try:
            self.lines = self.path.read_text(encoding="utf-8").splitlines() if self.path else []
        except (OSError, UnicodeDecodeError):
            self.lines = []

    def of(self, name: str) -> str | None:
        # The last assignment wins in Python, so it is the one to point at. A value
        # given with -D has no line; Sphinx takes a location without ":" for a
        # document name, so none is given then.
        assignment = re.compile(rf"^\s*{re.escape(name)}\s*(?::[^=]*)?=")
        found = [number for number, line in enumerate(self.lines, 1) if assignment.match(line)]
        return f"{self.path}:{found[-1]}" if found else None
