"""Generated pages are written beside the documents, yet searchable and written in parallel.

Sphinx's search index keeps only documents from one build to the next, so the
generated pages are fed to it on every build, no-op builds included; under
``-j 2`` they are written by a pool of processes, byte for byte as ``-j 1``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Search"
html_baseurl = "https://archive.example.org/"
"""


def report(number: int) -> str:
    return (f"# Report {number}\n\n```{{event}} Meetup {number}\n:id: m{number}\n"
            f":date: 2024-04-{number:02d}\n:tags: topic{number % 3}\n```\n\n"
            f"```{{session}} Talk {number}\n:speakers: Speaker{number} Example, 佐々木\n```\n")


FILES = {f"r{n}.md": report(n) for n in range(1, 13)}
INDEX = "# Home\n\n```{toctree}\n" + "\n".join(f"r{n}" for n in range(1, 13)) + "\n```\n"


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.sub(r"^Search\.setIndex\((.*)\)\s*$", r"\1", text, flags=re.DOTALL))


def generated(outdir: Path) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for folder in ("events", "speakers", "tags")
            for path in sorted((outdir / folder).rglob("*.html"))}


def test_generated_pages_are_in_the_search_index_after_every_build(project):
    proj = project({"index.md": INDEX, **FILES}, conf=CONF)
    for _build in ("full", "no-op"):
        app = proj.build()
        index = search_index(Path(app.outdir))
        docnames = index["docnames"]
        for page in ("speakers/index", "speakers/speaker7-example", "speakers/佐々木",
                     "tags/topic1", "events/index"):
            assert page in docnames, (page, _build)
        titles = dict(zip(docnames, index["titles"], strict=True))
        assert titles["speakers/speaker7-example"] == "Speaker7 Example"
        # The speaker's name is a search term that leads to the page.
        number = docnames.index("speakers/speaker7-example")
        assert number in _as_list(index["titleterms"]["speaker7"])
        # …and an object of the domain, shown as a speaker in results.
        assert "eventarchive" in json.dumps(index["objtypes"])


def _as_list(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_parallel_writing_gives_the_same_bytes(project):
    one = project({"index.md": INDEX, **FILES}, conf=CONF, name="one")
    two = project({"index.md": INDEX, **FILES}, conf=CONF, name="two")
    serial = generated(Path(one.build(parallel=1).outdir))
    parallel = generated(Path(two.build(parallel=2).outdir))
    assert len(serial) == 13 + 1 + 3 + 1 + 1  # speakers, their index, tags, theirs, events
    assert parallel == serial


def test_a_noindex_speaker_stays_out_of_the_site_search(project):
    profile = ("# People\n\n```{speaker} Speaker3 Example\n:noindex:\n\n"
               "Asked to stay unlisted.\n```\n")
    proj = project({"index.md": INDEX + "\n```{toctree}\npeople\n```\n", "people.md": profile,
                    **FILES}, conf=CONF)
    for _build in ("full", "no-op"):
        docnames = search_index(Path(proj.build().outdir))["docnames"]
        assert "speakers/speaker7-example" in docnames
        assert "speakers/speaker3-example" not in docnames, _build


def test_stems_remembered_across_pages_give_the_same_index(project, monkeypatch):
    """Each word is stemmed once per build, not once per generated page: fewer stemmings,
    and the same index."""
    from sphinx.search.en import SearchEnglish

    from sphinx_eventarchive.write import pages

    stemmed: list[str] = []
    stem = SearchEnglish.stem
    monkeypatch.setattr(SearchEnglish, "stem",
                        lambda self, word: (stemmed.append(word), stem(self, word))[1])
    remembered = Path(project({"index.md": INDEX, **FILES}, conf=CONF).build().outdir)
    once = len(stemmed)
    stemmed.clear()
    monkeypatch.setattr(pages, "remember_stems", lambda indexer: None)
    each_page = Path(project({"index.md": INDEX, **FILES}, conf=CONF, name="plain")
                     .build().outdir)
    assert search_index(remembered) == search_index(each_page)
    assert "speakers/speaker7-example" in search_index(remembered)["docnames"]
    assert 0 < once < len(stemmed)
