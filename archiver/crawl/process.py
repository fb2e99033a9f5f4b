"""Running the archiver's spiders from the command line: settings and one crawl.

:func:`crawl_settings` layers the archiver's defaults (:mod:`archiver.settings`),
the archive folder and ``-s NAME=VALUE`` overrides; :func:`run_spider` runs one
spider to its end in this process and returns its crawler (stats, spider). A site's
crawl run (lock, repair, summary) is :func:`archiver.crawl.run.run_site_crawl`.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler, CrawlerProcess, CrawlerProcessBase
from scrapy.settings import Settings

SignalHandlers = Mapping[object, Callable[..., Any]]
#: The stat the crawler process sets to the name of the signal that stopped the run.
STOP_SIGNAL_STAT = "archiver/stop_signal"


def parse_overrides(pairs: Iterable[str]) -> dict[str, Any]:
    """``["NAME=VALUE", ...]`` as a dict (values are strings; a caller may add others); raises
    ValueError on a pair without ``=``."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"setting {pair!r} is not NAME=VALUE")
        out[name.strip()] = value
    return out


def crawl_settings(
    archive_dir: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Settings:
    """The settings of a run: archiver defaults < ``defaults`` (a command's) < ``overrides``."""
    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.update(dict(defaults or {}), priority="spider")
    if archive_dir is not None:
        settings.set("ARCHIVER_ARCHIVE_DIR", str(archive_dir), priority="cmdline")
    settings.update(dict(overrides or {}), priority="cmdline")
    return settings


class ArchiverProcess(CrawlerProcess):
    """Scrapy's process, remembering which signal (SIGINT, SIGTERM) asked it to stop.

    The signal's name goes into each crawler's stats (``archiver/stop_signal``), where the
    run's stats file and the command's exit code find it.
    """

    stop_signal: int | None = None

    def _remember(self, signum: int) -> None:
        if self.stop_signal is None:
            self.stop_signal = signum
            for crawler in self.crawlers:
                crawler.stats.set_value(STOP_SIGNAL_STAT, signal.Signals(signum).name)

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self._remember(signum)
        super()._signal_shutdown(signum, frame)


#: The signals Scrapy takes over while it crawls.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_spider(
    spider: type[Spider] | str,
    settings: Settings,
    signals: SignalHandlers | None = None,
    process: CrawlerProcessBase | None = None,
    **spider_kwargs: Any,
) -> Crawler:
    """Run ``spider`` (a class, or a name for Scrapy's spider loader) to its end in this process.

    Runs in ``process`` when given (``scrapy crawl`` has one), else in a new one; returns its
    crawler. The handlers of SIGINT and SIGTERM are given back afterwards, so Ctrl-C stops what
    the command does next (``demo --serve``) instead of reaching a finished crawl.
    """
    saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    process = process or ArchiverProcess(settings)
    crawler = process.create_crawler(spider)
    for name, handler in (signals or {}).items():
        crawler.signals.connect(handler, signal=name)
    try:
        process.crawl(crawler, **spider_kwargs)
        process.start()
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)
    return crawler


def stop_signal(crawler: Crawler) -> int | None:
    """The signal that stopped ``crawler``'s run (``signal.SIGINT`` ...), or None."""
    name = crawler.stats.get_value(STOP_SIGNAL_STAT)
    return signal.Signals[name] if name else None
