"""Scrapy's OffsiteMiddleware, letting through the robots.txt of any host.

A request allowed off-site (``allow_offsite``: a page requisite on a CDN or an image
host) waits for that host's robots.txt, which RobotsTxtMiddleware fetches with a
request of its own; filtered as off-site, that fetch would fail and the host's rules
would silently not apply.
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware as ScrapyOffsiteMiddleware
from scrapy.http import Request
from scrapy.utils.httpobj import urlparse_cached


class OffsiteMiddleware(ScrapyOffsiteMiddleware):
    def should_follow(self, request: Request, spider: Spider) -> bool:
        robots = request.meta.get("dont_obey_robotstxt") and urlparse_cached(request).path == "/robots.txt"
        return bool(robots) or super().should_follow(request, spider)
