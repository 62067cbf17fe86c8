"""What YAML would drop without a word (SPEC §9, issue 25).

Front matter: ``title: Meetup #8 レポート`` is ``Meetup`` to YAML (`` #`` starts
a comment). Such a cut warns at its line with the quoting that keeps the
value; a comment meant as one (``# a note``) does not. reStructuredText field
lists: ``:tags: [a, b]`` is the list it looks like, for the keys that take one.
"""

from __future__ import annotations

import re

import pytest
from conftest import archive_warnings

INDEX = "# Index\n\n```{toctree}\n:glob:\n\n*\n```\n"
LISTING = "\n```{reportlist}\n```\n"


def post(front: str) -> str:
    return f"---\n{front}\n---\n\n# Post\n" + LISTING


def build(project, files: dict[str, str]):
    app = project({"index.md": INDEX, **files}).build()
    return app, app.env.domains["eventarchive"].reports


# (front matter, line of the cut, the quoting offered, the value YAML reads: key → value)
CUTS = {
    "a title": ("title: Meetup #8 レポート", 2, 'title: "Meetup #8 レポート"', ("title", "Meetup")),
    "a description": ("description: PFEM #8 の振り返り", 2,
                      'description: "PFEM #8 の振り返り"', ("description", "PFEM")),
    "a hashtag after a number": ("title: Platform Engineering Meetup#8 #pfem", 2,
                                 'title: "Platform Engineering Meetup#8 #pfem"',
                                 ("title", "Platform Engineering Meetup#8")),
    "all of it": ("title: #8 Meetup", 2, 'title: "#8 Meetup"', ("title", "")),
    "a list item": ("tags:\n  - PFEM\n  - Meetup #8", 4, '- "Meetup #8"',
                    ("tags", ("PFEM", "Meetup"))),
    "a list item that is all comment": ("tags:\n  - #pfem", 3, '- "#pfem"', ("tags", ())),
    "a folded line": ("description: the first line\n  and the second #8", 3,
                      'description: "the first line and the second #8"',
                      ("description", "the first line and the second")),
    "a nested name": ("author:\n  name: ふるや #furuya\n  icon: /x.png", 3,
                      'name: "ふるや #furuya"', ("authors", ("ふるや",))),
    "a quote inside": ('title: Say "hi" #8', 2, 'title: "Say \\"hi\\" #8"',
                       ("title", 'Say "hi"')),
    "a number": ("title: 2024 #8", 2, 'title: "2024 #8"', ("title", "2024")),
}


@pytest.mark.parametrize("case", CUTS, ids=list(CUTS))
def test_a_value_cut_at_a_hash_warns_with_the_quoting_that_keeps_it(project, case):
    front, line, quoting, (field, read) = CUTS[case]
    app, reports = build(project, {"post.md": post(front)})
    [warning] = archive_warnings(app)
    assert f"post.md:{line}: WARNING: front matter " in warning
    assert warning.endswith(f"quote it to keep it: {quoting} [eventarchive.frontmatter]")
    assert getattr(reports["post"], field) == read  # what YAML reads, said, not mended
    # The quoting offered keeps the value whole, with no word.
    lines = front.splitlines()
    first = next(n for n, text in enumerate(lines)
                 if text.strip().startswith(quoting.split(" ", 1)[0]))
    indent = re.match(r"\s*", lines[first])[0]
    mended = "\n".join([*lines[:first], indent + quoting, *lines[line - 1:]])
    app, reports = build(project_in(project, "mended"), {"post.md": post(mended)})
    assert archive_warnings(app) == []
    meant = re.sub(r"^\S+ ", "", quoting).strip('"').replace('\\"', '"')
    value = getattr(reports["post"], field)
    assert meant in (value if isinstance(value, str) else value)


def project_in(project, name: str):
    return lambda files, conf=None: project(files, conf=conf, name=name)


KEPT = {
    "a comment after a list": ("tags: [a]  # note", ("tags", ("a",))),
    "a comment after text": ("title: x # a note", ("title", "x")),
    "a comment line": ("# written by hand\ntitle: x", ("title", "x")),
    "a bare hash": ("title: x #", ("title", "x")),
    "double quotes": ('title: "Meetup #8 レポート"', ("title", "Meetup #8 レポート")),
    "single quotes": ("title: 'Meetup #8'", ("title", "Meetup #8")),
    "no space before": ("title: Meetup#8", ("title", "Meetup#8")),
    "C# and F#": ("title: C# and F#", ("title", "C# and F#")),
    "a block scalar": ("description: |\n  Meetup #8 の\n  振り返り", ("description",
                                                                      "Meetup #8 の振り返り")),
    "a flow list quoted": ('tags: ["#pfem", a]', ("tags", ("#pfem", "a"))),
}


@pytest.mark.parametrize("case", KEPT, ids=list(KEPT))
def test_a_comment_meant_as_one_and_quoted_values_say_nothing(project, case):
    front, (field, value) = KEPT[case]
    app, reports = build(project, {"post.md": post(front)})
    assert archive_warnings(app) == []
    assert getattr(reports["post"], field) == value


def test_a_page_that_is_no_report_is_not_judged(project):
    """Front matter alone makes no report (SPEC §1): its YAML is not ours to judge."""
    app, reports = build(project, {"plain.md": "---\ntitle: Meetup #8\n---\n\n# Plain\n"})
    assert archive_warnings(app) == [] and "plain" not in reports


RST = """\
{fields}

Report
======

.. event:: Meetup
   :id: m
   :date: 2024-04-19
"""
# (fields, the report's field → value)
FIELD_LISTS = {
    "tags": (":tags: [a, b]", ("tags", ("a", "b"))),
    "quoted tags": (":tags: [a, \"b, c\", 'd']", ("tags", ("a", "b, c", "d"))),
    "one tag": (":tags: [PFEM]", ("tags", ("PFEM",))),
    "no tags": (":tags: []", ("tags", ())),
    "over two lines": (":tags: [a,\n   b]", ("tags", ("a", "b"))),
    "words YAML would type": (":tags: [yes, no, 1, null]", ("tags", ("yes", "no", "1", "null"))),
    "not YAML": (":tags: [a #8, b]", ("tags", ("a #8", "b"))),
    "commas": (":tags: a, b", ("tags", ("a", "b"))),
    "authors": (":author: [Alice Smith, 山田 太郎]", ("authors", ("Alice Smith", "山田 太郎"))),
    "one author with a comma": (":author: Doe, Jane", ("authors", ("Doe, Jane",))),
    "a title in brackets": (":title: [Draft] Meetup", ("title", "[Draft] Meetup")),
    "a title that looks like a list": (":title: [a, b]", ("title", "[a, b]")),
}


@pytest.mark.parametrize("case", FIELD_LISTS, ids=list(FIELD_LISTS))
def test_an_rst_field_in_brackets_is_a_list_for_keys_that_take_one(project, case):
    fields, (field, value) = FIELD_LISTS[case]
    proj = project({"index.rst": "Index\n=====\n\n.. toctree::\n\n   report\n",
                    "report.rst": RST.format(fields=fields)})
    app = proj.build()
    assert archive_warnings(app) == []
    report = app.env.domains["eventarchive"].reports["report"]
    assert getattr(report, field) == value
    if field == "tags":  # a tag page for each, none for "[a" or "b]"
        assert sorted(app.env.domains["eventarchive"].archive.tags) == sorted(
            tag.casefold() for tag in value)
