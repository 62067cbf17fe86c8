"""The documentation builds clean and documents everything the package declares.

The docs are built once per test session, the way Read the Docs and tox build
them (``-W --keep-going -n``), into a temporary folder. The reference pages are
then checked against the package's own declarations: every config value, every
warning subtype, every directive option (each with a rendered example).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from sphinx_eventarchive.config import OPTIONS
from sphinx_eventarchive.messages import SUBTYPES
from sphinx_eventarchive.read.directives import DIRECTIVES
from sphinx_eventarchive.read.roles import ROLES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _source_files() -> set[Path]:
    found = set()
    for root, dirs, files in os.walk(DOCS):
        dirs[:] = [d for d in dirs if d != "_build"]
        found.update(Path(root, name) for name in files)
    return found


@pytest.fixture(scope="session")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (DOCS / "conf.py").is_file():
        pytest.skip("no docs/ beside the tests")
    base = tmp_path_factory.mktemp("docs")
    out = base / "html"
    warnings = base / "warnings.txt"
    before = _source_files()
    code = build_main(["-W", "--keep-going", "-n", "-b", "html", "-q",
                       "-d", str(base / "doctrees"), "-w", str(warnings),
                       str(DOCS), str(out)])
    log = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    assert code == 0, f"the docs build failed:\n{log}"
    assert _source_files() == before, "the docs build wrote into docs/"
    return out


def _page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def _body(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("[role=main]") or soup.body


def test_every_config_value_is_in_the_config_reference(built_docs: Path) -> None:
    page = _page(built_docs, "reference/config.html")
    text = _body(page).get_text(" ")
    for option in OPTIONS:
        row = page.find(id=f"confval-{option.name}")
        assert row is not None, f"{option.name} has no row in reference/config"
        assert option.name in text
        # A literal's words are separate elements: compare without the spaces between them.
        assert "".join(repr(option.default).split()) in "".join(text.split()), (
            f"the default of {option.name} is not shown")


def test_every_warning_subtype_is_in_the_warnings_reference(built_docs: Path) -> None:
    # No separator: a literal's words are separate elements with the spaces between them.
    text = _body(_page(built_docs, "reference/warnings.html")).get_text()
    for subtype in SUBTYPES:
        assert f"eventarchive.{subtype}" in text, f"eventarchive.{subtype} is not documented"
        assert f'suppress_warnings = ["eventarchive.{subtype}"]' in text


def test_every_check_rule_is_in_the_command_reference(built_docs: Path) -> None:
    from sphinx_eventarchive.check.table import all_rules

    section = _page(built_docs, "reference/cli.html").find("section", id="check")
    assert section is not None, "reference/cli has no section for check"
    rows = {row.select_one("code").get_text(): row.get_text(" ", strip=True)
            for row in section.select("table.eventarchive-docs-check-rules tbody tr")}
    for rule in all_rules():
        assert rule.id in rows, f"the rule {rule.id} is not in the rule table"
        assert rule.level.value in rows[rule.id] and rule.reader.name in rows[rule.id]
    assert "sphinx-eventarchive check --help" in section.get_text()


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_every_directive_option_is_documented_with_an_example(built_docs: Path,
                                                              name: str) -> None:
    page = _page(built_docs, "reference/directives.html")
    section = page.find("section", id=name)
    assert section is not None, f"reference/directives has no section for {name}"
    documented = {code.get_text() for code in section.select("table code")}
    examples = [pre.get_text() for pre in
                section.select(".eventarchive-docs-example > div[class^=highlight] pre, "
                               ".eventarchive-docs-example > .literal-block-wrapper pre")]
    assert examples, f"{name} has no rendered example"
    assert any(example.lstrip("`").startswith(f"{{{name}}}") for example in examples)
    shown = {line.split(":")[1] for example in examples for line in example.splitlines()
             if line.startswith(":") and line.count(":") >= 2}
    for option in DIRECTIVES[name].option_spec:
        assert option in documented, f":{option}: of {name} is not in its table"
        assert option in shown, f":{option}: of {name} has no rendered example"


def test_every_role_is_documented(built_docs: Path) -> None:
    text = _body(_page(built_docs, "reference/roles.html")).get_text(" ")
    for role in ROLES:
        assert f"{{{role}}}" in text


@pytest.mark.parametrize("buildername", ["latex", "epub"])
def test_docs_build_as_read_the_docs_builds_its_pdf_and_epub(tmp_path: Path,
                                                              buildername: str) -> None:
    """``.readthedocs.yaml`` offers a PDF (built from LaTeX) and an EPUB: both warning-free."""
    warnings = tmp_path / "warnings.txt"
    code = build_main(["-W", "--keep-going", "-n", "-b", buildername, "-q",
                       "-d", str(tmp_path / "doctrees"), "-w", str(warnings),
                       str(DOCS), str(tmp_path / buildername)])
    log = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    assert code == 0, f"the docs' {buildername} build failed:\n{log}"
    suffix = {"latex": "*.tex", "epub": "*.epub"}[buildername]
    assert list((tmp_path / buildername).glob(suffix))
    rtd = (DOCS.parent / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert f"- {_rtd_format(buildername)}" in rtd


def _rtd_format(buildername: str) -> str:
    return {"latex": "pdf", "epub": "epub"}[buildername]


def test_check_finds_nothing_required_missing_in_the_docs(built_docs: Path) -> None:
    """The docs are an archive held to its readers' rules: ``sphinx-eventarchive check``
    on them reports nothing Google, X or the feeds' readers require."""
    for module in ("extruct", "feedparser", "jsonschema"):
        pytest.importorskip(module, reason="the check extra is not installed")
    from sphinx_eventarchive.check.runner import run

    report = run(built_docs)
    required = [f"{finding.page}: {finding.rule.id}" for finding in report.findings
                if finding.rule.level.value == "required"]
    assert required == []
