"""Bounds that make every crawl end: crawler traps, endless listings, page budgets.

An endless calendar or an infinitely paginated listing produces ever new URLs of
one *shape* (``/agenda/?month=2031-07`` → ``/agenda/?month=#-#``). :class:`PageBudget`
admits at most ``per_pattern`` URLs of each shape, at most the limit of any
configured regex, and at most ``max_pages`` URLs in all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from urllib.parse import urlsplit

_DIGITS = re.compile(r"-?\d+")


def url_shape(url: str) -> str:
    """``url`` with (signed) digit runs replaced by ``#``: the pattern a trap repeats."""
    parts = urlsplit(url)
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    shape = parts.path + ("?" + query if query else "")
    return _DIGITS.sub("#", shape)


class PageBudget:
    """Counts admitted URLs; says no once a limit is reached (0 or None: no limit)."""

    def __init__(
        self,
        max_pages: int | None = None,
        per_pattern: int | None = None,
        pattern_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.max_pages = max_pages or 0
        self.per_pattern = per_pattern or 0
        self.pattern_limits = [(re.compile(p), n) for p, n in (pattern_limits or {}).items()]
        self.admitted = 0
        self.refused: Counter[str] = Counter()  # reason -> URLs turned away
        self._shapes: Counter[str] = Counter()
        self._patterns: Counter[int] = Counter()

    def admit(self, url: str, path: str) -> bool:
        """Count ``url`` (its ``path?query`` is ``path``) if no limit forbids it."""
        if self.max_pages and self.admitted >= self.max_pages:
            return self._refuse("max_pages")
        matched = [i for i, (regex, _) in enumerate(self.pattern_limits) if regex.search(path)]
        if any(self._patterns[i] >= self.pattern_limits[i][1] for i in matched):
            return self._refuse("pattern_limit")
        shape = url_shape(url) if self.per_pattern else ""
        if self.per_pattern and self._shapes[shape] >= self.per_pattern:
            return self._refuse("per_pattern")
        self._shapes[shape] += 1
        for i in matched:
            self._patterns[i] += 1
        self.admitted += 1
        return True

    def _refuse(self, reason: str) -> bool:
        self.refused[reason] += 1
        return False
