"""``archiver captures URL``: every capture of a URL, from the archive's CDXJ index."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, check_url
from archiver.index.cdxj import refresh_indexes
from archiver.index.lookup import Capture, CaptureIndex

HELP = """List every capture of URL in the archive, oldest first: capture time (14-digit
UTC timestamp), HTTP status, payload digest, WARC file, offset and length of the
record (a revisit is marked). The answer comes from the CDXJ index under
DIR/indexes by binary search, not by reading WARCs; WARC files without an
up-to-date index are indexed first. Exit 0 when there is a capture, 1 when there
is none, 2 on a usage error."""

COLUMNS = ("timestamp", "status", "digest", "filename", "offset", "length")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("captures", help="list every capture of a URL", description=HELP)
    parser.add_argument("url", metavar="URL", help="the URL, as captured (SURT-equivalent forms match)")
    parser.add_argument("--json", action="store_true", help="one JSON object per capture (JSON Lines)")
    add_archive_option(parser)
    return parser


def capture_line(capture: Capture) -> str:
    """The columns of one capture, tab-separated."""
    status = str(capture.status) if capture.status is not None else "-"
    kind = "\trevisit" if capture.is_revisit else ""
    return (f"{capture.timestamp}\t{status}\t{capture.digest}\t{capture.filename}\t{capture.offset}"
            f"\t{capture.length}{kind}")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if reason := check_url(args.url):
        return exitcodes.usage_error("captures", f"{args.url!r}: {reason}")
    refresh_indexes(args.archive)
    captures = CaptureIndex(args.archive).captures(args.url)
    if not captures:
        print(f"archiver captures: no capture of {args.url} in {args.archive}", file=sys.stderr)
        return exitcodes.PARTIAL
    if args.json:
        for capture in captures:
            print(json.dumps(dataclasses.asdict(capture) | {"revisit": capture.is_revisit}))
    else:
        print("\t".join(COLUMNS))
        for capture in captures:
            print(capture_line(capture))
    return exitcodes.OK
