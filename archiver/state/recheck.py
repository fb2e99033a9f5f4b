"""Which known pages a re-run fetches again, and how: the re-check policy.

Pages that list others (home, listings, feeds, sitemaps, robots.txt) are always
fetched. A page the state knows as an article (or a file, an alias) is fetched
again when

- a sitemap ``<lastmod>`` or a feed's ``updated``/``pubDate`` for it differs from the
  value last seen (compared as written: no clock is trusted, so a date-only lastmod
  or a server clock behind ours cannot hide an edit); for a page whose value was
  never seen, when that date is later than its last fetch;
- or its last fetch is older than ``ARCHIVER_RECHECK_INTERVAL`` seconds (0: always),
  which is what finds the edits of sites that give no dates;
- or a killed run left it pending, or its last fetch failed.

A re-check of a page whose last capture was a whole 200 response is a conditional
GET (:class:`Revalidation`): ``If-None-Match`` / ``If-Modified-Since`` from its stored
``ETag`` / ``Last-Modified``; a 304 answer is captured as a revisit of that capture.
Nothing here is particular to articles: any known URL (a stylesheet, an image) is
re-checked the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy.utils.sitemap import Sitemap

from archiver.capture.digestindex import OriginalCapture
from archiver.capture.revalidation import Revalidation
from archiver.kinds import PageKind
from archiver.state.db import CrawlState, PageState

#: Page kinds fetched only when due; every other kind is fetched on every run.
RECHECKED_KINDS = frozenset({PageKind.ARTICLE, PageKind.OTHER})


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 date or date-time (``Z`` or offset; naive means UTC), or an RFC 822 date
    (RSS ``pubDate``); None when unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text.strip())
        except (TypeError, ValueError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sitemap_lastmods(body: bytes, url: str) -> dict[str, str]:
    """The ``<lastmod>`` of each ``<loc>`` of a sitemap body (absolute URLs)."""
    return {
        urljoin(url, entry["loc"]): entry["lastmod"].strip()
        for entry in Sitemap(body)
        if entry.get("lastmod")
    }


def revalidation(known: PageState | None) -> Revalidation | None:
    """How to re-check ``known`` conditionally, or None when it has no validators or whole capture."""
    if known is None or not (known.etag or known.last_modified) or known.status != 200:
        return None
    if not (known.capture_id and known.capture_uri and known.capture_date):
        return None
    original = OriginalCapture(known.capture_id, known.capture_uri, known.capture_date)
    return Revalidation(known.etag, known.last_modified, original, known.payload_digest)


class RecheckPolicy:
    """Decides, from the site's state, whether a known URL is due for a fetch."""

    def __init__(self, state: CrawlState, interval: float, now: datetime | None = None) -> None:
        self.state = state
        self.interval = timedelta(seconds=interval)
        self.now = now or datetime.now(UTC)

    def due(self, url: str, listed: str | None = None) -> bool:
        """Whether to fetch ``url`` (canonical) now; ``listed``: its sitemap or feed date, if any."""
        return self.due_page(self.state.page(url), listed)

    def due_page(self, known: PageState | None, listed: str | None = None) -> bool:
        """:meth:`due` for the state row ``known`` (None: a URL never queued)."""
        if known is None or known.pending or known.error or known.kind not in RECHECKED_KINDS:
            return True
        if listed is not None and known.listed_date is not None and listed != known.listed_date:
            return True  # the site says it changed: no clock asked
        fetched = parse_time(known.fetched_at)
        if fetched is None:
            return True
        modified = parse_time(listed) if known.listed_date is None else None
        if modified is not None and modified > fetched:
            return True
        return self.now - fetched >= self.interval
