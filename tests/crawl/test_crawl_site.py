"""``archiver crawl`` on the fixture site, end to end: real server, real Scrapy, real WARCs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo.server import SiteServer
from archiver.index.cdxj import index_path, warc_index_text
from tests.support.cli import FAST
from tests.support.fixturesite import ARTICLES, FORBIDDEN, site_routes
from tests.support.records import read_records

pytestmark = pytest.mark.e2e  # its crawl fixture asks for sandbox_env at run time

#: The fixture site's awkward pages within bounds a test can wait for.
LIMITS = ["-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "DOWNLOAD_WARNSIZE=500000",
          "-s", "ARCHIVER_RETRY_BACKOFF_BASE=0.2",
          "-s", "ARCHIVER_PROGRESS_INTERVAL=0.5"]  # fmt: skip


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """Crawl the fixture site once; yield (server, offsite server, archive, completed process)."""
    sandbox_env = request.getfixturevalue("sandbox_env")
    tmp = tmp_path_factory.mktemp("crawl")
    with SiteServer() as offsite, SiteServer() as server:
        server.routes.update(site_routes(server.base_url, offsite.base_url.replace("127.0.0.1", "localhost")))
        archive = tmp / "archive"
        proc = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--archive", str(archive), *FAST, *LIMITS],
            cwd=tmp, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        yield server, offsite, archive, proc


def warc_responses(archive: Path) -> dict[str, list[dict]]:
    """Target URI -> the response records (status, content type, payload) in the archive's WARCs."""
    found: dict[str, list[dict]] = {}
    for path in sorted((archive / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    found.setdefault(uri, []).append(
                        {"status": record.http_headers.get_statuscode(),
                         "type": record.http_headers.get_header("Content-Type"),
                         "body": record.content_stream().read()}
                    )  # fmt: skip
    return found


def run_stats(archive: Path) -> dict:
    (path,) = (archive / "runs").glob("*.json")
    return json.loads(path.read_text("utf-8"))


def test_every_article_recorded_exactly_once(crawl):
    server, _, archive, proc = crawl
    records = read_records(archive)
    urls = sorted(r["url"] for r in records)
    assert urls == sorted(server.url(f"/article/{slug}/") for slug in ARTICLES), proc.stderr[-3000:]
    assert len({r["id"] for r in records}) == len(records)
    assert run_stats(archive)["articles"] == len(ARTICLES)  # written once each, not overwritten
    assert "Été, négociations à Téhéran" in next(r for r in records if "latin" in r["url"])["body"]


def test_tracking_links_redirects_and_print_versions_fetch_no_second_copy(crawl):
    server, _, _, _ = crawl
    fetched = [r.path for r in server.requests]
    assert fetched.count("/article/beta/") == 1  # utm_*, fbclid, fragment, ;jsessionid links
    assert fetched.count("/article/alpha/") == 1  # sitemap, tag page, #top link, old URL's 301, ?print=1
    assert not any("print=1" in path or "utm_" in path or "jsessionid" in path for path in fetched)
    assert server.fetched("/old/alpha-story.html") == 1
    assert server.fetched("/print/alpha/") == 1  # rel=canonical page: captured, no record


def test_robots_txt_obeyed_and_captured(crawl):
    server, offsite, archive, _ = crawl
    fetched = {r.path for r in server.requests}
    assert not fetched & {*FORBIDDEN, "/private/from-sitemap/"}
    assert server.fetched("/robots.txt") == 1
    assert offsite.requests == []  # off-site links and redirects are not followed
    assert server.fetched("/partner/") == 1
    responses = warc_responses(archive)
    assert b"Disallow: /private/" in responses[server.url("/robots.txt")][0]["body"]
    assert run_stats(archive)["robots_forbidden"] >= 1


def test_sitemaps_feeds_and_pagination_discovered(crawl):
    server, _, _, _ = crawl
    for path in (
        "/sitemap_index.xml",
        "/sitemap-articles.xml",
        "/feed.xml",
        "/feed.json",
        "/analyses/?page=3",
    ):
        assert server.fetched(path) == 1, path
    assert server.fetched("/analyses/?page=1") == 0  # same page as /analyses/ is not linked as such


def test_traps_bounded_and_crawl_finishes(crawl):
    server, _, archive, proc = crawl
    calendar = [r.path for r in server.requests if r.path.startswith("/agenda/")]
    assert 1 <= len(calendar) <= 20, calendar
    cut = run_stats(archive)["traps_cut"]
    assert cut["/*?month"]["pages"] >= 10 and cut["/*?month"]["refused"] >= 1, cut
    assert run_stats(archive)["finish_reason"] == "finished"


def test_pdf_captured_without_record_and_retry_after_503(crawl):
    server, _, archive, _ = crawl
    responses = warc_responses(archive)
    (pdf,) = responses[server.url("/reports/annual-2024.pdf")]
    assert pdf["type"] == "application/pdf" and pdf["body"].startswith(b"%PDF")
    assert not any("pdf" in r["url"] for r in read_records(archive))
    assert [r["status"] for r in responses[server.url("/article/flaky/")]] == ["503", "200"]
    assert run_stats(archive)["stats"]["archiver/retry_wait_seconds"] == 0.2  # backoff before the retry
    cutoff = server.url("/article/cutoff/")
    assert cutoff in responses and not any(r["url"] == cutoff for r in read_records(archive))


def test_stats_file_summary_and_exit_code(crawl):
    server, _, archive, proc = crawl
    stats = run_stats(archive)
    errors = {e["url"]: e for e in stats["errors"]}
    broken = {e["url"]: e for e in stats["broken_links"]}
    assert broken[server.url("/missing/")]["status"] == 404 and server.url("/missing/") not in errors
    assert "maxsize" in errors[server.url("/big/")]["reason"].lower().replace(" ", "")  # DOWNLOAD_MAXSIZE
    # One error count everywhere: the list, the count, the summary; the broken link apart.
    assert "cut off" in errors[server.url("/article/cutoff/")]["reason"]  # fetched again next run
    assert stats["error_count"] == len(stats["errors"]) == 2  # the oversized page, the cut-off one
    assert stats["broken_link_count"] == len(stats["broken_links"]) >= 1
    assert stats["state"] == "finished" and stats["finished_at"]
    assert f"; 2 errors, {stats['broken_link_count']} broken links (404/410)" in proc.stdout
    assert f"  broken link: {server.url('/missing/')}: HTTP 404" in proc.stdout
    assert f"error: {server.url('/missing/')}" not in proc.stdout
    assert proc.returncode == 1  # partial failure
    assert stats["status_counts"]["200"] >= len(ARTICLES) and stats["status_counts"]["503"] == 1
    assert stats["bytes_written"] > 0 and stats["warc_files"]
    assert all((archive / "warc" / name).exists() for name in stats["warc_files"])
    assert f"{len(ARTICLES)} articles recorded" in proc.stdout
    assert "pages fetched" in proc.stderr and "pages/s" in proc.stderr  # the progress line
    progress = [
        line for line in proc.stderr.splitlines() if line.startswith("archiver: ") and "queued" in line
    ]
    assert progress and all("elapsed" in line and "\r" not in line for line in progress)  # not a terminal


def test_user_agent_names_the_project(crawl):
    server, _, _, _ = crawl
    agent = server.requests[0].headers.get("User-Agent", "")
    assert agent.startswith("archiver/") and "+https://" in agent


def test_indexes_written_during_the_crawl_are_those_cdxj_indexer_writes(crawl):
    _, _, archive, _ = crawl
    warcs = sorted((archive / "warc").glob("*.warc.gz"))
    assert warcs and not list((archive / "indexes").glob("*.spool"))
    for warc in warcs:  # revisits, redirects, 404, PDF, truncated and gzip responses included
        assert index_path(warc).read_text("utf-8") == warc_index_text(warc)


def test_failures_and_status_give_the_run_s_one_error_count(crawl, archiver_cli):
    server, _, archive, _ = crawl
    stats = run_stats(archive)
    done = archiver_cli("failures", "--archive", str(archive), "--json")
    assert done.returncode == 1, done.stderr  # an error is failing
    failing = {f["url"]: f for f in map(json.loads, done.stdout.splitlines())}
    errors = {url for url, f in failing.items() if f["kind"] == "error"}
    broken = {url for url, f in failing.items() if f["kind"] == "broken_link"}
    assert errors == {e["url"] for e in stats["errors"]} and len(errors) == stats["error_count"]
    assert broken == {e["url"] for e in stats["broken_links"]} and server.url("/missing/") in broken
    assert all(f["site"] == stats["site"] and f["at"] and f["reason"] for f in failing.values())
    assert failing[server.url("/missing/")]["status"] == 404
    (site,) = map(json.loads, archiver_cli("status", "--archive", str(archive), "--json").stdout.splitlines())
    assert (site["errors"], site["broken_links"]) == (stats["error_count"], stats["broken_link_count"])
    assert site["last_run"]["errors"] == stats["error_count"]
    only_broken = archiver_cli("status", "--failures", "--archive", str(archive))
    assert f"broken link\t404\t{stats['site']}\t{server.url('/missing/')}\tHTTP 404" in only_broken.stdout
