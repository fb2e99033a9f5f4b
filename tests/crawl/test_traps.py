"""Traps are cut by what their pages yield: each costs at most 20 requests; a long archive is walked to its end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.crawl.traps import CUT, DEFERRED, FOLLOW, TrapGuard
from archiver.demo.server import SiteServer
from tests.crawl.trapsite import ARCHIVE_PAGES, PER_PAGE, TRAPS, article_slug, trap_fallback, trap_routes
from tests.support.cli import FAST
from tests.support.records import read_records

MAX_TRAP_REQUESTS = 20


def test_idle_run_cuts_a_template_and_defers_a_branching_one() -> None:
    guard = TrapGuard(3)
    assert [guard.admit("/tag/*", f"/tag/{n}/") for n in range(5)] == [FOLLOW] * 3 + [DEFERRED] * 2
    assert guard.judge("/tag/*", False) == []  # 1 idle, 2 in flight: no room
    assert guard.judge("/tag/*", False) == []
    assert guard.judge("/tag/*", False) == []  # 3 idle in a row: cut, the deferred dropped
    assert guard.admit("/tag/*", "/tag/x/") == CUT
    assert guard.cut_shapes() == {"/tag/*": {"pages": 3, "refused": 3}}
    assert [guard.admit("/list/*", f"/list/{n}/") for n in range(4)] == [FOLLOW] * 3 + [DEFERRED]
    assert guard.judge("/list/*", True) == ["/list/3/"]  # productive: the template is proven
    assert guard.admit("/list/*", "/list/9/") == FOLLOW


@pytest.fixture(scope="module")
def trap_crawl(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    env = request.getfixturevalue("sandbox_env")
    tmp = tmp_path_factory.mktemp("traps")
    with SiteServer(trap_routes(), fallback=trap_fallback()) as server:
        archive = tmp / "archive"
        done = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--archive", str(archive), *FAST,
             "-s", "ARCHIVER_PROGRESS_INTERVAL=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"],
            cwd=tmp, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        yield server, archive, done


def test_each_trap_costs_at_most_20_requests(trap_crawl) -> None:
    server, archive, done = trap_crawl
    assert done.returncode == 0, done.stderr[-3000:]
    spent = {prefix: sum(r.path.startswith(prefix) for r in server.requests) for prefix in TRAPS}
    print("requests per trap:", spent)
    assert all(1 <= n <= MAX_TRAP_REQUESTS for n in spent.values()), spent
    (run_file,) = (archive / "runs").glob("*.json")
    cut = json.loads(run_file.read_text())["traps_cut"]
    assert {"/*?mois", "/tag/*", "/deep/*", "/*?visit"} <= set(cut), cut
    assert all(counts["pages"] >= 10 for counts in cut.values()), cut
    assert "trap cut: /tag/*" in done.stdout


def test_the_long_archive_is_walked_to_its_end(trap_crawl) -> None:
    server, archive, _ = trap_crawl
    assert server.fetched(f"/archive/?page={ARCHIVE_PAGES}") == 1
    urls = {record["url"] for record in read_records(archive)}
    expected = {server.url(f"/article/{article_slug(p, n)}/") for p in range(1, ARCHIVE_PAGES + 1)
                for n in range(PER_PAGE)}  # fmt: skip
    assert expected <= urls and len(expected) == ARCHIVE_PAGES * PER_PAGE


def test_fixed_profile_limits_still_apply(tmp_path: Path, sandbox_env: dict[str, str]) -> None:
    with SiteServer(trap_routes(), fallback=trap_fallback()) as server:
        done = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--archive", str(tmp_path / "a"), *FAST,
             "-s", "ARCHIVER_PROGRESS_INTERVAL=0", "-s", "ARCHIVER_MAX_PAGES_PER_PATTERN=5", "--max-pages", "30"],
            cwd=tmp_path, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        assert sum(r.path.startswith("/agenda/") for r in server.requests) <= 5
        fetched = [r.path for r in server.requests if r.path != "/robots.txt"]
        assert len(fetched) == 30, len(fetched)  # --max-pages counts requests, robots.txt aside
