"""The ``observatory`` spider: crawl a whole site with zero configuration.

``archiver crawl URL|PROFILE`` runs it; so does ``scrapy crawl observatory -a start=URL``
(``-a profile=NAME`` applies a site profile to another URL). It starts from the
profile's start URLs and from the ``Sitemap:`` lines of robots.txt (fetched and
obeyed by Scrapy's RobotsTxtMiddleware; ``/sitemap.xml`` is tried without them), follows sitemap indexes, the RSS/Atom
feeds pages announce and every on-site link, and hands each final response to
the record pipeline as a :class:`~archiver.page.FetchedPage` whose kind comes
from the page itself (:mod:`archiver.crawl.pagetype`) or the profile's patterns.
HTML pages are parsed once, in the crawl's extraction pool (:mod:`archiver.crawl.analysis`):
links, kind and article fields come back together.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archiver.crawl import feeds
from archiver.crawl.frontier import Frontier
from archiver.crawl.limits import PageBudget
from archiver.crawl.links import PageLinks
from archiver.downloadermiddlewares.robotstxt import robots_head
from archiver.extensions.crawlstate import crawl_state
from archiver.extensions.writeguard import CaptureFailed
from archiver.extraction.decoding import is_text
from archiver.extractpool import ExtractionPool, crawler_pool
from archiver.failures import BROKEN_LINK_STATUSES, describe_failure, report_failure
from archiver.page import META_HINTS, META_SITE, FetchedPage, fetched_page
from archiver.pipelines.records import extraction_headers, no_record_reason, over_cap_reason
from archiver.profiles import SiteProfile, resolve_profile
from archiver.state.recheck import sitemap_lastmods
from archiver.urls import canonicalize_url, folds_into_home, path_and_query, url_host

#: ``request.meta`` key of the start requests (their redirects may change host).
META_START = "archiver_start"
#: ``request.meta`` key of requests for guessed URLs, whose failure is no error.
META_OPTIONAL = "archiver_optional"


class ObservatorySpider(scrapy.Spider):
    name = "observatory"

    def __init__(self, start: str = "", profile: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not start and not profile:
            raise ValueError("give -a start=URL or -a start=PROFILE (or -a profile=PROFILE)")
        self.target = start or str(profile)
        self.profile_name = profile if start else None
        self.site: SiteProfile | None = None
        self.frontier: Frontier | None = None
        self.state = None  # the site's crawl state (archiver.extensions.crawlstate), if kept
        self.pool: ExtractionPool | None = None  # where pages are analyzed (archiver.extractpool)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ObservatorySpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        site = resolve_profile(spider.target, settings.getlist("ARCHIVER_SITES_DIRS"), spider.profile_name)
        # The profile's settings and limits beat the defaults; -s NAME=VALUE beats both.
        settings.update({**site.settings, **site.limit_settings()}, priority="spider")
        if settings.get("ARCHIVER_REDIS_URL"):  # one worker of a crawl shared through Redis
            from archiver.distributed.settings import apply_shared_crawl

            apply_shared_crawl(settings, site.name)
        spider.site = site
        spider.site_name = site.name
        spider.start_urls = list(site.start_urls)
        spider.allowed_domains = list(site.allowed_hosts)  # Scrapy's offsite filter: redirects too
        budget = PageBudget(
            max_pages=settings.getint("ARCHIVER_MAX_PAGES"),
            per_pattern=settings.getint("ARCHIVER_MAX_PAGES_PER_PATTERN"),
            pattern_limits=site.pattern_limits,
        )
        spider.frontier = Frontier(site.allowed_hosts, site.exclude_patterns, budget)
        crawler.signals.connect(spider.response_received, signal=signals.response_received)
        crawler.signals.connect(spider.spider_closed, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self.state = crawl_state(self.crawler)
        self.pool = crawler_pool(self.crawler)
        for url in self.start_urls:  # may redirect to another host (www., https)
            if canonical := self.frontier.admit(url):
                yield self.request(canonical, meta={META_START: True, "allow_offsite": True})
        for url in self.state.pending_urls() if self.state else []:  # a killed run's unfinished work
            if canonical := self.frontier.admit(url):
                yield self.request(canonical)
        if not self.settings.getbool("ROBOTSTXT_OBEY"):
            for url in {urljoin(u, "/robots.txt") for u in self.start_urls}:
                yield self.request(url, callback=self.parse_robots)

    def request(self, url: str, callback: Any = None, meta: dict | None = None) -> Request:
        """A request of this crawl: profile hints and name in meta, failures reported."""
        meta = {META_HINTS: self.site.hints, META_SITE: self.site.name, **(meta or {})}
        if self.state:
            self.state.queue(url)
        return Request(url, callback=callback or self.parse, errback=self.failed, meta=meta)

    def follow(self, urls: Iterable[str], lastmods: dict[str, str] | None = None) -> Iterator[Request]:
        """Requests for the URLs the frontier admits (new, in scope, within limits) and,
        on a re-run, that are due again (``lastmods``: a sitemap's, by URL)."""
        admit = self.frontier.admit
        for url in urls:
            if (canonical := admit(url)) and (
                not self.state or self.state.due(canonical, (lastmods or {}).get(url))
            ):
                yield self.request(canonical)

    # --- robots.txt, sitemaps, feeds -------------------------------------------------
    def response_received(self, response: Response, request: Request) -> None:
        """Schedule the sitemaps of the robots.txt Scrapy fetched to obey it."""
        robots = request.callback is NO_CALLBACK and request.meta.get("dont_obey_robotstxt")
        if robots and urlsplit(request.url).path == "/robots.txt":
            for req in self.sitemap_requests(response):
                self.crawler.engine.crawl(req)

    def parse_robots(self, response: Response) -> Iterator[Any]:
        yield fetched_page(response, kind="other")
        yield from self.sitemap_requests(response)

    def sitemap_requests(self, robots: Response) -> Iterator[Request]:
        """Requests for the ``Sitemap:`` lines of ``robots``; without any, for /sitemap.xml."""
        body = robots_head(robots.body, self.settings.getint("ARCHIVER_MAX_ROBOTSTXT_SIZE"))
        listed = feeds.robots_sitemaps(body, robots.url) if robots.status == 200 else []
        yield from self.follow(listed)
        if not listed and (guess := self.frontier.admit(urljoin(robots.url, "/sitemap.xml"))):
            yield self.request(guess, meta={META_OPTIONAL: True})

    # --- pages --------------------------------------------------------------------------
    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Any page: HTML is analyzed (links, kind, article) in the pool; sitemaps, feeds read."""
        if response.meta.get(META_START):
            self.adopt_host(response.url)
        canonical_url = self.frontier.mark_seen(response.url)
        outputs = (
            await self.parse_html(response, canonical_url)
            if isinstance(response, HtmlResponse)
            else self.parse_document(response)
        )
        for output in outputs:
            yield output

    def parse_document(self, response: Response) -> Iterator[Any]:
        """A sitemap or feed: its URLs followed; any other document captured as it is."""
        max_size = self.settings.getint("ARCHIVER_MAX_SITEMAP_SIZE")
        body, cut = feeds.read_document(response.body, max_size)
        kind = feeds.document_kind(body)
        if cut and kind is not None:
            self.over_cap(response.url, f"{kind} over ARCHIVER_MAX_SITEMAP_SIZE ({max_size} bytes): "
                          "only the URLs of its first bytes are followed")  # fmt: skip
        if kind == feeds.FEED:
            yield fetched_page(response, kind="feed")
            yield from self.follow(feeds.feed_urls(body, response.url))
        elif kind is not None:
            yield fetched_page(response, kind="sitemap")
            lastmods = sitemap_lastmods(body, response.url) if self.state else None  # only re-runs read them
            yield from self.follow(feeds.sitemap_urls(body, response.url), lastmods)
        else:  # PDF reports, images ...: captured in the WARC, not extracted
            yield fetched_page(response, kind="other")

    async def parse_html(self, response: HtmlResponse, canonical_url: str) -> list[Any]:
        """The requests for the page's links, then the page (with its article fields, if one)."""
        page = fetched_page(response)
        if not is_text(page.body):  # bytes served as HTML: captured, nothing to read in them
            page.kind = "other"
            return [page]
        links, page.kind = await self.analyze(page)
        declared = self.declared_canonical(links.canonical, canonical_url)
        outputs: list[Any] = []
        if declared != canonical_url:
            # A print version or an alias: the record comes from the canonical page.
            page.kind, page.fields, page.extraction_error = "other", None, None
            outputs.extend(self.follow([declared]))
        outputs.extend(self.follow(links.feeds))
        outputs.extend(self.follow([links.next_page] if links.next_page else []))
        outputs.extend(self.follow(links.anchors))
        # Last: the crawl state has queued the page's links before it records the page as done.
        outputs.append(page)
        return outputs

    async def analyze(self, page: FetchedPage) -> tuple[PageLinks, str | None]:
        """The links and kind of an HTML page; its article fields go into ``page``.

        The site profile's article patterns name the kind when they match; otherwise the
        page itself does (:mod:`archiver.crawl.pagetype`). A page whose stored record came
        from the same content is not extracted again.
        """
        kind = "article" if self.site.is_article_url(path_and_query(page.url)) else None
        max_html = self.settings.getint("ARCHIVER_MAX_HTML_SIZE")
        body = page.body
        if len(body) > max_html:  # links from its first bytes only; no record (see no_record_reason)
            self.over_cap(page.url, over_cap_reason(page, max_html))
            body, kind = body[:max_html], "other"
        extract = no_record_reason(page, max_html) is None and not (self.state and self.state.unchanged(page))
        try:
            analysis = await self.pool.analyze(
                body, page.url, extraction_headers(page), page.hints, kind, extract
            )
        except Exception as exc:  # a dead worker, a parser crash: report, keep crawling
            self.logger.error("page analysis failed for %s (its links are not followed): %s", page.url, exc)
            self.logger.debug("page analysis of %s", page.url, exc_info=True)
            page.extraction_error = f"page analysis failed: {type(exc).__name__}: {exc}"
            return PageLinks(), kind
        if analysis.error:
            self.logger.error("extraction failed for %s: %s", page.url, analysis.error)
            self.logger.debug("extraction of %s: %s", page.url, analysis.trace)
            page.extraction_error = analysis.error
        page.fields = analysis.fields
        max_links = self.settings.getint("ARCHIVER_MAX_LINKS_PER_PAGE")
        if len(analysis.links.anchors) > max_links:
            self.over_cap(page.url, f"{len(analysis.links.anchors)} links, over ARCHIVER_MAX_LINKS_PER_PAGE "
                          f"({max_links}): the first {max_links} are followed")  # fmt: skip
            del analysis.links.anchors[max_links:]
        return analysis.links, analysis.kind

    def declared_canonical(self, declared: str | None, canonical_url: str) -> str:
        """The page's ``rel=canonical`` when it is on the site, else its own canonical URL.

        A canonical naming the home page of an inner page is a CMS misconfiguration
        (every page would fold into one), so it is ignored.
        """
        if not declared or not self.frontier.in_scope(declared):
            return canonical_url
        declared = canonicalize_url(declared)
        return canonical_url if folds_into_home(declared, canonical_url) else declared

    def adopt_host(self, url: str) -> None:
        """A start URL landed on another host (``www.``, a new domain): crawl that host too."""
        host = url_host(url)
        if host and host not in self.frontier.allowed_hosts:
            self.logger.info("start URL moved to %s: following that host too", host)
            self.frontier.allowed_hosts.add(host)
            self.allowed_domains = [*self.allowed_domains, host]

    # --- failures and the end -----------------------------------------------------------
    def failed(self, failure: Failure) -> None:
        """Report a page that could not be fetched.

        Requests a middleware chose to drop (robots.txt, an off-site redirect) are
        counted as skipped, and a missed guess (``/sitemap.xml``) is no error.
        """
        url = failure.request.url
        if failure.request.meta.get(META_OPTIONAL):
            return
        status = failure.value.response.status if failure.check(HttpError) else None
        if status is None and failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("archiver/pages_skipped")
            self.logger.info("skipped: %s: %s", url, describe_failure(failure))
            return
        reason = f"HTTP {status}" if status else describe_failure(failure)
        stat = "archiver/pages_not_found" if status in BROKEN_LINK_STATUSES else "archiver/pages_failed"
        self.crawler.stats.inc_value(stat)
        kind = report_failure(self.crawler, url, reason, status)
        # A refused write was said once, by archiver.extensions.writeguard, for the whole crawl.
        level = logging.INFO if failure.check(CaptureFailed) else logging.WARNING
        self.logger.log(
            level, "%s: %s: %s", "broken link" if kind == "broken_link" else "failed", url, reason
        )

    def over_cap(self, url: str, reason: str) -> None:
        """A document over one of the size caps: one line, and a count in the run's limits."""
        self.crawler.stats.inc_value("archiver/frontier_refused/over_cap")
        self.logger.warning("%s: %s", url, reason)

    def spider_closed(self) -> None:
        for reason, count in self.frontier.budget.refused.items():
            self.crawler.stats.set_value(f"archiver/frontier_refused/{reason}", count)
