"""Default Scrapy settings of the archiver, as data (``scrapy.cfg`` points here).

Every value can be overridden per run (``archiver crawl -s NAME=VALUE``) or per site
(the ``[politeness]``/``[settings]`` tables of a site profile).
"""

from archiver import PLACEHOLDER_CONTACT_URL, user_agent

BOT_NAME = "archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "archiver.commands"  # scrapy crawl runs a site crawl as archiver crawl does

# --- where things go -------------------------------------------------------
ARCHIVER_ARCHIVE_DIR = "archive"  # warc/, records/, runs/ below it
ARCHIVER_WARC_PREFIX = "archiver"
ARCHIVER_WARC_MAX_SIZE = 1_000_000_000  # rotate WARC files at about 1 GB
ARCHIVER_WARC_GZIP_LEVEL = 6  # warcio's default 9 costs ~13% more for ~1% smaller files
ARCHIVER_WARC_DESCRIPTION = "archiver capture"
ARCHIVER_WARC_OPERATOR = ""
# Processes that parse, classify and extract pages: a number (0: in the crawler's process)
# or auto (one per core, up to 4; none on a single core).
ARCHIVER_EXTRACT_WORKERS = "auto"

# --- an honest client --------------------------------------------------------
ARCHIVER_CONTACT_URL = (
    PLACEHOLDER_CONTACT_URL  # set yours: -s ARCHIVER_CONTACT_URL=... (a crawl warns until then)
)
USER_AGENT = user_agent(ARCHIVER_CONTACT_URL)  # follows ARCHIVER_CONTACT_URL (archiver.addons)
ADDONS = {"archiver.addons.ContactUserAgent": 0}
ROBOTSTXT_OBEY = True
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "fr,en;q=0.8,*;q=0.5",
    # Scrapy would add br and zstd. warcio and pywb read br only with brotlipy, which Scrapy's
    # brotli (Google's) replaces, and zstd not at all: their captures would fail `warcio check`.
    "Accept-Encoding": "gzip, deflate",
}

# --- politeness ----------------------------------------------------------------
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 0.5
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy runs this many tasks for every callback's output; a page yields one item,
# so Scrapy's default of 100 only costs time (1-2 ms per page in asyncio tasks).
CONCURRENT_ITEMS = 8
RETRY_ENABLED = True
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0  # no line per large response: the size caps below say what is not read
# A body cut off mid-way is still captured (flagged WARC-Truncated), never dropped.
DOWNLOAD_FAIL_ON_DATALOSS = False
# Retries wait base * 2**(n-1) seconds (or the server's Retry-After), at most MAX.
ARCHIVER_RETRY_BACKOFF_BASE = 1.0
ARCHIVER_RETRY_BACKOFF_MAX = 30.0

# --- whole-site crawls: scope and crawler-trap bounds (spiders/observatory.py) -----
ARCHIVER_SITES_DIRS: list[str] = []  # extra folders of site profiles (*.toml)
ARCHIVER_MAX_PAGES = 0  # per site; 0: no limit
ARCHIVER_MAX_PAGES_PER_PATTERN = (
    0  # fixed budget per digit-folded URL shape; 0: none (traps are cut by yield)
)
ARCHIVER_TRAP_IDLE_RUN = 10  # idle pages of one URL template in a row before it is no longer followed; 0: off
DEPTH_LIMIT = (
    0  # no depth bound: a pagination of any length is walked; traps are cut by yield (ARCHIVER_TRAP_IDLE_RUN)
)
URLLENGTH_LIMIT = 2083
# Size caps: what is read of a document (all of it is captured). Larger ones get one line each.
ARCHIVER_MAX_ROBOTSTXT_SIZE = 500 * 1024  # bytes of robots.txt parsed, as the major search engines do
ARCHIVER_MAX_SITEMAP_SIZE = 10 * 1024 * 1024  # bytes of a sitemap or feed read (after gunzip)
ARCHIVER_MAX_LINKS_PER_PAGE = 5000  # links of one HTML page followed
ARCHIVER_MAX_HTML_SIZE = 4 * 1024 * 1024  # bytes of HTML handed to extraction; larger: no record
ARCHIVER_PROGRESS_INTERVAL = 5.0  # seconds between progress lines on stderr; 0: none
ARCHIVER_STATS_INTERVAL = (
    5.0  # seconds between rewrites of runs/<run-id>.json while a run goes on; 0: at the end only
)

# --- the record path: pages in the item pipelines (archiver/spidermiddlewares/pagehandoff.py) ---
# A page's record may wait for its lead image; pages in the pipelines do not hold Scrapy's
# scraper slot, these bound them instead (bytes of page bodies, pages; 0: no bound).
ARCHIVER_PAGES_WAITING_SIZE = 32 * 1024 * 1024
ARCHIVER_PAGES_WAITING = 1000

# --- page requisites: what each HTML page needs to display (archiver/extensions/pageresources.py) ---
# all: stylesheets, scripts, fonts and images; styles: no images; none: the HTML only.
ARCHIVER_PAGE_RESOURCES = "all"
ARCHIVER_REQUISITES_PER_PAGE = 100  # resources one page (or stylesheet) may add; 0: no cap
ARCHIVER_RESOURCE_MAXSIZE = 20 * 1024 * 1024  # bytes of one resource; larger ones are not captured
ARCHIVER_RESOURCE_BYTES_PER_SITE = 2 * 1024**3  # bytes of resources per site and run; 0: no cap
ARCHIVER_CSS_DEPTH = 3  # levels of a stylesheet's @import (and url()) followed

# --- one crawl shared by several workers (archiver/distributed/, needs the `redis` extra) ---
ARCHIVER_REDIS_URL = ""  # redis://HOST:PORT/DB: this process is one worker of a shared crawl
ARCHIVER_WORKER_ID = ""  # in WARC file names; empty: <host>-<pid>
ARCHIVER_REDIS_IDLE_CLOSE = 10.0  # seconds the shared queue must stay empty (and every worker idle)
ARCHIVER_REDIS_HEARTBEAT = 1.0  # seconds between a worker's reports (and its polls of the queue)
ARCHIVER_REDIS_WORKER_TIMEOUT = 15.0  # a worker silent this long is gone (killed, lost)
# Run before a worker starts (archiver.crawl.run): Redis answers, no live namesake, own WARCs repaired.
ARCHIVER_REDIS_REJOIN = "archiver.distributed.rejoin.rejoin"

# --- scheduled re-runs: crawl state, re-checks, revisits (archiver/state/) --------
ARCHIVER_RECHECK_INTERVAL = 7 * 24 * 3600  # seconds before a known article is fetched again; 0: always
ARCHIVER_STATE_FLUSH_INTERVAL = 1.0  # seconds between commits of the crawl state
# Payloads the archive already holds are written as revisit records; "" turns that off.
ARCHIVER_DIGEST_INDEX = "archiver.state.digests.SqliteDigestIndex"

# --- the capture → extract → store path ------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Above HttpCompression (590) and Redirect (600): sees raw bodies and every hop.
    "archiver.downloadermiddlewares.warccapture.WarcCaptureMiddleware": 950,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "archiver.downloadermiddlewares.retry.BackoffRetryMiddleware": 550,
    # Scrapy 2.19 lets through requests that waited for robots.txt (archiver/downloadermiddlewares/robotstxt.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "archiver.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100,
    # Off-site requests a crawl allows (page requisites on other hosts) obey those hosts' robots.txt.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "archiver.downloadermiddlewares.offsite.OffsiteMiddleware": 50,
    # The public suffix list from the package: nothing written to ~/.cache, no download.
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "archiver.downloadermiddlewares.cookies.CookiesMiddleware": 700,
}
SPIDER_MIDDLEWARES = {
    # Closest to the engine: sees each callback's output last and hands its page to the pipelines.
    "archiver.spidermiddlewares.pagehandoff.PageHandoff": 10,
}
ITEM_PIPELINES = {
    "archiver.pipelines.records.ArticleRecordPipeline": 300,
}
EXTENSIONS = {
    "archiver.extensions.progress.ProgressLine": 500,
    "archiver.extensions.runstats.RunStats": 500,
    "archiver.extensions.crawlstate.CrawlStateKeeper": 500,  # site crawls only
    "archiver.extensions.pageresources.PageResources": 500,  # unless ARCHIVER_PAGE_RESOURCES=none
    "archiver.distributed.sharedcrawl.SharedCrawl": 500,  # only with ARCHIVER_REDIS_URL
    "archiver.extensions.writeguard.ArchiveWriteGuard": 500,  # a full disk stops the crawl
}

# --- feeds (scrapy crawl urls -O items.jsonl): what an item says of its page, not its bytes ---
# The body and headers are in the WARC; the record (record_path) holds the article.
FEED_EXPORT_FIELDS = ["url", "requested_url", "status", "fetched_at", "kind", "site", "redirects", "truncated",
                      "capture", "record_path", "note"]  # fmt: skip
FEED_EXPORT_ENCODING = "utf-8"

# --- Scrapy 2.19 side effects we do not want -------------------------------------
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
