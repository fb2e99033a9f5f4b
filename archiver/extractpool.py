"""Extraction off the crawler's thread: a pool of worker processes.

One Scrapy process uses one core; extraction (trafilatura and our rules, ~8 ms
a page) is the largest cost after Scrapy itself. :class:`ExtractionPool` runs
:func:`archiver.extraction.extract_article` in ``workers`` processes so the crawl
uses the other cores, or in the calling thread when ``workers`` is 0.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def resolve_workers(value: object) -> int:
    """A worker count from a setting: a number, or ``auto`` (one less than the cores)."""
    if str(value).strip().lower() == "auto":
        return max(0, min((os.cpu_count() or 1) - 1, 4))
    return max(0, int(value))


def _extract(body: bytes, url: str, headers: Mapping[str, str], hints: Mapping[str, Any]) -> dict[str, Any]:
    from archiver.extraction import extract_article

    return extract_article(body, url, headers, hints)


def _warm_up() -> None:
    import archiver.extraction  # noqa: F401  (import trafilatura once per worker)


class ExtractionPool:
    """Runs extraction inline (``workers=0``) or in a process pool."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        if workers:
            context = multiprocessing.get_context("spawn")  # no fork of a running reactor
            self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)

    async def extract(
        self, body: bytes, url: str, headers: Mapping[str, str], hints: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The article fields of one page."""
        if self._executor is None:
            return _extract(body, url, headers, hints)
        future = self._executor.submit(_extract, body, url, dict(headers), dict(hints))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=False)
            self._executor = None
