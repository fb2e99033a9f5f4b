"""JSON records an archive holds, read back and checked as ``archiver validate`` checks them."""

from __future__ import annotations

import json
from pathlib import Path


def read_records(archive: Path) -> list[dict]:
    """Every JSON record under ``archive/records``, each checked as ``archiver validate`` does."""
    from archiver.records.store import RecordStore
    from archiver.records.validate import record_file_problems
    from archiver.records.versions import record_paths

    problems = {str(path): record_file_problems(path, archive) for path in record_paths(archive)}
    assert not any(problems.values()), {path: found for path, found in problems.items() if found}
    return [json.loads(path.read_text("utf-8")) for path in RecordStore(archive / "records")]


def record_files(archive: Path) -> dict[str, bytes]:
    """Every record file of ``archive``, by path below ``records/``, as bytes."""
    root = archive / "records"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}
