"""Helpers for the sphinx-eventarchive documentation.

The reference pages are generated from the package itself, so they cannot
drift from it:

``eventarchive-config``
    the table of every ``eventarchive_*`` value, from
    :data:`sphinx_eventarchive.config.OPTIONS`; each row is a ``confval``
    target, so ``{confval}`eventarchive_json``` links to it.
``eventarchive-warnings``
    the table of every warning subtype, from
    :data:`sphinx_eventarchive.messages.SUBTYPES`; each row is a label
    ``eventarchive.<subtype>`` for ``{ref}``.
``eventarchive-schema``
    the JSON schema of ``archive.json``, when the installed package ships it.
``eventarchive-cli``
    the ``--help`` of one command of ``sphinx-eventarchive``.
``eventarchive-check-rules``
    the table of every rule ``sphinx-eventarchive check`` knows, from
    :func:`sphinx_eventarchive.check.table.all_rules`.
``docs-example``
    MyST source shown as a code block and rendered below it, so what the
    reader copies is exactly what the page shows.


Nothing here writes into the source folder.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pygments.lexer import bygroups, inherit, using
from pygments.lexers.data import YamlLexer
from pygments.lexers.markup import MarkdownLexer
from pygments.token import Comment, Name, Punctuation, String
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LOGGER = logging.getLogger(__name__)

#: What a change of a config value costs, by its ``rebuild`` declaration.
REBUILD = {
    "env": "re-reads every report",
    "html": "rewrites the HTML pages",
    "": "nothing to rebuild",
}

_LITERAL = re.compile(r"``(.+?)``")


def inline(text: str) -> list[nodes.Node]:
    """Help text written with rST ````literal```` markup, as nodes (no parsing needed)."""
    found: list[nodes.Node] = []
    position = 0
    for match in _LITERAL.finditer(text):
        if match.start() > position:
            found.append(nodes.Text(text[position:match.start()]))
        found.append(nodes.literal(match[1], match[1]))
        position = match.end()
    if position < len(text):
        found.append(nodes.Text(text[position:]))
    return found


def paragraph(*children: nodes.Node | str, **attributes: Any) -> nodes.paragraph:
    node = nodes.paragraph("", "", **attributes)
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def table(headers: list[str], rows: list[list[nodes.Node]], widths: list[int],
          classes: list[str]) -> nodes.table:
    """A plain docutils table; every cell is one node (usually a paragraph)."""
    node = nodes.table(classes=["docutils", *classes])
    group = nodes.tgroup(cols=len(headers))
    node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    head += row
    for header in headers:
        row += nodes.entry("", paragraph(header))
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        body += row
        for cell in cells:
            row += nodes.entry("", cell)
    return node


def _module_file(module: Any) -> str:
    return str(Path(module.__file__).resolve())


class GeneratedDirective(SphinxDirective):
    has_content = False

    def depend_on(self, path: str | Path) -> None:
        # Editing the package's declaration must re-read the page that shows it.
        self.env.note_dependency(str(path))


# -- config values -------------------------------------------------------------------------


def _default(value: Any) -> str:
    return repr(value)


def _types(types: tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in types)


class ConfigTable(GeneratedDirective):
    """Every ``eventarchive_*`` value, from the one place that declares them."""

    def run(self) -> list[nodes.Node]:
        from sphinx_eventarchive import config

        self.depend_on(_module_file(config))
        std = self.env.domains["std"]
        rows = []
        for option in config.OPTIONS:
            node_id = f"confval-{option.name}"
            name = paragraph(literal(option.name), ids=[node_id])
            self.set_source_info(name)
            std.note_object("confval", option.name, node_id, location=name)
            index = addnodes.index(entries=[
                ("single", f"{option.name}; configuration value", node_id, "", None)])
            cost = REBUILD.get(option.rebuild, option.rebuild)
            cell = nodes.container()
            cell += index
            cell += name
            rows.append([
                cell,
                paragraph(literal(_default(option.default))),
                paragraph(_types(option.types)),
                paragraph(*inline(option.help), nodes.Text(f" Changing it {cost}.")),
            ])
        return [table(["Name", "Default", "Type", "Meaning"], rows, [28, 22, 10, 40],
                      ["eventarchive-docs-config"])]


# -- warning subtypes ----------------------------------------------------------------------


class WarningsTable(GeneratedDirective):
    """Every warning subtype, with the line that silences it."""

    def run(self) -> list[nodes.Node]:
        from sphinx_eventarchive import messages

        self.depend_on(_module_file(messages))
        std = self.env.domains["std"]
        rows = []
        for subtype, meaning in messages.SUBTYPES.items():
            full = f"eventarchive.{subtype}"
            node_id = f"warning-{subtype}"
            name = paragraph(literal(full), ids=[node_id])
            self.set_source_info(name)
            std.labels[full] = (self.env.docname, node_id, full)
            std.anonlabels[full] = (self.env.docname, node_id)
            snippet = f'suppress_warnings = ["{full}"]'
            rows.append([
                name,
                paragraph(*inline(meaning[:1].upper() + meaning[1:])),
                paragraph(literal(snippet)),
            ])
        return [table(["Warning type", "Raised for", "To silence it in conf.py"], rows,
                      [24, 44, 32], ["eventarchive-docs-warnings"])]


# -- archive.json schema -------------------------------------------------------------------


def schema_path() -> Path:
    import sphinx_eventarchive

    return Path(sphinx_eventarchive.__file__).resolve().parent / "schema" / "archive.schema.json"


class SchemaInclude(GeneratedDirective):
    """The schema of ``archive.json`` as the installed package ships it, or a note."""

    def run(self) -> list[nodes.Node]:
        path = schema_path()
        if not path.is_file():
            # The schema is written with the exporter; until a release ships it
            # the page says so instead of failing the build.
            return [paragraph(
                "This version of sphinx-eventarchive ships no schema file yet: it will be "
                "included here once ",
                literal("sphinx_eventarchive/schema/archive.schema.json"), " exists.",
                classes=["eventarchive-docs-missing"])]
        self.depend_on(path)
        text = path.read_text(encoding="utf-8")
        result: list[nodes.Node] = []
        try:
            schema = json.loads(text)
        except ValueError:
            schema = None
        if isinstance(schema, dict):
            result.extend(self.summary(schema))
        block = nodes.literal_block(text, text, language="json" if schema is not None else "text")
        self.set_source_info(block)
        caption = nodes.caption("", "archive.schema.json")
        wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
        wrapper += caption
        wrapper += block
        result.append(wrapper)
        return result

    def summary(self, schema: dict[str, Any]) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        lines = nodes.bullet_list()
        for key in ("$schema", "title"):
            value = schema.get(key)
            if isinstance(value, str) and value:
                lines += nodes.list_item("", paragraph(literal(key), ": ", value))
        if lines.children:
            result.append(lines)
        if isinstance(schema.get("description"), str):
            result.append(paragraph(schema["description"]))
        definitions = schema.get("$defs") or schema.get("definitions") or {}
        if not isinstance(definitions, dict):
            definitions = {}
        result.extend(self.properties(schema, "The top level", definitions))
        for name, spec in definitions.items():
            if isinstance(spec, dict) and isinstance(spec.get("properties"), dict):
                result.extend(self.properties(spec, f"{name} objects", definitions))
        return result

    def properties(self, spec: dict[str, Any], title: str,
                   defs: dict[str, Any]) -> list[nodes.Node]:
        properties = spec.get("properties")
        if not isinstance(properties, dict) or not properties:
            return []
        required = set(spec.get("required") or ())
        rows = []
        for key, value in properties.items():
            value = value if isinstance(value, dict) else {}
            rows.append([
                paragraph(literal(key)),
                paragraph(_kind(value, defs)),
                paragraph("yes" if key in required else "no"),
                paragraph(str(value.get("description", ""))),
            ])
        heading = nodes.rubric(title, title)
        return [heading, table(["Key", "Type", "Always present", "Meaning"], rows,
                               [18, 22, 10, 50], ["eventarchive-docs-schema"])]


def _kind(spec: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> str:
    """A short, readable type of a JSON schema fragment.

    References to object definitions keep their name (each has a table of its
    own); references to small definitions (an id, a URL, a date) are spelt out.
    """
    if depth > 5:
        return "any"
    if "const" in spec:
        return f"always {json.dumps(spec['const'], ensure_ascii=False)}"
    if "$ref" in spec:
        name = str(spec["$ref"]).rsplit("/", 1)[-1]
        target = defs.get(name)
        if isinstance(target, dict) and "properties" not in target:
            return _kind(target, defs, depth + 1)
        return name
    for combinator in ("oneOf", "anyOf"):
        if isinstance(spec.get(combinator), list):
            kinds = [_kind(part, defs, depth + 1) for part in spec[combinator]
                     if isinstance(part, dict)]
            return " or ".join(dict.fromkeys(kinds))
    kind = spec.get("type", "")
    if isinstance(kind, list):
        kind = " or ".join(map(str, kind))
    if "array" in str(kind) and isinstance(spec.get("items"), dict):
        return str(kind).replace("array", f"array of {_kind(spec['items'], defs, depth + 1)}")
    if "enum" in spec and isinstance(spec["enum"], list):
        return "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in spec["enum"])
    details = [str(spec[key]) for key in ("format",) if isinstance(spec.get(key), str)]
    if kind and details:
        return f"{kind} ({', '.join(details)})"
    return str(kind) or "any"


# -- command line ----------------------------------------------------------------------------


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse offers no public way to walk its commands
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _find_parser(words: list[str]) -> argparse.ArgumentParser | None:
    try:
        from sphinx_eventarchive.cli import build_parser
    except Exception:  # noqa: BLE001 - a missing or half-written CLI must not fail the docs
        return None
    try:
        parser = build_parser()
    except Exception:  # noqa: BLE001 - as above
        return None
    for word in words:
        found = _subparsers(parser).get(word)
        if found is None:
            return None
        parser = found
    return parser


def _help_text(parser: argparse.ArgumentParser) -> str:
    # A fixed width, not the terminal's, so every build renders the same text.
    def formatter(prog: str) -> argparse.HelpFormatter:
        return argparse.HelpFormatter(prog, width=88, max_help_position=30)

    original = parser.formatter_class
    parser.formatter_class = formatter
    try:
        return parser.format_help().rstrip()
    finally:
        parser.formatter_class = original


class CommandHelp(GeneratedDirective):
    """``sphinx-eventarchive [COMMAND…] --help``, from the parser itself."""

    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        words = self.arguments[0].split() if self.arguments else []
        command = " ".join(["sphinx-eventarchive", *words])
        parser = _find_parser(words)
        if parser is None:
            LOGGER.info("eventarchive-cli: %s is not available in this version", command)
            return [paragraph(literal(command),
                              " is not available in the installed version.",
                              classes=["eventarchive-docs-missing"])]
        try:
            from sphinx_eventarchive import cli

            self.depend_on(_module_file(cli))
        except Exception:  # noqa: BLE001 - only the dependency is lost
            pass
        text = f"$ {command} --help\n{_help_text(parser)}"
        block = nodes.literal_block(text, text, language="text")
        self.set_source_info(block)
        return [block]


# -- check rules ---------------------------------------------------------------------------


class CheckRules(GeneratedDirective):
    """Every rule of ``check``, from the readers' tables themselves."""

    def run(self) -> list[nodes.Node]:
        try:
            from sphinx_eventarchive.check.table import READERS, all_rules
        except ImportError:
            LOGGER.info("eventarchive-check-rules: check is not in the installed version")
            return [paragraph("The installed version has no ", literal("check"), " command.",
                              classes=["eventarchive-docs-missing"])]
        for module in READERS:
            self.depend_on(_module_file(module))
        rows = []
        for rule in all_rules():
            name = paragraph(literal(rule.id), ids=[f"check-{rule.id.replace('.', '-')}"])
            self.set_source_info(name)
            reader = nodes.reference("", rule.reader.name, refuri=rule.reader.url)
            rows.append([name, paragraph(rule.level.value), paragraph(reader),
                         paragraph(rule.subject), paragraph(*inline(rule.why))])
        return [table(["Rule", "Level", "Reader", "Reads", "Why it matters"], rows,
                      [20, 11, 20, 11, 38], ["eventarchive-docs-check-rules"])]


# -- examples ------------------------------------------------------------------------------


class DocsExample(SphinxDirective):
    """MyST source as a code block, then the same source rendered.

    The optional argument is a short caption of the example.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        container = nodes.container(classes=["eventarchive-docs-example",
                                             *self.options.get("class", [])])
        self.set_source_info(container)
        block = nodes.literal_block(source, source, language="myst")
        self.set_source_info(block)
        if self.arguments:
            caption = nodes.caption("", self.arguments[0])
            wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
            wrapper += caption
            wrapper += block
            container += wrapper
        else:
            container += block
        label = paragraph("Renders as:", classes=["eventarchive-docs-result-label"])
        container += label
        result = nodes.container(classes=["eventarchive-docs-result"])
        self.state.nested_parse(self.content, self.content_offset, result)
        container += result
        return [container]


# -- highlighting ------------------------------------------------------------------------


class MystLexer(MarkdownLexer):
    """Markdown plus MyST's directive fences, option lines and roles.

    Pygments' Markdown lexer takes ```` ```{event} ```` for text and the closing
    fence for the start of a code block, which colours the rest of an example
    wrongly.
    """

    name = "MyST Markdown"
    aliases = ["myst"]
    tokens = {
        "root": [
            (r"\A(---[ \t]*\n)((?:.*\n)*?)(---[ \t]*\n)",
             bygroups(Punctuation, using(YamlLexer), Punctuation)),
            (r"^([ \t]*)(`{3,}|~{3,}|:{3,})(\{[\w:.-]+\})([^\n]*\n)",
             bygroups(String, Punctuation, Name.Tag, String)),
            (r"^([ \t]*)(`{3,}|~{3,}|:{3,})([ \t]*\n)", bygroups(String, Punctuation, String)),
            (r"^(:[\w-]+:)([^\n]*\n)", bygroups(Name.Attribute, String)),
            (r"^%[^\n]*\n", Comment),
            (r"(\{[\w:.-]+\})(`[^`\n]+`)", bygroups(Name.Tag, String.Backtick)),
            inherit,
        ],
    }


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("eventarchive-config", ConfigTable)
    app.add_directive("eventarchive-warnings", WarningsTable)
    app.add_directive("eventarchive-schema", SchemaInclude)
    app.add_directive("eventarchive-cli", CommandHelp)
    app.add_directive("eventarchive-check-rules", CheckRules)
    app.add_directive("docs-example", DocsExample)
    app.add_lexer("myst", MystLexer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
