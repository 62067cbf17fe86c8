"""Headings and labels on archive pages break between phrases (BudouX) in HTML, and only there:
``<wbr>`` in a keep-all span; the text every other reader gets is the text as written."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CONF, archive_warnings

TITLE = "佐々木さんと高橋一郎さんのおはなし 1 < 2 & \"3\""
SESSION = "<script>alert(1)</script>プラットフォームってつくることより計測できることが大事"
REPORT = f"""\
# {TITLE}

```{{event}} Platform Engineering Meetup #8 大阪会
:id: pfem8
:date: 2099-04-19T19:00+09:00
:venue: gusuku Ashibinaa OSAKA
```

## さいごに、ひらがなのことば

```{{session}} {SESSION}
:speakers: 佐々木さん
```

本文はここ。段落は分けない。
"""
PLAIN = "# 佐々木さんと高橋一郎さんのおはなし\n\nただのページ。\n"
FILES = {"index.md": "# Home\n\n```{toctree}\nreport\nplain\n```\n", "report.md": REPORT,
         "plain.md": PLAIN}
JA = CONF + 'language = "ja"\n'


def soup_of(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def pieces(element) -> list[str]:
    """The phrases of a span as the HTML marks them: the text between its <wbr>s."""
    parts = [""]
    for child in element.descendants:
        if getattr(child, "name", None) == "wbr":
            parts.append("")
        elif isinstance(child, str):
            parts[-1] += child
    return parts


@pytest.fixture
def built(project):
    app = project(FILES, conf=JA).build()
    assert archive_warnings(app) == []
    return app


def test_headings_and_labels_are_marked(built):
    soup = soup_of(built, "report.html")
    h1 = soup.find("h1")
    assert pieces(h1.select_one("span.eventarchive-phrases")) == [
        "佐々木さんと", "高橋一郎さんの", "おはなし 1 < 2 & \"3\""]
    # The section's heading (the event card's title is an h2 as well, under the h1).
    h2 = next(h for h in soup.find_all("h2") if "さいごに" in h.get_text()).select_one(
        "span.eventarchive-phrases")
    assert pieces(h2) == ["さいごに、", "ひらがなの", "ことば"]
    session = soup.select_one(".eventarchive-session-title span.eventarchive-phrases")
    assert "".join(pieces(session)) == SESSION
    assert soup.find("script", string="alert(1)") is None  # the user's text, escaped
    ics = next(a for a in soup.select("a.eventarchive-calendar-link") if "ics" in a["href"])
    assert pieces(ics.select_one("span.eventarchive-phrases")) == ["カレンダーファイル", "（.ics）"]
    # Prose is left alone: a paragraph breaks anywhere, as Japanese typesetting does.
    body = soup.find("p", string=re.compile("本文"))
    assert body.find("wbr") is None and body.find("span") is None
    # The stylesheet keeps the marked spans from breaking anywhere else.
    css = (Path(built.outdir) / "_static" / "eventarchive.css").read_text(encoding="utf-8")
    assert re.search(r"\.eventarchive-phrases[^{]*\{\s*word-break: keep-all;", css)


def test_pages_without_archive_content_are_left_alone(built):
    assert soup_of(built, "plain.html").find(class_="eventarchive-phrases") is None


def test_what_readers_outside_the_page_get_is_the_text_as_written(built):
    soup = soup_of(built, "report.html")
    metas = {tag.get("property") or tag.get("name"): tag["content"]
             for tag in soup.find_all("meta") if tag.get("content")}
    assert metas["og:title"] == TITLE
    assert soup.title.get_text().startswith(TITLE)
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.dumps(json.loads(script.string), ensure_ascii=False)
        assert "wbr" not in data and "\u200b" not in data
    index = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    titles = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))["alltitles"]
    assert {TITLE, "さいごに、ひらがなのことば"} <= set(titles)
    assert not any("<wbr" in title or "\u200b" in title for title in titles)


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_get_the_text_as_written(project, builder):
    app = project(FILES, conf=JA).build(builder)
    text = "\n".join(path.read_text(encoding="utf-8") for path in Path(app.outdir).rglob("*")
                     if path.suffix in (".txt", ".tex"))
    assert "さいごに、ひらがなのことば" in text
    assert "佐々木さんと高橋一郎さんのおはなし" in text
    assert "wbr" not in text and "\u200b" not in text


def test_epub_is_well_formed(project):
    app = project(FILES, conf=JA).build("epub")
    page = Path(app.outdir) / "report.xhtml"
    tree = ET.fromstring(page.read_text(encoding="utf-8"))  # XML: <wbr> must be closed
    spans = [span for span in tree.iter("{http://www.w3.org/1999/xhtml}span")
             if "eventarchive-phrases" in (span.get("class") or "")]
    assert spans and any(span.find("{http://www.w3.org/1999/xhtml}wbr") is not None
                         for span in spans)


def test_generated_pages_break_titles_by_the_same_rule(project):
    """A tag page's heading and the events index's cards are cut as a document's titles
    are: the site's language and honorifics (「先生」 keeps 高橋一郎 whole here)."""
    tag = "高橋一郎先生のおはなし"
    report = REPORT.replace(":venue:", f":tags: {tag}\n:venue:").replace(
        "Platform Engineering Meetup #8 大阪会", "高橋一郎先生のおはなし会")
    conf = JA + 'eventarchive_honorifics = ["先生"]\n'
    app = project({**FILES, "report.md": report}, conf=conf).build()
    assert archive_warnings(app) == []
    tag_page = next((p for p in Path(app.outdir, "tags").glob("*.html")
                     if p.name != "index.html"), None)
    assert tag_page is not None
    h1 = soup_of(app, f"tags/{tag_page.name}").find("h1")
    cut = pieces(h1.select_one("span.eventarchive-phrases"))
    assert "".join(cut).endswith(tag) and cut[-1] == "おはなし"
    assert cut[-2].endswith("高橋一郎先生の")  # under the default honorifics: 高橋 | 一郎先生の
    header = soup_of(app, "report.html").select_one(
        ".eventarchive-card-title span.eventarchive-phrases")
    card = soup_of(app, "events/index.html").select_one(
        ".eventarchive-item-title span.eventarchive-phrases")
    assert pieces(card) == pieces(header) == ["高橋一郎先生の", "おはなし会"]
