"""The record pipeline: extract each article page and write its JSON record.

Takes :class:`archiver.page.FetchedPage` items. A page gets a record when it is an
HTML 2xx response received whole and its spider did not class it as a non-article
page; otherwise ``item.note`` says why not (its capture is in the WARC either way).
Its article fields come from the spider when it analyzed the page in the crawl's
extraction pool (:mod:`archiver.crawl.analysis`), else the pipeline extracts them there.

With a crawl state (:mod:`archiver.extensions.crawlstate`), a page whose decoded body
is the one its stored record came from is not extracted again, and records go
through :class:`~archiver.state.versions.VersionedRecordStore`: a new article gets
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
from archiver.extensions.crawlstate import CrawlStateKeeper, crawl_state
from archiver.extensions.pageresources import PageResources, page_resources
from archiver.extractpool import crawler_pool
from archiver.failures import report_failure
from archiver.page import FetchedPage
from archiver.record import build_record, image_capture
from archiver.state.versions import FAILED, UNCHANGED, VersionedRecordStore

logger = logging.getLogger(__name__)


def no_record_reason(page: FetchedPage) -> str | None:
    """Why ``page`` gets no article record, or None when it gets one."""
    if page.truncated:
        return "response cut off mid-body (captured, marked WARC-Truncated)"
    if not 200 <= page.status < 300:
        return f"HTTP {page.status}"
    if not page.is_html:
        return f"not HTML ({page.content_type or 'no Content-Type'}): captured, not extracted"
    if page.kind not in (None, "article"):
        return f"{page.kind} page, not an article"
    return None


def extraction_headers(page: FetchedPage) -> dict[str, str]:
    """The response headers extraction sees: the first value of each."""
    return {name: values[0] for name, values in page.headers.items() if values}


def page_record(page: FetchedPage, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The record of ``page`` from its extracted ``fields``; None (and ``page.note``) without article text."""
    if not (fields.get("body") or "").strip():
        page.note = "no article text found"
        return None
    return build_record(fields, page)


def extract_record(page: FetchedPage) -> dict[str, Any] | None:
    """The record ``page`` gets, extracted in this process; None when it gets none (see ``page.note``).

    A page read back from a WARC carries its images' captures (``page.image_captures``):
    the record gets them again.
    """
    from archiver.extraction import extract_article

    page.note = no_record_reason(page)
    if page.note:
        return None
    record = page_record(page, extract_article(page.body, page.url, extraction_headers(page), page.hints))
    if record is not None and page.image_captures is not None:
        for image, captured in zip(record["images"], page.image_captures, strict=False):
            image.update(captured)
    return record


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
        self.pool = crawler_pool(crawler)
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="record-writer")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleRecordPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)
        self.resources = page_resources(self.crawler)

    def close_spider(self) -> None:
        self.writer.shutdown(wait=True)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        record, outcome = await self.record_of(item)
        if self.state is not None:
            self.state.stored(item, record, outcome)
        return item

    async def record_of(self, item: FetchedPage) -> tuple[dict[str, Any] | None, str | None]:
        """Store the record of ``item``, if it gets one; (the record, new/changed/unchanged/failed)."""
        record, outcome = await self.decide(item)
        self.signals.send_catch_log(page_described, page=item)
        if record is None:
            return None, outcome
        outcome, path = await asyncio.get_running_loop().run_in_executor(
            self.writer, self.store.write, record
        )
        item.record_path = str(path)
        self.stats.inc_value(f"archiver/records_{outcome}")
        if outcome != UNCHANGED:
            self.stats.inc_value("archiver/records_written")
        return record, outcome

    async def decide(self, item: FetchedPage) -> tuple[dict[str, Any] | None, str | None]:
        """The record ``item`` gets, its images pointed to, or None and the outcome (unchanged, failed)."""
        item.note = no_record_reason(item)
        if item.note:
            self.stats.inc_value("archiver/pages_without_record")
            return None, None
        if self.state is not None and (known := self.state.unchanged(item)):
            item.note = f"unchanged since {known.changed_at or known.fetched_at}"
            item.record_path = str(self.store.archive / known.record_path)
            self.stats.inc_value("archiver/records_unchanged")
            return None, UNCHANGED
        fields, error = item.fields, item.extraction_error
        if fields is None and error is None:  # not extracted by the spider
            try:
                fields = await self.pool.extract(item.body, item.url, extraction_headers(item), item.hints)
            except Exception as exc:  # one broken page must not stop the crawl
                logger.error("extraction failed for %s: %s", item.url, exc, exc_info=True)
                error = f"{type(exc).__name__}: {exc}"
        if error is not None:
            self.stats.inc_value("archiver/record_errors")
            item.note = f"extraction failed: {error}"
            report_failure(self.crawler, item.url, item.note, item.status)
            return None, FAILED
        record = page_record(item, fields)
        if record is None:
            self.stats.inc_value("archiver/pages_without_record")
            return None, None
        await self.point_to_images(record)
        item.image_captures = [
            {key: image.get(key) for key in ("url", "warc", "not_captured")} for image in record["images"]
        ]
        return record, None

    async def point_to_images(self, record: dict[str, Any]) -> None:
        """Give each image of ``record`` its WARC pointer, once its fetch is over (or why none).

        The page's resources are fetched apart from the crawl's queue, so waiting for
        them here holds no other page back.
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
