"""The CDXJ index: written when a WARC closes, rebuilt when missing, searched without scans."""

from __future__ import annotations

import json
import random
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archiver.index.cdxj import index_path, warc_index_text
from archiver.index.lookup import Capture, CaptureIndex, lines_with_prefix
from tests.support.webarchive import DemoArchive, copy_archive


def test_every_closed_warc_is_indexed_when_it_closes(demo_archive: DemoArchive) -> None:
    warcs = sorted((demo_archive.path / "warc").glob("*.warc.gz"))
    assert len(warcs) > 1  # rotated during the crawl
    assert demo_archive.indexed_by_the_crawl == [index_path(warc).name for warc in warcs]
    for warc in warcs:
        text = index_path(warc).read_text("utf-8")
        lines = text.splitlines()
        assert lines and lines == sorted(lines)
        assert text == warc_index_text(warc)


def test_each_index_line_points_at_its_record(demo_archive: DemoArchive) -> None:
    captures = CaptureIndex(demo_archive.path).all_captures()
    for capture in captures:
        with (demo_archive.path / "warc" / capture.filename).open("rb") as stream:
            stream.seek(capture.offset)
            iterator = ArchiveIterator(stream)
            record = next(iter(iterator))
            iterator.read_to_end(record)
            assert iterator.get_record_length() == capture.length
        assert record.rec_type == ("revisit" if capture.is_revisit else "response")
        assert record.rec_headers.get_header("WARC-Target-URI") == capture.url
        assert record.rec_headers.get_header("WARC-Payload-Digest") == capture.digest
        assert int(record.http_headers.get_statuscode()) == capture.status


def test_every_record_has_its_capture_in_the_index(demo_archive: DemoArchive) -> None:
    index = CaptureIndex(demo_archive.path)
    for record in demo_archive.records:
        found = index.captures(record["url"])
        pointer = record["warc"]
        assert [(c.filename, c.offset, c.length) for c in found] == [
            (pointer["filename"], pointer["offset"], pointer["length"])
        ]
        assert (found[0].status, found[0].digest) == (record["http_status"], record["payload_digest"])
        assert found[0].timestamp == "".join(ch for ch in record["fetched_at"] if ch.isdigit())[:14]


def test_captures_command_in_json(demo_archive: DemoArchive, cli) -> None:
    record = demo_archive.records[0]
    done = cli("captures", record["url"], "--json", "--archive", str(demo_archive.path))
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(c["filename"], c["offset"], c["status"], c["revisit"]) for c in found] == [
        (record["warc"]["filename"], record["warc"]["offset"], record["http_status"], False)
    ]


def test_captures_table_and_errors(demo_archive: DemoArchive, cli) -> None:
    record = demo_archive.records[0]
    table = cli("captures", record["url"], "--archive", str(demo_archive.path))
    assert table.returncode == 0
    header, row = table.stdout.splitlines()
    assert header.split("\t") == ["timestamp", "status", "digest", "filename", "offset", "length"]
    assert row.split("\t")[1:5] == [str(record["http_status"]), record["payload_digest"],
                                    record["warc"]["filename"], str(record["warc"]["offset"])]  # fmt: skip
    missing = cli("captures", record["url"] + "never-captured/", "--archive", str(demo_archive.path))
    assert missing.returncode == 1 and "no capture" in missing.stderr
    assert cli("captures", "ftp://example.org/", "--archive", str(demo_archive.path)).returncode == 2


def test_a_lost_index_is_rebuilt_the_same(demo_archive: DemoArchive, cli, tmp_path: Path) -> None:
    archive = copy_archive(demo_archive, tmp_path)
    originals = {p.name: p.read_bytes() for p in (archive.path / "indexes").iterdir()}
    (archive.path / "indexes" / next(iter(originals))).unlink()
    (archive.path / "indexes" / "gone.warc.gz.cdxj").write_text("stale\n")
    (archive.path / "indexes" / "killed.warc.gz.cdxj.spool").write_text("a killed crawl's lines\n")
    done = cli("captures", archive.records[0]["url"], "--archive", str(archive.path))
    assert done.returncode == 0, done.stderr
    assert {p.name: p.read_bytes() for p in (archive.path / "indexes").iterdir()} == originals


def test_host_captures_match_host_and_port(demo_archive: DemoArchive) -> None:
    index = CaptureIndex(demo_archive.path)
    every = index.all_captures()
    netloc = demo_archive.base_url.split("/")[2]
    assert index.host_captures("127.0.0.1") == every
    assert index.host_captures(netloc) == every
    assert index.host_captures("127.0.0.1:1") == []
    assert index.host_captures("127.0.0") == []


def test_binary_search_finds_exactly_the_lines_with_a_prefix(tmp_path: Path) -> None:
    rng = random.Random(7)
    keys = sorted({"".join(rng.choice("abc,)/:") for _ in range(rng.randint(1, 8))) for _ in range(3000)})
    lines = sorted(
        f"{key} {rng.randint(10**13, 10**14 - 1)} {{}}" for key in keys for _ in range(rng.randint(1, 3))
    )
    path = tmp_path / "sorted.cdxj"
    path.write_text("".join(line + "\n" for line in lines))
    probes = [*rng.sample(keys, 200), "", "a", "zzz", "!", *(key[:-1] for key in rng.sample(keys, 100))]
    for probe in probes:
        wanted = [line.encode() for line in lines if line.startswith(probe)]
        assert list(lines_with_prefix(path, probe.encode())) == wanted, probe


def test_capture_from_a_cdxj_line() -> None:
    line = (b'org,example)/a 20261124104028 {"url": "https://example.org/a", "mime": "warc/revisit", '
            b'"status": "200", "digest": "sha1:X", "length": "10", "offset": "5", "filename": "f.warc.gz"}')  # fmt: skip
    capture = Capture.from_line(line)
    assert (capture.timestamp, capture.status, capture.offset, capture.length) == (
        "20261124104028",
        200,
        5,
        10,
    )
    assert capture.is_revisit


def test_index_command_updates_and_rebuilds(demo_archive: DemoArchive, cli, tmp_path: Path) -> None:
    archive = copy_archive(demo_archive, tmp_path)
    indexes = archive.path / "indexes"
    originals = {p.name: p.read_bytes() for p in indexes.iterdir()}
    up_to_date = cli("index", "--archive", str(archive.path))
    assert up_to_date.returncode == 0 and up_to_date.stdout.startswith("0 WARC file(s) indexed")
    for path in indexes.iterdir():
        path.write_text("damaged\n")
    rebuilt = cli("index", "--rebuild", "--archive", str(archive.path))
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith(f"{len(originals)} WARC file(s) indexed")
    assert {p.name: p.read_bytes() for p in indexes.iterdir()} == originals
    assert cli("index", "--archive", str(tmp_path / "none")).returncode == 2
