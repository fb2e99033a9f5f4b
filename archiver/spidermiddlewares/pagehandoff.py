"""Hands each page to the item pipelines apart from its response: the spider middleware of the record path.

Scrapy counts a response against its scraper slot (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``, 5 MB)
until every item of its callback has gone through the item pipelines, and stops pulling new
pages while the slot is full. A page's record waits for the capture of its lead image
(:mod:`archiver.pipelines.records`), so pages waiting for their images would hold the slot
and stall the crawl. This middleware takes each :class:`~archiver.page.FetchedPage` out of
the callback's output and starts its item processing as a task of its own
(``Scraper.start_itemproc_async``, the path Scrapy uses for items of ``start()``): the
response leaves the slot as soon as its callback is done, and the pipelines, their order of
writes and the ``item_scraped`` signal (with the page's response, after its record is
written) stay as they are.

Its own bound replaces the slot's: at most ``ARCHIVER_PAGES_WAITING_SIZE`` bytes of page
bodies (and ``ARCHIVER_PAGES_WAITING`` pages) in the pipelines at once. A callback whose
page finds no room waits, holding its response in the scraper slot, so Scrapy's own back
out applies again and memory stays bounded. The engine counts the items in the pipelines
before it closes the spider (``spider_is_idle``, ``Scraper.close_spider_async``); the
middleware also keeps the spider open (``DontCloseSpider``) while a handed-off page has
not started its processing yet.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from archiver.page import FetchedPage

logger = logging.getLogger(__name__)

#: What a page counts for at least (Scrapy's scraper slot counts the same).
MIN_PAGE_SIZE = 1024
_STAT = "archiver/pages_waiting"


class PageHandoff:
    """Starts the item processing of each page once its callback is done, within a bound."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_size = settings.getint("ARCHIVER_PAGES_WAITING_SIZE")
        self.max_pages = settings.getint("ARCHIVER_PAGES_WAITING")
        self.size = 0  # bytes of the pages in the pipelines
        self.tasks: set[asyncio.Task[None]] = set()
        self.room = asyncio.Event()  # set when a page leaves the pipelines

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageHandoff:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        return middleware

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if isinstance(output, FetchedPage):
                await self.hand_over(output, response)
            else:
                yield output

    async def hand_over(self, page: FetchedPage, response: Response) -> None:
        """Start the item processing of ``page`` once there is room (the callback waits till then)."""
        size = max(len(page.body), MIN_PAGE_SIZE)
        while self.tasks and not self.fits(size):
            self.room.clear()
            self.crawler.stats.inc_value(f"{_STAT}_full")
            await self.room.wait()
        scraper = self.crawler.engine.scraper
        task = asyncio.ensure_future(scraper.start_itemproc_async(page, response=response))
        self.tasks.add(task)
        self.size += size
        self.crawler.stats.max_value(f"{_STAT}_peak", len(self.tasks))
        self.crawler.stats.max_value(f"{_STAT}_peak_bytes", self.size)
        task.add_done_callback(lambda done: self._done(done, size))

    def fits(self, size: int) -> bool:
        """Whether a page of ``size`` bytes may enter the pipelines now."""
        if self.max_pages and len(self.tasks) >= self.max_pages:
            return False
        return not self.max_size or self.size + size <= self.max_size

    def _done(self, task: asyncio.Task[None], size: int) -> None:
        self.tasks.discard(task)
        self.size -= size
        self.room.set()
        self._wake_engine()
        if not task.cancelled() and (error := task.exception()) is not None:  # Scrapy logs item errors itself
            logger.error("item processing failed: %r", error)

    def _wake_engine(self) -> None:
        """Tell the engine a page left the pipelines, as the end of a response does.

        Scrapy 2.19 looks again for idleness (``ExecutionEngine._slot.nextcall``, else at its next
        5 s heartbeat) and finishes closing its scraper (``Scraper._check_if_closing``) only when
        a response is done; a page processed apart from its response must ask for both itself.
        """
        engine = self.crawler.engine
        if (check := getattr(engine.scraper, "_check_if_closing", None)) is not None and engine.scraper.slot:
            check()
        slot = getattr(engine, "_slot", None)
        if (nextcall := getattr(slot, "nextcall", None)) is not None:
            nextcall.schedule()

    def spider_idle(self) -> None:
        """Keep the spider open while a page is still on its way through the pipelines."""
        if self.tasks:
            raise DontCloseSpider
