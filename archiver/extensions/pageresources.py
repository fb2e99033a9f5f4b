"""Captures the requisites of every HTML page: stylesheets, scripts, fonts, images.

Spiders hand each analyzed page's requisites (:mod:`archiver.crawl.requisites`) to
:meth:`PageResources.request`; the record pipeline awaits the capture of a record's
lead image with :meth:`PageResources.capture_of`. Each URL is fetched once per run,
however many pages use it, straight through the downloader
(``engine.download_async``): the downloader middlewares apply (robots.txt of each host,
retries, redirects, the WARC capture), and each host's resources share a downloader slot
with the host's politeness settings (delay, concurrency), apart from its pages; the
scheduler and the spider do not apply, so a resource never feeds link discovery, never gets a record, and
a page waiting for its image never blocks the queue the image would wait in.
A fetched stylesheet's own ``@import`` and ``url()`` follow, ``ARCHIVER_CSS_DEPTH``
levels deep.

With a crawl state (:mod:`archiver.extensions.crawlstate`), later runs re-check a known
resource conditionally (``If-None-Match`` / ``If-Modified-Since`` from its stored
validators): a 304 is captured as a ``server-not-modified`` revisit of the stored capture
(:mod:`archiver.capture.revalidation`), and that revisit is the resource's capture in this
run (a record's image pointer names it; replay tools follow its ``WARC-Refers-To``). The
state keeps the requisites of every page and stylesheet read, so that a page (or a
stylesheet) answered 304 has its requisites re-checked all the same.

Settings: ``ARCHIVER_PAGE_RESOURCES`` (all | styles | none), and the caps
``ARCHIVER_REQUISITES_PER_PAGE``, ``ARCHIVER_RESOURCE_MAXSIZE`` (bytes per resource)
and ``ARCHIVER_RESOURCE_BYTES_PER_SITE`` (bytes of resources per site and run);
what they skip is counted under ``archiver/resources_skipped/<reason>``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import Request, Response

from archiver.capture.revalidation import META_REVALIDATE
from archiver.crawl.cssurls import stylesheet_requisites
from archiver.crawl.requisite import Requisite, ResourceKind, ResourceMode
from archiver.crawl.requisites import PageRequisites
from archiver.extensions.crawlstate import crawl_state
from archiver.page import META_CAPTURE, FetchedPage
from archiver.urls import url_host

logger = logging.getLogger(__name__)

#: ``request.meta`` key of a requisite's request: its :class:`ResourceKind`.
META_RESOURCE = "archiver_resource"
#: ``Accept`` a browser sends for each kind.
ACCEPT = {
    ResourceKind.STYLESHEET: "text/css,*/*;q=0.1",
    ResourceKind.IMAGE: "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
}
_STAT = "archiver/resources"
#: Suffix of the downloader slot of a host's resources: a slot of their own, with the same
#: delay and concurrency as the host's pages, so that pages never wait behind their images.
RESOURCE_SLOT = "(page resources)"


class Skipped(StrEnum):
    """Why a requisite was not captured."""

    PER_PAGE = "per_page_cap"  # ARCHIVER_REQUISITES_PER_PAGE
    TOO_LARGE = "too_large"  # ARCHIVER_RESOURCE_MAXSIZE
    SITE_BUDGET = "site_budget"  # ARCHIVER_RESOURCE_BYTES_PER_SITE
    ROBOTS = "robots"  # the host's robots.txt
    MODE = "mode"  # ARCHIVER_PAGE_RESOURCES leaves the kind out


@dataclass(frozen=True)
class ResourceCapture:
    """What became of one requisite: its capture (pointer, see :mod:`archiver.page`) or why none."""

    url: str
    capture: dict[str, Any] | None = None
    reason: str | None = None  # why it is not captured (None: captured with a 2xx)


def page_resources(crawler: Crawler) -> PageResources | None:
    """The crawl's :class:`PageResources`, or None when it captures no page resources."""
    return crawler.get_extension(PageResources)


class PageResources:
    """The requisites of this run: fetched once each, their outcomes kept for the records."""

    def __init__(self, crawler: Crawler, mode: ResourceMode) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.mode = mode
        self.per_page = settings.getint("ARCHIVER_REQUISITES_PER_PAGE")
        self.maxsize = settings.getint("ARCHIVER_RESOURCE_MAXSIZE")
        self.site_budget = settings.getint("ARCHIVER_RESOURCE_BYTES_PER_SITE")
        self.css_depth = settings.getint("ARCHIVER_CSS_DEPTH")
        self.outcomes: dict[str, asyncio.Future[ResourceCapture]] = {}
        self.site_bytes: Counter[str] = Counter()
        self._tasks: set[asyncio.Task] = set()
        # A record waits this long at most for its image: every retry timing out, backoffs included.
        retries = settings.getint("RETRY_TIMES") + 1
        self.wait_limit = retries * (settings.getfloat("DOWNLOAD_TIMEOUT") + settings.getfloat(
            "ARCHIVER_RETRY_BACKOFF_MAX", 30.0)) + 60  # fmt: skip

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageResources:
        mode = ResourceMode.parse(crawler.settings.get("ARCHIVER_PAGE_RESOURCES", "all"))
        if mode is ResourceMode.NONE:
            raise NotConfigured
        extension = cls(crawler, mode)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # --- asking -----------------------------------------------------------------------
    def page_analyzed(self, page: FetchedPage, requisites: PageRequisites) -> None:
        """Fetch what the analyzed ``page`` needs; its lead images first, named by the URL shown.

        A record's ``images[].url`` becomes the image the page shows (the lazy image, not
        its placeholder) and is fetched even when it is no requisite (an ``og:image``).
        """
        if not 200 <= page.status < 300:
            return
        leads = []
        for image in (page.fields or {}).get("images") or []:
            if image.get("url"):
                image["url"] = requisites.shown_url(image["url"])
                leads.append(Requisite(image["url"], ResourceKind.IMAGE))
        wanted = list(dict.fromkeys([*leads, *requisites.resources]))
        if state := crawl_state(self.crawler):
            state.note_requisites(page.requested_url, wanted)
        self.request(wanted, page.url, page.site)

    def page_not_modified(self, url: str, site: str | None) -> None:
        """A conditional re-check of the page ``url`` was answered 304: re-check the requisites it
        had when it was last read (the crawl state keeps them), as the page is still what it was."""
        if state := crawl_state(self.crawler):
            self.request(state.requisites_of(url), url, site)

    def request(self, requisites: Iterable[Requisite], referer: str, site: str | None) -> None:
        """Fetch the ``requisites`` of the page ``referer`` (of ``site``) not yet asked for this run."""
        self._request(requisites, referer, site or url_host(referer), depth=0)

    def _request(self, requisites: Iterable[Requisite], referer: str, site: str, depth: int) -> None:
        count = 0
        for requisite in requisites:
            if not self.mode.captures(requisite.kind):
                self._skip(requisite.url, Skipped.MODE, count_it=False)
                continue
            count += 1
            if requisite.url in self.outcomes:
                continue
            if self.per_page and count > self.per_page:
                self._skip(requisite.url, Skipped.PER_PAGE)
            elif self.site_budget and self.site_bytes[site] >= self.site_budget:
                self._skip(requisite.url, Skipped.SITE_BUDGET)
            else:
                future = self.outcomes[requisite.url] = asyncio.get_running_loop().create_future()
                task = asyncio.ensure_future(self._fetch(requisite, referer, site, depth, future))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def _skip(self, url: str, reason: Skipped, count_it: bool = True) -> None:
        if count_it:
            self.stats.inc_value(f"{_STAT}_skipped/{reason.value}")
        if url not in self.outcomes:
            future = self.outcomes[url] = asyncio.get_running_loop().create_future()
            future.set_result(ResourceCapture(url, reason=_REASONS[reason]))

    async def capture_of(self, url: str) -> ResourceCapture:
        """What became of ``url`` in this run (waits for its fetch to end)."""
        future = self.outcomes.get(url)
        if future is None:
            return ResourceCapture(url, reason="not a requisite of the page")
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.wait_limit)
        except TimeoutError:
            return ResourceCapture(url, reason=f"still downloading after {self.wait_limit:.0f} s")

    # --- fetching -----------------------------------------------------------------------
    async def _fetch(
        self, requisite: Requisite, referer: str, site: str, depth: int, future: asyncio.Future
    ) -> None:
        try:
            outcome = await self._download(requisite, referer, site, depth)
        except Exception as exc:  # a bug here must not leave a record waiting forever
            logger.error("resource %s: %s", requisite.url, exc, exc_info=True)
            outcome = ResourceCapture(requisite.url, reason=f"{type(exc).__name__}: {exc}")
        future.set_result(outcome)

    async def _download(self, requisite: Requisite, referer: str, site: str, depth: int) -> ResourceCapture:
        url = requisite.url
        maxsize = self.maxsize
        if self.site_budget:
            left = self.site_budget - self.site_bytes[site]
            maxsize = min(maxsize, left) if maxsize else left
        headers = {"Referer": referer}
        if accept := ACCEPT.get(requisite.kind):
            headers["Accept"] = accept
        meta = {META_RESOURCE: requisite.kind, "allow_offsite": True, "download_maxsize": maxsize,
                "download_slot": f"{urlsplit(url).hostname} {RESOURCE_SLOT}"}  # fmt: skip
        if (state := crawl_state(self.crawler)) and (check := state.resource_revalidation(url)):
            headers.update(check.headers())  # a known resource: unchanged -> 304 -> a revisit
            meta[META_REVALIDATE] = check.to_meta()
        request = Request(url, headers=headers, meta=meta, dont_filter=True)
        self.stats.inc_value(f"{_STAT}_requested")
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:
            self.stats.inc_value(f"{_STAT}_skipped/{Skipped.ROBOTS.value}")
            logger.info("resource skipped: %s: %s", url, exc)
            return ResourceCapture(url, reason=str(exc) or "ignored")
        except DownloadCancelledError:
            reason = Skipped.TOO_LARGE if maxsize == self.maxsize else Skipped.SITE_BUDGET
            self.stats.inc_value(f"{_STAT}_skipped/{reason.value}")
            logger.info("resource skipped: %s: %s (%d bytes)", url, _REASONS[reason], maxsize)
            return ResourceCapture(url, reason=f"{_REASONS[reason]} ({maxsize} bytes)")
        except Exception as exc:
            self.stats.inc_value(f"{_STAT}_failed")
            logger.warning("resource failed: %s: %s: %s", url, type(exc).__name__, exc)
            return ResourceCapture(url, reason=f"{type(exc).__name__}: {exc}")
        return self._fetched(requisite, response, referer, site, depth)

    def _fetched(
        self, requisite: Requisite, response: Response, referer: str, site: str, depth: int
    ) -> ResourceCapture:
        capture = response.meta.get(META_CAPTURE)
        self.stats.inc_value(f"{_STAT}_fetched")
        self.stats.inc_value(f"{_STAT}_bytes", len(response.body))
        self.site_bytes[site] += len(response.body)
        state = crawl_state(self.crawler)
        if state:
            state.resource_fetched(requisite.url, response, capture)
        if response.status == 304 and capture and capture.get("not_modified"):
            # Unchanged since the stored capture: the revisit (WARC-Refers-To that capture) is its
            # capture now, and a stylesheet's own requisites are re-checked from the state.
            self.stats.inc_value(f"{_STAT}_not_modified")
            if depth < self.css_depth and state:
                self._request(state.requisites_of(requisite.url), referer, site, depth + 1)
            return ResourceCapture(requisite.url, capture)
        if not 200 <= response.status < 300:
            self.stats.inc_value(f"{_STAT}_http_errors")
            logger.info("resource %s: HTTP %d (captured)", requisite.url, response.status)
            return ResourceCapture(requisite.url, capture, f"HTTP {response.status}")
        if depth < self.css_depth and _is_stylesheet(requisite, response):
            found = stylesheet_requisites(response.body, response.url, _charset(response))
            if state:
                state.note_requisites(requisite.url, found)
            self._request(found, referer, site, depth + 1)
        if capture is None:
            return ResourceCapture(requisite.url, reason="not written to the WARC")
        return ResourceCapture(requisite.url, capture)

    def spider_closed(self) -> None:
        """Count the fetches the end of the crawl cut short (the engine, idle, has none left)."""
        unfinished = [task for task in self._tasks if not task.done()]
        if unfinished:
            logger.warning("%d resource fetches unfinished when the crawl closed", len(unfinished))
            self.stats.set_value(f"{_STAT}_unfinished", len(unfinished))


_REASONS = {
    Skipped.PER_PAGE: "over ARCHIVER_REQUISITES_PER_PAGE",
    Skipped.TOO_LARGE: "larger than ARCHIVER_RESOURCE_MAXSIZE",
    Skipped.SITE_BUDGET: "over ARCHIVER_RESOURCE_BYTES_PER_SITE",
    Skipped.ROBOTS: "forbidden by robots.txt",
    Skipped.MODE: "not captured with ARCHIVER_PAGE_RESOURCES",
}


def _is_stylesheet(requisite: Requisite, response: Response) -> bool:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    return "text/css" in content_type or (requisite.kind is ResourceKind.STYLESHEET and not content_type)


def _charset(response: Response) -> str | None:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"')
    return None
