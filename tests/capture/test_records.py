"""Response and request records hold the HTTP messages as served and sent."""

from __future__ import annotations

import gzip
from datetime import datetime

import pytest

from tests.support.capture import b32_sha1, read_warc_records
from tests.support.capturesite import PAGES, SLOW_DELAY


@pytest.fixture(scope="module")
def responses(captured_site) -> dict[str, object]:
    """Response records by path (query kept), the last capture of each."""
    records = [r for path in captured_site.run.warcs() for r in read_warc_records(path)]
    base = captured_site.server.base_url
    return {r.uri.removeprefix(base): r for r in records if r.type == "response"}


@pytest.fixture(scope="module")
def requests(captured_site) -> dict[str, object]:
    records = [r for path in captured_site.run.warcs() for r in read_warc_records(path)]
    base = captured_site.server.base_url
    return {r.uri.removeprefix(base): r for r in records if r.type == "request"}


def served_bytes(path: str) -> bytes:
    page = PAGES[path]
    return gzip.compress(page.body, mtime=0) if page.gzip else page.body


@pytest.mark.parametrize(
    "path", ["/gzip", "/chunked", "/gzip-chunked", "/target", "/latin1", "/report.pdf", "/error"]
)
def test_payload_is_the_body_as_served_with_its_digest(responses, path):
    record = responses[path]
    assert record.payload == served_bytes(path)
    assert record.warc["WARC-Payload-Digest"] == b32_sha1(served_bytes(path))
    assert record.http.get_header("Content-Length") == str(len(served_bytes(path)))


def test_gzip_body_stays_encoded(responses):
    for path in ("/gzip", "/gzip-chunked"):
        record = responses[path]
        assert record.payload[:2] == b"\x1f\x8b"
        assert record.http.get_header("Content-Encoding") == "gzip"
        assert gzip.decompress(record.payload) == PAGES[path].body


def test_chunked_body_is_stored_dechunked_without_transfer_encoding(responses):
    for path in ("/chunked", "/gzip-chunked"):
        record = responses[path]
        assert record.http.get_header("Transfer-Encoding") is None
        assert b"\r\n3e8\r\n" not in record.payload and not record.payload.endswith(b"0\r\n\r\n")


def test_status_lines_carry_the_reason_phrase(responses):
    assert (responses["/target"].http.protocol, responses["/target"].http.statusline) == (
        "HTTP/1.1",
        "200 OK",
    )
    assert responses["/missing"].http.statusline == "404 Not Found"
    assert responses["/error"].http.statusline == "500 Internal Server Error"
    assert responses["/old"].http.statusline == "301 Moved Permanently"
    assert responses["/moved"].http.get_header("Location") == "/target"


def test_truncated_body_is_kept_and_flagged(responses):
    record = responses["/cut"]
    assert record.warc["WARC-Truncated"] == "disconnect"
    assert record.payload == PAGES["/cut"].body[:300]
    assert record.http.get_header("Content-Length") == str(len(PAGES["/cut"].body))  # as announced
    assert "WARC-Truncated" not in responses["/target"].warc


def test_non_ascii_header_bytes_and_repeated_headers_are_preserved(captured_site):
    raw = b"".join(gzip.decompress(p.read_bytes()) for p in captured_site.run.warcs())
    assert b'Content-Disposition: attachment; filename="caf\xe9.txt"\r\n' in raw
    assert b"Set-Cookie: a=1; Path=/\r\nSet-Cookie: b=2; Path=/\r\n" in raw


def test_request_record_is_the_request_as_sent(captured_site, requests):
    record = requests["/search?q=caf%C3%A9&page=2"]
    assert record.http.protocol == "GET"
    assert record.http.statusline == "/search?q=caf%C3%A9&page=2 HTTP/1.1"
    seen = next(r for r in captured_site.server.requests if r.path.startswith("/search"))
    assert record.http.get_header("Host") == seen.headers["Host"]
    for name in ("User-Agent", "Accept-Encoding", "Accept-Language"):
        assert record.http.get_header(name) == seen.headers[name]
    assert record.payload == b""


def test_warc_date_is_when_the_download_began(captured_site, responses):
    date = responses["/slow"].warc["WARC-Date"]
    began = datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp()
    assert abs(began - captured_site.slow_received[0]) < SLOW_DELAY / 2
