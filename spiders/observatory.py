"""The ``observatory`` spider: crawl a whole site with zero configuration.

``archiver crawl URL|PROFILE`` runs it; so does ``scrapy crawl observatory -a start=URL``
(``-a profile=NAME`` applies a site profile to another URL). It starts from the
profile's start URLs and from the ``Sitemap:`` lines of robots.txt (fetched and
obeyed by Scrapy's RobotsTxtMiddleware; ``/sitemap.xml`` is tried without them), follows sitemap indexes, the RSS/Atom
feeds pages announce and every on-site link, and hands each final response to
the record pipeline as a :class:`~archiver.page.FetchedPage` whose kind comes
from the page itself (:mod:`archiver.crawl.pagetype`) or the profile's patterns.
HTML pages are parsed once, in the crawl's extraction pool (:mod:`archiver.crawl.analysis`):
links, kind, requisites and article fields come back together; the requisites go to
:mod:`archiver.extensions.pageresources`, which fetches them apart from the crawl's queue.

On a re-run, known pages are requested only when due (:mod:`archiver.state.recheck`), known
articles conditionally (a 304 confirms the stored capture). Each parsed page is judged by
what it brought (:mod:`archiver.crawl.traps`): URL templates whose pages keep bringing
nothing new stop being followed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from archiver.distributed.budget import SharedRequests

from archiver.capture.revalidation import META_REVALIDATE
from archiver.crawl import feeds
from archiver.crawl.extractpool import ExtractionPool, crawler_pool
from archiver.crawl.failures import BROKEN_LINK_STATUSES, describe_failure, failed_request, report_failure
from archiver.crawl.frontier import Frontier
from archiver.crawl.limits import PageBudget
from archiver.crawl.links import PageLinks
from archiver.crawl.traps import FOLLOW, LocalShapeStore, ShapeStore, TrapGuard
from archiver.downloadermiddlewares.robotstxt import robots_head
from archiver.extensions.crawlstate import CrawlStateKeeper, crawl_state
from archiver.extensions.pageresources import PageResources, page_resources
from archiver.extensions.writeguard import CaptureFailed
from archiver.extraction.decoding import is_text
from archiver.kinds import PageKind
from archiver.page import META_HINTS, META_LISTED, META_SITE, FetchedPage, fetched_page
from archiver.profiles import SiteProfile, resolve_profile
from archiver.records.pages import extraction_headers, no_record_reason, over_cap_reason
from archiver.state.recheck import sitemap_lastmods
from archiver.urls import canonicalize_url, folds_into_home, path_and_query, url_host, url_template

#: ``request.meta`` key of the start requests (their redirects may change host).
META_START = "archiver_start"
#: ``request.meta`` key of requests for guessed URLs, whose failure is no error.
META_OPTIONAL = "archiver_optional"
#: ``request.meta`` key of the URL template a request was counted under (archiver.crawl.traps).
META_SHAPE = "archiver_shape"


class ObservatorySpider(scrapy.Spider):
    name = "observatory"
    # Set by from_crawler (the site and its frontier) and start (the state and the pool).
    site: SiteProfile
    site_name: str
    frontier: Frontier
    state: CrawlStateKeeper | None  # the site's crawl state (archiver.extensions.crawlstate), if kept
    pool: ExtractionPool  # where pages are analyzed (archiver.crawl.extractpool)
    allowed_domains: list[str]

    def __init__(self, start: str = "", profile: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not start and not profile:
            raise ValueError("give -a start=URL or -a start=PROFILE (or -a profile=PROFILE)")
        self.target = start or str(profile)
        self.profile_name = profile if start else None
        self.state = None
        self.resources: PageResources | None = None  # fetches page requisites, if captured
        self.traps = TrapGuard(0)
        self.shared: SharedRequests | None = None  # the URLs every worker of a shared crawl requested
        self.not_due: dict[
            str, str
        ] = {}  # known URLs judged not due this run (a listed date may change that)
        self.withheld: set[str] = set()  # admitted URLs not requested: deferred, cut, over budget
        self.article_digests: set[str] = set()  # content digests of the articles parsed this run

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
        if settings.get("ARCHIVER_REDIS_URL"):  # budgets and traps count every worker's pages
            from archiver.distributed.budget import SharedRequests

            spider.shared = SharedRequests.from_settings(settings, site.name)
        budget = PageBudget(
            max_pages=settings.getint("ARCHIVER_MAX_PAGES"),
            per_pattern=settings.getint("ARCHIVER_MAX_PAGES_PER_PATTERN"),
            pattern_limits=site.pattern_limits,
            counter=spider.shared.count_page if spider.shared else None,
        )
        spider.frontier = Frontier(site.allowed_hosts, site.exclude_patterns, budget)
        spider.traps = TrapGuard(
            settings.getint("ARCHIVER_TRAP_IDLE_RUN"), spider.shape_store(settings, site.name)
        )
        crawler.signals.connect(spider.response_received, signal=signals.response_received)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.spider_closed, signal=signals.spider_closed)
        return spider

    @staticmethod
    def shape_store(settings: Any, site: str) -> ShapeStore:
        """Where the trap rule counts: this process, or the Redis every worker shares."""
        if settings.get("ARCHIVER_REDIS_URL"):
            from archiver.distributed.traps import RedisShapeStore

            return RedisShapeStore.from_settings(settings, site)
        return LocalShapeStore()

    async def start(self) -> AsyncIterator[Request]:
        self.state = crawl_state(self.crawler)
        self.pool = crawler_pool(self.crawler)
        self.resources = page_resources(self.crawler)
        requests: list[Request | None] = []
        for url in self.start_urls:  # may redirect to another host (www., https)
            if canonical := self.frontier.admit(url):
                requests.append(self.request(canonical, meta={META_START: True, "allow_offsite": True}))
        for url in self.state.pending_urls() if self.state else []:  # unfinished or failed work
            if canonical := self.frontier.admit(url):
                requests.append(self.request(canonical))
        if not self.settings.getbool("ROBOTSTXT_OBEY"):
            for url in {urljoin(u, "/robots.txt") for u in self.start_urls}:
                requests.append(self.request(url, callback=self.parse_robots))
        for request in requests:
            if request is not None:
                yield request

    def request(
        self, url: str, callback: Any = None, meta: dict | None = None, listed: str | None = None
    ) -> Request | None:
        """A request of this crawl, or None when the trap rule or the page budget withholds ``url``.

        Profile hints and name go in meta; a known page is re-checked conditionally.
        """
        if self.shared is not None and not self.shared.claim(url):
            return None  # another worker requests it
        shape = url_template(url)
        verdict = self.traps.admit(shape, url)
        if verdict != FOLLOW:
            self.withhold(url)
            self.crawler.stats.inc_value(f"archiver/trap_{verdict}")
            return None
        return self.counted_request(url, shape, callback, meta, listed)

    def counted_request(
        self, url: str, shape: str, callback: Any = None, meta: dict | None = None, listed: str | None = None
    ) -> Request | None:
        """:meth:`request` for a URL the trap rule already counts in flight."""
        if not self.frontier.budget.take_page(url):
            self.withhold(url)
            self.traps.judge(shape, None)  # never fetched: no longer in flight
            return None
        meta = {META_HINTS: self.site.hints, META_SITE: self.site.name, META_SHAPE: shape, **(meta or {})}
        headers: dict[str, str] = {}
        if listed:
            meta[META_LISTED] = listed
        if self.state:
            self.state.queue(url)
            if not meta.get(META_START) and (
                check := self.state.revalidation(url)
            ):  # start URLs: for their links
                meta[META_REVALIDATE] = check.to_meta()
                meta["handle_httpstatus_list"] = [304]
                headers = check.headers()
        return Request(url, callback=callback or self.parse, errback=self.failed, meta=meta, headers=headers)

    def withhold(self, url: str) -> None:
        """``url`` is not requested now (deferred, cut, over budget): pending in the state until the
        run ends cleanly, so a run stopped early (killed, full disk) leaves it to the next one."""
        self.withheld.add(url)
        if self.state:
            self.state.queue(url)

    def released(self, urls: Iterable[str]) -> Iterator[Request]:
        """Requests for deferred URLs the trap rule lets through now."""
        for url in urls:
            self.withheld.discard(url)
            if request := self.counted_request(url, url_template(url)):
                yield request

    def follow(
        self, urls: Iterable[str], listed: dict[str, str] | None = None, found: list[str] | None = None
    ) -> Iterator[Request]:
        """Requests for the URLs the frontier admits (new, in scope, within limits) and, on a
        re-run, that are due again (``listed``: a sitemap's or feed's dates, by URL). The
        URLs new to this run are added to ``found``."""
        admit = self.frontier.admit
        for url in urls:
            date = listed.get(url) if listed else None
            canonical = admit(url)
            if canonical is None:
                if date is not None and self.state:
                    yield from self.listed_again(canonicalize_url(url), date)
                continue
            if found is not None:
                found.append(canonical)
            if self.state and not self.state.due(canonical, date):
                self.not_due[canonical] = canonical
                if date is not None:
                    self.state.note_listed(canonical, date)  # the baseline a later change is told by
                continue
            if request := self.request(canonical, listed=date):
                yield request

    def listed_again(self, canonical: str, date: str) -> Iterator[Request]:
        """A URL already met this run, now listed with ``date``: requested if that makes it due."""
        if self.state is None or self.frontier is None:
            return
        if canonical in self.not_due:
            if self.state.due(canonical, date):
                del self.not_due[canonical]
                if request := self.request(canonical, listed=date):
                    yield request
        elif canonical in self.frontier.seen and canonical not in self.withheld:
            self.state.note_listed(canonical, date)  # requested this run: its fetch is of this version

    # --- robots.txt, sitemaps, feeds -------------------------------------------------
    def response_received(self, response: Response, request: Request) -> None:
        """Schedule the sitemaps of the robots.txt Scrapy fetched to obey it."""
        robots = request.callback is NO_CALLBACK and request.meta.get("dont_obey_robotstxt")
        if robots and urlsplit(request.url).path == "/robots.txt":
            for req in self.sitemap_requests(response):
                self.crawler.engine.crawl(req)

    def parse_robots(self, response: Response) -> Iterator[Any]:
        yield from self.released(self.traps.judge(self.shape_of(response), None))
        yield from self.sitemap_requests(response)
        yield fetched_page(response, kind=PageKind.OTHER)

    def sitemap_requests(self, robots: Response) -> Iterator[Request]:
        """Requests for the ``Sitemap:`` lines of ``robots``; without any, for /sitemap.xml."""
        body = robots_head(robots.body, self.settings.getint("ARCHIVER_MAX_ROBOTSTXT_SIZE"))
        listed = feeds.robots_sitemaps(body, robots.url) if robots.status == 200 else []
        yield from self.follow(listed)
        guess = None if listed else self.frontier.admit(urljoin(robots.url, "/sitemap.xml"))
        if guess and (request := self.request(guess, meta={META_OPTIONAL: True})):
            yield request

    # --- pages --------------------------------------------------------------------------
    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Any page: HTML is analyzed (links, kind, article) in the pool; sitemaps, feeds read."""
        if response.meta.get(META_START):
            self.adopt_host(response.url)
        if response.status == 304:  # a conditional re-check: the stored capture still holds
            for output in self.not_modified(response):
                yield output
            return
        canonical_url = self.frontier.mark_seen(response.url)
        found: list[str] = []
        if isinstance(response, HtmlResponse):
            outputs = await self.parse_html(response, canonical_url, found)
        else:
            outputs = list(self.parse_document(response, found))
        page = outputs[-1] if outputs and isinstance(outputs[-1], FetchedPage) else None
        productive = self.brought_something(response, page, canonical_url, found)
        article = page is not None and page.kind is PageKind.ARTICLE
        outputs[-1:-1] = self.released(self.traps.judge(self.shape_of(response), productive, article))
        for output in outputs:
            yield output

    def not_modified(self, response: Response) -> Iterator[Request]:
        """A 304: the state notes the re-check, the page's stored requisites are re-checked; no page,
        no record, no error."""
        page = fetched_page(response)
        if self.state and page.capture:
            self.state.confirmed(page.requested_url, page.capture, page.headers)
            if self.resources:  # the page is what it was: what it needs may have changed
                self.resources.page_not_modified(page.requested_url, page.site)
        yield from self.released(self.traps.judge(self.shape_of(response), None))

    @staticmethod
    def shape_of(response: Response) -> str:
        return response.meta.get(META_SHAPE) or url_template(
            response.request.url if response.request else response.url
        )

    def brought_something(
        self, response: Response, page: FetchedPage | None, canonical_url: str, found: list[str]
    ) -> bool | None:
        """The trap rule's judgment of a parsed page (None: a document with no links)."""
        own = (
            page is not None and page.kind is PageKind.ARTICLE and canonicalize_url(page.url) == canonical_url
        )
        new_article = page is not None and own and page.content_digest not in self.article_digests
        if page is not None and new_article:
            self.article_digests.add(page.content_digest)
        elif page is not None and page.kind is PageKind.OTHER and not found:
            return None
        return self.traps.productive(self.shape_of(response), found, new_article)

    def parse_document(self, response: Response, found: list[str]) -> Iterator[Any]:
        """A sitemap or feed: its URLs followed; any other document captured as it is. The page last."""
        max_size = self.settings.getint("ARCHIVER_MAX_SITEMAP_SIZE")
        body, cut = feeds.read_document(response.body, max_size)
        kind = feeds.document_kind(body)
        if cut and kind is not None:
            self.over_cap(response.url, f"{kind} over ARCHIVER_MAX_SITEMAP_SIZE ({max_size} bytes): "
                          "only the URLs of its first bytes are followed")  # fmt: skip
        if kind == feeds.DocumentKind.FEED:
            dates = feeds.feed_dates(body, response.url) if self.state else None  # only re-runs read them
            yield from self.follow(feeds.feed_urls(body, response.url), dates, found)
            yield fetched_page(response, kind=PageKind.FEED)
        elif kind is not None:
            lastmods = sitemap_lastmods(body, response.url) if self.state else None
            yield from self.follow(feeds.sitemap_urls(body, response.url), lastmods, found)
            yield fetched_page(response, kind=PageKind.SITEMAP)
        else:  # PDF reports, images ...: captured in the WARC, not extracted
            yield fetched_page(response, kind=PageKind.OTHER)

    async def parse_html(self, response: HtmlResponse, canonical_url: str, found: list[str]) -> list[Any]:
        """The requests for the page's links, then the page (with its article fields, if one)."""
        page = fetched_page(response)
        if not is_text(page.body):  # bytes served as HTML: captured, nothing to read in them
            page.kind = PageKind.OTHER
            return [page]
        links, page.kind = await self.analyze(page)
        declared = self.declared_canonical(links.canonical, canonical_url)
        outputs: list[Any] = []
        if declared != canonical_url:
            # A print version or an alias: the record comes from the canonical page.
            page.kind, page.fields, page.extraction_error = PageKind.OTHER, None, None
            outputs.extend(self.follow([declared], found=found))
        outputs.extend(self.follow(links.feeds, found=found))
        outputs.extend(self.follow([links.next_page] if links.next_page else [], found=found))
        outputs.extend(self.follow(links.anchors, found=found))
        # Last: the crawl state has queued the page's links before it records the page as done.
        outputs.append(page)
        return outputs

    async def analyze(self, page: FetchedPage) -> tuple[PageLinks, PageKind | None]:
        """The links and kind of an HTML page; its article fields go into ``page``, its
        requisites to the page resources.

        The site profile's article patterns name the kind when they match; otherwise the
        page itself does (:mod:`archiver.crawl.pagetype`). A page whose stored record came
        from the same content is not extracted again.
        """
        kind = PageKind.ARTICLE if self.site.is_article_url(path_and_query(page.url)) else None
        max_html = self.settings.getint("ARCHIVER_MAX_HTML_SIZE")
        body = page.body
        if len(body) > max_html:  # links from its first bytes only; no record (see no_record_reason)
            self.over_cap(page.url, over_cap_reason(page, max_html))
            body, kind = body[:max_html], PageKind.OTHER
        extract = no_record_reason(page, max_html) is None and not (self.state and self.state.unchanged(page))
        try:
            analysis = await self.pool.analyze(
                body, page.url, extraction_headers(page), page.hints, kind, extract, bool(self.resources)
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
        if self.resources and analysis.requisites is not None:
            self.resources.page_analyzed(page, analysis.requisites)
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
    def failed(self, failure: Failure) -> list[Request]:
        """Report a page that could not be fetched; the deferred URLs its end frees.

        Requests a middleware chose to drop (robots.txt, an off-site redirect) are
        counted as skipped, and a missed guess (``/sitemap.xml``) is no error.
        """
        request = failed_request(failure)
        freed = list(
            self.released(self.traps.judge(request.meta.get(META_SHAPE) or url_template(request.url), None))
        )
        url = request.url
        if request.meta.get(META_OPTIONAL):
            return freed
        status = failure.value.response.status if failure.check(HttpError) else None
        if status is None and failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("archiver/pages_skipped")
            self.logger.info("skipped: %s: %s", url, describe_failure(failure))
            return freed
        reason = f"HTTP {status}" if status else describe_failure(failure)
        stat = "archiver/pages_not_found" if status in BROKEN_LINK_STATUSES else "archiver/pages_failed"
        self.crawler.stats.inc_value(stat)
        kind = report_failure(self.crawler, url, reason, status)
        # A refused write was said once, by archiver.extensions.writeguard, for the whole crawl.
        level = logging.INFO if failure.check(CaptureFailed) else logging.WARNING
        self.logger.log(
            level, "%s: %s: %s", "broken link" if kind == "broken_link" else "failed", url, reason
        )
        return freed

    def over_cap(self, url: str, reason: str) -> None:
        """A document over one of the size caps: one line, and a count in the run's limits."""
        self.crawler.stats.inc_value("archiver/frontier_refused/over_cap")
        self.logger.warning("%s: %s", url, reason)

    def spider_idle(self) -> None:
        """Nothing left to fetch: the URLs still deferred by the trap rule (of templates not cut) go."""
        # A worker of a shared crawl is idle while others still fetch: their judgments free its URLs.
        requests = list(self.released(self.traps.drain(not self.settings.get("ARCHIVER_REDIS_URL"))))
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def spider_closed(self) -> None:
        for reason, count in self.frontier.budget.refused.items():
            self.crawler.stats.set_value(f"archiver/frontier_refused/{reason}", count)
        cut = self.traps.cut_shapes()
        for shape, counts in cut.items():
            self.logger.info("trap cut: %s after %d idle pages (%d URLs not followed)", shape,
                             counts["pages"], counts["refused"])  # fmt: skip
        self.crawler.stats.set_value("archiver/traps_cut", cut)
