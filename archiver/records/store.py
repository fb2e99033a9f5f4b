"""Storage of JSON article records: one file per record, written atomically.

A record lives at ``<archive>/records/<host>/<id>.json``. It is written with
:func:`archiver.atomicfile.write_atomic`, so a reader, a full disk or a killed
process never sees a half-written record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archiver.atomicfile import write_atomic
from archiver.urls import url_host


def dump_json(obj: Any) -> bytes:
    """The archive's JSON serialization: UTF-8, indented, stable key order, final newline."""
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class RecordStore:
    """The ``records/`` folder of an archive."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path_for(self, record: dict[str, Any]) -> Path:
        host = url_host(record["canonical_url"]) or "_"
        return self.root / host / f"{record['id']}.json"

    def write(self, record: dict[str, Any]) -> Path:
        """Write ``record`` atomically; return its path."""
        path = self.path_for(record)
        write_atomic(path, dump_json(record))
        return path

    def __iter__(self):
        """Every record path, in a stable order."""
        return iter(sorted(p for p in self.root.rglob("*.json") if not p.name.startswith(".")))
