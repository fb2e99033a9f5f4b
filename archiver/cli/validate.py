"""``archiver validate [DIR]``: check every record against the schema and its WARC."""

from __future__ import annotations

import argparse
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import relative
from archiver.records.validate import record_file_problems
from archiver.records.versions import record_paths

HELP = """Check every JSON record under DIR/records (and earlier versions under
DIR/record-versions) against the record's JSON Schema (draft 2020-12, shipped in
the package), check that it lies where its id, URL and version put it, that the
earlier version it supersedes is kept as it says, and follow its `warc` pointer:
the WARC file must hold, at that offset and length, the response (or revisit)
record it names (id, URI, date, payload digest), with valid digests. Prints one line per problem, then a summary. Exit 0 when every record is
valid, 1 when any is not, 2 when DIR holds no records folder."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("validate", help="check the records and their WARC pointers",
                                   description=HELP)  # fmt: skip
    parser.add_argument("archive", nargs="?", type=Path, default=Path("archive"), metavar="DIR",
                        help="the archive folder (default: ./archive)")  # fmt: skip
    return parser


def run(args: argparse.Namespace) -> int:
    records_dir = args.archive / "records"
    if not records_dir.is_dir():
        return exitcodes.usage_error("validate", f"no records folder {relative(records_dir)}")
    checked = invalid = 0
    for path in record_paths(args.archive):
        checked += 1
        problems = record_file_problems(path, args.archive)
        invalid += bool(problems)
        for problem in problems:
            print(f"{relative(path)}: {problem}")
    print(f"{checked} record(s) checked, {invalid} invalid, in {relative(args.archive)}")
    return exitcodes.PARTIAL if invalid else exitcodes.OK
