"""A progress line on stderr every few seconds while a crawl runs.

``archiver: 120 pages fetched, 48 articles recorded, 2 errors, 9.8 pages/s``.
``ARCHIVER_PROGRESS_INTERVAL`` sets the period in seconds (0 turns it off).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from twisted.internet.task import LoopingCall

#: Stats counted as errors in the progress line and the run summary.
ERROR_STATS = ("archiver/pages_failed", "archiver/record_errors")


def error_count(stats: StatsCollector) -> int:
    """Pages that failed plus records that could not be written."""
    return sum(stats.get_value(name, 0) for name in ERROR_STATS)


class ProgressLine:
    """Prints pages fetched, articles recorded, errors and pages/s."""

    def __init__(self, stats: StatsCollector, interval: float, stream: TextIO = sys.stderr) -> None:
        self.stats = stats
        self.interval = interval
        self.stream = stream
        self.task: AsyncioLoopingCall | LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        interval = crawler.settings.getfloat("ARCHIVER_PROGRESS_INTERVAL", 5.0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler.stats, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = task = create_looping_call(self.report)
        task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def line(self) -> str:
        """The progress line for the stats as they are now."""
        pages = self.stats.get_value("response_received_count", 0)
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        records = self.stats.get_value("archiver/records_written", 0)
        return (
            f"archiver: {pages} pages fetched, {records} articles recorded, "
            f"{error_count(self.stats)} errors, {rate:.1f} pages/s"
        )

    def report(self) -> None:
        print(self.line(), file=self.stream, flush=True)
