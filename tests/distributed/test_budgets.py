"""Budgets mean the same with two workers: ``--max-pages`` and the trap rule count every worker's pages."""

from __future__ import annotations

import json

import pytest

from archiver.demo.server import SiteServer
from tests.crawl.trapsite import TRAPS, trap_fallback, trap_routes
from tests.support.workers import start_worker, worker_log

WORKERS = ("b1", "b2")
MAX_TRAP_REQUESTS = 20


#: A shorter archive than the single-process test's: its walk is sequential, two workers or one.
ARCHIVE_PAGES = 30


def crawl_with_two_workers(redis_url: str, tmp_path, env, *options: str):
    with SiteServer(trap_routes(), fallback=trap_fallback(ARCHIVE_PAGES)) as server:
        archive = tmp_path / "archive"
        archive.mkdir()
        workers = {w: start_worker(server.url("/"), archive, redis_url, w, env, *options) for w in WORKERS}
        codes = {w: proc.wait(240) for w, proc in workers.items()}
        for worker, code in codes.items():
            assert code == 0, worker_log(archive, worker)[-3000:]
        return server, archive


def test_max_pages_counts_the_pages_of_every_worker(redis_server: str, sandbox_env, tmp_path) -> None:
    server, archive = crawl_with_two_workers(f"{redis_server}/3", tmp_path, sandbox_env, "--max-pages", "50")
    fetched = [r.path for r in server.requests if r.path != "/robots.txt"]  # each worker reads robots.txt
    assert len(fetched) == 50 and len(set(fetched)) == 50
    runs = [json.loads(p.read_text("utf-8")) for p in (archive / "runs").glob("*.json")]
    assert len(runs) == 2 and all(run["pages_fetched"] > 0 for run in runs), "the work was not shared"


def test_traps_are_cut_for_every_worker(redis_server: str, sandbox_env, tmp_path) -> None:
    server, archive = crawl_with_two_workers(
        f"{redis_server}/4",
        tmp_path,
        sandbox_env,
        "-s",
        "ARCHIVER_MAX_PAGES_PER_PATTERN=0",  # no fixed limit
    )
    spent = {prefix: sum(r.path.startswith(prefix) for r in server.requests) for prefix in TRAPS}
    assert all(1 <= n <= MAX_TRAP_REQUESTS for n in spent.values()), spent
    assert server.fetched(f"/archive/?page={ARCHIVE_PAGES}") == 1  # the long archive to its end


@pytest.fixture(autouse=True)
def _redis_needed(redis_server: str) -> None:
    """Every test here runs workers against the session's redis-server."""
