"""What the workers of a shared crawl count together: the URLs requested, and ``--max-pages``.

A URL is requested by the first worker that claims it (``SADD`` on one set), so no two
workers count one page twice, in the page budget or in the trap rule's ledger, even
before scrapy-redis's filter would drop the second request. ``--max-pages`` is one
``INCR`` per page on one counter.
"""

from __future__ import annotations

from typing import Any

from archiver.distributed.keys import CrawlKeys


class SharedRequests:
    """The URLs requested by every worker of the crawl of ``site``, and their count."""

    def __init__(self, server: Any, keys: CrawlKeys) -> None:
        self.server = server
        self.keys = keys

    @classmethod
    def from_settings(cls, settings: Any, site: str) -> SharedRequests:
        from archiver.distributed.status import connect

        return cls(connect(settings.get("ARCHIVER_REDIS_URL")), CrawlKeys(site))

    def claim(self, url: str) -> bool:
        """True for the first worker to ask for ``url`` in this crawl."""
        return bool(self.server.sadd(self.keys.requested, url))

    def count_page(self, url: str) -> int:
        """One more page requested by any worker: the total so far (a ``PageCounter``)."""
        return int(self.server.incr(self.keys.pages))
