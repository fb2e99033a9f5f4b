"""``archiver index``: bring the archive's CDXJ indexes up to date, or rebuild them."""

from __future__ import annotations

import argparse

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.index.cdxj import indexes_dir, refresh_indexes

HELP = """Index every closed WARC file of the archive that has no up-to-date CDXJ index
(DIR/indexes/<warc>.cdxj, sorted, the format pywb reads) and drop the indexes of
WARC files that are gone; with --rebuild, index every WARC file again. A crawl
indexes each WARC file as it closes and the commands that read the index (captures,
package, replay) bring it up to date first, so this is needed only to rebuild.
Exit 0 when done, 2 when DIR is no archive."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("index", help="update or rebuild the CDXJ index", description=HELP)
    parser.add_argument("--rebuild", action="store_true", help="index every WARC file again")
    add_archive_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    if not (args.archive / "warc").is_dir():
        return exitcodes.usage_error("index", f"{args.archive}: no WARC folder (not an archive?)")
    written = refresh_indexes(args.archive, rebuild=args.rebuild)
    print(f"{len(written)} WARC file(s) indexed in {relative(indexes_dir(args.archive))}")
    return exitcodes.OK
