"""The ``urls`` spider: archive a given list of URLs, nothing more.

``archiver archive URL ...`` runs it; so does
``scrapy crawl urls -a urls="https://a.example/x https://b.example/y"``.
Each HTML page is classified as a crawl classifies it (:mod:`archiver.crawl.pagetype`):
only an article gets a record, unless ``article`` (``-a article=1``, ``--article``)
says every page is one. Error responses (4xx/5xx) reach the spider so they are
reported, not hidden; requests that fail outright are listed in ``spider.failures``
with the reason.
Every failure is reported (:func:`archiver.crawl.failures.report_failure`) to the run's
stats file, where ``archiver failures`` finds it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from twisted.python.failure import Failure

from archiver.crawl.extractpool import crawler_pool
from archiver.crawl.failures import describe_failure, failed_request, report_failure
from archiver.kinds import PageKind
from archiver.page import fetched_page
from archiver.records.pages import extraction_headers, no_record_reason


class UrlsSpider(scrapy.Spider):
    name = "urls"
    handle_httpstatus_list = list(range(400, 600))

    def __init__(
        self, urls: Iterable[str] | str = (), article: bool | str = False, *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.urls = urls.split() if isinstance(urls, str) else list(urls)
        self.article = (
            article if isinstance(article, bool) else article.strip().lower() in ("1", "true", "yes")
        )
        self.failures: dict[str, str] = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                                 cb_kwargs={"asked": url})  # fmt: skip

    async def parse(self, response: scrapy.http.Response, asked: str) -> list[Any]:
        """The fetched page, classified (and its article fields extracted) in the crawl's pool."""
        page = fetched_page(response, kind=PageKind.ARTICLE if self.article else None)
        if page.status >= 400:
            report_failure(self.crawler, asked, f"HTTP {page.status}", page.status)
        elif page.truncated:
            report_failure(self.crawler, asked, "response cut off mid-body", page.status)
        if no_record_reason(page) is not None:  # an error, a cut-off body, not HTML: nothing to read
            return [page]
        try:
            analysis = await crawler_pool(self.crawler).analyze(
                page.body, page.url, extraction_headers(page), page.hints, page.kind, True
            )
        except Exception as exc:  # a dead worker, a parser crash: the record pipeline says so
            self.logger.error("page analysis failed for %s: %s", page.url, exc, exc_info=True)
            page.extraction_error = f"page analysis failed: {type(exc).__name__}: {exc}"
            return [page]
        page.kind, page.fields, page.extraction_error = analysis.kind, analysis.fields, analysis.error
        if analysis.error:
            self.logger.error("extraction failed for %s: %s\n%s", page.url, analysis.error, analysis.trace)
        return [page]

    def failed(self, failure: Failure) -> None:
        request = failed_request(failure)
        asked = request.cb_kwargs.get("asked", request.url)
        reason = describe_failure(failure)
        self.failures[asked] = reason
        report_failure(self.crawler, asked, reason)
        self.logger.info("failed: %s: %s", asked, reason)
