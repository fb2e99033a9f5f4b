"""Writing the per-WARC CDXJ indexes of an archive with ``cdxj-indexer``.

``<archive>/warc/<name>.warc.gz`` is indexed to ``<archive>/indexes/<name>.warc.gz.cdxj``:
one line ``<SURT key> <14-digit timestamp> <JSON>`` per response, revisit and resource
record, sorted, written atomically. While a crawl writes a WARC, :class:`IndexSpool`
spools the line of each record as it is written (:func:`cdxj_line`, the line
cdxj-indexer would write) and sorts them into the index when the file closes, so no
WARC is read back; :func:`index_closed_warc` indexes a closed file with cdxj-indexer
(in the background) when that was not possible. :func:`refresh_indexes`, run by every
command that reads the index, indexes what a crash or an older version left
unindexed and drops the indexes of WARC files that are gone.
"""

from __future__ import annotations

import fcntl
import io
import json
import logging
import threading
from pathlib import Path
from typing import TextIO

from cdxj_indexer.main import CDXJIndexer
from warcio.recordloader import ArcWarcRecord
from warcio.timeutils import iso_date_to_timestamp

from archiver.atomicfile import remove_unless_held, write_atomic

logger = logging.getLogger(__name__)

INDEXES_DIR = "indexes"
WARC_DIR = "warc"
INDEX_SUFFIX = ".cdxj"
SPOOL_SUFFIX = ".spool"

_pending: set[threading.Thread] = set()
_pending_lock = threading.Lock()


def indexes_dir(archive: Path | str) -> Path:
    """The folder of the CDXJ indexes of ``archive``."""
    return Path(archive) / INDEXES_DIR


def index_path(warc: Path) -> Path:
    """The CDXJ index of the WARC file ``warc`` (which lies in ``<archive>/warc``)."""
    return indexes_dir(warc.parent.parent) / (warc.name + INDEX_SUFFIX)


def warc_index_text(warc: Path) -> str:
    """The sorted CDXJ lines of ``warc``; ``filename`` is its basename."""
    out = io.StringIO()
    CDXJIndexer(out, [str(warc)], sort=True).process_all()
    return out.getvalue()


def write_warc_index(warc: Path | str) -> Path:
    """Index the closed WARC file ``warc`` into ``<archive>/indexes``, atomically; the index path."""
    warc = Path(warc)
    path = index_path(warc)
    write_atomic(path, warc_index_text(warc).encode("utf-8"))
    return path


#: cdxj-indexer's own rules (which records, mime, status, key), used on records in hand.
_RULES = CDXJIndexer(None, [])


def cdxj_line(record: ArcWarcRecord, filename: str, offset: int, length: int) -> str | None:
    """The line cdxj-indexer writes for ``record`` (its gzip member at ``offset``, ``length``
    bytes long, in the WARC file ``filename``); None for a record it does not index.

    Raises ValueError for a record without a payload digest (cdxj-indexer computes one).
    """
    if not _RULES.filter_record(record):
        return None
    headers = record.rec_headers
    digest = headers.get_header("WARC-Payload-Digest")
    if not digest:
        raise ValueError("record without WARC-Payload-Digest")
    fields = {
        "url": headers.get_header("WARC-Target-URI"),
        "mime": _RULES.get_field(record, "mime", None, filename),
        "status": _RULES.get_field(record, "http:status", None, filename),
        "digest": digest,
        "length": str(length),
        "offset": str(offset),
        "filename": filename,
    }
    index = {name: value for name, value in fields.items() if value is not None}
    timestamp = iso_date_to_timestamp(headers.get_header("WARC-Date"))
    return f"{_RULES.get_url_key(index.get('url'))} {timestamp} {json.dumps(index)}\n"


class IndexSpool:
    """The CDXJ lines of a WARC file being written, spooled to disk, sorted into its index at close.

    Lines go to ``<archive>/indexes/<name>.cdxj.spool`` so that memory does not grow with
    the records written; a record whose line cannot be made marks the spool incomplete,
    and the closed file is then indexed by cdxj-indexer instead.
    """

    def __init__(self, warc: Path) -> None:
        self.warc = warc
        self.path = index_path(warc).with_name(warc.name + INDEX_SUFFIX + SPOOL_SUFFIX)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._out: TextIO | None = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - kept open
        fcntl.flock(self._out, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a live spool: never dropped by a repair
        self.complete = True

    def add(self, record: ArcWarcRecord, offset: int, length: int) -> None:
        if self._out is None or not self.complete:
            return
        try:
            line = cdxj_line(record, self.warc.name, offset, length)
            if line is not None:
                self._out.write(line)
        except (ValueError, OSError):  # no digest, a full disk: cdxj-indexer reads the file at close
            self.complete = False

    def abandon(self) -> None:
        """The WARC file could not be closed: leave the spool to the repair of the next run."""
        if self._out is not None:
            self._out.close()
            self._out = None

    def finish(self) -> None:
        """The WARC file is closed (renamed): write its index, from the spool or by reading it."""
        if self._out is None:
            return
        out, self._out = self._out, None
        try:
            out.flush()
            if self.complete:
                lines = self.path.read_text("utf-8").splitlines(keepends=True)
                write_atomic(index_path(self.warc), "".join(sorted(lines)).encode("utf-8"))
            else:
                index_closed_warc(self.warc)
        except OSError:  # a full disk: the file is indexed from its bytes later
            index_closed_warc(self.warc)
        finally:
            self.path.unlink(missing_ok=True)
            out.close()


def index_closed_warc(warc: Path) -> threading.Thread:
    """The hook run when a WARC file is closed: index it in a background thread.

    Indexing reads the whole file (about 5 s per 100 MB), so the crawl does not wait for
    it; the process does, at exit (the thread is not a daemon). A failure is logged and
    leaves the WARC unindexed until :func:`refresh_indexes` runs.
    """
    thread = threading.Thread(target=_index_or_log, args=(warc,), name=f"cdxj {warc.name}")
    with _pending_lock:
        _pending.add(thread)
    thread.start()
    return thread


def wait_for_indexing() -> None:
    """Return once every index :func:`index_closed_warc` started is written."""
    with _pending_lock:
        threads = list(_pending)
    for thread in threads:
        thread.join()


def _index_or_log(warc: Path) -> None:
    try:
        write_warc_index(warc)
    except Exception as exc:  # the capture goes on; the index can be rebuilt
        level = logging.INFO if isinstance(exc, OSError) else logging.WARNING  # a full disk is said once
        logger.log(
            level,
            "could not index %s (it is indexed when the archive is next read): %s",
            warc.name,
            exc,
        )
        logger.debug("indexing %s", warc, exc_info=True)
    finally:
        with _pending_lock:
            _pending.discard(threading.current_thread())


def refresh_indexes(archive: Path | str, rebuild: bool = False) -> list[Path]:
    """Index every closed WARC of ``archive`` that has no up-to-date index (all of them when
    ``rebuild``), drop indexes whose WARC is gone; the indexes written."""
    archive = Path(archive)
    if not (archive / WARC_DIR).is_dir():
        return []
    warcs = sorted(p for p in (archive / WARC_DIR).iterdir() if p.name.endswith(CDXJIndexer.ALLOWED_EXT))
    written = []
    for warc in warcs:
        path = index_path(warc)
        if rebuild or not path.exists() or path.stat().st_mtime < warc.stat().st_mtime:
            written.append(write_warc_index(warc))
    names = {warc.name + INDEX_SUFFIX for warc in warcs}
    for stale in indexes_dir(archive).glob("*" + INDEX_SUFFIX):
        if stale.name not in names:
            stale.unlink()
    drop_dead_spools(archive)
    return written


def drop_dead_spools(archive: Path) -> list[Path]:
    """Remove the spools no live writer holds (a killed one's); the spools removed.

    The closed WARC file of such a spool is indexed from its bytes when it has no index.
    """
    dropped = []
    folder = indexes_dir(archive)
    for spool in sorted(folder.glob("*" + INDEX_SUFFIX + SPOOL_SUFFIX)) if folder.is_dir() else []:
        if not remove_unless_held(spool):
            continue
        dropped.append(spool)
        warc = archive / WARC_DIR / spool.name.removesuffix(INDEX_SUFFIX + SPOOL_SUFFIX)
        if warc.is_file() and not index_path(warc).exists():
            index_closed_warc(warc)
    return dropped
