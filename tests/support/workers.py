"""Workers of a shared crawl (``archiver crawl --redis``) started by tests, and their logs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.cli import FAST

#: Shared-crawl timings a test can wait for (the defaults suit real sites).
QUICK_SHARED = ["-s", "ARCHIVER_REDIS_IDLE_CLOSE=1.5", "-s", "ARCHIVER_REDIS_HEARTBEAT=0.25",
                "-s", "ARCHIVER_REDIS_WORKER_TIMEOUT=2", "-s", "ARCHIVER_RETRY_BACKOFF_BASE=0.2",
                "-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "ARCHIVER_MAX_PAGES_PER_PATTERN=15",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]  # fmt: skip


def start_worker(
    start_url: str, archive: Path, redis_url: str, worker: str, env: dict[str, str], *settings: str
) -> subprocess.Popen[str]:
    """``archiver crawl START --redis REDIS --worker-id WORKER`` in a subprocess (output in archive/../)."""
    cmd = [sys.executable, "-m", "archiver", "crawl", start_url, "--archive", str(archive),
           "--redis", redis_url, "--worker-id", worker, *FAST, *QUICK_SHARED, *settings]  # fmt: skip
    with (archive.parent / f"{worker}.log").open("w") as log:
        return subprocess.Popen(
            cmd, cwd=archive.parent, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
        )


def worker_log(archive: Path, worker: str) -> str:
    return (archive.parent / f"{worker}.log").read_text("utf-8")
