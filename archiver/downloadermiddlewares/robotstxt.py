"""Scrapy's RobotsTxtMiddleware, with every request that waited for robots.txt checked.

In Scrapy 2.19 the requests that arrive while a host's robots.txt is downloading
all await one Deferred; the first awaiter's callback returns None, so every later
one gets None, "no robots.txt", and is let through. A shared crawl hits this at
once (a worker joins with many queued requests for a host it has not seen), so
after the wait the parser is read again from the middleware's table.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:  # maybe a later awaiter of the download: the table has the answer
            stored = self._parsers.get(urlparse_cached(request).netloc)
            return None if isinstance(stored, Deferred) else stored
        return parser
