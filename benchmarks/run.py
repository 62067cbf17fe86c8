#!/usr/bin/env python3
"""Build-time benchmark of sphinx-eventarchive against plain Sphinx and ablog (issues 7, 17).

Flavours of the same archive, with the same words:

``plain``
    MyST Markdown with headings and bullet lists where ours has directives,
    and no extension but ``myst_parser``: the floor (the reports only).
``plain-light``
    plain with each session's fields on one line (heading, then ``Speakers: …
    · Tags: … · Video: <…>``, then its description), as a site written by hand
    has them: a lighter floor, with the same words.
``same-site``
    plain, plus the events, speakers and tags pages our extension generates,
    written out as MyST by the benchmark and built by plain Sphinx: the cost
    of the same site without the extension (the second floor).
``ours``
    front matter, one ``event`` and its ``session`` directives per report,
    ``eventlist`` on the index (sphinx-eventarchive).
``ours+search``, ``ours+cards``, ``ours+search+cards`` (``--extras``)
    ours with an optional feature (or several) on, to show what each one adds.
``ablog``
    the plain text as ablog posts (front matter ``blogpost: true`` with tags,
    author and category), ablog's blog settings and sidebars as ``ablog start``
    writes them, ``postlist`` on the index.

Two archives:

``synthetic``
    N generated reports of K (or LOW-HIGH) sessions, speakers drawn with a
    Zipf-like skew, Japanese and Latin names, tags, Speaker Deck and YouTube links.
``pyvideo``
    the pyvideo/data tree (540 events, 21,715 talks), imported with
    ``python -m sphinx_eventarchive import pyvideo`` (ours) and turned into
    plain MyST by replacing each directive with the same words.

For every flavour and repetition, interleaved: a full build into a fresh
output folder, a no-op rebuild, a rebuild after appending a sentence to one
report, one after changing one speaker's affiliation in it, and (all but
ablog) a full build with ``-j 2``. Each build is ``python -m sphinx -b html -q``
in a child process; its wall time, CPU time and peak RSS come from
``os.wait4``. Only the standard library is used here (``archivebench/``);
Sphinx, MyST, ablog and the extension are run as the child.

    python benchmarks/run.py synthetic --reports 200 --sessions 5 --repeat 3
    python benchmarks/run.py synthetic --shape 200x5 --shape 100x8x300 \
        --extras search+cards --repeat 3
    python benchmarks/run.py synthetic --reports 150 --sessions 5-8 \
        --speakers-per-session 1.5-3 --extras search,cards
    python benchmarks/run.py pyvideo --events 540 --repeat 1

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archivebench import say  # noqa: E402
from archivebench.extras import missing_distributions  # noqa: E402
from archivebench.extras import resolve as resolve_extras  # noqa: E402
from archivebench.flavours import (  # noqa: E402
    FLAVOURS,
    SERIAL_ONLY,
    flavour_order,
    flavour_texts,
    write_project,
)
from archivebench.measure import (  # noqa: E402
    Flavour,
    SameSiteFlavour,
    byte_compile,
    choose_edit_target,
    measure,
)
from archivebench.profiling import profile  # noqa: E402
from archivebench.pyvideo import find_data, pyvideo_reports, unpack_data  # noqa: E402
from archivebench.report import (  # noqa: E402
    environment,
    extra_costs,
    markdown,
    package_state,
    per_page,
    summary,
    targets,
    versions_line,
)
from archivebench.samesite import Site  # noqa: E402
from archivebench.synthetic import generate_synthetic, render_ours  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / "_work"
#: The scale issue 17 is about: below it, targets are shown for information only.
JUDGED_SYNTHETIC_REPORTS = 100


def span(kind: type) -> object:
    """``5`` or ``5-8`` → (low, high)."""
    def parse(text: str) -> tuple[float, float]:
        low, _, high = text.partition("-")
        try:
            pair = (kind(low), kind(high or low))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: write N or LOW-HIGH") from None
        if pair[0] > pair[1] or pair[0] < 1:
            raise argparse.ArgumentTypeError(f"{text!r}: LOW-HIGH with 1 ≤ LOW ≤ HIGH")
        return pair
    return parse


def shape(text: str) -> tuple[int, ...]:
    """``100x8x300`` → reports, sessions per report[, speakers in the pool[, tags]]."""
    try:
        numbers = tuple(int(n) for n in text.lower().replace("×", "x").split("x"))
    except ValueError:
        numbers = ()
    if not 2 <= len(numbers) <= 4 or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: write REPORTSxSESSIONS[xSPEAKERS[xTAGS]]")
    return numbers


def _span_text(pair: tuple[float, float]) -> str:
    return f"{pair[0]:g}" if pair[0] == pair[1] else f"{pair[0]:g}–{pair[1]:g}"


def prepare(args: argparse.Namespace, workdir: Path, flavours: list[str],
            conf: dict[str, list[str]]) -> tuple[str, list[Flavour], dict[str, object]]:
    if args.kind == "synthetic":
        reports = generate_synthetic(args.reports, args.sessions, args.speakers, args.tags,
                                     args.seed, args.speakers_per_session)
        ours = {r.filename: render_ours(r) for r in reports}
        categories = {r.filename: r.series for r in reports}
        speakers = {n for r in reports for s in r.sessions for n, _ in s.speakers}
        sessions = sum(len(r.sessions) for r in reports)
        appearances = sum(len(s.speakers) for r in reports for s in r.sessions)
        tags = {t for r in reports for t in r.tags + r.event_tags} | {
            t for r in reports for s in r.sessions for t in s.tags}
        title = "Synthetic archive"
        description = (f"synthetic: {len(reports)} reports × {_span_text(args.sessions)} "
                       f"sessions ({sessions} in all), {len(speakers)} speakers "
                       f"({appearances / max(1, sessions):.2f} per session, "
                       f"{appearances} appearances), {len(tags)} tags")
        facts: dict[str, object] = {
            "reports": len(reports), "sessions_per_report": list(args.sessions),
            "sessions": sessions, "speakers_per_session": appearances / max(1, sessions),
            "speakers_used": len(speakers), "appearances": appearances,
            "tags_used": len(tags), "seed": args.seed}
        judged = len(reports) >= JUDGED_SYNTHETIC_REPORTS
    else:
        data = unpack_data(find_data(args.data), args.workdir_path)
        ours = pyvideo_reports(data, args.events, workdir)
        categories = {}
        sessions = sum(text.count("{session}") for text in ours.values())
        title = "pyvideo archive"
        description = f"pyvideo: {len(ours)} events, {sessions} talks"
        facts = {"events": len(ours), "sessions": sessions}
        judged = args.events is None
    target = choose_edit_target(ours)
    texts = flavour_texts(ours, categories, flavours)
    result: list[Flavour] = []
    for name in flavours:
        pristine = workdir / "pristine" / name
        lines = [*args.conf_extra, *conf.get(name, [])]
        if name == "same-site":
            began = time.perf_counter()
            site = Site(ours)
            pages = site.pages()
            write_project(pristine, name, title, site.reports, lines, listing=site.listing(),
                          pages=pages)
            say(f"same-site: wrote {len(pages)} generated pages ({len(site.speakers)} "
                f"speakers, {len(site.tags)} tags, {len(site.events)} events) in "
                f"{time.perf_counter() - began:.1f}s")
            facts["same_site"] = {"pages": len(pages), "speakers": len(site.speakers),
                                  "tags": len(site.tags), "events": len(site.events),
                                  "sessions": len(site.sessions)}
            if args.kind == "synthetic" and (len(site.speakers), len(site.sessions)) != (
                    facts["speakers_used"], facts["sessions"]):
                say(f"WARNING: the same-site pages count {len(site.speakers)} speakers and "
                    f"{len(site.sessions)} sessions, the data {facts['speakers_used']} and "
                    f"{facts['sessions']}: reading our reports back lost something")
            result.append(SameSiteFlavour(name, pristine, target, site=site, ours=dict(ours)))
        else:
            write_project(pristine, name, title, texts[name], lines)
            result.append(Flavour(name, pristine, target))
    facts["edited_report"] = target
    facts["conf_extra"] = list(args.conf_extra)
    facts["judged"] = judged
    return description, result, facts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="kind", required=True)
    synthetic = commands.add_parser("synthetic", help="a generated archive")
    synthetic.add_argument("--reports", type=int, default=200)
    synthetic.add_argument("--sessions", type=span(int), default=(5, 5), metavar="K|LOW-HIGH",
                           help="sessions per report, or a range drawn per report (5-8)")
    synthetic.add_argument("--speakers-per-session", type=span(float), default=None,
                           metavar="MEAN|LOW-HIGH",
                           help="mean speakers per session, or a range each report draws its "
                                "mean from (1.5-3); default: 1 on 80%% of sessions, else 2-3")
    synthetic.add_argument("--speakers", type=int, default=400, help="size of the speaker pool")
    synthetic.add_argument("--tags", type=int, default=40, help="size of the tag pool")
    synthetic.add_argument("--seed", type=int, default=7)
    synthetic.add_argument("--shape", type=shape, action="append", default=[],
                           metavar="RxS[xP[xT]]",
                           help="reports × sessions per report [× speakers in the pool "
                                "[× tags]], instead of the options above (repeatable: the "
                                "shapes are measured one after another, each with its table; "
                                "100x8x300 is issue 28's, 200x5 issue 7's)")
    pyvideo = commands.add_parser("pyvideo", help="the pyvideo/data archive")
    pyvideo.add_argument("--events", "--pyvideo-events", type=int, default=None,
                         help="this many events, spread evenly (default: all)")
    pyvideo.add_argument("--data", help="pyvideo/data checkout or .tar.gz of one")
    for sub in (synthetic, pyvideo):
        sub.add_argument("--repeat", type=int, default=3)
        sub.add_argument("--flavours", default=None,
                         help=f"comma-separated, of {','.join(FLAVOURS)} (default: all for "
                              "synthetic, all but ablog for pyvideo)")
        sub.add_argument("--extras", default="",
                         help="optional features to measure as flavours ours+NAME "
                              "(comma-separated: search, cards; search+cards for both on "
                              "in one flavour)")
        sub.add_argument("--extra-line", action="append", default=[], metavar="NAME=LINE",
                         help="the conf.py line that turns feature NAME on (repeatable); "
                              "adds the flavour ours+NAME")
        sub.add_argument("--parallel-flavours", default="all",
                         help="flavours also built with -j 2 (comma-separated, 'all' for "
                              "every flavour but ablog, or 'none')")
        sub.add_argument("--conf-extra", action="append", default=[], metavar="LINE",
                         help="append this line to every flavour's conf.py (repeatable), "
                              "e.g. 'html_theme = \"furo\"'")
        sub.add_argument("--workdir", default=str(DEFAULT_WORKDIR))
        sub.add_argument("--json", help="also write the results here")
        sub.add_argument("--profile", action="store_true",
                         help="then profile ours (full and no-op build) with cProfile")
        sub.add_argument("--profile-top", type=int, default=30)
        sub.add_argument("--metric", choices=("wall", "cpu"), default="wall",
                         help="judge the time targets on wall (default) or CPU seconds; "
                              "CPU is steadier on a busy machine (-j 2 is always wall)")
        sub.add_argument("--check", action="store_true",
                         help="exit 1 when a target fails (default: always 0)")
    args = parser.parse_args(argv)

    default = ",".join(FLAVOURS) if args.kind == "synthetic" else \
        "plain,plain-light,same-site,ours"
    flavours = [f.strip() for f in (args.flavours or default).split(",") if f.strip()]
    lines = {}
    for item in args.extra_line:
        name, equals, line = item.partition("=")
        if not equals or not name.strip() or not line.strip():
            parser.error(f"--extra-line {item!r}: write NAME=LINE")
        lines[name.strip()] = line.strip()
    extras = [e.strip() for e in args.extras.split(",") if e.strip()]
    extras += [f.split("+", 1)[1] for f in flavours if f.startswith("ours+")]
    flavours = [f for f in flavours if not f.startswith("ours+")]
    unknown = set(flavours) - set(FLAVOURS)
    if unknown or not flavours:
        parser.error(f"unknown flavour {sorted(unknown)}; choose from {', '.join(FLAVOURS)}")

    env = environment()
    byte_compile(str(env["package_folder"]))
    conf, notes = resolve_extras(extras, lines, str(env["package_folder"]))
    if "ablog" in flavours and missing_distributions(["ablog"]):
        flavours.remove("ablog")
        notes.append("ablog skipped: not installed (pip install ablog)")
        if not flavours:
            parser.error("no flavour left to build")
    for note in notes:
        say(note)
    flavours = sorted([*flavours, *conf], key=flavour_order)
    wanted = args.parallel_flavours.strip()
    parallel = (set() if wanted == "none" else set(flavours) - SERIAL_ONLY - set(conf)
                if wanted == "all" else {f.strip() for f in wanted.split(",")} & set(flavours))
    args.workdir_path = Path(args.workdir).resolve()
    shapes = getattr(args, "shape", []) or [()]
    given = (getattr(args, "speakers", None), getattr(args, "tags", None))
    failed = False
    for number, each in enumerate(shapes):
        if each:
            args.reports, args.sessions = each[0], (each[1], each[1])
            args.speakers = each[2] if len(each) > 2 else given[0]
            args.tags = each[3] if len(each) > 3 else given[1]
        json_path = args.json
        if args.json and len(shapes) > 1:
            json_path = str(Path(args.json).with_suffix(f".{number + 1}.json"))
        failed |= run_one(args, flavours, conf, notes, parallel, env if number == 0 else
                          environment(), json_path)
    return 1 if args.check and failed else 0


def run_one(args: argparse.Namespace, flavours: list[str], conf: dict[str, list[str]],
            notes: list[str], parallel: set[str], env: dict[str, object],
            json_path: str | None) -> bool:
    """Measure one archive; whether a judged target failed."""
    if args.kind == "synthetic":
        name = f"synthetic-r{args.reports}-s{_span_text(args.sessions).replace('–', '-')}"
        if args.speakers_per_session:
            name += f"-p{_span_text(args.speakers_per_session).replace('–', '-')}"
        if args.speakers != 400 or args.tags != 40:
            name += f"-k{args.speakers}-t{args.tags}"
    else:
        name = f"pyvideo-e{args.events or 'all'}"
    workdir = args.workdir_path / name
    workdir.mkdir(parents=True, exist_ok=True)

    description, prepared, facts = prepare(args, workdir, flavours, conf)
    say(f"{description}; flavours {', '.join(flavours)} (-j 2 also: "
        f"{', '.join(sorted(parallel, key=flavour_order)) or 'none'}); {args.repeat} runs; "
        f"work in {workdir}")
    began = time.perf_counter()
    measure(prepared, workdir, args.repeat, parallel)
    env["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    env["package_state_end"] = package_state(str(env["package_folder"]))
    changed = env["package_state_end"] != env["package_state_start"]
    table = summary(prepared)
    checks = targets(args.kind, table, args.metric, judged=bool(facts["judged"]))
    costs = extra_costs(table)
    pages = per_page(table, args.kind if facts["judged"] else "")
    print(markdown(description, table, checks, costs, args.repeat, pages))
    for note in notes:
        print(f"\n{note}")
    if not facts["judged"]:
        scale = (f"synthetic archives of at least {JUDGED_SYNTHETIC_REPORTS} reports"
                 if args.kind == "synthetic" else "the whole pyvideo archive")
        print(f"\nThe targets are stated for {scale}: on this one they are for information "
              "and --check does not fail on them.")
    print(f"\nload average at start {env['loadavg_start']}, at end {env['loadavg_end']} "
          f"on {env['cpus']} CPUs; {time.perf_counter() - began:.0f}s in all; "
          f"edited report: {facts['edited_report']}")
    print(versions_line(env))
    if changed:
        print("\nWARNING: sphinx_eventarchive's sources changed during this run; the figures "
              "mix two versions of the extension. Run again.")
    profiles = {}
    if args.profile and "ours" in flavours:
        ours = next(f for f in prepared if f.name == "ours")
        profiles = profile(ours, workdir, args.profile_top)
        for text in profiles.values():
            print("\n```text\n" + text.rstrip() + "\n```")
    if json_path:
        Path(json_path).write_text(json.dumps({
            "kind": args.kind, "description": description, "facts": facts,
            "environment": env, "repeat": args.repeat, "metric": args.metric,
            "summary": table, "targets": checks, "extra_costs": costs, "skipped": notes,
            "per_page": pages,
            "runs": {f.name: {b: [asdict(m) for m in ms] for b, ms in f.results.items()}
                     for f in prepared},
            "profiles": profiles,
        }, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return any(c["judged"] and c["pass"] is False for c in checks) or any(
        p["pass"] is False for p in pages)


if __name__ == "__main__":
    sys.exit(main())
