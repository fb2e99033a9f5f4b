"""A crawl run of one site: lock, repair, rejoin, run, summary.

``archiver crawl``, ``scrapy crawl observatory`` (:mod:`archiver.commands.crawl`) and the
tests run a site's crawl through :func:`run_site_crawl`. An embedded crawl takes the
site's lock (:mod:`archiver.state.lock`), so two runs never write one site of one
archive, and repairs the ``.open`` WARC files a killed run left
(:mod:`archiver.capture.repair`); a worker of a crawl shared through Redis does neither
(its namesakes run at once) but checks that Redis answers and that no live worker has
its id, and repairs its own files (``ARCHIVER_REDIS_REJOIN``, :mod:`archiver.distributed.rejoin`:
named in the settings, as the shared crawl's other parts are, so crawl does not import distributed). Then the spider
runs to its end (or a signal stops it), and the run's stats file
(:mod:`archiver.extensions.runstats`) says how it went; the caller prints its summary. The spider is named, not imported: Scrapy's spider loader
(``SPIDER_MODULES``) finds it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcessBase
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from archiver.capture.repair import repair_open_warcs, site_warc_prefix
from archiver.crawl.process import run_spider, stop_signal
from archiver.extensions.runstats import RUN_SUMMARY_STAT
from archiver.kinds import RunState
from archiver.state.lock import SiteLock, SiteLocked

#: The spider of a site crawl (``archiver crawl``), by name.
SITE_SPIDER = "observatory"


class CannotJoin(Exception):
    """This process cannot be a worker of the shared crawl (Redis unreachable)."""


class WorkerIdTaken(CannotJoin):
    """A live worker of the shared crawl already has this id."""


class RunOutcome(StrEnum):
    """How a crawl run ended."""

    COMPLETE = "complete"  # every page archived (broken links are listed, not failures)
    PAGES_FAILED = "pages-failed"  # the run ended; some pages could not be archived
    INTERRUPTED = "interrupted"  # stopped by a signal (Ctrl-C, SIGTERM) or a shutdown: resumed next run
    UNFINISHED = "unfinished"  # the crawl stopped before writing its run file
    LOCKED = "locked"  # another run holds this archive and site, or this worker id
    CANNOT_JOIN = "cannot-join"  # the Redis of a shared crawl does not answer


@dataclass
class CrawlRun:
    """What a crawl run did: its outcome and, once it ran, its stats file."""

    site: str
    outcome: RunOutcome
    reason: str | None = None  # why it did not run (locked, cannot join)
    run_file: Path | None = None
    stats: dict[str, Any] | None = None  # the run's stats file (its summary: runstats.summary_text)
    stop_signal: int | None = None  # the signal that stopped it (signal.SIGINT ...)


def run_site_crawl(
    settings: Settings,
    site: str,
    process: CrawlerProcessBase | None = None,
    spider: str = SITE_SPIDER,
    starting: Callable[[], object] | None = None,
    **spider_kwargs: Any,
) -> CrawlRun:
    """Crawl ``site`` (a profile name) into ``settings``' archive, as one run; what it did.

    ``process`` is the Scrapy process to run in (``scrapy crawl`` has one), else one is made;
    ``starting`` is called once the run may start (lock held, files repaired), before the spider.
    """
    archive = Path(settings.get("ARCHIVER_ARCHIVE_DIR", "archive"))
    if settings.get("ARCHIVER_REDIS_URL"):  # workers of one shared crawl run at once: no site lock
        rejoin = load_object(settings["ARCHIVER_REDIS_REJOIN"])  # archiver.distributed.rejoin.rejoin
        try:
            rejoin(archive, settings, site)
        except CannotJoin as exc:
            outcome = RunOutcome.LOCKED if isinstance(exc, WorkerIdTaken) else RunOutcome.CANNOT_JOIN
            return CrawlRun(site, outcome, reason=str(exc))
        return _run(site, settings, process, spider, starting, spider_kwargs)
    # Each site its own WARC names (a set prefix too): a site's repair never takes another's files.
    prefix = site_warc_prefix(settings["ARCHIVER_WARC_PREFIX"], site)
    settings.set("ARCHIVER_WARC_PREFIX", prefix, priority="cmdline")
    try:
        with SiteLock(archive, site):
            repair_open_warcs(archive)  # every file a dead process left, of any site or command
            return _run(site, settings, process, spider, starting, spider_kwargs)
    except SiteLocked as exc:
        return CrawlRun(site, RunOutcome.LOCKED, reason=str(exc))


def _run(
    site: str,
    settings: Settings,
    process: CrawlerProcessBase | None,
    spider: str,
    starting: Callable[[], object] | None,
    spider_kwargs: dict[str, Any],
) -> CrawlRun:
    if starting:
        starting()
    crawler = run_spider(spider, settings, process=process, **spider_kwargs)
    signum = stop_signal(crawler)
    run_file = crawler.stats.get_value("archiver/run_file") if crawler.stats else None
    summary = crawler.stats.get_value(RUN_SUMMARY_STAT) if crawler.stats else None  # also when not written
    written = Path(run_file) if run_file and Path(run_file).is_file() else None
    if not summary and written is None:
        outcome = RunOutcome.INTERRUPTED if signum else RunOutcome.UNFINISHED
        return CrawlRun(site, outcome, reason="the crawl did not finish", stop_signal=signum)
    if summary:
        stats = json.loads(json.dumps(summary, default=str))
    else:
        assert written is not None
        stats = json.loads(written.read_text("utf-8"))
    if signum or stats["state"] == RunState.INTERRUPTED:
        outcome = RunOutcome.INTERRUPTED
    else:
        failed = stats["error_count"] or stats.get("stopped")  # stopped: a write the archive refused
        outcome = RunOutcome.PAGES_FAILED if failed else RunOutcome.COMPLETE
    return CrawlRun(site, outcome, run_file=written, stats=stats, stop_signal=signum)
