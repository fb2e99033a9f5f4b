"""Three ``archiver crawl --redis`` workers share one crawl of the fixture site."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo.server import SiteServer
from archiver.distributed.status import connect, crawl_status
from tests.distributed.site import all_articles, shared_site_routes, unfetched
from tests.support.capture import warcio_check
from tests.support.records import read_records
from tests.support.workers import start_worker, worker_log

WORKERS = ("w1", "w2", "w3")
#: Fetched more than once by design (at most): robots.txt by each worker (to obey it), a 503 and its retry.
REFETCHED = {"/robots.txt": len(WORKERS), "/article/flaky/": 2}


@dataclass
class SharedRun:
    server: SiteServer
    archive: Path
    returncodes: dict[str, int]
    redis_url: str


@pytest.fixture(scope="module")
def shared(redis_server: str, sandbox_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("shared")
    redis_url = f"{redis_server}/1"
    with SiteServer() as offsite, SiteServer() as server:
        server.routes.update(
            shared_site_routes(
                server.base_url, offsite.base_url.replace("127.0.0.1", "localhost"), delay=0.15
            )
        )
        archive = tmp / "archive"
        archive.mkdir()
        workers = {w: start_worker(server.url("/"), archive, redis_url, w, sandbox_env) for w in WORKERS}
        returncodes = {w: proc.wait(90) for w, proc in workers.items()}
        yield SharedRun(server, archive, returncodes, redis_url)


def responses_by_worker(archive: Path) -> dict[str, list[str]]:
    """Worker id -> target URIs of the responses in its WARC files (``archiver-<worker>-...``)."""
    found: dict[str, list[str]] = {}
    for path in sorted((archive / "warc").glob("*.warc.gz")):
        worker = path.name.split("-")[1]
        with path.open("rb") as stream:
            uris = [
                r.rec_headers["WARC-Target-URI"] for r in ArchiveIterator(stream) if r.rec_type == "response"
            ]
        found.setdefault(worker, []).extend(uris)
    return found


def test_every_worker_finishes_and_together_they_record_every_article_once(shared: SharedRun):
    for worker, code in shared.returncodes.items():
        assert code in (0, 1), worker_log(shared.archive, worker)[-3000:]
        assert "run stats:" in worker_log(shared.archive, worker)
    records = read_records(shared.archive)
    assert sorted(r["url"] for r in records) == [shared.server.url(f"/article/{s}/") for s in all_articles()]
    runs = [json.loads(p.read_text("utf-8")) for p in (shared.archive / "runs").glob("*.json")]
    assert len(runs) == len(WORKERS)
    assert sum(run["articles"] for run in runs) == len(records)  # none written twice


def test_no_url_is_fetched_by_two_workers(shared: SharedRun):
    fetched = Counter(request.path for request in shared.server.requests)
    twice = {path: n for path, n in fetched.items() if n > 1}
    assert all(n <= REFETCHED.get(path, 1) for path, n in twice.items()), twice
    # Requests a worker took from the queue while its robots.txt was downloading obey it too.
    assert not [path for path in fetched if path.startswith("/private/")]
    by_worker = responses_by_worker(shared.archive)
    assert set(by_worker) <= set(WORKERS)
    assert len([w for w, uris in by_worker.items() if uris]) >= 2, "the work was not shared"
    owners: dict[str, set[str]] = {}
    for worker, uris in by_worker.items():
        for uri in uris:
            owners.setdefault(uri, set()).add(worker)
    shared_uris = {uri for uri, workers in owners.items() if len(workers) > 1}
    assert {uri.removeprefix(shared.server.base_url) for uri in shared_uris} <= set(REFETCHED)


def test_every_worker_writes_its_own_valid_warc_files(shared: SharedRun):
    warcs = sorted((shared.archive / "warc").glob("*.warc.gz"))
    assert not list((shared.archive / "warc").glob("*.open"))
    assert {path.name.split("-")[1] for path in warcs} <= set(WORKERS)
    checked = warcio_check(warcs)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_status_reads_the_finished_crawl_from_redis(shared: SharedRun):
    status = crawl_status(connect(shared.redis_url), "127.0.0.1")
    assert status["state"] == "finished" and status["queued"] == 0
    assert {w["worker"]: w["state"] for w in status["workers"]} == dict.fromkeys(WORKERS, "finished")
    runs = [json.loads(p.read_text("utf-8")) for p in (shared.archive / "runs").glob("*.json")]
    assert status["pages"] == sum(run["stats"].get("response_received_count", 0) for run in runs)
    assert status["records"] == len(all_articles())
    assert unfetched(status["seen"], {request.path for request in shared.server.requests}) == 0


def test_archiver_status_shows_the_shared_crawl(shared: SharedRun, archiver_cli):
    shown = archiver_cli("status", "--redis", shared.redis_url, shared.server.url("/"), "--json")
    assert shown.returncode == 0, shown.stderr
    status = json.loads(shown.stdout)
    assert status["site"] == "127.0.0.1" and status["state"] == "finished"
    assert sorted(w["worker"] for w in status["workers"]) == list(WORKERS)
    text = archiver_cli("status", "--redis", shared.redis_url)  # every shared crawl in that Redis
    assert text.returncode == 0 and "shared crawl 127.0.0.1 #1: finished; 0 queued" in text.stdout
    assert all(f"worker {w} " in text.stdout for w in WORKERS)
    assert archiver_cli("status", "127.0.0.1").returncode == 2  # a SITE needs --redis
