"""The pointer left on the response meta leads to exactly its response record."""

from __future__ import annotations

import gzip
import io

from warcio.archiveiterator import ArchiveIterator

from tests.support.capture import b32_sha1


def record_at(path, offset: int, length: int):
    """The single record in ``length`` bytes at ``offset`` of ``path`` (and its raw payload)."""
    with path.open("rb") as stream:
        stream.seek(offset)
        chunk = stream.read(length)
    assert len(chunk) == length
    records = []
    for record in ArchiveIterator(io.BytesIO(chunk)):
        records.append((record.rec_headers, record.http_headers, record.raw_stream.read()))
    assert len(records) == 1
    return records[0]


def assert_points_to_its_record(warc_dir, capture: dict) -> bytes:
    headers, http, payload = record_at(warc_dir / capture["filename"], capture["offset"], capture["length"])
    assert headers.get_header("WARC-Type") == "response"
    assert headers.get_header("WARC-Target-URI") == capture["url"]
    assert headers.get_header("WARC-Record-ID") == capture["record_id"]
    assert headers.get_header("WARC-Date") == capture["warc_date"]
    assert headers.get_header("WARC-Payload-Digest") == capture["payload_digest"] == b32_sha1(payload)
    assert headers.get_header("WARC-Block-Digest") == capture["block_digest"]
    assert int(http.get_statuscode()) == capture["status"]
    return payload


def test_every_item_points_to_its_response_record(captured_site):
    items = captured_site.run.items
    assert len(items) == 13
    for item in items.values():
        capture = item["capture"]
        assert capture["url"] == item["url"] and capture["status"] == item["status"]
        assert not capture["filename"].endswith(".open")
        assert_points_to_its_record(captured_site.run.warc_dir, capture)


def test_pointer_gives_the_served_bytes(captured_site):
    capture = captured_site.run.items[captured_site.url("/gzip")]["capture"]
    payload = assert_points_to_its_record(captured_site.run.warc_dir, capture)
    assert gzip.decompress(payload).startswith(b"<!DOCTYPE html>")


def test_redirect_chain_lists_each_hop_oldest_first(captured_site):
    item = captured_site.run.items[captured_site.url("/old")]
    assert item["url"] == captured_site.url("/target")
    hops = item["redirects"]
    assert [(h["url"], h["status"]) for h in hops] == [
        (captured_site.url("/old"), 301),
        (captured_site.url("/moved"), 302),
    ]
    for hop in hops:
        assert_points_to_its_record(captured_site.run.warc_dir, hop)
    assert item["capture"]["status"] == 200


def test_pages_without_redirects_have_no_hops_and_flags_map_to_truncated(captured_site):
    items = captured_site.run.items
    assert items[captured_site.url("/gzip")]["redirects"] == []
    assert items[captured_site.url("/cut")]["capture"]["truncated"] is True
    assert items[captured_site.url("/gzip")]["capture"]["truncated"] is False
