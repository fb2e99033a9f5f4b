"""``archiver reindex [--archive DIR]``: rebuild ``records/`` from the WARC files."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_run_options, relative
from archiver.page import FetchedPage
from archiver.storage import RecordStore, dump_json, write_atomic

HELP = """Re-run extraction over every page of the archive's WARC files, with no network,
and rewrite DIR/records from them: a page gets a record exactly when the crawl's
record pipeline would give it one (the crawl wrote what it knew of each page in a
WARC metadata record). With the same extractor version the records are identical
to those written at crawl time; with a better one, the archive gains without a
re-crawl. Each record is written atomically; records no page yields any more are
removed. Run `archiver` recovery on .open WARC files first: only closed files are
read. Exit 0 on success, 1 when extraction failed on some page, 2 on a usage error."""


@dataclass
class ReindexResult:
    """What a reindex did to the records folder."""

    written: set[Path] = field(default_factory=set)
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    removed: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("reindex", help="rebuild the article records from the WARC files",
                                   description=HELP)  # fmt: skip
    add_run_options(parser)
    return parser


def reindex(pages: Iterable[FetchedPage], store: RecordStore) -> ReindexResult:
    """Write the record of every page that gets one to ``store``; remove the records no page yields."""
    from archiver.pipelines.records import extract_record

    result = ReindexResult()
    before = set(store)
    for page in pages:
        try:
            record = extract_record(page)
        except Exception as exc:  # one broken page must not stop the rest, as in a crawl
            result.errors.append(f"{page.url}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        if record is None:
            continue
        path, data = store.path_for(record), dump_json(record)
        if path not in result.written:  # the first page of this record: compare with the crawl's
            old = path.read_bytes() if path in before else None
            result.added += old is None
            result.unchanged += old == data
            result.changed += old not in (None, data)
        result.written.add(path)
        if not (path.exists() and path.read_bytes() == data):
            write_atomic(path, data)
    for path in sorted(before - result.written):
        path.unlink()
        result.removed.append(path)
    return result


def run(args: argparse.Namespace) -> int:
    from archiver.capture.reading import warc_files, warc_pages
    from archiver.crawler import crawl_settings, parse_overrides

    warc_dir = args.archive / "warc"
    if not warc_dir.is_dir():
        print(f"archiver reindex: no WARC folder {relative(warc_dir)}", file=sys.stderr)
        return exitcodes.USAGE
    try:
        settings = crawl_settings(args.archive, parse_overrides(args.settings))
    except ValueError as exc:
        print(f"archiver reindex: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    files = warc_files(warc_dir)
    result = reindex(warc_pages(files, settings), RecordStore(args.archive / "records"))
    for error in result.errors:
        print(f"FAIL {error}")
    print(
        f"{len(result.written)} record(s) from {len(files)} WARC file(s): {result.unchanged} unchanged, "
        f"{result.changed} rewritten, {result.added} new, {len(result.removed)} removed; "
        f"{len(result.errors)} extraction error(s); records in {relative(args.archive / 'records')}"
    )
    return exitcodes.PARTIAL if result.errors else exitcodes.OK
