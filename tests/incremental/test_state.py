"""The crawl state, the re-check policy, the digest index and the site lock, on real SQLite files."""

from __future__ import annotations

import io
import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.recordbuilder import RecordBuilder

from archiver.capture.check import check_warc
from archiver.capture.digestindex import OriginalCapture
from archiver.capture.repair import repair_open_warcs, site_warc_prefix
from archiver.capture.warcfiles import WarcFileSeries
from archiver.state.db import CrawlState, PageState
from archiver.state.digests import SqliteDigestIndex
from archiver.state.lock import SiteLock, SiteLocked
from archiver.state.recheck import RecheckPolicy, sitemap_lastmods
from tests.support.capture import abandon

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_pending_rows_survive_an_unclean_end_and_are_cleared_by_a_clean_one(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "site.sqlite3")
    state.begin_run("r1", iso(NOW))
    for url in ("http://s/a", "http://s/b", "http://s/c"):
        state.queue(url, "r1")
    state.store(PageState("http://s/b", kind="article", fetched_at=iso(NOW)))
    state.fail("http://s/c", "HTTP 500", 500, "r1", "2026-11-24T10:00:00+00:00")
    assert CrawlState(state.path).pending_urls() == []  # nothing committed before flush
    state.flush()
    assert CrawlState(state.path).pending_urls() == ["http://s/a"]
    state.end_run("r1", iso(NOW), "finished", {"pages": 2})
    state.close()
    reopened = CrawlState(state.path)
    assert reopened.pending_urls() == []
    assert reopened.page("http://s/c").error == "HTTP 500"
    assert reopened.runs()[0]["finish_reason"] == "finished" and reopened.runs()[0]["pages"] == 2


def test_recheck_policy(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "site.sqlite3")
    fetched = iso(NOW - timedelta(days=2))
    state.store(PageState("http://s/article", kind="article", fetched_at=fetched))
    state.store(PageState("http://s/listing", kind="listing", fetched_at=fetched))
    state.fail("http://s/broken", "HTTP 503", 503, "r1", "2026-11-24T10:00:00+00:00")
    state.flush()
    week = RecheckPolicy(state, interval=7 * 86400, now=NOW)
    assert not week.due("http://s/article")
    assert not week.due("http://s/article", listed="2026-11-20")  # never seen before, older than the fetch
    assert week.due("http://s/article", listed="2026-11-23T10:00:00+00:00")
    assert week.due("http://s/listing") and week.due("http://s/new") and week.due("http://s/broken")
    assert RecheckPolicy(state, interval=86400, now=NOW).due("http://s/article")
    assert RecheckPolicy(state, interval=0, now=NOW).due("http://s/article")


def test_a_listed_date_that_changed_makes_a_page_due_whatever_the_clocks(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "site.sqlite3")
    state.store(PageState("http://s/a", kind="article", fetched_at=iso(NOW - timedelta(hours=2))))
    state.note_listed("http://s/a", "2026-11-20")
    state.flush()
    week = RecheckPolicy(state, interval=7 * 86400, now=NOW)
    assert not week.due("http://s/a", listed="2026-11-20")  # the value last seen
    assert week.due("http://s/a", listed="2026-11-24")  # date-only: midnight, before the fetch, yet changed
    assert week.due("http://s/a", listed="2026-11-19")  # a clock behind ours: changed all the same
    state.store(PageState("http://s/a", kind="article", fetched_at=iso(NOW)))  # a fetch keeps the listed date
    state.flush()
    assert state.page("http://s/a").listed_date == "2026-11-20"


def test_an_older_state_database_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)  # the schema of archiver 0.x, before listed dates and captures
    old.executescript("""CREATE TABLE pages (url TEXT PRIMARY KEY, kind TEXT, status INTEGER, etag TEXT,
        last_modified TEXT, payload_digest TEXT, content_digest TEXT, record_id TEXT, record_path TEXT,
        fetched_at TEXT, changed_at TEXT, error TEXT, pending INTEGER NOT NULL DEFAULT 0, run_id TEXT);
        CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
        finish_reason TEXT, pages INTEGER, new INTEGER, changed INTEGER, unchanged INTEGER, revisits INTEGER,
        errors INTEGER);
        INSERT INTO pages (url, kind, status, etag, fetched_at) VALUES ('http://s/a', 'article', 200, '"v1"', '2026-11-01T00:00:00Z');""")
    old.commit()
    old.close()
    state = CrawlState(path)
    kept = state.page("http://s/a")
    assert (kept.etag, kept.listed_date, kept.capture_id) == ('"v1"', None, None)
    state.note_listed("http://s/a", "2026-11-02")
    state.close()
    assert CrawlState(path).page("http://s/a").listed_date == "2026-11-02"  # migrated once, reopened as is


def test_feed_dates() -> None:
    from archiver.crawl.feeds import feed_dates

    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/e/1"/><published>2026-01-01</published>'
            b"<updated>2026-02-01T10:00:00Z</updated></entry><entry><link href=\"/e/2\"/></entry></feed>")  # fmt: skip
    assert feed_dates(atom, "http://s/") == {"http://s/e/1": "2026-02-01T10:00:00Z"}
    rss = b"<rss><channel><link>http://s/</link><item><link>http://s/i/</link><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item></channel></rss>"
    assert feed_dates(rss, "http://s/") == {"http://s/i/": "Tue, 01 Dec 2026 10:00:00 GMT"}
    json_feed = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "/j/", "date_modified": "2026-03-01"}]}'
    assert feed_dates(json_feed, "http://s/f.json") == {"http://s/j/": "2026-03-01"}


def test_sitemap_lastmods() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a</loc>'
            b"<lastmod>2026-11-01</lastmod></url><url><loc>http://s/b</loc></url></urlset>")  # fmt: skip
    assert sitemap_lastmods(body, "http://s/sitemap.xml") == {"http://s/a": "2026-11-01"}


def _claim(path: str, n: int, queue) -> None:
    index = SqliteDigestIndex(path)
    mine = OriginalCapture(f"<urn:uuid:{n}>", f"http://s/{n}", "2026-11-24T12:00:00Z")
    queue.put((n, index.claim("sha1:AAAA", mine)))
    index.close()


def test_one_original_per_digest_across_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "_digests.sqlite3")
    queue = multiprocessing.get_context("fork").Queue()
    processes = [
        multiprocessing.get_context("fork").Process(target=_claim, args=(path, n, queue)) for n in range(4)
    ]
    for process in processes:
        process.start()
    results = dict(queue.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    winners = [n for n, original in results.items() if original is None]
    assert len(winners) == 1
    assert {original.record_id for original in results.values() if original} == {f"<urn:uuid:{winners[0]}>"}


def test_site_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    with SiteLock(tmp_path, "demo"):
        with pytest.raises(SiteLocked, match="pid"):
            SiteLock(tmp_path, "demo").acquire()
        SiteLock(tmp_path, "other").acquire()  # another site is another lock
    with SiteLock(tmp_path, "demo"):
        pass


def test_repair_closes_only_the_open_warcs_of_its_site(tmp_path: Path) -> None:
    builder = RecordBuilder(warc_version="1.1")
    for site in ("demo", "demo-x"):  # "archiver-demo" is a prefix of "archiver-demo-x"
        series = WarcFileSeries(tmp_path / "warc", prefix=site_warc_prefix("archiver", site), warcinfo={})
        series.write_records(builder.create_warc_record("http://s/", "resource", payload=io.BytesIO(b"x")))
        abandon(series)  # never closed: a killed run
    (demo_open,) = (tmp_path / "warc").glob("archiver-demo-2*.open")
    (other_open,) = (tmp_path / "warc").glob("archiver-demo-x-*.open")
    repaired = repair_open_warcs(tmp_path, site_warc_prefix("archiver", "demo"))
    assert repaired == [demo_open.with_name(demo_open.name.removesuffix(".open"))]
    assert check_warc(repaired[0]).ok
    assert other_open.exists()
