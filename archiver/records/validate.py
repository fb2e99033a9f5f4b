"""Checks of stored record files: the schema, where each lies, what it supersedes, its WARC pointer.

``archiver validate`` prints these problems; the tests check every record they read with them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archiver.records.pointer import pointer_problems
from archiver.records.schema import record_errors
from archiver.records.versions import VersionedRecordStore


def record_file_problems(path: Path, archive: Path) -> list[str]:
    """Every problem of the record file at ``path`` in ``archive`` (empty: valid)."""
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
        problems.append(f"misplaced: its id, URL and version put it at {expected}")
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
