"""``archiver package [--site S] [--since T] -o FILE.wacz``: a WACZ of chosen captures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.webarchive.package import build_package
from archiver.webarchive.selection import Choice, parse_since, site_hosts
from archiver.webarchive.tools import ToolsError
from archiver.webarchive.wacz import WaczError

HELP = """Write a WACZ package (the web-archive format ReplayWeb.page and pywb open) of
the archive's captures: all of them, or those of one site (--site: a site profile
name, a host or host:port) captured at or after a time (--since: an ISO 8601 date
or date-time, UTC unless it says otherwise). Its page list holds one entry per
article record (URL, capture time, title, and the record's text for full-text
search). The package is checked with `wacz validate` before it is moved to FILE.
The wacz tool comes from the web-archive tools virtualenv (see `archiver replay
--help`). Exit 0 when written, 1 when nothing matched or wacz failed, 2 on a usage
error."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("package", help="write a WACZ package of captures", description=HELP)
    parser.add_argument(
        "-o", "--output", metavar="FILE.wacz", type=Path, required=True, help="package to write"
    )
    parser.add_argument("--site", metavar="S", help="only captures of this site profile, host or host:port")
    parser.add_argument(
        "--since", metavar="T", help="only captures at or after T (ISO 8601, e.g. 2026-11-24)"
    )
    parser.add_argument("--title", help="the package's title (default: from --site)")
    parser.add_argument("--sites-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles (*.toml) from DIR (repeatable)")  # fmt: skip
    add_archive_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        hosts = site_hosts(args.site, args.sites_dir) if args.site else None
        since = parse_since(args.since) if args.since else None
        if args.output.suffix != ".wacz":
            raise ValueError(f"{args.output}: the package's name must end in .wacz")
        if not args.output.parent.is_dir():
            raise ValueError(f"{args.output.parent}: no such folder")
    except ValueError as exc:
        return exitcodes.usage_error("package", str(exc))
    title = args.title or f"archiver: {args.site or args.archive.resolve().name}"
    try:
        package = build_package(args.archive, Choice(hosts, since), args.output, title)
    except (LookupError, WaczError, ToolsError) as exc:
        print(f"archiver package: {exc}", file=sys.stderr)
        return exitcodes.PARTIAL
    print(f"{relative(package.path)}: {package.captures} captures, {package.pages} article pages, "
          f"WARC {', '.join(package.warcs)}; wacz validate passed")  # fmt: skip
    return exitcodes.OK
