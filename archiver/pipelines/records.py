"""The record pipeline: extract each article page and write its JSON record.

Takes :class:`archiver.page.FetchedPage` items. A page gets a record when it is an
HTML 2xx response received whole and its spider did not class it as a non-article
page; otherwise ``item.note`` says why not (its capture is in the WARC either way).
Its article fields come from the spider when it analyzed the page in the crawl's
extraction pool (:mod:`archiver.crawl.analysis`), else the pipeline extracts them there.

With a crawl state (:mod:`archiver.extensions.crawlstate`), a page whose decoded body
is the one its stored record came from is not extracted again, and records go
through :class:`~archiver.records.versions.VersionedRecordStore`: a new article gets
version 1, changed content a new version, unchanged content no write at all. Each
page is reported to the state only once its record is on disk. Records are written
(and fsync'ed) by one writer thread, in the order their pages arrive, off the reactor.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from archiver.capture.pagemeta import page_described
from archiver.crawl.extractpool import crawler_pool
from archiver.crawl.failures import report_failure
from archiver.extensions.crawlstate import CrawlStateKeeper, crawl_state
from archiver.kinds import RecordOutcome
from archiver.page import FetchedPage
from archiver.records.pages import extraction_headers, no_record_reason, page_record
from archiver.records.versions import VersionedRecordStore

logger = logging.getLogger(__name__)


class ArticleRecordPipeline:
    """Extracts article pages (in worker processes when configured) and stores records.

    Each page is first described to the WARC (signal ``page_described``), so that
    ``archiver reindex`` takes the same decisions from the WARC alone.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.signals = crawler.signals
        self.store = VersionedRecordStore(Path(settings.get("ARCHIVER_ARCHIVE_DIR")))
        self.state: CrawlStateKeeper | None = None
        self.pool = crawler_pool(crawler)
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="record-writer")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleRecordPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)

    def close_spider(self) -> None:
        self.writer.shutdown(wait=True)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        record, item.outcome = await self.record_of(item)
        if self.state is not None:
            self.state.stored(item, record, item.outcome)
        return item

    async def record_of(self, item: FetchedPage) -> tuple[dict[str, Any] | None, RecordOutcome]:
        """Store the record of ``item``, if it gets one; (the record written or None, its outcome)."""
        self.signals.send_catch_log(page_described, page=item)
        item.note = no_record_reason(item)
        if item.note:
            self.stats.inc_value("archiver/pages_without_record")
            return None, RecordOutcome.NO_RECORD
        if self.state is not None and (known := self.state.unchanged(item)) and known.record_path:
            item.note = f"unchanged since {known.changed_at or known.fetched_at}"
            item.record_path = str(self.store.archive / known.record_path)
            self.stats.inc_value("archiver/records_unchanged")
            return None, RecordOutcome.UNCHANGED
        fields, error = item.fields, item.extraction_error
        if fields is None and error is None:  # not extracted by the spider
            try:
                fields = await self.pool.extract(item.body, item.url, extraction_headers(item), item.hints)
            except Exception as exc:  # one broken page must not stop the crawl
                logger.error("extraction failed for %s: %s", item.url, exc, exc_info=True)
                error = f"{type(exc).__name__}: {exc}"
        if error is not None or fields is None:
            self.stats.inc_value("archiver/record_errors")
            item.note = f"extraction failed: {error or 'no fields'}"
            report_failure(self.crawler, item.url, item.note, item.status)
            return None, RecordOutcome.FAILED
        record = page_record(item, fields)
        if record is None:
            self.stats.inc_value("archiver/pages_without_record")
            return None, RecordOutcome.NO_RECORD
        outcome, path = await asyncio.get_running_loop().run_in_executor(
            self.writer, self.store.write, record
        )
        item.record_path = str(path)
        self.stats.inc_value(f"archiver/records_{outcome}")
        if outcome is not RecordOutcome.UNCHANGED:
            self.stats.inc_value("archiver/records_written")
        return record, outcome
