"""The extension that makes a crawler process one worker of a shared crawl.

Enabled by ``ARCHIVER_REDIS_URL`` (see :mod:`archiver.distributed.settings`). It
handles what scrapy-redis 0.9.1 leaves to its ``RedisSpider`` and gets wrong with
Scrapy 2.19:

- *Joining.* A worker joins the site's crawl, or starts a new one when the last one
  finished (its queue and seen-URL filter are cleared atomically, once). Seeds are
  the spider's own start URLs: the shared filter lets only the first worker's
  through, so a worker may join at any time.
- *Scope.* Hosts a worker adopts (a start URL redirected to ``www.``) are shared, so
  every worker follows links to them and fetches their queued requests.
- *Reporting.* Every ``ARCHIVER_REDIS_HEARTBEAT`` seconds the worker writes its
  counts and whether it is busy (:class:`~archiver.distributed.workers.WorkerReport`),
  and wakes its engine, which otherwise polls an empty shared queue every 5 s only.
- *Ending.* An idle worker stays open while the shared queue holds requests or a
  live worker is busy (its responses may add requests); once both have been quiet
  for ``ARCHIVER_REDIS_IDLE_CLOSE`` seconds the crawl is marked finished and every
  worker closes. A worker silent for ``ARCHIVER_REDIS_WORKER_TIMEOUT`` (killed) is
  not waited for.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from archiver.crawl.failures import error_count
from archiver.distributed.keys import CrawlKeys
from archiver.distributed.workers import CRAWLING, FINISHED, STOPPED, WorkerReport, read_workers, write_report

logger = logging.getLogger(__name__)

#: Atomically: start a new crawl when there is none or the last one finished (its keys, and the
#: deferred-URL lists of its trap ledger ARGV[2], deleted); return its number.
JOIN_SCRIPT = """
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'finished' then
  for _, shape in ipairs(redis.call('HKEYS', ARGV[2])) do
    redis.call('DEL', ARGV[2] .. ':deferred:' .. shape)
  end
  redis.call('DEL', unpack(KEYS, 2))
  state = false
end
if not state then
  redis.call('HDEL', KEYS[1], 'finished')
  redis.call('HSET', KEYS[1], 'state', 'running', 'started', ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'number', 1)
end
return redis.call('HGET', KEYS[1], 'number')
"""


class SharedCrawl:
    """Joins, reports to and ends the shared crawl of the spider's site."""

    def __init__(self, crawler: Crawler, server: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = server
        self.worker = settings.get("ARCHIVER_WORKER_ID")
        self.heartbeat = settings.getfloat("ARCHIVER_REDIS_HEARTBEAT")
        # Peers' busy flags are a heartbeat old: quiet must last longer than that.
        self.idle_close = max(settings.getfloat("ARCHIVER_REDIS_IDLE_CLOSE"), 2 * self.heartbeat)
        self.worker_timeout = settings.getfloat("ARCHIVER_REDIS_WORKER_TIMEOUT")
        self.keys: CrawlKeys | None = None
        self.spider: Spider | None = None
        self.hosts_shared = 0  # len(spider.allowed_domains) when last shared
        self.joined = time.time()
        self.quiet_since: float | None = None
        self.loop = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawl:
        if not crawler.settings.get("ARCHIVER_REDIS_URL"):
            raise NotConfigured  # not a shared crawl (no ARCHIVER_REDIS_URL); a message would log a warning
        from scrapy_redis.connection import get_redis_from_settings

        extension = cls(crawler, get_redis_from_settings(crawler.settings))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        self.keys = keys = CrawlKeys(getattr(spider, "site_name", spider.name))
        shared = (keys.crawl, *keys.run_keys)
        number = self.server.eval(JOIN_SCRIPT, len(shared), *shared, _now_iso(), keys.traps)
        logger.info("worker %s joined crawl #%s of %s", self.worker, int(number), keys.site)
        self.crawler.stats.set_value("archiver/shared_crawl", f"{keys.prefix}#{int(number)}")
        self.beat()
        self.loop.start(self.heartbeat, now=False)

    def beat(self) -> None:
        """Report this worker, share hosts; wake the engine so it polls the shared queue (or closes)."""
        self.report(CRAWLING)
        self.share_hosts()
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)  # Scrapy has no public way to wake an idle engine
        if slot is not None:
            slot.nextcall.schedule()

    @property
    def crawl_keys(self) -> CrawlKeys:
        """The Redis keys of this shared crawl (known once the spider opened)."""
        if self.keys is None:
            raise RuntimeError("the shared crawl has not started")
        return self.keys

    def request_scheduled(self, request: Any, spider: Spider) -> None:
        """A host adopted while parsing is shared before its first request can reach another worker."""
        if len(getattr(spider, "allowed_domains", None) or ()) != self.hosts_shared:
            self.share_hosts()

    def share_hosts(self) -> None:
        """Publish the hosts this worker crawls; adopt those other workers found."""
        spider = self.spider
        mine = set(getattr(spider, "allowed_domains", None) or ())
        if mine:
            self.server.sadd(self.crawl_keys.hosts, *mine)
        adopt = getattr(spider, "adopt_host", None)
        for host in {host.decode() for host in self.server.smembers(self.crawl_keys.hosts)} - mine:
            if adopt is not None:
                adopt(f"http://{host}/")
        self.hosts_shared = len(getattr(spider, "allowed_domains", None) or ())

    def report(self, state: str) -> None:
        stats = self.crawler.stats
        engine = self.crawler.engine
        busy = state == CRAWLING and engine is not None and not engine.spider_is_idle()
        if busy:
            self.quiet_since = None  # quiet is counted from the last time this worker had work
        report = WorkerReport(
            worker=self.worker,
            host=socket.gethostname(),
            pid=os.getpid(),
            state=state,
            busy=busy,
            pages=stats.get_value("response_received_count", 0),
            records=stats.get_value("archiver/records_written", 0),
            failed=error_count(stats),  # the run's one error count (broken links apart)
            joined=self.joined,
            seen=time.time(),
        )
        write_report(self.server, self.crawl_keys, report)

    def spider_idle(self, spider: Spider) -> None:
        """Keep this worker open until the shared crawl is over."""
        if not self.crawl_finished():
            raise DontCloseSpider

    def crawl_finished(self) -> bool:
        """The queue is empty and the crawl marked finished, or quiet for ``idle_close`` s (then mark it)."""
        keys = self.crawl_keys
        if self.server.zcard(keys.requests):
            self.quiet_since = None
            return False
        if self.server.hget(keys.crawl, "state") == b"finished":
            return True
        now = time.time()
        if any(
            report.busy and report.is_live(now, self.worker_timeout)
            for report in read_workers(self.server, keys)
            if report.worker != self.worker
        ):
            self.quiet_since = None
            return False
        self.quiet_since = self.quiet_since or now
        if now - self.quiet_since < self.idle_close:
            return False
        self.server.hset(keys.crawl, mapping={"state": "finished", "finished": _now_iso()})
        logger.info("shared crawl of %s finished: queue empty, every worker idle", keys.site)
        return True

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        if self.keys is not None:
            self.report(FINISHED if reason == "finished" else STOPPED)
        self.server.close()


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
