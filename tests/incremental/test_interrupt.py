"""Ctrl-C and SIGTERM stop a crawl cleanly: exit 130/143, said in the summary and stats, resumed next run.

The stats file is live while the crawl runs (``"state": "running"``, rewritten atomically).
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from archiver.cli import exitcodes
from tests.support.changingsite import ChangingSite, article_html, crawl, crawl_command, site_profile
from tests.support.records import read_records
from tests.support.requires import ROOT

ARTICLES = 30


def live_run(archive: Path) -> dict | None:
    """The run file as it is now (it is replaced whole, never seen half-written)."""
    paths = list((archive / "runs").glob("*.json"))
    return json.loads(paths[0].read_text("utf-8")) if paths else None


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, exitcodes.INTERRUPTED), (signal.SIGTERM, exitcodes.TERMINATED)],
                         ids=["SIGINT", "SIGTERM"])  # fmt: skip
def test_a_stopped_crawl_says_so_exits_128_plus_the_signal_and_resumes(
    stop, code, tmp_path, sandbox_env
) -> None:
    site = ChangingSite(delay=0.4)
    for n in range(ARTICLES):
        site.put(f"i{n:02d}", article_html(f"i{n:02d}", "Interrupted."), "2025-03-12")
    archive = tmp_path / "archive"
    settings = ("CONCURRENT_REQUESTS=1", "ARCHIVER_STATS_INTERVAL=0.2", "ARCHIVER_EXTRACT_WORKERS=0")
    with site.server:
        sites_dir = site_profile(tmp_path / "sites", site)
        process = subprocess.Popen(crawl_command(archive, sites_dir, *settings), cwd=ROOT, env=sandbox_env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while not ((run := live_run(archive)) and run["pages_fetched"] >= 4):
                assert time.monotonic() < deadline and process.poll() is None, "no live stats file"
                time.sleep(0.05)
            assert run["state"] == "running" and run["finished_at"] is None
            assert run["progress"]["queued"] >= 1 and run["progress"]["elapsed_s"] > 0
            process.send_signal(stop)
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()
        assert process.returncode == code, err
        assert f"INTERRUPTED by {stop.name}" in out and "resumes" in out
        stopped = live_run(archive)
        assert stopped["state"] == "interrupted" and stopped["stop_signal"] == stop.name
        assert stopped["finish_reason"] == "shutdown" and len(read_records(archive)) < ARTICLES
        status = subprocess.run([*crawl_command(archive, sites_dir)[:2], "archiver", "status", "--archive",
                                 str(archive)], env=sandbox_env, capture_output=True, text=True)  # fmt: skip
        assert "interrupted (the next run resumes it)" in status.stdout

        again = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_EXTRACT_WORKERS=0")
    assert again.returncode == exitcodes.OK, again.stderr
    assert "INTERRUPTED" not in again.stdout
    assert sorted(r["url"] for r in read_records(archive)) == sorted(site.url(slug) for slug in site.articles)
    finished = [json.loads(p.read_text("utf-8")) for p in (archive / "runs").glob("*.json")]
    assert sorted(run["state"] for run in finished) == ["finished", "interrupted"]


def test_sigterm_stops_a_sites_job_after_the_current_site_ends_cleanly(tmp_path, sandbox_env) -> None:
    site = ChangingSite(delay=0.4)
    for n in range(20):
        site.put(f"j{n:02d}", article_html(f"j{n:02d}", "Job."), "2025-03-12")
    archive = tmp_path / "archive"
    with site.server:
        sites_dir = site_profile(tmp_path / "sites", site)
        site_profile(sites_dir, site, name="second")
        (tmp_path / "sites.txt").write_text("changing\nsecond\n", "utf-8")
        command = [*crawl_command(archive, sites_dir, "CONCURRENT_REQUESTS=1", "ARCHIVER_EXTRACT_WORKERS=0")]
        command[command.index("changing")] = "--sites-file"
        command.insert(command.index("--sites-file") + 1, str(tmp_path / "sites.txt"))
        job = subprocess.Popen(command, cwd=ROOT, env=sandbox_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while not ((run := live_run(archive)) and run["pages_fetched"] >= 3):
                assert time.monotonic() < deadline and job.poll() is None, "the first site did not start"
                time.sleep(0.05)
            job.send_signal(signal.SIGTERM)  # the job's process only, as `kill PID` or KillMode=mixed
            out, err = job.communicate(timeout=60)
        finally:
            job.kill()
    assert job.returncode == exitcodes.TERMINATED, err
    assert "changing: interrupted (SIGTERM)" in out and "second: not crawled (job interrupted)" in out
    assert "INTERRUPTED by SIGTERM" in out  # the site's own summary
    (run,) = [json.loads(p.read_text("utf-8")) for p in (archive / "runs").glob("*.json")]
    assert run["state"] == "interrupted" and run["site"] == "changing"
    assert not list((archive / "warc").glob("*.open"))  # ended cleanly, not killed
