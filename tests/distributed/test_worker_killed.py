"""A worker SIGKILLed mid-crawl: the others finish; restarted under its id it repairs its WARC and re-crawls."""

from __future__ import annotations

import signal
import time

from archiver.demo.server import SiteServer
from archiver.distributed.status import connect, crawl_status
from tests.distributed.site import MORE, all_articles, shared_site_routes, unfetched
from tests.support.capture import warcio_check
from tests.support.records import read_records
from tests.support.workers import start_worker, worker_log

#: The most requests a worker holds, so can lose: CONCURRENT_REQUESTS, which a shared crawl
#: caps at CONCURRENT_REQUESTS_PER_DOMAIN (2 in these tests).
IN_FLIGHT = 2


def wait_for_pages(client, worker: str, pages: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reports = {w["worker"]: w for w in crawl_status(client, "127.0.0.1")["workers"]}
        if reports.get(worker, {}).get("pages", 0) >= pages:
            return
        time.sleep(0.1)
    raise AssertionError(f"worker {worker} fetched fewer than {pages} pages in {timeout} s")


def test_killing_a_worker_does_not_stop_the_others(redis_server, sandbox_env, tmp_path):
    redis_url = f"{redis_server}/2"
    client = connect(redis_url)
    archive = tmp_path / "archive"
    archive.mkdir()
    with SiteServer() as offsite, SiteServer() as server:
        server.routes.update(
            shared_site_routes(server.base_url, offsite.base_url.replace("127.0.0.1", "localhost"), 0.5)
        )
        start = server.url("/")
        survivor = start_worker(start, archive, redis_url, "s1", sandbox_env)
        victim = start_worker(start, archive, redis_url, "v1", sandbox_env)
        wait_for_pages(client, "v1", 3)
        wait_for_pages(client, "s1", 3)  # both at work
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        namesake = start_worker(start, archive, redis_url, "s1", sandbox_env)  # s1 is crawling
        assert namesake.wait(30) == 3, worker_log(archive, "s1")  # exit 3: that worker id is taken
        assert survivor.wait(60) in (0, 1)

        status = crawl_status(client, "127.0.0.1", worker_timeout=2)
        assert status["state"] == "finished"
        reports = {w["worker"]: w for w in status["workers"]}
        assert reports["s1"]["state"] == "finished" and reports["s1"]["pages"] > 3
        assert reports["v1"]["state"] == "crawling" and not reports["v1"]["live"]  # killed: silent
        # Lost: the requests the victim had taken from the queue (and pages only they lead to).
        assert unfetched(status["seen"], {request.path for request in server.requests}) <= IN_FLIGHT
        opened = sorted((archive / "warc").glob("*.open"))
        assert [path.name.split("-")[1] for path in opened] == ["v1"]

        # Recovery: v1 restarted repairs its WARC; the crawl finished, so it starts a new one.
        for slug in MORE:
            server.routes[f"/article/{slug}/"].delay = 0
        restarted = start_worker(start, archive, redis_url, "v1", sandbox_env)
        assert restarted.wait(60) in (0, 1), worker_log(archive, "v1")[-3000:]
    assert crawl_status(client, "127.0.0.1")["number"] == 2
    assert not list((archive / "warc").glob("*.open"))
    checked = warcio_check(sorted((archive / "warc").glob("*.warc.gz")))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    recorded = sorted(r["url"] for r in read_records(archive))
    assert recorded == [server.url(f"/article/{s}/") for s in all_articles()]
