"""While a full build writes an archive's documents, what it read is out of the garbage
collector's sight (write/collector.py); it is handed back before the generated pages,
and in any case when the build ends."""

from __future__ import annotations

import gc
import json

import pytest

from sphinx_eventarchive.write import collector

ARCHIVE = ("# {title}\n\n```{{event}} {title}\n:date: 2024-04-19\n```\n\n"
           "```{{session}} Opening talk\n:speakers: Ada\n:tags: Python\n```\n")
INDEX = "# Home\n\n```{toctree}\n:glob:\n\nreport*\n```\n"
REPORTS = {f"report{n}.md": ARCHIVE.format(title=f"Meetup {n}") for n in range(3)}

#: Notes how many objects are frozen: for each page written (a document's or a generated
#: one), each document resolved, and at the end of the build.
CONF = """
extensions = ["myst_parser", "sphinx_eventarchive"]
exclude_patterns = ["_build"]


def setup(app):
    import gc
    import json
    from pathlib import Path

    seen = {"documents": [], "generated": [], "resolved": [], "finished": None}

    def resolved(app, doctree, docname):
        seen["resolved"].append(gc.get_freeze_count())

    def page(app, pagename, templatename, context, doctree):
        if doctree is not None:
            seen["documents"].append(gc.get_freeze_count())
        elif pagename.startswith(("events/", "speakers/", "tags/")):  # ours
            seen["generated"].append(gc.get_freeze_count())

    def finished(app, exception):  # after the extension's own (priority 400)
        seen["finished"] = gc.get_freeze_count()
        Path(app.srcdir, "frozen.json").write_text(json.dumps(seen))

    app.connect("html-page-context", page)
    app.connect("doctree-resolved", resolved)
    app.connect("build-finished", finished, priority=900)
"""


def _seen(proj) -> dict:
    return json.loads((proj.srcdir / "frozen.json").read_text())


@pytest.fixture
def few(monkeypatch):
    """Freezing from 3 documents read, as from 150 on a real archive."""
    monkeypatch.setattr(collector, "FREEZE_FROM", 3)


def test_a_full_build_writes_its_documents_with_what_it_read_frozen(project, few):
    assert gc.get_freeze_count() == 0
    proj = project({"index.md": INDEX, **REPORTS}, conf=CONF)
    proj.build()
    seen = _seen(proj)
    assert len(seen["documents"]) == 4 and min(seen["documents"]) > 1000
    # The generated pages (events, speakers, tags and their indexes) come after them
    # (html-collect-pages): by then, handed back.
    assert len(seen["generated"]) > 3 and set(seen["generated"]) == {0}
    assert seen["finished"] == 0 and gc.get_freeze_count() == 0
    # An edit reads one document of four, fewer than FREEZE_FROM: nothing is frozen.
    proj.write({"report1.md": ARCHIVE.format(title="Meetup one") + "\nMore words.\n"})
    proj.build()
    seen = _seen(proj)
    assert seen["documents"] and set(seen["documents"]) == {0}
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_objects_of_its_own_is_left_as_it_is(project, few):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        proj = project({"index.md": INDEX, **REPORTS}, conf=CONF)
        proj.build()
        seen = _seen(proj)
        # Its frozen objects only (fewer as some are freed): nothing of the build's added,
        # and nothing handed back.
        assert 0 < max(seen["documents"]) <= frozen
        assert 0 < seen["finished"] <= frozen and 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_a_small_archive_keeps_the_collector_as_it_is(project):
    proj = project({"index.md": INDEX, **REPORTS}, conf=CONF)
    proj.build()
    seen = _seen(proj)
    assert len(seen["documents"]) == 4 and set(seen["documents"]) == {0}


def test_a_site_without_archive_content_keeps_the_collector_as_it_is(project, few):
    proj = project({"index.md": "# Home\n\nNo archive here.\n"}, conf=CONF)
    proj.build()
    seen = _seen(proj)
    assert seen["documents"] and set(seen["documents"]) == {0}
    assert seen["finished"] == 0


def test_a_builder_without_generated_pages_hands_them_back_at_the_end(project, few):
    proj = project({"index.md": INDEX, **REPORTS}, conf=CONF)
    proj.build("text")
    seen = _seen(proj)
    assert len(seen["resolved"]) == 4 and min(seen["resolved"]) > 1000
    assert seen["finished"] == 0 and gc.get_freeze_count() == 0


FAILING = CONF + """
    def fail(app, pagename, templatename, context, doctree):
        raise RuntimeError("a theme that fails")

    app.connect("html-page-context", fail, priority=900)
"""


def test_a_failed_build_hands_them_back(project, few):
    proj = project({"index.md": INDEX, **REPORTS}, conf=FAILING)
    try:
        proj.build()
    except Exception:  # noqa: BLE001 - Sphinx wraps the handler's error
        pass
    else:
        raise AssertionError("the build should have failed")
    assert _seen(proj)["documents"][0] > 1000  # it failed while they were frozen
    assert gc.get_freeze_count() == 0
