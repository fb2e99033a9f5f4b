"""``archiver repair``: close the ``.open`` WARC files killed processes left."""

from __future__ import annotations

import argparse

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative

HELP = """Close every DIR/warc/*.warc.gz.open file that no live process writes (a killed
crawl or archive left it): cut it after its last complete record, rename it without
.open and index it; drop the index spools of killed runs. Files live crawls write
are locked and left alone, so this is safe while crawls run. Every record written
before a kill then points at a closed file. crawl, archive and reindex do this
first by themselves. Exit 0 when done, 2 when DIR is no archive."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("repair", help="close the .open WARC files killed runs left",
                                   description=HELP)  # fmt: skip
    add_archive_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from archiver.capture.recovery import repair_archive
    from archiver.index.cdxj import wait_for_indexing

    if not (args.archive / "warc").is_dir():
        return exitcodes.usage_error("repair", f"{args.archive}: no WARC folder (not an archive?)")
    result = repair_archive(args.archive)
    wait_for_indexing()
    for path in result.repaired:
        print(f"repaired {relative(path)}")
    for path in result.removed:
        print(f"removed {relative(path)} (no complete record)")
    for path in result.in_use:
        print(f"in use  {relative(path)} (a live process writes it)")
    print(f"{len(result.repaired)} WARC file(s) repaired, {len(result.removed)} removed, "
          f"{len(result.in_use)} in use, {len(result.spools)} index spool(s) dropped")  # fmt: skip
    return exitcodes.OK
