"""``archiver list``: the records of the archive, however they were made, with filters."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, is_archive, relative
from archiver.records.catalog import RecordEntry, RecordFilter, RecordKind, record_entries
from archiver.state.recheck import parse_time

HELP = """List the article records of the archive, whatever made them (a crawl,
`archiver archive`, `archiver reindex`), by capture time: capture date, site,
host[:port], title and URL, as a table (--json: one JSON object per record, JSON
Lines, with the record's id, version, language, published date and path).
Filters combine: --site (site profile of the crawl), --host (host or host:port),
--kind (current records, earlier versions of changed articles, or both),
--since / --until (on the capture time, or the published date with --by
published; a date alone is a whole day: --until 2026-11-24 includes that day),
--title TEXT (in the title, any case). Exit 0 when some record matched, 1 when
none did, 2 on a usage error or when DIR is not an archive."""

COLUMNS = ("fetched", "site", "host", "title", "url")
TITLE_WIDTH = 60


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "list", help="list the archive's records (filters, --json)", description=HELP
    )
    add_archive_option(parser)
    parser.add_argument("--site", metavar="SITE", help="only records of crawls of this site profile")
    parser.add_argument("--host", metavar="HOST[:PORT]", help="only records of this host (and port)")
    parser.add_argument("--kind", choices=[*RecordKind, "all"], default=RecordKind.CURRENT.value,
                        help="current records (default), earlier versions, or all")  # fmt: skip
    parser.add_argument("--since", metavar="DATE", help="only records at or after DATE (ISO 8601)")
    parser.add_argument(
        "--until", metavar="DATE", help="only records before DATE (a date alone: through that day)"
    )
    parser.add_argument("--by", choices=("fetched", "published"), default="fetched",
                        help="the date --since/--until look at (default: capture time)")  # fmt: skip
    parser.add_argument("--title", metavar="TEXT", help="only records whose title holds TEXT (any case)")
    parser.add_argument("--json", action="store_true", help="one JSON object per record (JSON Lines)")
    return parser


def bound(text: str | None, end_of_day: bool) -> datetime | None:
    """``text`` as a time (UTC unless it says); a date alone ends its day when ``end_of_day``."""
    if text is None:
        return None
    moment = parse_time(text)
    if moment is None:
        raise ValueError(f"unreadable date {text!r} (ISO 8601, e.g. 2026-11-24 or 2026-11-24T06:00:00Z)")
    return moment + timedelta(days=1) if end_of_day and len(text.strip()) == 10 else moment


def record_filter(args: argparse.Namespace) -> RecordFilter:
    return RecordFilter(site=args.site, host=args.host, since=bound(args.since, False),
                        until=bound(args.until, True), title=args.title,
                        date_field="published" if args.by == "published" else "fetched_at")  # fmt: skip


def table_row(entry: RecordEntry) -> tuple[str, ...]:
    title = entry.title or "-"
    if len(title) > TITLE_WIDTH:
        title = title[: TITLE_WIDTH - 1] + "…"
    fetched = (entry.fetched_at or "-")[:19].replace("T", " ")
    earlier = f" (v{entry.version})" if entry.kind == RecordKind.EARLIER else ""
    return (fetched, entry.site or "-", entry.host, title + earlier, entry.url)


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Rows in aligned columns (the last one as it is)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]))


def run(args: argparse.Namespace) -> int:
    try:
        chosen = record_filter(args)
    except ValueError as exc:
        return exitcodes.usage_error("list", str(exc))
    if not is_archive(args.archive):
        return exitcodes.usage_error(
            "list", f"{relative(args.archive)} is not an archive (no warc/, records/ or state/)"
        )
    kinds = tuple(RecordKind) if args.kind == "all" else (RecordKind(args.kind),)
    entries = sorted((e for e in record_entries(args.archive, kinds) if chosen.keeps(e)),
                     key=lambda e: (e.fetched_at or "", e.url, e.version))  # fmt: skip
    if args.json:
        for entry in entries:
            print(json.dumps(entry.as_json(), ensure_ascii=False))
    elif entries:
        print_table([COLUMNS, *(table_row(entry) for entry in entries)])
    print(f"{len(entries)} record(s) in {relative(args.archive)}", file=sys.stderr)
    return exitcodes.OK if entries else exitcodes.PARTIAL
