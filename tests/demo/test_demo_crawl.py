"""``archiver crawl`` of the demo site: every article found and recorded as ``expected.json`` says."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo import DISALLOWED, expected_articles, serve_demo
from tests.support.cli import FAST
from tests.support.records import read_records

FIELDS = ("title", "authors", "published", "language", "image_credit", "author_bios", "body", "leaks")
#: Known gaps of the extractor on the demo site: (article id, field).
KNOWN_GAPS: set[tuple[str, str]] = set()  # none left (the lang=fr English article is now "en")


@dataclass
class Crawl:
    done: subprocess.CompletedProcess[str]
    archive: Path
    records: dict[str, dict]  # by URL path
    fetched: dict[str, int]  # how often each robots-disallowed path was requested


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]) -> Crawl:
    archive = tmp_path_factory.mktemp("demo") / "archive"
    with serve_demo() as site:
        done = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", site.url("/"), "--profile", "demo",
             "--archive", str(archive), *FAST],
            cwd=archive.parent, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        fetched = {path: site.fetched(path) for path in DISALLOWED}
    return Crawl(done, archive, {urlsplit(r["url"]).path: r for r in read_records(archive)}, fetched)


def test_the_crawl_succeeds_and_obeys_robots_txt(crawl: Crawl) -> None:
    assert crawl.done.returncode == 0, crawl.done.stderr[-2000:]
    assert crawl.fetched == dict.fromkeys(DISALLOWED, 0)


def test_every_demo_article_gets_one_record(crawl: Crawl) -> None:
    assert set(crawl.records) == {a["url"] for a in expected_articles()}


def fields(record: dict, gold: dict) -> dict[str, tuple[object, object]]:
    """(got, expected) for each of FIELDS."""
    authors = record.get("authors") or []
    images = record.get("images") or []
    body = norm(record.get("body"))
    return {
        "title": (norm(record.get("title")), norm(gold["title"])),
        "authors": ([a.get("name") for a in authors], gold["authors"]),
        "published": ((record.get("published") or "")[:10], gold["published"]),
        "language": (record.get("language"), gold["language"]),
        "image_credit": (images[0].get("credit") if images else None, gold["image_credit"]),
        "author_bios": ({a.get("name"): norm(a.get("bio")) for a in authors if a.get("bio")},
                        {name: norm(bio) for name, bio in gold["author_bios"].items()}),
        "body": ([p for p in gold["body"].split("\n\n") if norm(p) not in body], []),
        "leaks": ([s for s in gold["must_not_be_in_body"] if norm(s) in body], []),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("article", "field"),
    [
        pytest.param(
            a["id"], name, marks=[pytest.mark.xfail(strict=True)] if (a["id"], name) in KNOWN_GAPS else []
        )
        for a in expected_articles()
        for name in (
            "title",
            "authors",
            "published",
            "language",
            "image_credit",
            "author_bios",
            "body",
            "leaks",
        )
    ],
)
def test_record_field_matches_the_expected_record(crawl: Crawl, article: str, field: str) -> None:
    gold = next(a for a in expected_articles() if a["id"] == article)
    record = crawl.records.get(gold["url"])
    assert record is not None
    got, expected = fields(record, gold)[field]
    assert got == expected


def test_each_record_points_at_its_response_in_the_warc(crawl: Crawl) -> None:
    assert crawl.records
    for record in crawl.records.values():
        pointer = record["warc"]
        with open(crawl.archive / "warc" / pointer["filename"], "rb") as stream:
            stream.seek(pointer["offset"])
            warc = next(iter(ArchiveIterator(stream)))
            assert warc.rec_type == "response"
            assert warc.rec_headers.get_header("WARC-Target-URI") == record["url"]
            assert b'<h1 class="card-title">' in warc.content_stream().read()
