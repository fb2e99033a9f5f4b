"""A JSON stats file per run, ``<archive>/runs/<run-id>.json``, and its human summary.

The file holds counts by HTTP status, articles recorded, errors with their URLs
and reasons, bytes and records written to WARC files, the WARC files of the run
and the duration. The path is left in the stat ``archiver/run_file``.
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
from twisted.python.failure import Failure

from archiver.capture.warcfiles import OPEN_SUFFIX, warc_name_pattern
from archiver.crawl.signals import page_failed
from archiver.extensions.progress import error_count
from archiver.extensions.writeguard import write_failure
from archiver.storage import write_atomic

_STATUS_PREFIX = "downloader/response_status_count/"


class RunStats:
    """Collects the errors of a run and writes the run's stats file when it closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive = Path(crawler.settings.get("ARCHIVER_ARCHIVE_DIR", "archive"))
        # This run's files only, not those other workers of a shared crawl write alongside.
        self.warc_names = warc_name_pattern(crawler.settings.get("ARCHIVER_WARC_PREFIX", "archiver"))
        self.errors: list[dict[str, Any]] = []
        self.started = datetime.now(UTC)
        self._clock = time.monotonic()
        self.run_id = (
            crawler.settings.get("ARCHIVER_JOB_ID") or f"{self.started:%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStats:
        extension = cls(crawler)
        crawler.signals.connect(extension.page_failed, signal=page_failed)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def page_failed(self, url: str, reason: str, status: int | None = None) -> None:
        self.errors.append({"url": url, "reason": reason, "status": status})

    def item_error(self, item: Any, response: Any, failure: Failure) -> None:
        self.crawler.stats.inc_value("archiver/record_errors")  # listed and counted alike
        self.errors.append({"url": getattr(item, "url", None), "reason": f"pipeline: {failure.value!r}"})

    def spider_error(self, failure: Failure, response: Any) -> None:
        self.crawler.stats.inc_value("archiver/pages_failed")
        self.errors.append({"url": getattr(response, "url", None), "reason": f"spider: {failure.value!r}"})

    def spider_closed(self, spider: Spider, reason: str) -> None:
        run = self.run_summary(spider, reason)
        path = self.archive / "runs" / f"{self.run_id}.json"
        self.crawler.stats.set_value("archiver/run_summary", run)  # what the CLI prints, written or not
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(run, indent=2, ensure_ascii=False, default=str).encode("utf-8"))
        except OSError as exc:  # a full disk: the summary is still printed
            spider.logger.info("run stats not written: %s", write_failure(path, exc))
            return
        self.crawler.stats.set_value("archiver/run_file", str(path))
        spider.logger.info("run stats written to %s", path)

    def run_summary(self, spider: Spider, reason: str) -> dict[str, Any]:
        """The run as a JSON-able dict."""
        stats = self.crawler.stats
        values = stats.get_stats()
        return {
            "run_id": self.run_id,
            "spider": spider.name,
            "site": getattr(spider, "site_name", None),
            "start_urls": list(getattr(spider, "start_urls", [])),
            "started_at": self.started.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "duration_s": round(time.monotonic() - self._clock, 3),
            "finish_reason": reason,
            "pages_fetched": values.get("response_received_count", 0),
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
            "robots_forbidden": values.get("robotstxt/forbidden", 0),
            "pages_skipped": values.get("archiver/pages_skipped", 0),  # robots.txt, off-site redirects
            "limits_refused": {
                key.rsplit("/", 1)[1]: n
                for key, n in values.items()
                if key.startswith("archiver/frontier_refused/")
            },
            "warc_records": values.get("archiver/warc_records", 0),
            "bytes_written": values.get("archiver/warc_bytes", 0),
            "warc_files": self._warc_files(),
            "stopped": values.get("archiver/stopped"),  # why the crawl stopped early (a refused write)
            "stats": {
                key: _jsonable(value) for key, value in values.items() if key != "archiver/run_summary"
            },
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


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, int | float | str | bool | type(None)) else str(value)


def summary_text(run: dict[str, Any]) -> str:
    """A few lines for the operator: what the run fetched, recorded and failed."""
    statuses = ", ".join(f"{n}×{code}" for code, n in run["status_counts"].items()) or "none"
    lines = [
        f"{run['pages_fetched']} pages fetched in {run['duration_s']:.1f}s ({statuses}); "
        f"{run['articles']} articles recorded; {run['error_count']} errors",
        f"WARC: {run['warc_records']} records, {run['bytes_written']} bytes in {', '.join(run['warc_files']) or 'no file'}",
    ]
    if run.get("articles_unchanged") or run.get("revisits") or run.get("pages_not_due"):
        lines.append(
            f"re-run: {run['articles_new']} new, {run['articles_changed']} changed, "
            f"{run['articles_unchanged']} unchanged articles; {run['revisits']} revisit records; "
            f"{run['pages_not_due']} known pages not due for a re-check"
        )
    if run["robots_forbidden"] or run["limits_refused"]:
        limits = ", ".join(f"{k} {v}" for k, v in run["limits_refused"].items()) or "none"
        lines.append(f"skipped: {run['robots_forbidden']} forbidden by robots.txt; over limits: {limits}")
    lines += [f"  error: {e['url']}: {e['reason']}" for e in run["errors"][:20]]
    if len(run["errors"]) > 20:
        lines.append(f"  ... and {len(run['errors']) - 20} more (see the run file)")
    return "\n".join(lines)
