"""Building a flavour and measuring it: wall, CPU, peak RSS, files written."""

from __future__ import annotations

import compileall
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archivebench import say
from archivebench.samesite import Site, write_pages

BUILDS = ("full", "noop", "edit-text", "edit-affiliation", "full-j2")
BUILD_LABELS = {
    "full": "full build",
    "noop": "no-op rebuild",
    "edit-text": "edit: +1 sentence",
    "edit-affiliation": "edit: affiliation",
    "full-j2": "full build -j 2",
}


@dataclass
class Measurement:
    wall: float
    cpu: float
    peak_rss_mib: float
    files_written: int
    pages_written: int
    doctrees_written: int
    files_removed: int
    warnings: int
    returncode: int
    log: str


@dataclass
class Flavour:
    name: str
    pristine: Path
    edit_target: str
    results: dict[str, list[Measurement]] = field(default_factory=dict)

    def reset(self) -> None:
        """A run starts again from the pristine sources."""

    def edit(self, src: Path, build: str, run: int) -> None:
        report = src / "reports" / self.edit_target
        report.write_text(EDITS[build](report.read_text(encoding="utf-8"), run),
                          encoding="utf-8")


@dataclass
class SameSiteFlavour(Flavour):
    """Edits the report as ours is edited, then regenerates the pages as a script
    would: the same-site report from the edited one, and every generated page that
    changed (an affiliation: the speaker's page and the speakers index)."""

    site: Site | None = None
    ours: dict[str, str] = field(default_factory=dict)

    def reset(self) -> None:
        assert self.site is not None
        self.site.update(self.edit_target, self.ours[self.edit_target])

    def edit(self, src: Path, build: str, run: int) -> None:
        assert self.site is not None
        name = self.edit_target
        self.site.update(name, EDITS[build](self.site.ours[name], run))
        (src / "reports" / name).write_text(self.site.reports[name], encoding="utf-8")
        write_pages(src, self.site.pages())


def snapshot(outdir: Path, mark: bool) -> dict[str, int]:
    """Every output file's mtime_ns; with ``mark``, first set each one 1 µs older.

    A fixed old time would make Sphinx see every page as older than its source
    and rewrite them all; one microsecond earlier keeps its decisions as they
    were while any rewrite, even a copy that restores the source's mtime,
    shows as a changed value.
    """
    times: dict[str, int] = {}
    if not outdir.exists():
        return times
    for folder, _dirs, files in os.walk(outdir):
        for name in files:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            if mark:
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 1000))
                stat = os.stat(path)
            times[os.path.relpath(path, outdir)] = stat.st_mtime_ns
    return times


def _max_rss_mib(usage: object) -> float:
    rss = getattr(usage, "ru_maxrss", 0)
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB else


def byte_compile(folder: str) -> None:
    """Compile the extension's modules, as installing its wheel does. With
    ``PYTHONDONTWRITEBYTECODE`` set (some machines' default, this one's among them) or a
    read-only checkout, an editable install is compiled again by every build: 0.17 s of
    each here, which nobody who installed the package pays, and which made every
    incremental build of ours look that much slower than plain Sphinx's (whose modules
    pip compiled)."""
    if folder:
        compileall.compile_dir(folder, quiet=1)


def run_build(src: Path, out: Path, log: Path, jobs: int = 1,
              prefix: Sequence[str] = ()) -> Measurement:
    """``python -m sphinx -b html -q`` as a child; wall, CPU and peak RSS from wait4."""
    before = snapshot(out, mark=True)
    command = [sys.executable, *prefix, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
               str(src), str(out)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1700000000"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as errors:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - began
            child.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            rss = _max_rss_mib(usage)
        else:  # no wait4 (Windows): wall time only
            child.wait()
            wall, cpu, rss = time.perf_counter() - began, float("nan"), float("nan")
    after = snapshot(out, mark=False)
    written = [p for p, t in after.items() if before.get(p) != t]
    text = log.read_text(encoding="utf-8", errors="replace")
    return Measurement(
        wall=wall, cpu=cpu, peak_rss_mib=rss,
        files_written=sum(not p.startswith(".doctrees") for p in written),
        pages_written=sum(p.endswith(".html") for p in written),
        doctrees_written=sum(p.startswith(".doctrees") for p in written),
        files_removed=len(set(before) - set(after)),
        warnings=len(re.findall(r"WARNING", text)),
        returncode=child.returncode, log=str(log),
    )


EDIT_SENTENCE = "One more sentence, appended by the benchmark (run {run})."
#: Ours, plain's list item, plain-light's line of fields (``Speakers: … · Tags: …``).
_SPEAKERS_LINE = re.compile(
    r"(^:speakers: |^- Speakers: |(?:^|(?<= · ))Speakers: )(?!['\"])(.+?)(?= · |$)",
    re.MULTILINE)


def edit_text(text: str, run: int) -> str:
    return text.rstrip("\n") + "\n\n" + EDIT_SENTENCE.format(run=run) + "\n"


def edit_affiliation(text: str, run: int) -> str:
    """Give the first speaker of the first session a new affiliation."""
    match = _SPEAKERS_LINE.search(text)
    if not match:
        raise ValueError("no speakers line to edit")
    prefix, value = match.groups()
    separator = "; " if ";" in value else ", "
    first, _, rest = value.partition(separator)
    named = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", first)
    name = named.group(1) if named else first
    changed = f"{name} (Edited Affiliation {run}){separator + rest if rest else ''}"
    return text[:match.start()] + prefix + changed + text[match.end():]


def choose_edit_target(reports: dict[str, str]) -> str:
    """The report in the middle of the archive that has a speakers line."""
    names = sorted(reports)
    order = names[len(names) // 2:] + names[:len(names) // 2]
    for name in order:
        if _SPEAKERS_LINE.search(reports[name]):
            return name
    raise SystemExit("no report with speakers to edit")


EDITS: dict[str, Callable[[str, int], str]] = {
    "edit-text": edit_text, "edit-affiliation": edit_affiliation}


def measure(flavours: list[Flavour], workdir: Path, repeat: int, parallel: set[str]) -> None:
    total = repeat * sum(4 + (f.name in parallel) for f in flavours)
    width = max(len(f.name) for f in flavours)
    done = 0
    for run in range(1, repeat + 1):
        for flavour in flavours:  # interleaved, so drift on a shared machine hits all
            base = workdir / "build" / flavour.name
            src, out, logs = base / "src", base / "out", base / "logs"
            if src.exists():
                shutil.rmtree(src)
            shutil.copytree(flavour.pristine, src)
            flavour.reset()
            steps = [("full", 1), ("noop", 1), ("edit-text", 1), ("edit-affiliation", 1)]
            if flavour.name in parallel:
                steps.append(("full-j2", 2))
            for build, jobs in steps:
                if build.startswith("full") and out.exists():
                    shutil.rmtree(out)
                if build in EDITS:
                    flavour.edit(src, build, run)
                result = run_build(src, out, logs / f"{build}-{run}.log", jobs=jobs)
                flavour.results.setdefault(build, []).append(result)
                done += 1
                state = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
                say(f"[{done}/{total}] run {run} {flavour.name:{width}} {build:16} "
                    f"{result.wall:7.2f}s  {result.peak_rss_mib:6.0f} MiB  "
                    f"{result.files_written:5} files  {result.warnings:3} warnings  {state}")
                if result.returncode != 0:
                    say(Path(result.log).read_text(encoding="utf-8", errors="replace")[-3000:])
                    raise SystemExit(f"build failed: {flavour.name} {build}; log {result.log}")
