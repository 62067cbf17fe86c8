"""The documentation's examples, as regression files, MyST and reStructuredText side by side.

Every ``docs-example`` in ``docs/`` is built as the docs build it, and the
doctree each one reads into is compared with ``tests/snippets/<page>-<n>.txt``
(the way sphinx-design tests its components). Where
``tests/snippets/<page>-<n>.rst`` holds the same example in reStructuredText,
it must read into the very same doctree.

After an intended change of what a directive reads into, write the files anew
and review the diff::

    EVENTARCHIVE_UPDATE_SNIPPETS=1 python -m pytest tests/test_snippets.py
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import build_app
from docutils import nodes

DOCS = Path(__file__).resolve().parents[1] / "docs"
SNIPPETS = Path(__file__).parent / "snippets"
UPDATE = bool(os.environ.get("EVENTARCHIVE_UPDATE_SNIPPETS"))
_OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})\{docs-example\}[^\n]*\n", re.MULTILINE)

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
myst_enable_extensions = ["colon_fence", "deflist"]
project = "Snippets"
html_baseurl = "https://archive.example.org/"
"""


def examples() -> dict[str, str]:
    """``<page>-<n>`` -> the MyST source of each docs-example, in page order."""
    found = {}
    for page in sorted(DOCS.rglob("*.md")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        stem = page.relative_to(DOCS).with_suffix("").as_posix().replace("/", "-")
        for number, match in enumerate(_OPENING.finditer(text), start=1):
            fence = match["fence"]
            end = text.index(f"\n{fence}\n", match.end() - 1)
            found[f"{stem}-{number}"] = text[match.end():end + 1]
    return found


EXAMPLES = examples()


def read_doctree(app, docname: str) -> str:
    """What a snippet reads into: its page's content after the heading, as pseudo-XML."""
    doctree = app.env.get_doctree(docname)
    _join_text(doctree)
    section = next(iter(doctree.findall(nodes.section)))
    text = "".join(child.pformat() for child in section.children[1:])
    # Where the page sits is not part of what the snippet says.
    return re.sub(r' (?:source|docname)="[^"]*"', "", text)


def _join_text(tree: nodes.Node) -> None:
    """One Text node per run of text: MyST keeps a soft line break as its own node, docutils
    does not; both mean the same paragraph."""
    for element in tree.findall(nodes.Element):
        children: list[nodes.Node] = []
        for child in element.children:
            if isinstance(child, nodes.Text) and children and isinstance(children[-1], nodes.Text):
                children[-1] = nodes.Text(str(children[-1]) + str(child))
            else:
                children.append(child)
        if len(children) != len(element.children):
            element.children = []
            element.extend(children)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each example read in a MyST page, and each rST twin in an rST page."""
    results: dict[str, dict[str, str]] = {"myst": {}, "rst": {}}
    for flavour, suffix in (("myst", ".md"), ("rst", ".rst")):
        srcdir = tmp_path_factory.mktemp(f"snippets-{flavour}")
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        shutil.copytree(DOCS / "_static", srcdir / "_static")
        names = []
        for key, source in EXAMPLES.items():
            if flavour == "myst":
                text = f"# {key}\n\n{source}"
            else:
                twin = SNIPPETS / f"{key}.rst"
                if not twin.is_file():
                    continue
                text = f"{key}\n{'=' * len(key)}\n\n{twin.read_text(encoding='utf-8')}"
            # Sits where the docs' pages sit, so relative paths (images) mean the same.
            (srcdir / "reference").mkdir(exist_ok=True)
            (srcdir / "reference" / f"{key}{suffix}").write_text(text, encoding="utf-8")
            names.append(f"reference/{key}")
        index = "index.md" if flavour == "myst" else "index.rst"
        toc = ("# Index\n\n```{toctree}\n" + "\n".join(names) + "\n```\n") if flavour == "myst" \
            else "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names)
        (srcdir / index).write_text(toc, encoding="utf-8")
        app = build_app("html", srcdir, builddir=srcdir / "_build")
        for name in names:
            results[flavour][name.split("/", 1)[1]] = read_doctree(app, name)
    return results


def test_the_docs_have_examples():
    assert len(EXAMPLES) >= 10
    assert len(list(SNIPPETS.glob("*.rst"))) >= 5


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_each_docs_example_reads_as_recorded(built, key):
    expected = SNIPPETS / f"{key}.txt"
    got = built["myst"][key]
    if UPDATE or not expected.is_file():
        expected.write_text(got, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{expected.name} was missing and has been written: review and commit it")
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(path.stem for path in SNIPPETS.glob("*.rst")))
def test_rst_reads_into_the_same_doctree_as_myst(built, key):
    assert key in EXAMPLES, f"{key}.rst has no docs example of that name any more"
    assert built["rst"][key] == built["myst"][key]
