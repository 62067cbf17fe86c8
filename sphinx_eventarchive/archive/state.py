"""Build state, in one place: the archive's revision and what each builder last wrote.

Sphinx pickles the environment after reading and before writing, so state has
two halves, both owned by :class:`BuildState`:

* **read phase**, in the domain's data (keys declared in its ``initial_data``):
  ``revision`` (new whenever a build reads or removes a document or the
  configuration changes), ``config`` (the digest that revision was made with),
  ``contents`` (per document, a digest of what it gives the archive; folded
  into :meth:`BuildState.content`, what every output is made from) and
  ``shown`` (per builder: for each page that shows data from other reports, a
  digest of what it shows, from ``archive/freshness.py``);
* **write phase**, known only once pages are written: one file,
  ``<doctreedir>/eventarchive-state.json``, a section per builder (builders
  may share a doctree folder) holding the content its outputs were made
  from, a fingerprint of what makes Sphinx rewrite every page, the digest of
  every generated page, and the exports written. Saved when a build succeeds.

What a page shows is decided from the archive's data, as Sphinx's own
collectors do it, never by rendering to compare: a report is rewritten
exactly when the digests of the objects it shows change.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_eventarchive._compat import app_of
from sphinx_eventarchive.archive.freshness import digest, files, placeless, report_keys
from sphinx_eventarchive.core.dates import build_time, upcoming_records
from sphinx_eventarchive.core.files import write_if_changed
from sphinx_eventarchive.core.kana import default_guesser
from sphinx_eventarchive.core.version import VERSION

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

STATE_FILE = "eventarchive-state.json"


def stable_repr(value: Any) -> str:
    """A repr that is the same in every run: sets and dicts in sorted order (a set's
    own order changes with the hash seed), everything else as ``repr`` writes it."""
    if isinstance(value, dict):
        items = sorted(f"{stable_repr(key)}: {stable_repr(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(stable_repr, value))) + "}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(map(stable_repr, value))
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    return repr(value)


def config_digest(config: Any) -> str:
    """Every configuration value, in a form stable across runs."""
    return digest(*(f"{item.name}={stable_repr(item.value)}" for item in config
                    if not callable(item.value)))


def clock(env: BuildEnvironment) -> str:
    """What the build date changes: the events still to come (``SOURCE_DATE_EPOCH`` or now).

    Part of the digest a revision is made with, so the first build after an event
    starts makes a new revision and rewrites the pages that called it upcoming.
    """
    return repr(upcoming(env))


def upcoming(env: BuildEnvironment) -> list[tuple[str, str]]:
    """(event id, document) of every write-up of an event still to come."""
    return upcoming_records(_domain(env).events, env.config.eventarchive_timezone,
                            build_time())


def _domain(env: BuildEnvironment) -> EventArchiveDomain:
    return env.domains["eventarchive"]  # type: ignore[return-value]


class BuildState:
    """The one owner of build state; wired in ``extension.py``."""

    def __init__(self) -> None:
        # Whether this build removed a document, and the documents it reads.
        self.removed = False
        self.read: set[str] = set()
        self.file: dict[str, Any] = {}
        self.builder = ""
        # What this build wrote of the documents (doctree-resolved), what we asked Sphinx
        # to write again (env-get-updated), and whether the environment was new.
        self.resolved: set[str] = set()
        self.asked: set[str] = set()
        self.fresh = False
        self._content: tuple[tuple[str, str], str] = (("", ""), "")

    # -- read phase ---------------------------------------------------------------------

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.removed = True

    def before_read(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """A new revision when this build reads or removes anything, or the config changed."""
        self.read = set(docnames)
        data = _domain(env).data
        config = digest(config_digest(env.config), clock(env))
        if docnames or self.removed or data["config"] != config or not data["revision"]:
            data["config"] = config
            data["revision"] = uuid.uuid4().hex
            _domain(env).changed()
        self.removed = False

    def updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """env-get-updated: reports whose view of the archive changed, for this builder."""
        domain = _domain(env)
        changed = self.shown_changed(app, env)
        if domain.data["site"] != domain.has_content():
            # The archive got its first content or lost its last: what we add to every
            # page (absolute og:url, the feed's link) comes or goes on every page.
            domain.data["site"] = domain.has_content()
            changed = sorted(env.found_docs - self.read)
        self.asked = set(changed)
        return changed

    def rewrites_everything(self, env: BuildEnvironment) -> bool:
        """Whether this build wrote every document for no change of theirs: a new
        environment (``-E``, a first build), ``-a``, an edited template. The generated
        pages are then written again too, as a reader of Sphinx's options expects; an
        edit that happens to reach every page of a small site (a report and the index
        whose toctree holds it) is not one."""
        if self.fresh:
            return True
        documents = set(env.found_docs)
        if not documents or not self.resolved >= documents:
            return False
        changed = self.read | self.asked
        explained = changed | {parent for name in changed
                               for parent in env.files_to_rebuild.get(name, ())}
        return not documents <= explained

    def shown_changed(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The reports whose view of the archive changed, for this builder."""
        domain = _domain(env)
        self.note_contents(domain)
        # The clock as of the records just read, so the next build compares like with like.
        domain.data["config"] = digest(config_digest(env.config), clock(env))
        builder = app.builder.name
        record = domain.data["shown"].setdefault(builder, {})
        content = self.content(domain, builder)
        if record.get("content") == content:
            # What the archive is made of did not change (a no-op build, an edit of
            # prose): no report's view of it did. Reports read were written anyway.
            return []
        previous: dict[str, str] = record.get("digests", {})
        digests = domain.digests(builder)
        settings = config_digest(env.config)
        now = {name: digest(settings, digests.of_all(report_keys(domain, name)))
               for name in sorted(domain.pages_showing_archive())}
        record.clear()
        record.update(content=content, digests=now)
        return [name for name, value in now.items()
                if name not in self.read and previous.get(name) != value]

    def note_contents(self, domain: EventArchiveDomain) -> None:
        """What each document read gives the archive, as a digest (see :meth:`content`)."""
        contents: dict[str, str] = domain.data["contents"]
        documents = domain.documents()
        for name in documents:
            if name in self.read or name not in contents:
                contents[name] = digest(
                    repr([placeless(e) for e in domain.events_on(name)]),
                    repr([placeless(s) for s in domain.sessions_on(name)]),
                    repr(domain.reports.get(name)),
                    repr([placeless(p) for p in domain.profiles.get(name, ())]),
                    domain.report_title(name), repr(files(domain.env, name)))
        for name in set(contents) - documents:
            del contents[name]

    def content(self, domain: EventArchiveDomain, builder: str) -> str:
        """A digest of everything the archive is made of, for outputs made from the archive
        alone (the exports and the speaker and tag feeds): a build that reads a report and
        changes none of its records, such as an edit of its prose, leaves them alone.

        The records and titles of every document, the dictionary readings are
        guessed with (the guesses follow from it and the names), the
        configuration, the clock, the ``-t`` tags ({only}), the builder and the
        extension's version; the files each document depends on (pictures are
        noted as dependencies of the documents that name them).
        """
        key = (domain.revision, builder)
        if self._content[0] != key:
            tags = getattr(app_of(domain.env), "tags", None)
            self._content = (key, digest(
                VERSION, builder, config_digest(domain.env.config), clock(domain.env),
                repr(sorted(tags or ())), repr(sorted(domain.data["contents"].items())),
                default_guesser().name))
        return self._content[1]

    # -- write phase --------------------------------------------------------------------

    def path(self, app: Sphinx) -> Path:
        return Path(app.doctreedir) / STATE_FILE

    def load(self, app: Sphinx) -> None:
        """builder-inited: what this builder wrote last time."""
        self.builder = app.builder.name
        self.fresh = not app.env.all_docs  # loaded before the builder is made
        self.resolved.clear()
        try:
            loaded = json.loads(self.path(app).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.file = loaded if isinstance(loaded, dict) else {}

    def written(self, output: str) -> dict[str, Any]:
        """What this builder wrote last time for one kind of output (``pages``, ``exports``)."""
        section = self.file.get(self.builder)
        value = section.get(output) if isinstance(section, dict) else None
        return value if isinstance(value, dict) else {}

    def current(self, output: str, stamp: Any, paths: Iterable[Path]) -> bool:
        """Whether ``output`` was last written from ``stamp`` (JSON: lists, not tuples)
        and every path it wrote is still there: then a writer has nothing to do."""
        return self.written(output).get("stamp") == stamp and all(p.exists() for p in paths)

    def note_written(self, output: str, value: dict[str, Any]) -> None:
        self.file.setdefault(self.builder, {})[output] = value

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """build-finished (after every writer): keep what was written, when it all was.

        A site without archive content has had whatever we wrote before removed, and
        keeps no file of ours either.
        """
        if exception is not None or not self.builder:
            return
        domain = _domain(app.env)
        if not (domain.has_content() or domain.named_pages()):
            self.path(app).unlink(missing_ok=True)
            return
        write_if_changed(self.path(app), json.dumps(self.file, sort_keys=True).encode())
