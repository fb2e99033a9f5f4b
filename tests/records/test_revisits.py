"""Pages captured as revisit records read back with the payload of the response they revisit."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.capture.pagemeta import page_fields
from archiver.capture.reading import warc_pages
from archiver.capture.records import metadata_record
from archiver.page import FetchedPage
from archiver.records.pages import extract_record
from archiver.records.pointer import pointer_problems
from archiver.records.schema import record_errors
from tests.support.pages import article

ORIGINAL, REVISIT = "https://news.example/article/a/", "https://news.example/article/a-copy/"


def describe(writer: WARCWriter, response, kind: str) -> None:
    """Write the page metadata record the crawl writes for ``response`` (see archiver.capture.pagemeta)."""
    headers = response.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    page = FetchedPage(url=uri, requested_url=uri, status=200, headers={}, body=b"", fetched_at=None,
                       capture=None, kind=kind, site="news")  # fmt: skip
    writer.write_record(metadata_record(uri, headers.get_header("WARC-Date"), headers.get_header("WARC-Record-ID"),
                                        page_fields(page)))  # fmt: skip


def write_warc(path: Path) -> None:
    body = gzip.compress(article("a", "Le même article deux fois"))
    head = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
            ("Content-Length", str(len(body)))]  # fmt: skip
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        http = StatusAndHeaders("200 OK", head, protocol="HTTP/1.1")
        original = writer.create_warc_record(ORIGINAL, "response", payload=BytesIO(body), http_headers=http)
        writer.write_record(original)
        describe(writer, original, "article")
        digest = original.rec_headers.get_header("WARC-Payload-Digest")
        date = original.rec_headers.get_header("WARC-Date")
        revisit = writer.create_revisit_record(REVISIT, digest, ORIGINAL, date,
                                               http_headers=StatusAndHeaders("200 OK", head, protocol="HTTP/1.1"))  # fmt: skip
        revisit.rec_headers.add_header("WARC-Refers-To", original.rec_headers.get_header("WARC-Record-ID"))
        revisit.rec_headers.add_header("WARC-Truncated", "length")
        writer.write_record(revisit)
        describe(writer, revisit, "article")


def test_a_revisit_page_gets_the_original_payload_and_a_valid_pointer(tmp_path: Path) -> None:
    write_warc(tmp_path / "revisits.warc.gz")
    pages = list(warc_pages([tmp_path / "revisits.warc.gz"]))
    assert [page.url for page in pages] == [ORIGINAL, REVISIT]
    original, revisit = pages
    assert revisit.body == original.body and revisit.body.startswith(b"<!DOCTYPE html>")
    assert not revisit.truncated and revisit.site == "news"
    record = extract_record(revisit)
    assert record is not None and record["title"] == "Le même article deux fois"
    assert record["warc"]["record_id"] != extract_record(original)["warc"]["record_id"]
    assert record_errors(record) == []
    assert pointer_problems(record, tmp_path) == []
