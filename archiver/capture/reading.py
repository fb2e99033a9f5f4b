"""Pages read back from WARC files: the FetchedPage the crawl handed to the record pipeline.

:func:`warc_pages` pairs each response record with the page ``metadata`` record the
crawl wrote about it (:mod:`archiver.capture.pagemeta`) and rebuilds the page with the
crawl's own code: Scrapy's ``HttpCompressionMiddleware`` undoes the content coding and
:func:`archiver.page.fetched_page` makes the page, pointer (:func:`capture_info`)
included. Pages come in the order the crawl described them, which is the order it
wrote records. Files without page metadata (written by other tools) give one page per
response record, its kind left to the pipeline. Nothing here touches the network.
"""

from __future__ import annotations

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
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser

from archiver.capture.check import GZIP_MAGIC, drain, record_problems
from archiver.capture.pagemeta import is_page_metadata, read_page_fields
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
    """Where a response record lies: its file, byte offset and length."""

    path: Path
    offset: int
    length: int


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
        start = stream.read(8)
    return start.startswith((GZIP_MAGIC, b"WARC/"))


def warc_files(directory: Path) -> list[Path]:
    """The closed WARC files of a folder (``.open`` files are left to recovery), by name."""
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))


def warc_pages(paths: Iterable[Path], settings: Settings | None = None) -> Iterator[FetchedPage]:
    """The pages of ``paths`` as the crawl handed them to the record pipeline (see the module notes)."""
    responses: dict[str, ResponseAt] = {}
    described: list[tuple[str, dict[str, Any] | None]] = []
    for path in paths:
        _index(Path(path), responses, described)
    if not described:
        described = [(record_id, None) for record_id in responses]
    decoder = content_decoder(settings)
    for record_id, fields in described:
        where = responses.get(record_id)
        if where is None:
            logger.warning("page metadata about %s, whose response is not in the files given", record_id)
            continue
        if page := read_page(where, fields, decoder):
            yield page


def content_decoder(settings: Settings | None = None) -> HttpCompressionMiddleware:
    """Scrapy's ``HttpCompressionMiddleware`` as the crawl configured it (``DOWNLOAD_MAXSIZE``)."""
    if settings is None:
        from archiver.crawler import crawl_settings

        settings = crawl_settings()
    crawler = Crawler(Spider, settings)
    crawler.stats = StatsCollector(crawler)
    return HttpCompressionMiddleware.from_crawler(crawler)


def read_page(
    where: ResponseAt, fields: dict[str, Any] | None, decoder: HttpCompressionMiddleware
) -> FetchedPage | None:
    """The page of the response record at ``where``, described by page metadata ``fields``."""
    with where.path.open("rb") as stream:
        stream.seek(where.offset)
        record = next(iter(ArchiveIterator(stream, no_record_parse=True)))
        block = io.BytesIO(record.raw_stream.read())
    record.http_headers = head = Latin1HeadParser(["HTTP/1.0", "HTTP/1.1"]).parse(block)
    body = block.read()
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
    truncated = record.rec_headers.get_header("WARC-Truncated")
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
        response = decoder.process_response(request, response)
    except Exception as exc:  # the crawl could not decode it either: no page reached the pipeline
        logger.warning("cannot decode the body of %s: %s", capture["url"], exc)
        return None
    return fetched_page(response)


def pointer_problems(record: dict[str, Any], warc_dir: Path) -> list[str]:
    """How an article record's ``warc`` pointer fails to lead to its response record (empty: it does)."""
    pointer = record.get("warc")
    if not pointer:
        return []
    path = warc_dir / pointer["filename"]
    if not path.is_file():
        return [f"warc: no file {pointer['filename']} in {warc_dir}"]
    with path.open("rb") as stream:
        stream.seek(pointer["offset"])
        iterator = ArchiveIterator(stream, check_digests=True)
        try:
            found = next(iter(iterator))
            drain(found.raw_stream)
            iterator.read_to_end()
        except Exception as exc:  # warcio raises assorted errors on bytes that are not a record
            return [f"warc: no WARC record at offset {pointer['offset']} of {pointer['filename']} "
                    f"({type(exc).__name__})"]  # fmt: skip
    headers = found.rec_headers
    expected = {
        "WARC-Type": ("response", found.rec_type),
        "WARC-Record-ID": (pointer["record_id"], headers.get_header("WARC-Record-ID")),
        "WARC-Target-URI": (record.get("url"), headers.get_header("WARC-Target-URI")),
        "WARC-Date": (record.get("fetched_at"), headers.get_header("WARC-Date")),
        "WARC-Payload-Digest": (record.get("payload_digest"), headers.get_header("WARC-Payload-Digest")),
        "record length": (pointer["length"], iterator.get_record_length()),
    }
    problems = [f"warc: {name} is {got!r}, the record says {want!r}" for name, (want, got) in expected.items()
                if want != got]  # fmt: skip
    return problems + [f"warc: {problem}" for problem in record_problems(found)]


def _index(path: Path, responses: dict[str, ResponseAt], described: list) -> None:
    """Note where each response record of ``path`` lies and the page metadata it holds, in order."""
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            headers = record.rec_headers
            if record.rec_type == "metadata":
                block = record.content_stream().read()
                if is_page_metadata(headers.get_header("Content-Type"), block):
                    described.append((headers.get_header("WARC-Concurrent-To"), read_page_fields(block)))
            iterator.read_to_end()
            if record.rec_type == "response":
                offset, length = iterator.get_record_offset(), iterator.get_record_length()
                responses[headers.get_header("WARC-Record-ID")] = ResponseAt(path, offset, length)


def _scrapy_headers(head: StatusAndHeaders) -> Headers:
    headers = Headers()
    for name, value in head.headers:
        headers.appendlist(name.encode("iso-8859-1"), value.encode("iso-8859-1"))
    return headers
