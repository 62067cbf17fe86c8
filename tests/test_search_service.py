"""Pagefind's service, spoken to directly (search/service.py): what it returns is written
whole, and a service that fails is a warning, never a crash or a half-written index.

A stand-in service (a Python script speaking the same protocol: base64 JSON and a comma,
on stdin and stdout) is set with ``PAGEFIND_BINARY_PATH``, the variable Pagefind's own
package honours; the real binary runs in tests/test_search.py.
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from conftest import archive_warnings

pytest.importorskip("pagefind", reason="the search extra installs Pagefind")

from sphinx_eventarchive.search import index  # noqa: E402
from sphinx_eventarchive.search.service import PagefindError, index_parts  # noqa: E402

#: Larger than one pipe buffer and than the 2 MiB answer Pagefind's own reader stops at.
BIG = bytes(range(256)) * (3 * 1024 * 1024 // 256 + 7)
#: A page with archive content: a site without any gets no search (SPEC §1).
HOME = "# Home\n\nText.\n\n```{eventlist}\n```\n"

STAND_IN = """#!{python}
import base64, json, sys
FAIL = {fail!r}
BIG = bytes(range(256)) * (3 * 1024 * 1024 // 256 + 7)
log = open({log!r}, "a")

def answer(message_id, payload):
    data = json.dumps({{"message_id": message_id, "payload": payload}}).encode()
    sys.stdout.buffer.write(base64.b64encode(data) + b",")
    sys.stdout.buffer.flush()

pending = b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        sys.exit(0)
    pending += chunk
    while b"," in pending:
        raw, _, pending = pending.partition(b",")
        request = json.loads(base64.b64decode(raw))
        kind = request["payload"]["type"]
        log.write(json.dumps(request["payload"]) + "\\n")
        log.flush()
        if FAIL == kind + "-exit":
            sys.exit(3)
        if kind == FAIL:
            answer(request["message_id"], {{"type": "Error", "message": "no luck"}})
            continue
        if kind == "NewIndex":
            answer(request["message_id"], {{"type": "NewIndex", "index_id": 0}})
        elif kind == "AddDir":
            answer(request["message_id"], {{"type": "IndexedDir", "page_count": 1}})
        elif kind == "AddFile":
            answer(request["message_id"], {{"type": "IndexedFile", "page_word_count": 1,
                                            "page_url": "/" + request["payload"]["file_path"],
                                            "page_meta": {{}}}})
        elif kind == "AddRecord":
            answer(request["message_id"], {{"type": "IndexedFile", "page_word_count": 1,
                                            "page_url": request["payload"]["url"],
                                            "page_meta": {{}}}})
        elif kind == "GetFiles":
            files = [{{"path": "pagefind-ui.js", "content": base64.b64encode(BIG).decode()}},
                     {{"path": "fragment/ja_1.pf_fragment",
                      "content": base64.b64encode(b"fragment").decode()}},
                     {{"path": "pagefind-entry.json",
                      "content": base64.b64encode(b'{{"languages": {{}}}}').decode()}}]
            answer(request["message_id"], {{"type": "GetFiles", "files": files}})
"""


def stand_in(tmp_path: Path, fail: str = "") -> tuple[Path, Path]:
    """A stand-in service that fails at the request of type ``fail``; and its log."""
    script, log = tmp_path / f"pagefind-{fail or 'ok'}", tmp_path / f"log-{fail or 'ok'}"
    script.write_text(STAND_IN.format(python=sys.executable, fail=fail, log=str(log)))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, log


def requests(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def index_files(binary: Path, site: Path, config: dict, records: list[dict],
                pages: list[tuple[str, str]] = ()) -> dict[str, bytes]:
    """One index of ``pages`` and ``records``: the files of its bundle."""
    return dict(index_parts(binary, site, config, [(0, list(pages), records)]))[0]


def test_every_file_comes_back_whole_in_the_requests_order(tmp_path):
    script, log = stand_in(tmp_path)
    records = [{"url": f"/a.html#s{n}", "content": "計測", "language": "ja", "sort": None}
               for n in range(300)]
    # Pages sent in one stream, more than the pipes hold both ways, while answers come back.
    pages = [(f"p{n}.html", "<p>計測</p>" * 2000) for n in range(40)]
    files = index_files(script, tmp_path, {"force_language": "ja"}, records, pages)
    assert files["pagefind-ui.js"] == BIG
    assert files["fragment/ja_1.pf_fragment"] == b"fragment"
    sent = requests(log)
    assert [r["type"] for r in sent] == ["NewIndex", *["AddFile"] * 40, *["AddRecord"] * 300,
                                         "GetFiles"]
    assert sent[0]["config"] == {"force_language": "ja"}
    assert [r["file_path"] for r in sent[1:41]] == [path for path, _html in pages]
    assert sent[1]["file_contents"] == pages[0][1]
    assert [r["url"] for r in sent[41:-1]] == [r["url"] for r in records]
    assert "sort" not in sent[41]  # a field with no value is left out, not sent as null


def test_parts_are_indexed_one_after_another_by_one_service(tmp_path):
    script, log = stand_in(tmp_path)
    given = [(part, [(f"p{part}.html", "<p>x</p>")], []) for part in (3, 0)]
    made = [part for part, files in index_parts(script, tmp_path, {}, given)
            if files["pagefind-ui.js"] == BIG]
    assert made == [3, 0]
    assert [r["type"] for r in requests(log)] == ["NewIndex", "AddFile", "GetFiles"] * 2


@pytest.mark.parametrize("fail", ["NewIndex", "AddFile", "AddRecord", "GetFiles",
                                  "GetFiles-exit", "AddFile-exit"])
def test_a_failing_service_raises_what_it_said(tmp_path, fail):
    script, _log = stand_in(tmp_path, fail)
    records = [{"url": "/a.html#s", "content": "x", "language": "en"}]
    with pytest.raises(PagefindError) as raised:
        index_files(script, tmp_path, {}, records, [("a.html", "<p>x</p>")])
    assert ("no luck" in str(raised.value)) == (not fail.endswith("-exit"))


def test_the_build_writes_the_bundle_whole_and_removes_the_old_one(project, monkeypatch,
                                                                     tmp_path):
    script, _log = stand_in(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
    proj = project({"index.md": HOME})
    stale = proj.srcdir / "_build" / "html" / "pagefind" / "pagefind.old_1.pf_meta"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    app = proj.build(confoverrides={"eventarchive_search": True})
    assert archive_warnings(app) == []
    bundle = Path(app.outdir) / "pagefind"
    assert (bundle / "pagefind-ui.js").read_bytes() == BIG
    assert (bundle / "fragment" / "ja_1.pf_fragment").read_bytes() == b"fragment"
    assert not stale.exists()
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o755  # a web server reads it
    assert not [p for p in Path(app.outdir).iterdir() if p.name.startswith(".pagefind")]


def test_a_failing_service_is_a_warning_and_the_next_build_tries_again(project, monkeypatch,
                                                                       tmp_path):
    broken, _ = stand_in(tmp_path, "GetFiles-exit")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    proj = project({"index.md": HOME})
    app = proj.build(confoverrides={"eventarchive_search": True})
    warnings = archive_warnings(app)
    assert len(warnings) == 1 and "[eventarchive.search]" in warnings[0], warnings
    assert "Pagefind could not index the site" in warnings[0]
    assert (Path(app.outdir) / "index.html").is_file()  # the site is there
    assert not (Path(app.outdir) / "pagefind").exists()  # and no half of an index

    working, log = stand_in(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(working))
    app = proj.build(confoverrides={"eventarchive_search": True})  # nothing else changed
    assert archive_warnings(app) == []
    assert requests(log)[-1]["type"] == "GetFiles"
    assert (Path(app.outdir) / "pagefind" / "pagefind-ui.js").read_bytes() == BIG


def test_a_missing_binary_is_a_warning(project, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    app = project({"index.md": HOME}).build(confoverrides={"eventarchive_search": True})
    warnings = archive_warnings(app)
    assert len(warnings) == 1 and "[eventarchive.search]" in warnings[0], warnings
    assert "could not be started" in warnings[0]


def test_a_bundle_named_outside_itself_is_refused(tmp_path):
    with pytest.raises(PagefindError):
        index._write_bundle(tmp_path / "pagefind", {"../escaped.js": b"x"})
    assert not (tmp_path / "escaped.js").exists()
    assert list(tmp_path.iterdir()) == []
