"""The ``sphinx-eventarchive`` command: import schedules, migrate reports, start a report.

Reports go to files and messages to stderr, so ``migrate`` can print the
migrated report to stdout for a pipe. A problem with the user's input is one
line on stderr and exit code 2, never a traceback. What each subcommand does
is in ``commands.py``; here are its arguments and the exit codes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sphinx_eventarchive import commands as run
from sphinx_eventarchive.commands import EXIT_INPUT, PROG, say
from sphinx_eventarchive.core.version import VERSION as __version__
from sphinx_eventarchive.importers.findings import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Write and migrate sphinx-eventarchive reports (MyST Markdown).",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importer = commands.add_parser(
        "import",
        help="write reports from a conference schedule or archive",
        description="Write MyST reports (front matter, one event, its sessions) from a "
        "conference schedule or video archive.",
    )
    sources = importer.add_subparsers(dest="source", metavar="SOURCE", required=True)

    pretalx = sources.add_parser(
        "pretalx",
        help="a pretalx/frab schedule.json export",
        description="Write one report from a pretalx schedule export (“JSON (frab "
        "compatible)”, e.g. https://pretalx.com/EVENT/schedule/export/schedule.json): the "
        "event, and one session per talk with speakers, type, time, track, room, slides and "
        "video from its links and attachments, and its abstract as notes.",
    )
    pretalx.add_argument("schedule", metavar="SCHEDULE.json", help="the schedule export")
    _output_dir(pretalx)
    pretalx.add_argument("--venue", help="the venue's name (the export has none)")
    pretalx.add_argument("--location", help="the venue's address or city")
    pretalx.add_argument("--format", type=run.format_option, help="in-person, online or hybrid")
    _tag_and_force(pretalx)
    pretalx.set_defaults(handler=run.import_pretalx)

    pyvideo = sources.add_parser(
        "pyvideo",
        help="a pyvideo/data tree (one report per event)",
        description="Write one report per event of a pyvideo/data checkout "
        "(<event>/category.json and <event>/videos/*.json) to DIR/<event>.md. Events "
        "without videos are skipped.",
    )
    pyvideo.add_argument(
        "data_dir", metavar="DATA_DIR", help="the data folder, or one event's folder"
    )
    pyvideo.add_argument(
        "--event",
        metavar="SLUG",
        action="extend",
        nargs="+",
        default=[],
        help="import only these events (folder names); may be repeated",
    )
    _output_dir(pyvideo)
    _tag_and_force(pyvideo)
    pyvideo.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    pyvideo.set_defaults(handler=run.import_pyvideo)

    connpass = sources.add_parser(
        "connpass",
        help="connpass API v2 answers saved to disk (one report per event)",
        description="Write one report per event (DIR/connpass-<id>.md) from the answer of "
        "connpass's /api/v2/events/ saved to a file: title, date and end, venue and address, "
        "group as series, hashtag, image, URL, and open_status cancelled as :status: "
        "cancelled. The answer of /api/v2/events/<id>/presentations/ adds one session per "
        "talk (slides, video; blog posts as links). Nothing is fetched: the API needs a key, "
        "so save the answers first (see the docs).",
    )
    connpass.add_argument("events", metavar="EVENTS.json", help="the saved /events/ answer")
    connpass.add_argument(
        "--presentations", metavar="FILE.json", action="append", default=[],
        help="a saved /events/<id>/presentations/ answer; repeat for several events, "
        "naming each ID=FILE.json unless the id is in its file name")
    _output_dir(connpass)
    _tag_and_force(connpass)
    connpass.set_defaults(handler=run.import_connpass)

    migrate = commands.add_parser(
        "migrate",
        help="turn a blog post into a report: embeds as directives, the event and its "
        "sessions proposed",
        description="Rewrite a blog post as a report, keeping every other byte. Pasted "
        "embed code becomes directives: Speaker Deck <iframe> and <script "
        "class=\"speakerdeck-embed\"> code a ```{speakerdeck} directive; a YouTube <iframe> "
        "(there is no YouTube directive) a Markdown link line to the video, with its start "
        "time; an X post (<blockquote class=\"twitter-tweet\"> and its widgets.js <script>, "
        "or its text pasted as a quote with its '— Name (@account) date' line and URL) a "
        "```{tweet} directive keeping its text, author and date. Then the post's talks "
        "become sessions: each sub-heading of a section titled Sessions/Talks/セッション/"
        "トーク/登壇, or each list item linking a talk's page in the programme, with the "
        "speakers its text names plainly, its slides, video and programme link; and one "
        "event is proposed after the first heading, from the front matter and the first "
        "connpass/sched/pretalx/Doorkeeper/TECH PLAY/Peatix link. What cannot be read is "
        "marked with a '% migrate: …?' comment and listed on stderr. Embeds in code blocks, "
        "comments and front matter are left alone, and so is an embed that shares its line "
        "with other text (reported on stderr).",
    )
    migrate.add_argument("report", metavar="REPORT.md", help="the report to migrate")
    migrate.add_argument("--embeds-only", action="store_true",
                         help="only rewrite the embeds; propose no event or sessions")
    migrate.add_argument("--connpass", metavar="FILE.json",
                         help="the event's saved connpass API data (the /events/ answer "
                         "'import connpass' reads): venue, format and times")
    migrate.add_argument("--lang", choices=("en", "ja"), default="en",
                         help="the language of the summary and of the notes left in the "
                         "report (default: en)")
    where = migrate.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    where.add_argument("-i", "--in-place", action="store_true", help="rewrite REPORT.md itself")
    migrate.add_argument("--force", action="store_true", help="with -o: overwrite OUT if it exists")
    migrate.set_defaults(handler=run.migrate_report)

    resolving = commands.add_parser(
        "resolve",
        help="look up Speaker Deck presentation URLs once; keep their ids in the cache file",
        description="Find every Speaker Deck presentation URL (speakerdeck.com/<user>/<slug>) "
        "in the text files of a source folder, ask Speaker Deck's oEmbed endpoint for the "
        "ones the cache file does not know, and write their ids into it (the file "
        "eventarchive_cache_file names, eventarchive-cache.json by default). This is the "
        "only command that uses the network; commit the file and later builds, on Read the "
        "Docs too, need none. Exit code 1 when a URL stays unresolved.",
    )
    resolving.add_argument("srcdir", metavar="SRCDIR", nargs="?", default=".",
                           help="the Sphinx source folder (default: .)")
    resolving.add_argument("--cache-file", metavar="FILE",
                           help="the cache file (default: from conf.py)")
    resolving.add_argument("--check", action="store_true",
                           help="no network: list the URLs the cache file does not know")
    resolving.add_argument("--endpoint", default="https://speakerdeck.com/oembed.json",
                           help="Speaker Deck's oEmbed endpoint (change it only to test)")
    resolving.add_argument("--timeout", type=float, default=5.0,
                           help="seconds to wait for each answer (default: 5)")
    resolving.set_defaults(handler=run.resolve_decks)

    new = commands.add_parser(
        "new",
        help="write a report skeleton for an event",
        description="Write DIR/<id>.md, a report skeleton with front matter, the event and a "
        "session template. Missing values are asked for when stdin is a terminal; otherwise "
        "(or with --no-input) placeholders are used. An existing file is overwritten only "
        "with --force.",
    )
    _output_dir(new)
    new.add_argument("--title", help="the event's name")
    new.add_argument("--date", help="YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00 (default: today)")
    new.add_argument("--id", help="the event's id (default: a slug of the title)")
    new.add_argument("--venue", help="the venue's name")
    new.add_argument("--format", type=run.format_option, help="in-person, online or hybrid")
    new.add_argument("--no-input", action="store_true", help="never ask; use placeholders")
    new.add_argument("--force", action="store_true", help="overwrite the report if it exists")
    new.set_defaults(handler=run.new_report)

    from sphinx_eventarchive.check.command import DESCRIPTION, add_arguments

    checking = commands.add_parser(
        "check",
        help="report what Google, Open Graph, X, feed readers and sitemaps would reject in a "
        "built site",
        description=DESCRIPTION,
    )
    add_arguments(checking)
    checking.set_defaults(handler=run.check_site)
    return parser


def _output_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output-dir", metavar="DIR", default=".", help="where to write (default: .)"
    )


def _tag_and_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        help="tag the report and its event (repeat for several)",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite reports that already exist"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        # argparse has printed its usage and error (or --help); main returns
        # rather than exits, so it can be called from tests and other tools.
        return exit.code if isinstance(exit.code, int) else EXIT_INPUT
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        code: int = args.handler(args)
    except InputError as error:
        say(f"{PROG}: error: {error}")
        return EXIT_INPUT
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        say(f"{PROG}: error: {where}{error.strerror or error}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        say(f"{PROG}: interrupted")
        return 130
    return code
