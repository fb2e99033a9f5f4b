"""The records of an archive at a glance: one :class:`RecordEntry` per record file.

Whatever made a record (a crawl, ``archiver archive``, ``archiver reindex``), it is
read from the archive's folders: current records in ``records/``, earlier
versions in ``record-versions/`` (see :mod:`archiver.records.versions`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.records.store import RecordStore
from archiver.records.versions import VERSIONS_DIR
from archiver.state.recheck import parse_time


class RecordKind(StrEnum):
    """Which record of an article a file is."""

    CURRENT = "current"  # records/: the article as last seen
    EARLIER = "earlier"  # record-versions/: a version a later one replaced


#: The folder of each kind of record file.
KIND_DIRS = {RecordKind.CURRENT: "records", RecordKind.EARLIER: VERSIONS_DIR}


@dataclass(frozen=True)
class RecordEntry:
    """What ``archiver list`` shows of one record."""

    kind: RecordKind
    id: str
    site: str | None  # the site profile of the crawl that made it; None for `archiver archive`
    host: str  # host[:port] of its canonical URL
    url: str
    title: str | None
    published: str | None
    fetched_at: str | None
    language: str | None
    version: int
    path: str  # relative to the archive

    @classmethod
    def of(cls, record: dict[str, Any], kind: RecordKind, path: str) -> RecordEntry:
        url = record.get("canonical_url") or record.get("url") or ""
        return cls(kind, record.get("id", ""), record.get("site"), urlsplit(url).netloc.lower(), url,
                   record.get("title"), record.get("published"), record.get("fetched_at"),
                   record.get("language"), int(record.get("version") or 1), path)  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}


def record_entries(
    archive: Path, kinds: tuple[RecordKind, ...] = (RecordKind.CURRENT,)
) -> Iterator[RecordEntry]:
    """The entries of ``archive``'s record files of ``kinds``; unreadable files are skipped
    (``archiver validate`` names them)."""
    for kind in kinds:
        folder = archive / KIND_DIRS[kind]
        if not folder.is_dir():
            continue
        for path in RecordStore(folder):
            try:
                record = json.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(record, dict):
                yield RecordEntry.of(record, kind, str(path.relative_to(archive)))


@dataclass(frozen=True)
class RecordFilter:
    """Which records ``archiver list`` keeps: every criterion given must hold."""

    site: str | None = None  # site profile name
    host: str | None = None  # host, or host:port
    since: datetime | None = None  # on the date chosen by ``date_field``, inclusive
    until: datetime | None = None  # exclusive
    title: str | None = None  # text in the title, case-insensitive
    date_field: str = "fetched_at"  # or "published"

    def keeps(self, entry: RecordEntry) -> bool:
        if self.site and entry.site != self.site:
            return False
        if self.host and self.host.lower() not in (entry.host, entry.host.split(":")[0]):
            return False
        if self.title and self.title.casefold() not in (entry.title or "").casefold():
            return False
        if self.since or self.until:
            moment = parse_time(getattr(entry, self.date_field))
            if moment is None:
                return False
            if (self.since and moment < self.since) or (self.until and moment >= self.until):
                return False
        return True
