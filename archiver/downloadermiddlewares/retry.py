"""Retries with exponential backoff: Scrapy's RetryMiddleware, waiting before each retry.

Scrapy 2.19 retries 5xx answers and timeouts at once; a struggling server deserves
a pause. A name that does not resolve or a connection refused is not retried: no
retry within a crawl fixes those, and the page fails at once (the next run tries again). The wait before retry *n* is ``ARCHIVER_RETRY_BACKOFF_BASE * 2**(n-1)``
seconds, or the server's ``Retry-After`` (seconds), capped by
``ARCHIVER_RETRY_BACKOFF_MAX``. It replaces Scrapy's middleware at the same order.
"""

from __future__ import annotations

from scrapy import exceptions as scrapyerror
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import error as neterror
from twisted.internet.task import deferLater

#: Failures no retry fixes within a crawl.
NOT_RETRIED = (
    scrapyerror.CannotResolveHostError,
    neterror.DNSLookupError,
    scrapyerror.DownloadConnectionRefusedError,
    neterror.ConnectionRefusedError,
)


def backoff_delay(retry: int, base: float, cap: float, retry_after: bytes | None = None) -> float:
    """Seconds to wait before retry number ``retry`` (1 for the first)."""
    if retry_after and retry_after.strip().isdigit():
        return min(float(retry_after.strip()), cap)
    return min(base * 2 ** (retry - 1), cap)


class BackoffRetryMiddleware:
    """Scrapy's RetryMiddleware (its decisions), whose retries wait ``backoff_delay`` seconds first."""

    def __init__(self, crawler: Crawler) -> None:
        self.retry = RetryMiddleware.from_crawler(crawler)  # NotConfigured when RETRY_ENABLED is off
        self.crawler = crawler
        self.base = crawler.settings.getfloat("ARCHIVER_RETRY_BACKOFF_BASE", 1.0)
        self.cap = crawler.settings.getfloat("ARCHIVER_RETRY_BACKOFF_MAX", 30.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        result = self.retry.process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, response.headers.get(b"Retry-After"))
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        if isinstance(exception, NOT_RETRIED):
            return None
        result = self.retry.process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result)
        return result

    async def _wait(self, retry: Request, retry_after: bytes | None = None) -> None:
        delay = backoff_delay(retry.meta.get("retry_times", 1), self.base, self.cap, retry_after)
        if delay > 0:
            from twisted.internet import reactor  # the one Scrapy installed

            stats = self.crawler.stats
            if stats is not None:  # seconds, a float: inc_value counts whole numbers
                stats.set_value(
                    "archiver/retry_wait_seconds", stats.get_value("archiver/retry_wait_seconds", 0) + delay
                )
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
