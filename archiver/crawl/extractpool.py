"""Page analysis and extraction off the crawler's thread: a pool of worker processes.

One Scrapy process uses one core; parsing pages, classifying them and extracting
articles (trafilatura and our rules) cost more than Scrapy itself. :class:`ExtractionPool`
runs :func:`archiver.crawl.analysis.analyze_page` and
:func:`archiver.extraction.extract_article` in ``workers`` processes so the crawl
uses the other cores, or in the calling thread when ``workers`` is 0. A crawl has one
pool (:func:`crawler_pool`), shared by its spider and its record pipeline.

Each worker is a process with one socket: the crawler's event loop writes jobs to it
and reads results from it without blocking, so no thread of the crawler's process
competes for the GIL, and a busy worker always has its next job waiting.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import signal
import struct
import weakref
from collections import deque
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.crawler import Crawler

from archiver.kinds import PageKind

if TYPE_CHECKING:
    from archiver.crawl.analysis import PageAnalysis

logger = logging.getLogger(__name__)
_POOLS: weakref.WeakKeyDictionary[Crawler, ExtractionPool] = weakref.WeakKeyDictionary()
_FRAME = struct.Struct("!i")  # multiprocessing.Connection's frame header (messages < 2 GiB)


class WorkerDied(RuntimeError):
    """The worker process running a job exited (killed, out of memory)."""


def resolve_workers(value: object) -> int:
    """A worker count from a setting: a number, or ``auto``: one per core, up to 4, none on one core.

    The crawler's own process needs most of a core less than the workers do (it parses
    no HTML), so on two cores two workers and the crawler share the machine best.
    """
    if str(value).strip().lower() == "auto":
        cores = os.cpu_count() or 1
        return min(cores, 4) if cores > 1 else 0
    return max(0, int(str(value)))


# Imported where they run: the crawler's process never loads trafilatura when workers do the work.
def _extract(body: bytes, url: str, headers: Mapping[str, str], hints: Mapping[str, Any]) -> dict[str, Any]:
    from archiver.extraction import extract_article

    return extract_article(body, url, headers, hints)


def _analyze(*args: Any) -> PageAnalysis:
    from archiver.crawl.analysis import analyze_page

    return analyze_page(*args)


def _serve(connection: Connection) -> None:
    """A worker's loop: run each job received, send back ("ok", result) or ("error", exception).

    Ctrl-C reaches the whole process group: the worker ignores it and goes on until the
    crawler, stopping gracefully, closes its socket.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import archiver.crawl.analysis  # noqa: F401  (import trafilatura before the first job)

    while True:
        try:
            function, args = pickle.loads(connection.recv_bytes())
        except EOFError:  # the crawler closed the pool (or died)
            return
        try:
            reply = ("ok", function(*args))
        except Exception as exc:
            reply = ("error", exc)
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception that does not pickle
            data = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {reply[1]!r}")))
        connection.send_bytes(data)


class _Worker:
    """One worker process and its socket, written and read by the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a running reactor
        ours, theirs = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True, name="archiver-extract")
        self.process.start()
        theirs.close()
        self.loop, self.connection, self.fd = loop, ours, ours.fileno()
        os.set_blocking(self.fd, False)
        self.waiting: deque[asyncio.Future] = deque()  # one future per job sent, in order
        self.outgoing = bytearray()
        self.incoming = bytearray()
        self.writing = False
        loop.add_reader(self.fd, self._read)

    def submit(self, function: Callable[..., Any], args: tuple) -> asyncio.Future:
        data = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
        future = self.loop.create_future()
        self.waiting.append(future)
        self.outgoing += _FRAME.pack(len(data))
        self.outgoing += data
        self._write()
        return future

    def _write(self) -> None:
        while self.outgoing:
            try:
                sent = os.write(self.fd, self.outgoing)
            except BlockingIOError:
                break
            except OSError:  # the worker is gone: _read sees the end and fails its jobs
                self.outgoing.clear()
                break
            del self.outgoing[:sent]
        if bool(self.outgoing) != self.writing:
            self.writing = bool(self.outgoing)
            (self.loop.add_writer(self.fd, self._write) if self.writing else self.loop.remove_writer(self.fd))

    def _read(self) -> None:
        try:
            data = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._died()
            return
        self.incoming += data
        while len(self.incoming) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self.incoming)
            if len(self.incoming) < _FRAME.size + size:
                break
            status, value = pickle.loads(self.incoming[_FRAME.size : _FRAME.size + size])
            del self.incoming[: _FRAME.size + size]
            future = self.waiting.popleft()
            if not future.done():
                (future.set_result if status == "ok" else future.set_exception)(value)

    def _died(self) -> None:
        self.close(wait=False)
        code = self.process.exitcode
        logger.error("extraction worker %s exited (%s): starting another", self.process.pid, code)
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(WorkerDied(f"extraction worker {self.process.pid} exited ({code})"))

    @property
    def alive(self) -> bool:
        return self.fd >= 0

    def close(self, wait: bool = True) -> None:
        if self.fd >= 0:
            self.loop.remove_reader(self.fd)
            if self.writing:
                self.loop.remove_writer(self.fd)
            self.connection.close()  # the worker reads the end and exits
            self.fd = -1
        self.process.join(timeout=10 if wait else 0.5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class ExtractionPool:
    """Runs analysis and extraction inline (``workers=0``) or in worker processes."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._started: list[_Worker] = []  # started on first use, from the event loop

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in the least busy worker (a worker that died is replaced)."""
        if not self.workers:
            return function(*args)
        loop = asyncio.get_running_loop()
        self._started = [w for w in self._started if w.alive]
        while len(self._started) < self.workers:
            self._started.append(_Worker(loop))
        worker = min(self._started, key=lambda w: len(w.waiting))
        return await worker.submit(function, args)

    async def extract(
        self, body: bytes, url: str, headers: Mapping[str, str], hints: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The article fields of one page."""
        return await self.run(_extract, body, url, dict(headers), dict(hints))

    async def analyze(
        self,
        body: bytes,
        url: str,
        headers: Mapping[str, str],
        hints: Mapping[str, Any],
        kind: PageKind | None,
        extract: bool,
    ) -> PageAnalysis:
        """Links, kind and article fields of one HTML page (see :func:`~archiver.crawl.analysis.analyze_page`)."""
        return await self.run(_analyze, body, url, dict(headers), dict(hints), kind, extract)

    def close(self) -> None:
        """Stop the workers (each finishes the job it runs)."""
        for worker in self._started:
            worker.close()
        self._started = []


def crawler_pool(crawler: Crawler) -> ExtractionPool:
    """The crawl's pool: made on first use (``ARCHIVER_EXTRACT_WORKERS``), closed when the engine stops."""
    pool = _POOLS.get(crawler)
    if pool is None:
        pool = _POOLS[crawler] = ExtractionPool(
            resolve_workers(crawler.settings.get("ARCHIVER_EXTRACT_WORKERS"))
        )
        crawler.signals.connect(pool.close, signal=signals.engine_stopped)
    return pool
