"""Write every fetch to WARC files: the downloader middleware of the capture.

At order 950 (above HttpCompression 590 and Redirect 600) ``process_response`` sees
the body still content-coded and every redirect hop; robots.txt fetches pass here
too. Each response is written as a ``response`` + ``request`` pair (see
:mod:`archiver.capture.records`) to a :class:`~archiver.capture.warcfiles.WarcFileSeries`
under ``<ARCHIVER_ARCHIVE_DIR>/warc``. Cache hits (flag ``cached``) and non-HTTP
schemes are not written. The ``WARC-Date`` is when the download began (headers time
minus the download latency).

On the request's meta it leaves ``archiver_capture`` (see :mod:`archiver.page`) and,
for the target of a redirect chain, ``archiver_redirects``: the earlier hops' capture
dicts, oldest first, a fresh list per chain. For each page the record pipeline
describes (signal :data:`~archiver.capture.pagemeta.page_described`) it writes a
``metadata`` record, so that the page can be rebuilt from the WARC.

With a digest index (setting ``ARCHIVER_DIGEST_INDEX``, see
:mod:`archiver.capture.digestindex`) each response's payload digest is looked up
before it is written and claimed once its record is in the file; a payload the
archive already holds is written as an ``identical-payload-digest`` revisit, and the capture dict says ``"revisit": True``
and ``"refers_to"`` (the original's ``record_id``, ``target_uri``, ``warc_date``).

A ``304`` answer to a conditional re-check (``request.meta[META_REVALIDATE]``, see
:mod:`archiver.capture.revalidation`) is written as a ``server-not-modified`` revisit of
the capture it confirms, with a ``metadata`` record holding the 304's head; its capture
dict says ``"not_modified": True``.

A write the archive refuses (a full disk) fails the page with :class:`CaptureFailed` and
is reported (signal ``archive_write_failed``; :mod:`archiver.extensions.writeguard`).
"""

from __future__ import annotations

import logging
import socket
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from warcio.recordloader import ArcWarcRecord

from archiver import __version__
from archiver.capture.digestindex import DigestIndex, OriginalCapture, load_digest_index
from archiver.capture.pagemeta import page_described, page_fields
from archiver.capture.records import (
    capture_info,
    metadata_record,
    not_modified_head_record,
    not_modified_record,
    request_record,
    response_record,
    revisit_record,
    warc_date,
)
from archiver.capture.revalidation import META_REVALIDATE, Revalidation
from archiver.capture.warcfiles import WarcFileSeries
from archiver.extensions.writeguard import CaptureFailed, write_failure
from archiver.page import META_CAPTURE, META_REDIRECTS, FetchedPage
from archiver.signals import archive_write_failed

logger = logging.getLogger(__name__)

CAPTURED_SCHEMES = ("http://", "https://")
WARC_FORMAT = "WARC File Format 1.1"
WARC_CONFORMS_TO = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"


def warcinfo_fields(settings: BaseSettings, job_id: str) -> dict[str, str]:
    """The ``warcinfo`` fields of a crawl with Scrapy ``settings``."""
    return {
        "software": f"archiver/{__version__} (Scrapy/{scrapy.__version__}; warcio/{version('warcio')})",
        "hostname": socket.gethostname(),
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT", ""),
        "description": settings.get("ARCHIVER_WARC_DESCRIPTION", ""),
        "operator": settings.get("ARCHIVER_WARC_OPERATOR", ""),
        "format": WARC_FORMAT,
        "conformsTo": WARC_CONFORMS_TO,
        "isPartOf": job_id,
    }


class WarcCaptureMiddleware:
    """Captures every HTTP response (and its request) into WARC files."""

    def __init__(
        self,
        series: WarcFileSeries,
        stats: Any = None,
        digests: DigestIndex | None = None,
        signals: Any = None,
    ) -> None:
        self.series = series
        self.stats = stats
        self.digests = digests
        self.signals = signals
        self._began: WeakKeyDictionary[Request, datetime] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        settings = crawler.settings
        prefix = settings.get("ARCHIVER_WARC_PREFIX", "archiver")
        job_id = settings.get("ARCHIVER_JOB_ID") or f"{prefix}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        series = WarcFileSeries(
            Path(settings.get("ARCHIVER_ARCHIVE_DIR", "archive")) / "warc",
            prefix=prefix,
            warcinfo=warcinfo_fields(settings, job_id),
            max_size=settings.getint("ARCHIVER_WARC_MAX_SIZE", 1_000_000_000),
            gzip_level=settings.getint("ARCHIVER_WARC_GZIP_LEVEL", 6),
        )
        middleware = cls(series, crawler.stats, load_digest_index(settings), crawler.signals)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        crawler.signals.connect(middleware.describe_page, signal=page_described)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        crawler.signals.connect(middleware.close, signal=signals.engine_stopped)
        return middleware

    def headers_received(self, request: Request, **kwargs: Any) -> None:
        """Note when the download of ``request`` began (its ``WARC-Date``)."""
        self._began[request] = self._began_from_latency(request)

    def process_request(self, request: Request) -> None:
        """Carry the captures of earlier redirect hops over, and nothing else, to this request."""
        meta = request.meta
        chain = list(meta.pop(META_REDIRECTS, None) or [])
        if previous := meta.pop(META_CAPTURE, None):
            chain.append(previous)
        redirect_urls = meta.get("redirect_urls") or []
        hops = [hop for hop in chain if hop.get("url") in redirect_urls]
        if hops:
            meta[META_REDIRECTS] = hops

    def process_response(self, request: Request, response: Response) -> Response:
        """Write ``response`` and its request to the WARC; leave the pointer on the meta."""
        if "cached" in response.flags or not response.url.startswith(CAPTURED_SCHEMES):
            return response
        began = self._began.pop(request, None) or self._began_from_latency(request)
        if response.status == 304 and (revalidation := request.meta.get(META_REVALIDATE)):
            self._capture_not_modified(
                request, response, warc_date(began), Revalidation.from_meta(revalidation)
            )
            return response
        record = response_record(response, warc_date(began))
        original = self._original_of(record, response)
        if original is not None:
            record = revisit_record(response, record, original)
        try:
            location = self.series.write_pair(record, request_record(request, record))
        except OSError as exc:  # a full disk, a read-only folder: the page is fetched again next run
            raise CaptureFailed(f"not captured: {self._write_failed(exc, request.url)}") from None
        if original is None:
            self._claim(record, response)
        capture = capture_info(record, location.filename, location.offset, location.length)
        if original is not None:
            capture.update(revisit=True, refers_to=asdict(original))
        request.meta[META_CAPTURE] = capture
        self._update_stats()
        return response

    def _capture_not_modified(
        self, request: Request, response: Response, date: str, check: Revalidation
    ) -> None:
        """Write a 304 as a ``server-not-modified`` revisit of the capture it confirms."""
        record = not_modified_record(response, date, check.original, check.payload_digest)
        head = not_modified_head_record(response, record)
        try:
            location = self.series.write_records(record, request_record(request, record), head)
        except OSError as exc:  # a full disk: the page is fetched again next run
            raise CaptureFailed(f"not captured: {self._write_failed(exc, request.url)}") from None
        capture = capture_info(record, location.filename, location.offset, location.length)
        capture.update(status=304, revisit=True, not_modified=True, refers_to=asdict(check.original))
        request.meta[META_CAPTURE] = capture
        if self.stats:
            self.stats.inc_value("archiver/warc_not_modified")
        self._update_stats()

    def _deduplicated(self, record: ArcWarcRecord, response: Response) -> bool:
        """Whether ``record`` takes part in deduplication (empty and cut-off bodies never do)."""
        truncated = record.rec_headers.get_header("WARC-Truncated")
        return self.digests is not None and bool(response.body) and not truncated

    def _original_of(self, record: ArcWarcRecord, response: Response) -> OriginalCapture | None:
        """The earlier capture of this payload, or None (``record`` is then written in full)."""
        if not self._deduplicated(record, response):
            return None
        assert self.digests is not None
        original = self.digests.lookup(record.rec_headers.get_header("WARC-Payload-Digest"))
        if original is not None and self.stats:
            self.stats.inc_value("archiver/warc_revisits")
        return original

    def _claim(self, record: ArcWarcRecord, response: Response) -> None:
        """Make the response ``record``, now in its file, the original of its payload (if still none)."""
        if not self._deduplicated(record, response):
            return
        assert self.digests is not None
        headers = record.rec_headers
        mine = OriginalCapture(
            headers.get_header("WARC-Record-ID"),
            headers.get_header("WARC-Target-URI"),
            headers.get_header("WARC-Date"),
        )
        try:
            self.digests.claim(headers.get_header("WARC-Payload-Digest"), mine)
        except Exception as exc:  # a full disk under the index: later captures are full responses
            logger.info("payload digest not indexed for %s: %s", mine.target_uri, exc)

    def describe_page(self, page: FetchedPage) -> None:
        """Write the ``metadata`` record of ``page`` (see :mod:`archiver.capture.pagemeta`)."""
        if not page.capture:
            return
        capture = page.capture
        record = metadata_record(
            capture["url"], capture["warc_date"], capture["record_id"], page_fields(page)
        )
        try:
            self.series.write_records(record, rotate=False)  # in the file of the page's capture, if open
        except OSError as exc:  # without it a reindex could not rebuild the record: none is written
            page.write_error = f"metadata record not written: {self._write_failed(exc, page.url)}"
            return
        self._update_stats()

    def _write_failed(self, error: OSError, url: str) -> str:
        """Report a refused write (signal ``archive_write_failed``); its one-line reason."""
        path = self.series.path
        if self.signals is not None:
            self.signals.send_catch_log(archive_write_failed, path=path, error=error, url=url)
        return write_failure(path, error)

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Log downloads that leave nothing to capture (e.g. DOWNLOAD_MAXSIZE exceeded)."""
        self._began.pop(request, None)
        if isinstance(exception, DownloadCancelledError):
            logger.warning(
                "Not captured, download cancelled (DOWNLOAD_MAXSIZE?): %s %s", request.url, exception
            )
            if self.stats:
                self.stats.inc_value("archiver/warc_not_captured")

    def close(self) -> None:
        """Close the current WARC file and the digest index (idempotent)."""
        if self.digests is not None:
            self.digests.close()
            self.digests = None
        try:
            path = self.series.close()
        except OSError as exc:  # a full disk: the .open file is repaired by the next run
            logger.info("could not close the WARC file (the next run repairs it): %s", exc)
            return
        if path:
            logger.info("Closed WARC file %s", path)

    @staticmethod
    def _began_from_latency(request: Request) -> datetime:
        """Download start for handlers that send no ``headers_received`` (body time included)."""
        return datetime.now(UTC) - timedelta(seconds=request.meta.get("download_latency") or 0.0)

    def _update_stats(self) -> None:
        if self.stats:
            self.stats.set_value("archiver/warc_records", self.series.records)
            self.stats.set_value("archiver/warc_bytes", self.series.bytes)
            self.stats.set_value("archiver/warc_files", self.series.files)
