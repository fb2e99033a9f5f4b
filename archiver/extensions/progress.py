"""Progress of a crawl on stderr every few seconds while it runs.

On a terminal, one bar rewritten in place::

    [#########...........]  45% 120 pages, 48 articles, 2 errors, 146 queued, 0:00:12, 9.8 pages/s, ~0:00:15 left

elsewhere (a log, a pipe), the same as plain lines, one every period. The estimate
needs a known end: the frontier's queue (URLs admitted, not fetched yet), capped
by ``ARCHIVER_MAX_PAGES``; the queue grows as pages are read, so it is a lower bound
until the crawl nears its end. ``ARCHIVER_PROGRESS_INTERVAL`` sets the period in
seconds (0 turns it off).
"""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from archiver.crawl.failures import FAILURE_STATS, FailureKind, error_count

BAR_WIDTH = 20


@dataclass(frozen=True)
class Progress:
    """Where a crawl is: what it did, what it has queued, and how long the rest may take."""

    pages: int  # responses received
    articles: int  # records written
    errors: int
    broken_links: int
    queued: int  # requests waiting in the scheduler or being downloaded
    elapsed_s: float
    pages_per_s: float
    remaining: int | None  # pages still to fetch, when the frontier tells
    eta_s: float | None  # seconds left at the current rate, when it can be told

    @property
    def fraction(self) -> float | None:
        """The share of the known pages fetched (0..1), or None."""
        if self.remaining is None or self.pages + self.remaining == 0:
            return None
        return self.pages / (self.pages + self.remaining)

    def as_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "elapsed_s": round(self.elapsed_s, 1),
            "pages_per_s": round(self.pages_per_s, 2),
        }


def queued_requests(crawler: Crawler) -> int:
    """Requests in the scheduler plus those being downloaded (0 before the engine runs)."""
    engine = crawler.engine
    if engine is None:
        return 0
    waiting = 0
    with contextlib.suppress(TypeError):  # a scheduler without a length
        waiting = len(engine.scheduler)  # type: ignore[arg-type]
    return waiting + len(getattr(engine.downloader, "active", ()))


def crawl_progress(crawler: Crawler, started: float) -> Progress:
    """The progress of ``crawler``'s crawl, started at ``started`` (``time.monotonic()``)."""
    stats = crawler.stats
    pages = int(stats.get_value("response_received_count", 0))
    elapsed = max(time.monotonic() - started, 1e-6)
    rate = pages / elapsed
    queued = queued_requests(crawler)
    remaining: int | None = queued if queued or pages else None
    max_pages = crawler.settings.getint("ARCHIVER_MAX_PAGES", 0)
    if remaining is not None and max_pages > 0:
        remaining = max(0, min(remaining, max_pages - pages))
    eta = remaining / rate if remaining is not None and pages and rate > 0 else None
    return Progress(
        pages=pages,
        articles=int(stats.get_value("archiver/records_written", 0)),
        errors=error_count(stats),
        broken_links=int(stats.get_value(FAILURE_STATS[FailureKind.BROKEN_LINK], 0)),
        queued=queued,
        elapsed_s=elapsed,
        pages_per_s=rate,
        remaining=remaining,
        eta_s=eta,
    )


def _clock(seconds: float) -> str:
    return str(timedelta(seconds=round(seconds)))


def progress_text(progress: Progress) -> str:
    """The progress as words: counts, queue, elapsed time, rate and estimate."""
    broken = f", {progress.broken_links} broken links" if progress.broken_links else ""
    eta = f", ~{_clock(progress.eta_s)} left" if progress.eta_s is not None else ""
    return (
        f"{progress.pages} pages fetched, {progress.articles} articles recorded, {progress.errors} errors"
        f"{broken}, {progress.queued} queued, {_clock(progress.elapsed_s)} elapsed, "
        f"{progress.pages_per_s:.1f} pages/s{eta}"
    )


def progress_bar(progress: Progress) -> str:
    """``[#####.....]  45% `` for a known share, a bar of ``?`` when there is none yet."""
    share = progress.fraction
    if share is None:
        return f"[{'?' * BAR_WIDTH}]      "
    filled = round(share * BAR_WIDTH)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "


class ProgressLine:
    """Prints the crawl's :class:`Progress`: a bar on a terminal, lines elsewhere."""

    def __init__(self, crawler: Crawler, interval: float, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream or sys.stderr
        self.on_terminal = self.stream.isatty()
        self.task: Any = None
        self.started = time.monotonic()
        self._drawn = 0  # width of the bar on the terminal, to clear it

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        interval = crawler.settings.getfloat("ARCHIVER_PROGRESS_INTERVAL", 5.0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = task = create_looping_call(self.report)
        # A bar is worth drawing often; a log wants a line every period.
        task.start(min(self.interval, 1.0) if self.on_terminal else self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        """The progress line for the crawl as it is now."""
        return "archiver: " + progress_text(crawl_progress(self.crawler, self.started))

    def report(self) -> None:
        try:
            if self.on_terminal:
                progress = crawl_progress(self.crawler, self.started)
                text = progress_bar(progress) + progress_text(progress)
                self.stream.write("\r" + text.ljust(self._drawn))
                self._drawn = len(text)
            else:
                self.stream.write(self.line() + "\n")
            self.stream.flush()
        except (BrokenPipeError, ValueError):  # stderr closed: the crawl goes on without progress
            self._drawn = 0
            if self.task is not None and self.task.running:
                self.task.stop()
