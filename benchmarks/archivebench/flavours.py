"""The flavours' sources: our directives rewritten as plain MyST, ablog posts, projects.

Every flavour holds the same words. ``plain``, ``plain-light`` and ``ablog`` are
derived mechanically from ours (:func:`plain_from_ours`); ``same-site`` adds the
events, speakers and tags pages (``samesite.py``); ``ours+<extra>`` is ours
with an optional feature switched on (``extras.py``).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from archivebench.synthetic import yaml_string

#: Every flavour the benchmark knows, in the order tables show them; ``ours+<extra>``
#: flavours (``--extras``) sit after ours.
FLAVOURS = ("plain", "plain-light", "same-site", "ours", "ablog")
#: Not parallel_read_safe: no -j 2 build.
SERIAL_ONLY = frozenset({"ablog"})


def base_flavour(name: str) -> str:
    """``ours+search`` → ``ours``."""
    return name.split("+", 1)[0]


def flavour_order(name: str) -> tuple[int, str]:
    base = base_flavour(name)
    return (FLAVOURS.index(base) if base in FLAVOURS else len(FLAVOURS), name)


#: Called for each event and session directive with (name, argument, fields); what it
#: returns, when not empty, is written as a MyST target ``(label)=`` before the block.
OnDirective = Callable[[str, str, list[tuple[str, str]]], str]

_OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<name>event|session)\}[ \t]*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ATX = re.compile(r"^(#{1,6})[ \t]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#&~|!${}])")
LABELS = {"url": "URL", "id": "Id"}
URL_KEYS = {"url", "video", "slides", "image"}


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value)
    return value


def inline(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _plain_value(key: str, value: str) -> str:
    if key in URL_KEYS and re.match(r"https?://\S+$", value):
        return f"<{value}>"
    return inline(value)


def plain_from_ours(text: str, on_directive: OnDirective | None = None, *,
                    light: bool = False) -> str:
    """Replace every ``event``/``session`` directive by the same words in Markdown.

    An event becomes its name in bold and a bullet list of its fields; a
    session a heading one level below the last heading, its fields and its
    notes. Ids (identifiers, not words) are dropped; everything else stays.
    ``on_directive`` sees each directive's fields and may give it a target label.
    ``light``: the fields on one line (``Speakers: … · Tags: … · <video>``) instead
    of a list, as a site written by hand would have them: fewer nodes per session.
    """
    lines = text.split("\n")
    out: list[str] = []
    level = 1
    i = 0
    in_code: str = ""
    while i < len(lines):
        line = lines[i]
        match = _OPENING.match(line)
        if in_code:
            out.append(line)
            if line.strip().startswith(in_code) and not line.strip().strip(in_code[0]):
                in_code = ""
            i += 1
            continue
        if not match:
            heading = _ATX.match(line)
            if heading:
                level = len(heading.group(1))
            fence = re.match(r"^(`{3,}|~{3,})", line)
            if fence:
                in_code = fence.group(1)
            out.append(line)
            i += 1
            continue
        fence, name, argument = match["fence"], match["name"], match["arg"].strip()
        i += 1
        fields: list[tuple[str, str]] = []
        while i < len(lines) and (option := _OPTION.match(lines[i])):
            fields.append((option["key"], unquote(option["value"])))
            i += 1
        body: list[str] = []
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                i += 1
                break
            body.append(lines[i])
            i += 1
        target = on_directive(name, argument, fields) if on_directive else ""
        if target:
            if out and out[-1].strip():
                out.append("")  # a target cannot interrupt a paragraph
            out += [f"({target})=", ""] if name == "event" else [f"({target})="]
        if name == "event":
            out.append(f"**{inline(argument)}**")
        else:
            out.append(f"{'#' * min(6, level + 1)} {inline(argument)}")
        out.append("")
        shown = [f"{LABELS.get(key, key.capitalize())}: {_plain_value(key, value)}"
                 for key, value in fields if key != "id" and value]
        if light:
            if shown:
                out.append(" · ".join(shown))
        else:
            out.extend(f"- {line}" for line in shown)
        while body and not body[0].strip():
            body.pop(0)
        if body:
            out.append("")
            out.extend(body)
    return "\n".join(out)


FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)


def ablog_from_plain(text: str, category: str = "") -> str:
    """The plain report as an ablog post: ``blogpost: true`` and a tags string.

    MyST hands front-matter lists to Sphinx JSON-encoded with ``\\u`` escapes,
    which ablog would turn into tag names; a comma-separated string is what
    ablog's own documentation uses.
    """
    match = FRONT_MATTER.match(text)
    lines = match["yaml"].split("\n") if match else []
    rest = text[match.end():] if match else text
    front = []
    for line in lines:
        if line.startswith("tags: [") and line.endswith("]"):
            tags = [json.loads(t) if t.startswith('"') else t
                    for t in re.findall(r'"(?:[^"\\]|\\.)*"|[^,\s][^,]*', line[7:-1])]
            line = "tags: " + yaml_string(", ".join(t.strip() for t in tags))
        front.append(line)
    front.append("blogpost: true")
    if category:
        front.append(f"category: {yaml_string(category)}")
    return "---\n" + "\n".join(front) + "\n---\n" + rest


# =============================================================================
# Projects
# =============================================================================

CONF_COMMON = '''\
project = "Benchmark archive"
author = "sphinx-eventarchive benchmark"
html_baseurl = "https://archive.example.org/"
exclude_patterns = ["_build"]
'''
PLAIN_CONF = 'extensions = ["myst_parser"]\n' + CONF_COMMON
CONF = {
    "plain": PLAIN_CONF,
    "plain-light": PLAIN_CONF,
    # The same site without the extension: plain Sphinx, its pages written by a script.
    "same-site": PLAIN_CONF,
    # The optional extras' features off, whatever is installed: each is measured as
    # a flavour of its own (ours+cards, ours+search), which switches it on after this.
    "ours": 'extensions = ["myst_parser", "sphinx_eventarchive"]\n' + CONF_COMMON
            + "eventarchive_card_images = False\neventarchive_search = False\n",
    # What `ablog start` writes: blog settings and its sidebars on every page.
    "ablog": 'extensions = ["myst_parser", "ablog"]\n' + CONF_COMMON + '''\
blog_title = "Benchmark archive"
blog_baseurl = "https://archive.example.org/"
blog_path = "blog"
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
html_sidebars = {
    "**": ["ablog/postcard.html", "navigation.html", "ablog/recentposts.html",
           "ablog/tagcloud.html", "ablog/categories.html", "ablog/archives.html",
           "searchfield.html"],
}
''',
}
LISTING = {
    "plain": "",
    "plain-light": "",
    "ours": "\n## Events\n\n```{eventlist}\n```\n",
    "ablog": "\n## Posts\n\n```{postlist}\n```\n",
}


def index_page(flavour: str, title: str, listing: str | None = None) -> str:
    listing = LISTING[base_flavour(flavour)] if listing is None else listing
    return (f"# {title}\n\n```{{toctree}}\n:glob:\n:maxdepth: 1\n\nreports/*\n```\n"
            + listing)


def write_project(root: Path, flavour: str, title: str, reports: dict[str, str],
                  conf_extra: Sequence[str] = (), *, listing: str | None = None,
                  pages: dict[str, str] | None = None) -> None:
    """conf.py, index.md, ``reports/*``, and for same-site its generated pages."""
    if root.exists():
        shutil.rmtree(root)
    (root / "reports").mkdir(parents=True)
    conf = CONF[base_flavour(flavour)] + "".join(f"{line}\n" for line in conf_extra)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.md").write_text(index_page(flavour, title, listing), encoding="utf-8")
    for name, text in reports.items():
        (root / "reports" / name).write_text(text, encoding="utf-8")
    for name, text in (pages or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def flavour_texts(ours: dict[str, str], categories: dict[str, str],
                  flavours: Sequence[str]) -> dict[str, dict[str, str]]:
    """The reports of plain, ablog, ours and ours+<extra> (same-site: ``samesite.py``)."""
    texts: dict[str, dict[str, str]] = {}
    plain = {name: plain_from_ours(text) for name, text in ours.items()}
    for flavour in flavours:
        if base_flavour(flavour) == "ours":
            texts[flavour] = ours
    if "plain" in flavours:
        texts["plain"] = plain
    if "plain-light" in flavours:
        texts["plain-light"] = {name: plain_from_ours(text, light=True)
                                for name, text in ours.items()}
    if "ablog" in flavours:
        texts["ablog"] = {name: ablog_from_plain(text, categories.get(name, ""))
                          for name, text in plain.items()}
    return texts
