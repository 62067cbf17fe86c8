"""Generated pages in sphinx-sitemap's sitemap, with lastmod from their content (SPEC §7)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("sphinx_sitemap", reason="the test extra installs sphinx-sitemap")

CONF = """\
extensions = ["myst_parser", "sphinx_eventarchive", "sphinx_sitemap"]
project = "Sitemap"
html_baseurl = "https://archive.example.org/"
sitemap_url_scheme = "{link}"
"""

ONE = """\
---
date: 2024-05-01T12:00:00+09:00
tags: [SRE]
---
# One

```{event} Meetup 8
:id: m8
:date: 2024-04-19T19:00+09:00
```

```{session} 計測の話
:speakers: 佐々木
:tags: SRE
```
"""

TWO = """\
# Two

```{event} Meetup 1
:id: m1
:date: 2023-10-05
```

```{session} Backstage
:speakers: 佐々木, Abby
```
"""

DRAFT = "---\ndraft: true\n---\n# Draft\n\n```{event} Secret\n:id: s\n:date: 2025-01-01\n```\n"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://archive.example.org/"


def entries(app) -> dict[str, str | None]:
    root = ET.parse(Path(app.outdir) / "sitemap.xml").getroot()
    found = {}
    for url in root.findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        found[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    return found


@pytest.fixture
def archive(project):
    return project({"index.md": "# Home\n", "one.md": ONE, "two.md": TWO, "draft.md": DRAFT},
                   conf=CONF)


def test_generated_pages_with_lastmod_from_content(archive):
    app = archive.build()
    found = entries(app)
    sasaki = BASE + "speakers/" + quote("佐々木") + ".html"
    assert found[sasaki] == "2024-05-01T03:00:00Z"  # the newer report's date
    assert found[BASE + "speakers/abby.html"] == "2023-10-05T00:00:00Z"
    assert found[BASE + "tags/sre.html"] == "2024-05-01T03:00:00Z"
    assert found[BASE + "events/index.html"] == "2024-05-01T03:00:00Z"
    assert BASE + "speakers/index.html" in found and BASE + "tags/index.html" in found
    assert BASE + "one.html" in found and BASE + "index.html" in found
    assert BASE + "draft.html" not in found
    assert len(found) == len(set(found))  # no page twice


def test_incremental_build_keeps_every_generated_page(archive):
    first = entries(archive.build())
    second = entries(archive.build())  # nothing changed: no generated page is rewritten
    generated = {url: mod for url, mod in first.items() if "/speakers/" in url or "/tags/" in url
                 or "/events/" in url}
    assert generated.items() <= second.items()
    archive.write({"two.md": TWO.replace("Abby", "Abby Bangser")})
    third = entries(archive.build())
    assert BASE + "speakers/abby-bangser.html" in third
    assert BASE + "speakers/abby.html" not in third


def test_dirhtml_links(archive):
    found = entries(archive.build("dirhtml"))
    assert BASE + "speakers/abby/" in found and BASE + "events/" in found
    assert found[BASE + "tags/sre/"] == "2024-05-01T03:00:00Z"


def test_user_excludes_still_apply(project):
    conf = CONF + 'sitemap_excludes = ["tags/*"]\n'
    app = project({"index.md": "# Home\n", "one.md": ONE}, conf=conf).build()
    found = entries(app)
    assert not [url for url in found if "/tags/" in url]
    assert BASE + "speakers/index.html" in found


def test_without_sitemap_nothing_changes(project):
    app = project({"index.md": "# Home\n", "one.md": ONE}).build()
    assert not (Path(app.outdir) / "sitemap.xml").exists()


def test_a_noindex_speaker_is_left_out(project):
    people = "# People\n\n```{speaker} Abby\n:noindex:\n\nBio.\n```\n"
    app = project({"index.md": "# Home\n\n```{toctree}\npeople\n```\n", "one.md": ONE,
                   "two.md": TWO, "people.md": people}, conf=CONF).build()
    found = entries(app)
    assert BASE + "speakers/abby.html" not in found
    assert BASE + "speakers/" + quote("佐々木") + ".html" in found
