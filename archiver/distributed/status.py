"""The progress of a shared crawl, read from Redis: queue, seen URLs, workers' counts (``archiver status --redis`` prints it)."""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from archiver.distributed.keys import CrawlKeys
from archiver.distributed.workers import read_workers

#: A worker silent this long is reported as gone (the crawl setting's default).
WORKER_TIMEOUT = 15.0


def connect(redis_url: str) -> Any:
    """A client of the Redis at ``redis_url`` (``redis://HOST:PORT/DB``)."""
    import redis

    return redis.Redis.from_url(redis_url)


def crawl_status(server: Any, site: str, worker_timeout: float = WORKER_TIMEOUT) -> dict[str, Any]:
    """The shared crawl of ``site``: state, queue length, seen URLs, and each worker's report."""
    keys = CrawlKeys(site)
    crawl = {k.decode(): v.decode() for k, v in server.hgetall(keys.crawl).items()}
    now = time.time()
    workers = [
        {**asdict(report), "live": report.is_live(now, worker_timeout)}
        for report in read_workers(server, keys)
    ]
    return {
        "site": site,
        "state": crawl.get("state", "none"),
        "number": int(crawl.get("number", 0)),
        "started": crawl.get("started"),
        "finished": crawl.get("finished"),
        "queued": int(server.zcard(keys.requests)),
        "seen": int(server.scard(keys.dupefilter)),
        "pages": sum(w["pages"] for w in workers),
        "records": sum(w["records"] for w in workers),
        "workers": workers,
    }


def status_text(status: dict[str, Any]) -> str:
    """``status`` for people: one line for the crawl, one per worker."""
    lines = [
        f"shared crawl {status['site']} #{status['number']}: {status['state']}; "
        f"{status['queued']} queued, {status['seen']} URLs seen, "
        f"{status['pages']} pages fetched, {status['records']} records"
    ]
    for w in status["workers"]:
        activity = ("busy" if w["busy"] else "idle") if w["live"] else w["state"]
        if w["state"] == "crawling" and not w["live"]:
            activity = f"silent {time.time() - w['seen']:.0f}s (gone?)"
        lines.append(
            f"  worker {w['worker']} ({w['host']} pid {w['pid']}): {activity}; "
            f"{w['pages']} pages, {w['records']} records, {w['failed']} failed"
        )
    return "\n".join(lines)


def shared_sites(server: Any) -> list[str]:
    """The sites with a shared crawl in this Redis."""
    pattern = CrawlKeys("*").crawl
    head, tail = pattern.split("*")
    return sorted(
        key.decode().removeprefix(head).removesuffix(tail) for key in server.scan_iter(match=pattern)
    )
