"""WARC/1.1 records of one HTTP exchange (response, request, metadata) and of a file (warcinfo).

Records are built with warcio: sha1/base32 ``WARC-Payload-Digest`` over the body as
stored (still content-coded), ``WARC-Block-Digest`` over head and body (filled in
when the record is serialized). The request record shares the response's
``WARC-Date`` and ``WARC-Target-URI`` and points to it with ``WARC-Concurrent-To``, as
does a ``metadata`` record. A payload the archive already holds is written as a
``revisit`` record instead (:func:`revisit_record`), and a ``304 Not Modified`` answer to a
conditional re-check as a ``server-not-modified`` revisit of the capture it confirms
(:func:`not_modified_record`). :func:`capture_info` is the pointer to a response record
that the crawl leaves on ``response.meta`` and a reader of the WARC rebuilds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from scrapy.http import Request, Response
from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParser
from warcio.timeutils import datetime_to_iso_date

from archiver.capture.digestindex import OriginalCapture
from archiver.capture.httpmessage import header_pairs, request_head, response_head, status_line

WARC_VERSION = "1.1"
#: WARC 1.1 revisit profile of a 304 answer to a conditional request (§6.7.3).
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
#: Scrapy response flags → ``WARC-Truncated`` reason (WARC 1.1 §5.13).
TRUNCATION_REASONS = {"dataloss": "disconnect", "partial": "unspecified"}

_builder = RecordBuilder(warc_version=WARC_VERSION)


def warc_date(moment: datetime | None = None) -> str:
    """RFC 3339 UTC with microseconds, e.g. ``2026-11-24T10:40:28.123456Z``."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    return datetime_to_iso_date(moment, use_micros=True)


def truncation(response: Response) -> str | None:
    """The ``WARC-Truncated`` value for a response Scrapy flagged as cut off, else None."""
    for flag in response.flags:
        if flag in TRUNCATION_REASONS:
            return TRUNCATION_REASONS[flag]
    return None


def response_record(response: Response, date: str) -> ArcWarcRecord:
    """The ``response`` record: status line, headers and body as received."""
    truncated = truncation(response)
    fields = _leading_fields("response", response.url, date)
    if response.ip_address is not None:
        fields["WARC-IP-Address"] = str(response.ip_address)
    if response.protocol and not response.protocol.upper().startswith("HTTP/"):
        fields["WARC-Protocol"] = response.protocol.lower()
    if truncated:
        fields["WARC-Truncated"] = truncated
    return _builder.create_warc_record(
        response.url,
        "response",
        payload=BytesIO(response.body),
        length=len(response.body),
        http_headers=response_head(response, truncated=bool(truncated)),
        warc_headers_dict=fields,
    )


def revisit_record(
    response: Response, response_record: ArcWarcRecord, original: OriginalCapture
) -> ArcWarcRecord:
    """An ``identical-payload-digest`` revisit in place of ``response_record``, referring to ``original``.

    Same record id, date and fields as the response it replaces; its block is the
    HTTP head only (``WARC-Truncated: length``), and ``WARC-Refers-To`` names the
    original record, which warcio leaves out.
    """
    headers = response_record.rec_headers
    fields = _leading_fields(
        "revisit", response.url, headers.get_header("WARC-Date"), headers.get_header("WARC-Record-ID")
    )
    for name in ("WARC-IP-Address", "WARC-Protocol"):
        if value := headers.get_header(name):
            fields[name] = value
    fields["WARC-Refers-To"] = original.record_id
    fields["WARC-Truncated"] = "length"
    return _builder.create_revisit_record(
        response.url,
        headers.get_header("WARC-Payload-Digest"),
        original.target_uri,
        original.warc_date,
        http_headers=response_record.http_headers,
        warc_headers_dict=fields,
    )


def not_modified_record(
    response: Response, date: str, original: OriginalCapture, payload_digest: str | None
) -> ArcWarcRecord:
    """A ``server-not-modified`` revisit for a 304 ``response``, confirming the capture ``original``.

    ``WARC-Refers-To`` (record id), ``-Target-URI`` and ``-Date`` name the original and
    ``WARC-Payload-Digest`` is its digest (what indexes match a revisit on). The block is
    empty: a replay tool then serves the original's status, headers and body, which is
    what the 304 asserts (pywb replays a block holding the 304 head as an empty 304);
    the 304's status and headers go into a ``metadata`` record (:func:`not_modified_head_record`).
    """
    fields = _leading_fields("revisit", response.url, date)
    if response.ip_address is not None:
        fields["WARC-IP-Address"] = str(response.ip_address)
    if response.protocol and not response.protocol.upper().startswith("HTTP/"):
        fields["WARC-Protocol"] = response.protocol.lower()
    fields |= {"WARC-Profile": SERVER_NOT_MODIFIED, "WARC-Refers-To": original.record_id,
               "WARC-Refers-To-Target-URI": original.target_uri, "WARC-Refers-To-Date": original.warc_date}  # fmt: skip
    if payload_digest:
        fields["WARC-Payload-Digest"] = payload_digest
    return _builder.create_warc_record(
        response.url, "revisit", payload=BytesIO(b""), length=0,
        warc_content_type="application/http; msgtype=response", warc_headers_dict=fields,
    )  # fmt: skip


def not_modified_head_record(response: Response, revisit: ArcWarcRecord) -> ArcWarcRecord:
    """The status and headers of a 304 ``response`` as ``application/warc-fields``, about ``revisit``.

    ``http-status: 304 Not Modified``, then ``http-header-<name>: <value>`` per header (the
    convention of ``warcinfo``'s ``http-header-user-agent``). Not ``application/http``:
    indexers would list it as a capture of the URL.
    """
    lines = [f"http-status: {status_line(response.status)}".encode("latin-1")]
    lines += [
        b"http-header-" + name.lower() + b": " + value for name, value in header_pairs(response.headers)
    ]
    return metadata_record(
        response.url,
        revisit.rec_headers.get_header("WARC-Date"),
        revisit.rec_headers.get_header("WARC-Record-ID"),
        b"\r\n".join(lines) + b"\r\n",
    )


def request_record(request: Request, response: ArcWarcRecord) -> ArcWarcRecord:
    """The ``request`` record of ``response``: same date and URI, ``WARC-Concurrent-To`` it."""
    headers = response.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    fields = _leading_fields("request", uri, headers.get_header("WARC-Date"))
    fields["WARC-Concurrent-To"] = headers.get_header("WARC-Record-ID")
    for name in ("WARC-IP-Address", "WARC-Protocol"):
        if value := headers.get_header(name):
            fields[name] = value
    return _builder.create_warc_record(
        uri,
        "request",
        payload=BytesIO(request.body),
        length=len(request.body),
        http_headers=request_head(request),
        warc_headers_dict=fields,
    )


def metadata_record(uri: str, date: str, response_id: str, fields: bytes) -> ArcWarcRecord:
    """A ``metadata`` record (``application/warc-fields``) about the response ``response_id``."""
    warc_fields = _leading_fields("metadata", uri, date)
    warc_fields["WARC-Concurrent-To"] = response_id
    return _builder.create_warc_record(
        uri,
        "metadata",
        payload=BytesIO(fields),
        length=len(fields),
        warc_content_type="application/warc-fields",
        warc_headers_dict=warc_fields,
    )


def capture_info(record: ArcWarcRecord, filename: str, offset: int, length: int) -> dict[str, Any]:
    """The pointer to a response ``record`` lying in ``filename`` at ``offset`` (see archiver.page)."""
    headers = record.rec_headers
    return {
        "url": headers.get_header("WARC-Target-URI"),
        "filename": filename,
        "offset": offset,
        "length": length,
        "record_id": headers.get_header("WARC-Record-ID"),
        "payload_digest": headers.get_header("WARC-Payload-Digest"),
        "block_digest": headers.get_header("WARC-Block-Digest"),
        "warc_date": headers.get_header("WARC-Date"),
        "status": int(record.http_headers.get_statuscode()) if record.http_headers else None,
        "truncated": headers.get_header("WARC-Truncated") is not None,
    }


def _leading_fields(record_type: str, uri: str, date: str, record_id: str | None = None) -> dict[str, str]:
    """The first WARC fields, in the order the spec lists them (a new record id unless given)."""
    return {
        "WARC-Type": record_type,
        "WARC-Record-ID": record_id or StatusAndHeadersParser.make_warc_id(),
        "WARC-Target-URI": uri,
        "WARC-Date": date,
    }


def warcinfo_record(filename: str, fields: dict[str, Any]) -> ArcWarcRecord:
    """The ``warcinfo`` record opening ``filename`` (empty fields are left out)."""
    return _builder.create_warcinfo_record(filename, fields)
