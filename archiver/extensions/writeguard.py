"""Stop a crawl at the first write the archive refuses: a full disk, a read-only folder.

The capture middleware and the record pipeline send :data:`~archiver.signals.archive_write_failed`
when a WARC or JSON write fails; the page is then reported failed (and fetched again
by the next run). The first such failure prints one line on stderr naming the path and
the reason, and closes the spider with the reason ``archive_write_failed``: every
later page would fail the same way, so the crawl stops instead of logging each one.
"""

from __future__ import annotations

import errno
import logging
import sys
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.defer import _schedule_coro

from archiver.signals import archive_write_failed

logger = logging.getLogger(__name__)

#: The finish reason of a crawl stopped by a refused write.
STOP_REASON = "archive_write_failed"
#: Errors after which no write to the archive can succeed.
STOPPING_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


class CaptureFailed(Exception):
    """The response could not be written to the WARC; the message says where and why."""


def write_failure(path: Path | str, error: OSError) -> str:
    """``cannot write PATH: REASON`` for an OSError raised writing ``path``."""
    reason = error.strerror or type(error).__name__
    return f"cannot write {path}: {reason}"


class ArchiveWriteGuard:
    """Closes the spider, with one line on stderr, at the first write that cannot succeed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stopped: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveWriteGuard:
        guard = cls(crawler)
        crawler.signals.connect(guard.write_failed, signal=archive_write_failed)
        return guard

    def write_failed(self, path: Path | str, error: OSError, url: str | None = None, **kwargs: Any) -> None:
        self.crawler.stats.inc_value("archiver/write_errors")
        if self.stopped is not None or error.errno not in STOPPING_ERRNOS:
            logger.debug("write failed for %s: %s", url, write_failure(path, error))
            return
        self.stopped = write_failure(path, error)
        self.crawler.stats.set_value("archiver/stopped", self.stopped)
        print(f"archiver: {self.stopped}: crawl stopped (the next run fetches what was not stored)",
              file=sys.stderr, flush=True)  # fmt: skip
        if self.crawler.engine is not None:
            _schedule_coro(self.crawler.engine.close_spider_async(reason=STOP_REASON))
