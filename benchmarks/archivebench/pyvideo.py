"""The pyvideo archive: the pyvideo/data tree imported into our flavour."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from archivebench import say
from archivebench.flavours import inline
from archivebench.synthetic import yaml_string

# Where a pyvideo/data checkout or tarball is looked for when --data is not given.
DATA_CANDIDATES = (
    os.environ.get("PYVIDEO_DATA", ""),
    # The team's checkout keeps shared/ beside the repository.
    str(Path(__file__).resolve().parents[3] / "shared" / "data" / "pyvideo-data.tar.gz"),
)


def find_data(given: str | None) -> Path:
    for candidate in ([given] if given else DATA_CANDIDATES):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    raise SystemExit("no pyvideo data: pass --data DIR_OR_TARBALL (a checkout of "
                     "https://github.com/pyvideo/data, or a .tar.gz of one)")


def unpack_data(data: Path, workdir: Path) -> Path:
    if data.is_dir():
        return data
    target = workdir / "pyvideo-data"
    marker = target / ".unpacked"
    stamp = f"{data.resolve()} {data.stat().st_size} {data.stat().st_mtime_ns}"
    if marker.is_file() and marker.read_text() == stamp:
        return target
    say(f"unpacking {data} into {target}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(data) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(target, filter="data")
        else:  # Python < 3.11.4
            archive.extractall(target)  # noqa: S202 - our own data set
    marker.write_text(stamp)
    return target


def pyvideo_events(data: Path) -> list[str]:
    return sorted(entry.name for entry in os.scandir(data)
                  if not entry.name.startswith(".") and entry.is_dir()
                  and os.path.isfile(os.path.join(entry.path, "category.json")))


def pick_events(names: list[str], count: int | None) -> list[str]:
    """``count`` events spread evenly over the sorted list (all when None)."""
    if count is None or count >= len(names):
        return names
    return [names[i * len(names) // count] for i in range(count)]


def import_with_cli(data: Path, events: list[str], out: Path, every: bool) -> bool:
    """Our flavour through ``python -m sphinx_eventarchive import pyvideo`` (SPEC §8)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    command = [sys.executable, "-m", "sphinx_eventarchive", "import", "pyvideo", str(data),
               "-o", str(out), "--quiet"]
    if not every:
        command += ["--event", *events]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    written = list(out.glob("*.md"))
    if done.returncode not in (0, 2) or not written:
        say(f"the importer failed (exit {done.returncode}); using the built-in converter\n"
            + done.stderr[-2000:])
        return False
    if done.returncode == 2:
        say("importer: some files could not be read:\n" + done.stderr[-2000:])
    return True


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def builtin_pyvideo_report(event_dir: Path) -> str | None:
    """A minimal stand-in for the CLI importer: the same fields, less care."""
    category = json.loads((event_dir / "category.json").read_text(encoding="utf-8"))
    talks = []
    for path in sorted((event_dir / "videos").glob("*.json")):
        try:
            talks.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except ValueError:
            continue
    if not talks:
        return None
    title = _one_line(category.get("title")) or event_dir.name
    event_id = re.sub(r"[^a-z0-9]+", "-", event_dir.name.lower()).strip("-") or "event"
    date = str(category.get("start_date") or talks[0][1].get("recorded") or "")[:10]

    def fenced(name: str, argument: str, options: list[tuple[str, str]], body: str) -> str:
        argument = _one_line(argument).replace("`", "'")
        lines = [f":{k}: {_one_line(v)}" for k, v in options if _one_line(v)]
        lines = [line if not re.match(r":\w+: ['\"|>#]", line) and " #" not in line
                 else line.split(": ", 1)[0] + ": '" + line.split(": ", 1)[1].replace("'", "''")
                 + "'" for line in lines]
        body = re.sub(r"[<{\[\]`~\\]", lambda m: "\\" + m.group(0), body.strip())
        return f"````{{{name}}} {argument}\n" + "\n".join(lines) + (
            f"\n\n{body}" if body else "") + "\n````\n"

    parts = ["---", f"title: {yaml_string(title)}", f"date: {date}" if date else "", "---", "",
             f"# {inline(title)}", "",
             fenced("event", title, [("id", event_id), ("date", date)],
                    str(category.get("description") or ""))]
    taken: set[str] = set()
    for stem, talk in talks:
        sid = f"{event_id}/{stem}"
        while sid in taken:
            sid += "-2"
        taken.add(sid)
        videos = [v.get("url", "") for v in talk.get("videos") or [] if isinstance(v, dict)]
        parts += ["", fenced("session", _one_line(talk.get("title")) or stem, [
            ("id", sid),
            ("speakers", ", ".join(_one_line(s).replace(",", " ").replace("(", "[")
                                   .replace(")", "]") for s in talk.get("speakers") or [])),
            ("start", str(talk.get("recorded") or "")[:10]),
            ("video", next((v for v in videos if v.startswith("https://")), "")),
            ("tags", ", ".join(_one_line(t).replace(",", " ") for t in talk.get("tags") or [])),
        ], str(talk.get("description") or talk.get("summary") or ""))]
    return "\n".join(p for p in parts if p is not None)


def pyvideo_reports(data: Path, count: int | None, scratch: Path) -> dict[str, str]:
    names = pyvideo_events(data)
    events = pick_events(names, count)
    out = scratch / "imported"
    began = time.perf_counter()
    if import_with_cli(data, events, out, every=len(events) == len(names)):
        reports = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}
        how = "python -m sphinx_eventarchive import pyvideo"
    else:
        reports = {}
        for name in events:
            text = builtin_pyvideo_report(data / name)
            if text is not None:
                reports[f"{name}.md"] = text
        how = "the benchmark's built-in converter"
    say(f"imported {len(reports)} of {len(events)} events with {how} "
        f"in {time.perf_counter() - began:.1f}s")
    return reports


