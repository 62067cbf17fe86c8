"""Every file a command writes stays in its output folder (SPEC §8).

Each command that writes (the three importers, ``migrate -o``, ``new``) is run
with hostile ids and titles: separators that climb out, names Windows
reserves, control and invisible characters, long Unicode, two records with
one id. The whole tree above the output folder is listed before and after:
nothing changes outside the folder, every name written is safe on every OS,
no record is lost, and an existing file (or a symlink pointing out) is
replaced only as the user asked.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from safenames import MAX_STEM_BYTES, assert_safe_name

from sphinx_eventarchive.cli import main

# Ids as a schedule, an API answer or a user may give them.
HOSTILE_IDS = [
    "/../../escaped",           # one level above the folder: into its parent
    "/../../../escaped-more",   # two levels
    "x/../../../sibling",
    "..", ".", "", "..\\..\\win",
    "CON", "nul.txt", "Com1", "LPT¹", "conin$",
    "x.", "x ", "a:b", "a\x00b", "esc\x1b[31m", "\u202egpj.md", "~", "#1", "100%",
    "佐々木" * 50, "e\u0301" * 80,
]
# pretalx and new make their ids with id_slug (separators already go): what
# is left to break a name is a reserved word, its case, and length.
SLUGGED_IDS = ["CON", "lpt¹", "nul", "Aux", "../../escaped", "佐々木" * 50, "Ｃｏｍ３"]
# Folder names Linux allows that Windows does not take as they are.
PYVIDEO_FOLDERS = ["con", "lpt1", "a\\b", "x:y", "ctrl\x01", "trailing.", "trailing ",
                   "佐々木" * 25, "q?", "PyCon 2020", "pycon-2020"]


def _connpass(inputs: Path, out: Path) -> list[list[str]]:
    events = [{"id": ident, "title": f"Event {number}",
               "started_at": "2024-04-19T19:00:00+09:00"}
              for number, ident in enumerate([*HOSTILE_IDS, 7, 7, "abc", "ABC"])]
    path = inputs / "events.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    return [["import", "connpass", str(path), "-o", str(out)]]


def _pretalx(inputs: Path, out: Path) -> list[list[str]]:
    runs = []
    for number, acronym in enumerate(SLUGGED_IDS):
        talk = {"title": "Talk", "type": "Talk", "date": "2025-03-01T10:00:00+09:00",
                "duration": "00:30", "persons": [{"public_name": "Jane Roe"}]}
        data = {"schedule": {"conference": {
            "acronym": acronym, "title": f"Conf {number}", "start": "2025-03-01",
            "end": "2025-03-01", "time_zone_name": "Asia/Tokyo",
            "days": [{"date": "2025-03-01", "rooms": {"Hall": [talk]}}]}}}
        path = inputs / f"schedule-{number}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        runs.append(["import", "pretalx", str(path), "-o", str(out)])
    return runs


def _pyvideo(inputs: Path, out: Path) -> list[list[str]]:
    for name in PYVIDEO_FOLDERS:
        (inputs / name / "videos").mkdir(parents=True)
        (inputs / name / "category.json").write_text(json.dumps({"title": f"Event {name}"}),
                                                    encoding="utf-8")
        talk = {"title": "Talk", "recorded": "2020-05-01", "speakers": ["Jane Roe"]}
        (inputs / name / "videos" / "talk.json").write_text(json.dumps(talk), encoding="utf-8")
    return [["import", "pyvideo", str(inputs), "-q", "-o", str(out)]]


def _new(inputs: Path, out: Path) -> list[list[str]]:
    return [["new", "--id", ident, "--title", f"Event {number}", "--date", "2024-05-01",
             "--no-input", "-o", str(out)] for number, ident in enumerate(SLUGGED_IDS)]


def _migrate(inputs: Path, out: Path) -> list[list[str]]:
    report = inputs / "report.md"
    report.write_text('# Report\n\n<iframe src="https://speakerdeck.com/player/'
                      '0123456789abcdef0123456789abcdef"></iframe>\n', encoding="utf-8")
    return [["migrate", str(report), "-o", str(out / "report.md")]]


@dataclass(frozen=True)
class Command:
    name: str
    runs: Callable[[Path, Path], list[list[str]]]
    records: int  # files the runs write: one per record, none collapsed

    def __str__(self) -> str:
        return self.name


COMMANDS = [
    Command("import connpass", _connpass, len(HOSTILE_IDS) + 4),
    Command("import pretalx", _pretalx, len(SLUGGED_IDS)),
    Command("import pyvideo", _pyvideo, len(PYVIDEO_FOLDERS)),
    Command("new", _new, len(SLUGGED_IDS)),
    Command("migrate -o", _migrate, 1),
]


def listing(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a symlink as its target, a file as its bytes' hash."""
    entries: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):  # symlinks to folders are not followed
        for name in dirs + files:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                entries[key] = f"symlink to {os.readlink(path)}"
            elif path.is_dir():
                entries[key] = "folder"
            else:
                entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


@dataclass
class Setup:
    root: Path      # the parent of the output folder's parent: climbing two levels lands here
    out: Path
    runs: list[list[str]]


@pytest.fixture(params=COMMANDS, ids=str)
def command(request: pytest.FixtureRequest) -> Command:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def setup(command: Command, tmp_path: Path) -> Setup:
    inputs = tmp_path / "in"
    inputs.mkdir()
    out = tmp_path / "parent" / "out"
    (tmp_path / "parent").mkdir()
    (tmp_path / "parent" / "escaped.md").write_text("someone's file", encoding="utf-8")
    return Setup(tmp_path, out, command.runs(inputs, out))


def run_all(capsys: pytest.CaptureFixture[str], runs: list[list[str]],
            *extra: str) -> list[tuple[int, str]]:
    results = []
    for argv in runs:
        code = main([*argv, *extra])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        results.append((code, err))
    return results


def written(out: Path) -> list[Path]:
    return sorted(path for path in out.iterdir() if not path.name.startswith("."))


class TestConfined:
    def test_nothing_is_written_outside_and_every_name_is_safe(
            self, command: Command, setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
        before = listing(setup.root)
        results = run_all(capsys, setup.runs)
        assert [code for code, _ in results] == [0] * len(results), results
        outside = {key for key in changed(before, listing(setup.root))
                   if not key.startswith("parent/out/") and key != "parent/out"}
        assert outside == set()
        files = written(setup.out)
        assert len(files) == command.records, [path.name for path in files]
        for path in files:
            assert path.is_file() and not path.is_symlink()
            assert_safe_name(path.name)
            assert len(path.stem.encode("utf-8")) <= MAX_STEM_BYTES

    def test_an_existing_file_is_replaced_only_with_force(
            self, setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
        run_all(capsys, setup.runs)
        files = written(setup.out)
        for path in files:
            path.write_text("edited", encoding="utf-8")
        if len(files) > 1:  # a link to nothing is someone's file too
            files[-1].unlink()
            files[-1].symlink_to(setup.out / "gone.md")
        before = listing(setup.root)
        for code, err in run_all(capsys, setup.runs):
            assert code == 2
            assert "exists" in err and "use --force to overwrite" in err
        assert listing(setup.root) == before  # refused before anything was written
        forced = run_all(capsys, setup.runs, "--force")
        assert [code for code, _ in forced] == [0] * len(forced), forced
        after = listing(setup.root)
        assert {key for key in changed(before, after) if not key.startswith("parent/out/")} \
            == set()
        assert all(path.read_text(encoding="utf-8") != "edited" and not path.is_symlink()
                   for path in written(setup.out))

    @pytest.mark.parametrize("dangling", [False, True], ids=["to a file", "to nothing yet"])
    def test_a_symlink_out_of_the_folder_is_never_written(
            self, setup: Setup, capsys: pytest.CaptureFixture[str], dangling: bool) -> None:
        run_all(capsys, setup.runs)
        target = setup.root / "outside.md"
        if not dangling:
            target.write_text("outside", encoding="utf-8")
        link = written(setup.out)[0]
        link.unlink()
        link.symlink_to(target)
        before = listing(setup.root)
        # Not even --force replaces it: the user's link, to a file not theirs to give us.
        results = run_all(capsys, setup.runs, "--force")
        refused = [err for code, err in results if code == 2]
        assert len(refused) == 1 and "leads out of" in refused[0], results
        assert listing(setup.root) == before


class TestSharedNames:
    def test_connpass_events_with_one_id_are_both_kept(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        events = [{"id": ident, "title": f"Event {number}"}
                  for number, ident in enumerate([7, 7, "abc", "ABC", "7"])]
        path = tmp_path / "events.json"
        path.write_text(json.dumps({"events": events}), encoding="utf-8")
        [(code, err)] = run_all(capsys, [["import", "connpass", str(path), "-o",
                                          str(tmp_path / "out")]])
        assert code == 0, err
        names = [p.name for p in written(tmp_path / "out")]
        # A is a on Windows and macOS: the later one is numbered there too.
        assert names == ["connpass-7-2.md", "connpass-7-3.md", "connpass-7.md",
                         "connpass-ABC-2.md", "connpass-abc.md"]
        titles = {(tmp_path / "out" / name).read_text(encoding="utf-8").split("\n")[1]
                  for name in names}
        assert len(titles) == 5  # each event in a file of its own
        out = tmp_path / "out"
        assert (f"event connpass-7: {out / 'connpass-7.md'} is taken by an earlier record "
                f"of this run; written to connpass-7-2.md") in err
        assert "written to connpass-7-3.md" in err and "written to connpass-ABC-2.md" in err

    def test_pyvideo_folders_with_one_id_are_both_kept(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        _pyvideo(tmp_path / "in", tmp_path / "out")
        [(code, err)] = run_all(capsys, [["import", "pyvideo", str(tmp_path / "in"), "-q",
                                          "-o", str(tmp_path / "out")]])
        assert code == 0, err
        assert "pycon-2020: " in err and "written to pycon-2020-2.md" in err
        first = (tmp_path / "out" / "pycon-2020.md").read_text(encoding="utf-8")
        second = (tmp_path / "out" / "pycon-2020-2.md").read_text(encoding="utf-8")
        assert "Event PyCon 2020" in first and "Event pycon-2020" in second
