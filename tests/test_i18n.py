"""Labels and dates follow ``language``: the message catalog is complete and is used.

The catalog checks read the compiled ``.mo`` that ships in the package and the
``_()`` calls of the package as ``tools/update_catalogs.py`` extracts them.
The build checks build one small archive per language (labels are translated
at read and at write time, so each language gets a fresh build) and look at
the parts the extension writes: event cards, session blocks, embeds, listings
and the generated events, speakers and tags pages.
"""

from __future__ import annotations

import gettext
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from conftest import CONF, archive_warnings

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "update_catalogs.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_catalogs", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def ja_translations() -> gettext.NullTranslations:
    """The Japanese catalog as Sphinx reads it: the compiled ``.mo`` shipped in the package."""
    path = tool.mo_path("ja")
    if not path.is_file():  # every label test below fails, naming its msgid
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


MSGIDS = sorted(tool.extract().messages)
JA_MO = ja_translations()
#: msgid -> its Japanese translation, for every label that has one.
JA = {msgid: JA_MO.gettext(msgid) for msgid in MSGIDS if JA_MO.gettext(msgid) != msgid}


# -- the catalog -----------------------------------------------------------------


def test_extractor_finds_every_form() -> None:
    source = "\n".join([
        'a = _("Plain")',
        'b = str(_("In str"))',
        'c = _("%d things") % 3',
        'd = str(_("%(n)s named")) % {"n": 1}',
        'e = _("Implicit " "concatenation")',
        'f = {"k": _("In a dict")}[key]',
        'g = _(variable)',
        'h = _(f"{x} formatted")',
        'i = other("Not a label")',
    ])
    found = tool.extract_source(source, "example.py")
    assert sorted(found.messages) == sorted([
        "Plain", "In str", "%d things", "%(n)s named", "Implicit concatenation", "In a dict"])
    assert found.messages["%d things"] == [("example.py", 3)]
    assert [p.split(":")[:2] for p in found.problems] == [["example.py", "7"], ["example.py", "8"]]


def test_every_label_can_be_extracted() -> None:
    assert tool.extract().problems == []
    assert len(MSGIDS) >= 50


@pytest.mark.parametrize("msgid", MSGIDS)
def test_every_label_has_a_japanese_translation(msgid: str) -> None:
    translated = JA_MO.gettext(msgid)
    assert translated.strip() and translated != msgid, (
        f"no Japanese translation of {msgid!r} in {tool.mo_path('ja')}: "
        "run python tools/update_catalogs.py and translate it in the .po")
    assert tool.placeholders_match(msgid, translated), (msgid, translated)
    # and it formats with the arguments the code gives the English text
    names = re.findall(r"%\((\w+)\)", msgid)
    if names:
        args: object = dict.fromkeys(names, 1)
    else:
        args = tuple(1 for _ in tool.placeholders(msgid))
    if args:
        assert (msgid % args) and (translated % args)


def test_catalogs_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    """The .pot, the .po and the shipped .mo agree with the code (``--check``)."""
    assert tool.check(tool.extract()) == []
    assert tool.main(["--check"]) == 0
    assert "catalogs up to date" in capsys.readouterr().out


def test_placeholder_check() -> None:
    assert tool.placeholders_match("%d sessions", "%d セッション")
    assert tool.placeholders_match("%(a)s at %(b)s", "%(b)s で %(a)s")
    assert not tool.placeholders_match("%d sessions", "%s セッション")
    assert not tool.placeholders_match("Tag: %s", "タグ")
    assert not tool.placeholders_match("%(a)s at %(b)s", "%(a)s")
    assert tool.placeholders("100%% of %s") == ["%s"]


# -- builds ---------------------------------------------------------------------------

SOURCES = {
    "index.md": """\
# アーカイブ

```{toctree}
pfem7
pfem8
pfem8-second
pfem9
lists
```
""",
    "pfem7.md": """\
# 第7回の参加記

```{event} Platform Engineering Meetup #7
:id: pfem7
:series: Platform Engineering Meetup
:date: 2024-03-22T19:00+09:00
:format: online
:video: https://www.youtube.com/watch?v=koMsUFOar88
:tags: Backstage
```

```{session} 基盤チームのはじめかた
:speakers: 田中 (Example Inc.), Abby Bangser (Syntasso)
:type: keynote
:slides: https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6
:video: https://www.youtube.com/watch?v=koMsUFOar88&t=1h2m3s
:url: https://platformengineering.connpass.com/event/000000/
:tags: Backstage
:language: ja

当日のメモ。
```

```{session} みんなで語る内製開発者ポータル
:type: panel
```

```{session} 手を動かすハンズオン
:speakers: 岡
:type: workshop
```
""",
    "pfem8.md": """\
# 第8回の参加記

```{event} Platform Engineering Meetup #8
:id: pfem8
:series: Platform Engineering Meetup
:date: 2024-04-19T19:00+09:00
:end: 2024-04-19T21:30+09:00
:venue: gusuku Ashibinaa OSAKA
:location: Grand Front Osaka, Osaka
:format: hybrid
:url: https://platformengineering.connpass.com/event/000000/
:tags: PFEM, Platform Engineering
:hashtag: #pfem

大阪で初めての開催。
```

```{session} ChatworkのSRE部って実は半分くらいPlatform Engineering部かもしれない
:speakers: 坂本 (Chatwork)
:slides: https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6
:tags: SRE
```

```{session} はてなにおけるメール基盤とDMARC対応
:speakers: MysticDoll (Hatena)
:type: lightning
:slides: https://speakerdeck.com/player/573ebde7645141f9b15d34c637371033
```

```{session} 名前のない枠
:speakers: 佐々木 (コドモン)
:type: other
```

```{speakerdeck} e1ec178de2c040309d9ddac894f9a3dc
```
""",
    "pfem8-second.md": """\
# 第8回をもう一人が振り返る

```{event} Platform Engineering Meetup #8
:id: pfem8
:date: 2024-04-19T19:00+09:00
```
""",
    "pfem9.md": """\
# 第9回の参加記

```{event} Platform Engineering Meetup #9
:id: pfem9
:series: Platform Engineering Meetup
:date: 2025-06-01
:end: 2025-06-02
:venue: 東京都内の会議室
:format: in-person
```
""",
    "lists.md": """\
# 一覧

```{eventlist}
```

```{eventlist}
:year: 1999
```

```{sessionlist}
```

```{sessionlist}
:group-by: speaker
```

```{sessionlist}
:group-by: tag
```

```{sessionlist}
:group-by: year
```

```{sessionlist}
:event: pfem9
```
""",
}

REPORTS = ["index", "pfem7", "pfem8", "pfem8-second", "pfem9", "lists"]
#: What the extension writes into a report page.
PARTS = ", ".join([
    ".eventarchive-card", ".eventarchive-session", ".eventarchive-embed",
    ".eventarchive-embed-link", ".eventarchive-eventlist", ".eventarchive-sessionlist",
    ".eventarchive-empty",
])
#: Meta tags of a generated page that carry its title and description.
SHARED_META = ", ".join([
    'meta[name="description"]', 'meta[property="og:title"]', 'meta[property="og:description"]',
    'meta[name="twitter:title"]', 'meta[name="twitter:description"]',
])
#: Attributes readers (and screen readers, and link previews) get text from.
TEXT_ATTRIBUTES = ("title", "aria-label", "alt", "data-title", "content")
# What separates labels from each other and from values in a line of text.
_SEPARATORS = re.compile(r"\s*(?:[·—|,、()（）]|:(?:\s|$)|：)\s*")


def _pattern(message: str) -> re.Pattern[str]:
    """A msgid or msgstr as a regex: placeholders match any number or text."""
    out, pos = [], 0
    for match in tool.PLACEHOLDER.finditer(message):
        out.append(re.escape(message[pos:match.start()]))
        conv = match.group("conv")
        out.append("%" if conv == "%" else r"\d+" if conv in "diouxX" else r".+?")
        pos = match.end()
    out.append(re.escape(message[pos:]))
    return re.compile("".join(out), re.DOTALL)


def build(project, language: str, extra: str = ""):
    conf = CONF + f'language = "{language}"\n' + extra
    app = project(SOURCES, conf).build(freshenv=True)
    assert archive_warnings(app) == []
    return app


def soup_of(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def generated_pages(app) -> list[str]:
    out = Path(app.outdir)
    pages = ["events/index.html"]
    for folder in ("speakers", "tags"):
        found = sorted(p.relative_to(out).as_posix() for p in (out / folder).glob("*.html"))
        assert f"{folder}/index.html" in found and len(found) > 1
        pages.extend(found)
    return pages


def extension_parts(app) -> dict[str, list]:
    """Every element the extension wrote, by page: report parts and generated page bodies."""
    parts: dict[str, list] = {}
    for docname in REPORTS:
        parts[docname] = soup_of(app, f"{docname}.html").select(PARTS)
    for page in generated_pages(app):
        soup = soup_of(app, page)
        parts[page] = soup.select(".eventarchive-page")
        assert parts[page], page
        # what a link shared on X, Slack or LINE shows of the page
        parts[page] += soup.select(SHARED_META)
    return parts


def texts(elements: list) -> list[str]:
    """Text nodes and readable attributes of the elements."""
    found = []
    for element in elements:
        found.extend(str(s) for s in element.find_all(string=True) if str(s).strip())
        for tag in [element, *element.find_all(True)]:
            found.extend(str(tag[a]) for a in TEXT_ATTRIBUTES if tag.get(a))
    return found


def segments(text: str) -> set[str]:
    """A text and the pieces it is made of (``April 19, 2024 · Hybrid · 3 sessions``)."""
    pieces = {text.strip()}
    pieces.update(p.strip() for p in _SEPARATORS.split(text) if p.strip())
    return pieces


def test_japanese_build_has_no_english_labels(project) -> None:
    # Consent mode too, so its button label is checked.
    app = build(project, "ja", "eventarchive_embed_consent = True\n")
    english = {msgid: _pattern(msgid) for msgid in MSGIDS}
    leaks = []
    for page, elements in extension_parts(app).items():
        for text in texts(elements):
            for piece in segments(text):
                leaks.extend((page, msgid, text) for msgid, pattern in english.items()
                             if pattern.fullmatch(piece))
    assert leaks == []

    pfem8 = soup_of(app, "pfem8.html")
    card = pfem8.select_one(".eventarchive-card")
    assert "2024年4月19日(金)" in card.select_one(".eventarchive-date").get_text()
    fields = [dt.get_text().rstrip(":") for dt in card.select("dt")]
    assert fields[:3] == [JA["Date"], JA["Venue"], JA["Format"]]
    assert card.select_one(".eventarchive-badge").get_text() == JA["Hybrid"]
    assert JA["Previous"] in card.get_text() and JA["Next"] in card.get_text()
    assert JA["Other reports"] in card.get_text()
    badges = {b.get_text() for page in ("pfem7.html", "pfem8.html")
              for b in soup_of(app, page).select(".eventarchive-session .eventarchive-badge")}
    assert badges == {JA[t] for t in ("Keynote", "Panel", "Workshop", "Talk", "Lightning talk",
                                      "Other")}
    buttons = {b.get_text() for b in soup_of(app, "pfem7.html").select(
        ".eventarchive-consent-button")}
    video = JA["Video: %s"] % "基盤チームのはじめかた"
    assert JA["Load %(host)s: %(title)s"] % {"host": "YouTube", "title": video} in buttons

    events = soup_of(app, "events/index.html").select_one(".eventarchive-page")
    assert events.h1.get_text() == JA["Events"]
    assert "2024年4月19日(金)" in events.get_text()
    assert "2024年3月22日" in events.get_text()
    assert (JA["%d sessions"] % 3) in events.get_text()
    empty = soup_of(app, "lists.html").select(".eventarchive-empty")
    assert {e.get_text() for e in empty} == {JA["No events yet."], JA["No sessions yet."]}


def test_english_build_has_no_japanese_labels(project) -> None:
    japanese = {msgstr: _pattern(msgstr) for msgstr in set(JA.values())}
    # The sources themselves hold none of them, so a hit can only be a label.
    source = "\n".join(SOURCES.values())
    assert [m for m, p in japanese.items() if p.search(source)] == []

    app = build(project, "en")
    leaks = []
    for page, elements in extension_parts(app).items():
        for text in texts(elements):
            leaks.extend((page, msgstr, text) for msgstr, pattern in japanese.items()
                         if pattern.search(text))
    assert leaks == []

    card = soup_of(app, "pfem8.html").select_one(".eventarchive-card")
    assert "Fri, Apr 19, 2024" in card.select_one(".eventarchive-date").get_text()
    assert [dt.get_text().rstrip(":") for dt in card.select("dt")][:3] == [
        "Date", "Venue", "Format"]
    assert card.select_one(".eventarchive-badge").get_text() == "Hybrid"
    events = soup_of(app, "events/index.html").select_one(".eventarchive-page")
    assert events.h1.get_text() == "Events"
    assert "Fri, Apr 19, 2024" in events.get_text()
    assert "3 sessions" in events.get_text()
    frames = soup_of(app, "pfem7.html").select("iframe")
    assert {f["title"].split(":")[0] for f in frames} == {"Recording", "Slides", "Video"}
