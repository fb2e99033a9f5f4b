"""``archiver reindex [--archive DIR]``: rebuild ``records/`` from the WARC files."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_run_options, relative

HELP = """Re-run extraction over every page of the archive's WARC files, with no network,
and rewrite DIR/records (and DIR/record-versions) from them: a page gets a record
exactly when the crawl's record pipeline would give it one (the crawl wrote what it
knew of each page in a WARC metadata record), and pages are replayed in crawl order,
so changed articles get the same versions. With the same extractor version the files
are identical to those written at crawl time; with a better one, the archive gains
without a re-crawl. Each file is written atomically, unchanged files are not touched,
files no page yields any more are removed. The .open WARC files killed runs left
are first repaired (as `archiver repair` does), so no record whose capture can be
recovered is lost; a record whose capture is in a file a live crawl still writes is
kept as it is. Exit 0 on success, 1 when extraction failed on some page, 2 on a
usage error."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("reindex", help="rebuild the article records from the WARC files",
                                   description=HELP)  # fmt: skip
    add_run_options(parser)
    return parser


def points_into(path: Path, warc_names: set[str]) -> bool:
    """Whether the record file at ``path`` points into one of the WARC files ``warc_names``."""
    try:
        pointer = json.loads(path.read_text("utf-8")).get("warc") or {}
    except (OSError, ValueError):
        return False
    return pointer.get("filename") in warc_names


def run(args: argparse.Namespace) -> int:
    from archiver.capture.reading import warc_files, warc_runs_pages
    from archiver.capture.recovery import repair_archive
    from archiver.crawl.process import crawl_settings, parse_overrides
    from archiver.records.rebuild import reindex

    warc_dir = args.archive / "warc"
    if not warc_dir.is_dir():
        return exitcodes.usage_error("reindex", f"no WARC folder {relative(warc_dir)}")
    try:
        settings = crawl_settings(args.archive, parse_overrides(args.settings))
    except ValueError as exc:
        return exitcodes.usage_error("reindex", str(exc))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    in_use = {path.name.removesuffix(".open") for path in repair_archive(args.archive).in_use}
    files = warc_files(warc_dir)
    result = reindex(
        warc_runs_pages(files, settings), args.archive, keep=lambda path: points_into(path, in_use)
    )
    for error in result.errors:
        print(f"FAIL {error}")
    print(
        f"{result.records} record(s) from {len(files)} WARC file(s): {result.unchanged} unchanged, "
        f"{result.changed} rewritten, {result.added} new, {len(result.removed)} removed; "
        f"{len(result.errors)} extraction error(s); records in {relative(args.archive / 'records')}"
    )
    return exitcodes.PARTIAL if result.errors else exitcodes.OK
