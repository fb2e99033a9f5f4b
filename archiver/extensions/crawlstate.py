"""Keeps a site's crawl state (:mod:`archiver.state`) during a crawl of that site.

Enabled for spiders with a ``site_name`` (the observatory spider), unless the crawl is
shared through Redis. It opens ``<archive>/state/<site>.sqlite3``, records the run,
and is what the spider and the record pipeline talk to: the spider queues URLs
(:meth:`queue`), asks which known pages are due (:meth:`due`) and resumes the pending
ones of a killed run (:meth:`pending_urls`); the pipeline asks whether a page is
unchanged (:meth:`unchanged`) and reports each page once its record is durably
written (:meth:`stored`). Writes are committed in one transaction every
``ARCHIVER_STATE_FLUSH_INTERVAL`` seconds and at the end.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from archiver.capture.revalidation import Revalidation
from archiver.crawl.failures import error_count
from archiver.crawl.requisite import Requisite, ResourceKind
from archiver.extensions.progress import pages_fetched
from archiver.extensions.runstats import RunStats
from archiver.kinds import RECORDED, PageKind, RecordOutcome
from archiver.page import FetchedPage
from archiver.signals import archive_write_failed, page_failed
from archiver.state.db import CrawlState, PageState
from archiver.state.recheck import RECHECKED_KINDS, RecheckPolicy, revalidation


def crawl_state(crawler: Crawler) -> CrawlStateKeeper | None:
    """The crawl's :class:`CrawlStateKeeper`, or None when the crawl keeps no state."""
    return crawler.get_extension(CrawlStateKeeper)


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    for key, values in headers.items():
        if key.lower() == name and values:
            return values[0]
    return None


class CrawlStateKeeper:
    """The state of the site being crawled, the run's id, and the re-check policy."""

    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.state = state
        self.archive = Path(settings.get("ARCHIVER_ARCHIVE_DIR", "archive"))
        self.policy = RecheckPolicy(state, settings.getfloat("ARCHIVER_RECHECK_INTERVAL"))
        self.flush_interval = settings.getfloat("ARCHIVER_STATE_FLUSH_INTERVAL", 1.0)
        self.run_id = settings.get("ARCHIVER_JOB_ID") or f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateKeeper:
        site = getattr(crawler.spider, "site_name", None)
        if not site or crawler.settings.get("ARCHIVER_REDIS_URL"):
            raise NotConfigured
        archive = crawler.settings.get("ARCHIVER_ARCHIVE_DIR", "archive")
        keeper = cls(crawler, CrawlState.open(archive, site))
        crawler.signals.connect(keeper.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(keeper.page_failed, signal=page_failed)
        crawler.signals.connect(keeper.spider_closed, signal=signals.spider_closed)
        return keeper

    def spider_opened(self) -> None:
        """Record the run's start; commit the state every ``flush_interval`` seconds."""
        if run_stats := self.crawler.get_extension(RunStats):
            self.run_id = run_stats.run_id  # one id for the run file and the state
        self.state.begin_run(self.run_id, datetime.now(UTC).isoformat())
        self.state.flush()
        self.task = create_looping_call(self.flush)
        self.task.start(self.flush_interval, now=False)

    def flush(self) -> None:
        """Commit the queued writes; a full disk keeps them queued (the guard stops the crawl)."""
        try:
            self.state.flush()
        except sqlite3.OperationalError as exc:
            error = OSError(errno.ENOSPC if "full" in str(exc) else errno.EIO, str(exc))
            self.crawler.signals.send_catch_log(
                archive_write_failed, path=self.state.path, error=error, url=None
            )

    # --- the spider's side ----------------------------------------------------------
    def queue(self, url: str) -> None:
        """``url`` is about to be requested (pending until stored)."""
        self.state.queue(url, self.run_id)

    def due(self, url: str, lastmod: str | None = None) -> bool:
        """Whether a known ``url`` is to be fetched again (see :mod:`archiver.state.recheck`)."""
        if self.policy.due(url, lastmod):
            return True
        self.crawler.stats.inc_value("archiver/pages_not_due")
        return False

    def pending_urls(self) -> list[str]:
        """The URLs a killed or stopped run queued and never stored, and those whose fetch, capture
        or record failed: fetched again whether or not discovery leads to them."""
        return self.state.unfinished_urls()

    def note_listed(self, url: str, listed_date: str) -> None:
        """A sitemap or feed lists ``url`` with ``listed_date``, and no fetch of it is left to store it."""
        self.state.note_listed(url, listed_date)

    def revalidation(self, url: str) -> Revalidation | None:
        """How to re-check a known ``url`` conditionally (see :mod:`archiver.capture.revalidation`).

        None for a new URL, one whose last fetch failed or was cut short by a kill (its
        record may be missing: it is fetched whole), a page re-fetched on every run
        (listings: their links are wanted), or an article whose record file is gone.
        """
        known = self.state.page(url)
        if known is None or known.pending or known.error or known.kind not in RECHECKED_KINDS:
            return None
        if known.kind == PageKind.ARTICLE and not (
            known.record_path and (self.archive / known.record_path).is_file()
        ):
            return None
        return revalidation(known)

    def confirmed(self, url: str, capture: dict[str, Any], headers: dict[str, list[str]]) -> None:
        """A conditional re-check of ``url`` was answered 304 (captured as ``capture``)."""
        self.crawler.stats.inc_value("archiver/pages_not_modified")
        self.state.confirm(url, capture["warc_date"], _first(headers, "etag"), _first(headers, "last-modified"),
                           self.run_id)  # fmt: skip

    # --- the pipeline's side --------------------------------------------------------
    def unchanged(self, page: FetchedPage) -> PageState | None:
        """The state of ``page`` when its decoded body is the one its stored record came from."""
        known = self.state.page(page.requested_url)
        if known is None or known.content_digest != page.content_digest or not known.record_path:
            return None
        return known if (self.archive / known.record_path).is_file() else None

    def stored(self, page: FetchedPage, record: dict[str, Any] | None, outcome: RecordOutcome | None) -> None:
        """``page`` is done: its record (if any) is written; ``outcome`` says what became of it."""
        known = self.state.page(page.requested_url) or PageState(page.requested_url)
        capture = page.capture or {}
        record_path = known.record_path
        whole = capture.get("refers_to") if capture.get("revisit") else capture  # what holds the payload
        if record is not None and page.record_path:
            record_path = os.path.relpath(page.record_path, self.archive)
        self.state.store(PageState(
            url=page.requested_url,
            kind=PageKind.ARTICLE if record is not None or outcome in RECORDED else (page.kind or PageKind.PAGE),
            status=page.status,
            etag=_first(page.headers, "etag"),
            last_modified=_first(page.headers, "last-modified"),
            payload_digest=capture.get("payload_digest"),
            content_digest=known.content_digest if outcome is RecordOutcome.FAILED else page.content_digest,  # retried next run
            record_id=record["id"] if record else known.record_id,
            record_path=record_path,
            fetched_at=page.fetched_at,
            changed_at=page.fetched_at if outcome in (RecordOutcome.NEW, RecordOutcome.CHANGED) else known.changed_at,
            error=page.note if outcome is RecordOutcome.FAILED else None,
            run_id=self.run_id,
            failed_at=datetime.now(UTC).isoformat() if outcome is RecordOutcome.FAILED else None,
            listed_date=page.listed_date if outcome is not RecordOutcome.FAILED else None,
            capture_id=(whole or {}).get("record_id") if page.status == 200 and not page.truncated else None,
            capture_uri=(whole or {}).get("target_uri", (whole or {}).get("url")),
            capture_date=(whole or {}).get("warc_date"),
        ))  # fmt: skip
        if self.state.backlog >= 1000:
            self.flush()

    # --- the page resources' side (archiver.extensions.pageresources) ---------------------
    def resource_revalidation(self, url: str) -> Revalidation | None:
        """How to re-check the known page requisite ``url`` conditionally (None: fetch it whole)."""
        known = self.state.page(url)
        if known is None or known.kind != PageKind.RESOURCE or known.error:
            return None
        return revalidation(known)

    def resource_fetched(self, url: str, response: Any, capture: dict[str, Any] | None) -> None:
        """A page requisite was fetched: kept as a ``resource`` row, so later runs re-check it
        like any known URL (a 304 confirms its stored capture)."""
        headers = {
            k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in response.headers.items()
        }
        capture = capture or {}
        if capture.get("not_modified"):
            self.state.confirm(url, capture["warc_date"], _first(headers, "etag"), _first(headers, "last-modified"),
                               self.run_id)  # fmt: skip
            return
        whole = (
            capture.get("refers_to") if capture.get("revisit") else capture
        ) or {}  # what holds the payload
        kept = response.status == 200 and "partial" not in response.flags and "dataloss" not in response.flags
        self.state.store(PageState(
            url=url, kind=PageKind.RESOURCE, status=response.status, etag=_first(headers, "etag"),
            last_modified=_first(headers, "last-modified"), payload_digest=capture.get("payload_digest"),
            fetched_at=capture.get("warc_date"), run_id=self.run_id,
            capture_id=whole.get("record_id") if kept else None,
            capture_uri=whole.get("target_uri", whole.get("url")) if kept else None,
            capture_date=whole.get("warc_date") if kept else None,
        ))  # fmt: skip

    def note_requisites(self, url: str, requisites: Iterable[Requisite]) -> None:
        """``url`` (a page as requested, a stylesheet) needs ``requisites``: re-checked when it answers 304."""
        self.state.note_requisites(url, [(r.url, r.kind.value) for r in requisites])

    def requisites_of(self, url: str) -> list[Requisite]:
        """The requisites ``url`` needed when it was last read (see :meth:`note_requisites`)."""
        return [Requisite(found, ResourceKind(kind)) for found, kind in self.state.requisites(url)]

    # --- failures and the end ---------------------------------------------------------
    def page_failed(self, url: str | None, reason: str, status: int | None = None) -> None:
        """Signal ``page_failed``: the fetch (or the record) of ``url`` failed."""
        if url:
            self.state.fail(url, reason, status, self.run_id, datetime.now(UTC).isoformat())

    def spider_closed(self, reason: str) -> None:
        """Record the run's end and counts; a clean end clears the pending rows."""
        if self.task is not None and self.task.running:
            self.task.stop()
        values = self.crawler.stats.get_stats()
        counts = {
            "pages": pages_fetched(self.crawler.stats),
            "new": values.get("archiver/records_new", 0),
            "changed": values.get("archiver/records_changed", 0),
            "unchanged": values.get("archiver/records_unchanged", 0),
            "revisits": values.get("archiver/warc_revisits", 0),
            "errors": error_count(self.crawler.stats),
        }
        self.state.end_run(self.run_id, datetime.now(UTC).isoformat(), reason, counts)
        self.flush()
        self.state.db.close()
