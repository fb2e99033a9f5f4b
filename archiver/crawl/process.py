"""Running the archiver's spiders from the command line: settings and one crawl.

:func:`crawl_settings` layers the archiver's defaults (:mod:`archiver.settings`),
the archive folder and ``-s NAME=VALUE`` overrides; :func:`run_spider` runs one
spider to its end in this process and returns its crawler (stats, spider). A site's
crawl run (lock, repair, summary) is :func:`archiver.crawl.run.run_site_crawl`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler, CrawlerProcess, CrawlerProcessBase
from scrapy.settings import Settings

SignalHandlers = Mapping[object, Callable[..., Any]]


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


def run_spider(
    spider: type[Spider] | str,
    settings: Settings,
    signals: SignalHandlers | None = None,
    process: CrawlerProcessBase | None = None,
    **spider_kwargs: Any,
) -> Crawler:
    """Run ``spider`` (a class, or a name for Scrapy's spider loader) to its end in this process.

    Runs in ``process`` when given (``scrapy crawl`` has one), else in a new one; returns its crawler.
    """
    process = process or CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    for signal, handler in (signals or {}).items():
        crawler.signals.connect(handler, signal=signal)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    return crawler
