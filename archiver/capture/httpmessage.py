"""HTTP request and response head blocks rebuilt from Scrapy objects, as sent.

Scrapy hands over parsed messages, so the head is reconstructed: the status line gets
its reason phrase back from :class:`http.HTTPStatus`, an ``h2`` exchange is written as
``HTTP/1.1`` (the caller adds ``WARC-Protocol: h2``), header values keep their raw bytes
(warcio would percent-encode non-ASCII values) and every value of a repeated header is
kept. Header-name case and the interleaving of repeated headers are lost in Scrapy.

Transfer coding: Twisted de-chunks the body and keeps ``Transfer-Encoding`` (a
connection header) away from Scrapy, so a chunked response arrives with neither
``Transfer-Encoding`` nor ``Content-Length``. The stored message is the de-chunked
entity: any ``Transfer-Encoding`` header is dropped and, when the response came
without ``Content-Length``, one is added with the length of the stored body, so that
the record is a self-delimited HTTP/1.1 message for replay tools. A truncated response
keeps the ``Content-Length`` it announced (the record says ``WARC-Truncated``).
The content coding (gzip, br) is never undone: the body is stored as received.
"""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus
from urllib.parse import urlsplit

from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from warcio.statusandheaders import StatusAndHeaders

#: Request headers never written to a WARC (credentials of the proxy).
PRIVATE_REQUEST_HEADERS = frozenset({b"proxy-authorization"})
#: Response headers of the transfer, not of the stored message.
TRANSFER_HEADERS = frozenset({b"transfer-encoding"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class RawStatusAndHeaders(StatusAndHeaders):
    """A warcio head block whose serialized bytes are given, never re-encoded."""

    def __init__(self, statusline: str, protocol: str, raw_headers: list[tuple[bytes, bytes]]) -> None:
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in raw_headers]
        super().__init__(statusline, headers, protocol=protocol)
        lines = [f"{protocol} {statusline}".encode("latin-1")]
        lines += [name + b": " + value for name, value in raw_headers]
        self.headers_buff = b"\r\n".join(lines) + b"\r\n\r\n"

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        """Keep the raw bytes: warcio would percent-encode non-ASCII values."""


def status_line(status: int) -> str:
    """``200 OK``: the status code and its standard reason phrase (Scrapy drops it)."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def http_version(protocol: str | None) -> str:
    """The version written in the head block: ``h2`` and unknown become ``HTTP/1.1``."""
    if protocol and protocol.upper().startswith("HTTP/"):
        return protocol.upper()
    return "HTTP/1.1"


def header_pairs(headers: Headers) -> list[tuple[bytes, bytes]]:
    """Every (name, value) of Scrapy headers, repeated headers included."""
    return [(name, value) for name, values in headers.items() for value in values]


def response_head(response: Response, truncated: bool = False) -> RawStatusAndHeaders:
    """The response status line and headers as received (see the module notes)."""
    pairs = [(k, v) for k, v in header_pairs(response.headers) if k.lower() not in TRANSFER_HEADERS]
    if not truncated and not _has(pairs, b"content-length"):
        pairs.append((b"Content-Length", str(len(response.body)).encode("ascii")))
    return RawStatusAndHeaders(status_line(response.status), http_version(response.protocol), pairs)


def request_head(request: Request) -> RawStatusAndHeaders:
    """The request line and headers as sent: ``Host`` added, proxy credentials removed."""
    url = urlsplit(request.url)
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    pairs = [(b"Host", host_header(request.url).encode("ascii"))]
    pairs += [(k, v) for k, v in header_pairs(request.headers) if k.lower() not in PRIVATE_REQUEST_HEADERS]
    if request.body and not _has(pairs, b"content-length"):
        pairs.append((b"Content-Length", str(len(request.body)).encode("ascii")))
    return RawStatusAndHeaders(target + " HTTP/1.1", request.method, pairs)


def host_header(url: str) -> str:
    """The ``Host`` value of a URL: host, and port unless it is the scheme's default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme):
        return f"{host}:{parts.port}"
    return host


def _has(pairs: Iterable[tuple[bytes, bytes]], name: bytes) -> bool:
    return any(k.lower() == name for k, _ in pairs)
