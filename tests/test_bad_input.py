"""Bad input (SPEC §9): a typed warning at the right file and line, and the build goes on.

Each case writes the same mistake into a MyST page and a reStructuredText page
between a good event above and a good session below, next to an untouched
page; the warnings must be exactly the expected ones, and everything else must
still be there.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of

INDEX = """\
# Index

```{toctree}
bad_md
bad_rst
other
```

```{eventlist}
```

```{sessionlist}
```
"""

OTHER = """\
# Other

```{event} Other meetup
:id: other
:date: 2023-01-01
```

```{session} Other talk
:speakers: Someone Else
```
"""

MD_HEAD = """\
# Bad input

```{event} Good meetup
:id: good
:date: 2024-04-19T19:00+09:00
```

"""

MD_TAIL = """

```{session} Later talk
:event: good
:speakers: Later Speaker
```
"""

RST_HEAD = """\
Bad input
=========

.. event:: Good meetup
   :id: good
   :date: 2024-04-19T19:00+09:00

"""

RST_TAIL = """

.. session:: Later talk
   :event: good
   :speakers: Later Speaker
"""

WARNING = re.compile(
    r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: (?:WARNING|ERROR): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?$")


class Case:
    """A built bad-input project: the sources, the app and the warnings by place."""

    def __init__(self, project, md: str, rst: str, *, md_front: str = "", rst_front: str = "",
                 conf: str | None = None) -> None:
        self.sources = {
            "bad_md.md": md_front + MD_HEAD + md + MD_TAIL,
            "bad_rst.rst": rst_front + RST_HEAD + rst + RST_TAIL,
        }
        self.project = project({"index.md": INDEX, "other.md": OTHER, **self.sources},
                               **({"conf": conf} if conf else {}))
        self.app = self.project.build()

    def line(self, filename: str, needle: str, nth: int = 1) -> int:
        """1-based line of the ``nth`` line holding ``needle``."""
        hits = [n for n, text in enumerate(self.sources[filename].splitlines(), 1)
                if needle in text]
        assert len(hits) >= nth, f"{needle!r} not in {filename}"
        return hits[nth - 1]

    def warnings(self) -> list[tuple[str, int | None, str]]:
        """(file, line, type) of every warning, sorted; unparseable lines kept whole."""
        found = []
        for text in warnings_of(self.app):
            text = text.replace(str(self.project.srcdir) + "/", "")
            match = WARNING.match(text)
            if not match:
                found.append((text, None, "?"))
                continue
            found.append((match["file"], int(match["line"]) if match["line"] else None,
                          match["type"] or "?"))
        return sorted(found, key=repr)

    def expect(self, *expected: tuple[str, str, str] | tuple[str, str, str, int]) -> None:
        """Exactly these warnings: (file, needle on the line, subtype[, nth occurrence])."""
        want = []
        for filename, needle, subtype, *nth in expected:
            want.append((filename, self.line(filename, needle, *nth), f"eventarchive.{subtype}"))
        assert self.warnings() == sorted(want, key=repr)

    def html(self, name: str) -> str:
        return (Path(self.app.outdir) / name).read_text(encoding="utf-8")

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(name), "html.parser")

    def all_html(self) -> dict[str, BeautifulSoup]:
        out = Path(self.app.outdir)
        return {str(p.relative_to(out)): BeautifulSoup(p.read_text(encoding="utf-8"),
                                                       "html.parser")
                for p in out.rglob("*.html")}

    def check_rest_renders(self) -> None:
        """The good parts of the bad pages and every other page are all there."""
        for name in ("bad_md.html", "bad_rst.html"):
            soup = self.soup(name)
            assert "Later talk" in session_titles(soup), name
            assert "Good meetup" in card_titles(soup), name
            assert [text(a) for a in soup.select(".eventarchive-speakers a")][-1] == "Later Speaker"
        other = self.soup("other.html")
        assert card_titles(other) == ["Other meetup"]
        assert session_titles(other) == ["Other talk"]
        index = self.soup("index.html")
        events = [text(p.find("a"))
                  for p in index.select(".eventarchive-ecard > .eventarchive-item-title")]
        assert "Good meetup" in events and "Other meetup" in events
        sessions = [text(p.find("a"))
                    for p in index.select(".eventarchive-scard > .eventarchive-item-title")]
        assert "Later talk" in sessions and "Other talk" in sessions


def text(element) -> str:
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).rstrip("¶").strip()


def session_titles(soup: BeautifulSoup) -> list[str]:
    return [text(h) for h in soup.select(".eventarchive-session-title")]


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [text(t) for t in soup.select(".eventarchive-card-title")]


def urls_in(soup: BeautifulSoup) -> list[str]:
    return [value for tag in soup.find_all(True)
            for attr in ("href", "src", "data-src", "content", "action", "formaction")
            if isinstance(value := tag.get(attr), str)]


# -- dates ---------------------------------------------------------------------------------------


def test_missing_date(project):
    case = Case(
        project,
        "```{event} No date meetup\n:id: nodate\n:format: online\n```\n",
        ".. event:: No date meetup\n   :id: nodate-rst\n   :format: online\n",
    )
    case.expect(("bad_md.md", "{event} No date meetup", "date"),
                ("bad_rst.rst", ".. event:: No date meetup", "date"))
    case.check_rest_renders()
    # The event itself is not lost: its card, and a line in the event list.
    assert card_titles(case.soup("bad_md.html")) == ["Good meetup", "No date meetup"]
    events = [text(p.find("a")) for p in case.soup("index.html").select(
        ".eventarchive-ecard > .eventarchive-item-title")]
    assert events.count("No date meetup") == 2


def test_malformed_date(project):
    case = Case(
        project,
        "```{event} Bad date meetup\n:id: baddate\n:date: 2024-13-45\n:end: tomorrow\n```\n\n"
        "```{session} Bad start\n:start: 19:00\n:end: 2024-04-19T25:00+09:00\n```\n",
        ".. event:: Bad date meetup\n   :id: baddate-rst\n   :date: 2024-13-45\n"
        "   :end: tomorrow\n\n"
        ".. session:: Bad start\n   :start: 19:00\n   :end: 2024-04-19T25:00+09:00\n",
    )
    case.expect(
        ("bad_md.md", ":date: 2024-13-45", "date"), ("bad_md.md", ":end: tomorrow", "date"),
        ("bad_md.md", ":start: 19:00", "date"), ("bad_md.md", "T25:00", "date"),
        ("bad_rst.rst", ":date: 2024-13-45", "date"), ("bad_rst.rst", ":end: tomorrow", "date"),
        ("bad_rst.rst", ":start: 19:00", "date"), ("bad_rst.rst", "T25:00", "date"),
    )
    case.check_rest_renders()
    assert "Bad start" in session_titles(case.soup("bad_rst.html"))


def test_end_before_start(project):
    case = Case(
        project,
        "```{event} Backwards\n:id: backwards\n:date: 2024-04-19\n:end: 2024-04-18\n```\n",
        ".. event:: Backwards\n   :id: backwards-rst\n   :date: 2024-04-19\n"
        "   :end: 2024-04-18\n",
    )
    case.expect(("bad_md.md", ":end: 2024-04-18", "date"),
                ("bad_rst.rst", ":end: 2024-04-18", "date"))
    case.check_rest_renders()


def test_malformed_front_matter_date(project):
    case = Case(
        project, "", "",
        md_front="---\ntitle: Report\ndate: 2024-02-30\n---\n\n",
        rst_front=":title: Report\n:date: 2024-02-30\n\n",
    )
    # MyST's own YAML reading fails on the impossible date and says so at line 1
    # (myst.topmatter); we read the block as text and warn at the key's line.
    myst = ("bad_md.md", 1, "myst.topmatter")
    assert myst in case.warnings()
    ours = [w for w in case.warnings() if w != myst]
    assert ours == sorted([("bad_md.md", case.line("bad_md.md", "date: 2024-02-30"),
                            "eventarchive.date"),
                           ("bad_rst.rst", case.line("bad_rst.rst", ":date: 2024-02-30"),
                            "eventarchive.date")], key=repr)
    case.check_rest_renders()


# -- fixed choices and ids -------------------------------------------------------------------------


def test_unknown_format(project):
    case = Case(
        project,
        "```{event} Odd meetup\n:id: odd\n:date: 2024-01-01\n:format: carrier-pigeon\n```\n",
        ".. event:: Odd meetup\n   :id: odd-rst\n   :date: 2024-01-01\n"
        "   :format: carrier-pigeon\n",
    )
    case.expect(("bad_md.md", ":format: carrier-pigeon", "option"),
                ("bad_rst.rst", ":format: carrier-pigeon", "option"))
    case.check_rest_renders()
    assert "carrier-pigeon" not in case.html("bad_md.html")


def test_unknown_type(project):
    case = Case(
        project,
        "```{session} Odd talk\n:event: good\n:type: sermon\n```\n",
        ".. session:: Odd talk\n   :event: good\n   :type: sermon\n",
    )
    case.expect(("bad_md.md", ":type: sermon", "option"),
                ("bad_rst.rst", ":type: sermon", "option"))
    case.check_rest_renders()
    block = [div for div in case.soup("bad_md.html").select("div.eventarchive-session")
             if "Odd talk" in text(div)][0]
    assert block.select_one(".eventarchive-badge")["class"] == [
        "eventarchive-badge", "eventarchive-type-talk"]


def test_yaml_block_option_warns_at_its_own_line(project):
    case = Case(
        project,
        "```{event} Odd meetup\n---\nid: odd\ndate: 2024-01-01\nformat: carrier-pigeon\n---\n"
        "Description.\n```\n\n"
        "```{session} Odd talk\n---\nevent: good\ntype: sermon\n---\n```\n",
        "",
    )
    case.expect(("bad_md.md", "format: carrier-pigeon", "option"),
                ("bad_md.md", "type: sermon", "option"))
    case.check_rest_renders()


def test_duplicate_event_id_on_one_page(project):
    case = Case(
        project,
        "```{event} Twice\n:id: twice\n:date: 2024-01-01\n```\n\n"
        "```{event} Twice again\n:id: twice\n:date: 2024-01-01\n```\n",
        ".. event:: Twice\n   :id: twice-rst\n   :date: 2024-01-01\n\n"
        ".. event:: Twice again\n   :id: twice-rst\n   :date: 2024-01-01\n",
    )
    case.expect(("bad_md.md", "{event} Twice again", "id"),
                ("bad_rst.rst", ".. event:: Twice again", "id"))
    case.check_rest_renders()
    events = case.app.env.domains["eventarchive"].archive.events
    assert events["twice"].event.name == "Twice"


def test_duplicate_session_id_on_one_page(project):
    case = Case(
        project,
        "```{session} Same title\n:event: good\n```\n\n"
        "```{session} Same title\n:event: good\n```\n",
        ".. session:: Same title\n   :id: same-rst\n   :event: good\n\n"
        ".. session:: Other title\n   :id: same-rst\n   :event: good\n",
    )
    case.expect(("bad_md.md", "{session} Same title", "id", 2),
                ("bad_rst.rst", ".. session:: Other title", "id"))
    case.check_rest_renders()


def test_malformed_id(project):
    case = Case(
        project,
        "```{event} Spacey\n:id: has space!\n:date: 2024-01-01\n```\n",
        ".. event:: Spacey\n   :id: ../escape\n   :date: 2024-01-01\n",
    )
    case.expect(("bad_md.md", ":id: has space!", "id"), ("bad_rst.rst", ":id: ../escape", "id"))
    case.check_rest_renders()
    # The default id (a slug of the name) is used instead.
    assert "spacey" in case.app.env.domains["eventarchive"].archive.events


# -- references ----------------------------------------------------------------------------------


def test_session_of_an_unknown_event_warns_and_is_still_listed(project):
    case = Case(
        project,
        "```{session} Orphan talk\n:event: nosuch\n:speakers: Lonely Speaker\n```\n",
        ".. session:: Orphan rst talk\n   :event: nosuch\n",
    )
    case.expect(("bad_md.md", "{session} Orphan talk", "ref"),
                ("bad_rst.rst", ".. session:: Orphan rst talk", "ref"))
    case.check_rest_renders()
    assert "Orphan talk" in session_titles(case.soup("bad_md.html"))
    listed = [text(p.find("a")) for p in case.soup("index.html").select(
        ".eventarchive-scard > .eventarchive-item-title")]
    assert "Orphan talk" in listed and "Orphan rst talk" in listed
    assert "lonely speaker" in case.app.env.domains["eventarchive"].archive.speakers


def test_unknown_role_targets(project):
    case = Case(
        project,
        "A {speaker}`Nobody Known`.\n\nB {session}`good/no-such-talk`.\n\n"
        "C {tag}`no-such-tag`.\n\nD {event}`no-such-event`.\n",
        "A :speaker:`Nobody Known`.\n\nB :session:`good/no-such-talk`.\n\n"
        "C :tag:`no-such-tag`.\n\nD :event:`no-such-event`.\n",
    )
    case.expect(*[(name, f"{letter} {{" if name.endswith(".md") else f"{letter} :", "ref")
                  for name in ("bad_md.md", "bad_rst.rst") for letter in "ABCD"])
    case.check_rest_renders()
    body = text(case.soup("bad_rst.html").select_one("div.body"))
    for shown in ("A Nobody Known.", "B good/no-such-talk.", "C no-such-tag.", "D no-such-event."):
        assert shown in body


def test_unknown_role_target_with_explicit_title(project):
    case = Case(project, "See {speaker}`Abby <Abby Nobody>`.\n",
                "See :speaker:`Abby <Abby Nobody>`.\n")
    case.expect(("bad_md.md", "See ", "ref"), ("bad_rst.rst", "See ", "ref"))
    case.check_rest_renders()
    assert "See Abby." in text(case.soup("bad_md.html").select_one("div.body"))


# -- speakers ------------------------------------------------------------------------------------


def test_unbalanced_name_affiliation(project):
    case = Case(
        project,
        "```{session} Unbalanced\n:event: good\n:speakers: Abby Bangser (Syntasso, Whitney Lee\n"
        "```\n",
        ".. session:: Unbalanced rst\n   :event: good\n   :speakers: 佐々木（コドモン\n",
    )
    case.expect(("bad_md.md", ":speakers: Abby", "speaker"),
                ("bad_rst.rst", ":speakers: 佐々木", "speaker"))
    case.check_rest_renders()
    # The person is kept.
    speakers = case.app.env.domains["eventarchive"].archive.speakers
    assert speakers["abby bangser"].name == "Abby Bangser"
    assert speakers["佐々木"].name == "佐々木"


# -- Speaker Deck ----------------------------------------------------------------------------------


def test_malformed_speakerdeck_id(project):
    case = Case(
        project,
        "```{speakerdeck} not-an-id\n```\n\n"
        "```{speakerdeck} 66FF0884ADF14862B6019FC4BCC5C5F6\n```\n\n"
        "```{session} Bad deck\n:event: good\n:slides: https://speakerdeck.com/player/XYZ\n```\n",
        ".. speakerdeck:: 66ff0884adf14862b6019fc4bcc5c5f\n\n"
        ".. session:: Bad rst deck\n   :event: good\n   :slides: https://speakerdeck.com/player/123\n",
    )
    case.expect(("bad_md.md", "{speakerdeck} not-an-id", "embed"),
                ("bad_md.md", "{speakerdeck} 66FF", "embed"),
                ("bad_md.md", ":slides:", "embed"),
                ("bad_rst.rst", ".. speakerdeck::", "embed"),
                ("bad_rst.rst", ":slides:", "embed"))
    case.check_rest_renders()
    for name in ("bad_md.html", "bad_rst.html"):
        assert case.soup(name).select("iframe") == []
    # The slides URL is still a link.
    hrefs = [a["href"] for a in case.soup("bad_md.html").select(".eventarchive-embed-link a")]
    assert hrefs == ["https://speakerdeck.com/player/XYZ"]


def test_malformed_speakerdeck_url(project):
    case = Case(
        project,
        "```{speakerdeck} https://speakerdeck.com/\n```\n\n"
        "```{speakerdeck} https://example.org/player/66ff0884adf14862b6019fc4bcc5c5f6\n```\n",
        ".. speakerdeck:: https://speakerdeck.com/abby/deck/extra/parts\n\n"
        ".. speakerdeck:: https://speakerdeck.com/player/\n",
    )
    case.expect(("bad_md.md", "{speakerdeck} https://speakerdeck.com/", "embed"),
                ("bad_md.md", "{speakerdeck} https://example.org", "embed"),
                ("bad_rst.rst", "/extra/parts", "embed"),
                ("bad_rst.rst", "speakerdeck.com/player/", "embed"))
    case.check_rest_renders()
    assert case.soup("bad_md.html").select("iframe") == []


def test_unresolved_presentation_url_is_a_link_and_warns_once(project):
    deck = "https://speakerdeck.com/abby/platform-engineering"
    case = Case(
        project,
        f"```{{speakerdeck}} {deck}\n:title: The deck\n```\n",
        f".. session:: With deck\n   :event: good\n   :slides: {deck}\n",
    )
    case.expect(("bad_md.md", "{speakerdeck}", "speakerdeck"),
                ("bad_rst.rst", ":slides:", "speakerdeck"))
    case.check_rest_renders()
    md = case.soup("bad_md.html")
    assert md.select("iframe") == []
    assert [(text(a), a["href"]) for a in md.select(".eventarchive-embed-link a")] == [
        ("The deck", deck)]
    assert [a["href"] for a in case.soup("bad_rst.html").select(".eventarchive-embed-link a")] == [
        deck]
    # No cache file is written into the source tree without the opt-in.
    assert not (case.project.srcdir / "eventarchive-cache.json").exists()


# -- URLs ----------------------------------------------------------------------------------------


def _url_case(project, bad: str) -> Case:
    md = (
        f"```{{event}} Linked meetup\n:id: linked\n:date: 2024-01-01\n:url: {bad}\n"
        f":video: {bad}\n:image: {bad}\n```\n\n"
        f"```{{session}} Linked talk\n:slides: {bad}\n:video: {bad}\n:url: {bad}\n```\n\n"
        f"```{{speakerdeck}} {bad}\n```\n"
    )
    rst = (
        f".. event:: Linked meetup\n   :id: linked-rst\n   :date: 2024-01-01\n   :url: {bad}\n"
        f"   :video: {bad}\n   :image: {bad}\n\n"
        f".. session:: Linked talk\n   :slides: {bad}\n   :video: {bad}\n   :url: {bad}\n"
    )
    front = f"---\ntitle: Report\ncanonical: {bad}\nimage: {bad}\n---\n\n"
    return Case(project, md, rst, md_front=front)


def _expect_url_warnings(case: Case) -> None:
    md, rst = "bad_md.md", "bad_rst.rst"
    case.expect(
        (md, "canonical:", "url"), (md, "image:", "url", 1),
        (md, ":url:", "url", 1), (md, ":video:", "url", 1), (md, ":image:", "url"),
        (md, ":slides:", "url"), (md, ":video:", "url", 2), (md, ":url:", "url", 2),
        (md, "{speakerdeck}", "url"),
        (rst, ":url:", "url", 1), (rst, ":video:", "url", 1), (rst, ":image:", "url"),
        (rst, ":slides:", "url"), (rst, ":video:", "url", 2), (rst, ":url:", "url", 2),
    )


def _check_never_linked(case: Case, bad: str) -> None:
    """Nowhere in any page does the bad URL become a link, a frame or a meta value."""
    stripped = bad.strip()
    for name, soup in case.all_html().items():
        for value in urls_in(soup):
            lowered = value.strip().lower()
            assert not lowered.startswith(("javascript:", "data:", "vbscript:")), (name, value)
            assert stripped not in value, (name, value)
        for element in soup.select("link[rel=canonical]"):
            assert element["href"].startswith("https://"), name


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "JavaScript:alert(document.domain)"])
def test_javascript_url(project, bad):
    case = _url_case(project, bad)
    _expect_url_warnings(case)
    case.check_rest_renders()
    _check_never_linked(case, bad)
    assert "Linked talk" in session_titles(case.soup("bad_md.html"))


def test_data_url(project):
    bad = "data:text/html,<b>x</b>"
    case = _url_case(project, bad)
    _expect_url_warnings(case)
    case.check_rest_renders()
    _check_never_linked(case, bad)


@pytest.mark.parametrize("bad", ["https://exa mple.org/deck", "https://example.org/\u3000deck"])
def test_url_with_white_space(project, bad):
    case = _url_case(project, bad)
    _expect_url_warnings(case)
    case.check_rest_renders()
    _check_never_linked(case, bad)
    # Neither half of the URL becomes a link.
    for soup in case.all_html().values():
        assert not any(value.startswith("https://exa") and "example.org/" not in value
                       for value in urls_in(soup))


# -- titles --------------------------------------------------------------------------------------


def test_empty_event_title(project):
    case = Case(
        project,
        "```{event}\n:id: nameless\n:date: 2024-01-01\n```\n",
        ".. event::\n   :id: nameless-rst\n   :date: 2024-01-01\n",
    )
    case.expect(("bad_md.md", "{event}", "title", 2), ("bad_rst.rst", ".. event::", "title", 2))
    case.check_rest_renders()
    events = case.app.env.domains["eventarchive"].archive.events
    assert events["nameless"].event.name  # shown with a placeholder name, not empty


def test_empty_session_title(project):
    case = Case(
        project,
        "```{session}\n:event: good\n:speakers: Nameless Speaker\n```\n",
        ".. session::\n   :event: good\n",
    )
    case.expect(("bad_md.md", "{session}", "title", 1), ("bad_rst.rst", ".. session::", "title", 1))
    case.check_rest_renders()
    assert "nameless speaker" in case.app.env.domains["eventarchive"].archive.speakers


def test_white_space_only_title(project):
    case = Case(project, "```{session}    \n:event: good\n```\n", "")
    case.expect(("bad_md.md", "{session}", "title", 1))
    case.check_rest_renders()


# -- front matter --------------------------------------------------------------------------------


def test_front_matter_value_of_wrong_shape(project):
    front = (
        "---\n"
        "title: [not, a, title]\n"
        "description: {a: 1}\n"
        "author: 42\n"
        "tags: {PFEM: 1}\n"
        "draft: maybe\n"
        "canonical: [https://example.org/]\n"
        "---\n\n"
    )
    case = Case(project, "", "", md_front=front)
    case.expect(
        ("bad_md.md", "title: [not", "frontmatter"),
        ("bad_md.md", "description:", "frontmatter"),
        ("bad_md.md", "author: 42", "frontmatter"),
        ("bad_md.md", "tags: {", "frontmatter"),
        ("bad_md.md", "draft: maybe", "frontmatter"),
        ("bad_md.md", "canonical:", "frontmatter"),
    )
    case.check_rest_renders()
    report = case.app.env.domains["eventarchive"].reports["bad_md"]
    assert (report.title, report.description, report.authors, report.tags, report.draft,
            report.canonical) == ("", "", (), (), False, "")


def test_author_mapping_without_a_name(project):
    front = "---\nauthor:\n  icon: /me.png\n---\n\n"
    case = Case(project, "", "", md_front=front)
    case.expect(("bad_md.md", "author:", "frontmatter"))
    case.check_rest_renders()


def test_rst_field_list_front_matter_warns_at_its_line(project):
    front = ":title: Report\n:draft: maybe\n:canonical: javascript:alert(1)\n:date: soon\n\n"
    case = Case(project, "", "", rst_front=front)
    case.expect(("bad_rst.rst", ":draft: maybe", "frontmatter"),
                ("bad_rst.rst", ":canonical:", "url"),
                ("bad_rst.rst", ":date: soon", "date"))
    case.check_rest_renders()
    report = case.app.env.domains["eventarchive"].reports["bad_rst"]
    assert (report.title, report.draft, report.canonical, report.date) == ("Report", False, "", "")


# -- everything at once ----------------------------------------------------------------------------


def test_everything_wrong_at_once_still_builds(project):
    md = (
        "```{event}\n```\n\n"
        "```{event} X\n:id: x\n:date: never\n:format: pigeon\n:url: javascript:alert(1)\n"
        ":tags: ;;,,\n:hashtag: #\n:image: missing.png\n```\n\n"
        "```{event} X again\n:id: x\n:date: 2024-01-01\n```\n\n"
        "```{session}\n:event: nowhere\n:speakers: (, ), ((\n:type: ?\n:slides: data:x\n"
        ":video: https://www.youtube.com/watch?v=\n```\n\n"
        "```{speakerdeck}\n```\n\n"
        "```{speakerdeck} https://speakerdeck.com/player/zz\n:ratio: 0:0\n:slide: -1\n```\n\n"
        "```{eventlist}\n:limit: many\n:year: last\n:sort: random\n:format: paper\n```\n\n"
        "```{sessionlist}\n:group-by: mood\n:type: nap\n:limit: 0\n```\n\n"
        "{speaker}`` {tag}`x <>` {event}`<>`\n"
    )
    case = Case(project, md, "", md_front="---\ntitle:\n  - x\ndate: [1]\nauthor: [{}]\n---\n\n")
    found = case.warnings()
    assert found, "bad input must warn"
    # Only typed warnings, each with a file and a line.
    assert all(subtype.startswith("eventarchive.") for _f, _l, subtype in found), found
    assert all(filename == "bad_md.md" and line for filename, line, _s in found), found
    case.check_rest_renders()


# -- options of listings and decks ---------------------------------------------------------------


def test_bad_listing_options(project):
    case = Case(
        project,
        "```{eventlist}\n:format: paper\n:limit: many\n:year: last\n:sort: random\n```\n\n"
        "```{sessionlist}\n:type: nap\n:limit: 0\n:group-by: mood\n```\n",
        ".. eventlist::\n   :format: paper\n   :limit: -3\n\n"
        ".. sessionlist::\n   :type: nap\n   :group-by: mood\n",
    )
    md, rst = "bad_md.md", "bad_rst.rst"
    case.expect(
        (md, ":format: paper", "option"), (md, ":limit: many", "option"),
        (md, ":year: last", "option"), (md, ":sort: random", "option"),
        (md, ":type: nap", "option"), (md, ":limit: 0", "option"),
        (md, ":group-by: mood", "option"),
        (rst, ":format: paper", "option"), (rst, ":limit: -3", "option"),
        (rst, ":type: nap", "option"), (rst, ":group-by: mood", "option"),
    )
    case.check_rest_renders()
    # The listings still list, as if the bad option were not there.
    lines = case.soup("bad_md.html").select(".eventarchive-ecard > .eventarchive-item-title")
    assert [text(p.find("a")) for p in lines] == ["Good meetup", "Other meetup"]


def test_bad_speakerdeck_options(project):
    case = Case(
        project,
        "```{speakerdeck} 66ff0884adf14862b6019fc4bcc5c5f6\n:ratio: 0:0\n:slide: -1\n```\n",
        ".. speakerdeck:: 66ff0884adf14862b6019fc4bcc5c5f6\n   :ratio: wide\n   :slide: first\n",
    )
    md, rst = "bad_md.md", "bad_rst.rst"
    case.expect((md, ":ratio: 0:0", "embed"), (md, ":slide: -1", "option"),
                (rst, ":ratio: wide", "embed"), (rst, ":slide: first", "option"))
    case.check_rest_renders()
    # The deck is still embedded, with the defaults.
    for name in ("bad_md.html", "bad_rst.html"):
        frames = case.soup(name).select("iframe")
        assert [f["src"] for f in frames] == [
            "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6"]
        assert "eventarchive-r178" in frames[0].parent["class"]


def test_missing_image_file(project):
    case = Case(
        project,
        "```{event} Pictured\n:id: pictured\n:date: 2024-01-01\n:image: images/none.png\n```\n",
        "",
    )
    case.expect(("bad_md.md", ":image: images/none.png", "image"))
    case.check_rest_renders()


def test_very_long_names_keep_their_pages(project):
    # 96 and 90 characters: far beyond 255 bytes once written as a file name.
    tag = "プラットフォーム" * 12
    name = "佐" * 90
    case = Case(
        project,
        f"```{{session}} Long names\n:event: good\n:speakers: {name} (Long Inc.)\n"
        f":tags: {tag}\n```\n",
        "",
    )
    case.expect()
    case.check_rest_renders()
    out = Path(case.app.outdir)
    block = [div for div in case.soup("bad_md.html").select("div.eventarchive-session")
             if "Long names" in text(div)][0]
    hrefs = [a["href"] for a in block.select("a.reference.internal")
             if not a["href"].startswith("#")]
    assert len(hrefs) == 2
    for href in hrefs:
        assert (out / unquote(href.split("#")[0])).is_file(), href
