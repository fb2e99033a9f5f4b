"""HTTP heads and records built from Scrapy objects: protocol, credentials, bodies, cache hits."""

from __future__ import annotations

import ipaddress

from scrapy.http import Request, Response

from archiver.capture.httpmessage import host_header, request_head, response_head, status_line
from archiver.capture.records import request_record, response_record, warc_date
from archiver.capture.warcfiles import WarcFileSeries, safe_name_part, warc_filename
from archiver.downloadermiddlewares.warccapture import WarcCaptureMiddleware
from archiver.page import META_CAPTURE, META_REDIRECTS


def test_h2_is_written_as_http11_with_a_warc_protocol_field():
    response = Response("https://example.org/a", body=b"ok", protocol="h2",
                        ip_address=ipaddress.ip_address("2001:db8::1"))  # fmt: skip
    record = response_record(response, warc_date())
    assert record.http_headers.headers_buff.startswith(b"HTTP/1.1 200 OK\r\n")
    assert record.rec_headers.get_header("WARC-Protocol") == "h2"
    assert record.rec_headers.get_header("WARC-IP-Address") == "2001:db8::1"
    request = request_record(Request("https://example.org/a"), record)
    assert request.rec_headers.get_header("WARC-Protocol") == "h2"


def test_request_head_drops_proxy_credentials_and_counts_the_body():
    request = Request("http://example.org:8080/p?q=1#frag", method="POST", body=b"a=1",
                      headers={"Proxy-Authorization": "Basic c2VjcmV0", "Cookie": "s=1"})  # fmt: skip
    head = request_head(request).headers_buff
    assert head.startswith(b"POST /p?q=1 HTTP/1.1\r\nHost: example.org:8080\r\n")
    assert b"Proxy-Authorization" not in head and b"Cookie: s=1\r\n" in head
    assert b"Content-Length: 3\r\n" in head


def test_host_header_omits_default_ports():
    assert host_header("https://example.org:443/") == "example.org"
    assert host_header("http://[::1]:8000/") == "[::1]:8000"


def test_status_line_of_an_unknown_code_has_no_phrase():
    assert status_line(599) == "599"
    assert status_line(404) == "404 Not Found"


def test_transfer_encoding_dropped_and_length_added_unless_truncated():
    response = Response("http://example.org/", body=b"12345", headers={"Transfer-Encoding": "chunked"})
    assert response_head(response).headers == [("Content-Length", "5")]
    assert response_head(response, truncated=True).headers == []


def test_file_names_keep_only_safe_characters():
    assert safe_name_part("Host~Name_1.Example") == "host-name_1.example"
    assert (
        warc_filename("Job 7", "20261124104447922", 3, "vm~1") == "job-7-20261124104447922-00003-vm-1.warc.gz"
    )


def middleware(tmp_path) -> WarcCaptureMiddleware:
    return WarcCaptureMiddleware(WarcFileSeries(tmp_path, "unit", {"software": "test"}, host="box"))


def test_cache_hits_and_non_http_responses_are_not_written(tmp_path):
    capture = middleware(tmp_path)
    request = Request("http://example.org/")
    capture.process_response(request, Response("http://example.org/", body=b"x", flags=["cached"]))
    capture.process_response(request, Response("data:text/plain,x", body=b"x"))
    assert META_CAPTURE not in request.meta and not list(tmp_path.iterdir())


def test_only_redirect_hops_are_carried_to_the_next_request(tmp_path):
    capture = middleware(tmp_path)
    first = Request("http://example.org/old")
    capture.process_response(first, Response("http://example.org/old", status=301))
    hop = first.meta[META_CAPTURE]
    redirected = first.replace(url="http://example.org/new")
    redirected.meta["redirect_urls"] = ["http://example.org/old"]
    capture.process_request(redirected)
    assert redirected.meta[META_REDIRECTS] == [hop] and META_CAPTURE not in redirected.meta
    assert first.meta.get(META_REDIRECTS) is None  # a fresh list, the first request is untouched
    unrelated = Request("http://example.org/other", meta=dict(first.meta))  # meta copied by a spider
    capture.process_request(unrelated)
    assert META_CAPTURE not in unrelated.meta and META_REDIRECTS not in unrelated.meta
    capture.close()
