"""Report metadata from the front matter as the user wrote it (docs/howto/front-matter.md).

MyST hands front matter to Sphinx as strings (lists and mappings JSON-encoded,
then exposed to smart quotes), so a nested ``author: {name: …}`` can arrive
unparseable. We read the YAML block from the source ourselves at
``source-read`` and turn it into a :class:`~sphinx_eventarchive.model.Report`
at ``doctree-read``. reStructuredText reports use a field list; its values are
strings and are read as such.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sphinx_eventarchive.core import embeds
from sphinx_eventarchive.core.dates import DateError, instant, iso, parse_when
from sphinx_eventarchive.core.files import in_tree
from sphinx_eventarchive.core.records import Report
from sphinx_eventarchive.core.text import collapse, has_scheme, split_list
from sphinx_eventarchive.messages import Subtype, warn
from sphinx_eventarchive.read import document
from sphinx_eventarchive.site import published_file

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_eventarchive.archive.domain import EventArchiveDomain

KEYS = ("title", "description", "date", "publishDate", "author", "tags", "image", "canonical",
        "draft")
_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*\r?$",
                    re.DOTALL | re.MULTILINE)


class _TextDates(yaml.SafeLoader):
    """YAML without implicit timestamps: ``date: 2024-02-30`` must warn, not fail the block."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


#: Keys that take a list: an rST field's ``[a, b]`` is one.
LIST_KEYS = ("tags", "author")
# After a plain scalar, a comment YAML took from the value: " #8", not " # a note".
_CUT = re.compile(r"[ \t]+#\S")


class FrontMatter:
    """The parsed block plus the line of each top-level key, for warnings."""

    def __init__(self, values: Mapping[str, Any], lines: Mapping[str, int],
                 cuts: tuple[tuple[int, str], ...] = ()) -> None:
        self.values = values
        self.lines = lines
        #: (line, message) of each value YAML cut at `` #``.
        self.cuts = cuts


def _cuts(text: str, node: yaml.Node, key: str = "") -> list[tuple[int, str]]:
    """Values in ``node`` that YAML cut at `` #`` (``title: Meetup #8`` reads ``Meetup``):
    a plain scalar directly followed, on its line, by a comment with no space after
    its ``#``. ``# a note`` is a comment as meant."""
    if isinstance(node, yaml.MappingNode):
        return [cut for key_node, value in node.value for cut in _cuts(
            text, value, ".".join(filter(None, (key, str(getattr(key_node, "value", ""))))))]
    if isinstance(node, yaml.SequenceNode):
        return [cut for item in node.value for cut in _cuts(text, item, key)]
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return []
    end = node.end_mark.index
    rest = text[end:].split("\n", 1)[0].rstrip("\r")
    if not _CUT.match(rest):
        return []
    meant = f"{node.value}{rest}".strip()
    start = node.start_mark
    line = text[start.index - start.column:].split("\n", 1)[0]
    quoted = f"{line[:start.column].rstrip()} {json.dumps(meant, ensure_ascii=False)}".strip()
    kept = f"the value reads {node.value!r}" if node.value else "there is no value"
    # +2: the opening "---" is line 1 and marks count from 0.
    return [(node.end_mark.line + 2,
             f"front matter {key}: YAML takes {rest.strip()!r} for a comment, so {kept}; "
             f"quote it to keep it: {quoted}")]


def flow_list(written: str) -> list[str] | None:
    """``[a, "b, c"]`` written in an rST field as the list it means; None for other text."""
    written = written.strip()
    if not (written.startswith("[") and written.endswith("]")):
        return None
    try:
        items = yaml.load(written, Loader=yaml.BaseLoader)  # every item as text
    except yaml.YAMLError:
        items = None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        items = [item.strip("'\"").strip() for item in split_list(written[1:-1])]
    return [item for item in items if item.strip()]


def parse_block(source: str) -> FrontMatter | None:
    """The YAML front matter of a Markdown source, or None when it has none or is broken."""
    match = _BLOCK.match(source)
    if not match:
        return None
    text = match["yaml"]
    try:
        loader = _TextDates(text)
        try:
            node = loader.get_single_node()
            values = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError):
        return None  # MyST reports broken YAML itself
    if not isinstance(values, dict) or node is None:
        return None
    lines = {}
    for key_node, _value_node in getattr(node, "value", []):
        # +2: the opening "---" is line 1 and marks count from 0.
        lines[str(key_node.value)] = key_node.start_mark.line + 2
    return FrontMatter(values, lines, tuple(_cuts(text, node)))


def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """A report's front matter, read only on a page with an archive directive: front
    matter alone does not make a report, and on other pages it is not judged.

    A page that writes up an event or a session is a report; a page of listings or
    speaker profiles is one only when its front matter says so (a title, a date …),
    so a home page of listings is not listed among the reports it lists.
    """
    env = app.env
    docname = env.docname
    domain: EventArchiveDomain = env.domains["eventarchive"]  # type: ignore[assignment]
    if not domain.is_archive_page(docname):
        return
    front = document.front_matter(env)
    if front is None:
        # reStructuredText field lists: strings, one per field; [a, b] a list where one is.
        metadata = env.metadata.get(docname, {})
        values = {k: metadata[k] for k in KEYS if k in metadata}
        written = document.field_texts(env)
        for key in LIST_KEYS:
            items = flow_list(written.get(key, ""))
            if key in values and items is not None:
                values[key] = items
        front = FrontMatter(values, document.field_lines(env))
    if not domain.writes_up(docname) and not any(key in front.values for key in KEYS):
        return
    for line, message in front.cuts:
        warn(message, "frontmatter", (docname, line))
    report = ReportReader(docname, front).report()
    domain.note_report(report)
    if report.image and "://" not in report.image:
        note_image(app, report.image, docname, front.lines.get("image"))


def note_image(app: Sphinx, reference: str, docname: str, line: int | None = None) -> None:
    """A picture in the source tree is a dependency of the report that names it: changed
    in place, the report is read again and its copy (named by its bytes) follows.

    A picture that is neither there nor published by ``html_extra_path`` or
    ``html_static_path`` (a site-root path of another generator) warns: the page
    shares its card image instead of an address that does not resolve.
    """
    relative, absolute = app.env.relfn2path(reference, docname)
    found = in_tree(Path(app.env.srcdir), Path(absolute))
    served = "" if found is not None else published_file(app.config, app.srcdir, relative)
    if found is not None or served:
        app.env.note_dependency(str(found or served))
        return
    try:
        leaves = not Path(absolute).resolve().is_relative_to(Path(app.srcdir).resolve())
    except OSError:
        leaves = True
    if leaves:
        warn(f"front matter image: {reference!r} leaves the source folder", "path",
             (docname, line))
    else:
        warn(f"front matter image: {reference!r} is not a file in the source folder, nor "
             "published by html_extra_path or html_static_path; the page shares its card "
             "image (or ogp_image) instead", "image", (docname, line))


class ReportReader:
    def __init__(self, docname: str, front: FrontMatter) -> None:
        self.docname = docname
        self.front = front

    def warn(self, key: str, message: str, subtype: Subtype = "frontmatter") -> None:
        warn(f"front matter {key}: {message}", subtype, (self.docname, self.front.lines.get(key)))

    def text(self, key: str) -> str:
        value = self.front.values.get(key)
        if value is None:
            return ""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return collapse(str(value))
        self.warn(key, f"expected text, got {type(value).__name__}")
        return ""

    def names(self, key: str) -> tuple[str, ...]:
        value = self.front.values.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            return tuple(split_list(value))
        if isinstance(value, list) and all(isinstance(v, str | int | float) or v is None
                                           for v in value):
            # Names keep their spaces: 山田 太郎 is not 山田太郎. An empty item is none.
            return tuple(" ".join(str(v).split()) for v in value
                         if v is not None and str(v).strip())
        self.warn(key, "expected a list of names")
        return ()

    def authors(self) -> tuple[str, ...]:
        value = self.front.values.get("author")
        items = value if isinstance(value, list) else [value]
        names = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, str):
                names.append(" ".join(item.split()))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(" ".join(item["name"].split()))
            else:
                self.warn("author", "expected a name, a list of names or a mapping with 'name'")
        return tuple(name for name in names if name)

    def date(self) -> str:
        for key in ("date", "publishDate"):
            value = self.front.values.get(key)
            if value is None or value == "":
                continue
            try:
                return iso(parse_when(value))
            except DateError as error:
                self.warn(key, str(error), "date")
        return ""

    def draft(self) -> bool:
        value = self.front.values.get("draft", False)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "false",
                                                                "no", "0", ""):
            return value.strip().lower() in ("true", "yes", "1")
        self.warn("draft", f"expected true or false, got {value!r}")
        return False

    def url(self, key: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        try:
            return embeds.check_url(value)
        except embeds.EmbedError as error:
            self.warn(key, str(error), error.subtype)
            return ""

    def report(self) -> Report:
        image = self.text("image")
        if has_scheme(image) or any(c.isspace() for c in str(self.front.values.get("image"))):
            image = self.url("image")
        date = self.date()
        return Report(
            docname=self.docname, title=self.text("title"),
            description=self.text("description"), date=date, authors=self.authors(),
            tags=self.names("tags"), image=image, canonical=self.url("canonical"),
            draft=self.draft(), moment=instant(date),
        )
