"""``-j 2`` equals ``-j 1``, and an incremental build equals a clean one (SPEC §10)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import warnings_of

INDEX = """\
# Index

```{toctree}
:glob:

*
```

```{eventlist}
```

```{sessionlist}
:group-by: speaker
```
"""

SPELLINGS = ["Abby Bangser (Syntasso)", "abby  bangser (Syntasso)",
             "Ａｂｂｙ Bangser (Syntasso Ltd)", "佐々木 (コドモン)", "Whitney Lee (VMware)",
             "岡、田中 (Example Inc.)"]


def parallel_archive() -> dict[str, str]:
    """Ten reports; reports i and i+5 write up the same event, so they land in different chunks."""
    files = {"index.md": INDEX}
    for i in range(10):
        pair = i % 5
        first = i < 5
        event_options = (
            f":date: 2024-0{pair + 1}-1{pair}T19:00+09:00\n:venue: Hall {pair}\n:tags: PFEM, T{i}\n"
            if first else
            f":date: 2024-0{pair + 1}-1{pair}T19:00+09:00\n:format: hybrid\n:tags: Extra{i}\n"
            f":video: https://www.youtube.com/watch?v=koMsUFOar8{i}\n"
            + (":venue: Another hall\n" if pair == 3 else "")
        )
        files[f"r{i:02d}.md"] = (
            f"---\ntitle: Report {i}\npublishDate: 2024-0{pair + 1}-2{pair}T10:00:00Z\n"
            f"author: [Author {i}]\ntags: [Report, R{i}]\n---\n\n"
            f"# Report {i}\n\n"
            f"```{{event}} Meetup {pair}\n:id: meetup-{pair}\n:series: The series\n"
            f"{event_options}```\n\n"
            f"Written up by report {i}.\n\n"
            f"```{{session}} Shared talk\n:speakers: {SPELLINGS[i % len(SPELLINGS)]}\n"
            f":tags: Talk{pair}\n```\n\n"
            f"Notes of report {i}.\n\n"
            f"```{{session}} Own talk {i}\n:speakers: {SPELLINGS[(i + 2) % len(SPELLINGS)]}\n"
            f":type: {'lightning' if i % 3 else 'talk'}\n```\n\n"
            f"See {{speaker}}`abby bangser` and {{event}}`meetup-{(pair + 1) % 5}`.\n"
        )
    return files


#: What Sphinx itself writes on every build, with or without the extension.
ALWAYS_WRITTEN = frozenset({"genindex.html", "search.html", "searchindex.js",
                            "objects.inv", ".buildinfo"})


def sphinx_static(out: Path, path: Path) -> bool:
    """A file Sphinx renders into _static from its templates on every build (basic.css,
    pygments.css, …); ours there are written only when they change."""
    return path.parent == out / "_static" and not path.name.startswith("eventarchive")


def html_files(app) -> dict[str, bytes]:
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def tables(app) -> dict[str, dict]:
    data = app.env.domains["eventarchive"].data
    return {name: data[name] for name in ("events", "sessions", "reports", "listings")}


def build(proj, **kwargs):
    """Build, then release docutils' global registries at once: the next build in the
    same test would otherwise warn that every node and directive is already registered."""
    app = proj.build(**kwargs)
    app.cleanup()
    return app


def located_warnings(app, srcdir: Path) -> list[str]:
    return sorted(line.replace(str(srcdir), "<src>") for line in warnings_of(app))


def test_parallel_build_equals_serial_build(project):
    files = parallel_archive()
    serial_project = project(files, name="j1")
    parallel_project = project(files, name="j2")
    serial = build(serial_project, parallel=1)
    parallel = build(parallel_project, parallel=2)
    # The reading really was split between processes ("reading sources... [ 33%] index .. r03").
    chunks = re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+ \.\. \S+)",
                        re.sub(r"\x1b\[[0-9;]*m", "", parallel.status.getvalue()))
    assert len(chunks) >= 2, parallel.status.getvalue()
    assert tables(parallel) == tables(serial)
    serial_pages, parallel_pages = html_files(serial), html_files(parallel)
    assert sorted(parallel_pages) == sorted(serial_pages)
    different = [name for name in serial_pages if serial_pages[name] != parallel_pages[name]]
    assert different == []
    assert located_warnings(parallel, parallel_project.srcdir) == located_warnings(
        serial, serial_project.srcdir)
    # The archive is what it should be: pairs merged, the speakers recognised.
    archive = serial.env.domains["eventarchive"].archive
    assert sorted(archive.events) == [f"meetup-{n}" for n in range(5)]
    assert [w.docname for w in archive.events["meetup-0"].writeups] == ["r00", "r05"]
    assert [w.docname for w in archive.sessions["meetup-0/shared-talk"].writeups] == [
        "r00", "r05"]
    assert "abby bangser" in archive.speakers


# -- incremental builds ------------------------------------------------------------------------

A = """\
# Report A

```{event} Shared meetup
:id: shared
:date: 2024-04-19T19:00+09:00
:venue: Hall A
:tags: PFEM
```

```{session} Opening
:speakers: Abby Bangser (Syntasso)
```
"""

B = """\
# Report B

```{event} Shared meetup
:id: shared
:date: 2024-04-19T19:00+09:00
:format: hybrid
```

```{session} Opening
:speakers: Abby Bangser (Syntasso)

Notes from B.
```

```{event} Solo B
:id: solo-b
:date: 2024-05-01
```

```{session} B talk
:speakers: Whitney Lee (VMware)
```
"""

B_EDITED = """\
# Report B

```{event} Shared meetup
:id: shared
:date: 2024-04-19T19:00+09:00
:format: hybrid
```

```{session} Opening
:speakers: Abby Bangser (Syntasso)

Notes from B.
```

```{event} Solo B
:id: solo-b
:date: 2024-07-01
```

```{session} B talk
:id: solo-b/b-talk
:event: shared
:speakers: 田中 (Example Inc.)
```
"""

C = """\
# Report C

```{event} Shared meetup
:id: shared
:date: 2024-04-19T19:00+09:00
:tags: Osaka
```

```{event} Gone meetup
:id: gone
:date: 2023-01-01
```

```{session} C talk
:speakers: 佐々木 (コドモン)
:tags: Kubernetes
```
"""

D = """\
---
tags: [Fresh]
---

# Report D

```{event} Shared meetup
:id: shared
:date: 2024-04-19T19:00+09:00
:video: https://www.youtube.com/watch?v=koMsUFOar88
```

```{event} New meetup
:id: new-event
:date: 2024-06-01
```

```{session} D talk
:speakers: abby  bangser (Syntasso Ltd)
```
"""

GENERATED = ("speakers", "tags", "events")


def body(app, name: str) -> str:
    """The page's content, without the theme's navigation (Sphinx's own business)."""
    path = Path(app.outdir) / name
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return str(soup.select_one("div.body"))


def generated(app) -> dict[str, str]:
    out = Path(app.outdir)
    return {str(p.relative_to(out)): body(app, str(p.relative_to(out)))
            for folder in GENERATED for p in sorted((out / folder).rglob("*.html"))}


def touch_now(path: Path) -> None:
    # The edit is newer than the last read even on a file system with coarse times,
    # and older than the next read, so later steps see the file as untouched.
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def updated(app) -> str:
    """Sphinx's own account of what it re-read: "1 added, 0 changed, 0 removed"."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.search(r"(\d+ added, \d+ changed, \d+ removed)", status)[1]


def compare(incremental, clean, pages: list[str]) -> None:
    assert tables(incremental) == tables(clean)
    for name in pages:
        assert body(incremental, name) == body(clean, name), name
    assert generated(incremental) == generated(clean)
    assert warnings_of(incremental) == [] and warnings_of(clean) == []


def test_incremental_builds_equal_clean_builds(project):
    files = {"index.md": INDEX, "a.md": A, "b.md": B, "c.md": C}
    work = project(files, name="work")
    first = build(work)
    assert warnings_of(first) == []

    # 1. Add a report that writes up the shared event a third time.
    files["d.md"] = D
    work.write({"d.md": D})
    incremental = build(work)
    assert updated(incremental) == "1 added, 1 changed, 0 removed"  # index: its glob toctree
    clean = build(project(files, name="clean-add"), freshenv=True)
    compare(incremental, clean, ["a.html", "b.html", "c.html", "index.html"])
    card = BeautifulSoup(body(incremental, "a.html"), "html.parser")
    assert card.select_one("iframe")["src"].endswith("/koMsUFOar88")  # the video D added

    # 2. Edit a report: another speaker, another date, the session moved to another event.
    files["b.md"] = B_EDITED
    work.write({"b.md": B_EDITED})
    touch_now(work.srcdir / "b.md")
    incremental = build(work)
    assert updated(incremental) == "0 added, 1 changed, 0 removed"
    clean = build(project(files, name="clean-edit"), freshenv=True)
    compare(incremental, clean, ["a.html", "c.html", "d.html", "index.html"])
    archive = incremental.env.domains["eventarchive"].archive
    assert "solo-b/b-talk" in archive.events["shared"].sessions
    assert "whitney lee" not in archive.speakers

    # 3. Remove a report.
    del files["c.md"]
    work.remove("c.md")
    incremental = build(work)
    assert updated(incremental) == "0 added, 1 changed, 1 removed"
    clean = build(project(files, name="clean-remove"), freshenv=True)
    compare(incremental, clean, ["a.html", "b.html", "d.html", "index.html"])
    archive = incremental.env.domains["eventarchive"].archive
    assert "gone" not in archive.events
    assert "佐々木" not in archive.speakers
    assert not (Path(incremental.outdir) / "tags" / "kubernetes.html").exists()


def test_no_op_rebuild_keeps_everything(project):
    work = project({"index.md": INDEX, "a.md": A, "b.md": B, "c.md": C}, name="noop")
    first = build(work)
    before = html_files(first)
    tables_before = tables(first)
    out = Path(first.outdir)
    # Every file as it was written: a page written again with the same bytes is still
    # written (its time changes), which a server and a CDN take for news.
    times = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()
             and path.name not in ALWAYS_WRITTEN and not sphinx_static(out, path)}
    again = build(work)
    assert tables(again) == tables_before
    assert html_files(again) == before
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    rewritten = sorted(str(path.relative_to(out)) for path, stamp in times.items()
                       if path.stat().st_mtime_ns != stamp)
    assert rewritten == [], rewritten
