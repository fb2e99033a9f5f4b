"""The crawl frontier: which discovered URLs become requests, each at most once.

Links are deduplicated here, on their canonical form, before any Scrapy Request
is built (the cheapest place: most links of a page are already known). A URL is
admitted when it is http(s), on an allowed host, not excluded, new, and within
the :class:`~archiver.crawl.limits.PageBudget`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from archiver.crawl.limits import PageBudget
from archiver.urls import canonicalize_url, path_and_query


class Frontier:
    """The seen-set of canonical URLs and the scope of one site."""

    def __init__(
        self,
        allowed_hosts: Iterable[str],
        exclude_patterns: Iterable[str] = (),
        budget: PageBudget | None = None,
    ) -> None:
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.exclude = [re.compile(p) for p in exclude_patterns]
        self.budget = budget or PageBudget()
        self.seen: set[str] = set()  # canonical URLs admitted or already fetched
        self._raw_seen: set[str] = set()  # links as written, to skip canonicalizing them again

    def in_scope(self, url: str) -> bool:
        """True for an http(s) URL on an allowed host whose path?query is not excluded."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "") not in self.allowed_hosts:
            return False
        path = path_and_query(url)
        return not any(p.search(path) for p in self.exclude)

    def admit(self, url: str) -> str | None:
        """The canonical form of ``url`` if it should be fetched now, else None."""
        if url in self._raw_seen:
            return None
        self._raw_seen.add(url)
        canonical = canonicalize_url(url)
        if canonical in self.seen or not self.in_scope(canonical):
            return None
        if not self.budget.admit(canonical, path_and_query(canonical)):
            return None
        self.seen.add(canonical)
        return canonical

    def mark_seen(self, url: str) -> str:
        """Record ``url`` (e.g. where a redirect landed) as fetched; return its canonical form."""
        canonical = canonicalize_url(url)
        self.seen.add(canonical)
        return canonical
