"""``archiver validate [DIR]``: check every record against the schema and its WARC."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import relative
from archiver.storage import RecordStore

HELP = """Check every JSON record under DIR/records against the record's JSON Schema
(draft 2020-12, shipped in the package), check that it lies where its id and URL
put it, and follow its `warc` pointer: the WARC file must hold, at that offset and
length, the response record it names (id, URI, date, payload digest), with valid
digests. Prints one line per problem, then a summary. Exit 0 when every record is
valid, 1 when any is not, 2 when DIR holds no records folder."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("validate", help="check the records and their WARC pointers",
                                   description=HELP)  # fmt: skip
    parser.add_argument("archive", nargs="?", type=Path, default=Path("archive"), metavar="DIR",
                        help="the archive folder (default: ./archive)")  # fmt: skip
    return parser


def record_file_problems(path: Path, store: RecordStore, warc_dir: Path) -> list[str]:
    """Every problem of the record file at ``path`` (empty: valid)."""
    from archiver.capture.pointer import pointer_problems
    from archiver.schema import record_errors

    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not a JSON record: {exc}"]
    problems = [f"schema: {error}" for error in record_errors(record)]
    if problems:
        return problems  # the fields below may be missing or of another type
    if (expected := store.path_for(record)) != path:
        problems.append(f"misplaced: its id and URL put it at {relative(expected)}")
    return problems + pointer_problems(record, warc_dir)


def run(args: argparse.Namespace) -> int:
    records_dir = args.archive / "records"
    if not records_dir.is_dir():
        print(f"archiver validate: no records folder {relative(records_dir)}", file=sys.stderr)
        return exitcodes.USAGE
    store = RecordStore(records_dir)
    checked = invalid = 0
    for path in store:
        checked += 1
        problems = record_file_problems(path, store, args.archive / "warc")
        invalid += bool(problems)
        for problem in problems:
            print(f"{relative(path)}: {problem}")
    print(f"{checked} record(s) checked, {invalid} invalid, in {relative(records_dir)}")
    return exitcodes.PARTIAL if invalid else exitcodes.OK
