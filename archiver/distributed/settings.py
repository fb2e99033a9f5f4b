"""The settings that make a crawl shared: scrapy-redis's scheduler and filter, as data.

:func:`apply_shared_crawl` is called by the spider when ``ARCHIVER_REDIS_URL`` is
set, before Scrapy builds its scheduler, middlewares and extensions.
"""

from __future__ import annotations

import os
import socket
import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.settings import BaseSettings

from archiver.distributed.keys import CrawlKeys

#: scrapy-redis 0.9.1 as a shared frontier, with its traps set aside.
SHARED_FRONTIER = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
    # Off, the first worker to close would delete the queue and filter every worker shares.
    "SCHEDULER_PERSIST": True,
    "SCHEDULER_FLUSH_ON_START": False,
    # A new crawl starts when the last one finished (archiver.distributed.sharedcrawl).
    "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
    # Payloads already captured by any worker are written as revisits.
    "ARCHIVER_DIGEST_INDEX": "archiver.distributed.digestindex.RedisDigestIndex",
}


def default_worker_id() -> str:
    """``<host>-<pid>``: unique among the processes of a crawl."""
    return f"{socket.gethostname().split('.')[0]}-{os.getpid()}"


def worker_warc_prefix(settings: BaseSettings, worker: str) -> str:
    """The WARC file prefix of ``worker``: ``<ARCHIVER_WARC_PREFIX>-<worker>``."""
    return f"{settings.get('ARCHIVER_WARC_PREFIX') or 'archiver'}-{worker}"


def apply_shared_crawl(settings: BaseSettings, site: str) -> None:
    """Make this process one worker of the crawl of ``site`` in ``ARCHIVER_REDIS_URL``.

    ``-s`` overrides still win; the worker id is appended to the WARC prefix so that
    no two workers ever write one file.
    """
    keys = CrawlKeys(site.replace("%", "%%"))  # scrapy-redis %-formats its key names
    worker = settings.get("ARCHIVER_WORKER_ID") or default_worker_id()
    shared = {
        **SHARED_FRONTIER,
        "REDIS_URL": settings.get("ARCHIVER_REDIS_URL"),
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
    }
    settings.update(shared, priority="spider")
    # A worker takes up to CONCURRENT_REQUESTS requests from the queue, though only
    # CONCURRENT_REQUESTS_PER_DOMAIN of them download at once: the rest would wait in its
    # downloader while other workers idle (and be lost with it if it is killed).
    per_site = min(settings.getint("CONCURRENT_REQUESTS"), settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
    settings.set("CONCURRENT_REQUESTS", per_site, priority="spider")
    settings.set("ARCHIVER_WORKER_ID", worker, priority="cmdline")
    settings.set("ARCHIVER_WARC_PREFIX", worker_warc_prefix(settings, worker), priority="cmdline")
    # scrapy-redis 0.9.1 passes spider= to StatsCollector.inc_value (deprecated; fixed upstream, unreleased).
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
