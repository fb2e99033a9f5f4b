"""``archiver failures``: every URL whose last fetch or record failed, with the reason and when."""

from __future__ import annotations

import argparse
import json
import sys

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, is_archive, relative
from archiver.crawl.failures import FailureKind
from archiver.failing import FailingUrl, failing_urls

HELP = """List every URL of the archive whose last fetch or record failed, across runs,
newest first: when, error or broken link (HTTP 404/410: the site links to a page
that is gone), the HTTP status (- when there was no answer: DNS, refused, timed
out ...), the site, the URL and why. A URL archived since by a later run is not
listed. Crawled sites answer from their crawl state (DIR/state), URLs archived
one by one (`archiver archive`) from the runs' stats files (DIR/runs).
--json prints one JSON object per URL (JSON Lines). Exit 0 when nothing is failing,
1 when some URL is (errors; --errors-only ignores broken links), 2 when DIR is not
an archive."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("failures", help="list the URLs whose last fetch failed, with why",
                                   description=HELP)  # fmt: skip
    add_archive_option(parser)
    parser.add_argument("--site", metavar="SITE", help="only the URLs of this crawled site")
    parser.add_argument("--kind", choices=[kind.value for kind in FailureKind],
                        help="only errors, or only broken links")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="one JSON object per URL (JSON Lines)")
    return parser


def failure_line(failure: FailingUrl) -> str:
    """One failing URL, tab-separated: when, kind, status, site, URL, reason."""
    status = str(failure.status) if failure.status is not None else "-"
    kind = failure.kind.value.replace("_", " ")
    return "\t".join((failure.at or "-", kind, status, failure.site or "-", failure.url, failure.reason))


def chosen(args: argparse.Namespace) -> list[FailingUrl]:
    """The failing URLs of ``args.archive`` that ``--site`` and ``--kind`` keep."""
    return [failure for failure in failing_urls(args.archive)
            if (not args.site or failure.site == args.site) and (not args.kind or failure.kind == args.kind)]  # fmt: skip


def show_failures(args: argparse.Namespace) -> int:
    """Print the failing URLs (``archiver failures`` and ``archiver status --failures``); the exit code."""
    if not is_archive(args.archive):
        return exitcodes.usage_error(
            args.command, f"{relative(args.archive)} is not an archive (no warc/, records/ or state/)"
        )
    failures = chosen(args)
    for failure in failures:
        print(json.dumps(failure.as_json(), ensure_ascii=False) if args.json else failure_line(failure))
    errors = sum(1 for failure in failures if failure.kind == FailureKind.ERROR)
    if not args.json:
        print(
            f"{errors} error(s), {len(failures) - errors} broken link(s) in {relative(args.archive)}",
            file=sys.stderr,
        )
    return exitcodes.PARTIAL if errors else exitcodes.OK


def run(args: argparse.Namespace) -> int:
    return show_failures(args)
