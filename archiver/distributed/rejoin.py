"""A worker restarted under its own id: never beside a live namesake; its killed run's WARCs repaired.

With ``--worker-id`` a worker keeps its name across restarts (the default ``<host>-<pid>``
is new each time). Before it starts, its last report in Redis is read: a worker of that
id heard from within ``ARCHIVER_REDIS_WORKER_TIMEOUT`` is still running, and two
processes must never write one WARC series. Otherwise the ``.open`` WARC files of its
prefix were left by a killed run and are repaired as the embedded crawl's resume does
(:func:`archiver.capture.repair.repair_open_warcs`).
"""

from __future__ import annotations

import time
from pathlib import Path

from scrapy.settings import BaseSettings

from archiver.capture.repair import repair_open_warcs
from archiver.crawl.run import CannotJoin, WorkerIdTaken
from archiver.distributed.keys import CrawlKeys
from archiver.distributed.settings import worker_warc_prefix
from archiver.distributed.status import connect
from archiver.distributed.workers import WorkerReport


def rejoin(archive: Path | str, settings: BaseSettings, site: str) -> list[Path]:
    """Check Redis answers and no live worker has this worker's id; repair its ``.open`` WARCs.

    Returns the files repaired; raises :class:`CannotJoin` (or :class:`WorkerIdTaken`).
    """
    import redis

    url, worker = settings.get("ARCHIVER_REDIS_URL"), settings.get("ARCHIVER_WORKER_ID")
    try:
        server = connect(url)
        server.ping()
        raw = server.hget(CrawlKeys(site).workers, worker) if worker else None
        server.close()
    except (redis.RedisError, ValueError) as exc:
        raise CannotJoin(f"Redis at {url}: {exc}") from None
    if not worker:
        return []
    now = time.time()
    if raw and (report := WorkerReport.from_json(raw)).is_live(
        now, settings.getfloat("ARCHIVER_REDIS_WORKER_TIMEOUT")
    ):
        raise WorkerIdTaken(
            f"worker {worker} ({report.host} pid {report.pid}) was heard from {now - report.seen:.0f} s ago: "
            "it is running, or was stopped less than ARCHIVER_REDIS_WORKER_TIMEOUT ago; use another --worker-id"
        )
    return repair_open_warcs(archive, worker_warc_prefix(settings, worker))
