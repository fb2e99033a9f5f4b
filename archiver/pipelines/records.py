"""The record pipeline: extract each article page and write its JSON record.

Takes :class:`archiver.page.FetchedPage` items. A page gets a record when it is an
HTML 2xx response received whole and its spider did not class it as a non-article
page; otherwise ``item.note`` says why not (its capture is in the WARC either way).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from archiver.extractpool import ExtractionPool, resolve_workers
from archiver.page import FetchedPage
from archiver.record import build_record
from archiver.storage import RecordStore

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


class ArticleRecordPipeline:
    """Extracts article pages (in worker processes when configured) and stores records."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.store = RecordStore(Path(settings.get("ARCHIVER_ARCHIVE_DIR")) / "records")
        self.pool = ExtractionPool(resolve_workers(settings.get("ARCHIVER_EXTRACT_WORKERS")))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleRecordPipeline:
        return cls(crawler)

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        item.note = no_record_reason(item)
        if item.note:
            self.stats.inc_value("archiver/pages_without_record")
            return item
        headers = {name: values[0] for name, values in item.headers.items() if values}
        try:
            fields = await self.pool.extract(item.body, item.url, headers, item.hints)
        except Exception as exc:  # one broken page must not stop the crawl
            logger.error("extraction failed for %s: %s", item.url, exc, exc_info=True)
            self.stats.inc_value("archiver/record_errors")
            item.note = f"extraction failed: {type(exc).__name__}: {exc}"
            return item
        if not (fields.get("body") or "").strip():
            self.stats.inc_value("archiver/pages_without_record")
            item.note = "no article text found"
            return item
        item.record_path = str(self.store.write(build_record(fields, item)))
        self.stats.inc_value("archiver/records_written")
        return item
