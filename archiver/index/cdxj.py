"""Writing the per-WARC CDXJ indexes of an archive with ``cdxj-indexer``.

``<archive>/warc/<name>.warc.gz`` is indexed to ``<archive>/indexes/<name>.warc.gz.cdxj``:
one line ``<SURT key> <14-digit timestamp> <JSON>`` per response, revisit and resource
record, sorted, written atomically. :func:`index_closed_warc` runs when a WARC file is
closed (in the background); :func:`refresh_indexes`, run by every command that reads
the index, indexes what a crash or an older version left unindexed and drops the
indexes of WARC files that are gone.
"""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

from cdxj_indexer.main import CDXJIndexer

from archiver.storage import write_atomic

logger = logging.getLogger(__name__)

INDEXES_DIR = "indexes"
WARC_DIR = "warc"
INDEX_SUFFIX = ".cdxj"

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
    except Exception:  # the capture goes on; the index can be rebuilt
        logger.exception("Could not index %s (it is indexed when the archive is next read)", warc)
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
    return written
