"""``archiver validate [DIR]``: check every record against the schema and its WARC."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.records.validate import record_file_problems
from archiver.records.versions import record_paths

HELP = """Check every JSON record under DIR/records (and earlier versions under
DIR/record-versions) against the record's JSON Schema (draft 2020-12, shipped in
the package), check that it lies where its id, URL and version put it, that the
earlier version it supersedes is kept as it says, and follow its `warc` pointer:
the WARC file must hold, at that offset and length, the response (or revisit)
record it names (id, URI, date, payload digest), with valid digests. Prints one
line per problem, then a summary (--json: one object with the count checked and
the problems of each invalid file). DIR is given as an argument or, as every
other command takes it, with --archive DIR. Exit 0 when every record is valid, 1
when any is not, 2 when DIR holds no records folder."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("validate", help="check the records and their WARC pointers",
                                   description=HELP)  # fmt: skip
    parser.add_argument("folder", nargs="?", type=Path, metavar="DIR",
                        help="the archive folder (default: ./archive; or --archive DIR)")  # fmt: skip
    add_archive_option(parser)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.folder is not None and args.archive != Path("archive") and args.folder != args.archive:
        return exitcodes.usage_error("validate", "give the archive as DIR or as --archive DIR, not both")
    archive = args.folder if args.folder is not None else args.archive
    records_dir = archive / "records"
    if not records_dir.is_dir():
        return exitcodes.usage_error("validate", f"no records folder {relative(records_dir)}")
    checked = 0
    invalid: dict[str, list[str]] = {}
    for path in record_paths(archive):
        checked += 1
        if problems := record_file_problems(path, archive):
            invalid[relative(path)] = problems
            if not args.json:
                for problem in problems:
                    print(f"{relative(path)}: {problem}")
    if args.json:
        print(json.dumps({"archive": relative(archive), "checked": checked, "invalid": len(invalid),
                          "problems": invalid}, ensure_ascii=False))  # fmt: skip
    else:
        print(f"{checked} record(s) checked, {len(invalid)} invalid, in {relative(archive)}")
    return exitcodes.PARTIAL if invalid else exitcodes.OK
