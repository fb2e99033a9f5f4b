"""Where a shared crawl lives in Redis: the key names of one site's crawl."""

from __future__ import annotations

from dataclasses import dataclass

#: Payload digest -> original capture, shared by every crawl (revisits across sites too).
DIGESTS_KEY = "archiver:digests"


@dataclass(frozen=True)
class CrawlKeys:
    """The Redis keys of the shared crawl of ``site`` (a profile name or a host)."""

    site: str

    @property
    def prefix(self) -> str:
        return f"archiver:{self.site}"

    @property
    def requests(self) -> str:
        """scrapy-redis's request queue (a sorted set of pickled requests)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """scrapy-redis's seen-request filter (a set of fingerprints)."""
        return f"{self.prefix}:dupefilter"

    @property
    def workers(self) -> str:
        """Worker id -> its last report (JSON), see :mod:`archiver.distributed.sharedcrawl`."""
        return f"{self.prefix}:workers"

    @property
    def hosts(self) -> str:
        """Every host a worker crawls (a start URL redirected to ``www.`` adds one): a set."""
        return f"{self.prefix}:hosts"

    @property
    def crawl(self) -> str:
        """The crawl itself: ``state`` (running, finished), ``number``, ``started``, ``finished``."""
        return f"{self.prefix}:crawl"
