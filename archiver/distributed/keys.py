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
    def pages(self) -> str:
        """Pages requested by every worker, for ``--max-pages``: a counter."""
        return f"{self.prefix}:pages"

    @property
    def requested(self) -> str:
        """The URLs those pages were, so two workers never count one twice: a set."""
        return f"{self.prefix}:requested"

    @property
    def traps(self) -> str:
        """URL template -> its trap-rule record (JSON), see :mod:`archiver.crawl.traps`: a hash."""
        return f"{self.prefix}:traps"

    @property
    def run_keys(self) -> tuple[str, ...]:
        """The keys a new crawl of the site starts without."""
        return (
            self.requests,
            self.dupefilter,
            self.workers,
            self.hosts,
            self.pages,
            self.requested,
            self.traps,
        )

    @property
    def crawl(self) -> str:
        """The crawl itself: ``state`` (running, finished), ``number``, ``started``, ``finished``."""
        return f"{self.prefix}:crawl"
