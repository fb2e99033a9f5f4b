"""The WACZ page list (``pages/pages.jsonl``) built from our article records.

One line per article record whose capture is in the package (an earlier version of
a changed article too, see :mod:`archiver.records.versions`): its URL, capture time,
title, and the record's body as the page text, so ReplayWeb.page lists the articles
and searches their full text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.index.lookup import Capture
from archiver.records.versions import record_paths

PAGES_FORMAT = "json-pages-1.0"


def page_entry(record: dict[str, Any]) -> dict[str, Any]:
    """The page-list entry of an article record."""
    return {"id": record["id"], "url": record["url"], "ts": record["fetched_at"],
            "title": record.get("title") or record["url"], "text": record.get("body") or ""}  # fmt: skip


def packaged_records(archive: Path, captures: Iterable[Capture]) -> list[dict[str, Any]]:
    """The records of ``archive`` (current ones and earlier versions) whose WARC pointer is
    one of ``captures``, oldest capture first."""
    places = {(c.filename, c.offset) for c in captures}
    records = []
    for path in record_paths(archive):
        record = json.loads(path.read_text(encoding="utf-8"))
        pointer = record.get("warc") or {}
        if (pointer.get("filename"), pointer.get("offset")) in places and record.get("fetched_at"):
            records.append(record)
    return sorted(records, key=lambda r: (r["fetched_at"], r["url"]))


def pages_jsonl(records: Iterable[dict[str, Any]], title: str) -> bytes:
    """``pages.jsonl``: the header line, then one line per record."""
    header = {"format": PAGES_FORMAT, "id": "pages", "title": title, "hasText": True}
    lines = [header, *map(page_entry, records)]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
