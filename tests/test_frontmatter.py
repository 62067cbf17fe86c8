"""Report metadata read from the front matter as the YAML the user wrote (SPEC §5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import archive_warnings

from sphinx_eventarchive.core.records import Report

INDEX = "# Index\n\n```{toctree}\n:glob:\n\n*\n```\n"
#: A page is a report when it holds an archive directive (SPEC §1): front matter alone
#: makes none, so each post below lists the reports.
LISTING = "\n```{reportlist}\n```\n"


def post(front: str) -> str:
    """A report: the front matter (its lines, each ending with a newline or not), a title
    and a listing."""
    return f"---\n{front.rstrip(chr(10))}\n---\n\n# Post\n" + LISTING


def reports(app) -> dict[str, Report]:
    return dict(app.env.domains["eventarchive"].reports)


def test_the_shared_examples_are_understood_as_written(project, shared):
    proj = project({"index.md": INDEX})
    for name in ("pfem8-osaka-report.md", "pfem-online1-report.md"):
        # As written, then made a report the way a user does: an archive directive added.
        text = (shared / "examples" / name).read_text(encoding="utf-8")
        (proj.srcdir / name).write_text(text + LISTING, encoding="utf-8")
    app = proj.build()
    # The examples point at images of their old site (Astro's public/), which are not here:
    # each warns at its front matter line (and the page shares its card image instead).
    found_warnings = archive_warnings(app)
    assert len(found_warnings) == 2
    for name, warning in zip(("pfem-online1-report", "pfem8-osaka-report"),
                             sorted(found_warnings), strict=True):
        assert f"{name}.md:9: WARNING: front matter image: '/pek2024/blog/" in warning
        assert warning.endswith("[eventarchive.image]")
    found = reports(app)
    assert found["pfem8-osaka-report"] == Report(
        docname="pfem8-osaka-report",
        title="Platform Engineering Meetup#8 大阪会レポート",
        description="4/19(金)にPlatform Engineering Meetup #8 を開催しました。",
        date="2024-05-14T10:00Z",
        authors=("ふるや",),
        tags=("PFEM",),
        image="/pek2024/blog/pfem8-report/ogp.png",
        canonical="https://www.cnia.io/pek2024/blog/pfem8-report/",
        draft=False,
        # Read once, when the front matter is: what feeds and listings sort and stamp by.
        moment=dt.datetime(2024, 5, 14, 10, 0, tzinfo=dt.timezone.utc),
    )
    online1 = found["pfem-online1-report"]
    assert (online1.title, online1.date, online1.authors, online1.tags, online1.canonical,
            online1.draft) == (
        "Platform Engineering Meetup Online#1 開催レポート", "2024-05-15T10:00Z", ("よしかわ",),
        ("PFEM",), "https://www.cnia.io/pek2024/blog/pfemonline1-report/", False)
    assert online1.description == (
        "2024/03/22(金)に開催した Platform Engineering Meetup Online#1 のレポートです。")
    # Reports with no event (a listing makes them reports) are listed under their tag.
    tag = app.env.domains["eventarchive"].archive.tags["pfem"]
    assert tag.reports == ("pfem-online1-report", "pfem8-osaka-report")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2024-05-06 12:00:00 +0000", "2024-05-06T12:00Z"),
        ("date: 2024-05-06 12:00:00 +0900", "2024-05-06T12:00+09:00"),
        ("date: 2024-05-06", "2024-05-06"),
        ("date: '2024-05-06T09:30:00+09:00'", "2024-05-06T09:30+09:00"),
        ("publishDate: 2024-05-15T10:00:00Z", "2024-05-15T10:00Z"),
        ("publishDate: 2024-05-15T10:00:00.000Z", "2024-05-15T10:00Z"),
    ],
)
def test_publication_dates(project, front, expected):
    app = project({"index.md": INDEX, "post.md": post(front)}).build()
    assert archive_warnings(app) == []
    assert reports(app)["post"].date == expected


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("author: Alice", ("Alice",)),
        ("author: [Alice, Bob]", ("Alice", "Bob")),
        ("author:\n  - Alice\n  - 佐々木 太郎", ("Alice", "佐々木 太郎")),
        ("author:\n  name: ふるや\n  icon: /img/f.jpg", ("ふるや",)),
        ("author:\n  - name: Alice\n  - Bob", ("Alice", "Bob")),
        # A mapping whose name has quotes: docutils' smart quotes must not touch it.
        ("author: {name: \"O'Brien \\\"Bob\\\"\"}", ("O'Brien \"Bob\"",)),
    ],
)
def test_author_forms(project, front, authors):
    app = project({"index.md": INDEX, "post.md": post(front)}).build()
    assert archive_warnings(app) == []
    assert reports(app)["post"].authors == authors


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: [PFEM, Backstage]", ("PFEM", "Backstage")),
        ("tags:\n  - PFEM\n  - Platform Engineering", ("PFEM", "Platform Engineering")),
        ("tags: PFEM, Backstage", ("PFEM", "Backstage")),
        ("tags: PFEM、Backstage", ("PFEM", "Backstage")),
        ("tags: Backstage, Inc; PFEM", ("Backstage, Inc", "PFEM")),
        ("tags: PFEM", ("PFEM",)),
    ],
)
def test_tag_forms(project, front, tags):
    app = project({"index.md": INDEX, "post.md": post(front)}).build()
    assert archive_warnings(app) == []
    assert reports(app)["post"].tags == tags


def test_japanese_description_gains_no_spaces(project):
    front = "description: |\n  4/19(金)に\n  Platform Engineering Meetup #8 を\n  開催しました。\n"
    app = project({"index.md": INDEX, "post.md": post(front)}).build()
    assert reports(app)["post"].description == (
        "4/19(金)にPlatform Engineering Meetup #8 を開催しました。")


def test_draft_is_built_but_left_out(project):
    app = project({
        "index.md": INDEX + "\n```{eventlist}\n```\n",
        "draft.md": ("---\ndraft: true\ntags: [Secret]\n---\n\n# Draft\n\n"
                     "```{event} Draft meetup\n:id: draft\n:date: 2024-01-01\n```\n\n"
                     "```{session} Draft talk\n:speakers: Hidden Speaker\n```\n"),
        "public.md": "---\ndraft: false\n---\n\n# Public\n" + LISTING,
    }).build()
    assert reports(app)["draft"].draft is True
    assert reports(app)["public"].draft is False
    archive = app.env.domains["eventarchive"].archive
    assert "draft" not in archive.reports and "public" in archive.reports
    assert "draft" not in archive.events
    assert "hidden speaker" not in archive.speakers
    assert "secret" not in archive.tags
    # Built all the same.
    assert (app.outdir / "draft.html").is_file()
    assert "Draft meetup" not in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_rst_field_list_front_matter(project):
    rst = (
        ":title: A social title\n"
        ":description: What happened,\n   in two lines.\n"
        ":date: 2024-05-06 12:00:00 +0000\n"
        ":author: Alice\n"
        ":tags: PFEM, Backstage\n"
        ":canonical: https://www.example.com/post/\n"
        ":draft: false\n"
        "\n"
        "The page title\n"
        "==============\n"
        "\n.. reportlist::\n"
    )
    app = project({"index.md": INDEX, "post.rst": rst}).build()
    assert archive_warnings(app) == []
    assert reports(app)["post"] == Report(
        docname="post", title="A social title", description="What happened, in two lines.",
        date="2024-05-06T12:00Z", authors=("Alice",), tags=("PFEM", "Backstage"),
        canonical="https://www.example.com/post/", draft=False,
        moment=dt.datetime(2024, 5, 6, 12, 0, tzinfo=dt.timezone.utc),
    )
    assert app.env.titles["post"].astext() == "The page title"


def test_rst_field_list_draft_true(project):
    app = project({"index.md": INDEX,
                   "post.rst": ":draft: true\n:tags: Secret\n\nPost\n====\n\n"
                                ".. reportlist::\n"}).build()
    assert reports(app)["post"].draft is True
    assert "secret" not in app.env.domains["eventarchive"].archive.tags


def test_front_matter_title_does_not_replace_the_page_title(project):
    page = "---\ntitle: Social title\n---\n\n# Page heading\n" + LISTING
    app = project({"index.md": INDEX, "post.md": page}).build()
    assert reports(app)["post"].title == "Social title"
    assert app.env.titles["post"].astext() == "Page heading"


def test_unknown_keys_are_ignored(project):
    front = "category: report\nlayout: post\nslug: x\ntitle: T\n"
    app = project({"index.md": INDEX, "post.md": post(front)}).build()
    assert archive_warnings(app) == []
    assert reports(app)["post"].title == "T"


def test_wrong_shapes_warn_at_the_key_line(project):
    front = (
        "---\n"                       # 1
        "title: Fine\n"               # 2
        "tags:\n"                     # 3
        "  PFEM: 1\n"                 # 4
        "author:\n"                   # 5
        "  - [nested, list]\n"        # 6
        "draft: sometimes\n"          # 7
        "image: [a.png]\n"            # 8
        "---\n\n# Post\n" + LISTING
    )
    proj = project({"index.md": INDEX, "post.md": front})
    app = proj.build()
    src = str(proj.srcdir) + "/"
    found = sorted(line.replace(src, "") for line in archive_warnings(app))
    assert [re.sub(r": WARNING: .*\[", " [", line) for line in found] == [
        "post.md:3 [eventarchive.frontmatter]",
        "post.md:5 [eventarchive.frontmatter]",
        "post.md:7 [eventarchive.frontmatter]",
        "post.md:8 [eventarchive.frontmatter]",
    ]
    report = reports(app)["post"]
    assert (report.title, report.tags, report.authors, report.draft, report.image) == (
        "Fine", (), (), False, "")

