"""A missing optional extra is one warning, not one per item (SPEC §9, issue 25).

Without a readings dictionary (the ``[ja]`` extra), every kanji name has no
reading: one ``eventarchive.reading`` warning says how many, names the extra
and ``:reading:``, at the first such name's line. With the dictionary, a name
it cannot read warns at its own line, as before.
"""

from __future__ import annotations

import re

import pytest
from conftest import archive_warnings

from sphinx_eventarchive.core import kana
from sphinx_eventarchive.core.kana import Guesser

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "People"
html_baseurl = "https://archive.example.org/"
language = "ja"
"""


def no_dictionary() -> Guesser:
    guesser = Guesser()
    guesser.dictionary = guesser.name = ""
    return guesser


def report(number: int, speakers: list[str], profiles: str = "") -> str:
    sessions = "".join(f"```{{session}} Talk {index}\n:speakers: {name}\n```\n\n"
                       for index, name in enumerate(speakers, 1))
    return (f"# Report {number}\n\n```{{event}} Meetup {number}\n:id: m{number}\n"
            f":date: 2024-0{number}-01\n```\n\n{sessions}{profiles}")


def site(*reports: list[str], profiles: str = "") -> dict[str, str]:
    files = {f"r{n}.md": report(n, names, profiles if n == 1 else "")
             for n, names in enumerate(reports, 1)}
    files["index.md"] = "# Home\n\n```{toctree}\n" + "\n".join(
        f"r{n}" for n in range(1, len(reports) + 1)) + "\n```\n"
    return files


# Five ordinary reports: 15 people in kanji, some in kana or Latin letters.
ORDINARY = (["佐々木 (コドモン)", "鈴木", "田中 太郎"], ["山田 花子", "高橋", "さとう"],
            ["伊藤", "渡辺", "Abby Bangser"], ["中村", "小林", "加藤", "吉田"],
            ["山本", "松本", "井上", "木村", "鈴木さん"])
# (reports, profiles, how many names in kanji have no reading, the first one, its place)
WITHOUT = {
    "one name": ((["鈴木"],), "", 1, "鈴木", "r1.md:8"),
    "two names": ((["鈴木", "田中"],), "", 2, "鈴木", "r1.md:8"),
    "five reports": (ORDINARY, "", 15, "佐々木", "r1.md:8"),
    "one person written two ways": ((["佐々木さん"], ["佐々木"]), "", 1, "佐々木", "r1.md:8"),
    "a reading given": ((["鈴木", "田中"],), "```{speaker} 鈴木\n:reading: すずき\n```\n", 1,
                        "田中", "r1.md:12"),
    "every reading given": ((["鈴木"],), "```{speaker} 鈴木\n:reading: すずき\n```\n", 0, "", ""),
    "no kanji": ((["さとう", "Abby Bangser", "タナカ"],), "", 0, "", ""),
}


@pytest.mark.parametrize("case", WITHOUT, ids=list(WITHOUT))
def test_without_the_dictionary_one_warning_counts_the_names(project, monkeypatch, case):
    monkeypatch.setattr(kana, "default_guesser", no_dictionary)
    reports, profiles, count, first, place = WITHOUT[case]
    app = project(site(*reports, profiles=profiles), conf=CONF).build()
    warnings = archive_warnings(app)
    if not count:
        assert warnings == []
        return
    [warning] = warnings
    assert f"{place}: WARNING: no reading for {first!r}" in warning
    others = count - 1
    assert (f" and {others} other name{'s' * (others > 1)} in kanji," in warning) == bool(others)
    # The extra first: it places every name at once; :reading: one by one.
    each = "each" if others else "it"
    assert (f"install sphinx-eventarchive[ja] to guess readings, or give {each} a speaker "
            "profile with :reading: (kana)") in warning
    assert warning.endswith("[eventarchive.reading]")
    # The names are still placed: under their script.
    archive = app.env.domains["eventarchive"].archive
    assert sum(person.needs_reading() for person in archive.speakers.values()) == count


def test_with_the_dictionary_each_name_it_cannot_read_warns_at_its_line(project):
    if not kana.default_guesser().available:
        pytest.skip("the [ja] extra (SudachiPy) is not installed")
    app = project(site(["劉育維", "鈴木"], ["佐藤"], ["龔詩嫻"]), conf=CONF).build()
    warnings = archive_warnings(app)
    found = [(re.search(r"(r\d\.md:\d+): WARNING", w)[1], re.search(r"for '(\w+)'", w)[1])
             for w in warnings]
    assert found == [("r1.md:8", "劉育維"), ("r3.md:8", "龔詩嫻")]
    for warning in warnings:
        assert "(the dictionary could not read it)" in warning
        assert "sphinx-eventarchive[ja]" not in warning
        assert warning.endswith("[eventarchive.reading]")


def test_with_the_dictionary_ordinary_names_say_nothing(project):
    if not kana.default_guesser().available:
        pytest.skip("the [ja] extra (SudachiPy) is not installed")
    app = project(site(*ORDINARY), conf=CONF).build()
    assert archive_warnings(app) == []
