"""Test-only spider: fetches ``-a urls=U1 U2 ...`` and emits what the capture left on the meta.

Run with ``scrapy runspider`` from the project root (so scrapy.cfg settings apply) and
``-s ITEM_PIPELINES={}``; error statuses reach the callback, redirects are followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy

from archiver.page import META_CAPTURE, META_REDIRECTS

#: Statuses handed to the callback; 3xx stay with the RedirectMiddleware.
ERROR_STATUSES = list(range(400, 600))


class CaptureSpider(scrapy.Spider):
    name = "capture"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls.split()

    async def start(self) -> Any:
        for url in self.urls:
            yield scrapy.Request(url, meta={"handle_httpstatus_list": ERROR_STATUSES}, dont_filter=True)

    def parse(self, response: scrapy.http.Response) -> Iterator[dict[str, Any]]:
        yield {
            "url": response.url,
            "requested_url": (response.meta.get("redirect_urls") or [response.url])[0],
            "status": response.status,
            "flags": response.flags,
            "capture": response.meta.get(META_CAPTURE),
            "redirects": response.meta.get(META_REDIRECTS, []),
        }
