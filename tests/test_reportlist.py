"""``reportlist`` (SPEC §4): reports newest first by publication date, like a blog's index.

Read as consumers do: the HTML cards (title, date, authors, tags, description),
the text builder's lines, and after adding, editing and removing reports the
same page as a clean build gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from conftest import archive_warnings, warnings_of

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Blog"
html_baseurl = "https://archive.example.org/"
"""

INDEX = """\
# Home

```{toctree}
:glob:

r-*
```

## Latest

```{reportlist}
```

## Tagged SRE, by Mina, in 2024, two at most

```{reportlist}
:tags: sre
:author: MINA OKADA
:year: 2024
:limit: 2
```

## Nothing

```{reportlist}
:year: 2019
```
"""


def report(title: str, date: str, *, author: str = "Mina Okada", tags: str = "SRE",
           description: str = "", draft: bool = False) -> str:
    front = [f"title: {title}", f"date: {date}", f"author: {author}", f"tags: [{tags}]"]
    if description:
        front.append(f"description: {description}")
    if draft:
        front.append("draft: true")
    # A page is a report when it holds an archive directive (SPEC §1): the event it reports.
    event = f"```{{event}} {title}\n:date: {date[:10]}\n```\n"
    return "---\n" + "\n".join(front) + f"\n---\n\n# {title}\n\n{event}\nText.\n"


REPORTS = {
    "r-a.md": report("Spring notes", "2024-03-01", description="What we learned in spring."),
    "r-b.md": report("Summer notes", "2024-07-15T10:00:00+09:00", author="Ken Ito"),
    "r-c.md": report("Autumn notes", "2024-10-01", tags="Go"),
    "r-d.md": report("Old notes", "2023-05-05"),
    "r-e.md": report("Secret notes", "2024-12-24", draft=True),
    "r-f.md": report("Winter notes", "2024-12-01", description='<b>bold</b> & "quoted"'),
}


def sections(app, page: str = "index.html") -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"),
                         "html.parser")
    return {" ".join(s.h2.get_text().split()).rstrip("¶"): s
            for s in soup.select("div.body section section")}


def titles(section) -> list[str]:
    return [" ".join(p.get_text().split()) for p in section.select(
        "div.eventarchive-reportlist > div.eventarchive-rcard > .eventarchive-item-title")]


def test_reports_newest_first_with_date_authors_tags_and_description(project):
    app = project({"index.md": INDEX, **REPORTS}, conf=CONF).build()
    assert warnings_of(app) == []
    latest = sections(app)["Latest"]
    # Drafts are left out; the newest first, whatever the file names say.
    assert titles(latest) == ["Winter notes", "Autumn notes", "Summer notes", "Spring notes",
                              "Old notes"]
    cards = latest.select("div.eventarchive-rcard")
    winter = cards[0]
    assert winter.select_one(".eventarchive-item-title a")["href"] == "r-f.html"
    assert " ".join(winter.select_one(".eventarchive-date").get_text().split()) == \
        "Sun, Dec 1, 2024"
    assert winter.select_one(".eventarchive-authors").get_text() == "Mina Okada"
    # The author is a person: the card links to their page, on documents and generated
    # pages alike (the tag page lists the same reports).
    assert [a["href"] for a in winter.select(".eventarchive-authors a")] == [
        "speakers/mina-okada.html"]
    tag_page = BeautifulSoup((Path(app.outdir) / "tags" / "sre.html").read_text(
        encoding="utf-8"), "html.parser")
    assert {a["href"] for a in tag_page.select(".eventarchive-authors a")} == {
        "../speakers/mina-okada.html", "../speakers/ken-ito.html"}
    assert (Path(app.outdir) / "speakers" / "mina-okada.html").is_file()
    assert [a.get_text() for a in winter.select(".eventarchive-tags a")] == ["SRE"]
    assert [a["href"] for a in winter.select(".eventarchive-tags a")] == ["tags/sre.html"]
    # What the author wrote is shown as text, never as markup.
    description = winter.select_one(".eventarchive-description")
    assert description.get_text() == '<b>bold</b> & "quoted"'
    assert description.find("b") is None
    spring = cards[3]
    assert spring.select_one(".eventarchive-description").get_text() == (
        "What we learned in spring.")
    assert cards[2].select_one(".eventarchive-description") is None


def test_filters_and_limit(project):
    app = project({"index.md": INDEX, **REPORTS}, conf=CONF).build()
    found = sections(app)
    # :tags: and :author: match without regard to case; :year: by publication date.
    assert titles(found["Tagged SRE, by Mina, in 2024, two at most"]) == [
        "Winter notes", "Spring notes"]
    nothing = found["Nothing"]
    assert titles(nothing) == []
    assert nothing.select_one(".eventarchive-empty").get_text() == "No reports yet."


BY_AUTHOR = """# Reports

```{toctree}
:glob:
people
r-*
```

## By Mina

```{reportlist}
:author: mina okada
```

## By Okada

```{reportlist}
:author: 岡田
```
"""

PROFILE = """# People

```{speaker} Mina Okada
:aliases: 岡田
```
"""


def test_an_author_is_found_by_the_rule_that_finds_speakers(project):
    # With an honorific, in another case, or by an alias of their profile: one person.
    files = {"index.md": BY_AUTHOR, "people.md": PROFILE,
             "r-a.md": REPORTS["r-a.md"], "r-b.md": REPORTS["r-b.md"],
             "r-g.md": report("Harvest notes", "2024-11-01", author="Mina Okada さん"),
             "r-h.md": report("Kanji notes", "2024-11-05", author="岡田さん")}
    app = project(files, conf=CONF).build()
    assert warnings_of(app) == []
    found = sections(app)
    mina = ["Kanji notes", "Harvest notes", "Spring notes"]
    assert titles(found["By Mina"]) == mina
    assert titles(found["By Okada"]) == mina


def test_other_builders_list_one_report_a_line(project):
    app = project({"index.md": INDEX, **REPORTS}, conf=CONF).build("text")
    assert warnings_of(app) == []
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    latest = text.split("Latest\n======\n")[1].split("\n\n\n")[0]
    lines = [" ".join(item.split()) for item in re.findall(r"^\* (.*(?:\n  .*)*)", latest, re.M)]
    assert lines == ["Winter notes — Sun, Dec 1, 2024 · Mina Okada · SRE",
                     "Autumn notes — Tue, Oct 1, 2024 · Mina Okada · Go",
                     "Summer notes — Mon, Jul 15, 2024 · Ken Ito · SRE",
                     "Spring notes — Fri, Mar 1, 2024 · Mina Okada · SRE",
                     "Old notes — Fri, May 5, 2023 · Mina Okada · SRE"]


def test_adding_editing_and_removing_reports_updates_the_list(project):
    proj = project({"index.md": INDEX, **REPORTS}, conf=CONF)
    proj.build()
    proj.write({"r-g.md": report("Brand new notes", "2025-01-10")})
    proj.write({"r-a.md": REPORTS["r-a.md"].replace("2024-03-01", "2022-01-01")})
    proj.remove("r-c.md")
    app = proj.build()
    assert archive_warnings(app) == []
    incremental = titles(sections(app)["Latest"])
    assert incremental == ["Brand new notes", "Winter notes", "Summer notes", "Old notes",
                           "Spring notes"]
    clean = project({"index.md": INDEX, **{k: v for k, v in REPORTS.items() if k != "r-c.md"},
                     "r-g.md": report("Brand new notes", "2025-01-10"),
                     "r-a.md": REPORTS["r-a.md"].replace("2024-03-01", "2022-01-01")},
                    conf=CONF, name="clean").build()
    assert (Path(app.outdir) / "index.html").read_text(encoding="utf-8") == (
        Path(clean.outdir) / "index.html").read_text(encoding="utf-8")


def test_bad_options_warn_at_their_line(project):
    bad = "# Bad\n\n```{reportlist}\n:year: last\n:limit: none\n:sort: oldest\n```\n"
    app = project({"index.md": "# Home\n\n```{toctree}\nbad\n```\n", "bad.md": bad},
                  conf=CONF).build()
    found = sorted((re.search(r"bad\.md:(\d+)", w)[1], re.search(r"\[eventarchive\.(\w+)\]",
                                                                   w)[1])
                   for w in archive_warnings(app))
    assert found == [("4", "option"), ("5", "option"), ("6", "option")]


def test_a_profile_that_renames_an_author_rewrites_the_lists(project):
    """The cards link each author to their page: a profile written later that names the
    person anew (岡田 美奈, with the old spelling as an alias) moves the link and the name
    on every list, as a clean build shows them."""
    home = "# Home\n\n```{toctree}\n:glob:\npeople\nlatest\nr-*\n```\n"
    latest = "# Reports\n\n## Latest\n\n```{reportlist}\n```\n"
    files = {"index.md": home, "latest.md": latest, "people.md": "# People\n",
             "r-a.md": REPORTS["r-a.md"], "r-b.md": REPORTS["r-b.md"]}
    renamed = "# People\n\n```{speaker} 岡田 美奈\n:aliases: Mina Okada, 岡田\n```\n"
    proj = project(files, conf=CONF)
    before = authors_of(proj.build())
    assert before["Spring notes"] == [("Mina Okada", "speakers/mina-okada.html")]
    proj.write({"people.md": renamed})
    app = proj.build()
    assert archive_warnings(app) == []
    after = authors_of(app)
    assert after["Spring notes"] == [("岡田 美奈", "speakers/" + quote("岡田-美奈") + ".html")]
    clean = project({**files, "people.md": renamed}, conf=CONF, name="clean").build()
    assert after == authors_of(clean)
    assert (Path(app.outdir) / "latest.html").read_text(encoding="utf-8") == (
        Path(clean.outdir) / "latest.html").read_text(encoding="utf-8")


def authors_of(app) -> dict[str, list[tuple[str, str]]]:
    """Each report card's title and its authors' (name, link) on the list."""
    by_mina = sections(app, "latest.html")["Latest"]
    return {" ".join(card.select_one(".eventarchive-item-title").get_text().split()):
            [(a.get_text(), a["href"]) for a in card.select(".eventarchive-authors a")]
            for card in by_mina.select("div.eventarchive-rcard")}
