"""A crawl killed with SIGKILL resumes; a second concurrent run exits with the lock code; many sites."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from archiver.capture.check import check_warc
from archiver.cli import exitcodes
from tests.support.changingsite import ChangingSite, article_html, crawl, crawl_command, site_profile
from tests.support.records import read_records
from tests.support.requires import ROOT

ARTICLES = 24


@pytest.fixture
def slow_site():
    site = ChangingSite(delay=0.4)  # fetching outlasts the extraction pool's start: work is left at the kill
    for n in range(ARTICLES):
        site.put(f"s{n:02d}", article_html(f"s{n:02d}", "Slow site."), "2025-03-12")
    with site.server:
        yield site


def record_set(archive: Path) -> set[tuple[str, str, int]]:
    return {(r["id"], r["body"], r["version"]) for r in read_records(archive)}


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_crawl_resumes_to_the_records_of_an_uninterrupted_one(
    kill, slow_site, tmp_path, sandbox_env
) -> None:
    sites_dir = site_profile(tmp_path / "sites", slow_site)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    settings = (
        "CONCURRENT_REQUESTS=2",
        "CONCURRENT_REQUESTS_PER_DOMAIN=2",
    )  # few pages in flight at the kill
    done = crawl(whole, sites_dir, sandbox_env, *settings)
    assert done.returncode == 0, done.stderr

    process = subprocess.Popen(crawl_command(killed, sites_dir, *settings), cwd=ROOT, env=sandbox_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for(lambda: len(list((killed / "records").rglob("*.json"))) >= 6)
    finally:
        os.kill(process.pid, kill)
        process.wait(timeout=60)
    assert process.returncode == (exitcodes.TERMINATED if kill == signal.SIGTERM else -signal.SIGKILL)
    assert len(list((killed / "records").rglob("*.json"))) < ARTICLES
    left_open = list((killed / "warc").glob("*.open"))
    assert bool(left_open) == (kill == signal.SIGKILL), "SIGKILL leaves an .open WARC, SIGTERM closes it"

    again = crawl(killed, sites_dir, sandbox_env, *settings)
    assert again.returncode == 0, again.stderr
    assert record_set(killed) == record_set(whole)
    assert not list((killed / "warc").glob("*.open"))
    for path in sorted((killed / "warc").glob("*.warc.gz")):
        assert check_warc(path).ok, check_warc(path)
    status = subprocess.run([*crawl_command(killed, sites_dir)[:2], "archiver", "status", "--json",
                             "--archive", str(killed)], env=sandbox_env, capture_output=True, text=True)  # fmt: skip
    runs = json.loads(status.stdout)
    assert (
        runs["runs"] == 2 and runs["articles"] == ARTICLES and runs["last_run"]["finish_reason"] == "finished"
    )


def test_a_second_run_on_the_same_site_exits_with_the_lock_code(slow_site, tmp_path, sandbox_env) -> None:
    sites_dir = site_profile(tmp_path / "sites", slow_site)
    archive = tmp_path / "archive"
    lock = archive / "state" / "changing.lock"
    first = subprocess.Popen(crawl_command(archive, sites_dir), cwd=ROOT, env=sandbox_env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        wait_for(lambda: lock.exists() and lock.read_text().startswith("pid"))
        started = time.monotonic()
        second = crawl(archive, sites_dir, sandbox_env)
        assert second.returncode == exitcodes.LOCKED
        assert "being crawled" in second.stderr and f"pid {first.pid}" in second.stderr
        assert time.monotonic() - started < 15
        assert first.poll() is None, "the first run should still be crawling"
    finally:
        out, err = first.communicate(timeout=120)
    assert first.returncode == exitcodes.OK, err
    assert len(read_records(archive)) == ARTICLES


def test_a_sites_file_job_runs_every_site_despite_one_failing(tmp_path, sandbox_env, archiver_cli) -> None:
    site = ChangingSite()
    site.put("a1", article_html("a1", "Only one."), "2025-03-12")
    sites_dir = site_profile(tmp_path / "sites", site)
    (sites_dir / "gone.toml").write_text('start_urls = ["http://127.0.0.1:9/"]\n', "utf-8")
    sites_file = tmp_path / "sites.txt"
    sites_file.write_text("# daily\ngone\nchanging\n", "utf-8")
    with site.server:
        done = archiver_cli("crawl", "--sites-file", str(sites_file), "--sites-dir", str(sites_dir),
                            "--archive", str(tmp_path / "archive"), "-s", "RETRY_ENABLED=False",
                            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")  # fmt: skip
    assert done.returncode == exitcodes.PARTIAL, done.stderr
    assert "gone: partial failure" in done.stdout and "changing: ok" in done.stdout
    assert [r["url"] for r in read_records(tmp_path / "archive")] == [site.url("a1")]
    assert sorted(p.name for p in (tmp_path / "archive" / "state").glob("*.sqlite3")) == [
        "_digests.sqlite3", "changing.sqlite3", "gone.sqlite3"]  # fmt: skip


def test_all_means_every_profile_and_a_sites_file_its_lines(tmp_path: Path) -> None:
    from argparse import Namespace

    from archiver.cli.sitesjob import job_exit_code, job_sites

    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "mine.toml").write_text('start_urls = ["http://127.0.0.1:9/"]\n', "utf-8")
    every = job_sites(Namespace(sites_file=None, sites_dir=[tmp_path / "sites"]))
    assert {"mine", "demo"} <= set(every)
    listed = tmp_path / "sites.txt"
    listed.write_text("demo  # the bundled site\n\nhttps://example.org/\n", "utf-8")
    assert job_sites(Namespace(sites_file=listed, sites_dir=[])) == ["demo", "https://example.org/"]
    assert job_exit_code({"a": 0, "b": 0}) == exitcodes.OK
    assert job_exit_code({"a": 0, "b": exitcodes.LOCKED}) == exitcodes.PARTIAL
    assert job_exit_code({"a": exitcodes.LOCKED}) == exitcodes.LOCKED
