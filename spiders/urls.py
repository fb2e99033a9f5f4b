"""The ``urls`` spider: archive a given list of URLs, nothing more.

``archiver archive URL ...`` runs it; so does
``scrapy crawl urls -a urls="https://a.example/x https://b.example/y"``.
Error responses (4xx/5xx) reach the spider so they are reported, not hidden;
requests that fail outright are listed in ``spider.failures`` with the reason.
Every failure is reported (:func:`archiver.failures.report_failure`) to the run's
stats file, where ``archiver failures`` finds it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from twisted.python.failure import Failure

from archiver.failures import describe_failure, report_failure
from archiver.page import fetched_page


class UrlsSpider(scrapy.Spider):
    name = "urls"
    handle_httpstatus_list = list(range(400, 600))

    def __init__(self, urls: Iterable[str] | str = (), *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urls = urls.split() if isinstance(urls, str) else list(urls)
        self.failures: dict[str, str] = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                                 cb_kwargs={"asked": url})  # fmt: skip

    def parse(self, response: scrapy.http.Response, asked: str) -> Iterable[Any]:
        page = fetched_page(response)
        if page.status >= 400:
            report_failure(self.crawler, asked, f"HTTP {page.status}", page.status)
        elif page.truncated:
            report_failure(self.crawler, asked, "response cut off mid-body", page.status)
        yield page

    def failed(self, failure: Failure) -> None:
        asked = failure.request.cb_kwargs.get("asked", failure.request.url)
        reason = describe_failure(failure)
        self.failures[asked] = reason
        report_failure(self.crawler, asked, reason)
        self.logger.info("failed: %s: %s", asked, reason)
