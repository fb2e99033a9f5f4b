"""The extraction pool: jobs in worker processes, in order, errors passed on, dead workers replaced."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest

from archiver.crawl.extractpool import ExtractionPool, WorkerDied
from archiver.demo.server import SiteServer
from tests.support.cli import FAST
from tests.support.fixturesite import site_routes
from tests.support.records import read_records


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def fail(message: str) -> None:
    raise ValueError(message)


def run(coroutine):
    return asyncio.run(coroutine)


def test_jobs_run_in_workers_and_results_come_back_to_their_callers():
    async def scenario():
        pool = ExtractionPool(2)
        try:
            pids = await asyncio.gather(*(pool.run(pid_after, 0.05 * (i % 3)) for i in range(12)))
            big = await pool.run(bytes.upper, b"x" * 3_000_000)  # larger than a socket buffer
        finally:
            pool.close()
        return pids, big

    pids, big = run(scenario())
    assert os.getpid() not in pids and len(set(pids)) == 2  # both workers, not the caller
    assert big == b"X" * 3_000_000


def test_an_exception_reaches_the_caller_and_the_worker_goes_on():
    async def scenario():
        pool = ExtractionPool(1)
        try:
            with pytest.raises(ValueError, match="broken page"):
                await pool.run(fail, "broken page")
            return await pool.run(pid_after, 0)
        finally:
            pool.close()

    assert run(scenario()) != os.getpid()


def test_a_killed_worker_fails_its_jobs_and_is_replaced():
    async def scenario():
        pool = ExtractionPool(1)
        try:
            first = await pool.run(pid_after, 0)
            slow = asyncio.ensure_future(pool.run(pid_after, 30))
            await asyncio.sleep(0.2)
            os.kill(first, signal.SIGKILL)
            with pytest.raises(WorkerDied):
                await asyncio.wait_for(slow, 10)
            return first, await pool.run(pid_after, 0)
        finally:
            pool.close()

    first, second = run(scenario())
    assert second not in (first, os.getpid())


def test_inline_pool_runs_in_the_caller():
    assert run(ExtractionPool(0).run(pid_after, 0)) == os.getpid()


def crawl_records(tmp_path, sandbox_env, workers: int) -> dict[str, tuple]:
    with SiteServer() as offsite, SiteServer() as server:
        server.routes.update(site_routes(server.base_url, offsite.base_url))
        archive = tmp_path / f"archive-{workers}"
        proc = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--archive", str(archive), *FAST,
             "-s", f"ARCHIVER_EXTRACT_WORKERS={workers}", "-s", "DOWNLOAD_MAXSIZE=1000000",
             "-s", "ARCHIVER_MAX_PAGES_PER_PATTERN=15", "-s", "ARCHIVER_RETRY_BACKOFF_BASE=0.2"],
            cwd=tmp_path, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr[-3000:]
        base = server.base_url
    return {
        r["url"].replace(base, ""): (r["title"], r["body"], [a["name"] for a in r["authors"]], r["published"])
        for r in read_records(archive)
    }


def test_a_crawl_records_the_same_articles_inline_and_with_two_workers(tmp_path, sandbox_env):
    inline = crawl_records(tmp_path, sandbox_env, 0)
    assert inline and inline == crawl_records(tmp_path, sandbox_env, 2)
