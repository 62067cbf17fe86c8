"""What each ``sphinx-eventarchive`` subcommand does, once its arguments are parsed.

``cli.py`` holds the parser and ``main``; each function here takes the parsed
arguments and returns the exit code. Heavy imports stay inside the functions,
so ``--help`` and a Sphinx build that never runs the command load none of them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sphinx_eventarchive.importers.findings import InputError, read_input

PROG = "sphinx-eventarchive"
EXIT_OK = 0
EXIT_INPUT = 2


def say(message: str) -> None:
    print(message, file=sys.stderr)


def format_option(value: str) -> str:
    from sphinx_eventarchive.core.options import FORMATS

    value = value.strip().lower()
    if value not in FORMATS:
        raise argparse.ArgumentTypeError(f"choose {', '.join(FORMATS)}")
    return value


# -- import pretalx -----------------------------------------------------------


def import_pretalx(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import pretalx
    from sphinx_eventarchive.importers.mystwriter import render_report
    from sphinx_eventarchive.importers.output import plan, write_report

    report, findings = pretalx.load(Path(args.schedule))
    event = report.event._replace(
        tags=tuple(args.tag),
        venue=args.venue or report.event.venue,
        location=args.location or report.event.location,
        format=args.format or report.event.format,
    )
    report = report._replace(event=event, tags=tuple(args.tag))
    output = Path(args.output_dir)
    [target] = plan(output, [report.filename], args.force)
    path = target.path
    write_report(path, render_report(report).encode("utf-8"), output)
    for notice in findings.notices:
        say(f"{args.schedule}: {notice}")
    for problem in findings.unreadable:
        say(f"could not read {args.schedule}: {problem}")
    say(f"wrote {path} ({len(report.sessions)} sessions)")
    if findings.unreadable:
        count = len(findings.unreadable)
        entries = "1 entry" if count == 1 else f"{count} entries"
        say(f"{PROG}: error: {entries} of {args.schedule} could not be read (listed above)")
        return EXIT_INPUT
    return EXIT_OK


# -- import pyvideo -----------------------------------------------------------


def import_pyvideo(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import pyvideo
    from sphinx_eventarchive.importers.mystwriter import render_report
    from sphinx_eventarchive.importers.output import plan, write_report

    began = time.perf_counter()
    events = pyvideo.find_events(Path(args.data_dir), args.event)
    output = Path(args.output_dir)
    targets = plan(output, [pyvideo.report_filename(path) for path in events], args.force)
    progress = len(events) > 1 and not args.quiet
    written = sessions = 0
    problems: list[str] = []
    for number, (path, target) in enumerate(zip(events, targets, strict=True), 1):
        if progress:
            say(f"[{number}/{len(events)}] {path.name}")
        outcome = pyvideo.load_event(path)
        problems.extend(outcome.findings.unreadable)
        for notice in outcome.findings.notices:
            say(notice)
        report = outcome.report
        if report is None:
            say(f"skipped {path.name}: {outcome.skipped}")
            continue
        tags = tuple(args.tag)
        report = report._replace(event=report.event._replace(tags=tags), tags=tags)
        if target.note:
            say(f"{path.name}: {target.note}")
        write_report(target.path, render_report(report).encode("utf-8"), output)
        written += 1
        sessions += len(report.sessions)
    for problem in problems:
        say(f"could not read {problem}")
    if not written:
        raise InputError(f"no event with videos in {args.data_dir}")
    elapsed = time.perf_counter() - began
    say(f"wrote {written} reports ({sessions} sessions) to {output} in {elapsed:.1f}s")
    if problems:
        files = "1 file" if len(problems) == 1 else f"{len(problems)} files"
        say(f"{PROG}: error: {files} could not be read (listed above)")
        return EXIT_INPUT
    return EXIT_OK


# -- import connpass ----------------------------------------------------------


def import_connpass(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import connpass
    from sphinx_eventarchive.importers.mystwriter import render_report
    from sphinx_eventarchive.importers.output import plan, write_report

    reports, findings = connpass.load(Path(args.events), args.presentations, tuple(args.tag))
    output = Path(args.output_dir)
    targets = plan(output, [report.filename for report in reports], args.force)
    for report, target in zip(reports, targets, strict=True):
        if target.note:
            say(f"event {report.event.id}: {target.note}")
        write_report(target.path, render_report(report).encode("utf-8"), output)
        say(f"wrote {target.path} ({len(report.sessions)} sessions)")
    for notice in findings.notices:
        say(f"{args.events}: {notice}")
    for problem in findings.unreadable:
        say(f"could not read {args.events}: {problem}")
    if findings.unreadable:
        say(f"{PROG}: error: {len(findings.unreadable)} entries of {args.events} could not "
             "be read (listed above)")
        return EXIT_INPUT
    return EXIT_OK


# -- migrate ------------------------------------------------------------------


def migrate_report(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import summary
    from sphinx_eventarchive.importers.connpass import saved_events
    from sphinx_eventarchive.importers.migrate import migrate
    from sphinx_eventarchive.importers.output import plan, write_report

    source = Path(args.report)
    data = read_input(source, "a Markdown report")
    try:
        # No newline translation: CRLF files stay CRLF, byte for byte.
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source} is not UTF-8 text ({error.reason} at byte {error.start})")\
            from None
    saved = saved_events(Path(args.connpass)) if args.connpass else None
    result = migrate(text, propose=not args.embeds_only, connpass=saved, language=args.lang)
    for line, reason in result.left_alone:
        say(f"{source}:{line}: {summary.left_alone(reason, args.lang)}")
    # The comments are in the migrated text: their lines are counted there.
    migrated_name = source if args.in_place else (args.output or "<stdout>")
    for note in result.notes:
        say(f"{migrated_name}:{note.line}: {summary.place(note.kind, note.subject, args.lang)}")
    migrated = result.text.encode("utf-8")
    said = summary.summary(result.counts(), args.lang)
    if args.in_place:
        if migrated != data:
            write_report(source, migrated)
        say(f"{source}: {said}")
    elif args.output:
        # The user names the file; it is still checked like an importer's.
        output = Path(args.output)
        [planned] = plan(output.parent, [output.name], args.force)
        target = planned.path
        write_report(target, migrated, output.parent)
        say(summary.wrote(str(target), said, args.lang))
    else:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            sys.stdout.flush()
            stream.write(migrated)
            stream.flush()
        else:
            sys.stdout.write(result.text)
        say(said)
    return EXIT_OK


# -- resolve ------------------------------------------------------------------


def resolve_decks(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import resolve

    srcdir = Path(args.srcdir)
    if not srcdir.is_dir():
        raise InputError(f"{srcdir} is not a directory")
    cache = Path(args.cache_file) if args.cache_file else resolve.cache_file(srcdir)
    outcome = resolve.run(srcdir, cache, online=not args.check, endpoint=args.endpoint,
                          timeout=args.timeout, say=say)
    for url, why in outcome.failed.items():
        say(f"{outcome.found[url]}: {url}: {why}")
    say(f"{len(outcome.found)} Speaker Deck presentation URLs: {outcome.known} in {cache}, "
         f"{len(outcome.resolved)} resolved now, {len(outcome.failed)} unresolved")
    return 1 if outcome.failed else EXIT_OK


# -- new ----------------------------------------------------------------------


def new_report(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.importers import new
    from sphinx_eventarchive.importers.output import plan, write_report

    answers = new.Answers(
        title=args.title or "",
        date=new.check_date(args.date) if args.date else "",
        id=args.id or "",
        venue=args.venue or "",
        format=args.format or "",
    )
    if not args.no_input and sys.stdin is not None and sys.stdin.isatty():
        def prompt(question: str) -> str:
            sys.stderr.write(question)
            sys.stderr.flush()
            return sys.stdin.readline()

        new.ask(answers, prompt, say)
    new.complete(answers)
    output = Path(args.output_dir)
    [target] = plan(output, [new.filename(answers)], args.force)
    path = target.path
    write_report(path, new.skeleton(answers).encode("utf-8"), output)
    say(f"wrote {path}")
    return EXIT_OK


# -- check --------------------------------------------------------------------


def check_site(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.check.command import command

    return command(args)


# -- the parser ---------------------------------------------------------------
