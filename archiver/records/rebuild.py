"""Records rebuilt from the pages of WARC files: the crawl's record decisions, replayed.

Pages (:func:`archiver.capture.reading.warc_runs_pages`, in the order the crawl
described them, each with its crawl run) go through the record pipeline's own decisions
(:func:`archiver.records.pages.extract_record`) and into a
:class:`~archiver.records.versions.VersionedRecordStore`, so an article that changed
between fetches gets the versions the crawl gave it. :func:`reindex` does this in an
empty folder inside the archive and then brings ``records/`` and ``record-versions/``
to the same files, each written atomically, unchanged files untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.atomicfile import write_atomic
from archiver.kinds import RecordOutcome
from archiver.page import FetchedPage
from archiver.records.store import RecordStore
from archiver.records.versions import RECORD_DIRS, VersionedRecordStore

#: The folders of an archive that reindex rebuilds: current records, earlier versions.


@dataclass
class ReindexResult:
    """What a reindex did to the rebuilt folders (file counts over both)."""

    records: int = 0  # current records after the reindex
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    removed: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def reindex(
    pages: Iterable[tuple[str, FetchedPage]], archive: Path, keep: Callable[[Path], bool] | None = None
) -> ReindexResult:
    """Rebuild the records (and earlier versions) of ``archive`` from (run, page) pairs, in crawl order.

    The pages are stored, as the crawl's pipeline stores them, into an empty folder
    beside; then each file that differs is written atomically into the archive and
    the files no page yields any more are removed, unless ``keep`` says so (a record whose
    capture is in a WARC file still being written). Unchanged files are not touched.
    """
    staging = Path(tempfile.mkdtemp(prefix=".reindex-", dir=archive))
    try:
        errors = store_records(pages, staging)
        result = ReindexResult(errors=errors)
        for folder in RECORD_DIRS:
            sync_folder(staging / folder, archive / folder, result, keep)
        result.records = sum(1 for _ in RecordStore(archive / "records"))
        return result
    finally:
        shutil.rmtree(staging)


def store_records(
    pages: Iterable[tuple[str, FetchedPage]],
    archive: Path,
    written: Callable[[dict[str, Any]], object] | None = None,
) -> list[str]:
    """Store the record of every (run, page) that gets one in ``archive``, as the crawl did.

    Each run gets its own :class:`VersionedRecordStore`, as each crawl's pipeline has
    one. ``written`` is called with each record written (a new article or version).
    Returns the extraction errors.
    """
    from archiver.records.pages import extract_record

    stores: dict[str, VersionedRecordStore] = {}
    errors = []
    for run, page in pages:
        try:
            record = extract_record(page)
        except Exception as exc:  # one broken page must not stop the rest, as in a crawl
            errors.append(f"{page.url}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        if record is None:
            continue
        store = stores.get(run) or stores.setdefault(run, VersionedRecordStore(archive))
        if store.write(record)[0] is not RecordOutcome.UNCHANGED and written:
            written(record)
    return errors


def sync_folder(
    built: Path, target: Path, result: ReindexResult, keep: Callable[[Path], bool] | None = None
) -> None:
    """Make ``target`` hold the JSON files of ``built``, byte for byte (and those ``keep`` keeps);
    count into ``result``."""
    wanted = {path.relative_to(built) for path in RecordStore(built)} if built.is_dir() else set()
    for name in sorted(wanted):
        data, path = (built / name).read_bytes(), target / name
        old = path.read_bytes() if path.is_file() else None
        result.added += old is None
        result.unchanged += old == data
        result.changed += old not in (None, data)
        if old != data:
            write_atomic(path, data)
    for path in RecordStore(target) if target.is_dir() else []:
        if path.relative_to(target) not in wanted and not (keep and keep(path)):
            path.unlink()
            result.removed.append(path)
