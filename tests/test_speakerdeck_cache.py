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
