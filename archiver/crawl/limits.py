"""Fixed page budgets: per URL shape, per configured regex, and in all.

Crawler traps are bounded by what their pages yield (:mod:`archiver.crawl.traps`);
these fixed limits are what a site profile or ``-s`` may add. :class:`PageBudget`
admits at most ``per_pattern`` URLs of each digit-folded *shape*
(``/agenda/?month=2031-07`` → ``/agenda/?month=#-#``), at most the limit of any
configured regex, and lets at most ``max_pages`` URLs be requested (:meth:`PageBudget.take_page`),
counted by a :data:`PageCounter`: this process's, or the one every worker of a shared
crawl increments in Redis (:class:`archiver.distributed.budget.SharedRequests`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from itertools import count
from urllib.parse import urlsplit

#: Counts one more requested page (its URL given) and returns the total so far.
PageCounter = Callable[[str], int]

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
        counter: PageCounter | None = None,
    ) -> None:
        self.max_pages = max_pages or 0
        self.counter = counter or _local_counter()
        self.per_pattern = per_pattern or 0
        self.pattern_limits = [(re.compile(p), n) for p, n in (pattern_limits or {}).items()]
        self.admitted = 0
        self.refused: Counter[str] = Counter()  # reason -> URLs turned away
        self._shapes: Counter[str] = Counter()
        self._patterns: Counter[int] = Counter()

    def take_page(self, url: str) -> bool:
        """Count ``url`` as one more page to request; False (counted refused) once ``max_pages`` are taken."""
        if not self.max_pages:
            return True
        if self.counter(url) > self.max_pages:
            return self._refuse("max_pages")
        return True

    def admit(self, url: str, path: str) -> bool:
        """Count ``url`` (its ``path?query`` is ``path``) if no per-shape or per-pattern limit forbids it."""
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


def _local_counter() -> PageCounter:
    pages = count(1)
    return lambda url: next(pages)
