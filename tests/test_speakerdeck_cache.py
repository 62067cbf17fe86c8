"""Speaker Deck presentation URLs in a real build: oEmbed on loopback, then the cache file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup
from conftest import archive_warnings

DECK = "https://speakerdeck.com/someone/platform-metrics"
DECK_ID = "e1ec178de2c040309d9ddac894f9a3dc"


class OEmbed(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        OEmbed.asked.append(self.path)
        body = json.dumps({
            "type": "rich", "version": "1.0", "provider_name": "Speaker Deck",
            "html": f'<iframe class="speakerdeck-iframe" src="https://speakerdeck.com/player/'
                    f'{DECK_ID}" width="710" height="399"></iframe>',
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def oembed(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    OEmbed.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/oembed.json"
    server.shutdown()
    server.server_close()


REPORT = f"""# Report

```{{event}} Meetup
:id: meetup
:date: 2024-04-19
```

````{{session}} Platform metrics
:speakers: Sasaki
:slides: {DECK}

```{{speakerdeck}} {DECK}
:title: The same deck, by its directive
```
````
"""


def frames(app) -> list[str]:
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [frame["src"] for frame in soup.select("iframe")]


def test_resolved_once_online_then_from_the_cache(project, oembed):
    proj = project({"index.md": REPORT})
    online = {"eventarchive_resolve_online": True, "eventarchive_speakerdeck_oembed": oembed}
    app = proj.build(confoverrides=online)
    assert archive_warnings(app) == []
    assert frames(app) == [f"https://speakerdeck.com/player/{DECK_ID}"] * 2
    assert len(OEmbed.asked) == 1  # the second use found the first answer
    cache = proj.srcdir / "eventarchive-cache.json"
    assert json.loads(cache.read_text(encoding="utf-8")) == {"speakerdeck": {DECK: DECK_ID}}

    # Offline (the default) and from scratch: the committed cache is enough.
    OEmbed.asked = []
    app = proj.build(freshenv=True)
    assert archive_warnings(app) == []
    assert frames(app) == [f"https://speakerdeck.com/player/{DECK_ID}"] * 2
    assert OEmbed.asked == []


def test_unresolved_offline_is_a_link_and_a_warning(project):
    proj = project({"index.md": REPORT})
    app = proj.build()
    assert frames(app) == []
    warnings = archive_warnings(app)
    assert len(warnings) == 2 and all("[eventarchive.speakerdeck]" in w for w in warnings)
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in soup.select("a.eventarchive-source")] == [DECK, DECK]
    assert not (proj.srcdir / "eventarchive-cache.json").exists()


def test_an_endpoint_that_fails_warns_and_writes_nothing(project):
    proj = project({"index.md": REPORT})
    app = proj.build(confoverrides={"eventarchive_resolve_online": True,
                                    "eventarchive_resolve_timeout": 0.5,
                                    "eventarchive_speakerdeck_oembed": "http://127.0.0.1:9/x"})
    assert frames(app) == []
    assert [w for w in archive_warnings(app) if "[eventarchive.speakerdeck]" in w]
    assert not (proj.srcdir / "eventarchive-cache.json").exists()


def test_cache_file_memo_is_keyed_by_path_and_mtime(tmp_path):
    # No module-global dict: a pure memo of the file read, so a forked reader
    # and a later build see exactly what the file holds at that mtime.
    import os
    from types import SimpleNamespace

    from sphinx_eventarchive.read import speakerdeck

    assert not [name for name, value in vars(speakerdeck).items()
                if isinstance(value, (dict, list, set)) and not name.startswith("__")]
    env = SimpleNamespace(srcdir=tmp_path,
                          config=SimpleNamespace(eventarchive_cache_file="cache.json"))
    assert speakerdeck.file_ids(env) == {}  # no file yet
    cache = tmp_path / "cache.json"
    cache.write_text(json.dumps({"speakerdeck": {DECK: DECK_ID}}), encoding="utf-8")
    os.utime(cache, ns=(1_000_000_000, 1_000_000_000))
    first = speakerdeck.file_ids(env)
    assert first == {DECK: DECK_ID}
    assert speakerdeck.file_ids(env) is first  # read once per (path, mtime)
    with pytest.raises(TypeError):
        first[DECK] = "x"  # type: ignore[index]  # shared, so read-only

    other = "24f926da9cb4cd0001f00a1f"
    cache.write_text(json.dumps({"speakerdeck": {DECK: other}}), encoding="utf-8")
    os.utime(cache, ns=(2_000_000_000, 2_000_000_000))
    assert speakerdeck.file_ids(env) == {DECK: other}
