"""Crawler traps bounded by what they yield, not by a count.

Every URL has a *template* (:func:`archiver.urls.url_template`: ``/agenda/?mois=2031-07`` and
``/agenda/?mois=1999-01`` are ``/*?mois``; ``/tag/a/``, ``/tag/ab/`` are ``/tag/*``;
``/deep/xx/yy/zz/`` is ``/deep/*``). Each fetched page is judged when parsed:

- it is *productive* when it is an article whose content this run has not seen yet, or
  when it links to a URL new to this run whose template is another one, and that other
  template holds articles (one of its pages was an article) or is not judged yet;
- otherwise it is *idle*: a calendar month repeating the site navigation, a session-id
  loop, a tag page leading to a longer tag.

``ARCHIVER_TRAP_IDLE_RUN`` (10) idle pages of one template in a row, with no productive
page between them, *cut* the template: its URLs are no longer followed this run. While
a template is unproven (no page judged yet) or on an idle run, at most as many of its
URLs are in flight as could still end the run; the others wait (*deferred*) until a
judgment frees them, so a trap that branches (26 longer tags per page) costs no more
than one that does not. A listing whose every page brings new articles is never cut.

The ledger of templates lives in a :class:`ShapeStore`: in memory for one process,
in Redis for the workers of a shared crawl (``archiver.distributed.traps``), so the
rule counts the pages of every worker.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Protocol, TypeVar

from archiver.urls import url_template

T = TypeVar("T")


@dataclass
class ShapeRecord:
    """What the run knows of one URL template."""

    in_flight: int = 0  # URLs requested, not judged yet
    judged: int = 0  # pages of it parsed (or failed)
    idle_run: int = 0  # idle pages in a row since the last productive one
    proven: bool = False  # a page of it was productive
    articles: bool = False  # a page of it was an article
    cut: bool = False  # no longer followed this run
    refused: int = 0  # URLs not followed because it was cut
    deferred: int = 0  # URLs waiting for a judgment (in the store's queue of the template)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes | None) -> ShapeRecord:
        return cls(**json.loads(text)) if text else cls()


class ShapeStore(Protocol):
    def update(self, shape: str, change: Callable[[ShapeRecord], T]) -> T:
        """Apply ``change`` to the record of ``shape`` atomically; its result."""
        ...

    def push(self, shape: str, url: str) -> None:
        """Queue a deferred URL of ``shape``."""
        ...

    def pop(self, shape: str, count: int) -> list[str]:
        """Take up to ``count`` deferred URLs of ``shape``, oldest first."""
        ...

    def clear(self, shape: str) -> None:
        """Drop the deferred URLs of ``shape``."""
        ...

    def get(self, shape: str) -> ShapeRecord | None:
        """The record of ``shape`` (a copy to read), or None."""
        ...

    def records(self) -> dict[str, ShapeRecord]:
        """Every template's record."""
        ...


class LocalShapeStore:
    """The ledger of one crawler process."""

    def __init__(self) -> None:
        self._records: dict[str, ShapeRecord] = {}
        self._queues: dict[str, deque[str]] = {}

    def update(self, shape: str, change: Callable[[ShapeRecord], T]) -> T:
        return change(self._records.setdefault(shape, ShapeRecord()))

    def push(self, shape: str, url: str) -> None:
        self._queues.setdefault(shape, deque()).append(url)

    def pop(self, shape: str, count: int) -> list[str]:
        queue = self._queues.get(shape) or deque()
        return [queue.popleft() for _ in range(min(count, len(queue)))]

    def clear(self, shape: str) -> None:
        self._queues.pop(shape, None)

    def get(self, shape: str) -> ShapeRecord | None:
        return self._records.get(shape)

    def records(self) -> dict[str, ShapeRecord]:
        return dict(self._records)


#: Outcomes of :meth:`TrapGuard.admit`.
FOLLOW, DEFERRED, CUT = "follow", "deferred", "cut"


class TrapGuard:
    """Applies the yield rule (see the module notes) over a :class:`ShapeStore`."""

    def __init__(self, idle_run: int, store: ShapeStore | None = None) -> None:
        self.idle_run = idle_run  # 0: off
        self.store = store or LocalShapeStore()

    def _allowance(self, record: ShapeRecord) -> int | None:
        """How many URLs of ``record`` may be in flight (None: any number)."""
        if record.proven and record.idle_run == 0:
            return None
        return self.idle_run - record.idle_run

    def admit(self, shape: str, url: str) -> str:
        """:data:`FOLLOW` (counted in flight), :data:`DEFERRED` (kept for later) or :data:`CUT`."""
        if not self.idle_run:
            return FOLLOW

        def change(record: ShapeRecord) -> str:
            if record.cut:
                record.refused += 1
                return CUT
            allowance = self._allowance(record)
            if allowance is None or record.in_flight < allowance:
                record.in_flight += 1
                return FOLLOW
            record.deferred += 1
            return DEFERRED

        verdict = self.store.update(shape, change)
        if verdict == DEFERRED:
            self.store.push(shape, url)
        return verdict

    def judge(self, shape: str, productive: bool | None, article: bool = False) -> list[str]:
        """A page of ``shape`` was parsed (``productive`` None: neither, e.g. a 304 or a failure);
        the deferred URLs it frees, now counted in flight."""
        if not self.idle_run:
            return []

        def change(record: ShapeRecord) -> int:
            record.in_flight = max(0, record.in_flight - 1)
            record.judged += 1
            record.articles = record.articles or article
            if productive:
                record.idle_run, record.proven = 0, True
            elif productive is not None:
                record.idle_run += 1
                if record.idle_run >= self.idle_run and not record.cut:
                    record.cut = True
                    record.refused += record.deferred
                    record.deferred = 0
                    return -1
            return self._reserve(record)

        room = self.store.update(shape, change)
        if room < 0:
            self.store.clear(shape)
            return []
        return self._take(shape, room)

    def _reserve(self, record: ShapeRecord, everything: bool = False) -> int:
        """How many deferred URLs of ``record`` may go now; counted in flight."""
        if record.cut:
            return 0
        allowance = None if everything else self._allowance(record)
        room = (
            record.deferred
            if allowance is None
            else max(0, min(record.deferred, allowance - record.in_flight))
        )
        record.deferred -= room
        record.in_flight += room
        return room

    def _take(self, shape: str, room: int) -> list[str]:
        """Pop ``room`` reserved URLs; those another worker took first are given back."""
        if room <= 0:
            return []
        freed = self.store.pop(shape, room)
        if missing := room - len(freed):

            def give_back(record: ShapeRecord) -> None:
                record.in_flight = max(0, record.in_flight - missing)
                record.deferred += missing  # counted, not queued yet (another worker is pushing it)

            self.store.update(shape, give_back)
        return freed

    def drain(self, whole_crawl_idle: bool) -> list[str]:
        """The deferred URLs nothing in flight will free: of templates not cut with no URL in flight,
        or, when the whole crawl is idle (one process: its own idleness), of every template not cut."""
        freed: list[str] = []
        for shape, record in self.store.records().items():
            if record.deferred and not record.cut and (whole_crawl_idle or record.in_flight == 0):
                room = self.store.update(shape, lambda r: self._reserve(r, everything=True))
                freed += self._take(shape, room)
        return freed

    def productive(self, shape: str, new_urls: Iterable[str], new_article: bool) -> bool:
        """Whether a parsed page of ``shape`` was productive: a new article, or links to URLs new to
        this run of another template that holds articles or is not judged yet."""
        if new_article:
            return True
        others = {url_template(url) for url in new_urls} - {shape}
        return any(self.holds_articles(other) is not False for other in others)

    def holds_articles(self, shape: str) -> bool | None:
        """Whether pages of ``shape`` were articles; None when none was judged yet."""
        record = self.store.get(shape)
        if record is None or not record.judged:
            return None
        return record.articles

    def cut_shapes(self) -> dict[str, dict[str, int]]:
        """Each template cut this run: pages judged and URLs not followed."""
        return {
            shape: {"pages": record.judged, "refused": record.refused}
            for shape, record in sorted(self.store.records().items())
            if record.cut
        }
