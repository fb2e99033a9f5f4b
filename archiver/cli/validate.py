"""``archiver validate [DIR]``: check every record against the schema and its WARC."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.state.versions import VersionedRecordStore, record_paths

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


def record_file_problems(path: Path, archive: Path) -> list[str]:
    """Every problem of the record file at ``path`` in ``archive`` (empty: valid)."""
    from archiver.capture.pointer import pointer_problems
    from archiver.schema import record_errors

    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not a JSON record: {exc}"]
    problems = [f"schema: {error}" for error in record_errors(record)]
    if problems:
        return problems  # the fields below may be missing or of another type
    store = VersionedRecordStore(archive)
    if path.is_relative_to(store.versions):
        expected = store.version_path(record, int(record.get("version") or 1))
        legacy = store.versions / store.records.legacy_path(record).parent.name / expected.name
    else:
        expected, legacy = store.records.path_for(record), store.records.legacy_path(record)
    if path not in (expected, legacy):  # the older layout (no port in the folder) is still read
        problems.append(f"misplaced: its id, URL and version put it at {relative(expected)}")
    return problems + superseded_problems(record, archive) + pointer_problems(record, archive / "warc")


def superseded_problems(record: dict[str, Any], archive: Path) -> list[str]:
    """How the earlier version a record names in ``supersedes`` is missing or differs."""
    earlier = record.get("supersedes")
    if not earlier:
        return []
    try:
        kept = json.loads((archive / earlier["path"]).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return [f"supersedes: no readable record at {earlier['path']}"]
    said = {"id": record["id"], "version": earlier["version"], "fetched_at": earlier["fetched_at"],
            "payload_digest": earlier["payload_digest"]}  # fmt: skip
    found = {**{name: kept.get(name) for name in said}, "version": int(kept.get("version") or 1)}
    return [f"supersedes: {name} is {found[name]!r} in {earlier['path']}, the record says {said[name]!r}"
            for name in said if found[name] != said[name]]  # fmt: skip


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
