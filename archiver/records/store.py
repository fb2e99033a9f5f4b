"""Storage of JSON article records: one file per record, written atomically.

A record lives at ``<archive>/records/<site-folder>/<id>.json``, the folder being
the host of its canonical URL, with ``_<port>`` when the port is not the scheme's
default (``127.0.0.1_8765``): two sites on one host and different ports keep their
records apart. Archives written before kept every port in ``<host>/``; readers
still find such a record (:meth:`RecordStore.find`), and the next write of it moves
it to its folder. A record is written with :func:`archiver.atomicfile.write_atomic`,
so a reader, a full disk or a killed process never sees a half-written record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archiver.atomicfile import write_atomic
from archiver.urls import url_host, url_port


def record_folder(url: str) -> str:
    """The folder of ``url``'s records: its host, and ``_<port>`` for a port not the scheme's default."""
    host = url_host(url) or "_"
    port = url_port(url)
    return f"{host}_{port}" if port else host


def dump_json(obj: Any) -> bytes:
    """The archive's JSON serialization: UTF-8, indented, stable key order, final newline."""
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class RecordStore:
    """The ``records/`` folder of an archive."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path_for(self, record: dict[str, Any]) -> Path:
        """Where ``record`` is written: ``<root>/<site folder>/<id>.json``."""
        return self.root / record_folder(record["canonical_url"]) / f"{record['id']}.json"

    def legacy_path(self, record: dict[str, Any]) -> Path:
        """Where archives written before the port was in the folder kept ``record``."""
        return self.root / (url_host(record["canonical_url"]) or "_") / f"{record['id']}.json"

    def find(self, record: dict[str, Any]) -> Path | None:
        """The stored file of ``record``'s article (its folder, else the older layout's), or None."""
        for path in dict.fromkeys((self.path_for(record), self.legacy_path(record))):
            if path.is_file():
                return path
        return None

    def write(self, record: dict[str, Any]) -> Path:
        """Write ``record`` atomically; return its path. A copy in the older layout is removed."""
        path = self.path_for(record)
        write_atomic(path, dump_json(record))
        if (legacy := self.legacy_path(record)) != path:
            legacy.unlink(missing_ok=True)
        return path

    def __iter__(self):
        """Every record path, in a stable order."""
        return iter(sorted(p for p in self.root.rglob("*.json") if not p.name.startswith(".")))
