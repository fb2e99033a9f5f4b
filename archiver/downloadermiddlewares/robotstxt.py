"""Scrapy's RobotsTxtMiddleware, with every request that waited for robots.txt checked,
a size cap on what is parsed, and one line, not a traceback, for a robots.txt not fetched.

In Scrapy 2.19 the requests that arrive while a host's robots.txt is downloading
all await one Deferred; the first awaiter's callback returns None, so every later
one gets None, "no robots.txt", and is let through. A shared crawl hits this at
once (a worker joins with many queued requests for a host it has not seen), so
after the wait the parser is read again from the middleware's table.

Only the first ``ARCHIVER_MAX_ROBOTSTXT_SIZE`` bytes (500 KiB, the limit the major
search engines apply) are parsed; the rest is ignored, as they ignore it (the whole
file is still captured in the WARC).
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

#: Bytes of a robots.txt that are parsed (the major search engines' limit).
DEFAULT_MAX_SIZE = 500 * 1024


def robots_head(body: bytes, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The part of a robots.txt body that is read: its first ``max_size`` bytes, to a line end."""
    if len(body) <= max_size:
        return body
    head = body[:max_size]
    return head[: head.rfind(b"\n") + 1] or head


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            await self._fetch_robots(request, netloc)
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):  # another request fetches it: wait, then read the table
            await maybe_deferred_to_future(parser)
            parser = self._parsers.get(netloc)
        return None if isinstance(parser, Deferred) else parser

    async def _fetch_robots(self, request: Request, netloc: str) -> None:
        self._parsers[netloc] = Deferred()
        url = urlparse_cached(request)
        robots = Request(f"{url.scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                         meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)  # fmt: skip
        try:
            response = await self.crawler.engine.download_async(robots)
            await self._parse_robots(response, netloc, request)
        except Exception as exc:
            if not isinstance(exc, IgnoreRequest):
                from archiver.crawl.failures import describe_exception

                logger.info("robots.txt of %s not read (%s): no rules apply", netloc, describe_exception(exc))
                logger.debug("robots.txt of %s", netloc, exc_info=True)
            self._robots_error(exc, netloc)
        self._stats.inc_value("robotstxt/request_count")

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        max_size = self.crawler.settings.getint("ARCHIVER_MAX_ROBOTSTXT_SIZE", DEFAULT_MAX_SIZE)
        if len(response.body) > max_size:
            logger.warning("%s: %d bytes, only the first %d read (ARCHIVER_MAX_ROBOTSTXT_SIZE)",
                           response.url, len(response.body), max_size)  # fmt: skip
            self._stats.inc_value("archiver/robotstxt_over_cap")
            response = response.replace(body=robots_head(response.body, max_size))
        await super()._parse_robots(response, netloc, request)
