"""The ``tweet`` directive: an X post quoted, linked, escaped, in every builder (SPEC §2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

from sphinx_eventarchive.core.tweets import post
from sphinx_eventarchive.core.urls import EmbedError

POST = """\
# Report

```{tweet} https://twitter.com/srenext/status/1707678900000000000?s=20
:author: SRE NEXT (@srenext)
:date: 2023-09-29

ジョブボードのスケールアウト完了しました！ 1 < 2 & 3 > 2
```
"""

HOSTILE = """\
# Hostile

```{tweet} https://x.com/a/status/1
:author: <img src=x onerror=alert(1)>"

*emphasis* stays **Markdown**
```

```{tweet} javascript:alert(1)
:author: Someone

text kept
```

```{tweet} https://x.com/srenext
```
"""


@pytest.mark.parametrize(("url", "expected"), [
    ("https://x.com/srenext/status/1707678900000000000",
     "https://x.com/srenext/status/1707678900000000000"),
    ("https://twitter.com/srenext/status/17?s=20&t=abc", "https://x.com/srenext/status/17"),
    ("https://mobile.twitter.com/a_b/statuses/0042", "https://x.com/a_b/status/42"),
    ("https://x.com/i/web/status/99", "https://x.com/i/web/status/99"),
    ("https://x.com/srenext/status/17/photo/1", "https://x.com/srenext/status/17"),
])
def test_post_urls(url, expected):
    assert post(url).url == expected


@pytest.mark.parametrize("url", [
    "https://x.com/srenext", "https://example.org/a/status/1", "https://x.com/a/status/12ab",
    "javascript:alert(1)", "https://x.com/a b/status/1", "https://x.com/a/status/" + "9" * 20,
])
def test_not_posts(url):
    with pytest.raises(EmbedError):
        post(url)


def test_html(project):
    app = project({"index.md": POST}).build()
    assert archive_warnings(app) == []
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    quote = soup.select_one("blockquote.eventarchive-tweet")
    assert quote["cite"] == "https://x.com/srenext/status/1707678900000000000"
    assert "ジョブボードのスケールアウト完了しました！ 1 < 2 & 3 > 2" in quote.get_text()
    assert quote.find("script") is None
    assert soup.find("script", src=lambda s: s and "twitter" in s) is None
    by = quote.select_one(".eventarchive-tweet-by")
    assert by.get_text(" ", strip=True).lstrip("—").startswith("SRE NEXT (@srenext)")
    link = by.find("a")
    assert link["href"] == "https://x.com/srenext/status/1707678900000000000"
    assert "2023" in link.get_text()
    assert quote.find("button") is None  # no consent, no embed button


def test_consent_button(project):
    app = project({"index.md": POST}).build(confoverrides={"eventarchive_embed_consent": True})
    html = (Path(app.outdir) / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    button = soup.select_one("blockquote.eventarchive-tweet button.eventarchive-tweet-consent")
    assert button["data-post"] == "1707678900000000000"
    assert "platform.twitter.com" not in html.replace("eventarchive.js", "")
    script = (Path(app.outdir) / "_static" / "eventarchive.js").read_text()
    assert "eventarchive-tweet-consent" in script and "platform.twitter.com/widgets.js" in script


def test_hostile_input_escaped_and_warned(project):
    app = project({"index.md": HOSTILE}).build()
    warnings = archive_warnings(app)
    assert any("index.md:9" in w and "[eventarchive.url]" in w for w in warnings), warnings
    assert any("index.md:15" in w and "[eventarchive.embed]" in w for w in warnings), warnings
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    quotes = soup.select("blockquote.eventarchive-tweet")
    assert len(quotes) == 2  # the URL-only post that is no post shows nothing
    assert soup.find("img") is None
    assert quotes[0].find("em").get_text() == "emphasis"
    by = quotes[0].select_one(".eventarchive-tweet-by")
    assert "<img src=x onerror=alert(1)>" in by.get_text()
    assert "text kept" in quotes[1].get_text() and quotes[1].find("a") is None
    assert not quotes[1].has_attr("cite")


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "epub", "singlehtml",
                                     "dirhtml", "xml", "pseudoxml", "gettext"])
def test_every_builder(project, builder):
    app = project({"index.md": POST}).build(builder)
    assert archive_warnings(app) == []
    out = Path(app.outdir)
    text = "\n".join(path.read_text(errors="replace") for path in out.rglob("*")
                     if path.is_file() and path.suffix in {".txt", ".tex", ".1", ".texi", ".xhtml",
                                                           ".html", ".xml", ".pseudoxml", ".pot"})
    assert "スケールアウト" in text
    if builder in ("text", "man"):
        assert "<https://x.com/srenext/status/1707678900000000000>" in text
    if builder == "epub":
        assert "eventarchive-tweet-consent" not in text


def test_rst(project):
    app = project({
        "conf.py": 'extensions = ["sphinx_eventarchive"]\nproject = "t"\n'
                   'html_baseurl = "https://a.example/"\n',
        "index.rst": "T\n=\n\n.. tweet:: https://x.com/a/status/5\n   :author: A\n\n"
                     "   Hello *there*\n",
    }).build()
    assert archive_warnings(app) == []
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    assert soup.select_one("blockquote.eventarchive-tweet em").get_text() == "there"


LINES = """\
# Lines

```{tweet} https://x.com/srenext/status/1
:author: SRE NEXT (@srenext)

pasted line one
pasted line two
```

```{tweet} https://x.com/srenext/status/2
:author: SRE NEXT (@srenext)

hard line one\\
hard line two\\
\\
after a blank line
```

```{tweet} https://x.com/srenext/status/3

`code stays
as written` and *emphasis
too*
```
"""


def _lines(paragraph) -> list[str]:
    """A paragraph's lines as the browser shows them: split at each <br>."""
    lines = [""]
    for child in paragraph.descendants:
        if getattr(child, "name", None) == "br":
            lines.append("")
        elif isinstance(child, str):
            lines[-1] += child.replace("\n", " ")
    return [line.strip() for line in lines]


def test_line_breaks_are_one_br_each(project):
    """Each line break of a post is one <br>: with MyST's <br />\\n under white-space:
    pre-line, each was two (~70 px of gap for X's <br><br>)."""
    app = project({"index.md": LINES}).build()
    assert archive_warnings(app) == []
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    posts = [quote.find("p") for quote in soup.select("blockquote.eventarchive-tweet")]
    assert _lines(posts[0]) == ["pasted line one", "pasted line two"]
    assert _lines(posts[1]) == ["hard line one", "hard line two", "", "after a blank line"]
    assert posts[2].find("code").get_text() == "code stays as written"
    assert _lines(posts[2])[-1] == "too"
    css = (Path(app.outdir) / "_static" / "eventarchive.css").read_text()
    # pre-line on a post made "<br />\n" two breaks: no rule for a post keeps line breaks.
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    assert not [selector for selector, body in rules if "tweet" in selector
                and re.search(r"white-space:\s*pre", body)]


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_line_breaks_in_other_builders(project, builder):
    app = project({"index.md": LINES}).build(builder)
    out = next(path for path in Path(app.outdir).iterdir() if path.suffix in (".tex", ".txt")
               and path.stem != "sphinx")
    text = out.read_text()
    if builder == "latex":
        assert "pasted line one\\\\" in text.replace("\n", "")
    else:
        # Plain text reflows a paragraph; the words are there, no markup.
        assert "pasted line one pasted line two" in text and "<br" not in text
