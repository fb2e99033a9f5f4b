"""Pages read back from WARC files: the FetchedPage the crawl handed to the record pipeline.

:func:`warc_pages` pairs each response record with the page ``metadata`` record the
crawl wrote about it (:mod:`archiver.capture.pagemeta`) and rebuilds the page with the
crawl's own code: Scrapy's ``HttpCompressionMiddleware`` undoes the content coding and
:func:`archiver.page.fetched_page` makes the page, pointer (:func:`capture_info`)
included. Pages come in the order the crawl described them, which is the order it
wrote records. Files without page metadata (written by other tools) give one page per
response record, its kind left to the pipeline. Nothing here touches the network.

The rebuilt headers are the stored ones: a response that came chunked, without
``Content-Length``, has the one the capture added (see :mod:`archiver.capture.httpmessage`).
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.http import Headers, Request, Response
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser

from archiver.capture.check import GZIP_MAGIC
from archiver.capture.pagemeta import is_page_metadata, read_page_fields, read_warc_fields
from archiver.capture.records import TRUNCATION_REASONS, capture_info
from archiver.page import (
    META_CAPTURE,
    META_HINTS,
    META_PAGE_KIND,
    META_REDIRECTS,
    META_SITE,
    FetchedPage,
    fetched_page,
)

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc.gz", ".warc")
#: ``WARC-Truncated`` reason → the Scrapy response flag that made it.
TRUNCATION_FLAGS = {reason: flag for flag, reason in TRUNCATION_REASONS.items()}


@dataclass(frozen=True)
class ResponseAt:
    """Where a response (or revisit) record lies: its file, byte offset and length."""

    path: Path
    offset: int
    length: int
    refers_to: str | None = None  # a revisit: the WARC-Record-ID of the response holding the payload


class Latin1HeadParser(StatusAndHeadersParser):
    """warcio's HTTP head parser keeping every byte (latin-1), never guessing UTF-8."""

    @staticmethod
    def decode_header(line: bytes | str) -> str:
        return line.decode("iso-8859-1") if isinstance(line, bytes) else line


def is_warc_file(path: Path) -> bool:
    """A WARC file by name (``.warc``, ``.warc.gz``) or, for any other name, by its first bytes."""
    if path.name.endswith(WARC_SUFFIXES):
        return True
    with path.open("rb") as stream:
        start = stream.read(len(GZIP_MAGIC))
        stream.seek(0)
        try:
            start = gzip.GzipFile(fileobj=stream).read(5) if start == GZIP_MAGIC else stream.read(5)
        except (OSError, EOFError):
            return False
    return start == b"WARC/"


def warc_files(directory: Path) -> list[Path]:
    """The closed WARC files of a folder (``.open`` files are left to recovery), oldest first.

    Files are ordered by the date of their opening ``warcinfo`` record, then by name,
    so the files of several workers (each its own prefix) interleave in time.
    """
    paths = [p for p in directory.iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES)]
    return sorted(paths, key=lambda path: (_opened_at(path), path.name))


def warc_pages(paths: Iterable[Path], settings: Settings | None = None) -> Iterator[FetchedPage]:
    """The pages of ``paths`` as the crawl handed them to the record pipeline (see the module notes)."""
    return (page for _, page in warc_runs_pages(paths, settings))


def warc_runs_pages(
    paths: Iterable[Path], settings: Settings | None = None
) -> Iterator[tuple[str, FetchedPage]]:
    """Each page of :func:`warc_pages` with the crawl run that fetched it (its file's ``isPartOf``)."""
    captures: dict[str, ResponseAt] = {}
    described: list[tuple[str, str, dict[str, Any] | None]] = []
    for path in paths:
        _index(Path(path), captures, described)
    if not described:
        described = [("", record_id, None) for record_id in captures]
    decoder = content_decoder(settings)
    for run, record_id, fields in described:
        where = captures.get(record_id)
        payload = captures.get(where.refers_to) if where and where.refers_to else where
        if where is None or payload is None:
            logger.warning(
                "page %s: its response or the payload it revisits is not in the files given", record_id
            )
            continue
        if page := read_page(where, fields, decoder, payload):
            yield run, page


def content_decoder(settings: Settings | None = None) -> HttpCompressionMiddleware:
    """Scrapy's ``HttpCompressionMiddleware`` as the crawl configured it (``DOWNLOAD_MAXSIZE``)."""
    if settings is None:  # the archiver's defaults, as a crawl without -s has them
        settings = Settings()
        settings.setmodule("archiver.settings", priority="project")
    crawler = Crawler(Spider, settings)
    crawler.stats = StatsCollector(crawler)
    return HttpCompressionMiddleware.from_crawler(crawler)


def read_page(
    where: ResponseAt,
    fields: dict[str, Any] | None,
    decoder: HttpCompressionMiddleware,
    payload: ResponseAt | None = None,
) -> FetchedPage | None:
    """The page of the response record at ``where``, described by page metadata ``fields``.

    For a revisit record, ``payload`` is the response record holding the body.
    """
    record, head, block = _read_http_record(where)
    original, _, payload_block = (
        (record, head, block) if payload in (None, where) else _read_http_record(payload)
    )
    body = payload_block.read()
    capture = capture_info(record, where.path.name, where.offset, where.length)
    fields = fields or read_page_fields(b"")  # undescribed: nothing known beyond the response
    meta = {
        META_CAPTURE: capture,
        META_REDIRECTS: [{"url": url} for url in fields["redirects"]],
        "redirect_urls": [fields["requested_url"] or capture["url"]],
        META_PAGE_KIND: fields["kind"],
        META_HINTS: fields["hints"],
        META_SITE: fields["site"],
    }
    truncated = original.rec_headers.get_header("WARC-Truncated")  # a revisit's says "length": no payload
    request = Request(capture["url"], meta=meta)
    response = Response(
        capture["url"],
        status=capture["status"],
        headers=_scrapy_headers(head),
        body=body,
        flags=[TRUNCATION_FLAGS.get(truncated, "partial")] if truncated else [],
        request=request,
    )
    try:
        decoded = decoder.process_response(request, response)
    except Exception as exc:  # the crawl could not decode it either: no page reached the pipeline
        logger.warning("cannot decode the body of %s: %s", capture["url"], exc)
        return None
    return fetched_page(decoded) if isinstance(decoded, Response) else None  # it returns a Response


def _opened_at(path: Path) -> str:
    """The ``WARC-Date`` of the ``warcinfo`` record opening ``path`` ("" without one)."""
    with path.open("rb") as stream:
        try:
            first = next(iter(ArchiveIterator(stream)))
        except Exception:  # an empty or damaged file sorts first; reading it reports the damage
            return ""
        return first.rec_headers.get_header("WARC-Date") or "" if first.rec_type == "warcinfo" else ""


def _read_http_record(where: ResponseAt) -> tuple[ArcWarcRecord, StatusAndHeaders, io.BytesIO]:
    """The record at ``where``, its HTTP head (every byte kept) and the rest of its block."""
    with where.path.open("rb") as stream:
        stream.seek(where.offset)
        record = next(iter(ArchiveIterator(stream, no_record_parse=True)))
        block = io.BytesIO(record.raw_stream.read())
    record.http_headers = head = Latin1HeadParser(["HTTP/1.0", "HTTP/1.1"]).parse(block)
    return record, head, block


def _index(path: Path, captures: dict[str, ResponseAt], described: list) -> None:
    """Note where the response and revisit records of ``path`` lie, and its page metadata in order.

    Each page metadata goes with the run that wrote it: ``isPartOf`` of the file's ``warcinfo``.
    """
    run = ""
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            headers = record.rec_headers
            if record.rec_type in ("warcinfo", "metadata"):
                block = record.content_stream().read()
                if record.rec_type == "warcinfo":
                    run = read_warc_fields(block).get("ispartof", [path.name])[0]
                elif is_page_metadata(headers.get_header("Content-Type"), block):
                    page = read_page_fields(block)
                    described.append((run, headers.get_header("WARC-Concurrent-To"), page))
            iterator.read_to_end()
            if record.rec_type in ("response", "revisit"):
                offset, length = iterator.get_record_offset(), iterator.get_record_length()
                refers_to = headers.get_header("WARC-Refers-To") if record.rec_type == "revisit" else None
                captures[headers.get_header("WARC-Record-ID")] = ResponseAt(path, offset, length, refers_to)


def _scrapy_headers(head: StatusAndHeaders) -> Headers:
    headers = Headers()
    for name, value in head.headers:
        headers.appendlist(name.encode("iso-8859-1"), value.encode("iso-8859-1"))
    return headers
