"""The command line (SPEC §8): import pretalx/pyvideo, migrate, new.

Commands run in-process through ``main([...])``; the reports they write are
parsed back (front matter with YAML, directives with MyST's own option
tokenizer) and compared field by field.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_eventarchive.cli import main
from sphinx_eventarchive.importers.mystwriter import join_list, option_value, render_directive
from sphinx_eventarchive.importers.notes import inert
from sphinx_eventarchive.read.options import read_block

DATA = Path(__file__).parent / "data"
SCHEDULE = DATA / "pretalx-schedule.json"
_HERE = Path(__file__).resolve()
SHARED = next(
    (p for p in (_HERE.parents[2] / "shared", _HERE.parents[1] / "shared") if p.is_dir()),
    _HERE.parents[2] / "shared",
)
TARBALL = SHARED / "data" / "pyvideo-data.tar.gz"
PFEM8 = SHARED / "examples" / "pfem8-osaka-report.md"
# A slice of the pyvideo archive: a Japanese event, one with a Speaker Deck
# link and a ``youtu.be`` video, one in Spanish with an rST description.
PYVIDEO_EVENTS = ("pycon-hiroshima-2016", "python_porto", "pyday-galicia-2016")


# -- helpers ------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*argv: str | Path) -> Run:
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


@dataclass
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str


_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})\{(?P<name>[\w-]+)\}[ ]?(?P<argument>[^\n]*)\n"
    r"(?P<content>.*?)\n(?P=fence)$",
    re.MULTILINE | re.DOTALL,
)


def parse_report(text: str) -> tuple[dict[str, Any], str, list[Directive]]:
    """Front matter, the first heading, and the top-level directives of a report."""
    assert text.startswith("---\n")
    head, _, rest = text[4:].partition("\n---\n")
    front = yaml.safe_load(head)
    heading = re.search(r"^# (.*)$", rest, re.MULTILINE)
    assert heading
    directives = []
    for match in _DIRECTIVE.finditer(rest):
        lines = match.group("content").split("\n")
        option_lines = []
        while lines and lines[0].startswith(":"):
            option_lines.append(lines.pop(0)[1:])
        # The directives' own reader: the options must read back as written.
        block = "```{x}\n" + "".join(f":{line}\n" for line in option_lines) + "```\n"
        found = read_block(block, 1, myst=True)
        assert found.problems == [], found.problems
        options = {name: option.value for name, option in found.options.items()}
        body = "\n".join(lines[1:] if lines and not lines[0] else lines)
        directives.append(
            Directive(match.group("name"), match.group("argument"), options, body)
        )
    return front, heading.group(1), directives


def read_report(path: Path) -> tuple[dict[str, Any], str, list[Directive]]:
    return parse_report(path.read_text(encoding="utf-8"))


# -- the command itself -------------------------------------------------------


def test_python_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_eventarchive", "--help"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: sphinx-eventarchive")
    for command in ("import", "migrate", "new"):
        assert command in done.stdout


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["import", "--help"], ["import", "pretalx", "--help"],
     ["import", "pyvideo", "--help"], ["migrate", "--help"], ["new", "--help"]],
)
def test_every_command_has_help(cli: Callable[..., Run], argv: list[str]) -> None:
    result = cli(*argv)
    assert result.code == 0
    assert result.out.startswith("usage: sphinx-eventarchive")


def test_migrate_help_says_youtube_becomes_a_link(cli: Callable[..., Run]) -> None:
    text = " ".join(cli("migrate", "--help").out.split())
    assert "there is no YouTube directive" in text
    assert "link" in text


def test_version(cli: Callable[..., Run]) -> None:
    from sphinx_eventarchive import __version__

    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"sphinx-eventarchive {__version__}"


def test_no_command_prints_help_and_fails(cli: Callable[..., Run]) -> None:
    result = cli()
    assert result.code == 2
    assert "usage:" in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import"], "the following arguments are required: SOURCE"),
        (["import", "frab", "x.json"], "invalid choice: 'frab'"),
        (["import", "pretalx"], "the following arguments are required: SCHEDULE.json"),
        (["import", "pretalx", "x.json", "--format", "virtual"], "choose in-person"),
        (["migrate", "a.md", "-o", "b.md", "--in-place"], "not allowed with argument"),
        (["bogus"], "invalid choice: 'bogus'"),
    ],
)
def test_usage_errors(cli: Callable[..., Run], argv: list[str], message: str) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert message in result.err


# -- import pretalx -----------------------------------------------------------


@pytest.fixture
def pretalx_report(cli: Callable[..., Run], tmp_path: Path) -> Path:
    result = cli("import", "pretalx", SCHEDULE, "-o", tmp_path, "--venue", "静岡市産学交流センター",
                 "--format", "in-person", "--tag", "Python")
    assert result.code == 0, result.err
    assert "wrote" in result.err and "(7 sessions)" in result.err
    assert result.out == ""
    return tmp_path / "pykaigi-2025.md"


def test_pretalx_front_matter_and_event(pretalx_report: Path) -> None:
    front, heading, directives = read_report(pretalx_report)
    assert front == {
        "title": "PyKaigi 2025 静岡",
        "description": "Talks of PyKaigi 2025 静岡.",
        "date": dt.date(2025, 3, 1),
        "tags": ["Python"],
    }
    assert heading == "PyKaigi 2025 静岡"
    event = directives[0]
    assert (event.name, event.argument) == ("event", "PyKaigi 2025 静岡")
    assert event.options == {
        "id": "pykaigi-2025",
        "date": "2025-03-01",
        "end": "2025-03-02",
        "venue": "静岡市産学交流センター",
        "format": "in-person",
        "url": "https://pretalx.example.org/pykaigi-2025/",
        "tags": "Python",
    }
    assert event.body == "Rooms: Main Hall, ルーム B."


def test_pretalx_sessions(pretalx_report: Path) -> None:
    _, _, directives = read_report(pretalx_report)
    sessions = {d.argument: d.options for d in directives if d.name == "session"}
    # Sorted by start; the lunch break (no speakers) is not a session.
    assert list(sessions) == [
        "Keynote: Python とコミュニティの 20 年",
        "Typing `Protocol` in practice",
        "Hands-on: building command lines with argparse",
        "LT: 5 分で分かる asyncio",
        "Panel: the future of packaging",
        "Django #tips; tricks",
    ]
    assert len([d for d in directives if d.name == "session"]) == 7
    keynote = sessions["Keynote: Python とコミュニティの 20 年"]
    assert keynote == {
        "id": "pykaigi-2025/keynote-python-とコミュニティの-20-年",
        "speakers": "山田 太郎",
        "type": "keynote",
        "start": "2025-03-01T10:00+09:00",
        "end": "2025-03-01T10:45+09:00",
        "track": "Keynote",
        "room": "Main Hall",
        "slides": "https://speakerdeck.com/player/66ff0884adf14862b6019fc4bcc5c5f6",
        "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "url": "https://pretalx.example.org/pykaigi-2025/talk/KEYN01/",
        "language": "ja",
    }
    typing = sessions["Typing `Protocol` in practice"]
    # A comma inside a name: the list is joined with semicolons (SPEC §2).
    assert typing["speakers"] == "Doe, Jane; Ana María López"
    # The attachment was relative to base_url; youtu.be becomes watch?v= with its time.
    assert typing["slides"] == (
        "https://pretalx.example.org/media/pykaigi-2025/submissions/TYPE02/resources/slides.pdf"
    )
    assert typing["video"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=42s"
    lightning = sessions["LT: 5 分で分かる asyncio"]
    assert (lightning["type"], lightning["slides"], lightning["video"]) == (
        "lightning", "https://www.docswell.com/s/hanako/K2V8NJ-asyncio", "https://vimeo.com/123456789"
    )
    assert (lightning["start"], lightning["end"]) == (
        "2025-03-01T17:00+09:00", "2025-03-01T17:05+09:00"
    )
    workshop = sessions["Hands-on: building command lines with argparse"]
    assert workshop["type"] == "workshop"
    assert workshop["end"] == "2025-03-01T14:30+09:00"
    assert "slides" not in workshop  # a .zip handout is neither slides nor video
    panel = sessions["Panel: the future of packaging"]
    assert panel["type"] == "panel"
    assert panel["speakers"] == "Aiko Tanaka, Bob O'Neil, Chloé Martin"
    assert panel["slides"] == "https://www.slideshare.net/slideshow/future-of-packaging/1234"


def test_pretalx_same_titles_get_distinct_ids(pretalx_report: Path) -> None:
    _, _, directives = read_report(pretalx_report)
    ids = [d.options["id"] for d in directives if d.argument == "Django #tips; tricks"]
    assert ids == ["pykaigi-2025/django-tips-tricks", "pykaigi-2025/django-tips-tricks-2"]
    speakers = [d.options["speakers"] for d in directives if d.argument == "Django #tips; tricks"]
    # Brackets in a name are not an affiliation.
    assert speakers == ["Émile Zola [Web] Team", "José Núñez"]


def test_pretalx_backtick_title_gets_a_tilde_fence(pretalx_report: Path) -> None:
    text = pretalx_report.read_text(encoding="utf-8")
    assert "\n~~~{session} Typing `Protocol` in practice\n" in text
    # The abstract's own code fence, left open, is closed inside the directive.
    block = text.split("~~~{session} Typing")[1].split("\n~~~\n")[0]
    assert block.count("\n```") % 2 == 0


def test_pretalx_abstracts_are_inert(pretalx_report: Path) -> None:
    _, _, directives = read_report(pretalx_report)
    notes = {d.argument: d.body for d in directives}
    workshop = notes["Hands-on: building command lines with argparse"]
    assert workshop.startswith("Bring a laptop.")
    assert "\\<script>alert(1)\\</script>" in workshop
    assert "\\{download}`/etc/passwd`" in workshop
    assert "![" not in workshop and "[local\\](other.md)" in workshop
    assert "```text {raw} html" in workshop
    panel = notes["Panel: the future of packaging"]
    assert "\n\\---\n" in panel and "\\[^1]" in panel
    keynote = notes["Keynote: Python とコミュニティの 20 年"]
    assert keynote == (
        "コミュニティの **20 年** を振り返ります。\n\n"
        "詳しくは [ブログ](https://example.org/blog) へ。"
    )


def test_pretalx_refuses_to_overwrite(cli: Callable[..., Run], pretalx_report: Path) -> None:
    before = pretalx_report.read_bytes()
    pretalx_report.write_text("edited", encoding="utf-8")
    result = cli("import", "pretalx", SCHEDULE, "-o", pretalx_report.parent)
    assert result.code == 2
    assert result.err.strip() == (
        f"sphinx-eventarchive: error: {pretalx_report} exists; use --force to overwrite"
    )
    assert pretalx_report.read_text(encoding="utf-8") == "edited"
    result = cli("import", "pretalx", SCHEDULE, "-o", pretalx_report.parent, "--force",
                 "--venue", "静岡市産学交流センター", "--format", "in-person", "--tag", "Python")
    assert result.code == 0
    assert pretalx_report.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "is not valid JSON: Expecting property name"),
        ('{"schedule": {"conference": {"title": "x"}}}', "is not a pretalx/frab schedule"),
        ("[]", "is not a pretalx/frab schedule"),
        ('{"schedule": {"conference": {"title": "x", "days": []}}}', "has no talks"),
        (b"{\"title\": \"\xff\"}", "is not UTF-8 JSON"),
    ],
)
def test_pretalx_bad_input(
    cli: Callable[..., Run], tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / "schedule.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli("import", "pretalx", path, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.startswith("sphinx-eventarchive: error: ")
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_pretalx_directory_instead_of_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("import", "pretalx", tmp_path)
    assert result.code == 2
    assert "is a directory" in result.err


def test_pretalx_build(pretalx_report: Path, tmp_path: Path) -> None:
    import sphinx_eventarchive.archive.domain  # noqa: F401 - a broken import fails, never skips
    _build(pretalx_report.parent, tmp_path / "_build")


# -- import pyvideo -----------------------------------------------------------


@pytest.fixture(scope="session")
def pyvideo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few events streamed out of the real archive, plus one without videos."""
    if not TARBALL.is_file():
        pytest.skip(f"{TARBALL} is not there")
    root = tmp_path_factory.mktemp("pyvideo")
    prefixes = tuple(f"./{name}/" for name in PYVIDEO_EVENTS)
    with tarfile.open(TARBALL, "r|gz") as archive:
        for member in archive:
            if member.isfile() and member.name.startswith(prefixes):
                target = root / member.name[2:]
                target.parent.mkdir(parents=True, exist_ok=True)
                stream = archive.extractfile(member)
                assert stream is not None
                target.write_bytes(stream.read())
    for name in PYVIDEO_EVENTS:
        assert (root / name / "category.json").is_file(), name
    (root / "empty-event").mkdir()
    (root / "empty-event" / "category.json").write_text('{"title": "Empty"}', encoding="utf-8")
    return root


@pytest.fixture
def pyvideo_out(cli: Callable[..., Run], pyvideo_data: Path, tmp_path: Path) -> Path:
    result = cli("import", "pyvideo", pyvideo_data, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert "[1/4] empty-event" in result.err
    assert "[4/4] python_porto" in result.err
    assert "skipped empty-event: no videos" in result.err
    assert "wrote 3 reports (12 sessions)" in result.err
    return tmp_path / "out"


def test_pyvideo_writes_one_report_per_event(pyvideo_out: Path) -> None:
    assert sorted(p.name for p in pyvideo_out.iterdir()) == [
        "pycon-hiroshima-2016.md", "pyday-galicia-2016.md", "python_porto.md",
    ]


def test_pyvideo_japanese_event(pyvideo_out: Path) -> None:
    front, heading, directives = read_report(pyvideo_out / "pycon-hiroshima-2016.md")
    assert front == {
        "title": "PyCon mini Hiroshima 2016",
        "description": "Talks of PyCon mini Hiroshima 2016.",
        "date": dt.date(2016, 11, 11),
    }
    assert heading == "PyCon mini Hiroshima 2016"
    event, *sessions = directives
    assert event.options == {"id": "pycon-hiroshima-2016", "date": "2016-11-11",
                             "end": "2016-11-12"}
    # Recorded date, then title.
    assert [(s.argument, s.options["start"]) for s in sessions] == [
        ("PyCon mini Hiroshima 2016 (2)", "2016-11-11"),
        ("PyCon mini Hiroshima 2016 (3)", "2016-11-11"),
        ("PyCon mini Hiroshima 2016 (4)", "2016-11-11"),
        ("PyCon mini Hiroshima 2016 (1)", "2016-11-12"),
    ]
    first = sessions[0]
    assert first.options == {
        "id": "pycon-hiroshima-2016/pyconhiro",
        "type": "talk",
        "start": "2016-11-11",
        "video": "https://www.youtube.com/watch?v=f4_Sqf3MdUw",
        "language": "ja",
    }
    assert first.body == "PyCon mini Hiroshima 2016\n第2回 テーマ「広島とPython」\nhttp://hiroshima.pycon.jp/"


def test_pyvideo_slides_speakers_tags(pyvideo_out: Path) -> None:
    front, _, directives = read_report(pyvideo_out / "python_porto.md")
    event, *sessions = directives
    assert event.options == {"id": "python_porto", "date": "2017-04-03", "end": "2017-12-14"}
    assert event.body == "Python enthusiasts in Porto. `Website <https://www.meetup.com/OPOPyMeetup/>`_."
    by_title = {s.argument: s.options for s in sessions}
    assert list(by_title) == [
        "Joyful Python Web App development with Appier",
        "Python for Scientific Computing",
        "Scale like a pro",
    ]
    assert by_title["Joyful Python Web App development with Appier"] == {
        "id": "python_porto/appier-framework",
        "speakers": "João Magalhães",
        "type": "talk",
        "start": "2017-04-03",
        "video": "https://www.youtube.com/watch?v=i-BiXIYCAP4",
        "tags": "Appier, framework, web, porto, portugal",
        "language": "en",
    }
    assert by_title["Python for Scientific Computing"]["speakers"] == "João Machado, Ricardo Cruz"
    scale = by_title["Scale like a pro"]
    assert scale["slides"] == "https://speakerdeck.com/pyporto/scale-like-a-pro"
    assert scale["video"] == "https://www.youtube.com/watch?v=fjYtJJ4gNkM"


def test_pyvideo_only_some_events(
    cli: Callable[..., Run], pyvideo_data: Path, tmp_path: Path
) -> None:
    result = cli("import", "pyvideo", pyvideo_data, "--event", "python_porto", "-o", tmp_path)
    assert result.code == 0
    assert "[1/" not in result.err  # no progress for a single event
    assert [p.name for p in tmp_path.glob("*.md")] == ["python_porto.md"]
    # One event's own folder works too.
    result = cli("import", "pyvideo", pyvideo_data / "pyday-galicia-2016", "-o", tmp_path)
    assert result.code == 0
    front, _, directives = read_report(tmp_path / "pyday-galicia-2016.md")
    assert front["title"] == "PyDay Galicia 2016"
    assert len(directives) == 6
    assert {d.options.get("language") for d in directives[1:]} == {"es", "gl"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing-dir"], "no such directory"),
        (["--event", "nope"], "no event 'nope' in"),
        (["--event", "empty-event"], "no event with videos in"),
    ],
)
def test_pyvideo_bad_input(
    cli: Callable[..., Run], pyvideo_data: Path, tmp_path: Path, argv: list[str], message: str
) -> None:
    if argv[0] == "missing-dir":
        argv = [str(tmp_path / "missing-dir")]
    else:
        argv = [str(pyvideo_data), *argv]
    result = cli("import", "pyvideo", *argv, "-o", tmp_path / "out")
    assert result.code == 2
    assert "sphinx-eventarchive: error: " in result.err
    assert message in result.err


def test_pyvideo_no_events(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "README").write_text("not pyvideo", encoding="utf-8")
    result = cli("import", "pyvideo", tmp_path)
    assert result.code == 2
    assert "no pyvideo events in" in result.err
    result = cli("import", "pyvideo", tmp_path / "README")
    assert result.code == 2
    assert "is not a directory" in result.err


def test_pyvideo_broken_talk_file(
    cli: Callable[..., Run], pyvideo_data: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(pyvideo_data / "python_porto", data / "python_porto")
    (data / "python_porto" / "videos" / "broken.json").write_text("{", encoding="utf-8")
    result = cli("import", "pyvideo", data, "-o", tmp_path / "out")
    # The readable talks are written; the broken file is named and fails the run.
    assert result.code == 2
    assert "could not read" in result.err and "broken.json" in result.err
    assert "error: 1 file could not be read" in result.err
    _, _, directives = read_report(tmp_path / "out" / "python_porto.md")
    assert len(directives) == 4


def test_pyvideo_build(pyvideo_out: Path, tmp_path: Path) -> None:
    import sphinx_eventarchive.archive.domain  # noqa: F401 - a broken import fails, never skips
    # pyvideo links Speaker Deck presentations by their page URL, which the
    # extension resolves only online (SPEC §2) and otherwise warns about.
    _build(pyvideo_out, tmp_path / "_build", suppress=["eventarchive.speakerdeck"])


# -- migrate ------------------------------------------------------------------

DECKS = {
    "66ff0884adf14862b6019fc4bcc5c5f6": (
        "ChatworkのSRE部って実は 半分くらいPlatform Engineering部かもしれない"
    ),
    "573ebde7645141f9b15d34c637371033": "はてなにおけるメール基盤とDMARC対応",
    "e1ec178de2c040309d9ddac894f9a3dc": (
        "プラットフォームってつくることより計測することが重要なんじゃないかという話 / "
        "Platform Engineering Meetup #8"
    ),
}


def _outside_embeds(text: str) -> list[str]:
    """The text between the embeds (iframes before, directives after)."""
    pattern = r"<iframe\b.*?</iframe>|```\{speakerdeck\}.*?\n```"
    return re.split(pattern, text, flags=re.DOTALL)


def test_migrate_pfem8_report(cli: Callable[..., Run]) -> None:
    if not PFEM8.is_file():
        pytest.skip(f"{PFEM8} is not there")
    original = PFEM8.read_text(encoding="utf-8")
    result = cli("migrate", PFEM8, "--embeds-only")
    assert result.code == 0
    assert result.err.strip() == "3 Speaker Deck decks, 0 YouTube videos and 0 X posts migrated"
    migrated = result.out
    assert "<iframe" not in migrated
    assert _outside_embeds(migrated) == _outside_embeds(original)
    blocks = [d for d in parse_report(migrated)[2] if d.name == "speakerdeck"]
    assert [(d.argument, d.options) for d in blocks] == [
        (ident, {"title": title}) for ident, title in DECKS.items()
    ]
    # The front matter, Japanese headings and all, is untouched.
    assert migrated.split("\n# ")[0] == original.split("\n# ")[0]


def test_migrate_keeps_every_other_byte(cli: Callable[..., Run], tmp_path: Path) -> None:
    deck = (
        "<iframe title='Deck &amp; &quot;more&quot;'\r\n"
        "   src='//speakerdeck.com/player/0123456789abcdef01234567?slide=3'\r\n"
        '   data-ratio="1.33333333"></iframe>'
    )
    script = (
        '<script async class="speakerdeck-embed" data-id="fedcba9876543210fedcba9876543210" '
        'data-ratio="1.41421356" src="//speakerdeck.com/assets/embed.js"></script>'
    )
    nocookie = (
        '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/'
        'dQw4w9WgXcQ?si=abc&amp;start=75" title="YouTube video player" frameborder="0" '
        "allowfullscreen></iframe>"
    )
    titled = (
        '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" title="Talk [part 1]"></iframe>'
    )
    example = (
        '<iframe src="https://speakerdeck.com/player/0123456789abcdef0123456789abcdef"></iframe>'
    )
    source = "\r\n".join([
        "---", "title: T", f"embed: '{example}'", "---", "",
        "Intro", deck, "", script, "", nocookie, titled, "",
        "````markdown", example, "````",
        "<!-- " + titled + " -->",
        "    " + example,
        "Text " + titled + " inline",
        '<iframe src="https://speakerdeck.com/player/not-an-id"></iframe>',
        '<iframe src="https://example.org/embed"></iframe>',
    ])
    path = tmp_path / "report.md"
    path.write_bytes(source.encode("utf-8"))
    result = cli("migrate", path, "-o", tmp_path / "out.md")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{path}:20: embed left alone: it is indented 4 spaces or more",
        f"{path}:21: embed left alone: it shares its line with other text",
        f"{path}:22: embed left alone: its Speaker Deck id is missing or malformed",
        f"wrote {tmp_path / 'out.md'}: 2 Speaker Deck decks, 2 YouTube videos and 0 X posts "
        "migrated; no talks found, so no event or sessions proposed",
    ]
    expected = (
        source.replace(
            deck,
            "```{speakerdeck} 0123456789abcdef01234567\r\n"
            ':title: Deck & "more"\r\n:ratio: 4:3\r\n:slide: 3\r\n```',
        )
        .replace(
            script,
            "```{speakerdeck} fedcba9876543210fedcba9876543210\r\n:ratio: 1.4142\r\n```",
        )
        .replace(nocookie, "<https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=75s>")
        .replace(
            titled + "\r\n\r\n",
            "[Talk \\[part 1\\]](https://www.youtube.com/watch?v=aqz-KE-bpKQ)\r\n\r\n",
        )
    )
    assert (tmp_path / "out.md").read_bytes() == expected.encode("utf-8")
    # The file itself was not touched.
    assert path.read_bytes() == source.encode("utf-8")


def test_migrate_in_place(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(
        "# R\n\n  <iframe src=\"https://speakerdeck.com/player/0123456789abcdef0123456789abcdef\" "
        "title=\"A `tick` and a # hash\"></iframe>",
        encoding="utf-8",
    )
    path.chmod(0o640)
    result = cli("migrate", path, "--in-place")
    assert result.code == 0
    assert result.out == ""
    # Indentation carries to every line; no trailing newline is added. The title is
    # written as it is: the directives read option values as written.
    assert path.read_text(encoding="utf-8") == (
        "# R\n\n  ```{speakerdeck} 0123456789abcdef0123456789abcdef\n"
        "  :title: A `tick` and a # hash\n  ```"
    )
    assert path.stat().st_mode & 0o777 == 0o640


def test_migrate_nothing_to_do(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_bytes(b"# Plain\r\n\r\nNo embeds.")
    result = cli("migrate", path)
    assert result.code == 0
    assert result.out == "# Plain\r\n\r\nNo embeds."
    assert "0 Speaker Deck decks, 0 YouTube videos and 0 X posts migrated" in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"# \xff\xfe\n", "is not UTF-8 text")],
)
def test_migrate_bad_input(
    cli: Callable[..., Run], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "report.md"
    if content is not None:
        path.write_bytes(content)
    result = cli("migrate", path)
    assert result.code == 2
    assert result.err.startswith("sphinx-eventarchive: error: ")
    assert message in result.err
    assert result.out == ""


def test_migrate_directory(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("migrate", tmp_path)
    assert result.code == 2
    assert "is a directory" in result.err


# -- new ----------------------------------------------------------------------


def test_new_from_options(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("new", "-o", tmp_path, "--title", "Platform Engineering Meetup #8",
                 "--date", "2024-04-19T19:00+09:00", "--venue", "gusuku Ashibinaa OSAKA",
                 "--format", "hybrid", "--no-input")
    assert result.code == 0, result.err
    path = tmp_path / "platform-engineering-meetup-8.md"
    assert result.err.strip() == f"wrote {path}"
    front, heading, directives = read_report(path)
    assert front == {
        "title": "Platform Engineering Meetup #8",
        "description": "Report of Platform Engineering Meetup #8.",
        "date": dt.date(2024, 4, 19),
        "tags": [],
    }
    assert heading == "Platform Engineering Meetup \\#8"
    assert directives[0].name == "event"
    assert directives[0].options == {
        "id": "platform-engineering-meetup-8",
        "date": "2024-04-19T19:00+09:00",
        "venue": "gusuku Ashibinaa OSAKA",
        "format": "hybrid",
    }
    # The session template is commented out until the author copies it.
    assert "<!-- Copy this block" in path.read_text(encoding="utf-8")
    # A second run never overwrites.
    again = cli("new", "-o", tmp_path, "--title", "Platform Engineering Meetup #8", "--no-input")
    assert again.code == 2
    assert again.err.strip() == (
        f"sphinx-eventarchive: error: {path} exists; use --force to overwrite"
    )


def test_new_placeholders_without_a_terminal(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("should not be read\n"))
    result = cli("new", "-o", tmp_path)
    assert result.code == 0
    today = dt.date.today().isoformat()
    front, _, directives = read_report(tmp_path / f"event-{today}.md")
    assert front["title"] == "New event"
    assert directives[0].options == {"id": f"event-{today}", "date": today}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_asks_on_a_terminal(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = (
        "PyCon JP 2019\n2019-13-01\n2019-09-16\nOta City Industrial Plaza PiO\n"
        "virtual\nin-person\n"
    )
    monkeypatch.setattr(sys, "stdin", _Terminal(answers))
    result = cli("new", "-o", tmp_path, "--id", "pycon-jp-2019")
    assert result.code == 0, result.err
    assert "Event name: " in result.err
    assert "bad date '2019-13-01'" in result.err
    assert "bad format 'virtual'" in result.err
    _, _, directives = read_report(tmp_path / "pycon-jp-2019.md")
    assert directives[0].argument == "PyCon JP 2019"
    assert directives[0].options == {
        "id": "pycon-jp-2019",
        "date": "2019-09-16",
        "venue": "Ota City Industrial Plaza PiO",
        "format": "in-person",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--date", "19 April"], "bad date '19 April'"),
        (["--date", "2024-02-30"], "no such day or time"),
        (["--format", "remote"], "choose in-person, online, hybrid"),
    ],
)
def test_new_bad_input(
    cli: Callable[..., Run], tmp_path: Path, argv: list[str], message: str
) -> None:
    result = cli("new", "-o", tmp_path, "--no-input", *argv)
    assert result.code == 2
    assert message in result.err
    assert list(tmp_path.iterdir()) == []


def test_new_build(cli: Callable[..., Run], tmp_path: Path) -> None:
    import sphinx_eventarchive.archive.domain  # noqa: F401 - a broken import fails, never skips
    assert cli("new", "-o", tmp_path / "src", "--title", "Meetup", "--date", "2024-05-01",
               "--no-input").code == 0
    _build(tmp_path / "src", tmp_path / "_build")


# -- the writer ---------------------------------------------------------------


def test_option_values_read_back_as_written() -> None:
    """Whatever a schedule holds, the directives read back the value we meant."""
    alphabet = "ab #:'\"|>-?[]{},&*!%@`\\日\t="
    generator = random.Random(8)
    for _ in range(3000):
        raw = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 8)))
        value = " ".join(raw.split())
        if not value:
            continue
        block = f"```{{session}} T\n:title: {option_value(value)}\n:room: R\n```\n"
        found = read_block(block, 1, myst=True)
        assert (found.options["title"].value, found.problems) == (value, []), value


def test_lists_keep_their_commas() -> None:
    assert join_list(["Abby Bangser (Syntasso)", "Whitney Lee"]) == (
        "Abby Bangser (Syntasso), Whitney Lee"
    )
    assert join_list(["Doe, Jane", "Roe；Richard", "", "Doe, Jane"]) == "Doe, Jane; Roe，Richard"
    assert join_list(["楊軒銘、楊承霓", "x"]) == "楊軒銘、楊承霓; x"


def test_fence_outgrows_the_body() -> None:
    block = render_directive("session", "T", [("id", "t")], "````\ncode\n````")
    assert block.startswith("`````{session} T\n") and block.endswith("\n`````\n")
    block = render_directive("session", "A `b`", [("id", "t")], "~~~\nx\n~~~~")
    assert block.startswith("~~~~~{session} A `b`\n")


_MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "``` \\{raw} html\n<b>x</b>\n```",
    "```&#123;raw} html\n<b>x</b>\n```",
    "- ```{raw} html\n  <b>x</b>\n  ```",
    "- ```\n  code\n  ```\n<script>alert(1)</script>",
    "[foo]:\n```\n<script>alert(1)</script>",
    ":::{raw} html\n<b>x</b>\n:::",
    "> :::{note}\n> x\n> :::",
    "{download}`/etc/passwd` and \\\\{doc}`index`",
    "{{ secret }}",
    "![x](/etc/passwd) ![y](https://tracker.example/pixel.gif)",
    "[rel](other.md) [anchor](#top) [ok](https://example.org)",
    "[ref]: ../../etc/passwd\n\n[ref]",
    "(label)=\n% comment\n+++\n\\begin{equation}x\\end{equation}",
    "Footnote[^1].\n\n[^1]: text",
    "para\n\n---\n\n* * *",
    "<!-- comment --> <?php ?> <!DOCTYPE html> </div>",
]


@pytest.mark.parametrize("markup", _MARKUP)
def test_notes_markup_cannot_run(markup: str) -> None:
    """Parsed with every MyST syntax extension on, nothing in the notes is live markup."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(
        enable_extensions={"colon_fence", "dollarmath", "amsmath", "substitution", "deflist",
                           "fieldlist", "html_image", "html_admonition", "attrs_inline",
                           "attrs_block", "tasklist"}
    )
    parser = create_md_parser(config, RendererHTML)
    tokens = parser.parse(inert(markup, "ns"))

    def walk(tokens: list[Any]) -> list[Any]:
        found = []
        for token in tokens:
            found.append(token)
            found.extend(walk(token.children or []))
        return found

    for token in walk(tokens):
        assert token.type not in {
            "html_block", "html_inline", "colon_fence", "myst_role", "myst_target",
            "myst_line_comment", "myst_block_break", "image", "footnote_ref",
            "footnote_block_open", "substitution_inline", "substitution_block", "amsmath",
            "hr",
        }, (markup, token)
        if token.type == "fence":
            assert not token.info.strip().startswith("{"), (markup, token.info)
        if token.type == "link_open":
            assert re.match(r"https?:|mailto:", token.attrGet("href") or ""), (markup, token)


def test_notes_keep_ordinary_markdown() -> None:
    text = (
        "**bold** and `code` and [a link](https://example.org).\n\n- item\n\n"
        "```python\nx = {'a': 1} < 2\n```"
    )
    assert inert(text) == text
    # rST-style underlines stay headings (rubrics inside a directive).
    assert inert("Title\n-----\n\nBody") == "Title\n=====\n\nBody"


def test_link_definitions_are_renamed_per_text() -> None:
    text = "See [the code][1] and [1].\n\n[1]: https://github.com/x\n[1]: https://github.com/x"
    assert inert(text, "ev/a") == (
        "See [the code][ev/a 1] and [1][ev/a 1].\n\n[ev/a 1]: https://github.com/x"
    )


# -- building imported reports with the extension ---------------------------------


def _build(srcdir: Path, outdir: Path, suppress: list[str] | None = None) -> None:
    """Build ``srcdir`` with the extension; every other warning fails the test."""
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_eventarchive"]\n'
        'html_baseurl = "https://archive.example.org/"\n'
        f"suppress_warnings = {['toc.not_included', *(suppress or [])]!r}\n",
        encoding="utf-8",
    )
    if not (srcdir / "index.md").exists():
        (srcdir / "index.md").write_text("# Archive\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
         str(srcdir), str(outdir)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    built = json.loads((outdir / "archive.json").read_text(encoding="utf-8"))
    assert built["events"] and "sessions" in built


# -- links and types ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ?t=1h2m3s",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s"),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=10",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://www.youtube.com/channel/UCxyz", ""),
        ("https://vimeo.com/123", ""),
    ],
)
def test_youtube_urls(url: str, expected: str) -> None:
    from sphinx_eventarchive.importers.links import youtube_url

    assert youtube_url(url) == expected


def test_slides_and_video_are_picked_by_host() -> None:
    from sphinx_eventarchive.importers.links import http_url, pick_slides, pick_video

    links = [
        ("https://github.com/x/y", "Code"),
        ("https://example.org/handout.pdf", ""),
        ("https://youtu.be/dQw4w9WgXcQ", "Slides and video"),
        ("https://www.slideshare.net/x/y", ""),
        ("https://speakerdeck.com/x/y", ""),
    ]
    assert pick_slides(links) == "https://speakerdeck.com/x/y"
    assert pick_slides(links[:2]) == "https://example.org/handout.pdf"
    assert pick_video(url for url, _ in links) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert pick_video(["https://vimeo.com/1", "https://example.org/a.mp4"]) == "https://vimeo.com/1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://a b.org/", "FILL", "/media/x"):
        assert http_url(bad) == ""
    assert http_url("/media/x.pdf", "https://pretalx.example.org/ev/") == (
        "https://pretalx.example.org/media/x.pdf"
    )


@pytest.mark.parametrize(
    ("submission_type", "expected"),
    [
        ("Talk", "talk"), ("Long talk (45 min)", "talk"), ("Vortrag", "talk"),
        ("Closing Keynote", "keynote"), ("基調講演", "keynote"), ("Lightning Talk", "lightning"),
        ("LT", "lightning"), ("Panel discussion", "panel"), ("Tutorial", "workshop"),
        ("ハンズオン", "workshop"), ("Poster", "other"), ("Sprint", "other"), ("", "talk"),
    ],
)
def test_pretalx_submission_types(submission_type: str, expected: str) -> None:
    from sphinx_eventarchive.importers.pretalx import session_type

    assert session_type(submission_type) == expected


def test_output_folder_that_is_a_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    for argv in (["import", "pretalx", SCHEDULE], ["new", "--no-input"]):
        result = cli(*argv, "-o", target)
        assert result.code == 2
        assert result.err.strip() == f"sphinx-eventarchive: error: {target} is not a directory"


def test_migrate_mdx_self_closing_iframes(cli: Callable[..., Run], tmp_path: Path) -> None:
    # Astro/MDX writes <iframe … />: one embed each, never "up to the next
    # </iframe>", which would delete the prose between and still report success.
    first = "0123456789abcdef0123456789abcdef"
    second = "fedcba9876543210fedcba9876543210"
    source = (
        "---\ntitle: Astro post\n---\n\n"
        f'<iframe src="https://speakerdeck.com/player/{first}" title="One" allowFullScreen />\n\n'
        "Prose between the decks.\n\n"
        f'<iframe src="https://speakerdeck.com/player/{second}" />\n\n'
        '<iframe src="https://speakerdeck.com/player/not-closed">\n\n'
        "More prose.\n\n"
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n'
    )
    path = tmp_path / "post.mdx"
    path.write_text(source, encoding="utf-8")
    result = cli("migrate", path)
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{path}:11: embed left alone: its Speaker Deck id is missing or malformed",
        "2 Speaker Deck decks, 1 YouTube video and 0 X posts migrated; no talks found, so no "
        "event or sessions proposed",
    ]
    assert result.out == (
        "---\ntitle: Astro post\n---\n\n"
        f"```{{speakerdeck}} {first}\n:title: One\n```\n\n"
        "Prose between the decks.\n\n"
        f"```{{speakerdeck}} {second}\n```\n\n"
        '<iframe src="https://speakerdeck.com/player/not-closed">\n\n'
        "More prose.\n\n"
        "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n"
    )


# -- one record type, one option order, one id rule ---------------------------------


def test_writer_follows_the_declared_options() -> None:
    """Every option of ``event``/``session`` is written from the record field of its
    name, in the order core/options.py declares."""
    from sphinx_eventarchive.core.options import EVENT, SESSION, names
    from sphinx_eventarchive.core.records import Event, Session, Speaker
    from sphinx_eventarchive.importers.mystwriter import event_block, session_block

    event = Event(id="e", name="E", **{name: f"{name}-x" for name in names(EVENT)[1:]
                                       if name != "tags"}, tags=("a", "b"))
    session = Session(id="e/s", title="S", **{name: f"{name}-x" for name in names(SESSION)[1:]
                                              if name not in ("tags", "speakers")},
                      tags=("a",), speakers=(Speaker("Doe, Jane"),))
    for block, declared in ((event_block(event), EVENT), (session_block(session), SESSION)):
        _, _, (directive,) = parse_report(f"---\nt: 1\n---\n# H\n\n{block}")
        assert list(directive.options) == list(names(declared))
    assert "\n:speakers: Doe, Jane;\n" in session_block(session)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PFEM #8", "pfem-8"),
        ("", "untitled"),
        ("PyCon JP 2019", "pycon-jp-2019"),
        ("Keynote: Python とコミュニティの 20 年", "keynote-python-とコミュニティの-20-年"),
        ("ｶﾞｲﾄﾞ", "ガイド"),
        # Dunder names are words, not runs of dashes.
        ("__init__ in Python", "init-in-python"),
        # Thai and Devanagari keep their vowel signs; an emoji's variation selector goes.
        ("พิมพ์ ไทย", "พิมพ์-ไทย"),
        ("हिन्दी", "हिन्दी"),
        ("Kubernetes ☸️ at scale", "kubernetes-at-scale"),
    ],
)
def test_one_id_rule_for_directives_and_importers(text: str, expected: str) -> None:
    from sphinx_eventarchive.core.text import id_slug

    assert id_slug(text) == expected
    assert id_slug("", fallback="event") == "event"


def test_new_reports_are_readable_by_others(cli: Callable[..., Run], tmp_path: Path) -> None:
    # write_atomic's temporary file is private; a report is not.
    import os

    mask = os.umask(0o022)
    try:
        assert cli("new", "-o", tmp_path, "--title", "T", "--no-input").code == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "t.md").stat().st_mode & 0o777 == 0o644


# -- speakers stay the people they were (import, then build) ------------------------

# (persons as a pretalx export gives them, the people the built archive shows)
_PEOPLE: list[tuple[list[Any], list[tuple[str, str | None]]]] = [
    ([{"public_name": "Doe, Jane"}], [("Doe, Jane", None)]),
    ([{"public_name": "Doe, Jane", "organization": "ACME (Japan)"}],
     [("Doe, Jane", "ACME [Japan]")]),
    ([{"public_name": "Abby Bangser", "organization": "Syntasso, London"}],
     [("Abby Bangser", "Syntasso, London")]),
    ([{"public_name": "Abby Bangser", "organization": "Syntasso, London"},
      {"public_name": "Whitney Lee"}],
     [("Abby Bangser", "Syntasso, London"), ("Whitney Lee", None)]),
    # A semicolon always separates when read, so it is written as a comma.
    ([{"public_name": "Roe; Richard"}], [("Roe, Richard", None)]),
    ([{"public_name": "Tim (文昌) Hsu"}], [("Tim [文昌] Hsu", None)]),
    ([{"public_name": "佐藤、花子"}, {"public_name": "Smith, John", "company": "ACME, Inc."}],
     [("佐藤、花子", None), ("Smith, John", "ACME, Inc.")]),
    (["Lee, Whitney", {"public_name": "Kim；Ji-woo"}],
     [("Lee, Whitney", None), ("Kim，Ji-woo", None)]),
]


def _talk(title: str, **fields: Any) -> dict[str, Any]:
    talk: dict[str, Any] = {
        "title": title, "type": "Talk", "date": "2025-03-01T10:00:00+09:00",
        "duration": "00:30", "persons": [{"public_name": "Jane Roe"}],
    }
    talk.update(fields)
    return talk


def _schedule(path: Path, rooms: dict[str, Any], days: list[Any] | None = None,
              **conference: Any) -> Path:
    data = {"schedule": {"conference": {
        "acronym": "conf", "title": "Conf", "start": "2025-03-01", "end": "2025-03-02",
        "time_zone_name": "Asia/Tokyo",
        "days": [{"date": "2025-03-01", "rooms": rooms}, *(days or [])],
        **conference,
    }}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_speakers_with_commas_stay_one_person(cli: Callable[..., Run], tmp_path: Path) -> None:
    import sphinx_eventarchive.archive.domain  # noqa: F401 - a broken import fails, never skips
    talks = [_talk(f"Talk {number}", persons=persons)
             for number, (persons, _) in enumerate(_PEOPLE)]
    schedule = _schedule(tmp_path / "schedule.json", {"Hall": talks})
    result = cli("import", "pretalx", schedule, "-o", tmp_path / "src")
    assert result.code == 0, result.err
    _, _, directives = read_report(tmp_path / "src" / "conf.md")
    written = {d.argument: d.options["speakers"] for d in directives if d.name == "session"}
    assert written["Talk 0"] == "Doe, Jane;"
    _build(tmp_path / "src", tmp_path / "_build")
    built = json.loads((tmp_path / "_build" / "archive.json").read_text(encoding="utf-8"))
    people = {
        session["title"]: [(s["name"], s["affiliation"]) for s in session["speakers"]]
        for session in built["sessions"]
    }
    assert people == {f"Talk {number}": expected for number, (_, expected) in enumerate(_PEOPLE)}
    names = {speaker["name"] for speaker in built["speakers"]}
    assert {"Doe, Jane", "Lee, Whitney", "Smith, John"} <= names
    assert not names & {"Doe", "Jane", "Lee", "Whitney", "Smith", "John"}


def test_pyvideo_speaker_with_a_comma_builds_as_one_person(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    import sphinx_eventarchive.archive.domain  # noqa: F401 - a broken import fails, never skips
    event = tmp_path / "data" / "pyfoo-2020"
    (event / "videos").mkdir(parents=True)
    (event / "category.json").write_text('{"title": "PyFoo 2020"}', encoding="utf-8")
    (event / "videos" / "talk.json").write_text(json.dumps({
        "title": "Talk", "recorded": "2020-05-01", "speakers": ["Copeland, Jr., Richard D."],
    }), encoding="utf-8")
    assert cli("import", "pyvideo", tmp_path / "data", "-o", tmp_path / "src").code == 0
    _build(tmp_path / "src", tmp_path / "_build")
    built = json.loads((tmp_path / "_build" / "archive.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in built["sessions"][0]["speakers"]] == ["Copeland, Jr., Richard D."]


def test_a_single_item_with_a_comma_gets_a_semicolon() -> None:
    from sphinx_eventarchive.core.records import Speaker
    from sphinx_eventarchive.importers.mystwriter import join_speakers

    assert join_list(["Doe, Jane"]) == "Doe, Jane;"
    assert join_list(["楊軒銘、楊承霓"]) == "楊軒銘、楊承霓;"
    assert join_list(["a,"]) == "a,;"
    assert join_list(["Python", "Web"]) == "Python, Web"
    # Commas inside an affiliation's brackets never separate speakers.
    assert join_speakers([Speaker("Abby", "Syntasso, London")]) == "Abby (Syntasso, London)"
    assert join_speakers([Speaker("Abby", "Syntasso, London"), Speaker("Whitney Lee")]) == (
        "Abby (Syntasso, London), Whitney Lee"
    )


# -- nothing in a schedule is dropped without a word ----------------------------------


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"persons": [42]}, "left out speaker 42: not a name"),
        ({"persons": [{"public_name": "", "code": "X1"}]},
         'left out a speaker with no name ({"public_name": "", "code": "X1"})'),
        ({"persons": "Jane"}, 'left out persons "Jane": not a list'),
        ({"title": "", "slug": "conf-9-a-talk"},
         "the talk has no title; written as 'conf-9-a-talk'"),
        ({"title": "Lunch", "persons": [], "type": "Break"},
         "left out 'Lunch': a break with no speakers"),
        ({"links": [{"url": "javascript:alert(1)", "title": "Slides"}]},
         'left out links entry "javascript:alert(1)": not an http(s) URL'),
        ({"attachments": [7]}, "left out attachments entry 7"),
        ({"date": "soon", "start": ""}, 'left out start "soon": not a date-time'),
        ({"duration": "half an hour"}, 'left out duration "half an hour": not HH:MM'),
        ({"url": "ftp://example.org/x"}, 'left out url "ftp://example.org/x": not an http(s) URL'),
        ({"tags": [{"id": 3}]}, 'left out tag {"id": 3}: no name'),
    ],
)
def test_pretalx_says_what_it_leaves_out(
    cli: Callable[..., Run], tmp_path: Path, fields: dict[str, Any], said: str
) -> None:
    schedule = _schedule(tmp_path / "schedule.json",
                         {"Hall": [_talk("Kept"), _talk(**{"title": "Odd", **fields})]})
    result = cli("import", "pretalx", schedule, "-o", tmp_path)
    assert result.code == 0, result.err
    assert f'{schedule}: days[0].rooms["Hall"][1]: {said}\n' in result.err
    assert (tmp_path / "conf.md").is_file()


def test_pretalx_string_persons_are_kept(cli: Callable[..., Run], tmp_path: Path) -> None:
    schedule = _schedule(tmp_path / "schedule.json",
                         {"Hall": [_talk("Odd", persons=["Lee, Whitney", "Kim Ji-woo"])]})
    result = cli("import", "pretalx", schedule, "-o", tmp_path)
    assert result.code == 0
    assert "left out" not in result.err
    _, _, directives = read_report(tmp_path / "conf.md")
    assert directives[1].options["speakers"] == "Lee, Whitney; Kim Ji-woo"


def test_pretalx_conference_dates_left_out(cli: Callable[..., Run], tmp_path: Path) -> None:
    schedule = _schedule(tmp_path / "schedule.json", {"Hall": [_talk("T")]},
                         start="2025-03-01", end="2025-02-28", url="mailto:x@example.org")
    result = cli("import", "pretalx", schedule, "-o", tmp_path)
    assert result.code == 0
    assert f"{schedule}: conference: left out end 2025-02-28: before the start\n" in result.err
    assert f'{schedule}: conference: left out url "mailto:x@example.org": not an http(s) URL\n' \
        in result.err
    result = cli("import", "pretalx", _schedule(tmp_path / "s2.json", {"Hall": [_talk("T")]},
                 start="March"), "-o", tmp_path / "2")
    assert 'conference: left out start "March": not a date' in result.err


@pytest.mark.parametrize(
    ("rooms", "days", "said"),
    [
        ({"Hall": [_talk("Kept"), "a talk"]}, [],
         'days[0].rooms["Hall"][1]: not a talk (a JSON object): "a talk"'),
        ({"Hall": [_talk("Kept")], "ルーム B": {"talk": 1}}, [],
         'days[0].rooms["ルーム B"]: not a list of talks ({"talk": 1})'),
        ({"Hall": [_talk("Kept")]}, [["not", "a", "day"]],
         'days[1]: not a day with its rooms (["not", "a", "day"])'),
        ({"Hall": [_talk("Kept")]}, [{"date": "2025-03-02", "rooms": []}],
         'days[1]: not a day with its rooms ({"date": "2025-03-02", "rooms": []})'),
    ],
)
def test_pretalx_unreadable_talks_fail_the_run(
    cli: Callable[..., Run], tmp_path: Path, rooms: dict[str, Any], days: list[Any], said: str
) -> None:
    schedule = _schedule(tmp_path / "schedule.json", rooms, days)
    result = cli("import", "pretalx", schedule, "-o", tmp_path / "out")
    # What can be read is written; what cannot is named, and the run fails.
    assert result.code == 2
    assert f"could not read {schedule}: {said}\n" in result.err
    assert result.err.endswith(
        f"sphinx-eventarchive: error: 1 entry of {schedule} could not be read (listed above)\n"
    )
    _, _, directives = read_report(tmp_path / "out" / "conf.md")
    assert [d.argument for d in directives] == ["Conf", "Kept"]


def test_pretalx_nothing_readable(cli: Callable[..., Run], tmp_path: Path) -> None:
    schedule = _schedule(tmp_path / "schedule.json", {"Hall": [1, 2]})
    result = cli("import", "pretalx", schedule, "-o", tmp_path / "out")
    assert result.code == 2
    assert 'has no talks that can be read (days[0].rooms["Hall"][0]: not a talk' in result.err
    assert not (tmp_path / "out").exists()


def _pyvideo_event(root: Path, category: dict[str, Any], odd: dict[str, Any]) -> Path:
    event = root / "data" / "pyfoo-2020"
    (event / "videos").mkdir(parents=True)
    (event / "category.json").write_text(json.dumps({"title": "PyFoo 2020", **category}),
                                         encoding="utf-8")
    kept = {"title": "Kept", "recorded": "2020-05-01", "speakers": ["Jane Roe"]}
    (event / "videos" / "kept.json").write_text(json.dumps(kept), encoding="utf-8")
    (event / "videos" / "odd.json").write_text(json.dumps({**kept, "title": "Odd", **odd}),
                                               encoding="utf-8")
    return event


@pytest.mark.parametrize(
    ("category", "odd", "said"),
    [
        ({}, {"speakers": ["Jane", 42]}, "videos/odd.json: left out speakers entry 42: not text"),
        ({}, {"tags": "python"}, 'videos/odd.json: left out tags "python": not a list'),
        ({}, {"related_urls": ["FILL", {"url": "https://speakerdeck.com/x/y"}]},
         'videos/odd.json: left out related_urls entry "FILL": not an http(s) URL'),
        ({}, {"related_urls": [3]}, "videos/odd.json: left out related_urls entry 3"),
        ({}, {"videos": [{"type": "youtube", "url": "javascript:x"}]},
         'videos/odd.json: left out videos entry {"type": "youtube", "url": "javascript:x"}: '
         "not a usable video URL"),
        ({}, {"title": ""}, "videos/odd.json: the talk has no title; written as 'odd'"),
        ({}, {"recorded": "yesterday"},
         'videos/odd.json: left out recorded "yesterday": not a date'),
        ({"url": "javascript:x"}, {},
         'category.json: left out url "javascript:x": not an http(s) URL'),
        ({"start_date": "soon"}, {}, 'category.json: left out start_date "soon": not a date'),
        ({"description": ["x"]}, {}, 'category.json: left out description ["x"]: not text'),
        ({"title": ""}, {}, "category.json: the event has no title; written as 'pyfoo-2020'"),
        ({"start_date": "2020-05-02", "end_date": "2020-05-01"}, {},
         "category.json: left out end 2020-05-01: before the start 2020-05-02"),
    ],
)
def test_pyvideo_says_what_it_leaves_out(
    cli: Callable[..., Run], tmp_path: Path, category: dict[str, Any], odd: dict[str, Any],
    said: str,
) -> None:
    event = _pyvideo_event(tmp_path, category, odd)
    result = cli("import", "pyvideo", tmp_path / "data", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert f"{event}/{said}\n" in result.err
    _, _, directives = read_report(tmp_path / "out" / "pyfoo-2020.md")
    assert len(directives) == 3
