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
from archiver.extensions.pageresources import PageResources, page_resources
from archiver.extensions.writeguard import write_failure
from archiver.kinds import RecordOutcome
from archiver.page import FetchedPage
from archiver.records.build import image_capture
from archiver.records.pages import MAX_HTML_SIZE, extraction_headers, no_record_reason, page_record
from archiver.records.versions import VersionedRecordStore
from archiver.signals import archive_write_failed

logger = logging.getLogger(__name__)


class ArticleRecordPipeline:
    """Extracts article pages (in worker processes when configured) and stores records.

    Each page is described to the WARC (signal ``page_described``) before its record is
    written (and once its images' captures are known), so that ``archiver reindex``
    takes the same decisions from the WARC alone.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.signals = crawler.signals
        self.store = VersionedRecordStore(Path(settings.get("ARCHIVER_ARCHIVE_DIR")))
        self.state: CrawlStateKeeper | None = None
        self.resources: PageResources | None = None
        self.max_html_size = settings.getint("ARCHIVER_MAX_HTML_SIZE", MAX_HTML_SIZE)
        self.pool = crawler_pool(crawler)
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="record-writer")
        self.in_flight = 0  # pages in process_item
        self.drained = asyncio.Event()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleRecordPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)
        self.resources = page_resources(self.crawler)

    async def close_spider(self) -> None:
        """Once every page still in :meth:`process_item` is stored, stop the writer.

        Pages reach the pipeline apart from their responses
        (:mod:`archiver.spidermiddlewares.pagehandoff`): one may start just as the engine closes.
        """
        while self.in_flight:
            self.drained.clear()
            await self.drained.wait()
        self.writer.shutdown(wait=True)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        self.in_flight += 1
        try:
            record, item.outcome = await self.record_of(item)
            if self.state is not None:
                self.state.stored(item, record, item.outcome)
        finally:
            self.in_flight -= 1
            if not self.in_flight:
                self.drained.set()
        return item

    def failed(self, item: FetchedPage, note: str) -> RecordOutcome:
        """``item`` gets no record because something failed: counted and listed as an error of the
        run, and fetched again by the next one."""
        self.stats.inc_value("archiver/record_errors")
        item.note = note
        report_failure(self.crawler, item.requested_url, note, item.status)  # the state's key
        return RecordOutcome.FAILED

    async def record_of(self, item: FetchedPage) -> tuple[dict[str, Any] | None, RecordOutcome]:
        """Store the record of ``item``, if it gets one; (the record written or None, its outcome)."""
        record = await self.decide(item)
        self.signals.send_catch_log(page_described, page=item)
        if isinstance(record, RecordOutcome):
            return None, record
        if item.write_error:  # its metadata record is not in the WARC: retried next run
            return None, self.failed(item, item.write_error)
        try:
            outcome, path = await asyncio.get_running_loop().run_in_executor(
                self.writer, self.store.write, record
            )
        except OSError as exc:  # a full disk, a read-only folder: the page is fetched again next run
            where = self.store.records.path_for(record)
            self.signals.send_catch_log(archive_write_failed, path=where, error=exc, url=item.url)
            return None, self.failed(item, f"record not written: {write_failure(where, exc)}")
        item.record_path = str(path)
        self.stats.inc_value(f"archiver/records_{outcome}")
        if outcome is not RecordOutcome.UNCHANGED:
            self.stats.inc_value("archiver/records_written")
        return record, outcome

    async def decide(self, item: FetchedPage) -> dict[str, Any] | RecordOutcome:
        """The record ``item`` gets, its images pointed to, or the outcome of a page that gets none."""
        item.note = no_record_reason(item, self.max_html_size)
        if item.truncated and 200 <= item.status < 300:  # what the server sent is not all here
            return self.failed(item, item.note or "response cut off")
        if item.note:
            self.stats.inc_value("archiver/pages_without_record")
            return RecordOutcome.NO_RECORD
        if self.state is not None and (known := self.state.unchanged(item)) and known.record_path:
            item.note = f"unchanged since {known.changed_at or known.fetched_at}"
            item.record_path = str(self.store.archive / known.record_path)
            self.stats.inc_value("archiver/records_unchanged")
            return RecordOutcome.UNCHANGED
        fields, error = item.fields, item.extraction_error
        if fields is None and error is None:  # not extracted by the spider
            try:
                fields = await self.pool.extract(item.body, item.url, extraction_headers(item), item.hints)
            except Exception as exc:  # one broken page must not stop the crawl
                logger.error("extraction failed for %s: %s", item.url, exc)
                logger.debug("extraction of %s", item.url, exc_info=True)
                error = f"{type(exc).__name__}: {exc}"
        if error is not None or fields is None:
            return self.failed(item, f"extraction failed: {error or 'no fields'}")
        record = page_record(item, fields)
        if record is None:
            self.stats.inc_value("archiver/pages_without_record")
            return RecordOutcome.NO_RECORD
        await self.point_to_images(record)
        item.image_captures = [
            {key: image.get(key) for key in ("url", "warc", "not_captured")} for image in record["images"]
        ]
        return record

    async def point_to_images(self, record: dict[str, Any]) -> None:
        """Give each image of ``record`` its WARC pointer, once its fetch is over (or why none).

        The page's resources are fetched apart from the crawl's queue, and the page is in the
        pipelines apart from its response (:mod:`archiver.spidermiddlewares.pagehandoff`), so
        waiting for them here holds no other page back.
        """
        if self.resources is None:
            reason = f"page resources not captured (ARCHIVER_PAGE_RESOURCES={self.crawler.settings.get('ARCHIVER_PAGE_RESOURCES')})"
            for image in record["images"]:
                image.update(image_capture(None, reason))
            return
        for image in record["images"]:
            if image.get("url"):
                outcome = await self.resources.capture_of(image["url"])
                image.update(image_capture(outcome.capture, outcome.reason))
