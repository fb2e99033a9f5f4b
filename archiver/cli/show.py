"""``archiver show URL``: the article record of a URL."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, check_url
from archiver.index.cdxj import refresh_indexes
from archiver.index.lookup import CaptureIndex
from archiver.records.build import record_id
from archiver.records.store import RecordStore, record_folder
from archiver.urls import canonicalize_url, url_host

HELP = """Print the JSON article record of URL as stored. URL may be the article's
canonical URL or any URL that led to it (with tracking parameters, a redirect, a
print version); when several records name it, the newest capture's is printed.
When the URL was captured again since, without a new record (a 304 to a re-check,
or the same payload: a revisit), a line on stderr names that latest capture.
Exit 0 when found, 1 when the archive holds no record of URL, 2 on a usage error."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("show", help="print the article record of a URL", description=HELP)
    parser.add_argument("url", metavar="URL", help="the article's URL")
    add_archive_option(parser)
    return parser


def find_record(records_dir: Path, url: str) -> Path | None:
    """The record of ``url``: by its canonical URL's id, else the newest record naming ``url``."""
    store = RecordStore(records_dir)
    canonical = canonicalize_url(url)
    if direct := store.find({"canonical_url": canonical, "id": record_id(canonical)}):
        return direct
    newest: tuple[str, Path] | None = None
    folders = dict.fromkeys((record_folder(canonical), url_host(canonical) or "_"))  # + the older layout's
    for path in sorted(path for folder in folders for path in (records_dir / folder).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        names = {record.get("url"), record.get("requested_url"), *(record.get("redirects") or [])} - {None}
        if canonical in {canonicalize_url(name) for name in names}:
            key = record.get("fetched_at") or ""
            if newest is None or key > newest[0]:
                newest = (key, path)
    return newest[1] if newest else None


def run(args: argparse.Namespace) -> int:
    if reason := check_url(args.url):
        return exitcodes.usage_error("show", f"{args.url!r}: {reason}")
    path = find_record(args.archive / "records", args.url)
    if path is None:
        print(f"archiver show: no record of {args.url} in {args.archive}", file=sys.stderr)
        return exitcodes.PARTIAL
    text = path.read_text(encoding="utf-8")
    sys.stdout.write(text)
    if note := later_capture_note(args.archive, json.loads(text)):
        print(note, file=sys.stderr)
    return exitcodes.OK


def later_capture_note(archive: Path, record: dict) -> str | None:
    """A line naming the latest capture of ``record``'s URL when it is a revisit newer than the record's."""
    refresh_indexes(archive)
    captures = CaptureIndex(archive).captures(record["url"])
    if not captures or not captures[-1].is_revisit:
        return None
    latest = captures[-1]
    recorded = "".join(ch for ch in str(record.get("fetched_at") or "") if ch.isdigit())[:14]
    if latest.timestamp <= recorded:
        return None
    how = "not modified (304)" if latest.status is None else "the same payload"
    return (
        f"archiver show: last captured {latest.timestamp}, {how}: revisit in {latest.filename} "
        f"at {latest.offset}; this record still holds"
    )
