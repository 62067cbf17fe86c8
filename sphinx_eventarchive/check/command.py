"""The ``check`` command's options and what it prints (wired in ``cli.py``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sphinx_eventarchive.importers.findings import InputError

DESCRIPTION = (
    "Read a built site (the output folder of sphinx-build -b html or dirhtml) and report, "
    "per page, what its readers would reject (required) or miss (recommended): Google "
    "Search's Event, VideoObject and ProfilePage structured data, Open Graph and X card tags "
    "and image sizes, Atom feeds (RFC 4287), calendars (RFC 5545), sitemaps (sitemaps.org "
    "0.9) and URLs of the site that resolve to no built file, archive.json against its "
    "schema. The base URL is read from the pages' canonical links (else og:url). Exit "
    "status 1 when anything required is missing, 0 otherwise, 2 for a folder that is not a "
    "built site or without the [check] extra."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("build_dir", metavar="BUILD_DIR", nargs="?",
                        help="the built HTML, e.g. _build/html")
    parser.add_argument("--json", action="store_true",
                        help="print the findings as JSON (for CI) instead of text")
    parser.add_argument("--required-only", action="store_true",
                        help="leave out what is only recommended")
    parser.add_argument("--base-url", metavar="URL",
                        help="the site's base URL, when its pages do not say it")
    parser.add_argument("--rules", action="store_true",
                        help="list the rules check knows (with --json: as JSON) and exit")


def command(args: argparse.Namespace) -> int:
    from sphinx_eventarchive.check import runner
    from sphinx_eventarchive.check.report import as_json, as_text, rule_table
    from sphinx_eventarchive.check.site import NotABuiltSite
    from sphinx_eventarchive.check.table import all_rules

    if args.rules:
        table = rule_table(all_rules())
        if args.json:
            print(json.dumps(table, ensure_ascii=False, indent=2))
        else:
            for row in table:
                print(f"{row['rule']:<28} {row['level']:<12} {row['reader']}: {row['why']}")
        return 0
    if not args.build_dir:
        raise InputError("check needs BUILD_DIR, the folder sphinx-build wrote (e.g. _build/html)")
    missing = runner.missing_libraries()
    if missing:
        raise InputError(
            f"check reads with libraries of the [{runner.EXTRA}] extra ({', '.join(missing)} "
            f"not installed): pip install 'sphinx-eventarchive[{runner.EXTRA}]'")
    try:
        report = runner.run(Path(args.build_dir), args.base_url)
    except NotABuiltSite as error:
        raise InputError(str(error)) from None
    shown = report.only_required() if args.required_only else report
    if args.json:
        print(json.dumps(as_json(shown), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(as_text(shown))
    return report.exit_code
