"""``archiver export --since TIMESTAMP``: the records written after a time, as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.records.store import RecordStore
from archiver.state.recheck import parse_time

HELP = """Print, one JSON object per line, every current article record of DIR/records
whose file was written after TIMESTAMP (ISO 8601, e.g. 2026-11-24T06:00:00Z; a date
or a time without offset is UTC; or seconds since the epoch), oldest write first.
A re-run rewrites only the records of new and changed articles, so a tool that
polls with the time of its previous poll gets exactly what changed. Exit 0, or 2
on a usage error."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("export", help="print the records written after a time (JSON Lines)",
                                   description=HELP)  # fmt: skip
    parser.add_argument("--since", metavar="TIMESTAMP", required=True, help="ISO 8601 time or epoch seconds")
    add_archive_option(parser)
    return parser


def since_time(text: str) -> float:
    """Epoch seconds of ``text`` (ISO 8601, naive = UTC, or a number); ValueError when unreadable."""
    try:
        return float(text)
    except ValueError:
        pass
    moment = parse_time(text)
    if moment is None:
        raise ValueError(f"unreadable time {text!r} (ISO 8601, e.g. 2026-11-24T06:00:00Z, or epoch seconds)")
    return moment.timestamp()


def written_since(records_dir: Path, since: float) -> list[Path]:
    """Record files of ``records_dir`` modified after ``since`` (epoch seconds), oldest first."""
    found = [(path.stat().st_mtime, path) for path in RecordStore(records_dir)]
    return [path for mtime, path in sorted(found) if mtime > since]


def run(args: argparse.Namespace) -> int:
    try:
        since = since_time(args.since)
    except ValueError as exc:
        return exitcodes.usage_error("export", str(exc))
    records_dir = args.archive / "records"
    if not records_dir.is_dir():
        return exitcodes.usage_error("export", f"no records folder {relative(records_dir)}")
    paths = written_since(records_dir, since)
    for path in paths:
        record = json.loads(path.read_text("utf-8"))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(paths)} record(s) written since {datetime.fromtimestamp(since).astimezone().isoformat()}",
          file=sys.stderr)  # fmt: skip
    return exitcodes.OK
