"""Which known pages a re-run fetches again: the re-check policy.

Pages that list others (home, listings, feeds, sitemaps, robots.txt) are always
fetched. A page the state knows as an article (or a file, an alias) is fetched
again when its sitemap ``<lastmod>`` is newer than its last fetch, or when its last
fetch is older than ``ARCHIVER_RECHECK_INTERVAL`` seconds (0: always), or when a
killed run left it pending or its last fetch failed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

from scrapy.utils.sitemap import Sitemap

from archiver.kinds import PageKind
from archiver.state.db import CrawlState

#: Page kinds fetched only when due; every other kind is fetched on every run.
RECHECKED_KINDS = frozenset({PageKind.ARTICLE, PageKind.OTHER})


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 date or date-time (``Z`` or offset; naive means UTC), or None when unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sitemap_lastmods(body: bytes, url: str) -> dict[str, str]:
    """The ``<lastmod>`` of each ``<loc>`` of a sitemap body (absolute URLs)."""
    return {urljoin(url, entry["loc"]): entry["lastmod"] for entry in Sitemap(body) if entry.get("lastmod")}


class RecheckPolicy:
    """Decides, from the site's state, whether a known URL is due for a fetch."""

    def __init__(self, state: CrawlState, interval: float, now: datetime | None = None) -> None:
        self.state = state
        self.interval = timedelta(seconds=interval)
        self.now = now or datetime.now(UTC)

    def due(self, url: str, lastmod: str | None = None) -> bool:
        """Whether to fetch ``url`` (canonical) now; ``lastmod`` from a sitemap, if any."""
        known = self.state.page(url)
        if known is None or known.pending or known.error or known.kind not in RECHECKED_KINDS:
            return True
        fetched = parse_time(known.fetched_at)
        if fetched is None:
            return True
        modified = parse_time(lastmod)
        if modified is not None and modified > fetched:
            return True
        return self.now - fetched >= self.interval
