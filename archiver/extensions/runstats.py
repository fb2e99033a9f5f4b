"""A JSON stats file per run, ``<archive>/runs/<run-id>.json``, and its human summary.

The file holds counts by HTTP status, articles recorded, errors and broken links
(404/410, apart) with their URLs and reasons, bytes and records written to WARC
files, the WARC files of the run and the duration. It is written when the run
starts and rewritten atomically every ``ARCHIVER_STATS_INTERVAL`` seconds while it
runs (``"state": "running"``), then once more at the end (``"finished"``, or
``"interrupted"`` when a signal or a shutdown stopped it: ``stop_signal`` names the
signal). The path is left in the stat ``archiver/run_file``.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.asyncio import create_looping_call
from twisted.python.failure import Failure

from archiver.capture.warcfiles import OPEN_SUFFIX, warc_name_pattern
from archiver.crawl.failures import FAILURE_STATS, FailureKind, error_count, failure_kind, report_failure
from archiver.crawl.process import STOP_SIGNAL_STAT
from archiver.extensions.progress import crawl_progress, pages_fetched
from archiver.extensions.writeguard import write_failure
from archiver.kinds import RunState
from archiver.page import FetchedPage
from archiver.signals import page_failed

_STATUS_PREFIX = "downloader/response_status_count/"
#: The stat holding the run's final summary, also when its file could not be written.
RUN_SUMMARY_STAT = "archiver/run_summary"
RUNS_DIR = "runs"


def runs_dir(archive: Path | str) -> Path:
    """``<archive>/runs``: one stats file per run."""
    return Path(archive) / RUNS_DIR


def end_state(reason: str, stop_signal: str | None) -> RunState:
    """How a run that closed with ``reason`` ended."""
    if stop_signal or reason in ("shutdown", "cancelled"):
        return RunState.INTERRUPTED
    return RunState.FINISHED


class RunStats:
    """Collects the failures of a run and keeps the run's stats file up to date."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive = Path(crawler.settings.get("ARCHIVER_ARCHIVE_DIR", "archive"))
        self.interval = crawler.settings.getfloat("ARCHIVER_STATS_INTERVAL", 5.0)
        # This run's files only, not those other workers of a shared crawl write alongside.
        self.warc_names = warc_name_pattern(crawler.settings.get("ARCHIVER_WARC_PREFIX", "archiver"))
        self.failures: dict[FailureKind, list[dict[str, Any]]] = {kind: [] for kind in FailureKind}
        self.fetched: set[str] = set()  # URLs asked for that gave a page (for runs without crawl state)
        self.started = datetime.now(UTC)
        self._clock = time.monotonic()
        self.task: Any = None
        self.run_id = (
            crawler.settings.get("ARCHIVER_JOB_ID") or f"{self.started:%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
        )
        self.path = runs_dir(self.archive) / f"{self.run_id}.json"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStats:
        extension = cls(crawler)
        crawler.signals.connect(extension.page_failed, signal=page_failed)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.failures[FailureKind.ERROR]

    def page_failed(self, url: str | None, reason: str, status: int | None = None) -> None:
        at = datetime.now(UTC).isoformat()
        self.failures[failure_kind(status)].append({"url": url, "reason": reason, "status": status, "at": at})

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, FetchedPage):
            self.fetched.add(item.requested_url)

    def item_error(self, item: Any, response: Any, failure: Failure) -> None:
        report_failure(self.crawler, getattr(item, "url", None), f"pipeline: {failure.value!r}")

    def spider_error(self, failure: Failure, response: Any) -> None:
        report_failure(self.crawler, getattr(response, "url", None), f"spider: {failure.value!r}")

    def spider_opened(self, spider: Spider) -> None:
        """Write the file at once, then every ``interval`` seconds while the run goes on."""
        self.crawler.stats.set_value("archiver/run_file", str(self.path))
        self.write_running(spider)
        if self.interval > 0:
            self.task = create_looping_call(self.write_running, spider)
            self.task.start(self.interval, now=False)

    def write_running(self, spider: Spider) -> None:
        try:
            self.write(self.run_summary(spider, None))
        except OSError as exc:  # a full disk must not stop the crawl; the end writes it again
            spider.logger.info("could not update %s: %s", self.path, exc)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        run = self.run_summary(spider, reason)
        self.crawler.stats.set_value(RUN_SUMMARY_STAT, run)  # what the CLI prints, written or not
        try:
            self.write(run)
        except OSError as exc:  # a full disk: the summary is still printed (the guard said why)
            spider.logger.info("run stats not written: %s", write_failure(self.path, exc))
            self.path.with_suffix(".json.tmp").unlink(missing_ok=True)
            return
        spider.logger.info("run stats written to %s", self.path)

    def write(self, run: dict[str, Any]) -> None:
        """Replace the stats file atomically: a reader sees the old run or the new one, whole."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(run, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(self.path)

    def run_summary(self, spider: Spider, reason: str | None) -> dict[str, Any]:
        """The run as a JSON-able dict; ``reason`` is None while it runs."""
        stats = self.crawler.stats
        values = stats.get_stats()
        stop_signal = values.get(STOP_SIGNAL_STAT)
        site = getattr(spider, "site_name", None)
        failed_urls = {e["url"] for kind in FailureKind for e in self.failures[kind]}
        return {
            "run_id": self.run_id,
            "state": RunState.RUNNING if reason is None else end_state(reason, stop_signal),
            "spider": spider.name,
            "site": site,
            "start_urls": list(getattr(spider, "start_urls", None) or getattr(spider, "urls", None) or []),
            "started_at": self.started.isoformat(),
            "updated_at": datetime.now(UTC).isoformat(),
            "finished_at": datetime.now(UTC).isoformat() if reason is not None else None,
            "duration_s": round(time.monotonic() - self._clock, 3),
            "finish_reason": reason,
            "stop_signal": stop_signal,
            "progress": crawl_progress(self.crawler, self._clock).as_json() if reason is None else None,
            "pages_fetched": pages_fetched(stats),
            "resources": resource_summary(values),
            "pages_waiting": {  # pages in the item pipelines at once (archiver.spidermiddlewares.pagehandoff)
                "peak": values.get("archiver/pages_waiting_peak", 0),
                "peak_bytes": values.get("archiver/pages_waiting_peak_bytes", 0),
                "full": values.get("archiver/pages_waiting_full", 0),  # a page waited for room
            },
            "status_counts": {
                key[len(_STATUS_PREFIX) :]: n
                for key, n in sorted(values.items())
                if key.startswith(_STATUS_PREFIX)
            },
            "articles": values.get("archiver/records_written", 0),
            "articles_new": values.get("archiver/records_new", 0),
            "articles_changed": values.get("archiver/records_changed", 0),
            "articles_unchanged": values.get("archiver/records_unchanged", 0),  # record file left as it was
            "revisits": values.get("archiver/warc_revisits", 0),  # payloads the archive already held
            "pages_not_due": values.get("archiver/pages_not_due", 0),  # known pages not re-checked yet
            "pages_without_record": values.get("archiver/pages_without_record", 0),
            "record_errors": values.get("archiver/record_errors", 0),
            "error_count": error_count(stats),
            "errors": self.errors,
            "broken_link_count": int(values.get(FAILURE_STATS[FailureKind.BROKEN_LINK], 0)),
            "broken_links": self.failures[FailureKind.BROKEN_LINK],
            # Without a crawl state (archive URL ..., a shared crawl's worker) the run file is where
            # `archiver failures` learns that a URL which failed before was archived since.
            "urls_ok": sorted(self.fetched - failed_urls) if getattr(spider, "state", None) is None else None,
            "robots_forbidden": values.get("robotstxt/forbidden", 0),
            "pages_skipped": values.get("archiver/pages_skipped", 0),  # robots.txt, off-site redirects
            "limits_refused": {
                key.rsplit("/", 1)[1]: n
                for key, n in values.items()
                if key.startswith("archiver/frontier_refused/")
            },
            # URL templates the trap rule stopped following: idle pages judged, URLs not followed.
            "traps_cut": values.get("archiver/traps_cut") or {},
            "not_modified": values.get("archiver/pages_not_modified", 0),  # re-checks answered 304
            "warc_records": values.get("archiver/warc_records", 0),
            "bytes_written": values.get("archiver/warc_bytes", 0),
            "warc_files": self._warc_files(),
            "stopped": values.get("archiver/stopped"),  # why the crawl stopped early (a refused write)
            "stats": {key: _jsonable(value) for key, value in values.items() if key != RUN_SUMMARY_STAT},
        }

    def _warc_files(self) -> list[str]:
        folder = self.archive / "warc"
        since = self.started.timestamp() - 1
        if not folder.is_dir():
            return []
        names = set()
        for path in folder.glob("*.warc.gz*"):
            try:
                fresh = path.stat().st_mtime >= since
            except FileNotFoundError:  # renamed from .open meanwhile
                continue
            if fresh and self.warc_names.fullmatch(path.name):
                names.add(path.name.removesuffix(OPEN_SUFFIX))
        return sorted(names)


def resource_summary(values: dict[str, Any]) -> dict[str, Any]:
    """The page requisites of a run: fetched, bytes, failed, and skipped by reason (caps, robots.txt)."""
    prefix = "archiver/resources_skipped/"
    return {
        "fetched": values.get("archiver/resources_fetched", 0),
        "bytes": values.get("archiver/resources_bytes", 0),
        "not_modified": values.get("archiver/resources_not_modified", 0),  # 304 to a re-check: a revisit
        "http_errors": values.get("archiver/resources_http_errors", 0),
        "failed": values.get("archiver/resources_failed", 0),
        "skipped": {key[len(prefix) :]: n for key, n in sorted(values.items()) if key.startswith(prefix)},
    }


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, int | float | str | bool | type(None)) else str(value)


def summary_text(run: dict[str, Any]) -> str:
    """A few lines for the operator: what the run fetched, recorded and failed, and how it ended."""
    statuses = ", ".join(f"{n}×{code}" for code, n in run["status_counts"].items()) or "none"
    lines = []
    if run.get("state") == RunState.INTERRUPTED:
        by = f"by {run['stop_signal']}" if run.get("stop_signal") else f"({run['finish_reason']})"
        lines.append(f"INTERRUPTED {by}: the next run of this site resumes where this one stopped")
    lines += [
        f"{run['pages_fetched']} pages fetched in {run['duration_s']:.1f}s ({statuses}); "
        f"{run['articles']} articles recorded; {run['error_count']} errors, "
        f"{run.get('broken_link_count', 0)} broken links (404/410)",
        f"WARC: {run['warc_records']} records, {run['bytes_written']} bytes in {', '.join(run['warc_files']) or 'no file'}",
    ]
    if (
        run.get("articles_unchanged")
        or run.get("revisits")
        or run.get("pages_not_due")
        or run.get("not_modified")
    ):
        lines.append(
            f"re-run: {run['articles_new']} new, {run['articles_changed']} changed, "
            f"{run['articles_unchanged']} unchanged articles; {run['revisits']} revisit records; "
            f"{run.get('not_modified', 0)} not modified (304); "
            f"{run['pages_not_due']} known pages not due for a re-check"
        )
    resources = run.get("resources") or {}
    if resources.get("fetched") or resources.get("skipped"):
        skipped = ", ".join(f"{k} {v}" for k, v in resources["skipped"].items()) or "none"
        lines.append(
            f"page resources: {resources['fetched']} fetched ({resources['bytes']} bytes, "
            f"{resources.get('not_modified', 0)} not modified, "
            f"{resources['http_errors']} HTTP errors, {resources['failed']} failed); skipped: {skipped}"
        )
    if run["robots_forbidden"] or run["limits_refused"]:
        limits = ", ".join(f"{k} {v}" for k, v in run["limits_refused"].items()) or "none"
        lines.append(f"skipped: {run['robots_forbidden']} forbidden by robots.txt; over limits: {limits}")
    for shape, counts in run.get("traps_cut", {}).items():
        lines.append(
            f"trap cut: {shape}: {counts['pages']} pages fetched, {counts['refused']} URLs not followed"
        )
    for key, label in (("errors", "error"), ("broken_links", "broken link")):
        listed = run.get(key) or []
        lines += [f"  {label}: {e['url']}: {e['reason']}" for e in listed[:20]]
        if len(listed) > 20:
            lines.append(
                f"  ... and {len(listed) - 20} more {label}s (see the run file, or archiver failures)"
            )
    return "\n".join(lines)
