"""Nothing a user writes crashes a build or disappears without a warning.

One class of input per test group: merging write-ups, generated paths, file
paths and URLs, incremental builds. Each reads the built output the way its
readers do and checks every warning by its type.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import archive_warnings

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Robust"
html_baseurl = "https://archive.example.org/"
"""


def subtypes(app) -> list[str]:
    return [re.search(r"\[eventarchive\.(\w+)\]", w)[1] for w in archive_warnings(app)]


def toctree(*names: str) -> str:
    return "# Index\n\n```{toctree}\n" + "\n".join(names) + "\n```\n"


# -- merging write-ups ---------------------------------------------------------------------

FIRST = """\
# First report

```{event} Meetup #8
:id: pfem8
:date: 2024-04-19
:venue: Hall
```

```{session} Keynote talk
:id: pfem8/opening
:type: keynote
```
"""

SECOND = """\
# Second report

```{event} Meetup #8
:id: pfem8
```

```{session} Keynote talk
:id: pfem8/opening
:speakers: Abby Bangser
```
"""


def test_write_ups_are_merged_first_then_judged(project):
    app = project({"index.md": toctree("first", "second"), "first.md": FIRST,
                   "second.md": SECOND}, conf=CONF).build()
    # The second report names the event by id only: the first gives the date.
    assert archive_warnings(app) == []
    archive = app.env.domains["eventarchive"].archive
    assert archive.events["pfem8"].event.date == "2024-04-19"
    # A type left at its default is no value: the first report's keynote stands.
    assert archive.sessions["pfem8/opening"].session.type == "keynote"
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    assert {s["id"]: s["type"] for s in data["sessions"]} == {"pfem8/opening": "keynote"}


def test_a_type_given_twice_differently_is_a_conflict(project):
    second = SECOND.replace(":speakers: Abby Bangser", ":type: talk")
    app = project({"index.md": toctree("first", "second"), "first.md": FIRST,
                   "second.md": second}, conf=CONF).build()
    assert subtypes(app) == ["conflict"]


def test_no_date_in_any_write_up_warns_once(project):
    first = FIRST.replace(":date: 2024-04-19\n", "")
    app = project({"index.md": toctree("first", "second"), "first.md": first,
                   "second.md": SECOND}, conf=CONF).build()
    assert subtypes(app) == ["date"]
    assert "first.md:3:" in archive_warnings(app)[0]


# -- generated paths -------------------------------------------------------------------------


def test_a_name_that_slugs_to_index_gets_its_own_page(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:tags: Index, other\n```\n\n"
              "```{session} Talk\n:speakers: Index, Someone\n```\n")
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    assert archive_warnings(app) == []
    out = Path(app.outdir)
    for folder in ("speakers", "tags"):
        index = BeautifulSoup((out / folder / "index.html").read_text(encoding="utf-8"),
                              "html.parser")
        assert index.select_one("section.eventarchive-page h1").get_text() in ("Speakers", "Tags")
        own = BeautifulSoup((out / folder / "index_.html").read_text(encoding="utf-8"),
                            "html.parser")
        assert "Index" in own.select_one("section.eventarchive-page h1").get_text()


def test_a_page_of_the_users_own_wins_with_a_warning(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n```\n\n"
              "```{session} Talk\n:speakers: Abby Bangser\n```\n")
    files = {
        "index.md": toctree("report", "events/index", "speakers/abby-bangser"),
        "report.md": report,
        "events/index.md": "# My own events page\n\nHand written.\n",
        "speakers/abby-bangser.md": "# Abby, in my words\n",
        "extra/atom.xml": "<feed>mine</feed>\n",
        "extra/archive.json": "{\"mine\": true}\n",
    }
    app = project(files, conf=CONF + 'html_extra_path = ["extra"]\n').build()
    out = Path(app.outdir)
    assert "Hand written." in (out / "events" / "index.html").read_text(encoding="utf-8")
    assert "in my words" in (out / "speakers" / "abby-bangser.html").read_text(encoding="utf-8")
    assert (out / "atom.xml").read_text(encoding="utf-8") == "<feed>mine</feed>\n"
    assert json.loads((out / "archive.json").read_text(encoding="utf-8")) == {"mine": True}
    assert sorted(subtypes(app)) == ["path"] * 4
    # The other generated pages are still there.
    assert (out / "speakers" / "index.html").is_file() and (out / "events.ics").is_file()


def test_turning_generated_pages_off_removes_them(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:tags: x\n```\n\n"
              "```{session} Talk\n:speakers: Abby Bangser\n```\n")
    proj = project({"index.md": toctree("report"), "report.md": report}, conf=CONF)
    app = proj.build()
    out = Path(app.outdir)
    assert (out / "speakers" / "abby-bangser.html").is_file()
    proj.write({"conf.py": CONF + "eventarchive_generate_pages = False\n"})
    proj.build()
    assert not (out / "speakers").exists() and not (out / "tags").exists()
    assert not (out / "events").exists()


# -- file paths and URLs -----------------------------------------------------------------------


def test_an_event_image_outside_the_source_folder_is_refused(project, tmp_path):
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    report = "# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:image: ../secret.png\n```\n"
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    assert subtypes(app) == ["path"]
    assert "report.md:6:" in archive_warnings(app)[0]
    # Social cards drawn by the extension (extra "cards") are not the refused file.
    assert not [path for path in (Path(app.outdir) / "_images").rglob("*.png")
                if "cards" not in path.parts]


def test_a_hashtag_with_spaces_or_quotes_links_to_itself(project):
    report = ('# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:hashtag: #pfem "x" y\n```\n\n'
              "```{event} F\n:id: f\n:date: 2024-04-20\n:hashtag: ＃勉強会_2024\n```\n")
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    assert archive_warnings(app) == []
    page = BeautifulSoup((Path(app.outdir) / "report.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = {a.get_text(): a["href"] for a in page.find_all("a", href=True)
             if "hashtag" in a["href"]}
    assert links == {'#pfem "x" y': "https://x.com/hashtag/pfem%20%22x%22%20y",
                     "#勉強会_2024": "https://x.com/hashtag/%E5%8B%89%E5%BC%B7%E4%BC%9A_2024"}


# -- incremental builds ---------------------------------------------------------------------


def _head(app, page: str) -> dict[str, list[str]]:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"),
                         "html.parser")
    found: dict[str, list[str]] = {}
    for meta in soup.head.find_all("meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            found.setdefault(key, []).append(meta.get("content"))
    scripts = soup.find_all("script", type="application/ld+json")
    found["ld+json"] = [script.string for script in scripts]
    return found


def test_editing_one_write_up_refreshes_the_others_social_metadata(project):
    first = "# First\n\n```{event} Meetup\n:id: m\n:date: 2024-04-19\n```\n"
    second = ("# Second\n\n```{event} Meetup\n:id: m\n\nOld words.\n```\n\n"
              "```{session} Talk\n:speakers: Abby Bangser\n```\n")
    proj = project({"index.md": toctree("first", "second"), "first.md": first,
                    "second.md": second}, conf=CONF)
    proj.build()
    time.sleep(0.01)
    proj.write({"second.md": second.replace("Old words.", "New words.").replace(
        "Abby Bangser", "Whitney Lee")})
    edited = _head(proj.build(), "first")
    clean = _head(proj.build(freshenv=True), "first")
    assert edited == clean
    assert edited["og:description"] == ["New words."]
    assert "Whitney Lee" in edited["ld+json"][0]


# -- listings ----------------------------------------------------------------------------------


def test_listings_with_nothing_to_show_say_why(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:series: Meetup\n```\n\n"
              "```{eventlist}\n:series: Meetups\n```\n\n"
              "```{eventlist}\n:year: ２０２４\n```\n\n"
              "```{eventlist}\n:year: twenty\n```\n")
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    warnings = archive_warnings(app)
    assert [(w.split(":")[1], re.search(r"\[eventarchive\.(\w+)\]", w)[1]) for w in warnings] \
        == [("18", "option"), ("9", "ref")]
    page = BeautifulSoup((Path(app.outdir) / "report.html").read_text(encoding="utf-8"),
                         "html.parser")
    # The unknown series lists nothing; the full-width year is the year; the year that
    # cannot be read is left out (with its warning), so that list shows every event.
    lists = page.select("div.eventarchive-eventlist, p.eventarchive-empty")
    assert [[title.get_text(" ", strip=True) for title in found.select(".eventarchive-item-title")]
            for found in lists] == [[], ["E"], ["E"]]


def test_yaml_list_speakers_and_ids_in_any_script(project):
    report = ("# R\n\n```{event} E\n:id: งาน-พิมพ์\n:date: 2024-04-19\n```\n\n"
              "```{session} Talk\n---\nspeakers:\n- Doe, Jane (Acme)\n- 佐々木\n---\n```\n")
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    assert archive_warnings(app) == []
    domain = app.env.domains["eventarchive"]
    assert "งาน-พิมพ์" in domain.events
    [talk] = [s for by_doc in domain.sessions.values() for s in by_doc.values()]
    assert [(s.name, s.affiliation) for s in talk.speakers] == [("Doe, Jane", "Acme"),
                                                                ("佐々木", "")]


def test_exports_are_readable_by_the_web_server(project):
    report = "# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n```\n"
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    for name in ("archive.json", "events.ics", "atom.xml"):
        assert (Path(app.outdir) / name).stat().st_mode & 0o044 == 0o044, name


# -- navigation to the generated pages -------------------------------------------------------


def test_index_pages_in_toctrees_and_roles(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:tags: x\n```\n\n"
              "```{session} Talk\n:speakers: Abby Bangser\n```\n\n"
              "See {archive-page}`speakers`, {archive-page}`every tag <tags>` and "
              "{archive-page}`nothing`.\n")
    index = ("# Home\n\n```{toctree}\nreport\nevents/index\nspeakers/index\nAll tags <tags/index>"
             "\n```\n")
    proj = project({"index.md": index, "report.md": report}, conf=CONF)
    for builder in ("html", "dirhtml"):
        app = proj.build(builder)
        [warning] = archive_warnings(app)
        assert "unknown page 'nothing'" in warning and "[eventarchive.ref]" in warning
        assert "toctree contains" not in app.warning.getvalue()
        out = Path(app.outdir)
        home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = {a.get_text(): a["href"] for a in home.select("li.toctree-l1 > a")}
        assert links["Events"] == ("events/index.html" if builder == "html" else "events/")
        assert links["All tags"] == ("tags/index.html" if builder == "html" else "tags/")
        page = out / ("report.html" if builder == "html" else "report/index.html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refs = {a.get_text(): a["href"] for a in soup.select("div.body a.reference.internal")}
        expected = "speakers/index.html" if builder == "html" else "../speakers/"
        assert refs["Speakers"] == expected
        assert refs["every tag"] == expected.replace("speakers", "tags")


def test_a_session_inside_only_is_in_the_archive_of_its_outputs_only(project):
    report = ("# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n```\n\n"
              "````{only} latex\n```{session} Printed only\n:speakers: Abby Bangser\n```\n````\n\n"
              "```{session} Everywhere\n:speakers: Abby Bangser\n```\n")
    proj = project({"index.md": toctree("report"), "report.md": report}, conf=CONF)
    app = proj.build("html")
    assert archive_warnings(app) == []
    page = (Path(app.outdir) / "speakers" / "abby-bangser.html").read_text(encoding="utf-8")
    assert "Everywhere" in page and "Printed only" not in page
    data = json.loads((Path(app.outdir) / "archive.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["sessions"]] == ["Everywhere"]
    latex = proj.build("latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Printed only" in tex and "Everywhere" in tex


def test_a_list_of_nothing_but_separators_warns(project):
    report = "# R\n\n```{event} E\n:id: e\n:date: 2024-04-19\n:tags: ;\n```\n"
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    assert subtypes(app) == ["option"]
    assert "report.md:6:" in archive_warnings(app)[0]


def test_an_event_card_offers_to_add_the_event_to_a_calendar(project):
    report = ("# R\n\n```{event} Meetup & more\n:id: m\n:date: 2024-04-19T19:00+09:00\n"
              ":end: 2024-04-19T21:00+09:00\n:venue: Hall\n```\n")
    app = project({"index.md": toctree("report"), "report.md": report}, conf=CONF).build()
    page = BeautifulSoup((Path(app.outdir) / "report.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("a.eventarchive-calendar-link")}
    google = links["Add to Google Calendar"]
    assert google.startswith("https://calendar.google.com/") and "Meetup%20%26%20more" in google
    assert "20240419T100000Z%2F20240419T120000Z" in google
    assert links["Calendar file (.ics)"] == "https://archive.example.org/events.ics"
    text = project({"index.md": toctree("report"), "report.md": report}, conf=CONF,
                   name="text").build("text")
    assert "Google" not in (Path(text.outdir) / "report.txt").read_text(encoding="utf-8")
