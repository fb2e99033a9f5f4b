"""The baseline: a bare Scrapy spider that follows every same-host link and does nothing else.

It skips URLs it has already seen before building a Request (an in-spider seen-set), so
Scrapy's per-request machinery runs once per page, not once per link. Run with
``scrapy runspider bench/bare_spider.py -a start_url=http://127.0.0.1:PORT/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy.http import Response, TextResponse


class BareSpider(scrapy.Spider):
    """Follows ``a[href]`` links on the start URL's host; keeps nothing."""

    name = "bare"

    def __init__(self, start_url: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start_url]
        self.host = urlsplit(start_url).netloc
        self.seen = {start_url}

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for href in response.css("a::attr(href)").getall():
            url = urldefrag(response.urljoin(href))[0]
            if url in self.seen:
                continue
            self.seen.add(url)
            if urlsplit(url).netloc == self.host:
                yield scrapy.Request(url, callback=self.parse)
