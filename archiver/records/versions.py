"""Versions of article records: a changed article gets a new version, an unchanged one is not touched.

The current version stays at ``records/<site folder>/<id>.json`` (see :mod:`archiver.records.store`); when an article's content
changes, the file it replaces is first copied, byte for byte, to
``record-versions/<host>/<id>.v<N>.json``, and the new record says ``version`` N+1
and ``supersedes`` (that version's number, ``fetched_at``, ``payload_digest`` and
path). "Unchanged" is decided on the decoded content: the same ``content_digest``
(decoded body), or the same extracted content when only the markup around it moved
(a rotating token, a new teaser in the sidebar). An unchanged record's file is left
byte-for-byte as it was, so a tool watching ``records/`` sees only what changed.
Within one run, a record written by an earlier page (an alias, a redirect to the
same article) is replaced by the later one, as without versions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archiver.atomicfile import write_atomic
from archiver.kinds import RecordOutcome
from archiver.records.store import RecordStore

VERSIONS_DIR = "record-versions"
#: The folders of an archive that hold record files: current records, then earlier versions.
RECORD_DIRS = ("records", VERSIONS_DIR)


def record_paths(archive: Path) -> Iterator[Path]:
    """Every record file of ``archive``: current records, then earlier versions."""
    for folder in RECORD_DIRS:
        if (archive / folder).is_dir():
            yield from RecordStore(archive / folder)


#: Record fields that make an article's content; the others describe its fetch.
CONTENT_FIELDS = ("canonical_url", "language", "title", "authors", "byline", "published", "modified",
                  "images", "body", "tags", "description", "site_name")  # fmt: skip


def same_content(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether ``new`` holds the article content ``old`` holds."""
    if old.get("content_digest") and old.get("content_digest") == new.get("content_digest"):
        return True
    return all(old.get(name) == new.get(name) for name in CONTENT_FIELDS)


class VersionedRecordStore:
    """The ``records/`` folder of an archive, keeping earlier versions in ``record-versions/``."""

    def __init__(self, archive: Path | str) -> None:
        self.archive = Path(archive)
        self.records = RecordStore(self.archive / "records")
        self.versions = self.archive / VERSIONS_DIR
        self._written: dict[Path, RecordOutcome] = {}  # this run's writes and their outcome

    def current(self, record: dict[str, Any]) -> dict[str, Any] | None:
        """The stored current version of ``record``'s article, or None."""
        path = self.records.find(record)
        try:
            return json.loads(path.read_text("utf-8")) if path else None
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def version_path(self, record: dict[str, Any], version: int) -> Path:
        """Where version ``version`` of ``record``'s article is kept once replaced."""
        current = self.records.path_for(record)
        return self.versions / current.parent.name / f"{record['id']}.v{version}.json"

    def write(self, record: dict[str, Any]) -> tuple[RecordOutcome, Path]:
        """Store ``record`` as a new article, a new version, or not at all; (outcome, current path)."""
        path = self.records.path_for(record)
        old = self.current(record)
        if path in self._written and old is not None:  # another page of this run: the last one wins
            record["version"], record["supersedes"] = old.get("version", 1), old.get("supersedes")
            self.records.write(record)
            return self._written[path], path
        if old is not None and same_content(old, record):
            return RecordOutcome.UNCHANGED, self.records.find(
                record
            ) or path  # left where it is, older layout too
        record["version"], record["supersedes"] = 1, None
        if old is not None:
            number = int(old.get("version") or 1)
            kept = self.version_path(old, number)
            if not kept.exists():
                write_atomic(kept, (self.records.find(old) or path).read_bytes())
            record["version"] = number + 1
            record["supersedes"] = {
                "version": number,
                "fetched_at": old.get("fetched_at"),
                "payload_digest": old.get("payload_digest"),
                "path": os.path.relpath(kept, self.archive),
            }
        self.records.write(record)
        self._written[path] = RecordOutcome.CHANGED if old is not None else RecordOutcome.NEW
        return self._written[path], path
