"""The page ``metadata`` records a crawl writes, and the pages read back from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.capture.check import check_warc
from archiver.capture.pagemeta import page_fields, read_page_fields
from archiver.capture.reading import warc_files, warc_pages
from archiver.page import FetchedPage
from archiver.records.pages import no_record_reason
from tests.support.records import read_records


def page(**fields) -> FetchedPage:
    base = {"url": "https://a.example/x", "requested_url": "https://a.example/x", "status": 200, "headers": {},
            "body": b"", "fetched_at": None, "capture": None}  # fmt: skip
    return FetchedPage(**{**base, **fields})


def test_page_fields_read_back_as_written() -> None:
    described = page(requested_url="https://a.example/ancien?q=é", redirects=["https://a.example/ancien?q=é",
                     "https://a.example/mi"], kind="article", site="Observatoire d'Asie", hints={"byline": ".auteur"})  # fmt: skip
    assert read_page_fields(page_fields(described)) == {
        "requested_url": "https://a.example/ancien?q=é",
        "redirects": ["https://a.example/ancien?q=é", "https://a.example/mi"],
        "kind": "article",
        "site": "Observatoire d'Asie",
        "hints": {"byline": ".auteur"},
    }
    undecided = read_page_fields(page_fields(page()))
    assert (undecided["kind"], undecided["site"], undecided["redirects"], undecided["hints"]) == (
        None,
        None,
        [],
        {},
    )


def test_a_field_value_never_spans_lines() -> None:
    with pytest.raises(ValueError):
        page_fields(page(site="two\r\nlines"))


def records_of(archive: Path) -> list:
    out = []
    for path in warc_files(archive / "warc"):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                out.append(
                    (record.rec_type, dict(record.rec_headers.headers), record.content_stream().read())
                )
    return out


def test_each_page_has_one_metadata_record_beside_its_response(crawled_archive: Path) -> None:
    records = records_of(crawled_archive)
    responses = {headers["WARC-Record-ID"]: headers for kind, headers, _ in records if kind == "response"}
    metadata = [(headers, block) for kind, headers, block in records if kind == "metadata"]
    linked = [headers["WARC-Concurrent-To"] for headers, _ in metadata]
    assert len(linked) == len(set(linked)) and set(linked) < set(responses)  # robots.txt, hops: no page
    for headers, _ in metadata:
        response = responses[headers["WARC-Concurrent-To"]]
        assert headers["Content-Type"] == "application/warc-fields"
        assert (headers["WARC-Target-URI"], headers["WARC-Date"]) == (
            response["WARC-Target-URI"],
            response["WARC-Date"],
        )
    kinds = {read_page_fields(block)["kind"] for _, block in metadata}
    assert {"article", "listing", None} <= kinds
    assert all(check_warc(path).ok for path in warc_files(crawled_archive / "warc"))


def test_pages_read_back_get_records_exactly_where_the_crawl_wrote_them(crawled_archive: Path) -> None:
    pages = list(warc_pages(warc_files(crawled_archive / "warc")))
    recorded = {(r["url"], r["warc"]["record_id"]) for r in read_records(crawled_archive)}
    candidates = {(p.url, p.capture["record_id"]) for p in pages if no_record_reason(p) is None}
    assert candidates == recorded
    assert any(p.kind == "other" and p.content_type == "application/pdf" for p in pages)
    gzipped = next(p for p in pages if p.url.endswith("/article/gzip/"))
    assert gzipped.body.startswith(b"<!DOCTYPE html>") and "Content-Encoding" not in gzipped.headers
