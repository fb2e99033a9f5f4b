"""Helpers of the fault-injection suite (tests/faults/): real processes, killed or starved, then re-run and checked."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import FAST
from tests.support.requires import ROOT

ARTICLES = 40


def archiver_args(*args: str, settings: tuple[str, ...] = ()) -> list[str]:
    """``archiver ARGS`` with the fast test settings and ``-s`` extras."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    return [*args, *FAST, "-s", "ARCHIVER_PROGRESS_INTERVAL=0", *extra]


def run_archiver(args: list[str], env: dict[str, str], kill_at: tuple[str, int] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run ``archiver ARGS``; with ``kill_at=(point, n)`` it SIGKILLs itself there (tests/faults/killpoint.py)."""
    prefix = ["-m", "tests.faults.killpoint", kill_at[0], str(kill_at[1])] if kill_at else ["-m", "archiver"]
    return subprocess.run([sys.executable, *prefix, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip


def leftovers(archive: Path) -> list[str]:
    """``.open`` WARC files, index spools and half-created files: what a repair must leave none of."""
    found = [p.name for p in (archive / "warc").glob("*.open")] + [
        p.name for p in (archive / "warc").glob(".*")
    ]
    return found + [p.name for p in (archive / "indexes").glob("*.spool")]


def record_files(archive: Path) -> list[dict]:
    """Every current record file of ``archive``."""
    return [
        json.loads(p.read_text("utf-8")) for p in sorted((archive / "records").rglob("*.json")) if p.is_file()
    ]


def no_traceback(stderr: str) -> bool:
    """No traceback but Scrapy's own race at the close of its HTTP connection pool (its timeout
    calls back a Deferred the pool already called back: ``AlreadyCalledError`` from
    ``HTTP11DownloadHandler.close``, seen on a loaded machine after large downloads)."""
    blocks = stderr.split("Traceback (most recent call last):")[1:]
    return all("raise AlreadyCalledError" in block.split("\n\n")[0] for block in blocks)


def validate(archive: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_archiver(["validate", str(archive)], env)


@dataclass
class Measured:
    """A finished process: its result, wall time and the peak RSS of its whole process tree."""

    done: subprocess.CompletedProcess[str]
    seconds: float
    peak_rss: int


def run_measured(args: list[str], env: dict[str, str], timeout: float = 120) -> Measured:
    """Run ``archiver ARGS``, sampling the summed RSS of it and its children every 20 ms."""
    import psutil

    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "archiver", *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    peak = 0
    outputs: list[str] = []
    reader = threading.Thread(target=lambda: outputs.extend(process.communicate()), daemon=True)
    reader.start()
    tree = psutil.Process(process.pid)
    while process.poll() is None:
        assert time.monotonic() - started < timeout, f"still running after {timeout} s"
        try:
            procs = [tree, *tree.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    reader.join()
    seconds = time.monotonic() - started
    done = subprocess.CompletedProcess(process.args, process.returncode, *outputs)
    return Measured(done, seconds, peak)
