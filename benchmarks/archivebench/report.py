"""Medians, the targets of issues 17 and 28, the extra cost of each optional feature, the
overhead per generated page, the tables."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from archivebench.flavours import flavour_order
from archivebench.measure import BUILD_LABELS, BUILDS, Flavour, Measurement

FLOORS = ("plain", "same-site")  # every target's ratio is shown against both
#: The flavours built without the extension, as columns of the table.
COLUMNS = ("plain", "plain-light", "same-site", "ablog")
#: The flavours that write the reports only: ours minus one of them is what the extension
#: adds, and most of it is the generated pages.
PLAIN = ("plain", "plain-light")
#: Ours with ``eventarchive_generate_pages = False``, when measured: the floor of
#: :func:`per_page` that holds the same reports as ours.
NO_PAGES = "ours+nopages"
KEYS = ("wall", "cpu", "peak_rss_mib", "files_written", "pages_written", "doctrees_written",
        "files_removed", "warnings")


@dataclass(frozen=True)
class Target:
    build: str
    floor: str
    what: str  # "time" (wall or CPU seconds, --metric) or "peak_rss_mib"
    limit: float
    flavour: str = "ours"  # the flavour judged against the floor


# Issue 17. The synthetic targets are stated for 200 reports × 5 sessions, the pyvideo
# ones for the whole archive; on a smaller archive they are shown for information.
TARGETS = {
    "synthetic": [
        Target("full", "plain", "time", 1.15),
        Target("edit-text", "plain", "time", 1.3),
        Target("edit-affiliation", "plain", "time", 1.3),
        Target("noop", "plain", "time", 1.1),
        Target("full", "same-site", "time", 0.5),  # issue 28 (issue 17: 0.6)
        # Issue 28: search and card images on.
        Target("full", "ours", "time", 1.2, "ours+search+cards"),
        Target("edit-text", "plain", "time", 1.5, "ours+search+cards"),
    ],
    "pyvideo": [
        Target("full", "plain", "time", 1.1),
        Target("full", "plain", "peak_rss_mib", 1.2),
        Target("edit-text", "plain", "time", 1.5),
        Target("edit-affiliation", "plain", "time", 1.5),
        Target("edit-text", "plain", "time", 2.0, "ours+search"),  # issue 28
    ],
}
#: Issue 28, pyvideo whole: what each generated page may add, against either plain flavour.
PER_PAGE_LIMITS = {"ms": 3.0, "kib": 8.0}


def median(results: list[Measurement], key: str) -> float:
    return statistics.median(getattr(r, key) for r in results)


def summary(flavours: list[Flavour]) -> dict[str, dict[str, dict[str, float]]]:
    table: dict[str, dict[str, dict[str, float]]] = {}
    for flavour in flavours:
        for build, results in flavour.results.items():
            table.setdefault(flavour.name, {})[build] = {
                key: median(results, key) for key in KEYS
            } | {"runs": len(results), "walls": [round(r.wall, 3) for r in results]}
    return table


def gain(table: dict, flavour: str) -> float | None:
    """What -j 2 buys: wall of the full build ÷ wall of the full build with -j 2."""
    rows = table.get(flavour, {})
    if "full" in rows and "full-j2" in rows and rows["full-j2"]["wall"]:
        return rows["full"]["wall"] / rows["full-j2"]["wall"]
    return None


def _divide(ours: dict | None, theirs: dict | None, key: str) -> float | None:
    if not ours or not theirs or not theirs.get(key):
        return None
    return ours[key] / theirs[key]


def targets(kind: str, table: dict, metric: str = "wall",
            judged: bool = True) -> list[dict[str, object]]:
    """Each target of ``kind``, measured or not; ``judged`` False: for information only."""
    checks: list[dict[str, object]] = []
    for target in TARGETS[kind]:
        key = metric if target.what == "time" else target.what
        label = "peak memory of the full build" if key == "peak_rss_mib" else \
            BUILD_LABELS[target.build]
        if target.flavour != "ours":
            label = f"{target.flavour}: {label}"
        row = table.get(target.flavour, {}).get(target.build)
        ratios = {floor: _divide(row, table.get(floor, {}).get(target.build), key)
                  for floor in dict.fromkeys([*FLOORS, target.floor])}
        value = ratios[target.floor]
        checks.append({
            "target": f"{label} ≤ {target.limit}× {target.floor}", "metric": key,
            "measured": value, "limit": target.limit,
            "pass": None if value is None else value <= target.limit, "judged": judged,
            "missing": "" if value is not None else
            (target.flavour if row is None else target.floor),
            "wall_ratio": _divide(row, table.get(target.floor, {}).get(target.build), "wall")
            if key != "peak_rss_mib" else value,
            "cpu_ratio": _divide(row, table.get(target.floor, {}).get(target.build), "cpu")
            if key != "peak_rss_mib" else None,
            "ratios": ratios,
        })
    # Parallelism buys wall time, never CPU time: always judged on wall.
    mine, theirs = gain(table, "ours"), gain(table, "plain")
    checks.append({
        "target": "-j 2 gain of ours ≥ plain's own -j 2 gain", "metric": "wall",
        "measured": mine, "limit": theirs,
        "pass": None if mine is None or theirs is None else mine >= theirs, "judged": judged,
        "missing": "" if mine is not None and theirs is not None else
        "full-j2 of " + " and ".join(f for f, g in (("ours", mine), ("plain", theirs))
                                     if g is None),
        "wall_ratio": None, "cpu_ratio": None,
        "ratios": {floor: gain(table, floor) for floor in FLOORS},
    })
    return checks


def extra_costs(table: dict) -> list[dict[str, object]]:
    """What each optional feature adds to ours, build by build."""
    costs = []
    ours = table.get("ours", {})
    for flavour in sorted((f for f in table if "+" in f), key=flavour_order):
        for build in BUILDS:
            row, base = table[flavour].get(build), ours.get(build)
            if not row or not base:
                continue
            costs.append({
                "feature": flavour.split("+", 1)[1], "flavour": flavour, "build": build,
                "wall": row["wall"], "extra_wall": row["wall"] - base["wall"],
                "times_ours": _divide(row, base, "wall"),
                "extra_cpu": row["cpu"] - base["cpu"],
                "peak_rss_mib": row["peak_rss_mib"],
                "extra_rss_mib": row["peak_rss_mib"] - base["peak_rss_mib"],
                "extra_files": row["files_written"] - base["files_written"],
                "warnings": row["warnings"],
            })
    return costs


def per_page(table: dict, kind: str = "") -> list[dict[str, object]]:
    """What each generated page adds to the full build, against each plain flavour:
    (ours − plain) ÷ the pages ours writes beyond plain's, in ms of wall time and KiB of
    peak memory. Unlike a ratio, it does not depend on how heavy the plain pages are.

    With a flavour ``ours+nopages`` (``--extra-line
    'nopages=eventarchive_generate_pages = False'``), ours is also set against itself
    without its generated pages: the same reports, read and written by us, so the figure
    is the generated pages' alone, whatever the plain flavours' pages cost."""
    rows = []
    for flavour in sorted((f for f in table if f.split("+")[0] == "ours"
                           and f != NO_PAGES), key=flavour_order):
        ours = table[flavour].get("full")
        for plain in (*PLAIN, NO_PAGES):
            base = table.get(plain, {}).get("full")
            if not ours or not base:
                continue
            pages = ours["pages_written"] - base["pages_written"]
            if pages <= 0:
                continue
            ms = (ours["wall"] - base["wall"]) * 1000 / pages
            cpu_ms = (ours["cpu"] - base["cpu"]) * 1000 / pages
            kib = (ours["peak_rss_mib"] - base["peak_rss_mib"]) * 1024 / pages
            judged = kind == "pyvideo" and flavour == "ours" and plain != NO_PAGES
            rows.append({"flavour": flavour, "plain": plain, "pages": pages, "ms": ms,
                         "cpu_ms": cpu_ms, "kib": kib,
                         "pass": (ms <= PER_PAGE_LIMITS["ms"] and kib <= PER_PAGE_LIMITS["kib"])
                         if judged else None})
    return rows


def per_page_markdown(rows: list[dict[str, object]]) -> list[str]:
    if not rows:
        return []
    lines = ["", "Overhead per generated page (full build, medians): (ours − floor) ÷ the "
             "pages ours writes beyond the floor's (a plain flavour, or ours+nopages: the "
             "same reports without generated pages); issue 28's target for the whole pyvideo "
             f"archive: ≤ {PER_PAGE_LIMITS['ms']:g} ms and ≤ {PER_PAGE_LIMITS['kib']:g} KiB",
             "", "| flavour | against | generated pages | ms wall | ms CPU | KiB peak RSS | "
             "target |", "|---|---|--:|--:|--:|--:|---|"]
    for row in rows:
        result = "–" if row["pass"] is None else "PASS" if row["pass"] else "FAIL"
        lines.append(f"| {row['flavour']} | {row['plain']} | {row['pages']:.0f} | "
                     f"{row['ms']:.2f} | {row['cpu_ms']:.2f} | {row['kib']:.1f} | {result} |")
    return lines


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def markdown(description: str, table: dict, checks: list[dict[str, object]],
             costs: list[dict[str, object]], repeat: int,
             pages: list[dict[str, object]] | None = None) -> str:
    flavours = sorted(table, key=flavour_order)
    floors = [f for f in COLUMNS if f in table]
    lines = [f"### {description}", "",
             f"Median of {repeat} run{'s' if repeat != 1 else ''}, the flavours interleaved; "
             "wall and CPU seconds of the `sphinx-build` child, peak RSS of the child (and its "
             "workers), files the build wrote outside `.doctrees` (pages: `.html` among "
             "them). × floor: wall time ÷ the same build of that flavour (-j 2: its -j 2 "
             "build, or its -j 1 full build when it has none).", "",
             "| build | flavour | wall s | CPU s | "
             + "".join(f"× {f} | " for f in floors)
             + "peak RSS MiB | files written | pages written | doctrees written | warnings |",
             "|---|---|--:|--:|" + "--:|" * len(floors) + "--:|--:|--:|--:|--:|"]
    for build in BUILDS:
        for flavour in flavours:
            row = table[flavour].get(build)
            if not row:
                continue
            versus = []
            for floor in floors:
                other = table[floor].get(build) or (
                    table[floor].get("full") if build == "full-j2" else None)
                versus.append(_times(_divide(row, other, "wall")))
            lines.append(
                f"| {BUILD_LABELS[build]} | {flavour} | {row['wall']:.2f} | {row['cpu']:.2f} | "
                + "".join(f"{v} | " for v in versus)
                + f"{row['peak_rss_mib']:.0f} | {row['files_written']:.0f} | "
                f"{row['pages_written']:.0f} | {row['doctrees_written']:.0f} | "
                f"{row['warnings']:.0f} |")
    gains = [(f, gain(table, f)) for f in flavours]
    if any(g is not None for _f, g in gains):
        lines += ["", "-j 2 gain (wall of the full build ÷ wall of the full build -j 2): "
                  + ", ".join(f"{f} {g:.2f}×" for f, g in gains if g is not None)]
    if checks:
        lines += ["", "| target | judged on | wall ratio | CPU ratio | × plain / × same-site "
                  "(same build, wall) | result |", "|---|---|--:|--:|--:|---|"]
        for check in checks:
            lines.append(_check_row(check))
    if costs:
        lines += ["", "Optional features: extra cost over ours (medians)", "",
                  "| feature | build | wall s | + wall s | × ours | + CPU s | peak RSS MiB | "
                  "+ MiB | + files written | warnings |",
                  "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for cost in costs:
            lines.append(
                f"| {cost['feature']} | {BUILD_LABELS[str(cost['build'])]} | "
                f"{cost['wall']:.2f} | {cost['extra_wall']:+.2f} | "
                f"{_times(cost['times_ours'])} | {cost['extra_cpu']:+.2f} | "  # type: ignore[arg-type]
                f"{cost['peak_rss_mib']:.0f} | {round(cost['extra_rss_mib']):+d} | "
                f"{round(cost['extra_files']):+d} | {cost['warnings']:.0f} |")
    lines += per_page_markdown(pages or [])
    return "\n".join(lines)


def _check_row(check: dict[str, object]) -> str:
    ratios: dict = check["ratios"]  # type: ignore[assignment]
    if check["target"].startswith("-j 2"):  # type: ignore[union-attr]
        wall = (f"ours {_times(check['measured'])} vs plain {_times(check['limit'])}"  # type: ignore[arg-type]
                if check["missing"] == "" else "–")
        cpu = "–"
        floors = f"gains: plain {_times(ratios['plain'])}, same-site {_times(ratios['same-site'])}"
    else:
        memory = check["metric"] == "peak_rss_mib"
        wall = _times(check["wall_ratio"]) + (" (memory)" if memory else "")  # type: ignore[arg-type]
        cpu = _times(check["cpu_ratio"])  # type: ignore[arg-type]
        floors = f"{_times(ratios['plain'])} / {_times(ratios['same-site'])}"
        if "ours" in ratios:
            floors += f"; × ours {_times(ratios['ours'])}"
        if memory:
            floors += " (memory)"
    if check["pass"] is None:
        result = f"not measured (needs {check['missing']})"
    else:
        result = "PASS" if check["pass"] else "FAIL"
        if not check["judged"]:
            result += " (info)"
    return f"| {check['target']} | {check['metric']} | {wall} | {cpu} | {floors} | {result} |"


# -- the machine and the versions ---------------------------------------------------

PROBE = """\
import importlib.metadata as md, json, os
found = {}
for dist in %r:
    try:
        found[dist] = md.version(dist)
    except md.PackageNotFoundError:
        found[dist] = "not installed"
try:
    import sphinx_eventarchive as m
    found["sphinx-eventarchive"] = getattr(m, "__version__", found["sphinx-eventarchive"])
    found["folder"] = os.path.dirname(m.__file__)
except ImportError:
    found["folder"] = ""
print(json.dumps(found))
"""
DISTRIBUTIONS = ("sphinx", "docutils", "myst-parser", "sphinx-eventarchive", "ablog",
                 "sphinxext-opengraph", "sphinx-design", "pagefind", "pillow")


def _probe() -> dict[str, str]:
    done = subprocess.run([sys.executable, "-c", PROBE % (DISTRIBUTIONS,)],
                          capture_output=True, text=True, check=False)
    try:
        return json.loads(done.stdout)
    except ValueError:
        return {"folder": ""}


def package_folder() -> str:
    return _probe().get("folder", "")


def package_state(folder: str | None = None) -> str:
    """A digest of the extension's installed sources (names, sizes, mtimes).

    Compared at the start and the end of a run: on a tree other people are
    editing, a change in between means the figures mix two versions.
    """
    folder = package_folder() if folder is None else folder
    if not folder:
        return ""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)} {stat.st_size} {stat.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


def environment() -> dict[str, object]:
    found = _probe()
    folder = found.pop("folder", "")
    return {"python": platform.python_version(), "platform": platform.platform(),
            "package_folder": folder, "package_state_start": package_state(folder),
            "cpus": os.cpu_count(), "versions": found,
            "loadavg_start": os.getloadavg() if hasattr(os, "getloadavg") else None}


def versions_line(env: dict) -> str:
    shown = [f"Python {env['python']}"] + [
        f"{name} {version}" for name, version in env["versions"].items()
        if version != "not installed"]
    return "versions: " + ", ".join(shown) + f"; {env['platform']}"

