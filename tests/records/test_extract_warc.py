"""``archiver extract`` on WARC files: one JSON record per line, the crawl's records."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.records.schema import record_errors
from tests.support.cli import command
from tests.support.pages import article
from tests.support.records import read_records


def extract_archive(archive: Path) -> list[dict]:
    """The records ``archiver extract`` prints for every WARC file of ``archive``."""
    warcs = sorted(str(p) for p in (archive / "warc").glob("*.warc.gz"))
    done = command("extract", *warcs)
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_extract_prints_the_record_of_every_article_in_the_warcs(crawled_archive: Path) -> None:
    printed = extract_archive(crawled_archive)
    assert sorted(printed, key=lambda r: r["id"]) == sorted(
        read_records(crawled_archive), key=lambda r: r["id"]
    )


def test_a_warc_file_is_known_by_its_bytes_whatever_its_name(crawled_archive: Path, tmp_path: Path) -> None:
    first = sorted((crawled_archive / "warc").glob("*.warc.gz"))[0]
    renamed = tmp_path / "capture.bin"
    renamed.write_bytes(first.read_bytes())
    done = command("extract", str(renamed))
    assert done.returncode == 0, done.stderr[-3000:]
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and all(r["warc"]["filename"] == "capture.bin" for r in records)


def test_a_warc_of_another_tool_gives_a_record_per_article_response(tmp_path: Path) -> None:
    """No page metadata: every HTML 2xx response is a candidate, its content coding undone."""
    path = tmp_path / "other-tool.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, coding in [("https://news.example/a/", article("a", "Un article compressé"), "gzip"),
                                  ("https://news.example/robots.txt", b"User-agent: *\n", None)]:  # fmt: skip
            headers = [("Content-Type", "text/html; charset=utf-8" if coding else "text/plain")]
            if coding:
                body = gzip.compress(body)
                headers.append(("Content-Encoding", coding))
            http = StatusAndHeaders(
                "200 OK", headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http)
            )
    done = command("extract", str(path))
    assert done.returncode == 0, done.stderr[-3000:]
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["url"] == "https://news.example/a/"
    assert record["title"] == "Un article compressé"
    assert "Kazakhstan" in record["body"]
    assert record["warc"]["filename"] == path.name
    assert record_errors(record) == []


def test_warcs_and_an_html_page_do_not_mix(crawled_archive: Path, tmp_path: Path) -> None:
    warc = str(sorted((crawled_archive / "warc").glob("*.warc.gz"))[0])
    page = tmp_path / "page.html"
    page.write_bytes(article("x", "Une page"))
    for args in ([warc, "--url", "https://a.example/"], [warc, str(page)], [str(page)]):
        done = command("extract", *args)
        assert done.returncode == 2, (args, done.stdout)


def test_extract_prints_each_version_of_a_changed_article(versioned_archive: Path) -> None:
    first, second = extract_archive(versioned_archive)
    [kept] = (versioned_archive / "record-versions").rglob("*.json")
    assert first == json.loads(kept.read_text("utf-8"))
    assert [second] == read_records(versioned_archive)
