"""What each worker of a shared crawl reports to Redis, and how to read it back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from archiver.distributed.keys import CrawlKeys

#: Worker states: still crawling, or gone (``finished`` with the crawl, ``stopped`` early).
CRAWLING, FINISHED, STOPPED = "crawling", "finished", "stopped"


@dataclass
class WorkerReport:
    """One worker's last heartbeat: who it is, what it has done, whether it is busy."""

    worker: str
    host: str
    pid: int
    state: str  # CRAWLING, FINISHED or STOPPED
    busy: bool  # downloading or parsing (it may still add requests to the queue)
    pages: int  # responses received
    records: int  # article records written
    failed: int  # pages that could not be archived
    joined: float  # epoch seconds
    seen: float  # epoch seconds of this report

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> WorkerReport:
        return cls(**json.loads(text))

    def is_live(self, now: float, timeout: float) -> bool:
        """Crawling and heard from within ``timeout`` seconds (a killed worker falls silent)."""
        return self.state == CRAWLING and now - self.seen <= timeout


def read_workers(server: Any, keys: CrawlKeys) -> list[WorkerReport]:
    """Every worker report of the crawl, in worker id order."""
    raw = server.hgetall(keys.workers)
    return [WorkerReport.from_json(raw[name]) for name in sorted(raw)]


def write_report(server: Any, keys: CrawlKeys, report: WorkerReport) -> None:
    server.hset(keys.workers, report.worker, report.to_json())
